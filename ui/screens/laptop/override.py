"""值班长授权: past the offline limit, a supervisor lifts the laptop's restriction for some hours with their own staff
id and password (checked offline against the stored roster; the staff service audits it). The password field is
cleared on every attempt."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ui.screens.base import make_label

__all__ = ["OverrideDialog"]


class OverrideDialog(QDialog):
    submitted = Signal(str, str, int)
    """(supervisor's staff id, password, hours)."""

    def __init__(self, parent: QWidget | None = None, *, max_hours: int = 168) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("值班长授权"))
        self.setModal(True)
        box = QVBoxLayout(self)
        self.hint = make_label(
            "Hint", self.tr("本机已超过离线期限。值班长输入自己的工号和密码，可授权继续代办一段时间。")
        )
        box.addWidget(self.hint)
        form = QFormLayout()
        self.staff_id = QLineEdit(self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.hours = QSpinBox(self)
        self.hours.setRange(1, max_hours)
        self.hours.setValue(min(24, max_hours))
        self.hours.setSuffix(self.tr(" 小时"))
        form.addRow(self.tr("值班长工号"), self.staff_id)
        form.addRow(self.tr("密码"), self.secret)
        form.addRow(self.tr("授权时长"), self.hours)
        box.addLayout(form)
        self.message = make_label("Error")
        self.message.setAccessibleName("message")
        box.addWidget(self.message)
        row = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("授权"), self)
        self.ok_button.setObjectName("Primary")
        self.ok_button.clicked.connect(self._submit)
        self.secret.returnPressed.connect(self._submit)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        box.addLayout(row)

    def _submit(self) -> None:
        staff_id, secret = self.staff_id.text().strip(), self.secret.text()
        self.secret.clear()
        if not staff_id or not secret:
            return
        self.ok_button.setEnabled(False)
        self.submitted.emit(staff_id, secret, self.hours.value())

    def failed(self, message: str) -> None:
        self.message.setText(message)
        self.ok_button.setEnabled(True)
        self.secret.setFocus()
