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
