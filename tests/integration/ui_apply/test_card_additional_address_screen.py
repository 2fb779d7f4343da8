"""The additional address (追加住址, GA 467 `30 03`) read by the 读卡 button is shown, as plain text, beside the card
summary the form opens with (real services, GA 467 emulator on a pty, demo catalog)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from devices.emulators.demo_cards import resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from tests.integration.ui_apply.test_card_photo_and_rules_screen import _open

EXTRA = "云南省昆明市盘龙区拓东街道拓东路一号<b>"


@pytest.fixture
def emulator() -> Iterator[Ga467PtyEmulator]:
    """This module's card: a valid ID card with an additional address (with markup, to show it stays text)."""
    card = resident_card(valid_to="20991231")
    card.additional_address = EXTRA
    with Ga467PtyEmulator(card) as emu:
        yield emu


def test_additional_address_shown_after_reading(qtbot: QtBot, real_home: Path) -> None:
    ctx = AppContext(real_home)
    try:
        window, screen = _open(qtbot, ctx, "530000-GA-0001")
        screen.card.read_button.click()
        qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=20_000)
        assert f"追加住址：{EXTRA}" in screen.status.text()
        assert screen.status.textFormat().name == "PlainText"
        assert screen.session is not None and screen.session.card is not None
        assert screen.session.card["additional_address"] == EXTRA
        window.close()
    finally:
        ctx.close()
