"""The technician service's messages (codes `technician.*`): PIN lock-out, device states and receipt reprints.
Chinese source text here, English in `app/i18n/yunban_en.ts`.

Contract: raised as `UserError(MESSAGE, **params)`, or rendered in the service's language for status texts.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

PIN_LOCKED = Message(
    "technician.pin_locked", QT_TRANSLATE_NOOP("messages", "密码错误次数过多，请 {minutes} 分钟后再试")
)
NO_SIMULATOR = Message("technician.no_simulator", QT_TRANSLATE_NOOP("messages", "没有模拟读卡器（仅用于演示）"))
NO_PRINTER = Message("technician.no_printer", QT_TRANSLATE_NOOP("messages", "未配置打印机（devices.printer.uri）"))
REPRINTED = Message("technician.reprinted", QT_TRANSLATE_NOOP("messages", "已补打回执（打印任务 {job}）"))
NOT_REPRINTED = Message("technician.not_reprinted", QT_TRANSLATE_NOOP("messages", "回执未能打印"))
NO_CREDENTIAL = Message(
    "technician.no_credential",
    QT_TRANSLATE_NOOP("messages", "尚未设置维护密码：请用 yunban provision --technician-pin PIN 设置"),
)
PIN_FORMAT = Message("technician.pin_format", QT_TRANSLATE_NOOP("messages", "维护密码须为 6–12 位数字"))
CREDENTIAL_UNREADABLE = Message(
    "technician.credential_unreadable",
    QT_TRANSLATE_NOOP(
        "messages", "维护密码文件 {path} 无法读取（{error}）：请用 yunban provision --technician-pin 重新设置"
    ),
)
CREDENTIAL_UNWRITABLE = Message(
    "technician.credential_unwritable", QT_TRANSLATE_NOOP("messages", "无法保存维护密码文件 {path}：{error}")
)
NO_UPDATES = Message(
    "technician.no_updates", QT_TRANSLATE_NOOP("messages", "本终端未启用软件更新（请用 yunban update 命令）")
)
