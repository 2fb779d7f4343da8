"""The catalog's messages (codes `catalog.*`): Chinese source text here, English in `app/i18n/yunban_en.ts`.

Contract: raise them as `UserError(MESSAGE, **params)`; a bundle's problem list (file, item, field) is data passed
as `{problems}`, only its frame is translated.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

# the mirror (catalog.db)
DB_UNAVAILABLE = Message("catalog.db_unavailable", QT_TRANSLATE_NOOP("messages", "目录数据库不可用：{error}"))
DB_MISSING = Message("catalog.db_missing", QT_TRANSLATE_NOOP("messages", "目录数据库不存在：{path}"))
DB_DAMAGED = Message(
    "catalog.db_damaged",
    QT_TRANSLATE_NOOP("messages", "目录数据库损坏或无法打开（{error}），请用 `yunban catalog import` 重新导入"),
)
EMPTY = Message("catalog.empty", QT_TRANSLATE_NOOP("messages", "目录为空（尚未导入目录）"))
EMPTY_DB = Message("catalog.empty_db", QT_TRANSLATE_NOOP("messages", "目录为空：{path} 中没有目录"))

# lookups
UNKNOWN_ITEM = Message("catalog.unknown_item", QT_TRANSLATE_NOOP("messages", "没有这个事项：{code}"))
UNKNOWN_THEME = Message("catalog.unknown_theme", QT_TRANSLATE_NOOP("messages", "未知的主题：{code}"))
UNKNOWN_DIVISION = Message("catalog.unknown_division", QT_TRANSLATE_NOOP("messages", "未知的行政区划代码：{code}"))
UNKNOWN_TERMINAL_DIVISION = Message(
    "catalog.unknown_terminal_division",
    QT_TRANSLATE_NOOP("messages", "终端的行政区划代码 {code} 不在区划表中（config.toml 中的 terminal.division_code）"),
)

# scope (config catalog.scope, catalog.subtree_root)
BAD_SCOPE = Message(
    "catalog.bad_scope", QT_TRANSLATE_NOOP("messages", "catalog.scope 应为 chain 或 subtree，现为 {scope}")
)
UNKNOWN_SUBTREE_ROOT = Message(
    "catalog.unknown_subtree_root",
    QT_TRANSLATE_NOOP("messages", "catalog.subtree_root 中的行政区划代码 {code} 不在区划表中"),
)

# importing a bundle
BUNDLE_REFUSED = Message(
    "catalog.bundle_refused", QT_TRANSLATE_NOOP("messages", "目录包被拒绝（{count} 个问题）：\n  {problems}")
)
BUNDLE_REFUSED_FIRST = Message(
    "catalog.bundle_refused_first",
    QT_TRANSLATE_NOOP("messages", "目录包被拒绝（{count} 个问题，以下是前 {shown} 个）：\n  {problems}"),
)

# the holiday calendar (holidays.yaml)
CALENDAR_NOT_YAML = Message(
    "catalog.calendar_not_yaml", QT_TRANSLATE_NOOP("messages", "{source}：不是有效的 YAML（{error}）")
)
CALENDAR_NOT_MAPPING = Message(
    "catalog.calendar_not_mapping",
    QT_TRANSLATE_NOOP("messages", "{source}：应为包含 holidays 和 workdays 的映射"),
)
CALENDAR_UNKNOWN_KEY = Message(
    "catalog.calendar_unknown_key", QT_TRANSLATE_NOOP("messages", "{source}：未知的键 {key}")
)
CALENDAR_NOT_LIST = Message("catalog.calendar_not_list", QT_TRANSLATE_NOOP("messages", "{source}：{key} 应为日期列表"))
CALENDAR_BAD_DATE = Message(
    "catalog.calendar_bad_date", QT_TRANSLATE_NOOP("messages", "{source}：{key} 中的 {value} 不是 YYYY-MM-DD 日期")
)
CALENDAR_BOTH = Message("catalog.calendar_both", QT_TRANSLATE_NOOP("messages", "{source}：{day} 同时是休息日和工作日"))

# updates from the platform or a snapshot file
UPDATE_REFUSED = Message("catalog.update_refused", QT_TRANSLATE_NOOP("messages", "目录更新被拒绝：{reason}"))
NO_SNAPSHOT = Message("catalog.no_snapshot", QT_TRANSLATE_NOOP("messages", "尚未应用目录快照：变更页需要先有一份快照"))
BAD_PLATFORM_KEY = Message(
    "catalog.bad_platform_key",
    QT_TRANSLATE_NOOP("messages", "--platform-key 不是 base64 编码的 Ed25519 公钥：{error}"),
)
NOT_ENROLLED = Message(
    "catalog.not_enrolled",
    QT_TRANSLATE_NOOP("messages", "本终端尚未注册：yunban enroll --platform URL --code CODE"),
)

# issue 11 #7/#15 (terminal storage): an enrolled terminal's empty mirror, a full disk
EMPTY_ENROLLED = Message(
    "catalog.empty_enrolled",
    QT_TRANSLATE_NOOP(
        "messages",
        "目录数据库 {path} 为空或缺失：本终端已注册，不会用演示目录代替。请技术人员运行 yunban catalog update 从平台获取目录",  # noqa: E501
    ),
)
DISK_FULL = Message(
    "catalog.disk_full", QT_TRANSLATE_NOOP("messages", "磁盘空间不足，目录数据库无法打开或写入：{error}")
)

# trust: the pinned platform key, unsigned imports, rollback (app/catalog/trust.py)
PINNED_KEY_OVERRIDE = Message(
    "catalog.pinned_key_override",
    QT_TRANSLATE_NOOP(
        "messages",
        "本终端已注册，平台公钥已固定为 {pinned}：--platform-key 不能替换它（换钥只能导入旧钥签名的换钥文件）",
    ),
)
UNSIGNED_ON_ENROLLED = Message(
    "catalog.unsigned_on_enrolled",
    QT_TRANSLATE_NOOP(
        "messages",
        "本终端已注册：只接受平台签名的目录（catalog update 或签名快照文件），不接受未签名的目录包 {source}",
    ),
)
OLDER_BUNDLE = Message(
    "catalog.older_bundle",
    QT_TRANSLATE_NOOP(
        "messages", "目录包 {source} 的版本 {version} 早于本终端目录的版本 {current}：不能回退（防回滚）"
    ),
)
ROTATION_REFUSED = Message("catalog.rotation_refused", QT_TRANSLATE_NOOP("messages", "平台换钥文件被拒绝：{reason}"))
ROTATION_NOT_ENROLLED = Message(
    "catalog.rotation_not_enrolled",
    QT_TRANSLATE_NOOP("messages", "本终端尚未注册，没有固定的平台公钥可换：先注册（yunban enroll）"),
)
DOCUMENT_REFUSED = Message("catalog.document_refused", QT_TRANSLATE_NOOP("messages", "{source} 被拒绝：{reason}"))
KEY_FOR_FOLDER = Message(
    "catalog.key_for_folder",
    QT_TRANSLATE_NOOP("messages", "--platform-key 只用于签名的快照文件；{source} 是未签名的目录包"),
)
ROTATED = Message("catalog.rotated", QT_TRANSLATE_NOOP("messages", "平台公钥已按签名的换钥文件更换为 {key}"))
