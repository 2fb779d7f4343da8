"""Home (首页): big tiles, one per service, large enough for a finger and readable at arm's length.

Contract: the tiles are equal in size and never cut their text. Three columns on a landscape panel, two on a portrait
one (1080×1920), one when even two would not fit; a tile is never taller than `MAX_TILE_PX` (scaled with the type),
the spare height goes below the grid. The tile text is as large as the theme says (`TILE_FONT_PX`, ×1.4 in 大字模式)
unless a tile's text, broken at its spaces, would not fit its width or height: then every tile steps down together.
`tiles[key].text()` is the text as shown (with the line breaks chosen)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.screens.base import Screen, make_label

__all__ = ["TILES", "HomeScreen"]

TILES = ("guide", "browse", "apply", "progress", "evaluate", "consult")
"""Tile keys in display order (two rows of three on a landscape panel)."""

TILE_FONT_PX = 34
"""The theme's tile text size at scale 1 (ui/theme.py `QPushButton#Tile`)."""
MIN_TILE_FONT_PX = 22
MAX_TILE_PX = 300
"""A tile's greatest height at scale 1: a portrait panel gets three rows of reasonable tiles, not three of 600 px."""
TILE_PADDING_PX = 12
"""The theme's tile padding at scale 1."""


class HomeScreen(Screen):
    """Emits `tile_chosen(key)` with a key of `TILES`."""

    tile_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = 1.0
        self.columns = 3
        self.tile_font_px = TILE_FONT_PX
        self._texts: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 28)
        layout.setSpacing(18)
        self.welcome = make_label("ScreenTitle")
        self.hint = make_label("Hint")
        layout.addWidget(self.welcome)
        layout.addWidget(self.hint)
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        self.tiles: dict[str, QPushButton] = {}
        for key in TILES:
            button = QPushButton(self)
            button.setObjectName("Tile")
            button.setProperty("tile", key)
            # Ignored: the grid shares the width out equally whatever the texts ask for (the text is fitted instead).
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _checked=False, k=key: self.tile_chosen.emit(k))
            self.tiles[key] = button
        self._place_tiles(3)
        layout.addLayout(self.grid, 1)
        layout.addStretch(0)  # takes what the tiles, at their greatest height, leave
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
        self._texts = labels
        for key, button in self.tiles.items():
            button.setText(labels[key])
        self._fit()

    def set_scale(self, scale: float) -> None:
        """The kiosk's type scale (1.0, or 1.4 in 大字模式): tile text and the tiles' greatest height follow it."""
        self.scale = scale
        self._fit()

    # -- layout ---------------------------------------------------------------------------------------------------

    def _place_tiles(self, columns: int) -> None:
        self.columns = columns
        for button in self.tiles.values():
            self.grid.removeWidget(button)
        for n, key in enumerate(TILES):
            self.grid.addWidget(self.tiles[key], n // columns, n % columns)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        for r in range(6):
            self.grid.setRowStretch(r, 1 if r < -(-len(TILES) // columns) else 0)

    def _wrapped(self, metrics: QFontMetrics, width: int) -> dict[str, list[str]] | None:
        """Every tile's text broken into lines no wider than `width` (at its spaces; a tile's own line breaks kept),
        or None when a word alone is wider."""
        out: dict[str, list[str]] = {}
        for key, source in self._texts.items():
            lines: list[str] = []
            paragraphs: list[str] = []
            for paragraph in source.split("\n"):
                # "部门 · 主题" that does not fit on one line breaks at its dot, not inside a part.
                fits = metrics.horizontalAdvance(paragraph) <= width
                paragraphs.extend([paragraph] if fits else [p.strip() for p in paragraph.split(" · ")])
            for paragraph in paragraphs:
                line = ""
                for word in paragraph.split(" "):
                    candidate = f"{line} {word}" if line else word
                    if metrics.horizontalAdvance(candidate) <= width or not line:
                        line = candidate
                    else:
                        lines.append(line)
                        line = word
                lines.append(line)
            if max(metrics.horizontalAdvance(line) for line in lines) > width:
                return None
            out[key] = lines
        return out

    def _layout_at(self, px: int, width: int, height: int) -> dict[str, list[str]] | None:
        font = QFont(self.tiles["guide"].font())
        font.setPixelSize(px)
        font.setBold(True)
        metrics = QFontMetrics(font)
        wrapped = self._wrapped(metrics, width)
        if wrapped is None or max(len(lines) for lines in wrapped.values()) * metrics.lineSpacing() > height:
            return None
        return wrapped

    def _fit(self) -> None:
        """Choose the columns and the tile text size for the screen's size (see the module's docstring)."""
        width, height = self.width(), self.height()
        if width <= 0 or height <= 0:
            return
        scale = self.scale
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        inner_w = width - (margins.left() + margins.right() if margins else 0)
        top = self.grid.geometry().top() if self.grid.geometry().height() > 0 else 0
        if top <= 0:  # not laid out yet: what the title and hint will take
            top = self.welcome.heightForWidth(inner_w) + self.hint.heightForWidth(inner_w) + 2 * 18 + 28
        rows_room = max(1, height - top - (margins.bottom() if margins else 0))
        columns = 2 if height > width else 3
        pad = 2 * round(TILE_PADDING_PX * scale) + 8
        base = round(TILE_FONT_PX * scale)
        spacing = self.grid.spacing()
        wrapped: dict[str, list[str]] | None = None
        while True:
            rows = -(-len(TILES) // columns)
            tile_w = (inner_w - (columns - 1) * spacing) // columns - pad
            tile_h = min((rows_room - (rows - 1) * spacing) // rows, round(MAX_TILE_PX * scale)) - pad
            px = base
            while px > MIN_TILE_FONT_PX and (wrapped := self._layout_at(px, tile_w, tile_h)) is None:
                px -= 2
            if wrapped is None:
                wrapped = self._layout_at(px, tile_w, tile_h)
            if wrapped is not None or columns == 1:
                break
            columns -= 1
        if columns != self.columns:
            self._place_tiles(columns)
        for key, button in self.tiles.items():
            button.setMaximumHeight(round(MAX_TILE_PX * scale))
            text = "\n".join(wrapped[key]) if wrapped is not None else self._texts[key]
            if button.text() != text:
                button.setText(text)
        if px != self.tile_font_px:
            self.tile_font_px = px
            style = "" if px == base else f"font-size: {px}px;"
            for button in self.tiles.values():
                button.setStyleSheet(style)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
