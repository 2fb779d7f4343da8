"""Touch scrolling: one helper for every scrolling area of the kiosk.

Contract: `enable_touch_scroll(area)` makes a finger drag scroll `area` kinetically (QScroller with `TouchGesture`),
and on a kiosk also a press-and-drag of the left mouse button (`LeftMouseButtonGesture`: many hall touch panels
report taps as a mouse). Text editors get the touch gesture only, so that a mouse or a long press still places the
cursor and selects. `enable_touch_scroll_in(widget)` does it for every scrolling area under `widget` that has none
yet (the kiosk window calls it on every screen it shows; screens that build their areas later call the helper
themselves). Scroll bars stay visible and wide enough for a finger (ui/theme.py `SCROLLBAR_PX`).
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QPlainTextEdit,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QTextEdit,
    QWidget,
)

__all__ = ["TOUCH_PROPERTY", "enable_touch_scroll", "enable_touch_scroll_in", "has_touch_scroll", "inside_scroll_area"]

TOUCH_PROPERTY = "touchScroll"
"""Dynamic property set on an area once its scroller is installed (the sweep skips it; tests look for it)."""

_role = "kiosk"


def set_role(role: str) -> None:
    """The terminal's role: only a kiosk scrolls with a left-button drag as well as with touch."""
    global _role
    _role = role


def has_touch_scroll(area: QAbstractScrollArea) -> bool:
    return bool(area.property(TOUCH_PROPERTY))


def _tune(scroller: QScroller) -> None:
    props = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    # A shaky finger on a tile is a tap, not a scroll: about 3 mm before a drag counts (Qt's default is 5 mm).
    props.setScrollMetric(QScrollerProperties.ScrollMetric.DragStartDistance, 0.003)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.2)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.DecelerationFactor, 0.2)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.ScrollingCurve, QEasingCurve(QEasingCurve.Type.OutCubic))
    scroller.setScrollerProperties(props)


def enable_touch_scroll(area: QAbstractScrollArea, *, role: str | None = None) -> None:
    """Kinetic scrolling by touch (and on a kiosk by a left-button drag) for `area`; idempotent."""
    if has_touch_scroll(area):
        return
    viewport = area.viewport()
    target: QWidget = viewport if viewport is not None else area
    text_editor = isinstance(area, QPlainTextEdit | QTextEdit)
    kiosk = (role or _role) == "kiosk"
    if kiosk and not text_editor:
        # A widget has one scroller gesture. The left-button one serves touch too: the viewport leaves touch events
        # unaccepted, so Qt synthesises the mouse events it recognises (one finger drags as a pressed button).
        QScroller.grabGesture(target, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    else:
        QScroller.grabGesture(target, QScroller.ScrollerGestureType.TouchGesture)
    _tune(QScroller.scroller(target))
    if kiosk and isinstance(area, QScrollArea):
        # A tap the scroller hands back must reach the field under the finger, not give the page the focus.
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if isinstance(area, QAbstractItemView):
        # Kinetic scrolling moves by pixels; per-item steps jump a whole row under the finger.
        area.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        area.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    area.setProperty(TOUCH_PROPERTY, True)


def enable_touch_scroll_in(widget: QWidget) -> int:
    """`enable_touch_scroll` on every scrolling area under `widget` (and `widget` itself) that has none yet; returns
    how many it set up."""
    areas = widget.findChildren(QAbstractScrollArea)
    if isinstance(widget, QAbstractScrollArea):
        areas.append(widget)
    count = 0
    for area in areas:
        if not has_touch_scroll(area):
            enable_touch_scroll(area)
            count += 1
    return count


def inside_scroll_area(widget: QWidget, root: QWidget) -> bool:
    """`widget` lies inside a scrolling area below `root`: it scrolls into view rather than being laid out in it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False
