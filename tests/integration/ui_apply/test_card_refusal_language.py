"""A refused card in the kiosk's language (issue 13: Chinese on an English kiosk), through the screens on the real
services (GA 467 emulator on a pty holding an ID card that expired on 2020-01-01, demo catalog, records.db):
普通护照签发 needs a valid ID card, so the card step says why it cannot take this one, in Chinese or English as the
kiosk is set, and again in the other language when the citizen switches; the review (reached by 手工填写) says the
same where 确认提交 stays off; finalising the session is refused with `apply.card_refused` in either language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.errors import UserError
from devices.emulators.demo_cards import resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from tests.integration.ui_apply.test_card_photo_and_rules_screen import _open
from ui.errors import error_text

PASSPORT = "530000-GA-0011"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def emulator() -> Iterator[Ga467PtyEmulator]:
    """This module's card: an ID card that expired on 2020-01-01."""
    with Ga467PtyEmulator(resident_card(valid_to="20200101")) as emu:
        yield emu


def chinese(text: str) -> bool:
    return "已过期" in text and "2020-01-01" in text and "须持有效期内的证件" in text


def english(text: str, item: str) -> bool:
    plain = text.replace(item, "")  # the catalog's item name is Chinese in both languages
    return "has expired" in text and "2020-01-01" in text and "needs a valid one" in text and not CJK.search(plain)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_refused_card_is_explained_in_the_kiosks_language_and_again_after_a_switch(
    qtbot: QtBot, real_home: Path, language: str
) -> None:
    ctx = AppContext(real_home)
    try:
        window, screen = _open(qtbot, ctx, PASSPORT)
        window.set_language(language)
        screen.card.read_button.click()
        qtbot.waitUntil(lambda: screen.card.message.isVisible() and "2020-01-01" in screen.card.message.text(),
                        timeout=20_000)  # fmt: skip
        session = screen.session
        assert screen.step == "card" and session is not None and session.refusal is not None
        item = session.items[0].name
        message = screen.card.message
        said = {"zh_CN": lambda: chinese(message.text()), "en": lambda: english(message.text(), item)}
        other = "en" if language == "zh_CN" else "zh_CN"
        assert said[language](), message.text()
        window.set_language(other)  # the citizen switches: the reason follows
        assert said[other](), message.text()
        window.set_language(language)
        assert said[language](), message.text()

        # On to the review by hand (手工填写): 确认提交 stays off, and the review says why, in either language.
        screen.card.manual_button.click()
        qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
        screen.show_review()
        qtbot.waitUntil(lambda: screen.step in ("review", "notice") and not screen.busy, timeout=20_000)
        assert screen.step == "review"  # a 预申请: what is missing is brought to the window
        errors = screen.review.errors
        said = {"zh_CN": lambda: chinese(errors.text()), "en": lambda: english(errors.text().split("\n")[0], item)}
        assert errors.isVisible() and said[language](), errors.text()
        assert not screen.review.confirm_button.isEnabled()
        window.set_language(other)
        assert said[other](), errors.text()

        # Finalising the refused session: apply.card_refused, said in whichever language the screen asks for.
        with pytest.raises(UserError) as info:
            ctx.apply.finalise(session, consent=True)
        assert info.value.code == "apply.card_refused"
        assert chinese(error_text(info.value, "zh_CN"))
        assert english(error_text(info.value, "en"), item)
        assert error_text(info.value, "en").startswith("this card cannot be used for this application")
        window.close()
    finally:
        ctx.close()
