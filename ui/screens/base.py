"""What every screen shares: retranslation on language change, a reset that wipes what a visitor left on it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.plain import PlainLabel

__all__ = ["Screen", "make_label"]


class Screen(QWidget):
    """A page of the kiosk's stack."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def retranslate(self) -> None:
        """Set every user-facing text (called at construction and on every language change)."""

    def reset(self) -> None:
        """Forget everything a visitor entered or opened (idle timeout, back to home)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def make_label(object_name: str = "", text: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    label = PlainLabel(text, parent)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
