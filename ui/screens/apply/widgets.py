"""Small shared pieces of the apply screens: a titled card, big buttons, an on-screen receipt-number keypad."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.screens.base import make_label

__all__ = ["ReceiptKeypad", "card", "clear_layout", "primary", "scroll_body"]


def primary(text: str = "", parent: QWidget | None = None, *, name: str = "Primary", big: bool = False) -> QPushButton:
    """A large touch button; `big` for the one main action of a page. Its size comes from the kiosk's stylesheet
    (`QPushButton[touch="action"|"big"]` in ui/theme.py), so it grows with the rest of the text in elder mode."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setProperty("touch", "big" if big else "action")
    return button


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("Card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 18, 24, 18)
    layout.setSpacing(12)
    return frame, layout


def scroll_body(parent: QWidget, into: QVBoxLayout, *, spacing: int = 14) -> QVBoxLayout:
    """A vertically scrolling area added to `into` (taking the spare height); returns the layout of its content,
    for pages taller than a 1280×800 panel (keypads, reasons, text boxes)."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget()
    body.setObjectName("Screen")
    inner = QVBoxLayout(body)
    inner.setContentsMargins(0, 0, 12, 0)
    inner.setSpacing(spacing)
    area.setWidget(body)
    into.addWidget(area, 1)
    return inner


def clear_layout(layout: QGridLayout | QVBoxLayout) -> None:
    """Delete every widget of a layout (and of its nested layouts), texts included."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            for child in widget.findChildren(QWidget):
                if hasattr(child, "clear"):
                    child.clear()
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            inner = item.layout()
            if isinstance(inner, QGridLayout | QVBoxLayout):
                clear_layout(inner)


class ReceiptKeypad(QWidget):
    """A line for a receipt number with big keys 0–9, X, ⌫ and 清空 (no system keyboard needed on a kiosk).

    Receipt numbers are digits with an ISO 7064 check character that may be X (docs/receipt-number.md).
    """

    submitted = Signal(str)

    KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0", "⌫")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.line = QLineEdit(self)
        self.line.setObjectName("SearchBox")
        self.line.setMaxLength(80)  # a pasted or scanned QR payload (YBR1:<number>:<code>) fits
        # Its own keys below: the on-screen keyboard would only cover them (a scanner or keyboard still types).
        self.line.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.line.returnPressed.connect(lambda: self.submitted.emit(self.line.text()))
        layout.addWidget(self.line)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        for n, key in enumerate(self.KEYS):
            button = QPushButton(key, self)
            button.setProperty("touch", "key")  # on the kiosk's type scale (ui/theme.py)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, n // 3, n % 3)
            self.keys[key] = button
        layout.addLayout(grid)
        self.hint = make_label("Hint")
        layout.addWidget(self.hint)

    def press(self, key: str) -> None:
        if key == "⌫":
            self.line.backspace()
        else:
            self.line.insert(key)

    def text(self) -> str:
        return self.line.text().strip()

    def clear(self) -> None:
        self.line.clear()
