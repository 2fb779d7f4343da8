"""Text on screen is shown as text: catalog and citizen strings never render as markup.

Contract: every label of the UI is a `PlainLabel` (`Qt.PlainText`: `<h1>`, `<img src=file:…>`, `<a href>` show as the
characters they are, and no resource is loaded); a `RichLabel` is for markup the code itself builds, in which every
interpolated string is escaped (`escape`). Tooltips go through `plain_tooltip` (Qt renders a tooltip as rich text
when it merely looks like markup). `tests/unit/test_architecture.py` fails when `ui/` constructs a bare `QLabel`,
sets a rich or automatic text format, or uses `setHtml`, `QTextBrowser` or `QMessageBox` outside this module.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["PlainLabel", "RichLabel", "escape", "plain_tooltip"]


class PlainLabel(QLabel):
    """A QLabel that shows its text verbatim (Qt.PlainText) and opens no links."""

    def __init__(self, text: str | QWidget | None = "", parent: QWidget | None = None) -> None:
        if isinstance(text, QWidget):  # QLabel(parent), as Qt allows
            parent, text = text, ""
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setOpenExternalLinks(False)
        if text:
            self.setText(str(text))


class RichLabel(QLabel):
    """A QLabel for markup built by the code (bold, line breaks, colour spans) around escaped text; it opens no
    links and follows none (`linkActivated` is not connected anywhere)."""

    def __init__(self, markup: str | QWidget | None = "", parent: QWidget | None = None) -> None:
        if isinstance(markup, QWidget):
            parent, markup = markup, ""
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if markup:
            self.setText(str(markup))


def escape(text: object) -> str:
    """Text made safe to put inside a RichLabel's markup."""
    return html.escape(str(text))


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` verbatim. Qt renders a tooltip as rich text when `Qt.mightBeRichText` guesses
    so (it starts like markup); such a text is escaped inside a paragraph, any other is returned as it is (Qt shows
    it plain)."""
    if not text or not GuiQt.mightBeRichText(text):
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
