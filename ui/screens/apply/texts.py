"""User-facing texts of the apply, status, evaluation and complaint screens: Chinese source strings marked for
lupdate (context `ApplyTexts`), English in `app/i18n/yunban_en.ts`.

Contract: `t(key, language, **values)` translates at call time (no QApplication needed, so the language argument
decides) and formats `values`; without values it returns the template unformatted.
"""

from __future__ import annotations

from collections.abc import Callable

from app.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["CONTEXT", "Lang", "T", "t"]

CONTEXT = "ApplyTexts"

Lang = Callable[[], str]
"""Returns the kiosk's current language (`zh_CN` or `en`)."""

T: dict[str, str] = {
    # 我要办理: choosing
    "apply_title": QT_TRANSLATE_NOOP("ApplyTexts", "我要办理"),
    "pick_hint": QT_TRANSLATE_NOOP("ApplyTexts", "请输入事项名称查找，或选择下方的「一件事」联办主题。"),
    "pick_search": QT_TRANSLATE_NOOP("ApplyTexts", "输入事项名称，如：身份证"),
    "themes": QT_TRANSLATE_NOOP("ApplyTexts", "一件事 · 联办主题"),
    "resume": QT_TRANSLATE_NOOP("ApplyTexts", "继续办理已保存的草稿"),
    "draft_code": QT_TRANSLATE_NOOP("ApplyTexts", "草稿编号"),
    "open_draft": QT_TRANSLATE_NOOP("ApplyTexts", "打开草稿"),
    "loading": QT_TRANSLATE_NOOP("ApplyTexts", "正在准备，请稍候…"),
    # the whole flow's steps (读卡 › 填表 › 材料 › 核对 › 回执)
    "step_card": QT_TRANSLATE_NOOP("ApplyTexts", "读卡"),
    "step_form": QT_TRANSLATE_NOOP("ApplyTexts", "填表"),
    "step_materials": QT_TRANSLATE_NOOP("ApplyTexts", "材料"),
    "step_review": QT_TRANSLATE_NOOP("ApplyTexts", "核对"),
    "step_done": QT_TRANSLATE_NOOP("ApplyTexts", "回执"),
    "step_of": QT_TRANSLATE_NOOP("ApplyTexts", "第 {n} 步，共 {total} 步：{name}"),
    "form_page": QT_TRANSLATE_NOOP("ApplyTexts", "（第 {n}/{total} 页）"),
    "pre_tag": QT_TRANSLATE_NOOP("ApplyTexts", "预申请"),
    # 预申请: an item the kiosk cannot accept whole
    "counter_title": QT_TRANSLATE_NOOP("ApplyTexts", "本事项需要到窗口办理"),
    "counter_why": QT_TRANSLATE_NOOP(
        "ApplyTexts", "「{item}」不能在自助终端完成受理，需要本人到窗口办理。您可以先在这里填写预申请，到窗口时少排队。"
    ),
    "counter_place": QT_TRANSLATE_NOOP("ApplyTexts", "办理地点"),
    "counter_department": QT_TRANSLATE_NOOP("ApplyTexts", "实施部门"),
    "counter_hours": QT_TRANSLATE_NOOP("ApplyTexts", "办理时间"),
    "counter_phone": QT_TRANSLATE_NOOP("ApplyTexts", "咨询电话"),
    "counter_fee": QT_TRANSLATE_NOOP("ApplyTexts", "收费"),
    "counter_free": QT_TRANSLATE_NOOP("ApplyTexts", "不收费"),
    "counter_on_site": QT_TRANSLATE_NOOP("ApplyTexts", "须在窗口现场办理"),
    "counter_bring": QT_TRANSLATE_NOOP("ApplyTexts", "请带上"),
    "counter_unknown": QT_TRANSLATE_NOOP("ApplyTexts", "本终端所在地区暂无实施主体，请到服务窗口咨询。"),
    "pre_apply": QT_TRANSLATE_NOOP("ApplyTexts", "先填写预申请"),
    "pre_hint": QT_TRANSLATE_NOOP(
        "ApplyTexts", "预申请不是受理：打印的是预申请回执，请带上回执、身份证和材料到上面的窗口完成办理。"
    ),
    # card
    "card_title": QT_TRANSLATE_NOOP("ApplyTexts", "请将身份证放在读卡区"),
    "card_hint": QT_TRANSLATE_NOOP("ApplyTexts", "读卡后将自动填写姓名、证件号码等信息。没有身份证也可以手工填写。"),
    "read_card": QT_TRANSLATE_NOOP("ApplyTexts", "读卡"),
    "manual": QT_TRANSLATE_NOOP("ApplyTexts", "手工填写"),
    "reading": QT_TRANSLATE_NOOP("ApplyTexts", "正在读卡，请不要移开证件…"),
    "card_ok": QT_TRANSLATE_NOOP("ApplyTexts", "已读取身份证，请核对下面的信息。"),
    "card_additional_address": QT_TRANSLATE_NOOP("ApplyTexts", "追加住址：{address}"),
    "card_failed": QT_TRANSLATE_NOOP("ApplyTexts", "读卡失败：{msg}"),
    # form
    "saving": QT_TRANSLATE_NOOP("ApplyTexts", "正在保存…"),
    "saved": QT_TRANSLATE_NOOP("ApplyTexts", "已自动保存"),
    # materials
    "materials_title": QT_TRANSLATE_NOOP("ApplyTexts", "提交申请材料"),
    "materials_hint": QT_TRANSLATE_NOOP(
        "ApplyTexts", "请将材料放在扫描区后点「扫描」。每份材料可以有多页，可重拍或删除。"
    ),
    "required": QT_TRANSLATE_NOOP("ApplyTexts", "必交"),
    "optional": QT_TRANSLATE_NOOP("ApplyTexts", "可选"),
    "scan": QT_TRANSLATE_NOOP("ApplyTexts", "扫描"),
    "import": QT_TRANSLATE_NOOP("ApplyTexts", "导入文件"),
    "defer": QT_TRANSLATE_NOOP("ApplyTexts", "容缺：以后到窗口补交"),
    "undefer": QT_TRANSLATE_NOOP("ApplyTexts", "取消容缺"),
    "deferred": QT_TRANSLATE_NOOP("ApplyTexts", "已选择容缺，请在承诺时间内到窗口补交。"),
    "no_defer": QT_TRANSLATE_NOOP("ApplyTexts", "本事项不支持容缺，须现在提供"),
    "pre_bring": QT_TRANSLATE_NOOP("ApplyTexts", "预申请：现在没有的，到窗口时带上"),
    "pages": QT_TRANSLATE_NOOP("ApplyTexts", "已收 {n} 页"),
    "page_n": QT_TRANSLATE_NOOP("ApplyTexts", "第 {n} 页"),
    "retake": QT_TRANSLATE_NOOP("ApplyTexts", "重拍"),
    "delete": QT_TRANSLATE_NOOP("ApplyTexts", "删除"),
    "scanning": QT_TRANSLATE_NOOP("ApplyTexts", "正在扫描，请不要移动材料…"),
    "scan_failed": QT_TRANSLATE_NOOP("ApplyTexts", "扫描失败：{msg}"),
    "to_review": QT_TRANSLATE_NOOP("ApplyTexts", "下一步：核对信息"),
    "to_materials": QT_TRANSLATE_NOOP("ApplyTexts", "下一步：提交材料"),
    "missing_n": QT_TRANSLATE_NOOP("ApplyTexts", "还缺 {n} 项：{names}"),
    "missing_none": QT_TRANSLATE_NOOP("ApplyTexts", "必交材料已齐全"),
    "from_card": QT_TRANSLATE_NOOP("ApplyTexts", "已读卡核验，无需扫描"),
    "to_deferred": QT_TRANSLATE_NOOP("ApplyTexts", "容缺受理：{n} 项以后到窗口补交"),
    "to_notice": QT_TRANSLATE_NOOP("ApplyTexts", "还缺 {n} 项：查看并打印一次性告知书"),
    "to_pre_review": QT_TRANSLATE_NOOP("ApplyTexts", "下一步：核对（缺的 {n} 项到窗口时带上）"),
    "back_to_materials": QT_TRANSLATE_NOOP("ApplyTexts", "返回补扫材料"),
    "back_to_form": QT_TRANSLATE_NOOP("ApplyTexts", "返回修改表单"),
    # review
    "review_title": QT_TRANSLATE_NOOP("ApplyTexts", "请核对您的申请"),
    "review_hint": QT_TRANSLATE_NOOP("ApplyTexts", "证件号码已部分隐藏。如需修改请点「返回修改」。"),
    "show_id": QT_TRANSLATE_NOOP("ApplyTexts", "按住查看完整号码"),
    "locked": QT_TRANSLATE_NOOP("ApplyTexts", "读自身份证（已锁定）"),
    "correct": QT_TRANSLATE_NOOP("ApplyTexts", "信息有误，更正"),
    "correct_why": QT_TRANSLATE_NOOP("ApplyTexts", "请选择更正的原因："),
    "reason_moved": QT_TRANSLATE_NOOP("ApplyTexts", "信息已变更（如住址已迁移）"),
    "reason_misread": QT_TRANSLATE_NOOP("ApplyTexts", "读卡信息有误"),
    "reason_other": QT_TRANSLATE_NOOP("ApplyTexts", "其他原因，到窗口说明"),
    "cancel": QT_TRANSLATE_NOOP("ApplyTexts", "取消"),
    "corrected": QT_TRANSLATE_NOOP("ApplyTexts", "已更正（原因：{reason}）"),
    "edit_id": QT_TRANSLATE_NOOP("ApplyTexts", "修改"),
    "consent_title": QT_TRANSLATE_NOOP("ApplyTexts", "告知承诺"),
    "consent_text": QT_TRANSLATE_NOOP(
        "ApplyTexts",
        "告知承诺：本人承诺所填写的信息和提交的材料真实、准确、完整，如有虚假，愿意承担相应的法律责任；"
        "同意政务服务部门为办理本事项查询、核验和使用上述信息。",
    ),
    "consent_agree": QT_TRANSLATE_NOOP("ApplyTexts", "我已阅读并同意以上承诺"),
    "consent_first": QT_TRANSLATE_NOOP("ApplyTexts", "请先阅读告知承诺，并点「我已阅读并同意以上承诺」"),
    "confirm_pre": QT_TRANSLATE_NOOP("ApplyTexts", "确认提交预申请"),
    "items_applied": QT_TRANSLATE_NOOP("ApplyTexts", "本次一并办理 {n} 个事项"),
    "received": QT_TRANSLATE_NOOP("ApplyTexts", "已收材料"),
    "deferred_list": QT_TRANSLATE_NOOP("ApplyTexts", "容缺补交"),
    "owed": QT_TRANSLATE_NOOP("ApplyTexts", "还缺少"),
    "shared": QT_TRANSLATE_NOOP("ApplyTexts", "免提交（部门共享）"),
    "promised": QT_TRANSLATE_NOOP("ApplyTexts", "承诺办结日期"),
    "errors_left": QT_TRANSLATE_NOOP("ApplyTexts", "还有 {n} 处需要修改"),
    "change": QT_TRANSLATE_NOOP("ApplyTexts", "返回修改"),
    "confirm": QT_TRANSLATE_NOOP("ApplyTexts", "确认提交"),
    "submitting": QT_TRANSLATE_NOOP("ApplyTexts", "正在提交，请稍候…"),
    "none": QT_TRANSLATE_NOOP("ApplyTexts", "无"),
    "pages_of": QT_TRANSLATE_NOOP("ApplyTexts", "{name}（{n} 页）"),
    # notice
    "notice_title": QT_TRANSLATE_NOOP("ApplyTexts", "一次性告知：还需要以下材料"),
    "notice_hint": QT_TRANSLATE_NOOP(
        "ApplyTexts", "本事项不支持容缺受理。请备齐下列材料后再来办理，一次性告知书可以打印带走。"
    ),
    "print_notice": QT_TRANSLATE_NOOP("ApplyTexts", "打印一次性告知书"),
    "notice_printed": QT_TRANSLATE_NOOP("ApplyTexts", "一次性告知书已打印，请取走。"),
    # done
    "done_title": QT_TRANSLATE_NOOP("ApplyTexts", "申请已提交"),
    "done_pre_title": QT_TRANSLATE_NOOP("ApplyTexts", "预申请已提交（尚未受理）"),
    "pre_no": QT_TRANSLATE_NOOP("ApplyTexts", "预申请编号"),
    "take_card": QT_TRANSLATE_NOOP("ApplyTexts", "请取回您的身份证"),
    "next_title": QT_TRANSLATE_NOOP("ApplyTexts", "下一步"),
    "next_pre": QT_TRANSLATE_NOOP(
        "ApplyTexts", "请本人带上预申请回执、身份证和材料，到下面的窗口完成正式受理；承诺时限从正式受理起算。"
    ),
    "next_wait": QT_TRANSLATE_NOOP("ApplyTexts", "请等待办理，{date} 前办结；可凭受理编号查询进度。"),
    "next_wait_nodate": QT_TRANSLATE_NOOP("ApplyTexts", "请等待办理，可凭受理编号查询进度。"),
    "next_bring": QT_TRANSLATE_NOOP("ApplyTexts", "容缺的材料请在办结前补交到窗口：{names}"),
    "pickup": QT_TRANSLATE_NOOP("ApplyTexts", "领取地点"),
    "receipt_no": QT_TRANSLATE_NOOP("ApplyTexts", "受理编号"),
    "printed": QT_TRANSLATE_NOOP("ApplyTexts", "请取走打印的受理回执，凭受理编号查询进度。"),
    "printed_pre": QT_TRANSLATE_NOOP("ApplyTexts", "请取走打印的预申请回执，到窗口时出示。"),
    "paper_out": QT_TRANSLATE_NOOP(
        "ApplyTexts", "申请已经提交成功。回执暂时无法打印，已保留在终端，请到服务窗口补打回执。"
    ),
    "rate": QT_TRANSLATE_NOOP("ApplyTexts", "评价本次服务"),
    "home": QT_TRANSLATE_NOOP("ApplyTexts", "返回首页"),
    # keep draft
    "keep_title": QT_TRANSLATE_NOOP("ApplyTexts", "要保留已填写的内容吗？"),
    "keep_hint": QT_TRANSLATE_NOOP("ApplyTexts", "保留后凭草稿编号可以继续办理；不保留则立即清除。"),
    "keep": QT_TRANSLATE_NOOP("ApplyTexts", "保留草稿"),
    "drop": QT_TRANSLATE_NOOP("ApplyTexts", "不保留，清除"),
    "stay": QT_TRANSLATE_NOOP("ApplyTexts", "继续填写"),
    "kept": QT_TRANSLATE_NOOP("ApplyTexts", "草稿已保留，草稿编号：{code}\n请记下编号，凭编号可继续办理。"),
    "draft_slip_printing": QT_TRANSLATE_NOOP("ApplyTexts", "正在打印草稿保存凭条…"),
    "draft_slip_printed": QT_TRANSLATE_NOOP("ApplyTexts", "草稿保存凭条已打印，请取走。"),
    "draft_slip_failed": QT_TRANSLATE_NOOP("ApplyTexts", "草稿已保留，但凭条未能打印，请记下上面的草稿编号。{msg}"),
    # evaluate
    "eval_title": QT_TRANSLATE_NOOP("ApplyTexts", "请对本次服务评价（好差评）"),
    "eval_hint": QT_TRANSLATE_NOOP("ApplyTexts", "点一个评价即可；不评价直接返回也可以。"),
    "eval_receipt": QT_TRANSLATE_NOOP("ApplyTexts", "受理编号"),
    "reasons": QT_TRANSLATE_NOOP("ApplyTexts", "请选择不满意的原因（可多选）"),
    "eval_text": QT_TRANSLATE_NOOP("ApplyTexts", "其他意见（可不填）"),
    "submit_rating": QT_TRANSLATE_NOOP("ApplyTexts", "提交评价"),
    "skip": QT_TRANSLATE_NOOP("ApplyTexts", "不评价，返回首页"),
    "reason_needed": QT_TRANSLATE_NOOP("ApplyTexts", "请至少选择一个原因"),
    "level_needed": QT_TRANSLATE_NOOP("ApplyTexts", "请先选择一个评价"),
    "thanks": QT_TRANSLATE_NOOP("ApplyTexts", "感谢您的评价！"),
    "check_code": QT_TRANSLATE_NOOP("ApplyTexts", "校验码（受理回执二维码下方「校验码」后的 8 位）"),
    "rating_phone": QT_TRANSLATE_NOOP("ApplyTexts", "联系电话（可不填；留下号码，工作人员会回访整改情况）"),
    "replaced": QT_TRANSLATE_NOOP("ApplyTexts", "感谢您的评价！已替换您对这次服务先前的评价。"),
    "rating_label": QT_TRANSLATE_NOOP("ApplyTexts", "评价"),
    "followup.pending": QT_TRANSLATE_NOOP("ApplyTexts", "差评待核实整改"),
    "followup.in_progress": QT_TRANSLATE_NOOP("ApplyTexts", "差评整改中"),
    "followup.resolved": QT_TRANSLATE_NOOP("ApplyTexts", "差评已整改"),
    "followup.refused": QT_TRANSLATE_NOOP("ApplyTexts", "评价未被平台采纳（校验码与受理编号不符）"),
    # status
    "status_title": QT_TRANSLATE_NOOP("ApplyTexts", "进度查询"),
    "status_hint": QT_TRANSLATE_NOOP(
        "ApplyTexts", "请输入受理回执上的受理编号（25 位）和校验码（二维码下方的 8 位），或扫描回执二维码。"
    ),
    "query": QT_TRANSLATE_NOOP("ApplyTexts", "查询"),
    "clear": QT_TRANSLATE_NOOP("ApplyTexts", "清空"),
    "not_found": QT_TRANSLATE_NOOP("ApplyTexts", "没有找到这个受理编号，请核对后重新输入。"),
    "status_pending": QT_TRANSLATE_NOOP("ApplyTexts", "已在本终端受理，等待上传到政务服务平台"),
    "status_pre": QT_TRANSLATE_NOOP("ApplyTexts", "预申请，尚未受理：请本人带上回执、身份证和材料到窗口办理"),
    "last_heard": QT_TRANSLATE_NOOP("ApplyTexts", "本终端最近一次与平台同步：{at}"),
    "never_heard": QT_TRANSLATE_NOOP("ApplyTexts", "本终端尚未与平台同步"),
    "submitted_at": QT_TRANSLATE_NOOP("ApplyTexts", "受理时间"),
    "state": QT_TRANSLATE_NOOP("ApplyTexts", "办理状态"),
    "delivery": QT_TRANSLATE_NOOP("ApplyTexts", "上传状态"),
    "complaints": QT_TRANSLATE_NOOP("ApplyTexts", "相关咨询投诉"),
    "scan_qr": QT_TRANSLATE_NOOP("ApplyTexts", "扫描回执二维码"),
    "qr_prompt": QT_TRANSLATE_NOOP("ApplyTexts", "请将回执二维码放在高拍仪下，二维码朝上，保持不动。"),
    "qr_cancel": QT_TRANSLATE_NOOP("ApplyTexts", "取消扫描"),
    "qr_failed": QT_TRANSLATE_NOOP("ApplyTexts", "没有读到二维码：{msg}"),
    # complaint
    "consult_title": QT_TRANSLATE_NOOP("ApplyTexts", "咨询投诉"),
    "kind": QT_TRANSLATE_NOOP("ApplyTexts", "类型"),
    "consultation": QT_TRANSLATE_NOOP("ApplyTexts", "咨询"),
    "complaint": QT_TRANSLATE_NOOP("ApplyTexts", "投诉"),
    "subject": QT_TRANSLATE_NOOP("ApplyTexts", "关于"),
    "subject_item": QT_TRANSLATE_NOOP("ApplyTexts", "办理事项"),
    "subject_hall": QT_TRANSLATE_NOOP("ApplyTexts", "服务大厅"),
    "subject_staff": QT_TRANSLATE_NOOP("ApplyTexts", "工作人员"),
    "subject_ref": QT_TRANSLATE_NOOP("ApplyTexts", "事项名称、大厅名称或工作人员工号"),
    "content": QT_TRANSLATE_NOOP("ApplyTexts", "内容"),
    "related_receipt": QT_TRANSLATE_NOOP("ApplyTexts", "相关受理编号（可不填）"),
    "contact_name": QT_TRANSLATE_NOOP("ApplyTexts", "联系人（可不填）"),
    "contact_phone": QT_TRANSLATE_NOOP("ApplyTexts", "联系电话（可不填）"),
    "send": QT_TRANSLATE_NOOP("ApplyTexts", "提交"),
    "queued": QT_TRANSLATE_NOOP(
        "ApplyTexts", "已提交，编号 {ref}。联网后送达平台，答复可凭受理编号在「进度查询」查看。"
    ),
    "text_needed": QT_TRANSLATE_NOOP("ApplyTexts", "请填写内容"),
    "failed": QT_TRANSLATE_NOOP("ApplyTexts", "操作没有成功：{msg}"),
}


def t(key: str, language: str, **values: object) -> str:
    chosen = translate(CONTEXT, T[key], language)
    return chosen.format(**values) if values else chosen
