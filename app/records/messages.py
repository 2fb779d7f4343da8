"""The records domain's messages (codes `records.*`): records.db, attachments, encryption at rest, the keystore and
export bundles. Chinese source text here, English in `app/i18n/yunban_en.ts`.

Contract: raise them as `UserError(MESSAGE, **params)` (or a subclass such as `KeystoreError`).
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

# records.db and attachments
DB_UNAVAILABLE = Message("records.db_unavailable", QT_TRANSLATE_NOOP("messages", "记录库无法打开：{error}"))
LOCKED = Message("records.locked", QT_TRANSLATE_NOOP("messages", "记录库被其他程序占用，请稍后重试：{error}"))
NOT_SAVED = Message("records.not_saved", QT_TRANSLATE_NOOP("messages", "记录无法保存：{error}"))
UNKNOWN_KIND = Message("records.unknown_kind", QT_TRANSLATE_NOOP("messages", "未知的记录类型：{kind}（可用：{known}）"))
RECEIPTS_USED_UP = Message(
    "records.receipts_used_up",
    QT_TRANSLATE_NOOP("messages", "本终端 {day} 的受理编号已用完（每天 9999 个）"),
)
ATTACHMENT_DISK_FULL = Message(
    "records.attachment_disk_full", QT_TRANSLATE_NOOP("messages", "附件无法保存：磁盘空间不足（{error}）")
)
ATTACHMENT_NOT_STORED = Message("records.attachment_not_stored", QT_TRANSLATE_NOOP("messages", "附件无法保存：{error}"))

# encryption at rest
CANNOT_DECRYPT = Message("records.cannot_decrypt", QT_TRANSLATE_NOOP("messages", "数据无法解密（密钥不符或数据损坏）"))
TOO_SHORT = Message("records.too_short", QT_TRANSLATE_NOOP("messages", "数据无法解密（数据太短）"))
NOT_SEALED = Message("records.not_sealed", QT_TRANSLATE_NOOP("messages", "不是加密数据"))
OTHER_ALGORITHM = Message(
    "records.other_algorithm",
    QT_TRANSLATE_NOOP("messages", "数据用另一种算法加密（算法编号 {found}，当前算法为 {cipher}）"),
)
UNKNOWN_CIPHER = Message(
    "records.unknown_cipher", QT_TRANSLATE_NOOP("messages", "未知的加密算法 {name}（可用：{known}）")
)
DATA_KEY_NOT_STORED = Message("records.data_key_not_stored", QT_TRANSLATE_NOOP("messages", "数据密钥无法保存到密钥库"))
ATTACHMENT_NO_KEYSTORE = Message(
    "records.attachment_no_keystore", QT_TRANSLATE_NOOP("messages", "附件已加密，但密钥库不可用")
)
ATTACHMENT_OTHER_ALGORITHM = Message(
    "records.attachment_other_algorithm",
    QT_TRANSLATE_NOOP("messages", "附件用另一种算法加密（算法编号 {found}）"),
)
RECORD_NO_KEYSTORE = Message("records.record_no_keystore", QT_TRANSLATE_NOOP("messages", "记录已加密，但密钥库不可用"))

# the keystore (keyring.backend)
KEYSTORE_TIMEOUT_OPEN = Message(
    "records.keystore_timeout_open",
    QT_TRANSLATE_NOOP("messages", "Secret Service 在 {seconds} 秒内没有应答（打开默认密钥环时），密钥环是否已锁定？"),
)
KEYSTORE_TIMEOUT_READ = Message(
    "records.keystore_timeout_read",
    QT_TRANSLATE_NOOP("messages", "Secret Service 在 {seconds} 秒内没有应答（读取密钥时），密钥环是否已锁定？"),
)
KEYSTORE_TIMEOUT_WRITE = Message(
    "records.keystore_timeout_write",
    QT_TRANSLATE_NOOP("messages", "Secret Service 在 {seconds} 秒内没有应答（保存密钥时），密钥环是否已锁定？"),
)
KEYSTORE_TIMEOUT_DELETE = Message(
    "records.keystore_timeout_delete",
    QT_TRANSLATE_NOOP("messages", "Secret Service 在 {seconds} 秒内没有应答（删除密钥时），密钥环是否已锁定？"),
)
KEYSTORE_NO_DBUS = Message(
    "records.keystore_no_dbus",
    QT_TRANSLATE_NOOP(
        "messages",
        "密钥库 secretservice：没有 D-Bus 会话（DBUS_SESSION_BUS_ADDRESS 未设置），无法连接 Secret Service；"
        '请在桌面或自助终端会话中启动云办，或设置 keyring.backend = "file" 并预置口令',
    ),
)
KEYSTORE_DBUS_FAILED = Message(
    "records.keystore_dbus_failed", QT_TRANSLATE_NOOP("messages", "密钥库 secretservice：无法连接 D-Bus：{error}")
)
KEYSTORE_NO_SERVICE = Message(
    "records.keystore_no_service",
    QT_TRANSLATE_NOOP("messages", "密钥库 secretservice：会话总线上没有 Secret Service（gnome-keyring）"),
)
KEYSTORE_NO_DEFAULT = Message(
    "records.keystore_no_default", QT_TRANSLATE_NOOP("messages", "密钥库 secretservice：会话没有默认密钥环")
)
KEYSTORE_LOCKED = Message(
    "records.keystore_locked",
    QT_TRANSLATE_NOOP(
        "messages", "密钥库 secretservice：默认密钥环已锁定；请在自助终端会话启动时解锁（云办从不弹出密码提示）"
    ),
)
KEYSTORE_FILE_UNREADABLE = Message(
    "records.keystore_file_unreadable", QT_TRANSLATE_NOOP("messages", "{path}：密钥库文件无法读取：{error}")
)
KEYSTORE_WRONG_PASSPHRASE = Message(
    "records.keystore_wrong_passphrase",
    QT_TRANSLATE_NOOP("messages", "{path}：密钥库口令错误，或文件已被改动"),
)
KEYSTORE_BAD_BACKEND = Message(
    "records.keystore_bad_backend",
    QT_TRANSLATE_NOOP("messages", "keyring.backend 应为 {known} 之一，现为 {backend}"),
)
KEYSTORE_FAIL = Message(
    "records.keystore_fail", QT_TRANSLATE_NOOP("messages", 'keyring.backend = "fail"：本终端不保存凭据')
)
KEYSTORE_NO_PASSPHRASE = Message(
    "records.keystore_no_passphrase",
    QT_TRANSLATE_NOOP(
        "messages", "密钥库 file：没有预置口令；请设置 {env} 或 systemd 凭据 {credential}（云办从不提示输入口令）"
    ),
)
KEYSTORE_NONE = Message(
    "records.keystore_none",
    QT_TRANSLATE_NOOP(
        "messages",
        '没有可用的密钥库：{error}；也可以为 keyring.backend = "file" 预置口令（{env} 或 systemd 凭据 {credential}）',
    ),
)

# export bundles (yunban sync export)
EXPORT_PASSPHRASE_SHORT = Message(
    "records.export_passphrase_short", QT_TRANSLATE_NOOP("messages", "导出口令至少 8 个字符")
)
EXPORT_FAILED = Message("records.export_failed", QT_TRANSLATE_NOOP("messages", "导出失败：{error}"))
NOT_AN_EXPORT = Message("records.not_an_export", QT_TRANSLATE_NOOP("messages", "{path}：不是云办导出包"))
EXPORT_WRONG_PASSPHRASE = Message(
    "records.export_wrong_passphrase", QT_TRANSLATE_NOOP("messages", "{path}：口令错误或导出包已损坏")
)
RECORDS_DB_REPLACED = Message(
    "records.db_replaced",
    QT_TRANSLATE_NOOP(
        "messages",
        "记录库 {path} 是新建或替换的，本终端却已注册：请先重新注册（终端开通界面，或 yunban provision --force），以免受理编号重复",  # noqa: E501
    ),
)
ATTACHMENT_HEADER_DAMAGED = Message(
    "records.attachment_header_damaged",
    QT_TRANSLATE_NOOP("messages", "附件文件头已损坏（分块大小 {chunk}，文件长度 {size}）"),
)
DATA_KEY_LOST = Message(
    "records.data_key_lost",
    QT_TRANSLATE_NOOP(
        "messages",
        "密钥库中没有数据密钥，但记录库中已有用它加密的数据：请恢复原来的密钥库（或其口令），不会生成新密钥以免旧数据无法读取",
    ),
)
RECORDS_DB_NEW = Message(
    "records.db_new",
    QT_TRANSLATE_NOOP(
        "messages",
        "记录库 {path} 是新建、清空或替换的（此前已发出受理编号）：暂停发号。请技术人员检查后运行 yunban records acknowledge-new-db",  # noqa: E501
    ),
)
RECORDS_DB_ACKNOWLEDGED = Message(
    "records.db_acknowledged",
    QT_TRANSLATE_NOOP("messages", "已确认新的记录库 {path}；受理编号从 {day} 第 {next} 号继续"),
)
RECORDS_DB_NOTHING_TO_ACKNOWLEDGE = Message(
    "records.db_nothing_to_acknowledge", QT_TRANSLATE_NOOP("messages", "记录库 {path} 未被替换，无需确认")
)
DB_CORRUPT = Message(
    "records.db_corrupt",
    QT_TRANSLATE_NOOP(
        "messages", "数据库 {path} 已损坏（完整性检查：{detail}），已停止使用：请技术人员从备份恢复或导出后重建"
    ),
)
DISK_FULL = Message("records.disk_full", QT_TRANSLATE_NOOP("messages", "磁盘空间不足：{path} 无法写入（{error}）"))

# a grid worker's laptop: the keystore unlocked by the worker, and the county's recovery slot (app/records/recovery.py)
KEYSTORE_WORKER_LOCKED = Message(
    "records.keystore_worker_locked",
    QT_TRANSLATE_NOOP(
        "messages",
        "本机数据已上锁：请输入本机解锁密码（命令行：设置 {env}）；忘记密码请联系县级技术人员用恢复密钥找回",
    ),
)
KEYSTORE_WORKER_BACKEND = Message(
    "records.keystore_worker_backend",
    QT_TRANSLATE_NOOP("messages", 'keyring.unlock = "worker" 需要 keyring.backend = "file" 或 "secretservice"'),
)
KEYSTORE_UNLOCK_SHORT = Message(
    "records.keystore_unlock_short", QT_TRANSLATE_NOOP("messages", "本机解锁密码至少 {n} 个字符")
)
RECOVERY_BAD_KEY = Message(
    "records.recovery_bad_key", QT_TRANSLATE_NOOP("messages", "恢复密钥不可用（应为 32 字节的 base64）：{error}")
)
RECOVERY_UNREADABLE = Message(
    "records.recovery_unreadable", QT_TRANSLATE_NOOP("messages", "{path}：恢复槽无法读取：{error}")
)
RECOVERY_OTHER_KEY = Message(
    "records.recovery_other_key",
    QT_TRANSLATE_NOOP("messages", "{path}：恢复槽是用另一把恢复公钥（指纹 {recipient}）封存的"),
)
