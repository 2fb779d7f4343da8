"""Issue 12, GB 11643 "Address prefix": "Check the 6-digit prefix against current GB/T 2260 codes plus a table of
historical codes … and say which of the two matched." GB 11643-1999 §5.2: the address code is the GB/T 2260 code of
the county (县、市、旗、区) of the holder's registered residence. Counties created after 2020 (the historical table's
last year) are current codes too: the packaged 2023 table (app/data/codes/gb2260-2023.csv) carries them.

Cases are changes published among the administrative division changes after 2020 (撤县设市/撤县设区 with a new code),
each with the code it replaced: the old code stays valid as an address code (it is on cards issued before).
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.identity.tables import address_code_status, gb2260_2023
from app.identity.validators import validate_id_number, validate_uscc
from tests.unit.identity.standard_ref import id_number, uscc

TODAY = dt.date(2026, 11, 27)
NEW_CODES = [
    ("513402", "会理市", "513425"),  # 四川 凉山州: 会理县 → 会理市 (2021)
    ("350404", "三元区", "350403"),  # 福建 三明市: 梅列区、三元区 → 三元区 (2021)
    ("450181", "横州市", "450127"),  # 广西 南宁市: 横县 → 横州市 (2021)
    ("540481", "米林市", "540422"),  # 西藏 林芝市: 米林县 → 米林市 (after 2020)
    ("659012", "白杨市", None),  # 新疆 自治区直辖县级市 白杨市 (after 2020)
]


@pytest.mark.parametrize(("code", "name", "replaced"), NEW_CODES)
def test_counties_created_after_2020_are_current_address_codes(code: str, name: str, replaced: str | None) -> None:
    status = address_code_status(code)
    assert status is not None and status.status == "current" and status.name == name
    r = validate_id_number(id_number(code + "19900101001"), today=TODAY)  # GB 11643 §5.2 with §5.5's check
    assert r.valid and r.details["address_code"] == "current" and str(r.details["region"]).endswith(name)
    assert validate_uscc(uscc("9", "1", code)).valid  # GB 32100 §4.3: the registering office's division
    if replaced is not None:  # the code it replaced is on cards issued before: still an address code
        assert validate_id_number(id_number(replaced + "19900101001"), today=TODAY).valid


def test_a_code_never_assigned_is_still_unknown() -> None:  # GB 11643 §5.2: a GB/T 2260 code, current or historical
    r = validate_id_number(id_number("51349919900101001"), today=TODAY)
    assert not r.valid and "513499" in (r.reason_zh or "")


@pytest.mark.parametrize("code", ["130171", "220171", "410171"])
def test_statistical_development_zone_codes_are_no_address_codes(code: str) -> None:
    """The NBS statistical codes give county parts 71–80 to development zones (开发区): not GB/T 2260 codes, so no
    GB 11643 address code."""
    assert code not in gb2260_2023() and address_code_status(code) is None
    assert not validate_id_number(id_number(code + "19900101001"), today=TODAY).valid


def test_every_county_of_the_2023_table_sits_under_its_prefecture_and_province() -> None:
    """GB/T 2260 is hierarchical: digits 1–2 the province, 3–4 the prefecture, 5–6 the county; the table is whole."""
    table = gb2260_2023()
    for code in table:
        assert code[:2] + "0000" in table, code
        if code[4:] != "00":
            assert code[:4] + "00" in table, code
        assert not 71 <= int(code[4:]) <= 80, code
    assert {"530000", "532500", "532524"} <= table.keys()
