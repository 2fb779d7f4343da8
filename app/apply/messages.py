"""The messages of every error applying raises (`UserError(MESSAGE, **params)`): Chinese source, English in
app/i18n/yunban_en.ts (context `messages`). Codes are `apply.*` and stable: programs and `--json` rely on them."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

# ------------------------------------------------------------------------------------------------ session

SESSION_WIPED = Message("apply.session_wiped", QT_TRANSLATE_NOOP("messages", "会话已结束，请重新开始"))
UNKNOWN_CHANNEL = Message(
    "apply.unknown_channel", QT_TRANSLATE_NOOP("messages", "未知的办理渠道「{channel}」（可选：{known}）")
)
THEME_NOT_BUNDLE = Message(
    "apply.theme_not_bundle", QT_TRANSLATE_NOOP("messages", "主题 {theme}（{code}）不是一件事联办，请选择其中的事项")
)
FORM_INVALID = Message("apply.form_invalid", QT_TRANSLATE_NOOP("messages", "事项表单定义有误，无法申请（{detail}）"))
THEME_MAPPING_INVALID = Message(
    "apply.theme_mapping_invalid",
    QT_TRANSLATE_NOOP("messages", "一件事主题的字段或材料对应有误，无法申请（{detail}）"),
)
PHOTO_FORMAT = Message(
    "apply.photo_format", QT_TRANSLATE_NOOP("messages", "证件照片格式「{format}」不对，应为 {formats}")
)
PHOTO_NOT_BASE64 = Message("apply.photo_not_base64", QT_TRANSLATE_NOOP("messages", "证件照片数据不是有效的 base64"))
NO_SUCH_FIELD = Message("apply.no_such_field", QT_TRANSLATE_NOOP("messages", "表单没有这个字段：{field}"))

# ------------------------------------------------------------------------------------------------ materials

NO_SUCH_MATERIAL = Message("apply.no_such_material", QT_TRANSLATE_NOOP("messages", "没有这个材料：{slot}"))
FILE_TOO_LARGE = Message("apply.file_too_large", QT_TRANSLATE_NOOP("messages", "文件过大（上限 {limit_mb} MB）"))
CANNOT_READ_FILE = Message("apply.cannot_read_file", QT_TRANSLATE_NOOP("messages", "无法读取文件 {name}（{reason}）"))
EMPTY_PAGE = Message("apply.empty_page", QT_TRANSLATE_NOOP("messages", "空文件"))
NOT_REGULAR_FILE = Message(
    "apply.not_regular_file", QT_TRANSLATE_NOOP("messages", "{name} 不是普通文件（{kind}），只接受普通文件")
)
NOT_A_DOCUMENT = Message(
    "apply.not_a_document",
    QT_TRANSLATE_NOOP("messages", "{name} 不是图片或 PDF：材料只接受 JPEG、PNG、TIFF 图片或 PDF 文件"),
)
DOCUMENT_DAMAGED = Message(
    "apply.document_damaged", QT_TRANSLATE_NOOP("messages", "{name} 已损坏或无法打开，请重新扫描或换一个文件")
)
NOT_JSON = Message("apply.not_json", QT_TRANSLATE_NOOP("messages", "{option} {name} 不是有效的 JSON：{error}"))
JSON_TOO_DEEP = Message(
    "apply.json_too_deep", QT_TRANSLATE_NOOP("messages", "{option} {name} 嵌套过深（最多 {limit} 层）")
)
NO_SCANNER = Message("apply.no_scanner", QT_TRANSLATE_NOOP("messages", "未配置扫描仪"))
NO_SUCH_PAGE = Message("apply.no_such_page", QT_TRANSLATE_NOOP("messages", "没有第 {page} 页"))
DEFERRAL_NOT_ALLOWED = Message(
    "apply.deferral_not_allowed", QT_TRANSLATE_NOOP("messages", "本事项不支持容缺受理，「{material}」须现在提供")
)

# ------------------------------------------------------------------------------------------------ finalise

CARD_REFUSED = Message("apply.card_refused", QT_TRANSLATE_NOOP("messages", "{reason}"))
"""`reason` is the session's refusal (`app.apply.session.CardRefused`: raised with the refusal's own message and
parameters, `ApplySession.refusal_note`, so that `message(language)` says all of it in that language)."""
FORM_HAS_ERRORS = Message(
    "apply.form_has_errors", QT_TRANSLATE_NOOP("messages", "表单还有 {count} 处需要修改（{first}）")
)
MATERIALS_MISSING = Message("apply.materials_missing", QT_TRANSLATE_NOOP("messages", "还缺少必需的材料：{materials}"))
CONSENT_REQUIRED = Message(
    "apply.consent_required",
    QT_TRANSLATE_NOOP("messages", "申请人尚未同意告知承诺，不能提交：请先阅读并同意告知承诺"),
)
"""Every channel: the citizen agrees to the 告知承诺 (`CONSENT_TEXT`) before a submission is made."""

# ------------------------------------------------------------------------------------------------ receipts, drafts

NO_SUCH_RECEIPT = Message("apply.no_such_receipt", QT_TRANSLATE_NOOP("messages", "本终端没有受理编号 {number} 的记录"))
NO_KEPT_DRAFT = Message("apply.no_kept_draft", QT_TRANSLATE_NOOP("messages", "没有找到保留的草稿 {code}"))
NO_SUCH_DRAFT = Message(
    "apply.no_such_draft", QT_TRANSLATE_NOOP("messages", "没有找到草稿 {code}（保留的草稿 {days} 天后自动删除）")
)
DRAFT_EXPIRED = Message(
    "apply.draft_expired",
    QT_TRANSLATE_NOOP("messages", "草稿 {code} 已超过保留期限（保留至 {until}），已删除，请重新申请"),
)

# ------------------------------------------------------------------------------------------------ after the service

INVALID_RECEIPT_NUMBER = Message(
    "apply.invalid_receipt_number", QT_TRANSLATE_NOOP("messages", "受理编号格式或校验位不对：{number}")
)
UNKNOWN_RATING_LEVEL = Message(
    "apply.unknown_rating_level", QT_TRANSLATE_NOOP("messages", "评价等级「{level}」不对，应为 {levels} 之一")
)
RATING_NEEDS_REASON = Message("apply.rating_needs_reason", QT_TRANSLATE_NOOP("messages", "差评请至少选择一个原因"))
RATING_TOO_LONG = Message("apply.rating_too_long", QT_TRANSLATE_NOOP("messages", "评价内容过长（上限 {limit} 字）"))
RATING_REASON_BLANK = Message(
    "apply.rating_reason_blank",
    QT_TRANSLATE_NOOP("messages", "差评必须说明理由：原因不能为空白或只有标点，请选择原因或写明具体情况"),
)
RATING_OTHER_NEEDS_TEXT = Message(
    "apply.rating_other_needs_text", QT_TRANSLATE_NOOP("messages", "选择「其他」时请写明具体原因")
)
RATING_UNKNOWN_RECEIPT = Message(
    "apply.rating_unknown_receipt",
    QT_TRANSLATE_NOOP(
        "messages", "受理编号 {number} 不是本终端出具的，请同时输入回执上的校验码（二维码下方「校验码」后的 8 位）"
    ),
)
CHECK_CODE_NEEDED = Message(
    "apply.check_code_needed",
    QT_TRANSLATE_NOOP(
        "messages", "请同时输入校验码：印在受理回执二维码下方「校验码」后的 8 位字母数字；也可以扫描回执二维码"
    ),
)
CHECK_CODE_WRONG = Message(
    "apply.check_code_wrong",
    QT_TRANSLATE_NOOP("messages", "校验码与受理编号不符，请核对回执二维码下方「校验码」后的 8 位"),
)
CHECK_CODE_MALFORMED = Message(
    "apply.check_code_malformed",
    QT_TRANSLATE_NOOP("messages", "校验码应为 8 位数字或字母 A–F（印在回执二维码下方），收到：{code}"),
)
CONTACT_PHONE_INVALID = Message(
    "apply.contact_phone_invalid", QT_TRANSLATE_NOOP("messages", "联系电话「{phone}」不对，应为 7–12 位数字")
)
UNKNOWN_COMPLAINT_KIND = Message(
    "apply.unknown_complaint_kind", QT_TRANSLATE_NOOP("messages", "咨询投诉的类型「{kind}」不对，应为 {known} 之一")
)
UNKNOWN_COMPLAINT_SUBJECT = Message(
    "apply.unknown_complaint_subject",
    QT_TRANSLATE_NOOP("messages", "咨询投诉的对象「{subject}」不对，应为 {known} 之一"),
)
COMPLAINT_EMPTY = Message("apply.complaint_empty", QT_TRANSLATE_NOOP("messages", "请填写内容"))
COMPLAINT_TOO_LONG = Message("apply.complaint_too_long", QT_TRANSLATE_NOOP("messages", "内容过长（上限 {limit} 字）"))
NO_DOCUMENT_CAMERA = Message("apply.no_document_camera", QT_TRANSLATE_NOOP("messages", "未配置高拍仪"))

# ------------------------------------------------------------------------------------------------ truthful flow

CORRECTION_REASON = Message(
    "apply.correction_reason", QT_TRANSLATE_NOOP("messages", "更正身份证读取的信息需要说明原因")
)

# ------------------------------------------------------------------------------------------------ the card's expiry
# What laying an expired (or nearly expired) card says; `doc` and `renew` are themselves messages below.

CARD_DOC_ID = Message("apply.card_doc_id", QT_TRANSLATE_NOOP("messages", "身份证"))
CARD_DOC_SOCIAL = Message("apply.card_doc_social", QT_TRANSLATE_NOOP("messages", "社会保障卡"))
CARD_DOC_OTHER = Message("apply.card_doc_other", QT_TRANSLATE_NOOP("messages", "证件"))
CARD_RENEW_ID = Message(
    "apply.card_renew_id",
    QT_TRANSLATE_NOOP("messages", "请先办理居民身份证换领（换领期间可申领临时居民身份证）"),
)
CARD_RENEW_SOCIAL = Message(
    "apply.card_renew_social", QT_TRANSLATE_NOOP("messages", "请先到社保经办机构或合作银行补换社会保障卡")
)
CARD_RENEW_OTHER = Message("apply.card_renew_other", QT_TRANSLATE_NOOP("messages", "请先办理证件换领"))
CARD_EXPIRED_RENEWAL = Message(
    "apply.card_expired_renewal", QT_TRANSLATE_NOOP("messages", "证件已于 {end} 过期：本事项可受理换领，请核对信息。")
)
CARD_EXPIRED_REFUSED = Message(
    "apply.card_expired_refused",
    QT_TRANSLATE_NOOP(
        "messages",
        "您的{doc}已过期（有效期至 {end}），「{item}」须持有效期内的证件办理。{renew}，或携带其他有效证件到窗口办理。",
    ),
)
CARD_EXPIRED_WARN = Message(
    "apply.card_expired_warn",
    QT_TRANSLATE_NOOP("messages", "您的{doc}已过期（有效期至 {end}），请尽快换领；本事项仍可申请。"),
)
CARD_NEAR_EXPIRY = Message(
    "apply.card_near_expiry", QT_TRANSLATE_NOOP("messages", "您的{doc}将于 {end} 到期，请留意及时换领。")
)
