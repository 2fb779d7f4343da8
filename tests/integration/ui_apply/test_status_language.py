"""The apply screen's status line speaks the kiosk's language (issue 13): "已读取身份证，请核对下面的信息。" after a
card read is English in English mode, and follows a language switch made after the read (it used to stay Chinese)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from tests.support.apply_fakes import CARD, FakeApply
from ui.shell import KioskWindow


def test_the_card_read_note_is_in_the_kiosk_language_and_follows_a_switch(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    window = kiosk(fake_apply)
    window.set_language("en")
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    screen.on_card_read(dict(CARD))
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    assert screen.status.text().startswith("Card read. Please check the details below.")
    window.set_language("zh_CN")
    assert screen.status.text().startswith("已读取身份证，请核对下面的信息。")
    window.set_language("en")
    assert screen.status.text().startswith("Card read.") and "已读取" not in screen.status.text()
