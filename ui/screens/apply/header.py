"""The head of 我要办理 and its status line.

`FlowHeader`: the title (我要办理 · 居民身份证换领) and the whole flow's step indicator (读卡 › 填表 › 材料 › 核对 ›
回执) on one line when both fit the width unwrapped, the steps under the title when not. On a 1280×800 panel in
大字模式 the two lines took 49 px of a form page's room that a second field needed. Beside the steps the title may
leave out 我要办理 · (the steps say it is an application) when only the item's name fits there; on a narrow portrait
panel or with a long item name the title keeps a line of its own, whole, wrapping as before. Nothing is cut.

`StatusLine`: the status line takes no room while it has nothing to say."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from ui.plain import PlainLabel

__all__ = ["FlowHeader", "StatusLine"]


class FlowHeader(QWidget):
    """`title` and `steps` (a widget asking its width by its size hint) on one line or two (`one_line`). The title's
    texts come through `set_titles`; call `arrange()` after the steps changed. A resize, a font or style change
    (大字模式) arranges by itself."""

    def __init__(self, title: QLabel, steps: QWidget, *, spacing: int = 12, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FlowHeader")
        self.title = title
        self.steps = steps
        self._box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        self._box.addWidget(title)
        self._box.addWidget(steps)
        self.one_line = False
        self._titles: tuple[str, str] = ("", "")

    def set_titles(self, full: str, beside: str = "") -> None:
        """The title: `full` (我要办理 · 居民身份证换领), or `beside` (居民身份证换领) where only that fits on the line
        beside the steps."""
        self._titles = (full, beside or full)
        self.arrange(force=True)

    def _title_width(self, text: str) -> int:
        """The title's width showing `text` on one line (its contents margins and indent included)."""
        title = self.title
        margins = title.contentsMargins()
        frame = 2 * (title.frameWidth() + title.margin() + max(0, title.indent()))
        return title.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + frame + 2

    def beside_title(self, width: int) -> str | None:
        """The title's text that fits whole beside the steps in `width` pixels (the full one first), None when
        neither does."""
        if self.steps.isHidden() or self.title.isHidden() or not self._titles[0]:
            return None
        steps = self._box.spacing() + self.steps.sizeHint().width()
        return next((t for t in self._titles if self._title_width(t) + steps <= width), None)

    def arrange(self, *, force: bool = False) -> None:
        """One line or two for the width the head has now."""
        text = self.beside_title(self.width()) if self.width() > 0 else None
        one_line = text is not None
        shown = text if text is not None else self._titles[0]
        if not force and one_line == self.one_line and shown == self.title.text():
            return
        self.one_line = one_line
        if shown != self.title.text():
            self.title.setText(shown)
        # On one line the title never wraps (it was measured whole); on a line of its own it wraps as it needs.
        self.title.setWordWrap(not one_line)
        if one_line:
            self._box.setDirection(QBoxLayout.Direction.LeftToRight)
            self._box.setAlignment(self.steps, Qt.AlignmentFlag.AlignVCenter)
            self._box.setStretchFactor(self.steps, 1)
        else:
            self._box.setDirection(QBoxLayout.Direction.TopToBottom)
            self._box.setAlignment(self.steps, Qt.AlignmentFlag(0))
            self._box.setStretchFactor(self.steps, 0)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self.arrange)  # not while Qt is still restyling the widget tree


class StatusLine(PlainLabel):
    """The flow's status line (已读取身份证，请核对下面的信息。, 已自动保存, a failure): it takes room only while it
    has something to say. Shown again (the on-screen keyboard giving the room back) it stays hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Status")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hide()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible and bool(self.text()))
