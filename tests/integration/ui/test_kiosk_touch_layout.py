"""Issue 13 on a touch kiosk: finger drags scroll every scrolling area (real touch events on a touchscreen device), the
layout follows the on-screen keyboard (the focused field and the primary button stay above it), ID number fields bring
a number pad with X, the top bar carries 帮助 and an explaining 演示数据 badge and no 首页/返回 on home, and the
home tiles stay equal and uncut in every size, language and type size."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLineEdit, QListWidget, QScroller, QWidget
from pytestqt.qtbot import QtBot

from app.model.forms import Field, FormDefinition
from tests.support.apply_fakes import FakeApply
from tests.support.ui_fakes import FakeCatalog
from ui.forms.inputs import IdKeypad, LineInput
from ui.forms.view import FormView
from ui.kiosk.fit import clipped_texts, hidden_primaries
from ui.kiosk.keyboard import panel_height
from ui.screens.home import MAX_TILE_PX
from ui.shell import KioskWindow
from ui.theme import ELDER_SCALE, SCROLLBAR_PX
from ui.touch import enable_touch_scroll, has_touch_scroll

MakeWindow = Callable[..., KioskWindow]
SIZES = ((1280, 800), (1366, 768), (1920, 1080), (1080, 1920))

_touchscreen: QPointingDevice | None = None


def touchscreen() -> QPointingDevice:
    """One touchscreen device for the session (Qt keeps registered devices until the application ends)."""
    global _touchscreen
    if _touchscreen is None:
        _touchscreen = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)
    return _touchscreen


def touch(widget: QWidget, action: str, point: QPoint) -> None:
    """One touch event of the first finger at `point` of `widget`: press, move or release. Sent to the top-level
    window at the mapped point (PySide's QTest.touchEvent takes the points in the window's coordinates)."""
    window = widget.window()
    sequence = QTest.touchEvent(window, touchscreen())
    getattr(sequence, action)(0, widget.mapTo(window, point))
    sequence.commit()


def drag(widget: QWidget, start: QPoint, dy: int, steps: int = 24) -> None:
    """A finger put down at `start`, moved by `dy` pixels in `steps` moves ~16 ms apart, and lifted."""
    touch(widget, "press", start)
    point = QPoint(start)
    for _ in range(steps):
        QTest.qWait(16)
        point = QPoint(point.x(), point.y() + dy // steps)
        touch(widget, "move", point)
    touch(widget, "release", point)


def flick_scrolls(qtbot: QtBot, area: QAbstractScrollArea) -> int:
    """Drag a finger up over `area`'s viewport; returns where its vertical scroll bar came to rest."""
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0, "nothing to scroll"
    bar.setValue(0)
    viewport = area.viewport()
    assert viewport is not None
    start = QPoint(viewport.width() // 2, viewport.height() - 20)
    drag(viewport, start, -min(300, viewport.height() - 60))
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)
    return bar.value()


def settle() -> None:
    """What the event loop does before the next frame: deferred deletions, then every pending layout."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents()


@pytest.fixture
def kiosk(qtbot: QtBot) -> Callable[..., KioskWindow]:
    def make(*, size: tuple[int, int] = (1280, 800), **kwargs: object) -> KioskWindow:
        window = KioskWindow(FakeCatalog(), apply=FakeApply(), search_debounce_ms=10, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        assert QTest.qWaitForWindowExposed(window)
        return window

    return make


def open_form(qtbot: QtBot, window: KioskWindow) -> FormView:
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step in ("card", "counter") and not screen.busy, timeout=5000)
    counter = getattr(screen, "counter", None)
    if screen.step == "counter" and counter is not None:
        counter.pre_apply_requested.emit()
        qtbot.waitUntil(lambda: screen.step == "card", timeout=5000)
    screen.card.fill_manually()
    qtbot.waitUntil(lambda: screen.step == "form" and screen.form_view is not None, timeout=5000)
    view = screen.form_view
    assert view is not None
    return view


# -- touch scrolling ------------------------------------------------------------------------------------------------


def test_a_finger_drag_scrolls_the_guide_and_the_result_list(kiosk: MakeWindow, qtbot: QtBot) -> None:
    window = kiosk()
    guide = window.screens.guide
    assert guide is not None
    window.set_elder_mode(True)  # a guide taller than the panel
    window.open_item("530000-GA-0001")
    qtbot.waitUntil(lambda: guide.guide is not None, timeout=5000)
    qtbot.waitUntil(lambda: guide.scroll_area.verticalScrollBar().maximum() > 0, timeout=5000)
    assert has_touch_scroll(guide.scroll_area)
    assert flick_scrolls(qtbot, guide.scroll_area) > 0

    # Every scrolling area of every screen shown so far took the gesture (one helper, ui/touch.py).
    search = window.screens.search
    assert search is not None
    window.go(search)
    for screen in (guide, search):
        areas = screen.findChildren(QAbstractScrollArea)
        assert areas and all(has_touch_scroll(a) for a in areas), [type(a).__name__ for a in areas]


def test_a_finger_drag_scrolls_a_list_and_a_tap_still_chooses(qtbot: QtBot) -> None:
    listing = QListWidget()
    qtbot.addWidget(listing)
    listing.addItems([f"事项 {n}" for n in range(80)])
    listing.resize(400, 400)
    listing.show()
    assert QTest.qWaitForWindowExposed(listing)  # touch events reach only a window on screen
    enable_touch_scroll(listing)
    chosen: list[str] = []
    listing.itemClicked.connect(lambda item: chosen.append(item.text()))
    assert flick_scrolls(qtbot, listing) > 0
    # A tap (no drag) still chooses a row: the scroller hands the press back when the finger does not move.
    viewport = listing.viewport()
    assert viewport is not None
    scroller = QScroller.scroller(viewport)
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=5000)  # the flick came to rest
    listing.verticalScrollBar().setValue(0)
    centre = listing.visualItemRect(listing.item(2)).center()
    touch(viewport, "press", centre)
    QTest.qWait(50)
    touch(viewport, "release", centre)
    qtbot.waitUntil(lambda: chosen == ["事项 2"], timeout=3000)


def test_a_finger_drag_scrolls_a_form_page(kiosk: MakeWindow, qtbot: QtBot) -> None:
    window = kiosk(size=(1280, 800))
    window.set_elder_mode(True)
    view = open_form(qtbot, window)
    page = view.pages[view.current_page()]
    assert has_touch_scroll(page)
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0, timeout=3000)
    assert flick_scrolls(qtbot, page) > 0


def test_scroll_bars_are_wide_enough_for_a_finger(kiosk: MakeWindow, qtbot: QtBot) -> None:
    window = kiosk()
    guide = window.screens.guide
    assert guide is not None
    window.open_item("530000-GA-0001")
    qtbot.waitUntil(lambda: guide.guide is not None, timeout=5000)
    for elder, scale in ((False, 1.0), (True, ELDER_SCALE)):
        window.set_elder_mode(elder)
        bar = guide.scroll_area.verticalScrollBar()
        bar.ensurePolished()
        assert bar.sizeHint().width() >= round(SCROLLBAR_PX * scale) >= 36


# -- the on-screen keyboard -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_focused_field_and_the_next_button_stay_above_the_keyboard(
    kiosk: MakeWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window = kiosk(size=size)
    window.set_elder_mode(True)  # the hardest case: everything 1.4 times larger
    view = open_form(qtbot, window)
    assert view.go_next() is False  # page 1 has required fields left empty: the first one gets the focus
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit) and view.isAncestorOf(field)
    covered = panel_height(size[0])  # what Qt Virtual Keyboard's panel covers at this width
    window.keyboard.cover(covered)
    qtbot.waitUntil(lambda: not window.top_bar.isVisible(), timeout=2000)
    qtbot.wait(50)  # the field is scrolled into view on the next event turn
    keyboard_top = window.height() - covered

    def above_keyboard(widget: QWidget) -> bool:
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        return (
            rect.top() >= 0 and rect.bottom() < keyboard_top and widget.visibleRegion().boundingRect() == widget.rect()
        )

    qtbot.waitUntil(lambda: above_keyboard(field), timeout=2000)
    primary = view.next_button if view.next_button.isVisible() else view.submit_button
    assert above_keyboard(primary)
    assert hidden_primaries(window, covered) == []
    assert not view.group_title.isVisible()  # the page header gave way

    # Typing on another field of the page brings that one into view (one that takes the keyboard: an ID number
    # field has its own pad, and Qt Virtual Keyboard hides for it).
    others = [
        e
        for e in view.pages[view.current_page()].findChildren(QLineEdit)
        if e is not field and e.isVisible() and e.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    ]
    if others:
        others[-1].setFocus(Qt.FocusReason.MouseFocusReason)
        qtbot.waitUntil(lambda: above_keyboard(others[-1]), timeout=2000)

    window.keyboard.cover(0)
    qtbot.waitUntil(lambda: window.top_bar.isVisible(), timeout=2000)
    assert not view.group_title.isVisible()  # the apply flow's form has no header of its own (its step indicator)
    assert window.keyboard.covered == 0


def test_search_keeps_its_box_and_results_above_the_keyboard(kiosk: MakeWindow, qtbot: QtBot) -> None:
    window = kiosk(size=(1366, 768))
    window.set_elder_mode(True)
    window.home.tile_chosen.emit("guide")
    search = window.screens.search
    assert search is not None
    search.box.setFocus()
    search.set_query("身份证")
    qtbot.waitUntil(lambda: bool(search.result_codes), timeout=5000)
    covered = panel_height(1366)
    window.keyboard.cover(covered)
    qtbot.waitUntil(lambda: not search.title.isVisible(), timeout=2000)
    qtbot.wait(50)
    box = QRect(search.box.mapTo(window, QPoint(0, 0)), search.box.size())
    results = QRect(search.results.mapTo(window, QPoint(0, 0)), search.results.size())
    assert box.bottom() < window.height() - covered
    assert results.bottom() < window.height() - covered and results.height() >= 100  # rows visible, not half a one
    assert clipped_texts(window) == []
    window.keyboard.cover(0)


# -- ID numbers ----------------------------------------------------------------------------------------------------


def test_an_id_number_field_brings_a_number_pad_with_x(qtbot: QtBot) -> None:
    definition = FormDefinition(
        version=1,
        fields=(
            Field(id="name", type="text", label="姓名", label_en="Name"),
            Field(id="id_number", type="id_number", label="公民身份号码", label_en="ID number"),
            Field(id="phone", type="phone", label="联系电话", label_en="Phone"),
        ),
    )
    view = FormView(definition)
    qtbot.addWidget(view)
    view.resize(1080, 1200)
    view.show()
    qtbot.waitExposed(view)
    widget = view.input("id_number")
    assert isinstance(widget, LineInput) and isinstance(widget.keypad, IdKeypad)
    pad = widget.keypad
    assert set(pad.keys) >= {*"0123456789", "X", "⌫"}
    assert not pad.isVisible()
    # The system / virtual keyboard stays away from this field (its own pad has the X Qt Virtual Keyboard lacks).
    assert not widget.edit.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    qtbot.mouseClick(widget.edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(pad.isVisible, timeout=2000)
    for key in "53252419880315002X":
        qtbot.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)
    assert view.focusWidget() is widget.edit  # the keys never take the focus from the line
    assert view.answers()["id_number"] == "53252419880315002X"
    qtbot.mouseClick(pad.keys["⌫"], Qt.MouseButton.LeftButton)
    assert widget.edit.text() == "53252419880315002"
    for button in pad.keys.values():
        assert button.height() >= 64 and button.width() >= 64
    # Leaving the field for another puts the pad away; the phone keeps the dial pad hint.
    phone = view.input("phone")
    assert isinstance(phone, LineInput) and phone.keypad is None
    assert phone.edit.inputMethodHints() & Qt.InputMethodHint.ImhDialableCharactersOnly
    qtbot.mouseClick(phone.edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pad.isVisible(), timeout=2000)


# -- the top bar and home ------------------------------------------------------------------------------------------


def test_home_has_no_home_or_back_and_the_badge_and_help_explain(kiosk: MakeWindow, qtbot: QtBot) -> None:
    window = kiosk()
    bar = window.top_bar
    qtbot.waitUntil(bar.demo_badge.isVisible, timeout=5000)
    assert window.current is window.home
    assert not bar.home_button.isVisible() and not bar.back_button.isVisible()
    window.home.tile_chosen.emit("browse")
    assert bar.home_button.isVisible() and bar.back_button.isVisible()
    window.go_home()
    assert not bar.home_button.isVisible()

    qtbot.mouseClick(bar.demo_badge, Qt.MouseButton.LeftButton)
    assert window.info.isVisible() and "演示" in window.info.body.text() and "不会被正式受理" in window.info.body.text()
    qtbot.mouseClick(window.info.close_button, Qt.MouseButton.LeftButton)
    assert not window.info.isVisible()

    # Help: no call button when nothing would hear it; with a bell wired, the call reaches it.
    qtbot.mouseClick(bar.help_button, Qt.MouseButton.LeftButton)
    assert window.info.isVisible() and not window.info.call_button.isVisible()
    assert "工作人员" in window.info.body.text()
    window.info.hide()
    calls: list[bool] = []
    window.staff_called.connect(lambda: calls.append(True))
    qtbot.mouseClick(bar.help_button, Qt.MouseButton.LeftButton)
    assert window.info.call_button.isVisible()
    qtbot.mouseClick(window.info.call_button, Qt.MouseButton.LeftButton)
    assert calls == [True] and window.info.title.text() == "已通知工作人员，请稍候"
    window.set_language("en")
    assert window.info.title.text() == "Staff have been called, please wait" and bar.help_button.text() == "Help"
    window.reset_session()
    assert not window.info.isVisible()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_tiles_are_equal_and_uncut_in_every_language_and_type_size(
    kiosk: MakeWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window = kiosk(size=size)
    qtbot.waitUntil(window.top_bar.demo_badge.isVisible, timeout=5000)
    for language in ("zh_CN", "en"):
        for elder in (False, True):
            window.set_language(language)
            window.set_elder_mode(elder)
            settle()
            assert window.size().toTuple() == size  # nothing forced the window past the panel
            tiles = list(window.home.tiles.values())
            widths = {t.width() for t in tiles}
            heights = {t.height() for t in tiles}
            assert max(widths) - min(widths) <= 1 and max(heights) - min(heights) <= 1, (language, elder)
            assert max(heights) <= MAX_TILE_PX * (ELDER_SCALE if elder else 1.0)
            assert window.home.columns == (2 if size[1] > size[0] else 3)
            assert window.home.tile_font_px >= (30 if elder else 26), (language, elder)  # 大字 stays large
            assert clipped_texts(window) == [], (language, elder)


def test_the_card_prompt_shows_where_the_reader_is(kiosk: MakeWindow, qtbot: QtBot) -> None:
    window = kiosk(size=(1280, 800))
    window.set_elder_mode(True)
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step in ("card", "counter") and not screen.busy, timeout=5000)
    counter = getattr(screen, "counter", None)
    if screen.step == "counter" and counter is not None:
        counter.pre_apply_requested.emit()
    qtbot.waitUntil(lambda: screen.step == "card", timeout=5000)
    settle()
    picture = screen.card.picture
    assert picture.isVisible() and picture.height() >= picture.minimumHeight() > 100
    assert picture.visibleRegion().boundingRect() == picture.rect()  # wholly in view, not scrolled away
    image = picture.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert {"#c8102e", "#1456a0"} <= colours  # the highlighted reader pad and the terminal's screen are drawn
    assert hidden_primaries(window) == [] and clipped_texts(window) == []


def test_the_idle_countdown_and_help_stay_above_the_keyboard(kiosk: MakeWindow, qtbot: QtBot) -> None:
    window = kiosk(size=(1280, 800))
    window.home.tile_chosen.emit("guide")
    covered = panel_height(1280)
    window.keyboard.cover(covered)
    settle()
    keyboard_top = window.height() - covered
    window.show_help()
    info = window.info
    assert info.isVisible() and info.mapTo(window, QPoint(0, info.height())).y() <= keyboard_top
    assert info.card.mapTo(window, QPoint(0, info.card.height())).y() <= keyboard_top  # the card whole above it
    overlay = window.visitor.overlay
    overlay.fit()
    assert overlay.mapTo(window, QPoint(0, overlay.height())).y() <= keyboard_top
    window.keyboard.cover(0)
    settle()
    assert info.height() > keyboard_top  # the whole window again once the keyboard is down
