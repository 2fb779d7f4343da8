"""本机解锁: the laptop's keystore waits for the worker's unlock password (`keyring.unlock = "worker"`,
docs/security.md: never stored on the disk); `submitted(passphrase)`, the field cleared on every attempt, the reason
shown when refused (too short, wrong). Keyboard: type, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import make_label

__all__ = ["UnlockPage"]


class UnlockPage(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(280, 60, 280, 60)
        layout.setSpacing(14)
        self.title = make_label("ScreenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = make_label("Hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.secret = QLineEdit(self)
        self.secret.setObjectName("UnlockSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMaxLength(256)
        self.secret.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.button = QPushButton(self)
        self.button.setObjectName("Primary")
        self.message = make_label("Error")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.title, self.hint, self.secret, self.button, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        self.secret.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("本机解锁"))
        self.hint.setText(
            self.tr(
                "本机的群众信息已加密。请输入您的本机解锁密码（只保存在内存中，关机即忘）；忘记密码请联系县级技术人员。"
            )
        )
        self.secret.setPlaceholderText(self.tr("本机解锁密码"))
        self.button.setText(self.tr("解锁 (Enter)"))

    def submit(self) -> None:
        secret = self.secret.text()
        self.secret.clear()
        if not secret:
            return
        self.button.setEnabled(False)
        self.submitted.emit(secret)

    def done(self, error: str = "") -> None:
        self.button.setEnabled(True)
        self.message.setText(error)
        self.secret.setFocus()
