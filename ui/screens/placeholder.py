"""Services that later issues build (我要办理, 进度查询, 评价, 咨询投诉): a screen that says so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.screens.base import Screen, make_label

__all__ = ["PlaceholderScreen"]


class PlaceholderScreen(Screen):
    """Names the service, says it is not available on this terminal yet, and offers the way back."""

    home_requested = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.setSpacing(28)
        layout.addStretch(1)
        self.title = make_label("Big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = make_label("SectionBody")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self)
        self.button.setObjectName("Primary")
        self.button.clicked.connect(self.home_requested.emit)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        titles = {
            "apply": self.tr("我要办理"),
            "progress": self.tr("进度查询"),
            "evaluate": self.tr("评价"),
            "consult": self.tr("咨询投诉"),
        }
        self.title.setText(titles.get(self.key, self.key))
        self.body.setText(
            self.tr("本终端暂未开通此项服务，将在后续版本提供。\n现在可以先查看办事指南，或到服务窗口办理。")
        )
        self.button.setText(self.tr("返回首页"))
