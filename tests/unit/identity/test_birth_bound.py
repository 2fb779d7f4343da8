"""Issue 12, GB 11643 "Birth dates": "the standard's own annex example is born before 1900 and is refused. Follow the
standard; if a policy bound is wanted, make it a configured bound with a reason, not a silent rule."

GB 11643-1999 §5.3 (出生日期码) only asks for the holder's real birth date (GB/T 7408 YYYYMMDD); annex A example 2,
440524188001010014, is born on 1880-01-01. So: no bound by default; `[identity] earliest_birth` with
`earliest_birth_reason` configures one, checked by the config loader (a bound without a reason, a malformed date or a
date in the future is an error naming the key), and the forms and `yunban check id` both apply it, naming the bound
and the reason in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.config import ConfigError, load_config
from app.context import AppContext
from app.forms.engine.answers import validate_answers
from app.forms.engine.definition import parse_form
from app.identity import policy
from app.identity.id_numbers import validate_id_number
from tests.unit.identity.standard_ref import id_number

ANNEX_1880 = "440524188001010014"  # GB 11643-1999 annex A, example 2: born 1880-01-01
ANNEX_1949 = "11010519491231002X"  # GB 11643-1999 annex A, example 1: born 1949-12-31
FOREIGN_2017_1925 = "USA310025010125"  # 2017 foreigner card: YYMMDD 250101, born 1925 or 2025
REASON = "本县档案系统只登记1900年以后出生的人"
BOUND = f'[identity]\nearliest_birth = "1900-01-01"\nearliest_birth_reason = "{REASON}"\n'
FORM = parse_form({"version": 1, "fields": [
    {"id": "idn", "type": "id_number", "label": "证件号码", "label_en": "ID"},
    {"id": "id_text", "type": "text", "label": "号码", "label_en": "no", "validation": {"validator": "gb11643"}},
]})  # fmt: skip


@pytest.fixture(autouse=True)
def _no_bound_after() -> Iterator[None]:
    yield
    policy.set_birth_bound(None)  # the process-wide policy is the composition root's; leave none for other tests


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_bound_by_default_the_annex_example_born_1880_is_valid(tmp_path: Path) -> None:  # GB 11643 §5.3, annex A
    config = load_config(_config(tmp_path, ""))
    assert config.identity.earliest_birth == "" and policy.bound_of(config.identity) is None
    policy.configure(config.identity)
    assert validate_id_number(ANNEX_1880).valid
    assert validate_answers(FORM, {"idn": ANNEX_1880, "id_text": ANNEX_1880}) == {}


def test_a_configured_bound_with_its_reason_is_read(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, BOUND))
    assert policy.bound_of(config.identity) == policy.BirthBound(dt.date(1900, 1, 1), REASON)


@pytest.mark.parametrize(
    ("text", "code", "key"),
    [
        ('[identity]\nearliest_birth = "1900-01-01"\n', "config.earliest_birth_reason",
         "identity.earliest_birth_reason"),
        ('[identity]\nearliest_birth = "1900-01-01"\nearliest_birth_reason = "  "\n', "config.earliest_birth_reason",
         "identity.earliest_birth_reason"),
        ('[identity]\nearliest_birth = "1900-13-01"\nearliest_birth_reason = "x"\n', "config.earliest_birth",
         "identity.earliest_birth"),
        ('[identity]\nearliest_birth = "1900/01/01"\nearliest_birth_reason = "x"\n', "config.earliest_birth",
         "identity.earliest_birth"),
        ('[identity]\nearliest_birth = "19000101"\nearliest_birth_reason = "x"\n', "config.earliest_birth",
         "identity.earliest_birth"),
        ('[identity]\nearliest_birth = "2999-01-01"\nearliest_birth_reason = "x"\n', "config.earliest_birth",
         "identity.earliest_birth"),
        ("[identity]\nearliest_birth = 1900-01-01\nearliest_birth_reason = \"x\"\n", "config.wrong_type",
         "identity.earliest_birth"),  # a bare TOML date is not the quoted text the key takes
        ('[identity]\nearliest_year = "1900"\n', "config.unknown_setting", "identity.earliest_year"),
    ],
)  # fmt: skip
def test_a_bad_bound_is_a_config_error_naming_the_key(tmp_path: Path, text: str, code: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_config(tmp_path, text))
    assert caught.value.code == code
    assert key in caught.value.message("zh_CN") and key in caught.value.message("en")


def test_the_refusal_names_the_bound_and_the_reason_in_both_languages() -> None:
    policy.set_birth_bound(policy.BirthBound(dt.date(1900, 1, 1), REASON))
    r = validate_id_number(ANNEX_1880)
    assert not r.valid and r.kind == "resident_id"
    for text in (r.reason_zh or "", r.reason_en or ""):
        assert "1900-01-01" in text and REASON in text
    assert "bound" in (r.reason_en or "") and "下限" in (r.reason_zh or "")
    assert validate_id_number(ANNEX_1949).valid  # after the bound: unaffected
    assert validate_id_number(id_number("11010519000101001")).valid  # born on the bound itself: accepted
    assert validate_id_number(ANNEX_1880, earliest_birth=None).valid  # a caller may ask for the standard's rule


def test_the_bound_applies_to_every_document_with_a_birth_date() -> None:
    policy.set_birth_bound(policy.BirthBound(dt.date(1930, 1, 1), REASON))
    for number in (id_number("81000019200101001"), id_number("95325019200101001")):  # permit, 2023 foreigner card
        r = validate_id_number(number)
        assert not r.valid and REASON in (r.reason_zh or ""), number
    # 2017 card: YYMMDD 250101 is 1925 or 2025; the latest reading not after today is taken (2025), inside the bound
    assert validate_id_number(FOREIGN_2017_1925, today=dt.date(2026, 1, 1)).valid
    assert not validate_id_number(FOREIGN_2017_1925, today=dt.date(2024, 1, 1)).valid  # only 1925 is possible


def test_forms_apply_the_bound_configured_for_the_terminal(tmp_path: Path) -> None:
    bounded = tmp_path / "bounded"
    bounded.mkdir()
    (bounded / "config.toml").write_text(BOUND, encoding="utf-8")
    ctx = AppContext(bounded)  # the composition root configures the policy, as for the kiosk, counter and laptop
    try:
        errors = validate_answers(FORM, {"idn": ANNEX_1880, "id_text": ANNEX_1880})
        assert set(errors) == {"idn", "id_text"}
        for error in errors.values():
            assert REASON in error.message and "1900-01-01" in error.message
            assert REASON in error.message_en and "1900-01-01" in error.message_en
    finally:
        ctx.close()
    plain = tmp_path / "plain"
    plain.mkdir()
    AppContext(plain).close()  # a terminal without [identity]: the standard's rule again
    assert validate_answers(FORM, {"idn": ANNEX_1880}) == {}


def test_check_id_applies_the_bound_of_the_home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(BOUND, encoding="utf-8")
    code = main(["check", "id", ANNEX_1880, "--home", str(home), "--json", "--lang", "en"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["valid"] is False and REASON in data["reason"] and "1900-01-01" in data["reason"]
    code = main(["check", "id", ANNEX_1880, "--home", str(home), "--lang", "zh_CN"])
    out = capsys.readouterr().out
    assert code == 1 and REASON in out and "1900-01-01" in out and "下限" in out
    # and the form agrees with check on the same home (one implementation)
    errors = validate_answers(FORM, {"idn": ANNEX_1880})
    assert errors["idn"].message_en == data["reason"]
    empty = tmp_path / "empty"  # no config file at all: no bound, and nothing is created there
    code = main(["check", "id", ANNEX_1880, "--home", str(empty), "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["valid"] is True
    assert not empty.exists()


def test_check_id_reports_a_malformed_bound_naming_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[identity]\nearliest_birth = "1900-01-01"\n', encoding="utf-8")
    code = main(["check", "id", ANNEX_1949, "--home", str(home), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2 and data["code"] == "config.earliest_birth_reason"
