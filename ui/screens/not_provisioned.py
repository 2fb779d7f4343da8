"""Not provisioned (终端尚未注册): what `yunban kiosk` shows on a terminal that is not enrolled with a platform, in
place of home. It tells the technician what to run; the technician gate (维护, Ctrl+Shift+T) still opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.screens.base import Screen, make_label

__all__ = ["NotProvisionedScreen"]


class NotProvisionedScreen(Screen):
    """Plain text only: the home directory it names comes from outside the program."""

    def __init__(self, home: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.setSpacing(28)
        layout.addStretch(1)
        self.title = make_label("Big")
        self.body = make_label("SectionBody")
        self.command = make_label("SectionBody")
        self.hint = make_label("Hint")
        for label in (self.title, self.body, self.command, self.hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("本终端尚未注册"))
        self.body.setText(
            self.tr(
                "本终端还没有注册到政务服务平台，暂不能办理业务。请技术员用平台发放的注册码注册本终端，然后重新启动："
            )
        )
        command = "yunban provision --division CODE --platform URL --code CODE --technician-pin PIN"
        self.command.setText(f"{command} --home {self.home}" if self.home else command)
        self.hint.setText(self.tr("维护入口（状态栏的“维护”按钮或 Ctrl+Shift+T）仍可用，需输入维护密码。"))
