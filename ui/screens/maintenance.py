"""Maintenance (系统维护中): shown instead of crashing when the catalog cannot be used (missing or corrupt)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.screens.base import Screen, make_label

__all__ = ["MaintenanceScreen"]


class MaintenanceScreen(Screen):
    """Tells visitors where to go; shows the technician's message (never personal data) in small type."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.setSpacing(28)
        layout.addStretch(1)
        self.title = make_label("Big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = make_label("SectionBody")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = make_label("Hint")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.detail)
        layout.addStretch(2)
        self.retranslate()

    def set_detail(self, text: str) -> None:
        self.detail_text = text
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("系统维护中"))
        self.body.setText(self.tr("事项目录暂时无法使用，请到服务窗口办理，或稍后再试。\n给您带来不便，敬请谅解。"))
        self.detail.setText(self.tr("技术信息：%1").replace("%1", self.detail_text) if self.detail_text else "")
