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
UNQUOTED = Message(
    "config.unquoted",
    QT_TRANSLATE_NOOP("messages", '{source}：{key} 应为字符串（用引号括起，如 {key} = "{value}"），现为数字 {value}'),
)
NOT_ONE_OF = Message(
    "config.not_one_of", QT_TRANSLATE_NOOP("messages", "{source}：{key} 应为 {allowed} 之一，现为 {value}")
)
OUT_OF_RANGE = Message(
    "config.out_of_range",
    QT_TRANSLATE_NOOP("messages", "{source}：{key} 应为 {low} 到 {high} 之间的整数，现为 {value}"),
)
BAD_TEXT = Message(
    "config.bad_text",
    QT_TRANSLATE_NOOP("messages", "{source}：{key} 应为不含控制字符、最多 {limit} 个字符的文本，现为 {value}"),
)
DIVISION_CODE = Message(
    "config.division_code",
    QT_TRANSLATE_NOOP(
        "messages", '{source}：{key} 应为 12 位数字的区划代码（用引号括起，如 "532524103205"），现为 {value}'
    ),
)
PLATFORM_URL = Message(
    "config.platform_url",
    QT_TRANSLATE_NOOP(
        "messages",
        "{source}：{key} 应为 http:// 或 https:// 开头、带主机名的地址（端口 1–65535，不含空格），现为 {value}",
    ),
)
PRINTER_PROFILE = Message(
    "config.printer_profile",
    QT_TRANSLATE_NOOP("messages", "{source}：{key} 应为打印机型号名（字母、数字、- _ . :，最多 64 个），现为 {value}"),
)
IDLE_WARNING = Message(
    "config.idle_warning",
    QT_TRANSLATE_NOOP(
        "messages", "{source}：kiosk.idle_warning_s（{warning}）应小于 kiosk.idle_timeout_s（{timeout}）"
    ),
)
SUBTREE_ROOT = Message(
    "config.subtree_root",
    QT_TRANSLATE_NOOP("messages", '{source}：catalog.scope = "subtree" 需要 catalog.subtree_root（12 位区划代码）'),
)
TOO_LARGE = Message(
    "config.too_large",
    QT_TRANSLATE_NOOP("messages", "{source}：文件过大（{size} 字节，最多 {limit} 字节），不是配置文件"),
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
BAD_PLATFORM_URL = Message(
    "config.bad_platform_url",
    QT_TRANSLATE_NOOP(
        "messages", "平台地址 {url} 不可用：应为 http:// 或 https:// 开头、带主机名的地址（端口 1–65535，不含空格）"
    ),
)
CUPS_QUEUE = Message(
    "config.cups_queue",
    QT_TRANSLATE_NOOP(
        "messages", "{source}：{key} 应为 CUPS 打印队列名（字母、数字、- _ . @，最多 127 个），现为 {value}"
    ),
)
CUPS_SERVER = Message(
    "config.cups_server",
    QT_TRANSLATE_NOOP("messages", "{source}：{key} 应为 CUPS 服务器（主机[:端口] 或套接字路径），现为 {value}"),
)
RECOVERY_PUBLIC_KEY = Message(
    "config.recovery_public_key",
    QT_TRANSLATE_NOOP(
        "messages",
        "{source}：{key} 应为县级恢复公钥（44 个字符的 base64，yunban keyring recovery-keygen 生成），现为 {value}",
    ),
)
EARLIEST_BIRTH = Message(
    "config.earliest_birth",
    QT_TRANSLATE_NOOP(
        "messages", '{source}：{key} 应为不晚于今天的日期 YYYY-MM-DD（用引号括起，如 "1900-01-01"），现为 {value}'
    ),
)
EARLIEST_BIRTH_REASON = Message(
    "config.earliest_birth_reason",
    QT_TRANSLATE_NOOP(
        "messages", "{source}：设了 identity.earliest_birth 就要写 {key}（拒绝时向办事人说明的理由），现为空"
    ),
)
