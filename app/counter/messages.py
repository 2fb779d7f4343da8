"""The counter workspace's messages (codes `counter.*`). Chinese source text here, English in
`app/i18n/yunban_en.ts`.

Contract: raised as `UserError(MESSAGE, **params)`; never carries a citizen's name or ID number.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

NO_SUCH_CASE = Message("counter.no_such_case", QT_TRANSLATE_NOOP("messages", "本终端没有这份申请：{key}"))
UNKNOWN_DECISION = Message(
    "counter.unknown_decision", QT_TRANSLATE_NOOP("messages", "没有这种决定：{kind}（可选：{known}）")
)
ALREADY_DECIDED = Message(
    "counter.already_decided", QT_TRANSLATE_NOOP("messages", "受理编号 {receipt} 已{state}，不能再作决定")
)
BAD_DEADLINE = Message(
    "counter.bad_deadline", QT_TRANSLATE_NOOP("messages", "容缺受理的补交期限须为今天之后的日期（{deadline}）")
)
NO_SUCH_DECISION = Message("counter.no_such_decision", QT_TRANSLATE_NOOP("messages", "没有这项决定：{decision}"))
OWN_DECISION = Message(
    "counter.own_decision", QT_TRANSLATE_NOOP("messages", "不能复核自己作出的决定，请另一位值班长复核")
)
ALREADY_REVIEWED = Message("counter.already_reviewed", QT_TRANSLATE_NOOP("messages", "这项决定已复核"))
RETURN_NOTE = Message("counter.return_note", QT_TRANSLATE_NOOP("messages", "退回决定须写明理由"))
NOTICES_MISSING = Message(
    "counter.notices_missing", QT_TRANSLATE_NOOP("messages", "本终端未启用通知书服务，决定已记录，未出具通知书")
)
NO_PAGE = Message("counter.no_page", QT_TRANSLATE_NOOP("messages", "这份申请没有第 {position} 页材料"))
