"""`apply.card_refused` in the reader's language (issue 13: Chinese on an English kiosk): an expired ID card laid for
an item that needs a valid one (普通护照签发) is refused; the session keeps the refusal in Chinese for the record and
as a message code with its parameters (`ApplySession.refusal_note`), and finalising raises `CardRefused`, which says
all of it in the language asked. On the real apply service (demo catalog, records.db)."""

from __future__ import annotations

import json
import re

import pytest

from app.apply import messages
from app.apply.session import CardNote, CardRefused
from app.context import AppContext
from app.errors import UserError

ID = "53252419880315002X"
PASSPORT = "530000-GA-0011"
"""普通护照签发: needs a valid ID card (`expired_id_card: refuse`)."""
EXPIRED = {"card_type": "resident_id", "name": "赵六", "id_number": ID, "gender": "女", "birth_date": "1988-03-15",
           "address": "云南省建水县西庄镇团山村12号", "valid_to": "2020-01-01"}  # fmt: skip
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_refusal_is_a_message_with_parameters_said_in_either_language(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(PASSPORT, channel="counter")
    item = session.items[0].name
    refused = svc.apply_card(session, EXPIRED)
    assert refused.refused and session.refusal is not None and session.refusal_note is not None
    # Plain data on the session: the message's code and parameters, the document and the renewal by their codes.
    assert session.refusal_note == {
        "code": messages.CARD_EXPIRED_REFUSED.code,
        "params": {"doc": {"message": messages.CARD_DOC_ID.code}, "end": "2020-01-01", "item": item,
                   "renew": {"message": messages.CARD_RENEW_ID.code}},
    }  # fmt: skip
    assert json.loads(json.dumps(session.refusal_note)) == session.refusal_note
    note = CardNote.from_json(session.refusal_note)
    assert note.render("zh_CN") == session.refusal  # the Chinese the record keeps

    with pytest.raises(UserError) as info:
        svc.finalise(session, consent=True)
    error = info.value
    assert isinstance(error, CardRefused) and error.code == "apply.card_refused"
    assert error.note == note and error.params == {"reason": session.refusal}
    chinese = error.message("zh_CN")
    assert chinese == session.refusal and "2020-01-01" in chinese and "须持有效期内的证件" in chinese
    english = error.message("en")
    assert english.startswith("this card cannot be used for this application: Your ID card has expired")
    assert "2020-01-01" in english and "Please renew your resident ID card first" in english
    assert CJK.findall(english.replace(item, "")) == []  # only the catalog's item name stays Chinese
    assert english != chinese

    # A valid card afterwards clears both; the idle wipe does too.
    assert not svc.apply_card(session, {**EXPIRED, "valid_to": "长期"}).refused
    assert session.refusal is None and session.refusal_note is None
    svc.apply_card(session, EXPIRED)
    assert session.refusal_note is not None
    svc.discard(session)
    assert session.refusal is None and session.refusal_note is None


def test_a_note_round_trips_through_plain_data() -> None:
    note = CardNote(messages.CARD_EXPIRED_WARN, {"doc": messages.CARD_DOC_SOCIAL, "end": "2021-06-30"})
    data = json.loads(json.dumps(note.to_json()))
    assert CardNote.from_json(data) == note
    assert CardNote.from_json(data).render("en") == note.render("en") != note.render("zh_CN")
    assert "social security card" in note.render("en").lower()
    with pytest.raises(KeyError):
        CardNote.from_json({"code": "apply.no_such_message", "params": {}})
