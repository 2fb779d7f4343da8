"""Issue 12, GA 467-2013 card layouts: the 2023 foreigner permanent residence card (type flag 'Y' at byte 248)
carries the holder's sex in its own field, GB/T 2261.1 code, UCS-2LE at bytes 30–31 (the published field list
中文姓名 30 | 性别 2 | 换证次数 4 | 出生日期 16 | 英文姓名 70 | 证件号码 36 | … as vendors' sample readers decode it;
docs/card-readers.md). The number does not give the sex (no published rule), so the card's field is where the form's
sex comes from; its birth date (bytes 36–51) is cross-checked with the number's digits 7–14.

The 256-byte block is written here from those byte offsets, independently of `ga467_frames.LAYOUTS` and its
encoder."""

from __future__ import annotations

import pytest

from app.identity.id_numbers import cross_check, sex_code
from devices.card import ga467_frames as f

SPACE = " ".encode("utf-16-le")
SAMPLE_2023 = "932682198501010017"  # published sample: 9, 江苏 32, 682, born 1985-01-01


def block_2023(sex: str, birth: str, number: str) -> bytes:
    """The 2023 card's text: Chinese name 0/30, sex 30/2, 换证次数 32/4, birth date 36/16, English name 52/70,
    number 122/36, valid from 188/16, valid to 204/16, nationality 242/6, type flag 'Y' 248/2."""
    text = bytearray(SPACE * 128)

    def put(offset: int, length: int, value: str) -> None:
        raw = value.encode("utf-16-le")
        assert len(raw) <= length
        text[offset : offset + len(raw)] = raw

    put(0, 30, "阿卜杜拉")
    put(30, 2, sex)
    put(32, 4, "00")
    put(36, 16, birth)
    put(52, 70, "ABDULLAH, SAMI")
    put(122, 36, number)
    put(188, 16, "20240301")
    put(204, 16, "20340301")
    put(242, 6, "SAU")
    put(248, 2, "Y")
    return bytes(text)


@pytest.mark.parametrize(("code", "word"), [("1", "男"), ("2", "女")])
def test_2023_card_sex_is_read_from_its_field(code: str, word: str) -> None:  # GB/T 2261.1: 1 male, 2 female
    card_type, fields = f.parse_text(block_2023(code, "19850101", SAMPLE_2023))
    assert card_type == "foreign_permanent_2023"
    assert fields["gender"] == code and sex_code(fields["gender"]) == sex_code(word)
    assert fields["id_number"] == SAMPLE_2023 and fields["birth_date"] == "19850101"
    # the card's sex never contradicts the number (the 2023 number gives none); its birth date agrees
    assert cross_check(fields["id_number"], gender=fields["gender"], birth_date=fields["birth_date"]) == []


def test_2023_card_whose_birth_date_disagrees_with_the_number_is_flagged() -> None:
    _, fields = f.parse_text(block_2023("2", "19850102", SAMPLE_2023))
    found = cross_check(fields["id_number"], gender=fields["gender"], birth_date=fields["birth_date"])
    assert [(which, params) for which, _, params in found] == [("birth_date", {"expected": "1985-01-01"})]
