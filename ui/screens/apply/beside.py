"""A value with its buttons beside it when the row is wide enough, under it when it is not.

A value read from the ID card is shown locked with a finger-sized 信息有误，更正 button (and 按住查看 for an ID
number). Under the value, that button line made every locked row about 200 px tall, so a 1280×800 page held one of
them. `BesideLayout` puts the value (and its 读自身份证（已锁定） tag under it) on the left and the buttons on the right
in one line, as tall as the buttons, whenever that fits the width: the tag whole, the value's words whole, the value
no narrower than a third of the row, and the line no taller than the stacked arrangement would be. Otherwise (a
narrow portrait panel in 大字模式, long English, a long address that wraps) it falls back to the stacked arrangement:
the value with its tag beside it, the buttons on the line below (wrapping onto further lines when they do not fit
side by side). A part below everything (the reasons for a correction) takes the whole width in both.

The arrangement is decided per width in `heightForWidth` and `setGeometry` alike, so the form's paging
(`ui/screens/apply/paging.py`, which measures every row's height for the page's width) sees the height the row will
have on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem

__all__ = ["BesideLayout"]


@dataclass(frozen=True)
class _Plan:
    """Where everything goes at one width (relative to the contents rectangle's top left)."""

    beside: bool
    rects: tuple[tuple[QLayoutItem, QRect], ...]
    height: int


class BesideLayout(QLayout):
    """`value` (wrapping label) and `tag` (optional one-line label) on the left, `buttons` on the right when they fit
    side by side; otherwise value and tag on a line, the buttons below (as many a line as fit). `below` (optional)
    under both, the whole width. Hidden widgets take no room."""

    def __init__(
        self,
        parent: QWidget,
        *,
        value: QWidget,
        tag: QWidget | None = None,
        buttons: tuple[QWidget, ...],
        below: QWidget | None = None,
        spacing: int = 12,
    ) -> None:
        super().__init__(parent)
        self.setSpacing(spacing)
        self._items: list[QLayoutItem] = []
        self._value = self._add(value)
        if tag is None:  # nothing under the value: an empty place (a hidden widget takes no room)
            tag = QWidget(parent)
            tag.hide()
        self._tag = self._add(tag)
        self._buttons = tuple(self._add(b) for b in buttons)
        self._below = self._add(below) if below is not None else None
        self.beside = False
        """Whether the last geometry set put the buttons beside the value."""
        self._laid_height = -1

    def _add(self, widget: QWidget) -> QLayoutItem:
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.append(item)
        return item

    # -- QLayout -------------------------------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        if item is self._below:
            self._below = None
        return item

    def invalidate(self) -> None:
        """A part's size changed (a text, 大字模式): the height at a given width may have changed with it. The widget
        around says so to its own layout at once (Qt passes that on only from a layout that was activated since, and
        a form page not shown yet has never been), so the form's paging measures what will be shown."""
        super().invalidate()
        parent = self.parentWidget()
        if parent is not None:
            parent.updateGeometry()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        return self._plan(inner).height + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        side = self._side_width()
        value = self._value.sizeHint().width() if not self._value.isEmpty() else 0
        tag = self._tag.sizeHint().width() if not self._tag.isEmpty() else 0
        width = max(value, tag) + (self.spacing() + side if side else 0)
        if side:  # wide enough for the buttons beside (the value keeps at least a third of the line)
            width = max(width, (3 * (side + self.spacing()) + 1) // 2)
        width += margins.left() + margins.right()
        # Once laid out, the width it has: Qt takes a height-for-width widget's preferred height at its preferred
        # width, and a form row (QSizePolicy.Fixed) grows no taller than that, so at the natural width a row that
        # falls back to the stacked arrangement would be cut to the side-by-side height.
        current = self.geometry().width()
        if current > 0:
            width = current
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        """As narrow as the stacked arrangement goes (the value's longest word beside the tag, the widest button)."""
        margins = self.contentsMargins()
        line = self._value.minimumSize().width() if not self._value.isEmpty() else 0
        if not self._tag.isEmpty():
            line += self.spacing() + self._tag.sizeHint().width()
        widest = max((b.sizeHint().width() for b in self._shown(self._buttons)), default=0)
        below = self._below.minimumSize().width() if self._below is not None and not self._below.isEmpty() else 0
        width = max(line, widest, below) + margins.left() + margins.right()
        # The least height is the arrangement's at its natural width: the height at the real width comes from
        # heightForWidth (the stacked height at the least width would make a page that fits scroll).
        return QSize(width, self.heightForWidth(max(width, self.sizeHint().width())))

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        inner = self.contentsRect()
        plan = self._plan(inner.width())
        self.beside = plan.beside
        for item, where in plan.rects:
            item.setGeometry(where.translated(inner.topLeft()))
        margins = self.contentsMargins()
        height = plan.height + margins.top() + margins.bottom()
        if height != self._laid_height:  # another arrangement or more lines: the size hint follows (see sizeHint)
            self._laid_height = height
            parent = self.parentWidget()
            if parent is not None:
                parent.updateGeometry()

    def stacked_height(self, width: int) -> int:
        """The height the stacked arrangement would take at `width` (margins included), whichever is laid out: what
        a locked row took before the buttons went beside the value (the paging test compares the two)."""
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        _rects, height = self._stacked(inner)
        if self._below is not None and not self._below.isEmpty():
            height += (self.spacing() if height else 0) + self._height(self._below, inner)
        return height + margins.top() + margins.bottom()

    # -- the arrangement -----------------------------------------------------------------------------------------------

    @staticmethod
    def _shown(items: tuple[QLayoutItem, ...]) -> tuple[QLayoutItem, ...]:
        return tuple(i for i in items if not i.isEmpty())

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        if item.isEmpty():
            return 0
        return item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()

    def _side_width(self) -> int:
        buttons = self._shown(self._buttons)
        return sum(b.sizeHint().width() for b in buttons) + self.spacing() * max(0, len(buttons) - 1)

    def _plan(self, width: int) -> _Plan:
        beside = self._beside(width)
        stacked = self._stacked(width)
        side_by_side = beside is not None and beside[1] <= stacked[1]
        rects, height = beside if beside is not None and side_by_side else stacked
        if self._below is not None and not self._below.isEmpty():
            gap = self.spacing() if height else 0
            below = self._height(self._below, width)
            rects = (*rects, (self._below, QRect(0, height + gap, width, below)))
            height += gap + below
        return _Plan(side_by_side, rects, height)

    def _beside(self, width: int) -> tuple[tuple[tuple[QLayoutItem, QRect], ...], int] | None:
        """Value over tag on the left, the buttons on the right, all on one line; None when that does not fit."""
        buttons = self._shown(self._buttons)
        if not buttons:
            return None
        spacing = self.spacing()
        left = width - self._side_width() - spacing
        tag_width = self._tag.sizeHint().width() if not self._tag.isEmpty() else 0
        value_least = self._value.minimumSize().width() if not self._value.isEmpty() else 0
        if left < max(tag_width, value_least, width // 3):
            return None
        value_h = self._height(self._value, left)
        tag_h = self._height(self._tag, left)
        gap = spacing // 3 if value_h and tag_h else 0
        column = value_h + gap + tag_h
        line = max(column, max(b.sizeHint().height() for b in buttons))
        top = (line - column) // 2
        rects: list[tuple[QLayoutItem, QRect]] = []
        if value_h:
            rects.append((self._value, QRect(0, top, left, value_h)))
        if tag_h:
            rects.append((self._tag, QRect(0, top + value_h + gap, left, tag_h)))
        x = width - self._side_width()
        for button in buttons:
            hint = button.sizeHint()
            rects.append((button, QRect(x, (line - hint.height()) // 2, hint.width(), hint.height())))
            x += hint.width() + spacing
        return tuple(rects), line

    def _stacked(self, width: int) -> tuple[tuple[tuple[QLayoutItem, QRect], ...], int]:
        """Value with its tag beside it; the buttons on the line(s) below."""
        spacing = self.spacing()
        rects: list[tuple[QLayoutItem, QRect]] = []
        tag_width = self._tag.sizeHint().width() if not self._tag.isEmpty() else 0
        value_width = width - (tag_width + spacing if tag_width else 0)
        value_h = self._height(self._value, value_width)
        tag_h = self._height(self._tag, tag_width)
        line = max(value_h, tag_h)
        if value_h:
            rects.append((self._value, QRect(0, (line - value_h) // 2, value_width, value_h)))
        if tag_h:
            rects.append((self._tag, QRect(width - tag_width, (line - tag_h) // 2, tag_width, tag_h)))
        y, x, row = line + (spacing if line else 0), 0, 0
        buttons = self._shown(self._buttons)
        for button in buttons:
            hint = button.sizeHint()
            if x and x + hint.width() > width:  # no room left on this line: the next one
                y, x, row = y + row + spacing, 0, 0
            rects.append((button, QRect(x, y, min(hint.width(), width), hint.height())))
            x += hint.width() + spacing
            row = max(row, hint.height())
        height = y + row if buttons else line
        return tuple(rects), height
