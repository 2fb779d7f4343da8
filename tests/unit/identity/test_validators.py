"""Validators: every rule of GB 11643, GB 32100 (with GB 11714) and division codes, with the reason it gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.identity.checksums import GB32100_ALPHABET, gb11643_check_char, gb11714_check_char, gb32100_check_char
from app.identity.validators import normalize, validate, validate_division, validate_id_number, validate_uscc

TODAY = dt.date(2026, 11, 27)


def with_check(first17: str) -> str:
    return first17 + gb11643_check_char(first17)


# --- validators_core ------------------------------------------------------------------------------------------------


def test_check_characters_of_published_examples() -> None:
    assert gb11643_check_char("11010519491231002") == "X"  # GB 11643-1999 appendix example
    assert gb11714_check_char("M000100Y") == "4"
    assert gb32100_check_char("91350100M000100Y4") == "3"  # 91350100M000100Y43, the usual worked example


def test_gb11714_check_values_10_and_11() -> None:
    # weights 3 7 9 10 5 8 4 2: a sum of 0 gives 11 - 0 = 11 -> "0"; 6 * 2 = 12 = 1 (mod 11) gives 10 -> "X"
    assert gb11714_check_char("00000000") == "0"
    assert gb11714_check_char("00000006") == "X"
    assert gb11714_check_char("10000000") == "8"  # 11 - 3


@pytest.mark.parametrize(
    ("fn", "arg"),
    [
        (gb11643_check_char, "1234"),
        (gb11643_check_char, "1101051949123100A"),
        (gb11714_check_char, "M000100"),
        (gb11714_check_char, "m000100y"),
        (gb32100_check_char, "91350100M000100Y"),
        (gb32100_check_char, "91350100M000100YI"),
    ],
)
def test_check_character_functions_refuse_bad_input(fn: Callable[[str], str], arg: str) -> None:
    with pytest.raises(ValueError):
        fn(arg)


# --- GB 11643 ---------------------------------------------------------------------------------------------------------


def test_valid_yunnan_number_gives_birth_gender_and_region_from_the_division_table() -> None:
    r = validate_id_number("53252419880315002X", today=TODAY)
    assert r.valid and r.kind == "resident_id" and r.reason_zh is None
    assert r.details["birth_date"] == "1988-03-15"
    assert r.details["gender"] == "女"  # 17th digit 2 is even
    assert r.details["region"] == "云南省红河哈尼族彝族自治州建水县"


def test_region_of_a_number_from_another_province() -> None:
    beijing = validate_id_number("11010519491231002X", today=TODAY)  # GB 11643-1999 annex example
    assert beijing.valid and beijing.details["region"] == "北京市朝阳区" and beijing.details["gender"] == "女"


def test_normalisation_of_lower_case_x_full_width_digits_and_spaces() -> None:
    assert normalize(" １１０１０５ 1949-1231-002x ") == "11010519491231002X"
    r = validate_id_number("１１０１０５１９４９１２３１００２ｘ", today=TODAY)
    assert r.valid and r.normalized == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("", "请输入", "enter"),
        ("110105491231002", "15位的第一代身份证号码", "15-digit"),
        ("1101051949123100", "应为18位，现为16位", "this one has 16"),
        ("11010519491231A02X", "第15位是“A”", "character 15 is 'A'"),
        ("11010519491231002Y", "第18位应为数字或X", "character 18 must be a digit or X"),
        (with_check("60010519900101001"), "“60”不是有效的省级行政区划代码", "not a valid province code"),
        (with_check("81010019900101001"), "前6位应为810000", "starts with 810000"),
        (with_check("53252419900230001"), "“19900230”不是有效日期", "not a real date"),
        (with_check("53252420990101001"), "晚于今天", "in the future"),
        (with_check("53259919900101001"), "“532599”既不是现行的也不是1980年以来", "nor any code since 1980"),
        ("110105194912310021", "第18位校验码应为X", "check digit should be X"),
    ],
)
def test_each_failure_has_an_actionable_reason(value: str, zh: str, en: str) -> None:
    r = validate_id_number(value, today=TODAY)
    assert not r.valid
    assert r.reason_zh is not None and zh in r.reason_zh
    assert r.reason_en is not None and en in r.reason_en
    assert r.reason("en") == r.reason_en and r.reason() == r.reason_zh


@pytest.mark.parametrize(
    ("prefix", "kind", "region"),
    [
        ("810000", "hk_residence_permit", "香港特别行政区"),
        ("820000", "macao_residence_permit", "澳门特别行政区"),
        ("830000", "taiwan_residence_permit", "台湾地区"),
    ],
)
def test_residence_permits_of_hong_kong_macao_taiwan_residents(prefix: str, kind: str, region: str) -> None:
    r = validate_id_number(with_check(prefix + "19950704003"), today=TODAY)
    assert r.valid and r.kind == kind and r.details["region"] == region
    assert r.details["birth_date"] == "1995-07-04" and r.details["gender"] == "男"


def test_foreign_permanent_resident_id_of_2023() -> None:
    r = validate_id_number("953124198506150012", today=TODAY)
    assert r.valid and r.kind == "foreign_permanent_id" and r.details["region"] == "云南省"
    bad_province = validate_id_number(with_check("99912419850615001"), today=TODAY)
    assert not bad_province.valid and "省级受理地代码" in (bad_province.reason_zh or "")


def test_a_birth_date_of_today_is_accepted() -> None:
    r = validate_id_number(with_check("532524" + TODAY.strftime("%Y%m%d") + "001"), today=TODAY)
    assert r.valid


_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
_COUNTIES = st.sampled_from(["530102", "532524", "533102", "110105", "440305", "650102"])


@given(county=_COUNTIES, born=_DATES, seq=st.integers(0, 999))
def test_property_every_well_formed_number_with_its_check_character_is_valid(
    county: str, born: dt.date, seq: int
) -> None:
    number = with_check(f"{county}{born:%Y%m%d}{seq:03d}")
    r = validate_id_number(number, today=TODAY)
    assert r.valid, r.reason_en
    assert r.details["birth_date"] == born.isoformat()
    assert r.details["gender"] == ("男" if seq % 2 else "女")


@given(county=_COUNTIES, born=_DATES, seq=st.integers(0, 999), pos=st.integers(0, 17), delta=st.integers(1, 9))
def test_property_any_single_digit_error_is_caught(county: str, born: dt.date, seq: int, pos: int, delta: int) -> None:
    number = with_check(f"{county}{born:%Y%m%d}{seq:03d}")
    digits = "0123456789X" if pos == 17 else "0123456789"
    index = digits.index(number[pos])
    changed = number[:pos] + digits[(index + delta) % len(digits)] + number[pos + 1 :]
    assert changed != number
    assert not validate_id_number(changed, today=TODAY).valid


# --- GB 32100 ---------------------------------------------------------------------------------------------------------


def test_valid_credit_code_details() -> None:
    r = validate_uscc("91350100M000100Y43")
    assert r.valid and r.kind == "uscc"
    assert r.details["organization_code"] == "M000100Y-4"
    assert r.details["region"] == "福建省福州市"
    assert r.details["registration_authority"] == "工商（市场监管）"


def _uscc(auth: str = "9", cat: str = "1", area: str = "532524", org8: str = "MA6K2Q3B") -> str:
    body = auth + cat + area + org8 + gb11714_check_char(org8)
    return body + gb32100_check_char(body)


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("91350100M000100Y4", "应为18位，现为17位", "this one has 17"),
        ("9135O100M000100Y43", "第5位“O”", "perhaps 1, 0, 5, U or 2"),
        ("91350100M000100Y44", "第18位校验码应为3", "check digit should be 3"),
        ("B1350100M000100Y43", "登记管理部门代码“B”无效", "registration authority"),
        ("91990100M000100Y43", "第3至8位“990100”", "division code of the registering office"),
    ],
)
def test_credit_code_failures(value: str, zh: str, en: str) -> None:
    r = validate_uscc(value)
    assert not r.valid and zh in (r.reason_zh or "") and en in (r.reason_en or "")


def test_embedded_organisation_code_check_is_verified() -> None:
    good = _uscc()
    assert validate_uscc(good).valid
    org_check = good[16]
    wrong = "0" if org_check != "0" else "1"
    body = good[:16] + wrong
    forged = body + gb32100_check_char(body)  # the outer check is right, the GB 11714 one is not
    r = validate_uscc(forged)
    assert not r.valid and f"应为{org_check}" in (r.reason_zh or "") and "GB 11714" in (r.reason_en or "")


_ORG_BODY = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8)


@given(org8=_ORG_BODY, auth=st.sampled_from("159Y"), pos=st.integers(0, 17), delta=st.integers(1, 30))
def test_property_credit_codes_valid_and_single_substitutions_caught(
    org8: str, auth: str, pos: int, delta: int
) -> None:
    code = _uscc(auth=auth, org8=org8)
    assert validate_uscc(code).valid
    index = GB32100_ALPHABET.index(code[pos])
    changed = code[:pos] + GB32100_ALPHABET[(index + delta) % 31] + code[pos + 1 :]
    assert not validate_uscc(changed).valid


# --- divisions --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "name"),
    [
        ("53", "province", "云南省"),
        ("530000", "province", "云南省"),
        ("5325", "prefecture", "云南省红河哈尼族彝族自治州"),
        ("532524", "county", "云南省红河哈尼族彝族自治州建水县"),
        ("532524103", "township", "云南省红河哈尼族彝族自治州建水县西庄镇"),
        ("532524103205", "village", "云南省红河哈尼族彝族自治州建水县西庄镇团山村委会"),
    ],
)
def test_known_divisions_at_every_level(code: str, kind: str, name: str) -> None:
    r = validate_division(code)
    assert r.valid and r.kind == kind and r.details == {"known": True, "name": name, "level": kind}


def test_unknown_but_well_formed_division_is_valid_with_a_note() -> None:
    r = validate_division("440305")
    assert r.valid and r.kind == "county" and r.details["known"] is False
    assert "区划表中没有" in (r.reason_zh or "")


@pytest.mark.parametrize(
    ("code", "zh"),
    [("53252", "应为2、4、6、9或12位，现为5位"), ("5325a4", "只能由数字组成"), ("992524", "“99”不是有效的省级")],
)
def test_bad_division_codes(code: str, zh: str) -> None:
    r = validate_division(code)
    assert not r.valid and zh in (r.reason_zh or "")


def test_dispatch_by_kind() -> None:
    assert validate("id", "11010519491231002X").valid
    assert validate("uscc", "91350100M000100Y43").valid
    assert validate("division", "53").valid
    with pytest.raises(ValueError):
        validate("passport", "E12345678")
