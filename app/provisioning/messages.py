"""The provisioning messages (first-boot set-up: division, enrollment, technician PIN, QR). Chinese source text here,
English in `app/i18n/yunban_en.ts`.

Contract: raised as `UserError(MESSAGE, **params)`. The codes of the three messages that `yunban provision` raised
before this package existed (`cli.unknown_division`, `cli.platform_needs_code`, `cli.config_edit_failed`) are kept:
`--json` codes are a stable interface.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

UNKNOWN_DIVISION = Message(
    "cli.unknown_division", QT_TRANSLATE_NOOP("messages", "行政区划代码 {code} 不存在（须为区划表中的 12 位代码）")
)
PLATFORM_NEEDS_CODE = Message(
    "cli.platform_needs_code",
    QT_TRANSLATE_NOOP("messages", "--platform 需与 --code 一起使用（用一次性注册码注册后才保存平台地址）"),
)
CONFIG_EDIT_FAILED = Message(
    "cli.config_edit_failed", QT_TRANSLATE_NOOP("messages", "无法更新配置文件 {path}（{key}）：{error}")
)
NO_DIVISION = Message("provisioning.no_division", QT_TRANSLATE_NOOP("messages", "请先选择本终端所在的行政区划"))
DIVISION_TOO_COARSE = Message(
    "provisioning.division_too_coarse",
    QT_TRANSLATE_NOOP("messages", "“{name}”是市（州）级或省级区划：终端须设在县（市、区）、乡镇（街道）或村（社区）"),
)
NO_PLATFORM_URL = Message(
    "provisioning.no_platform_url", QT_TRANSLATE_NOOP("messages", "请填写平台地址（以 http:// 或 https:// 开头）")
)
PIN_MISMATCH = Message(
    "provisioning.pin_mismatch", QT_TRANSLATE_NOOP("messages", "两次输入的维护密码不一致，请重新输入")
)
NO_QR = Message(
    "provisioning.no_qr",
    QT_TRANSLATE_NOOP("messages", "扫描的页面上没有找到二维码：请把注册码二维码平放在高拍仪下，再扫一次"),
)
QR_NOT_A_CODE = Message(
    "provisioning.qr_not_a_code",
    QT_TRANSLATE_NOOP("messages", "二维码的内容不像注册码（{text}）：请扫描平台发放的注册码二维码"),
)
