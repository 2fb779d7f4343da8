"""The apply screen's status line speaks the kiosk's language (issue 13): "已读取身份证，请核对下面的信息。" after a
card read is English in English mode, and follows a language switch made after the read (it used to stay Chinese)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def test_the_review_shows_chosen_options_in_english() -> None:
    """The service's review lines say 女, 是 or （已签名）; in English the review shows Female, Yes, (signed)."""
    from app.forms.engine.definition import parse_form
    from ui.screens.apply.review import ReviewStep

    form = parse_form(
        {"version": 1, "fields": [
            {"id": "gender", "type": "choice", "label": "性别", "label_en": "Gender",
             "options": [{"value": "female", "label": "女", "label_en": "Female"},
                         {"value": "male", "label": "男", "label_en": "Male"}]},
            {"id": "local", "type": "yesno", "label": "本地户籍", "label_en": "Local household"},
            {"id": "name", "type": "text", "label": "姓名", "label_en": "Name"},
            {"id": "sig", "type": "signature", "label": "申请人签名", "label_en": "Applicant's signature"},
        ]},
        material_ids=[],
    )  # fmt: skip
    gender, local, name = (form.field(f) for f in ("gender", "local", "name"))
    assert gender is not None and local is not None and name is not None
    assert ReviewStep._english_value(gender, "female", "女") == "Female"
    assert ReviewStep._english_value(local, True, "是") == "Yes"
    assert ReviewStep._english_value(name, "李明华", "李明华") == "李明华"  # what was typed stays as typed
    sig = form.field("sig")
    assert sig is not None and ReviewStep._english_value(sig, "data:image/png;base64,AAAA", "（已签名）") == "(signed)"


def test_an_expiry_warning_after_a_card_read_is_in_the_kiosk_language(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    from app.apply import messages
    from app.apply.session import CardNote, CardNotes

    note = CardNote(messages.CARD_NEAR_EXPIRY, {"doc": messages.CARD_DOC_ID, "end": "2027-01-01"})

    class NearExpiry(FakeApply):
        def apply_card(self, session: Any, card: Any) -> CardNotes:
            done = super().apply_card(session, card)
            return CardNotes(answers=done.answers, warnings=(note.render(),), expired=False, near_expiry=True,
                             notes=(note,))  # fmt: skip

    window = kiosk(NearExpiry())
    window.set_language("en")
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    screen.on_card_read(dict(CARD))
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    assert "Your ID card expires on 2027-01-01" in screen.status.text() and "到期" not in screen.status.text()
    window.set_language("zh_CN")
    assert "您的身份证将于 2027-01-01 到期" in screen.status.text()
