"""Does everything on screen fit? The checks behind the clipping test and the screenshot walk.

`clipped_texts(root)` lists every visible label or button under `root` whose text does not fit in it: a plain label's
lines measured with its font (`QFontMetrics.horizontalAdvance`, or `boundingRect` word-wrapped to its width) against
its `contentsRect`, a rich label by its own height-for-width, a button's lines against the contents rectangle its style
leaves inside border and padding. `hidden_primaries(window, covered)` lists the primary buttons (`#Primary`,
`#FormPrimary`, `touch="big"`) of a page's fixed part not wholly on screen: cut by a parent, pushed out of the window,
or under the on-screen keyboard (`covered` pixels at the bottom of the window). A button inside a scrolling area (a
material card's 扫描) is reached by scrolling and is not counted. Qt neither elides a QLabel nor a QPushButton: it
cuts, which is what these see.

`text_sizes(root)` and `unscaled_texts(standard, large, factor)`: the pixel size of every text shown under `root`, and
those that did not grow with 大字模式 (a widget's own fixed `font-size` overrides the kiosk's type scale).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.touch import inside_scroll_area

__all__ = [
    "Misfit",
    "clipped_texts",
    "hidden_buttons",
    "hidden_primaries",
    "is_primary",
    "text_sizes",
    "unscaled_texts",
]

TOLERANCE_PX = 1
"""Rounding of fractional glyph advances."""


@dataclass(frozen=True)
class Misfit:
    """A widget whose text is cut (`need` wider or taller than `room`), or a primary button not wholly shown."""

    widget: str
    text: str
    need: tuple[int, int]
    room: tuple[int, int]

    def __str__(self) -> str:
        return f"{self.widget} {self.text!r}: needs {self.need[0]}×{self.need[1]}, has {self.room[0]}×{self.room[1]}"


def _name(widget: QWidget) -> str:
    parent = widget.parentWidget()
    owner = ""
    while parent is not None and not owner:
        owner = parent.objectName() if parent.objectName() not in ("", "Screen", "qt_scrollarea_viewport") else ""
        owner = owner or (type(parent).__name__ if type(parent).__module__.startswith("ui.") else "")
        parent = parent.parentWidget()
    return f"{owner}/{type(widget).__name__}#{widget.objectName()}"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _label_misfit(label: QLabel) -> Misfit | None:
    text = label.text()
    if not text.strip() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect()
    inset = 2 * label.margin() + max(0, label.indent())
    width, height = room.width() - inset, room.height() - 2 * label.margin()
    if label.textFormat() != Qt.TextFormat.PlainText:
        need_h = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        need_w = label.minimumSizeHint().width()
        if need_h > label.height() + TOLERANCE_PX or need_w > label.width() + TOLERANCE_PX:
            return Misfit(_name(label), text[:60], (need_w, need_h), (label.width(), label.height()))
        return None
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        bound = metrics.boundingRect(QRect(0, 0, max(1, width), 100_000), int(Qt.TextFlag.TextWordWrap), text)
        need_w, need_h = bound.width(), bound.height()
    else:
        lines = text.split("\n")
        need_w = max(metrics.horizontalAdvance(line) for line in lines)
        need_h = len(lines) * metrics.lineSpacing() - metrics.leading()
    if need_w > width + TOLERANCE_PX or need_h > height + TOLERANCE_PX:
        return Misfit(_name(label), text[:60], (need_w, need_h), (width, height))
    return None


def _button_misfit(button: QAbstractButton) -> Misfit | None:
    text = button.text().replace("&&", "&")
    if not text.strip():
        return None
    metrics = QFontMetrics(button.font())
    lines = text.split("\n")
    need_w = max(metrics.horizontalAdvance(line) for line in lines)
    need_h = len(lines) * metrics.lineSpacing() - metrics.leading()
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        if not button.icon().isNull():
            need_w += button.iconSize().width() + 4
    else:
        room = button.contentsRect()
    if need_w > room.width() + TOLERANCE_PX or need_h > room.height() + TOLERANCE_PX:
        return Misfit(_name(button), text[:60], (need_w, need_h), (room.width(), room.height()))
    return None


def _squeezed(widget: QWidget) -> Misfit | None:
    """A field or button the layout squeezed below its least height: it overlaps its neighbours."""
    need = max(widget.minimumSizeHint().height(), widget.minimumHeight())
    if widget.sizePolicy().verticalPolicy() in (QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum):
        need = max(need, widget.sizeHint().height())  # buttons and lines never shrink below their hint
    if widget.height() + TOLERANCE_PX < need:
        text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
        return Misfit(_name(widget), text[:60] or widget.objectName(), (widget.width(), need),
                      (widget.width(), widget.height()))  # fmt: skip
    return None


def clipped_texts(root: QWidget) -> list[Misfit]:
    """Every label and button shown under `root` whose text is cut, and every field or button squeezed below its
    least height (a layout given less room than it needs overlaps its widgets)."""
    found: list[Misfit] = []
    for widget in root.findChildren(QWidget):
        fields = isinstance(widget, QLineEdit | QAbstractButton) and _shown(widget, root)
        if fields and (misfit := _squeezed(widget)) is not None:
            found.append(misfit)
    for label in root.findChildren(QLabel):
        if _shown(label, root) and (misfit := _label_misfit(label)) is not None:
            found.append(misfit)
    for button in root.findChildren(QAbstractButton):
        if _shown(button, root) and (misfit := _button_misfit(button)) is not None:
            found.append(misfit)
    return found


def is_primary(button: QWidget) -> bool:
    return button.objectName() in ("Primary", "FormPrimary") or button.property("touch") == "big"


def hidden_buttons(window: QWidget, covered: int = 0, root: QWidget | None = None) -> list[Misfit]:
    """Every button of a page's fixed part (not inside a scrolling area) not wholly visible inside `window` above the
    bottom `covered` pixels: a row of buttons wider than the panel pushes its last ones out or under a neighbour."""
    return hidden_primaries(window, covered, root, every=True)


def hidden_primaries(
    window: QWidget, covered: int = 0, root: QWidget | None = None, *, every: bool = False
) -> list[Misfit]:
    """Primary buttons (`every`: all buttons) shown under `root` (default: `window`) that are not wholly visible
    inside `window` above the bottom `covered` pixels: cut by a scrolling parent, pushed out of the window, or under
    the keyboard."""
    found: list[Misfit] = []
    bottom = window.height() - covered
    for button in (root or window).findChildren(QPushButton):
        if not (every or is_primary(button)) or not _shown(button, window) or inside_scroll_area(button, window):
            continue
        top_left = button.mapTo(window, QPoint(0, 0))
        rect = QRect(top_left, button.size())
        unclipped = button.visibleRegion().boundingRect().size() == button.size()
        inside = rect.top() >= 0 and rect.left() >= 0 and rect.right() < window.width() and rect.bottom() < bottom
        if not (unclipped and inside):
            found.append(Misfit(_name(button), button.text()[:60], (rect.width(), rect.height()),
                                (rect.x(), rect.y())))  # fmt: skip
    return found


def text_sizes(root: QWidget) -> dict[int, tuple[str, int, QWidget]]:
    """id(widget) → (name, font pixel size, the widget) of every label, button and text field shown under `root` with
    text (or a placeholder) in it. The widget is kept so that its id is not reused by another one meanwhile. Home's
    tiles are left out: their text is fitted to the tile by design (ui/screens/home.py)."""
    sizes: dict[int, tuple[str, int, QWidget]] = {}
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton):
            shows = bool(widget.text().strip()) and widget.objectName() != "Tile"
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            shows = True
        else:
            continue
        if shows and _shown(widget, root):
            sizes[id(widget)] = (_name(widget), QFontInfo(widget.font()).pixelSize(), widget)
    return sizes


def unscaled_texts(
    standard: dict[int, tuple[str, int, QWidget]], large: dict[int, tuple[str, int, QWidget]], factor: float
) -> list[str]:
    """The texts of `standard` (sizes at the standard type size) that did not grow by about `factor` in `large` (the
    same widgets in 大字模式): fixed pixel sizes the kiosk's type scale cannot reach."""
    found = []
    for key, (name, size, widget) in standard.items():
        again = large.get(key)
        if again is None or again[2] is not widget:
            continue
        if again[1] < size * (1 + (factor - 1) * 0.75):
            found.append(f"{name}: {size} px in both type sizes" if again[1] == size
                         else f"{name}: {size} px → {again[1]} px")  # fmt: skip
    return found
