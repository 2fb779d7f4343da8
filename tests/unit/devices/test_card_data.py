"""Card glue: RawCard from any driver → CardData (names for codes, ISO dates, JSON shape, photo placeholder)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.devices.card_data import iso_date, to_card_data, to_event_data
from app.identity.codes import ETHNICITIES, ethnicity_name, gender_name
from app.identity.photo import PHOTO_SIZE, PhotoDecoder, portrait_png
from app.model.identity import CARD_TYPES, PhotoData
from devices.card.base import CardEvent, CardRemovedError, RawCard
from devices.emulators.demo_cards import DEMO_ID_CARDS

JSON_KEYS = [
    "card_type",
    "name",
    "name_en",
    "gender",
    "ethnicity",
    "birth_date",
    "address",
    "id_number",
    "authority",
    "valid_from",
    "valid_to",
    "nationality",
    "additional_address",
    "issue_date",
    "photo",
]


def raw(kind: str) -> RawCard:
    card = DEMO_ID_CARDS[kind]()
    return RawCard("test", card.card_type, card.fields, card.photo, "wlt")


def test_code_tables() -> None:
    assert len(ETHNICITIES) == 58  # 56 groups + 97 其他 + 98 外国血统中国籍人士
    assert ethnicity_name("07") == "彝族" and ethnicity_name("7") == "彝族" and ethnicity_name("16", "en") == "Hani"
    assert ethnicity_name("99") == "99" and ethnicity_name("") is None
    assert gender_name("1") == "男" and gender_name("2", "en") == "female" and gender_name("9") == "未说明的性别"


def test_resident_card_json_has_every_key_and_nulls_for_absent_fields() -> None:
    data = to_card_data(raw("resident_id")).to_json()
    assert list(data) == JSON_KEYS
    assert data["gender"] == "女" and data["ethnicity"] == "彝族"
    assert data["birth_date"] == "1988-03-15" and data["valid_to"] == "2038-04-01"
    assert data["name_en"] is None and data["nationality"] is None
    assert data["photo"] == {"format": "wlt", "bytes": 1024}


def test_permit_and_foreigner_cards() -> None:
    permit = to_card_data(raw("hmt_residence_permit"))
    assert permit.permit_number == "H10293847" and permit.issue_count == 2 and permit.ethnicity is None
    old = to_card_data(raw("foreign_permanent_2017"))
    assert old.name_en == "SMITH, JOHN ALEXANDER" and old.nationality == "CAN" and old.authority == "5300"
    new = to_card_data(raw("foreign_permanent_2023"), language="en")
    assert new.gender == "male" and new.issue_count == 1 and new.id_number == "953124198506150012"
    assert set(CARD_TYPES) >= {permit.card_type, old.card_type, new.card_type, "social_security"}


def test_long_term_validity_is_kept() -> None:
    assert iso_date("长期") == "长期" and iso_date("20380401") == "2038-04-01" and iso_date("") is None


def test_event_conversion() -> None:
    read = to_event_data(CardEvent("card_read", card=raw("resident_id")))
    assert read.kind == "card_read" and read.card is not None and read.card.name == "李明华"
    removed = CardRemovedError(reason="lifted_during_read")
    failed = to_event_data(CardEvent("card_read_failed", error=removed), language="en")
    assert failed.error == removed.message("en") and failed.error_code == "card_removed" and failed.card is None
    assert failed.error != removed.message("zh_CN")  # worded in the language asked for


class Doubler:
    def decode(self, photo: PhotoData) -> bytes:
        return photo.data * 2


_photo_decoder: PhotoDecoder = Doubler()
"""mypy checks the stand-in against the decoder protocol."""


@pytest.mark.parametrize("decoder", [None, Doubler()])
def test_wlt_photo_needs_a_licensed_decoder(decoder: Doubler | None) -> None:
    photo = PhotoData("wlt", b"W" * 1024)
    image, decoded = portrait_png(photo, decoder)
    if decoder is None:
        assert not decoded
        assert Image.open(io.BytesIO(image)).size == PHOTO_SIZE
    else:
        assert decoded and image == b"W" * 2048
