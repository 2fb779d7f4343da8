"""Leaving the kiosk (退出): Ctrl+Shift+Q leads here; the window closes only after the technician PIN, checked by
the same `TechnicianPort.check_pin` as the technician screen (so wrong PINs count toward the same lock-out)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.screens.base import Screen
from ui.screens.technician.ports import TechnicianPort
from ui.screens.technician.screen import PinGate

__all__ = ["ExitGate"]


class ExitGate(Screen):
    """The PIN gate for leaving full screen or quitting; `authorised` after the right PIN, `cancelled` on 取消."""

    authorised = Signal()
    cancelled = Signal()

    def __init__(
        self, service: TechnicianPort, *, language: Callable[[], str] = lambda: "zh_CN", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.gate = PinGate(
            service, self, language=language, title="退出云办 · Exit Yunban",
            prompt="请输入维护密码以退出（Enter the technician PIN to exit）",
        )  # fmt: skip
        layout.addWidget(self.gate, 1)
        self.cancel_button = QPushButton("取消 Cancel", self)
        self.cancel_button.setMinimumHeight(56)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.gate.unlocked.connect(self.authorised.emit)
        self.cancel_button.clicked.connect(self.cancelled.emit)

    def reset(self) -> None:
        self.gate.field.clear()
        self.gate.message.setText(self.gate.prompt)
