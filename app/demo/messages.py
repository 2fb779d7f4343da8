"""The demo's messages (codes `demo.*`): what `yunban demo --screenshots` says when its walk cannot go on."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

SCREENSHOT_NOT_WRITTEN = Message("demo.screenshot_not_written", QT_TRANSLATE_NOOP("messages", "无法保存截图 {path}"))
CATALOG_UNAVAILABLE = Message(
    "demo.catalog_unavailable", QT_TRANSLATE_NOOP("messages", "事项目录不可用，仅保存了维护页面 {path}")
)
SEARCH_TIMEOUT = Message("demo.search_timeout", QT_TRANSLATE_NOOP("messages", "搜索「{query}」在 10 秒内没有结果返回"))
SEARCH_EMPTY = Message("demo.search_empty", QT_TRANSLATE_NOOP("messages", "在此目录中搜索「{query}」没有找到事项"))
GUIDE_TIMEOUT = Message("demo.guide_timeout", QT_TRANSLATE_NOOP("messages", "办事指南 {code} 在 10 秒内没有打开"))
APPLY_NOT_STARTED = Message(
    "demo.apply_not_started", QT_TRANSLATE_NOOP("messages", "演示申请：事项 {code} 没有开始（{status}）")
)
CARD_NOT_READ = Message("demo.card_not_read", QT_TRANSLATE_NOOP("messages", "演示申请：30 秒内没有读到身份证"))
FORM_INVALID = Message("demo.form_invalid", QT_TRANSLATE_NOOP("messages", "演示申请：表单没有通过检查：{errors}"))
NO_REVIEW = Message("demo.no_review", QT_TRANSLATE_NOOP("messages", "演示申请：没有进入核对页面（{status}）"))
NOT_FINALISED = Message("demo.not_finalised", QT_TRANSLATE_NOOP("messages", "演示申请：没有完成提交（{status}）"))
