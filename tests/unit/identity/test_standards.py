"""Each rule of GB 11643-1999, GB 32100-2015 and GB/T 2260 (with the statistical codes) on cases built from the
standards' text (tests/unit/identity/cases.py, standard_ref.py), through the validators; the clause is in each
case or test name."""

from __future__ import annotations

import datetime as dt

import pytest

from app.forms.engine.answers import identity_mismatches, validate_answers
from app.forms.engine.definition import parse_form
from app.identity.id_numbers import BirthBound, convert_legacy, cross_check, validate_id_number
from app.identity.normalise import normalise_code
from app.identity.validators import USCC_AUTHORITIES, validate, validate_division, validate_uscc
from tests.unit.identity.cases import CASES, Case
from tests.unit.identity.standard_ref import id_number, uscc

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}:{c.clause}" for c in CASES])
def test_case_table_through_the_validators(case: Case) -> None:
    r = validate(case.kind, case.typed, today=TODAY)
    assert r.valid is case.valid and r.normalized == case.normalized
    if case.reason is not None:
        assert case.reason in (r.reason_zh or "")


def test_normalise_code_is_idempotent_and_drops_only_separators() -> None:
    typed = "\ufeff５３２５２４\u3000１９８８－0315\u2013002ｘ\u200e"
    assert normalise_code(typed) == "53252419880315002X"
    assert normalise_code(normalise_code(typed)) == normalise_code(typed)
    assert normalise_code("5325.24") == "5325.24"  # a dot is not a separator: reported, not dropped


def test_gb11643_annex_example_born_1880_is_accepted_with_its_historical_address_code() -> None:
    r = validate_id_number("440524188001010014", today=TODAY)  # GB 11643-1999 annex A, example 2
    assert r.valid and r.details["birth_date"] == "1880-01-01" and r.details["gender"] == "男"
    assert r.details["address_code"] == "historical" and r.details["address_until"] == 1992
    assert r.details["region"].startswith("广东省")


def test_a_birth_bound_is_a_stated_policy_not_a_silent_rule() -> None:
    bound = BirthBound(dt.date(1900, 1, 1), "本地政策示例")
    r = validate_id_number("440524188001010014", today=TODAY, earliest_birth=bound)
    assert not r.valid and "1900-01-01" in (r.reason_zh or "") and "本地政策示例" in (r.reason_zh or "")


def test_gb11643_sequence_parity_gives_the_sex() -> None:  # GB 11643 §5.4: odd male, even female
    male, female = id_number("53252419880315001"), id_number("53252419880315002")
    assert validate_id_number(male, today=TODAY).details["gender_code"] == "1"
    assert validate_id_number(female, today=TODAY).details["gender_code"] == "2"


def test_legacy_15_digit_conversion() -> None:  # GB 11643-1999 §5 replacing the 15-digit GB 11643-1989 numbers
    assert convert_legacy("110105491231002") == "11010519491231002X"
    r = validate_id_number("110105491231002", today=TODAY)
    assert not r.valid and r.kind == "legacy_resident_id" and r.details["converted"] == "11010519491231002X"
    assert "11010519491231002X" in (r.reason_en or "")
    bad = validate_id_number("110105491331002", today=TODAY)  # month 13
    assert not bad.valid and "converted" not in bad.details


@pytest.mark.parametrize(("prefix", "kind"), [("81", "hk_residence_permit"), ("82", "macao_residence_permit"),
                                              ("83", "taiwan_residence_permit")])  # fmt: skip
def test_residence_permits_use_the_gb11643_layout(prefix: str, kind: str) -> None:
    r = validate_id_number(id_number(prefix + "000019900101001"), today=TODAY)
    assert r.valid and r.kind == kind
    assert not validate_id_number(id_number(prefix + "010019900101001"), today=TODAY).valid


def test_foreign_cards_2017_and_2023() -> None:
    old = validate_id_number("FRA530087010112", today=TODAY)
    assert old.valid and old.kind == "foreign_permanent_id_2017" and old.details["check_verified"] is False
    assert old.details["birth_date"] == "1987-01-01" and old.details["region"] == "云南省"
    assert not validate_id_number("FRA990087010112", today=TODAY).valid  # 99 is no province
    assert not validate_id_number("FRA530087023012", today=TODAY).valid  # 30 February
    new = validate_id_number(id_number("95325019900101001"), today=TODAY)  # 9, Yunnan, 250 = France
    assert new.valid and new.kind == "foreign_permanent_id" and new.details["nationality_name"] == "France"
    assert "gender" not in new.details


def test_cross_check_of_sex_and_birth_date() -> None:  # GB 11643 §5.3 birth date, §5.4 sex
    number = "11010519491231002X"
    assert cross_check(number, gender="女", birth_date="1949-12-31") == []
    assert cross_check(number, gender="female", birth_date="19491231") == []
    found = {which: params for which, _, params in cross_check(number, gender="男", birth_date="1950-01-01")}
    assert found == {"gender": {"expected": "女"}, "birth_date": {"expected": "1949-12-31"}}
    assert cross_check(number, gender="未说明", birth_date="not a date") == []
    assert cross_check("110105194912310021", gender="男") == []  # an invalid number is reported by its own check


def test_form_shows_a_sex_or_birth_date_mismatch_before_submission() -> None:
    form = parse_form({"version": 1, "fields": [
        {"id": "idn", "type": "id_number", "label": "证件号码", "label_en": "ID", "prefill": "card.id_number"},
        {"id": "sex", "type": "choice", "label": "性别", "label_en": "sex", "prefill": "card.gender",
         "options": [{"value": "m", "label": "男", "label_en": "male"},
                     {"value": "f", "label": "女", "label_en": "female"}]},
        {"id": "born", "type": "date", "label": "出生日期", "label_en": "born", "prefill": "card.birth_date"},
    ]})  # fmt: skip
    same = {"idn": "11010519491231002X", "sex": "f", "born": "1949-12-31"}
    assert validate_answers(form, same, today=TODAY, identity_cross_check=True) == {}
    other = {"idn": "11010519491231002X", "sex": "m", "born": "1949-12-30"}
    assert identity_mismatches(form, other).keys() == {"sex", "born"}
    errors = validate_answers(form, other, today=TODAY, identity_cross_check=True)
    assert set(errors) == {"sex", "born"}
    assert errors["sex"].code == "gb11643_gender" and "女" in errors["sex"].message
    assert "1949-12-31" in errors["born"].message_en


def test_form_length_cap_counts_the_code_not_the_spaces() -> None:
    form = parse_form({"version": 1, "fields": [{"id": "idn", "type": "id_number", "label": "号码", "label_en": "ID",
                                                 "validation": {"max_length": 18}}]})  # fmt: skip
    assert validate_answers(form, {"idn": "110105 1949 1231 002X"}, today=TODAY) == {}
    assert validate_answers(form, {"idn": "110105\u200b19491231002X"}, today=TODAY) == {}


def test_gb32100_table_1_every_authority_and_its_types() -> None:
    for authority, (_, _, types) in USCC_AUTHORITIES.items():
        for org_type in "0123456789ABCDEFGHJKLMNPQRTUWXY":
            r = validate_uscc(uscc(authority, org_type, "532524"))
            assert r.valid is (org_type in types), (authority, org_type)
            if not r.valid:
                assert f"“{org_type}”" in (r.reason_zh or "") and "registration authority" in (r.reason_en or "")
    assert set(USCC_AUTHORITIES["9"][2]) == {"1", "2", "3"}  # market regulation: 企业, 个体工商户, 农民专业合作社


def test_gb32100_central_registration_and_historical_division() -> None:
    central = validate_uscc(uscc("1", "1", "100000"))
    assert central.valid and central.details["region"] == "中央"
    assert validate_uscc(uscc("9", "1", "532522")).valid  # 蒙自县: an old registering office's code stays valid
    assert not validate_uscc(uscc("9", "1", "539999")).valid


def test_divisions_say_historical_for_abolished_yunnan_codes() -> None:
    r = validate_division("532522")
    assert not r.valid and r.details["historical"] is True and r.details["name"] == "蒙自县"
    unknown = validate_division("532599")
    assert not unknown.valid and unknown.details["historical"] is False
    other = validate_division("110105")  # other provinces: shape only
    assert other.valid and other.details["known"] is False and "只有云南省" in (other.reason_zh or "")
