"""Issue 12, GB 11643 first clause: "Forms must accept every identity document the card readers read (resident card,
81/82/83 residence permits, the 2017 and 2023 foreigner cards), each checked by its own rule".

Each card is laid on the GA 467 reader emulator (a pty, read by the real serial driver), read by the apply flow, and
its number, sex and birth date prefill the forms: the identity-number check and the GB 11643 §5.3–5.4 cross-check
(birth date for every document, sex where the number encodes it) pass for every kind, and a card whose number
contradicts its own birth date is held on the birth-date field.
"""

from __future__ import annotations

import pytest

from app.context import AppContext
from devices.emulators.demo_cards import (
    DemoIdCard,
    foreign_2017_card,
    foreign_2023_card,
    hmt_permit_card,
    resident_card,
)
from devices.emulators.ga467_pty import Ga467PtyEmulator
from tests.integration.apply.conftest import DIBAO_ITEM, ID_CARD_ITEM, dibao_answers, id_card_answers
from tests.unit.identity.standard_ref import id_number

CARDS = {
    "resident card": resident_card(),
    "Hong Kong permit (81)": hmt_permit_card(),
    "Macao permit (82)": hmt_permit_card(id_number=id_number("82000019950704004")),
    "Taiwan permit (83)": hmt_permit_card(id_number=id_number("83000019950704004")),
    "2017 foreigner card": foreign_2017_card(),
    "2023 foreigner card": foreign_2023_card(),
}


@pytest.mark.parametrize("card", CARDS.values(), ids=list(CARDS))
def test_every_document_the_reader_reads_passes_the_forms(
    ctx: AppContext, emulator: Ga467PtyEmulator, card: DemoIdCard
) -> None:
    emulator.lay(card)
    read = ctx.identity.read_card(timeout=10)
    svc = ctx.apply
    for item, answers in ((DIBAO_ITEM, dibao_answers()), (ID_CARD_ITEM, id_card_answers())):
        session = svc.start(item, channel="counter")
        svc.apply_card(session, read)
        assert session.answers["id_number"] == card.fields["id_number"]
        errors = svc.save_page(session, answers)
        assert errors == {}, (item, errors)
        assert not {"id_number", "gender", "birth_date"} & set(svc.validate(session)), item


@pytest.mark.parametrize(
    "card",
    [resident_card(birth_date="19880316"), foreign_2023_card(birth_date="19850616"),
     foreign_2017_card(birth_date="19850616")],
    ids=["resident card", "2023 foreigner card", "2017 foreigner card"],
)  # fmt: skip
def test_a_card_whose_number_contradicts_its_birth_date_is_held(
    ctx: AppContext, emulator: Ga467PtyEmulator, card: DemoIdCard
) -> None:
    emulator.lay(card)
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM, channel="counter")
    svc.apply_card(session, ctx.identity.read_card(timeout=10))
    errors = svc.validate(session)
    assert "id_number" not in errors and errors["birth_date"].code == "gb11643_birth_date"
