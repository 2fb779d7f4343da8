"""Through the screens on the real services: the card read by the 读卡 button brings its WLT photo to the encrypted
store (gone again after the wipe), and an expired card on an item that refuses it keeps the card step with the
reason (GA 467 emulator on a pty, demo catalog, records.db)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.lazy import LazyServices
from devices.emulators.demo_cards import fake_wlt_photo, resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from ui.screens.apply.flow import ApplyScreen
from ui.shell import KioskWindow

ID = "53252419880315002X"


def _open(qtbot: QtBot, ctx: AppContext, item: str) -> tuple[KioskWindow, ApplyScreen]:
    lazy = LazyServices(ctx)
    window = KioskWindow(lazy.catalog, apply=lazy.apply, identity=ctx.identity, search_debounce_ms=10)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_item(item)
    guide = window.screens.guide
    assert guide is not None
    qtbot.waitUntil(lambda: guide.guide is not None, timeout=60_000)  # first use imports the demo catalog
    guide.apply_button.click()
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step in ("card", "counter") and not screen.busy, timeout=20_000)
    if screen.step == "counter":  # an item needing the window (photo, fingerprints, fee): a 预申请 at the kiosk
        screen.counter.pre_button.click()
        qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    return window, screen


def test_read_card_stores_the_photo_and_the_wipe_releases_it(qtbot: QtBot, real_home: Path) -> None:
    ctx = AppContext(real_home)
    try:
        window, screen = _open(qtbot, ctx, "530000-GA-0001")
        # The module's card expired in 2020: renewal is what 居民身份证换领 is for (allow), so the form opens.
        screen.card.read_button.click()  # the identity service reads the emulated card, photo included
        qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=20_000)
        assert "过期" in screen.status.text()
        session = screen.session
        assert session is not None and session.photo is not None
        sha = hashlib.sha256(fake_wlt_photo(ID)).hexdigest()
        assert session.photo["sha256"] == sha and ctx.apply.store.read_all(sha) == fake_wlt_photo(ID)
        with qtbot.waitSignal(screen.wiped, timeout=20_000):
            screen.reset()  # idle wipe: the kiosk draft nobody kept goes, and its photo with it
        qtbot.waitUntil(lambda: not ctx.apply.store.exists(sha), timeout=20_000)
        assert ctx.apply.kept_drafts.drafts() == []
        window.close()
    finally:
        ctx.close()


@pytest.fixture
def emulator() -> Iterator[Ga467PtyEmulator]:
    """This module's card: an ID card that expired on 2020-01-01."""
    with Ga467PtyEmulator(resident_card(valid_to="20200101")) as emu:
        yield emu


def test_expired_card_refused_by_the_item_keeps_the_card_step(qtbot: QtBot, real_home: Path) -> None:
    ctx = AppContext(real_home)
    try:
        window, screen = _open(qtbot, ctx, "530000-GA-0011")  # 普通护照签发: needs a valid ID
        screen.card.read_button.click()
        qtbot.waitUntil(lambda: screen.card.message.isVisible() and "已过期" in screen.card.message.text(),
                        timeout=20_000)  # fmt: skip
        assert screen.step == "card"
        text = screen.card.message.text()
        assert "2020-01-01" in text and "请先办理居民身份证换领" in text
        session = screen.session
        assert session is not None and session.refusal is not None and session.answers == {}
        window.close()
    finally:
        ctx.close()
