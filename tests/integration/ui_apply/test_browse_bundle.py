"""分类浏览 → 一件事: a chosen bundle is applied for as one (一件事联办), not only item by item; other kinds of
group, and a kiosk without the apply flow, do not offer it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from tests.support.apply_fakes import FakeApply
from tests.support.screens import current_screen
from tests.support.ui_fakes import FakeCatalog
from ui.shell import KioskWindow


def tap_row(qtbot: QtBot, widget: QListWidget, row: int) -> None:
    item = widget.item(row)
    assert item is not None
    widget.scrollToItem(item)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=widget.visualItemRect(item).center())


def test_a_bundle_chosen_in_browse_is_applied_for_as_one(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    window = kiosk(fake_apply)
    browse = window.screens.browse
    assert browse is not None
    with qtbot.waitSignal(browse.groups_shown, timeout=5000):
        qtbot.mouseClick(window.home.tiles["browse"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(browse.items_shown, timeout=5000):
        tap_row(qtbot, browse.groups, 0)  # a department: its items are applied for one by one
    assert not browse.apply_bundle.isVisibleTo(browse)

    with qtbot.waitSignal(browse.groups_shown, timeout=5000):
        qtbot.mouseClick(browse.mode_buttons["bundle"], Qt.MouseButton.LeftButton)
    assert not browse.apply_bundle.isVisibleTo(browse)  # nothing chosen yet
    assert browse.groups.item(0).text().startswith("新生儿出生一件事")
    with qtbot.waitSignal(browse.items_shown, timeout=5000):
        tap_row(qtbot, browse.groups, 0)
    assert browse.apply_bundle.isVisibleTo(browse) and browse.apply_bundle.text() == "一件事联办：我要办理"
    qtbot.mouseClick(browse.apply_bundle, Qt.MouseButton.LeftButton)

    screen = window.screens.apply
    assert screen is not None and window.current is screen
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    assert screen.session is not None and screen.session.items[0].code == "YJS-001"  # the theme's code, not an item

    # Back in browse: a life event is a group to read, not one application.
    window.go_home()
    qtbot.mouseClick(window.home.tiles["browse"], Qt.MouseButton.LeftButton)
    # Still the bundle chosen before.
    assert current_screen(window) is browse and browse.apply_bundle.isVisibleTo(browse)
    with qtbot.waitSignal(browse.groups_shown, timeout=5000):
        qtbot.mouseClick(browse.mode_buttons["life_event"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(browse.items_shown, timeout=5000):
        tap_row(qtbot, browse.groups, 0)
    assert not browse.apply_bundle.isVisibleTo(browse)


def test_no_bundle_apply_without_the_apply_flow(qtbot: QtBot) -> None:
    window = KioskWindow(FakeCatalog(), search_debounce_ms=10)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    browse = window.screens.browse
    assert browse is not None
    window.go(browse)
    with qtbot.waitSignal(browse.groups_shown, timeout=5000):
        browse.set_mode("bundle")
        browse.load()
    with qtbot.waitSignal(browse.items_shown, timeout=5000):
        tap_row(qtbot, browse.groups, 0)
    assert not browse.apply_bundle.isVisibleTo(browse)
