"""A row of choice buttons that wraps instead of cutting: `ButtonGrid` lays its buttons out in equal columns, as many
as fit their texts side by side (at most `max_columns`), on as many rows as that takes. Used where a row of choices
outgrows the panel in English, 大字模式 or portrait (the 好差评 levels and reasons)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

__all__ = ["ButtonGrid"]


class ButtonGrid(QWidget):
    """Buttons in `columns` equal columns, `columns` recomputed on every resize, restyle and text change."""

    def __init__(self, max_columns: int, *, spacing: int = 12, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_columns = max_columns
        self.columns = 0
        self.buttons: list[QPushButton] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)

    def add(self, button: QPushButton) -> QPushButton:
        """Add `button` (reparented here) at the end."""
        button.setParent(self)
        button.setSizePolicy(QSizePolicy.Policy.Ignored, button.sizePolicy().verticalPolicy())
        button.installEventFilter(self)
        self.buttons.append(button)
        self.columns = 0
        self._reflow()
        return button

    def _fitting_columns(self) -> int:
        widest = max((b.sizeHint().width() for b in self.buttons), default=0)
        spacing = self._grid.horizontalSpacing()
        room = self.width() if self.width() > 0 else widest * self.max_columns
        columns = self.max_columns
        while columns > 1 and columns * widest + (columns - 1) * spacing > room:
            columns -= 1
        return max(1, min(columns, len(self.buttons) or 1))

    def _reflow(self) -> None:
        columns = self._fitting_columns()
        if columns == self.columns:
            return
        self.columns = columns
        for button in self.buttons:
            self._grid.removeWidget(button)
        for n, button in enumerate(self.buttons):
            self._grid.addWidget(button, n // columns, n % columns)
        for column in range(self.max_columns):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        widest = max((b.minimumSizeHint().width() for b in self.buttons), default=0)
        return QSize(widest, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.LanguageChange)
        if watched in self.buttons and event.type() in kinds:
            QTimer.singleShot(0, self.refit)  # not while Qt is still restyling the widget tree
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self.refit)

    def refit(self) -> None:
        """After the buttons' texts changed (a language switch): recount the columns."""
        self.columns = 0
        self._reflow()
