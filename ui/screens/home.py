"""Home (首页): big tiles, one per service, large enough for a finger and readable at arm's length."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.screens.base import Screen, make_label

__all__ = ["TILES", "HomeScreen"]

TILES = ("guide", "browse", "apply", "progress", "evaluate", "consult")
"""Tile keys in display order (two rows of three)."""


class HomeScreen(Screen):
    """Emits `tile_chosen(key)` with a key of `TILES`."""

    tile_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(20)
        self.welcome = make_label("ScreenTitle")
        self.hint = make_label("Hint")
        layout.addWidget(self.welcome)
        layout.addWidget(self.hint)
        grid = QGridLayout()
        grid.setSpacing(24)
        self.tiles: dict[str, QPushButton] = {}
        for n, key in enumerate(TILES):
            button = QPushButton(self)
            button.setObjectName("Tile")
            button.setProperty("tile", key)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _checked=False, k=key: self.tile_chosen.emit(k))
            grid.addWidget(button, n // 3, n % 3)
            self.tiles[key] = button
        layout.addLayout(grid, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.welcome.setText(self.tr("欢迎使用政务服务自助终端"))
        self.hint.setText(self.tr("请点击下方按钮选择服务。查看办事指南无需登录。"))
        labels = {
            "guide": self.tr("办事指南\n查找事项"),
            "browse": self.tr("分类浏览\n部门 · 主题"),
            "apply": self.tr("我要办理"),
            "progress": self.tr("进度查询"),
            "evaluate": self.tr("评价"),
            "consult": self.tr("咨询投诉"),
        }
        for key, button in self.tiles.items():
            button.setText(labels[key])
