"""The signature pad (签名): draw with a finger (Qt turns touches into mouse events) or a mouse; the answer is the
drawing as a PNG data URL (`data:image/png;base64,...`), so drafts stay plain JSON."""

from __future__ import annotations

import base64
import itertools
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.model.forms import Field
from ui.forms.inputs import FieldInput
from ui.forms.style import target
from ui.forms.texts import text
from ui.plain import PlainLabel

__all__ = ["SignatureInput", "SignaturePad"]

_PREFIX = "data:image/png;base64,"


class SignaturePad(QWidget):
    """A white drawing surface; `to_png()` gives the drawing, `is_empty()` whether anything was drawn."""

    drawn = Signal()

    def __init__(self, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setMinimumSize(round(560 * scale), round(240 * scale))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.pen_width = max(3.0, 5.0 * scale)
        self._image = QImage(self.minimumSize(), QImage.Format.Format_RGB32)
        self._image.fill(QColor("white"))
        self._last: QPointF | None = None
        self._strokes = 0

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def is_empty(self) -> bool:
        return self._strokes == 0

    def clear(self) -> None:
        self._image.fill(QColor("white"))
        self._strokes = 0
        self.update()
        self.drawn.emit()

    def stroke(self, points: list[QPointF]) -> None:
        """Draw a line through `points` (what a finger does; also used by tests)."""
        if not points:
            return
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(
            QPen(QColor("#10203a"), self.pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                 Qt.PenJoinStyle.RoundJoin)
        )  # fmt: skip
        if len(points) == 1:
            painter.drawPoint(points[0])
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.end()
        self._strokes += 1
        self.update()
        self.drawn.emit()

    def to_png(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes, PySide wants str
        buffer.close()
        return bytes(data.data())

    def load_png(self, png: bytes) -> bool:
        image = QImage.fromData(png, "PNG")  # type: ignore[arg-type]
        if image.isNull():
            return False
        self._image = QImage(self._image.size(), QImage.Format.Format_RGB32)
        self._image.fill(QColor("white"))
        painter = QPainter(self._image)
        painter.drawImage(0, 0, image)
        painter.end()
        self._strokes = max(self._strokes, 1)
        self.update()
        return True

    # Qt synthesises mouse events from touches, so one code path serves fingers, pens and mice.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last = event.position()
        self.stroke([self._last])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is None:
            return
        point = event.position()
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#10203a"), self.pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(self._last, point)
        painter.end()
        self._last = point
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._last = None
        self.drawn.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.size().width() > self._image.width() or event.size().height() > self._image.height():
            bigger = QImage(event.size().expandedTo(self._image.size()), QImage.Format.Format_RGB32)
            bigger.fill(QColor("white"))
            painter = QPainter(bigger)
            painter.drawImage(0, 0, self._image)
            painter.end()
            self._image = bigger
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.setPen(QPen(QColor("#8a96a6"), 2, Qt.PenStyle.DashLine))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        baseline = self.height() - round(self.height() * 0.25)
        painter.drawLine(24, baseline, self.width() - 24, baseline)
        painter.end()


class SignatureInput(FieldInput):
    """signature: the pad, a hint and a large clear button."""

    def __init__(self, field: Field, *, language: str = "zh_CN", scale: float = 1.0, parent: QWidget | None = None):
        super().__init__(field, language=language, scale=scale, parent=parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = PlainLabel(text("sign_hint", language), self)
        layout.addWidget(self.hint)
        self.pad = SignaturePad(scale, self)
        self.pad.setObjectName(f"input_{field.id}")
        layout.addWidget(self.pad)
        row = QHBoxLayout()
        self.clear_button = QPushButton(text("sign_clear", language), self)
        self.clear_button.setMinimumHeight(target(scale))
        self.clear_button.clicked.connect(self.pad.clear)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._cached: str | None = None
        self.pad.drawn.connect(self._drawn)

    def _drawn(self) -> None:
        self._cached = None
        self.changed.emit()

    def value(self) -> Any:
        if self.pad.is_empty():
            return None
        if self._cached is None:  # encoding a PNG costs milliseconds; answers() is asked on every change
            self._cached = _PREFIX + base64.b64encode(self.pad.to_png()).decode("ascii")
        return self._cached

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and value.startswith(_PREFIX):
            try:
                png = base64.b64decode(value[len(_PREFIX) :], validate=True)
            except ValueError:
                png = b""
            self.pad.clear()
            self.pad.load_png(png)
            self._drawn()
        else:
            self.pad.clear()

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self.hint.setText(text("sign_hint", language))
        self.clear_button.setText(text("sign_clear", language))

    def focus_target(self) -> QWidget:
        return self.pad
