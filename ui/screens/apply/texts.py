"""User-facing texts of the apply, status, evaluation and complaint screens: Chinese (zh_CN) with English.

Kept as (zh, en) pairs beside the screens, like `ui/forms/texts.py`, so these screens switch language with the
kiosk without depending on the shared Qt Linguist file.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Lang", "T", "t"]

Lang = Callable[[], str]
"""Returns the kiosk's current language (`zh_CN` or `en`)."""

T: dict[str, tuple[str, str]] = {
    # 我要办理: choosing
    "apply_title": ("我要办理", "Apply"),
    "pick_hint": (
        "请输入事项名称查找，或选择下方的「一件事」联办主题。",
        "Type the name of a service to find it, or choose a combined \u201cone thing\u201d theme below.",
    ),
    "pick_search": ("输入事项名称，如：身份证", "Service name, e.g. ID card"),
    "themes": ("一件事 · 联办主题", "One thing, one visit: combined themes"),
    "resume": ("继续办理已保存的草稿", "Continue a saved draft"),
    "draft_code": ("草稿编号", "Draft code"),
    "open_draft": ("打开草稿", "Open draft"),
    "loading": ("正在准备，请稍候…", "Preparing, please wait…"),
    # card
    "card_title": ("请将身份证放在读卡区", "Please place your ID card on the reader"),
    "card_hint": (
        "读卡后将自动填写姓名、证件号码等信息。没有身份证也可以手工填写。",
        "Your name, ID number and address are filled in from the card. You can also fill in by hand.",
    ),
    "read_card": ("读卡", "Read card"),
    "manual": ("手工填写", "Fill in by hand"),
    "reading": ("正在读卡，请不要移开证件…", "Reading the card, please keep it in place…"),
    "card_ok": ("已读取身份证，请核对下面的信息。", "Card read. Please check the details below."),
    "card_failed": ("读卡失败：{msg}", "The card could not be read: {msg}"),
    # form
    "saving": ("正在保存…", "Saving…"),
    "saved": ("已自动保存", "Saved"),
    # materials
    "materials_title": ("提交申请材料", "Hand in the materials"),
    "materials_hint": (
        "请将材料放在扫描区后点「扫描」。每份材料可以有多页，可重拍或删除。",
        "Put each document on the scanner and press Scan. A material may have several pages.",
    ),
    "required": ("必交", "Required"),
    "optional": ("可选", "Optional"),
    "scan": ("扫描", "Scan"),
    "import": ("导入文件", "Import a file"),
    "defer": ("容缺：以后到窗口补交", "Bring it to the counter later"),
    "undefer": ("取消容缺", "I will hand it in now"),
    "deferred": ("已选择容缺，请在承诺时间内到窗口补交。", "To be brought to the counter later."),
    "no_defer": ("本事项不支持容缺，须现在提供", "This service needs it now"),
    "pages": ("已收 {n} 页", "{n} page(s) received"),
    "page_n": ("第 {n} 页", "Page {n}"),
    "retake": ("重拍", "Re-take"),
    "delete": ("删除", "Delete"),
    "scanning": ("正在扫描，请不要移动材料…", "Scanning, please do not move the document…"),
    "scan_failed": ("扫描失败：{msg}", "The scan failed: {msg}"),
    "to_review": ("下一步：核对信息", "Next: check everything"),
    "back_to_form": ("返回修改表单", "Back to the form"),
    # review
    "review_title": ("请核对您的申请", "Please check your application"),
    "review_hint": (
        "证件号码已部分隐藏。如需修改请点「返回修改」。",
        "Your ID number is partly hidden. Press Change to correct anything.",
    ),
    "show_id": ("显示完整证件号码", "Show my full ID number"),
    "hide_id": ("隐藏证件号码", "Hide my ID number"),
    "items_applied": ("本次一并办理 {n} 个事项", "{n} services applied for together"),
    "received": ("已收材料", "Materials received"),
    "deferred_list": ("容缺补交", "To bring later"),
    "owed": ("还缺少", "Still missing"),
    "shared": ("免提交（部门共享）", "Not needed (shared between departments)"),
    "promised": ("承诺办结日期", "Promised completion date"),
    "errors_left": ("还有 {n} 处需要修改", "{n} answer(s) still need changing"),
    "change": ("返回修改", "Change"),
    "confirm": ("确认提交", "Confirm and submit"),
    "submitting": ("正在提交，请稍候…", "Submitting, please wait…"),
    "none": ("无", "None"),
    "pages_of": ("{name}（{n} 页）", "{name} ({n} pages)"),
    # notice
    "notice_title": ("一次性告知：还需要以下材料", "What you still need to bring"),
    "notice_hint": (
        "本事项不支持容缺受理。请备齐下列材料后再来办理，告知单可以打印带走。",
        "This service cannot accept missing materials. Please bring the following; you can print this list.",
    ),
    "print_notice": ("打印告知单", "Print the list"),
    "notice_printed": ("告知单已打印，请取走。", "The list was printed. Please take it."),
    # done
    "done_title": ("申请已提交", "Your application was submitted"),
    "receipt_no": ("受理编号", "Receipt number"),
    "printed": ("请取走打印的受理回执，凭受理编号查询进度。", "Please take your printed receipt."),
    "paper_out": (
        "申请已经提交成功。回执暂时无法打印，已保留在终端，请到服务窗口补打回执。",
        "Your application stands. The receipt could not be printed; the counter staff will reprint it.",
    ),
    "rate": ("评价本次服务", "Rate this service"),
    "home": ("返回首页", "Back to home"),
    # keep draft
    "keep_title": ("要保留已填写的内容吗？", "Keep what you filled in?"),
    "keep_hint": (
        "保留后凭草稿编号可以继续办理；不保留则立即清除。",
        "A kept draft can be continued with its code; otherwise it is deleted now.",
    ),
    "keep": ("保留草稿", "Keep the draft"),
    "drop": ("不保留，清除", "No, delete it"),
    "stay": ("继续填写", "Continue filling in"),
    "kept": ("草稿已保留，草稿编号：{code}\n请记下编号，凭编号可继续办理。", "Draft kept. Your draft code: {code}"),
    "draft_slip_printing": ("正在打印草稿保存凭条…", "Printing the draft slip…"),
    "draft_slip_printed": ("草稿保存凭条已打印，请取走。", "The draft slip was printed. Please take it."),
    "draft_slip_failed": (
        "草稿已保留，但凭条未能打印，请记下上面的草稿编号。{msg}",
        "The draft is kept but the slip could not be printed: please write down the code above. {msg}",
    ),
    # evaluate
    "eval_title": ("请对本次服务评价（好差评）", "Please rate this service"),
    "eval_hint": ("点一个评价即可；不评价直接返回也可以。", "Tap one rating; you may also skip."),
    "eval_receipt": ("受理编号", "Receipt number"),
    "reasons": ("请选择不满意的原因（可多选）", "Why were you dissatisfied? (choose one or more)"),
    "eval_text": ("其他意见（可不填）", "Anything else (optional)"),
    "submit_rating": ("提交评价", "Send rating"),
    "skip": ("不评价，返回首页", "Skip, back to home"),
    "reason_needed": ("请至少选择一个原因", "Please choose at least one reason"),
    "level_needed": ("请先选择一个评价", "Please choose a rating first"),
    "thanks": ("感谢您的评价！", "Thank you for your rating!"),
    # status
    "status_title": ("进度查询", "Check progress"),
    "status_hint": (
        "请输入受理回执上的受理编号（25 位）。",
        "Type the receipt number on your receipt (25 characters).",
    ),
    "query": ("查询", "Check"),
    "clear": ("清空", "Clear"),
    "not_found": (
        "没有找到这个受理编号，请核对后重新输入。",
        "No application with this receipt number. Please check it.",
    ),
    "status_pending": ("已在本终端受理，等待上传到政务服务平台", "Accepted here, waiting to reach the platform"),
    "last_heard": ("本终端最近一次与平台同步：{at}", "Last heard from the platform: {at}"),
    "never_heard": ("本终端尚未与平台同步", "Not yet in touch with the platform"),
    "submitted_at": ("受理时间", "Accepted"),
    "state": ("办理状态", "Status"),
    "delivery": ("上传状态", "Upload"),
    "complaints": ("相关咨询投诉", "Related questions and complaints"),
    "scan_qr": ("扫描回执二维码", "Scan receipt QR"),
    "qr_prompt": (
        "请将回执二维码放在高拍仪下，二维码朝上，保持不动。",
        "Lay the QR code of your receipt under the document camera, face up, and hold it still.",
    ),
    "qr_cancel": ("取消扫描", "Cancel scan"),
    "qr_failed": ("没有读到二维码：{msg}", "The QR code could not be read: {msg}"),
    # complaint
    "consult_title": ("咨询投诉", "Questions and complaints"),
    "kind": ("类型", "Kind"),
    "consultation": ("咨询", "Question"),
    "complaint": ("投诉", "Complaint"),
    "subject": ("关于", "About"),
    "subject_item": ("办理事项", "A service"),
    "subject_hall": ("服务大厅", "The hall"),
    "subject_staff": ("工作人员", "A staff member"),
    "subject_ref": ("事项名称、大厅名称或工作人员工号", "Service name, hall or staff number"),
    "content": ("内容", "What happened / your question"),
    "related_receipt": ("相关受理编号（可不填）", "Related receipt number (optional)"),
    "contact_name": ("联系人（可不填）", "Your name (optional)"),
    "contact_phone": ("联系电话（可不填）", "Phone (optional)"),
    "send": ("提交", "Send"),
    "queued": (
        "已提交，编号 {ref}。联网后送达平台，答复可凭受理编号在「进度查询」查看。",
        "Sent, reference {ref}. It reaches the platform when online; see the answer under Check progress.",
    ),
    "text_needed": ("请填写内容", "Please write something"),
    "failed": ("操作没有成功：{msg}", "That did not work: {msg}"),
}


def t(key: str, language: str, **values: object) -> str:
    zh, en = T[key]
    chosen = en if language.startswith("en") else zh
    return chosen.format(**values) if values else chosen
