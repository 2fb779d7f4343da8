"""The sync domain's messages (codes `sync.*`): enrollment and outbox delivery. Chinese source text here, English in
`app/i18n/yunban_en.ts`.

Contract: raise them as `UserError(MESSAGE, **params)`; a refusal from the platform is data passed as `{error}`.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

ALREADY_RUNNING = Message("sync.already_running", QT_TRANSLATE_NOOP("messages", "另一个同步进程正在运行"))
NOT_ENROLLED = Message(
    "sync.not_enrolled",
    QT_TRANSLATE_NOOP("messages", "本终端尚未注册，没有固定的平台公钥（yunban enroll --platform URL --code CODE）"),
)
ENROLLMENT_UNREADABLE = Message(
    "sync.enrollment_unreadable", QT_TRANSLATE_NOOP("messages", "{path}：注册记录无法读取：{error}")
)
BAD_PLATFORM_URL = Message(
    "sync.bad_platform_url", QT_TRANSLATE_NOOP("messages", "平台地址应以 http:// 或 https:// 开头，现为 {url}")
)
EMPTY_CODE = Message("sync.empty_code", QT_TRANSLATE_NOOP("messages", "注册码为空"))
ALREADY_ENROLLED = Message(
    "sync.already_enrolled",
    QT_TRANSLATE_NOOP("messages", "本终端已注册为 {terminal}（平台 {platform}）；如需重新注册请加 --force"),
)
PLATFORM_UNREACHABLE = Message(
    "sync.platform_unreachable", QT_TRANSLATE_NOOP("messages", "{error}（可以用同一注册码放心重试注册）")
)
ENROLLMENT_REFUSED = Message("sync.enrollment_refused", QT_TRANSLATE_NOOP("messages", "注册被拒绝：{error}"))
ENROLLMENT_FAILED = Message("sync.enrollment_failed", QT_TRANSLATE_NOOP("messages", "注册失败：{error}"))
NO_CREDENTIALS = Message(
    "sync.no_credentials",
    QT_TRANSLATE_NOOP(
        "messages", "本终端已注册为 {terminal}，但 {backend} 密钥库中没有它的凭据；请用新的注册码重新注册（--force）"
    ),
)

# USB hand-over (交接包): yunban sync import / import-ack
HANDOVER_NOT_A_BUNDLE = Message(
    "sync.handover_not_a_bundle", QT_TRANSLATE_NOOP("messages", "{path}：不是云办交接包（.ybx）")
)
HANDOVER_DAMAGED = Message(
    "sync.handover_damaged",
    QT_TRANSLATE_NOOP("messages", "{path}：交接包打不开：口令不对，或导出后文件被改动过；请让导出的终端重新导出"),
)
HANDOVER_OFFLINE = Message(
    "sync.handover_offline",
    QT_TRANSLATE_NOOP("messages", "连不上平台（{error}）：交接包仍在 U 盘上，记录也还在原终端上；联网后再导入"),
)
HANDOVER_REFUSED = Message("sync.handover_refused", QT_TRANSLATE_NOOP("messages", "平台拒收交接包：{error}"))
HANDOVER_NOT_AN_ACK = Message(
    "sync.handover_not_an_ack", QT_TRANSLATE_NOOP("messages", "{path}：不是平台的交接回执（.yback）：{error}")
)
HANDOVER_ACK_SIGNATURE = Message(
    "sync.handover_ack_signature",
    QT_TRANSLATE_NOOP("messages", "{path}：回执的签名不是本终端所注册平台的，未作任何标记"),
)
HANDOVER_ACK_OTHER_TERMINAL = Message(
    "sync.handover_ack_other_terminal",
    QT_TRANSLATE_NOOP("messages", "{path}：这是终端 {terminal} 的回执，不是本终端（{own}）的，未作任何标记"),
)
HANDOVER_RELAYED = Message(
    "sync.handover_relayed",
    QT_TRANSLATE_NOOP(
        "messages", "{path}：平台已接收终端 {terminal} 的 {records} 条记录（{counts}）；回执已写入 {ack}"
    ),
)
HANDOVER_IMPORTING = Message(
    "sync.handover_importing",
    QT_TRANSLATE_NOOP("messages", "交接包已全部上传，平台正在核验并导入记录，请稍候（大的交接包要几分钟）"),
)
HANDOVER_REPLAYED = Message(
    "sync.handover_replayed",
    QT_TRANSLATE_NOOP("messages", "这个交接包以前已导入过：没有记录被重复保存；回执可再次带回原终端"),
)
HANDOVER_ACK_APPLIED = Message(
    "sync.handover_ack_applied",
    QT_TRANSLATE_NOOP(
        "messages",
        "已标记为送达 {marked} 条，此前已送达 {already} 条，平台拒收 {refused} 条，本终端没有的 {unknown} 条",
    ),
)
HANDOVER_ACK_REFUSED_ROW = Message(
    "sync.handover_ack_refused_row",
    QT_TRANSLATE_NOOP(
        "messages", "{record}：平台拒收（{result}），仍在待送队列中；请联系技术人员查看 yunban sync quarantine"
    ),
)
