"""Room for the on-screen keyboard: the kiosk's layout follows it.

Qt Virtual Keyboard (the kiosk role's input method, app/main.py `configure_input_method`) shows its panel as a
window of its own over the bottom of the screen, as tall as 5/16 of the screen's width (400 px at 1280×800, 600 px at
1920×1080). While it is up (`QInputMethod.keyboardRectangle`) the window:

- ends its content at the keyboard's top edge (the status bar lies under the keyboard anyway);
- hides the top bar, the current screen's title (`QLabel#ScreenTitle`) and status line and the parts it marks with
  the `KEYBOARD_HIDES` property (not the one holding the focused field), and narrows the screen's outer margins, so
  that the field being typed into and the page's primary button keep their full size above it;
- tells the screens (`compact(bool)`: the search keeps its results in view, a form hides its page header);
- scrolls the focused field into view inside its scrolling area, now and whenever the focus moves.

Everything else scrolls (ui/touch.py). `cover(px)` applies a keyboard of `px` pixels over the window's bottom
without an input method: the screenshot walk and the offscreen tests use it with the panel's real height
(`panel_height`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QMargins, QObject, QRect, QRectF, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.touch import inside_scroll_area

__all__ = ["KEYBOARD_HIDES", "KeyboardRoom", "panel_height", "room_above_keyboard"]

PANEL_HEIGHT_RATIO = 5 / 16
"""Qt Virtual Keyboard's desktop panel height for its width (measured under Xvfb: 1280→400, 1366→427, 1920→600,
1080→338 px; its default style is designed at 2560×800 plus the word-candidate bar)."""

KEYBOARD_HIDES = "keyboardHides"
"""Dynamic property: a part of a screen that gives way while the keyboard is up (a screen's extras below a search
box); never the part holding the field being typed into."""

COMPACT_MARGIN = 6
"""The current screen's top and bottom margins while the keyboard is up."""


def panel_height(screen_width: int) -> int:
    """The height of Qt Virtual Keyboard's panel on a screen `screen_width` pixels wide."""
    return int(screen_width * PANEL_HEIGHT_RATIO)


def room_above_keyboard(root: QWidget) -> QRect:
    """`root`'s rectangle less the bottom margin its layout keeps for the keyboard (overlays cover only this)."""
    rect = root.rect()
    layout = root.layout()
    if layout is not None:
        rect.setBottom(rect.bottom() - layout.contentsMargins().bottom())
    return rect


class KeyboardRoom(QObject):
    """Follows the input method's keyboard rectangle for `window` (see the module's docstring)."""

    changed = Signal(int)
    """The keyboard now covers this many pixels at the bottom of the window (0: it is down)."""

    def __init__(
        self,
        window: QWidget,
        column: QVBoxLayout,
        top_bar: QWidget,
        stack: QStackedWidget,
        *,
        bottom_reserved: Callable[[], int],
        compact: Callable[[bool], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._column = column
        self._top_bar = top_bar
        self._stack = stack
        self._bottom_reserved = bottom_reserved
        self._compact = compact
        self.covered = 0
        self._simulated = False
        self._restore: list[Callable[[], None]] = []
        self._input_method = QGuiApplication.inputMethod()
        self._input_method.visibleChanged.connect(self.follow)
        self._input_method.keyboardRectangleChanged.connect(self.follow)
        stack.currentChanged.connect(self._screen_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- following the input method ----------------------------------------------------------------------------

    def follow(self) -> None:
        """The input method's panel moved, showed or hid."""
        if self._simulated:
            return
        im = self._input_method
        self._apply(im.keyboardRectangle() if im.isVisible() else QRectF())

    def _apply(self, rect: QRectF) -> None:
        covered = 0
        if rect.height() > 0:
            # The rectangle is in screen coordinates: keep only the part over this window.
            window = self._window
            bottom = window.mapToGlobal(window.rect().bottomLeft()).y() + 1
            covered = max(0, min(int(rect.height()), bottom - int(rect.top())))
        self._set(covered)

    def cover(self, px: int) -> None:
        """Lay out as if a keyboard covered `px` pixels of the window's bottom (0: as if none); `follow` is ignored
        until `cover(0)`."""
        self._simulated = px > 0
        self._set(max(0, px))

    # -- laying out ---------------------------------------------------------------------------------------------

    def _set(self, covered: int) -> None:
        if covered == self.covered:
            if covered:
                QTimer.singleShot(0, self.reveal_focus)
            return
        self.covered = covered
        self._column.setContentsMargins(0, 0, 0, max(0, covered - self._bottom_reserved()) if covered else 0)
        self._top_bar.setVisible(not covered)
        self._unsqueeze()
        if covered:
            self._squeeze(self._stack.currentWidget())
        self._compact(bool(covered))
        self.changed.emit(covered)
        self._column.activate()
        if covered:
            QTimer.singleShot(0, self.reveal_focus)

    def _squeeze(self, screen: QWidget | None) -> None:
        """Give the current screen's decorations up for the keyboard (undone by `_unsqueeze`)."""
        if screen is None:
            return
        for label in screen.findChildren(QLabel):
            decoration = label.objectName() in ("ScreenTitle", "Status") and label.isVisibleTo(screen)
            if decoration and not inside_scroll_area(label, screen):
                label.hide()
                self._restore.append(label.show)
        # Parts a screen marks as extras while typing (`KEYBOARD_HIDES`), unless the field typed into is in them.
        focus = QApplication.focusWidget()
        for widget in screen.findChildren(QWidget):
            marked = bool(widget.property(KEYBOARD_HIDES)) and widget.isVisibleTo(screen)
            if marked and not (focus is not None and widget.isAncestorOf(focus)):
                widget.hide()
                self._restore.append(widget.show)
        layout = screen.layout()
        if layout is not None:
            margins = QMargins(layout.contentsMargins())
            layout.setContentsMargins(margins.left(), COMPACT_MARGIN, margins.right(), COMPACT_MARGIN)

            def restore() -> None:
                layout.setContentsMargins(margins)

            self._restore.append(restore)

    def _unsqueeze(self) -> None:
        restore, self._restore = self._restore, []
        for undo in reversed(restore):
            undo()

    def _screen_changed(self, _index: int) -> None:
        if self.covered:
            self._unsqueeze()
            self._squeeze(self._stack.currentWidget())

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        if self.covered:
            self._unsqueeze()
            self._squeeze(self._stack.currentWidget())
            QTimer.singleShot(0, self.reveal_focus)

    def reveal_focus(self) -> None:
        """Scroll the focused widget of this window into view inside every scrolling area around it."""
        # The window's focus child also while another window (the keyboard's panel) is the active one.
        focus = QApplication.focusWidget() or self._window.focusWidget()
        if focus is None or focus.window() is not self._window:
            return
        # Pending layouts first (the scroll ranges must know the pages' sizes as they are now), and once more after
        # scrolling: an outer area that scrolled can resize an inner one.
        for _ in range(2):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            parent = focus.parentWidget()
            while parent is not None:
                content = parent.widget() if isinstance(parent, QScrollArea) else None
                if isinstance(parent, QScrollArea) and content is not None:
                    # The whole field, not only its text cursor (what QScrollArea.ensureWidgetVisible would show).
                    centre = focus.mapTo(content, focus.rect().center())
                    parent.ensureVisible(centre.x(), centre.y(), focus.width() // 2 + 8, focus.height() // 2 + 16)
                parent = parent.parentWidget()
