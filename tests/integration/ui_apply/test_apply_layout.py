"""The apply screens' layout, on the fake apply service: page thumbnails keep their width and are packed from the
left (four to a row) with their buttons below the picture; the review of a 一件事 names every item it applies for."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.model.apply import ApplySession, ItemPart
from tests.integration.ui_apply.test_apply_screens import fill_form, start, wait_step
from tests.support.apply_fakes import FakeApply
from ui.screens.apply.materials import THUMB_TILE_WIDTH, THUMBS_PER_ROW
from ui.shell import KioskWindow


def settle() -> None:
    """Let pending layout requests run (what happens before the next frame is painted)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.processEvents()


def _tile_of(button: QWidget) -> QWidget:
    """The thumbnail tile a page's button sits on."""
    tile = button.parentWidget()
    assert tile is not None
    return tile


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "large-text"])
def test_thumbnails_keep_their_width_packed_from_the_left(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply, elder: bool
) -> None:
    window = kiosk(fake_apply)
    window.set_elder_mode(elder)
    per_row = THUMBS_PER_ROW - 1 if elder else THUMBS_PER_ROW
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    session = screen.session
    assert session is not None
    slot = session.slots[0]
    for n in range(per_row + 1):
        screen.materials.cards[slot.slot_id].scan.click()

        def scanned(n: int = n) -> bool:
            return len(slot.pages) == n + 1 and not screen.busy

        qtbot.waitUntil(scanned, timeout=5000)
    card = screen.materials.cards[slot.slot_id]
    qtbot.waitUntil(lambda: len(card.page_buttons) == per_row + 1, timeout=5000)
    settle()
    tiles = [_tile_of(retake) for retake, _delete in card.page_buttons]
    assert all(isinstance(t, QWidget) and THUMB_TILE_WIDTH <= t.width() < 2 * THUMB_TILE_WIDTH for t in tiles)
    xs = [t.x() for t in tiles if t is not None]
    row = xs[:per_row]
    assert row == sorted(row) and row[-1] - row[0] < per_row * (tiles[0].width() + 24)
    assert xs[per_row] == xs[0] and tiles[per_row].y() > tiles[0].y()
    assert all(t is not None and t.geometry().right() <= card.width() for t in tiles)  # nothing cut at the right
    for tile, (retake, delete) in zip(tiles, card.page_buttons, strict=True):
        assert tile is not None
        picture = next(w for w in tile.findChildren(QLabel) if w.pixmap() is not None and not w.pixmap().isNull())
        assert picture.geometry().bottom() < retake.geometry().top()  # the buttons are below the page, not over it
        assert retake.geometry().right() < delete.x() and delete.geometry().right() < tile.width()  # side by side
        for button in (retake, delete):  # each wide enough for its text at this font size
            assert button.width() >= max(100, button.sizeHint().width()), (button.text(), button.width())


def test_the_review_of_a_theme_names_every_item(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_start = fake_apply.start

    def theme_start(code: str, *, channel: str = "kiosk") -> ApplySession:
        session = plain_start(code, channel=channel)
        first = session.items[0]
        session.title = "新生儿出生一件事"
        session.theme_code = "YJS-001"
        session.items = (
            dataclasses.replace(first, name="出生医学证明办理"),
            ItemPart("530000-GA-0005", "出生登记", 5, True, dict(first.field_map), 1),
        )
        return session

    monkeypatch.setattr(fake_apply, "start", theme_start)
    window = kiosk(fake_apply)
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    for button in screen.materials.findChildren(QPushButton):
        if button.accessibleName().startswith("scan_"):
            button.click()
            qtbot.waitUntil(lambda: not screen.busy, timeout=5000)
    screen.materials.to_review.click()
    wait_step(qtbot, screen, "review")
    assert screen.review.items.isVisibleTo(screen)
    assert screen.review.items.text() == "本次一并办理 2 个事项：出生医学证明办理、出生登记"

    # One item: the title says it all, no list.
    screen.review.change_button.click()
    window.go_home()
    if screen.step == "keep":
        screen.keep.drop_button.click()
    monkeypatch.setattr(fake_apply, "start", plain_start)
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    for button in screen.materials.findChildren(QPushButton):
        if button.accessibleName().startswith("scan_"):
            button.click()
            qtbot.waitUntil(lambda: not screen.busy, timeout=5000)
    screen.materials.to_review.click()
    wait_step(qtbot, screen, "review")
    assert not screen.review.items.isVisibleTo(screen) and screen.review.items.text() == ""


def test_large_text_mode_grows_the_apply_buttons_with_the_text(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    """The apply screens' big touch buttons (扫描, 下一步 …) follow 大字模式 like every other text on the page."""
    window = kiosk(fake_apply)
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    session = screen.session
    assert session is not None
    card = screen.materials.cards[session.slots[0].slot_id]

    def sizes() -> tuple[int, int]:
        settle()
        return card.scan.fontInfo().pixelSize(), card.scan.height()

    font, height = sizes()
    window.set_elder_mode(True)
    qtbot.waitUntil(lambda: sizes()[0] > font, timeout=5000)
    big_font, big_height = sizes()
    assert big_font >= round(font * 1.2) and big_height > height
    window.set_elder_mode(False)
    qtbot.waitUntil(lambda: sizes() == (font, height), timeout=5000)
