"""Where the card reader is: a drawing of the terminal (screen above, the reader's pad on the shelf below it) with an
ID card going down flat onto the highlighted pad. Drawn with QPainter, so it scales with the page and needs no image
file; colours from the kiosk palette (ui/theme.py)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import ACCENT, LINE, PRIMARY, PRIMARY_DARK

__all__ = ["CardReaderPicture"]

ASPECT = 0.72
"""Height over width of the drawing."""


class CardReaderPicture(QWidget):
    """The drawing; `accessibleName` says in words what it shows (set by the page that uses it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CardReaderPicture")
        # As large as the page allows up to its size hint; a short page (大字模式 on a 768-px panel) gets a smaller one.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setMinimumSize(160, round(160 * ASPECT))
        self._hint = QSize()

    def sizeHint(self) -> QSize:
        # A fifth of the window's height at most: on a short panel in 大字模式 the prompt and buttons keep their room.
        window = self.window()
        height = round(360 * ASPECT)
        if window is not None and window is not self and window.height() > 0:
            height = max(self.minimumHeight(), min(height, window.height() // 5))
        return QSize(round(height / ASPECT), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.sizeHint()
        if hint != self._hint:  # the window changed size: ask the layout again
            self._hint = hint
            self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The drawing's own 100 × 72 units, centred in the widget.
        scale = min(self.width() / 100, self.height() / (100 * ASPECT))
        painter.translate((self.width() - 100 * scale) / 2, (self.height() - 100 * ASPECT * scale) / 2)
        painter.scale(scale, scale)
        body = QColor("#d9e1ea")
        # The terminal: screen in its frame, and the shelf under it.
        painter.setPen(QPen(QColor(PRIMARY_DARK), 0.8))
        painter.setBrush(body)
        painter.drawRoundedRect(QRectF(22, 2, 56, 40), 3, 3)
        painter.setBrush(QColor(PRIMARY))
        painter.drawRoundedRect(QRectF(26, 6, 48, 30), 1.5, 1.5)
        painter.setBrush(body)
        shelf = QPolygonF([QPointF(18, 46), QPointF(82, 46), QPointF(92, 66), QPointF(8, 66)])
        painter.drawPolygon(shelf)
        # The reader's pad on the shelf, highlighted.
        painter.setPen(QPen(QColor(ACCENT), 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(QColor("#fbe3e7"))
        pad = QPolygonF([QPointF(56, 50), QPointF(76, 50), QPointF(80, 62), QPointF(54, 62)])
        painter.drawPolygon(pad)
        # The ID card above it, going down flat (photo square and text lines), and the arrow.
        painter.setPen(QPen(QColor(PRIMARY_DARK), 0.6))
        painter.setBrush(QColor("#eef6ff"))
        painter.drawRoundedRect(QRectF(58, 18, 22, 14), 1.5, 1.5)
        painter.setBrush(QColor(LINE))
        painter.drawRect(QRectF(60, 20.5, 6, 8))
        painter.setPen(QPen(QColor("#8aa0b8"), 1))
        for y in (22.0, 25.0, 28.0):
            painter.drawLine(QPointF(68, y), QPointF(77, y))
        arrow = QPainterPath()
        arrow.moveTo(67, 34)
        arrow.lineTo(67, 44)
        painter.setPen(QPen(QColor(ACCENT), 1.6))
        painter.drawPath(arrow)
        painter.setBrush(QColor(ACCENT))
        painter.drawPolygon(QPolygonF([QPointF(63.5, 43), QPointF(70.5, 43), QPointF(67, 48)]))
        painter.end()
