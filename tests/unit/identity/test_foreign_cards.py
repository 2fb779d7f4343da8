"""Issue 12, GB 11643 "Cross-check with the card or form" for the foreigner permanent residence cards
(外国人永久居留身份证), and the 2023 card's sex as its GA 467 text carries it.

What the published description of the 2023 number says (the immigration administration's machine-readable rules
for the 2023 card, as vendors republished them; docs/standards.md): the number follows the citizen identity number
standard (GB 11643): 18 characters, 17 digits and a MOD 11-2 check character "the same as the citizen identity
number"; the first digit `9` marks a foreigner; then the province of the accepting office (2), the nationality as a
3-digit code, the birth date (8, digits 7–14), a sequence (3). It does **not** say that the 17th digit's parity gives
the sex, so the form compares the birth date of a 2023 number with the card's, and not the sex.
Published sample numbers: 932682198501010017 (9, 江苏 32, 682 Saudi Arabia, 1985-01-01) and 911398199012310021
(9, 北京 11, 398 Kazakhstan, 1990-12-31); the 2017 card's KAZ110090123105 (KAZ, region 1100, YYMMDD 901231).
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.forms.engine.answers import identity_mismatches, validate_answers
from app.forms.engine.definition import parse_form
from app.identity.id_numbers import cross_check, validate_id_number
from tests.unit.identity.standard_ref import id_number, mod11_2

TODAY = dt.date(2026, 11, 27)
SAMPLE_2023 = "932682198501010017"
SAMPLE_2023_B = "911398199012310021"
SAMPLE_2017 = "KAZ110090123105"
FORM = parse_form({"version": 1, "fields": [
    {"id": "idn", "type": "id_number", "label": "证件号码", "label_en": "ID", "prefill": "card.id_number"},
    {"id": "sex", "type": "choice", "label": "性别", "label_en": "sex", "prefill": "card.gender",
     "options": [{"value": "1", "label": "男", "label_en": "male"},
                 {"value": "2", "label": "女", "label_en": "female"}]},
    {"id": "born", "type": "date", "label": "出生日期", "label_en": "born", "prefill": "card.birth_date"},
]})  # fmt: skip


@pytest.mark.parametrize("number", [SAMPLE_2023, SAMPLE_2023_B])
def test_published_2023_samples_check_with_mod_11_2(number: str) -> None:  # "与公民身份号码校验方式相同"
    assert mod11_2(number[:17]) == number[17]  # the standard's own check, computed by the test's reference
    r = validate_id_number(number, today=TODAY)
    assert r.valid and r.kind == "foreign_permanent_id"
    assert r.details["birth_date"] == f"{number[6:10]}-{number[10:12]}-{number[12:14]}"  # digits 7-14


def test_2023_number_birth_date_is_cross_checked_with_the_card() -> None:  # digits 7-14 = birth date
    assert cross_check(SAMPLE_2023, birth_date="1985-01-01") == []
    found = cross_check(SAMPLE_2023, birth_date="1985-01-02")
    assert [(which, params) for which, _, params in found] == [("birth_date", {"expected": "1985-01-01"})]
    form_errors = validate_answers(FORM, {"idn": SAMPLE_2023, "sex": "1", "born": "1984-01-01"}, today=TODAY)
    assert set(form_errors) == {"born"} and "1985-01-01" in form_errors["born"].message_en


@pytest.mark.parametrize("sex", ["1", "2"])
def test_2023_number_sex_is_not_asserted(sex: str) -> None:
    """No published text gives the 2023 number's 17th digit a sex: neither value is a mismatch, for an odd or an
    even 17th digit alike."""
    for number in (SAMPLE_2023, id_number("95325019900101002")):
        assert cross_check(number, gender=sex) == []
        born = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
        assert identity_mismatches(FORM, {"idn": number, "sex": sex, "born": born}) == {}
    assert "gender" not in validate_id_number(SAMPLE_2023, today=TODAY).details


def test_2017_number_birth_date_is_yymmdd() -> None:  # 2017 card: characters 8-13 are the birth date, YYMMDD
    assert cross_check(SAMPLE_2017, birth_date="1990-12-31") == []
    found = cross_check(SAMPLE_2017, birth_date="1990-12-30")
    assert [(which, params) for which, _, params in found] == [("birth_date", {"expected": "901231"})]
    assert "901231" in validate_answers(FORM, {"idn": SAMPLE_2017, "born": "1990-12-30"}, today=TODAY)["born"].message


def test_2017_number_of_a_holder_born_a_century_ago_agrees_with_the_card() -> None:
    """YYMMDD carries no century: 250101 is 1925-01-01 on the card of a 101-year-old, not a mismatch with the
    number's latest reading (2025-01-01)."""
    number = "USA310025010125"
    assert validate_id_number(number, today=TODAY).details["birth_date"] == "2025-01-01"
    assert cross_check(number, birth_date="1925-01-01") == []
    assert cross_check(number, birth_date="2025-01-01") == []
    assert [w for w, _, _ in cross_check(number, birth_date="1926-01-01")] == ["birth_date"]


def test_gb11643_numbers_still_cross_check_the_sex() -> None:  # GB 11643 §5.4: odd male, even female
    form_errors = validate_answers(FORM, {"idn": "11010519491231002X", "sex": "1", "born": "1949-12-31"}, today=TODAY)
    assert set(form_errors) == {"sex"} and "女" in form_errors["sex"].message
