"""The notices' messages (codes `notices.*`): refusals of a notice that cannot be issued, and what the clerk is told
about printing. Chinese source text here, English in `app/i18n/yunban_en.ts`."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

NO_LEGAL_BASIS = Message(
    "notices.no_legal_basis",
    QT_TRANSLATE_NOOP("messages", "事项 {code}「{name}」在目录中没有设定依据，无法出具{title}：请先在事项目录中补充"),
)
REASON_REQUIRED = Message(
    "notices.reason_required", QT_TRANSLATE_NOOP("messages", "出具{title}必须写明理由（不予受理的具体原因）")
)
MATERIALS_REQUIRED = Message(
    "notices.materials_required", QT_TRANSLATE_NOOP("messages", "出具{title}必须列明需要补正的全部材料")
)
UNKNOWN_KIND = Message("notices.unknown_kind", QT_TRANSLATE_NOOP("messages", "没有这种通知书：{kind}（可选：{known}）"))
NEEDS_RECEIPT = Message(
    "notices.needs_receipt", QT_TRANSLATE_NOOP("messages", "{title}须对应一件已受理的申请（受理编号）")
)
NEEDS_ITEM = Message("notices.needs_item", QT_TRANSLATE_NOOP("messages", "{title}须指明办理事项"))
NO_SUCH_RECEIPT = Message("notices.no_such_receipt", QT_TRANSLATE_NOOP("messages", "本终端没有受理编号 {number}"))
BAD_DEADLINE = Message(
    "notices.bad_deadline", QT_TRANSLATE_NOOP("messages", "补正期限 {deadline} 不对：应为今天或以后的日期")
)
TEXT_TOO_LONG = Message("notices.text_too_long", QT_TRANSLATE_NOOP("messages", "{what}过长（最多 {limit} 字）"))
NO_CJK_FONT = Message(
    "notices.no_cjk_font",
    QT_TRANSLATE_NOOP("messages", "找不到可嵌入 PDF 的中文字体（TrueType）：请安装 fonts-wqy-microhei"),
)
PDF_FAILED = Message("notices.pdf_failed", QT_TRANSLATE_NOOP("messages", "通知书 PDF 生成失败：{error}"))
NO_SUCH_NOTICE = Message("notices.no_such_notice", QT_TRANSLATE_NOOP("messages", "没有这份通知书：{notice}"))
NO_A4_PRINTER = Message(
    "notices.no_a4_printer",
    QT_TRANSLATE_NOOP("messages", "未配置 A4 打印机（config.toml 的 [printer.a4] queue）：{title}已保存，未打印"),
)
PRINTED = Message(
    "notices.printed", QT_TRANSLATE_NOOP("messages", "{title}（{number}）已送往打印机 {queue}（任务 {job}）")
)
PRINTED_THERMAL = Message(
    "notices.printed_thermal", QT_TRANSLATE_NOOP("messages", "{title}（{number}）已在凭条打印机打印")
)
QUEUED_NO_QUEUE = Message(
    "notices.queued_no_queue",
    QT_TRANSLATE_NOOP("messages", "打印队列 {queue} 不存在：{title}（{number}）已保留，打印机恢复后自动补打"),
)
QUEUED_STOPPED = Message(
    "notices.queued_stopped",
    QT_TRANSLATE_NOOP("messages", "打印机 {queue} 已暂停或拒收任务：{title}（{number}）已保留，打印机恢复后自动补打"),
)
QUEUED_UNREACHABLE = Message(
    "notices.queued_unreachable",
    QT_TRANSLATE_NOOP("messages", "连不上打印服务（CUPS）：{title}（{number}）已保留，打印服务恢复后自动补打"),
)
QUEUED_FAILED = Message(
    "notices.queued_failed",
    QT_TRANSLATE_NOOP("messages", "打印失败（{detail}）：{title}（{number}）已保留，可稍后补打"),
)
THERMAL_FAILED = Message(
    "notices.thermal_failed",
    QT_TRANSLATE_NOOP("messages", "凭条打印机未能打印{title}（{number}）（{code}）：已保留，可稍后补打"),
)
