"""Staff identity's messages (codes `staff.*`): log-in, lock-out, roster, offline limit. Chinese source text here,
English in `app/i18n/yunban_en.ts`.

Contract: raised as `UserError(MESSAGE, **params)`; never carries a password or a citizen's data.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

WRONG_SECRET = Message("staff.wrong_secret", QT_TRANSLATE_NOOP("messages", "工号或密码错误（还可再试 {left} 次）"))
UNKNOWN = Message("staff.unknown", QT_TRANSLATE_NOOP("messages", "工号或密码错误"))
LOCKED = Message(
    "staff.locked",
    QT_TRANSLATE_NOOP("messages", "密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或请值班长解锁"),
)
REVOKED = Message("staff.revoked", QT_TRANSLATE_NOOP("messages", "该账号已被停用，请联系值班长"))
NO_ROSTER = Message(
    "staff.no_roster",
    QT_TRANSLATE_NOOP("messages", "本终端还没有工作人员名单：请先联网同步（yunban staff sync）"),
)
ROSTER_TAMPERED = Message(
    "staff.roster_tampered",
    QT_TRANSLATE_NOOP("messages", "工作人员名单校验失败（{reason}），已拒绝；请联网重新同步并通知技术人员"),
)
ROSTER_REFUSED = Message(
    "staff.roster_refused", QT_TRANSLATE_NOOP("messages", "平台下发的工作人员名单被拒绝：{reason}")
)
ROSTER_UNAVAILABLE = Message(
    "staff.roster_unavailable", QT_TRANSLATE_NOOP("messages", "无法从平台获取工作人员名单：{reason}")
)
NOT_ENROLLED = Message(
    "staff.not_enrolled", QT_TRANSLATE_NOOP("messages", "终端未注册，无法同步工作人员名单（yunban enroll）")
)
NOT_SUPERVISOR = Message("staff.not_supervisor", QT_TRANSLATE_NOOP("messages", "此操作需要值班长账号"))
NOT_LOGGED_IN = Message("staff.not_logged_in", QT_TRANSLATE_NOOP("messages", "请先登录"))
SESSION_EXPIRED = Message(
    "staff.session_expired", QT_TRANSLATE_NOOP("messages", "超过 {minutes} 分钟未操作，已自动退出，请重新登录")
)
ROLE_REFUSED = Message("staff.role_refused", QT_TRANSLATE_NOOP("messages", "账号角色“{role}”不能办理此事项"))
OFFLINE_WARN = Message(
    "staff.offline_warn",
    QT_TRANSLATE_NOOP("messages", "终端已 {hours} 小时未与平台同步；超过 {limit} 小时后将限制办理，请尽快联网"),
)
OFFLINE_RESTRICTED = Message(
    "staff.offline_restricted",
    QT_TRANSLATE_NOOP(
        "messages",
        "已 {hours} 小时未同步（上限 {limit} 小时）：暂停作出决定，仅可查看、登记和补打；请联网同步或请值班长授权",
    ),
)
OVERRIDE_HOURS = Message("staff.override_hours", QT_TRANSLATE_NOOP("messages", "授权时长须为 1–{limit} 小时"))
NOT_LOCKED = Message("staff.not_locked", QT_TRANSLATE_NOOP("messages", "账号 {staff_id} 未被锁定"))
UNKNOWN_ACCOUNT = Message("staff.unknown_account", QT_TRANSLATE_NOOP("messages", "没有工号为 {staff_id} 的账号"))
