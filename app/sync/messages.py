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
