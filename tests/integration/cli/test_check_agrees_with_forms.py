"""Issue 12 "done means": `yunban check id|uscc|division --json` and the forms agree on every case of one table
(tests/unit/identity/cases.py, each case citing its clause): same verdict, same stored/normalized value, same reason.
Receipt numbers: `check receipt` normalises like the others (full-width digits, spaces, dashes, zero-width)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from app.cli import main
from app.forms.engine.answers import validate_answers
from app.forms.engine.definition import parse_form
from app.forms.engine.normalise import normalise_answers
from tests.unit.identity.cases import CASES, Case
from tests.unit.identity.standard_ref import mod11_2

FORM = parse_form({"version": 1, "fields": [
    {"id": "idn", "type": "id_number", "label": "证件号码", "label_en": "ID", "validation": {"max_length": 18}},
    {"id": "id_text", "type": "text", "label": "号码", "label_en": "no", "validation": {"validator": "gb11643"}},
    {"id": "code", "type": "uscc", "label": "信用代码", "label_en": "USCC", "validation": {"max_length": 18}},
    {"id": "division", "type": "division", "label": "区划", "label_en": "division", "validation": {"max_length": 12}},
]})  # fmt: skip
FIELDS = {"id": ("idn", "id_text"), "uscc": ("code",), "division": ("division",)}


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}:{c.clause}" for c in CASES])
def test_check_and_forms_agree(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = cli(capsys, "check", case.kind, case.typed, "--lang", "zh_CN")
    assert data["valid"] is case.valid and code == (0 if case.valid else 1)
    assert data["normalized"] == case.normalized
    if case.reason is not None:
        assert case.reason in data["reason"]
    for field_id in FIELDS[case.kind]:
        stored = normalise_answers(FORM, {field_id: case.typed})[field_id]
        assert stored == case.normalized
        for answer in (case.typed, stored):  # the renderer checks as typed, submit checks as stored
            errors = validate_answers(FORM, {field_id: answer})
            assert (field_id not in errors) is case.valid, (answer, errors)
            if not case.valid:
                assert errors[field_id].message == data["reason"]


def test_legacy_number_conversion_is_offered_by_both(capsys: pytest.CaptureFixture[str]) -> None:
    _, data = cli(capsys, "check", "id", "110105491231002")
    assert data["converted"] == "11010519491231002X"  # GB 11643-1999 §5: 19 inserted, MOD 11-2 check appended
    errors = validate_answers(FORM, {"idn": "110105491231002"})
    assert "11010519491231002X" in errors["idn"].message


def test_historical_address_code_is_named_by_check(capsys: pytest.CaptureFixture[str]) -> None:
    _, data = cli(capsys, "check", "id", "440524188001010014")  # GB 11643 annex A: 广东省汕头市潮阳县, 1880
    assert data["valid"] is True and data["address_code"] == "historical" and data["birth_date"] == "1880-01-01"
    _, data = cli(capsys, "check", "id", "11010519491231002X")
    assert data["address_code"] == "current"


def _receipt(body24: str) -> str:
    return body24 + mod11_2(body24)  # docs/receipt-number.md: ISO 7064 MOD 11-2 over the 24 digits


_FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
_TYPINGS: dict[str, Callable[[str], str]] = {
    "plain": lambda n: n,
    "groups": lambda n: f"{n[:12]} {n[12:14]} {n[14:20]} {n[20:24]} {n[24]}",
    "dashes": lambda n: f"{n[:12]}-{n[12:14]}-{n[14:20]}-{n[20:24]}-{n[24]}",
    "full-width": lambda n: n.translate(_FULL),
    "zero-width": lambda n: f"{n[:12]}\u200b{n[12:]}",
}


@pytest.mark.parametrize("typing", list(_TYPINGS))
def test_check_receipt_normalises_like_the_other_checks(typing: str, capsys: pytest.CaptureFixture[str]) -> None:
    number = _receipt("532524103205012611270001")
    code, data = cli(capsys, "check", "receipt", _TYPINGS[typing](number))
    assert code == 0 and data["valid"] is True and data["normalized"] == number
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    code, data = cli(capsys, "check", "receipt", _TYPINGS[typing](wrong))
    assert code == 1 and data["valid"] is False
