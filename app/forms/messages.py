"""The form engine's messages (codes `forms.*`): what is wrong with a form definition (refused at import) and with
an answer (shown under the field). Chinese source text here, English in `app/i18n/yunban_en.ts`.

Contract: definition problems are raised as `FormDefinitionError(PROBLEM, field_id, **params)`, framed by
`DEFINITION` or `FIELD`; answer problems become `FieldError`s rendered in both languages.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

# ------------------------------------------------------------------------------------------- a form definition
DEFINITION = Message("forms.definition", QT_TRANSLATE_NOOP("messages", "表单定义：{problem}"))
FIELD = Message("forms.field", QT_TRANSLATE_NOOP("messages", "表单字段 '{field}'：{problem}"))

DOCUMENT_SHAPE = Message("forms.document_shape", QT_TRANSLATE_NOOP("messages", "应为包含 version 和 fields 的映射"))
UNKNOWN_KEY = Message("forms.unknown_key", QT_TRANSLATE_NOOP("messages", "未知的键 '{key}'"))
BAD_VERSION = Message("forms.bad_version", QT_TRANSLATE_NOOP("messages", "version 应为正整数"))
NO_FIELDS = Message("forms.no_fields", QT_TRANSLATE_NOOP("messages", "fields 应为非空列表"))
FIELD_NOT_MAPPING = Message("forms.field_not_mapping", QT_TRANSLATE_NOOP("messages", "第 {n} 个字段应为映射"))
BAD_FIELD_ID = Message(
    "forms.bad_field_id",
    QT_TRANSLATE_NOOP("messages", "第 {n} 个字段的 id {id} 无效（字母开头，字母、数字、下划线，最长 64）"),
)
DUPLICATE_ID = Message("forms.duplicate_id", QT_TRANSLATE_NOOP("messages", "字段 id 重复"))
UNKNOWN_TYPE = Message("forms.unknown_type", QT_TRANSLATE_NOOP("messages", "未知的字段类型 '{type}'（可用：{known}）"))
MISSING_KEY = Message("forms.missing_key", QT_TRANSLATE_NOOP("messages", "缺少 {key}"))
NOT_TEXT = Message("forms.not_text", QT_TRANSLATE_NOOP("messages", "{key} 应为非空文字"))
REQUIRED_NOT_BOOL = Message("forms.required_not_bool", QT_TRANSLATE_NOOP("messages", "required 应为 true 或 false"))
MATERIAL_MISSING = Message(
    "forms.material_missing", QT_TRANSLATE_NOOP("messages", "材料字段缺少 material（本事项的材料 id）")
)
MATERIAL_UNKNOWN = Message(
    "forms.material_unknown", QT_TRANSLATE_NOOP("messages", "material '{material}' 不是本事项的材料")
)
MATERIAL_NOT_ALLOWED = Message(
    "forms.material_not_allowed", QT_TRANSLATE_NOOP("messages", "只有材料字段可以有 material")
)
VALIDATION_NOT_MAPPING = Message("forms.validation_not_mapping", QT_TRANSLATE_NOOP("messages", "validation 应为映射"))
VALIDATION_UNKNOWN_KEY = Message(
    "forms.validation_unknown_key", QT_TRANSLATE_NOOP("messages", "validation 中有未知的键 '{key}'")
)
VALIDATION_NOT_DATE = Message(
    "forms.validation_not_date", QT_TRANSLATE_NOOP("messages", "validation.{key} 应为日期（YYYY-MM-DD 或 today）")
)
VALIDATION_NOT_NUMBER = Message(
    "forms.validation_not_number", QT_TRANSLATE_NOOP("messages", "validation.{key} 应为数字")
)
REGEX_NOT_TEXT = Message("forms.regex_not_text", QT_TRANSLATE_NOOP("messages", "validation.regex 应为文字"))
BAD_REGEX = Message("forms.bad_regex", QT_TRANSLATE_NOOP("messages", "正则表达式无效：{error}"))
REGEX_NOT_ALLOWED = Message("forms.regex_not_allowed", QT_TRANSLATE_NOOP("messages", "{type} 类型的字段不能用 regex"))
RANGE_NOT_ALLOWED = Message("forms.range_not_allowed", QT_TRANSLATE_NOOP("messages", "{type} 类型的字段不能用 min/max"))
MIN_ABOVE_MAX = Message("forms.min_above_max", QT_TRANSLATE_NOOP("messages", "validation.min 大于 max"))
BAD_MAX_LENGTH = Message(
    "forms.bad_max_length", QT_TRANSLATE_NOOP("messages", "validation.max_length 应为 1 到 {ceiling} 之间的整数")
)
UNKNOWN_VALIDATOR = Message(
    "forms.unknown_validator", QT_TRANSLATE_NOOP("messages", "未知的校验器 '{validator}'（可用：{known}）")
)
VALIDATOR_NOT_ALLOWED = Message(
    "forms.validator_not_allowed", QT_TRANSLATE_NOOP("messages", "{type} 类型的字段不能用校验器")
)
INTEGER_NOT_BOOL = Message(
    "forms.integer_not_bool", QT_TRANSLATE_NOOP("messages", "validation.integer 应为 true 或 false")
)
INTEGER_NOT_ALLOWED = Message(
    "forms.integer_not_allowed", QT_TRANSLATE_NOOP("messages", "{type} 类型的字段不能用 validation.integer")
)
CONDITION_SHAPE = Message(
    "forms.condition_shape", QT_TRANSLATE_NOOP("messages", "{key} 应为 {{field, equals}} 或 {{field, in}}")
)
CONDITION_UNKNOWN_KEY = Message(
    "forms.condition_unknown_key", QT_TRANSLATE_NOOP("messages", "{key} 中有未知的键 '{extra}'")
)
CONDITION_ONE_OF = Message("forms.condition_one_of", QT_TRANSLATE_NOOP("messages", "{key} 需要 equals 或 in 二者之一"))
CONDITION_EMPTY_IN = Message("forms.condition_empty_in", QT_TRANSLATE_NOOP("messages", "{key}.in 应为非空列表"))
CONDITION_SELF = Message("forms.condition_self", QT_TRANSLATE_NOOP("messages", "{key} 引用了字段自身"))
CONDITION_MISSING_FIELD = Message(
    "forms.condition_missing_field", QT_TRANSLATE_NOOP("messages", "{key} 引用了不存在的字段 '{target}'")
)
CONDITION_BAD_TARGET = Message(
    "forms.condition_bad_target", QT_TRANSLATE_NOOP("messages", "{key} 不能依据 {type} 字段 '{target}'")
)
SHOW_IF_CYCLE = Message("forms.show_if_cycle", QT_TRANSLATE_NOOP("messages", "show_if 条件形成了循环"))
OPTIONS_NOT_ALLOWED = Message(
    "forms.options_not_allowed", QT_TRANSLATE_NOOP("messages", "{type} 类型的字段不能有 options")
)
NO_OPTIONS = Message("forms.no_options", QT_TRANSLATE_NOOP("messages", "选择题需要至少一个选项（options）"))
OPTION_SHAPE = Message("forms.option_shape", QT_TRANSLATE_NOOP("messages", "每个选项需要 value 和 label"))
OPTION_VALUE_TYPE = Message("forms.option_value_type", QT_TRANSLATE_NOOP("messages", "选项的 value 应为文字或整数"))
DUPLICATE_OPTION = Message("forms.duplicate_option", QT_TRANSLATE_NOOP("messages", "选项值 '{value}' 重复"))
PREFILL_NOT_TEXT = Message("forms.prefill_not_text", QT_TRANSLATE_NOOP("messages", "prefill 应为文字"))
UNKNOWN_PREFILL = Message(
    "forms.unknown_prefill",
    QT_TRANSLATE_NOOP(
        "messages", "未知的预填来源 '{source}'（可用：card.<读卡字段>、terminal.division、session.<字段id>）"
    ),
)

# ------------------------------------------------------------------------------ an answer (FieldError.message)
REQUIRED = Message("forms.required", QT_TRANSLATE_NOOP("messages", "请填写此项"))
REQUIRED_CHOICE = Message("forms.required_choice", QT_TRANSLATE_NOOP("messages", "请选择此项"))
REQUIRED_MATERIAL = Message("forms.required_material", QT_TRANSLATE_NOOP("messages", "请提供此材料"))
REQUIRED_SIGNATURE = Message("forms.required_signature", QT_TRANSLATE_NOOP("messages", "请在框内签名"))
TOO_LONG = Message(
    "forms.too_long", QT_TRANSLATE_NOOP("messages", "内容太长：此项最多 {cap:,} 个字，现在有 {length:,} 个字")
)
BAD_VALUE = Message("forms.bad_value", QT_TRANSLATE_NOOP("messages", "答案的格式不对，请重新填写"))
NOT_NUMBER = Message("forms.not_number", QT_TRANSLATE_NOOP("messages", "请填写数字"))
NOT_AMOUNT = Message("forms.not_amount", QT_TRANSLATE_NOOP("messages", "请填写金额（元），例如 1250.50"))
AMOUNT_PRECISION = Message("forms.amount_precision", QT_TRANSLATE_NOOP("messages", "金额最多精确到分（两位小数）"))
AMOUNT_NEGATIVE = Message("forms.amount_negative", QT_TRANSLATE_NOOP("messages", "金额不能是负数"))
BELOW_MIN = Message("forms.below_min", QT_TRANSLATE_NOOP("messages", "不能小于 {bound}"))
ABOVE_MAX = Message("forms.above_max", QT_TRANSLATE_NOOP("messages", "不能大于 {bound}"))
NOT_DATE = Message("forms.not_date", QT_TRANSLATE_NOOP("messages", "请选择完整、真实的日期（年-月-日）"))
DATE_BEFORE_MIN = Message("forms.date_before_min", QT_TRANSLATE_NOOP("messages", "日期不能早于 {date}"))
DATE_AFTER_MAX = Message("forms.date_after_max", QT_TRANSLATE_NOOP("messages", "日期不能晚于 {date}"))
NOT_YESNO = Message("forms.not_yesno", QT_TRANSLATE_NOOP("messages", "请选择“是”或“否”"))
NOT_OPTION = Message("forms.not_option", QT_TRANSLATE_NOOP("messages", "请从选项中选择"))
NOT_DIVISION = Message("forms.not_division", QT_TRANSLATE_NOOP("messages", "请选择行政区划"))
NOT_SIGNATURE = Message("forms.not_signature", QT_TRANSLATE_NOOP("messages", "签名无效，请重新签名"))
BAD_PAGES = Message("forms.bad_pages", QT_TRANSLATE_NOOP("messages", "材料页面有误，请重新扫描"))
BAD_FORMAT = Message("forms.bad_format", QT_TRANSLATE_NOOP("messages", "格式不正确"))
BAD_FORMAT_HINT = Message("forms.bad_format_hint", QT_TRANSLATE_NOOP("messages", "格式不正确：{hint}"))
BAD_PHONE = Message(
    "forms.bad_phone", QT_TRANSLATE_NOOP("messages", "请填写11位手机号码，或带区号的固定电话，例如 0873-7652301")
)
BAD_ID_NUMBER = Message("forms.bad_id_number", QT_TRANSLATE_NOOP("messages", "身份号码无效"))
NOT_INTEGER = Message("forms.not_integer", QT_TRANSLATE_NOOP("messages", "请填写整数"))
CONTROL_CHARS = Message(
    "forms.control_chars", QT_TRANSLATE_NOOP("messages", "含有不可见的控制字符或文字方向符号，请重新填写")
)
BAD_USCC = Message("forms.bad_uscc", QT_TRANSLATE_NOOP("messages", "统一社会信用代码无效"))
