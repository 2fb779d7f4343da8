"""The messages of the app's root modules (codes `config.*`: the terminal's config.toml). Chinese source text here,
English in `app/i18n/yunban_en.ts`.

Contract: imports only `app.i18n`, so `app.config` (the bottom layer) can use it.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

NOT_TOML = Message("config.not_toml", QT_TRANSLATE_NOOP("messages", "{source}：不是有效的 TOML：{error}"))
UNKNOWN_SETTING = Message(
    "config.unknown_setting", QT_TRANSLATE_NOOP("messages", "{source}：未知的设置 {key}（可用：{known}）")
)
NOT_A_TABLE = Message("config.not_a_table", QT_TRANSLATE_NOOP("messages", "{source}：[{key}] 应为表"))
WRONG_TYPE = Message("config.wrong_type", QT_TRANSLATE_NOOP("messages", "{source}：{key} 应为 {type}，现为 {value}"))
DRAFT_RETENTION = Message(
    "config.draft_retention",
    QT_TRANSLATE_NOOP("messages", "{source}：apply.draft_retention_days 至少为 1，现为 {value}"),
)
COUNTER_DRAFT_RETENTION = Message(
    "config.counter_draft_retention",
    QT_TRANSLATE_NOOP(
        "messages", "{source}：apply.counter_draft_retention_days 应为 0（永久保留）或更大，现为 {value}"
    ),
)
SCANNER_SOURCE = Message(
    "config.scanner_source",
    QT_TRANSLATE_NOOP("messages", "{source}：devices.scanner.source 应为 flatbed 或 adf，现为 {value}"),
)
SCANNER_RESOLUTION = Message(
    "config.scanner_resolution",
    QT_TRANSLATE_NOOP("messages", "{source}：devices.scanner.resolution 应为 75 到 600（dpi），现为 {value}"),
)
TERMINAL_ROLE = Message(
    "config.terminal_role",
    QT_TRANSLATE_NOOP("messages", "{source}：terminal.role 应为 {allowed} 之一，现为 {value}"),
)
UPDATE_PATH = Message("config.update_path", QT_TRANSLATE_NOOP("messages", "{source}：{key} 应为绝对路径，现为 {value}"))
CONFIG_LINK_BROKEN = Message(
    "config.link_broken",
    QT_TRANSLATE_NOOP(
        "messages", "{path} 指向 {target}，但该文件不存在：请恢复它（软件包安装时为 /etc/yunban/config.toml）"
    ),
)
CONFIG_UNREADABLE = Message("config.unreadable", QT_TRANSLATE_NOOP("messages", "无法读取配置文件 {path}：{error}"))
