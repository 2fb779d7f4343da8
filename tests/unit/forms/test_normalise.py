"""Values stored as typed (issue 11, items 10 and 13): each field type's canonical form, integer fields, control and
bidi characters, signatures that must decode."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from app.forms.engine.answers import validate_answers
from app.forms.engine.definition import FormDefinitionError, parse_form
from app.forms.engine.normalise import BIDI_CONTROLS, has_controls, normalise_answer, normalise_answers
from app.model.forms import Field, FormDefinition
from tests.support.form_samples import id_number, uscc


def _form(*fields: dict[str, Any]) -> FormDefinition:
    return parse_form({"version": 1, "fields": [{"label": f["id"], "label_en": f["id"], **f} for f in fields]})


FORM = _form(
    {"id": "name", "type": "text"},
    {"id": "address", "type": "textarea"},
    {"id": "idn", "type": "id_number"},
    {"id": "code", "type": "uscc"},
    {"id": "phone", "type": "phone"},
    {"id": "amount", "type": "amount"},
    {"id": "count", "type": "number", "validation": {"integer": True, "min": 1, "max": 20}},
    {"id": "area", "type": "number"},
    {"id": "division", "type": "division"},
    {"id": "born", "type": "date"},
    {"id": "id_text", "type": "text", "validation": {"validator": "gb11643"}},
    {"id": "sign", "type": "signature"},
)
FULL = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def _f(field_id: str) -> Field:
    field = FORM.field(field_id)
    assert field is not None
    return field


def _store(field_id: str, value: Any) -> Any:
    return normalise_answer(_f(field_id), value)


def _errors(answers: dict[str, Any]) -> dict[str, str]:
    return {k: e.code for k, e in validate_answers(FORM, answers).items()}


# ------------------------------------------------------------------------------------------------------- ID / USCC


@pytest.mark.parametrize("field_id", ["idn", "id_text"])
def test_id_numbers_are_stored_half_width_upper_case(field_id: str) -> None:
    number = "53252419880315002X"
    for typed in [number, number.lower(), number.translate(FULL), f" {number[:6]} {number[6:14]} {number[14:]} ",
                  number.translate(FULL).replace("Ｘ", "ｘ"), "532524-19880315-002x", "\u202e" + number,
                  number[:6] + "\u3000" + number[6:]]:  # fmt: skip
        stored = _store(field_id, typed)
        assert stored == number, typed
        assert _errors({field_id: stored}) == {}


def test_an_invalid_id_number_stays_invalid_after_normalising() -> None:
    wrong = id_number()[:-1] + ("0" if id_number()[-1] != "0" else "1")
    assert _errors({"idn": _store("idn", wrong.translate(FULL))}) == {"idn": "gb11643"}
    assert _errors({"idn": _store("idn", "ABC")}) == {"idn": "gb11643"}


def test_uscc_is_stored_half_width_upper_case() -> None:
    code = uscc()
    for typed in [code, code.lower(), code.translate(FULL), "".join(chr(ord(c) + 0xFEE0) for c in code),
                  f"{code[:9]} {code[9:]}", code.lower().translate(FULL)]:  # fmt: skip
        assert _store("code", typed) == code, typed
    assert _errors({"code": _store("code", code.lower())}) == {}


# ------------------------------------------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+8613800138000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("＋８６　１３８００１３８０００", "13800138000"),
        ("0873-7652301", "08737652301"),
        ("(0873) 7652301", "08737652301"),
        ("（0873）7652301", "08737652301"),
    ],
)
def test_phones_are_stored_as_digits(typed: str, stored: str) -> None:
    assert _store("phone", typed) == stored
    assert _errors({"phone": stored}) == {}


def test_a_phone_that_is_not_one_stays_refused() -> None:
    for typed in ["12", "call me", "+1 555 0100", "138001380001234"]:
        assert _errors({"phone": _store("phone", typed)}) == {"phone": "phone"}, typed


# ------------------------------------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1250.5", "1250.50"),
        ("1,250.50", "1250.50"),
        ("１２５０．５", "1250.50"),
        (" 820 ", "820.00"),
        ("¥820", "820.00"),
        ("820元", "820.00"),
        (820, "820.00"),
        (820.5, "820.50"),
        ("1250.500", "1250.50"),
        ("0", "0.00"),
    ],
)
def test_amounts_are_stored_as_two_place_decimals(typed: Any, stored: str) -> None:
    assert _store("amount", typed) == stored
    assert _errors({"amount": stored}) == {}


def test_amounts_finer_than_a_fen_or_not_numbers_stay_refused() -> None:
    assert _errors({"amount": _store("amount", "1.005")}) == {"amount": "not_amount"}
    assert _errors({"amount": _store("amount", "abc")}) == {"amount": "not_amount"}
    assert _errors({"amount": _store("amount", "-5")}) == {"amount": "min"}
    assert _store("amount", True) is True  # not a number: left for the refusal


@pytest.mark.parametrize(
    ("typed", "stored"), [("3", 3), ("０３", 3), (" 3 ", 3), (3, 3), (3.0, 3), ("3.0", 3), ("2.5", 2.5), (2.5, 2.5)]
)
def test_numbers_are_stored_as_numbers(typed: Any, stored: Any) -> None:
    value = _store("count", typed)
    assert value == stored and type(value) is type(stored)


def test_integer_fields_refuse_fractions_with_a_reason() -> None:
    for typed in ["2.5", 2.5, "２．５", "1e-1", 19.99]:
        errors = validate_answers(FORM, {"count": _store("count", typed)})
        assert errors["count"].code == "not_integer", typed
        assert errors["count"].message == "请填写整数" and errors["count"].message_en
    assert _errors({"count": _store("count", "1e1")}) == {}  # 10
    assert _errors({"count": _store("count", "21")}) == {"count": "max"}
    assert _errors({"area": _store("area", "2.5")}) == {}  # a number field without `integer` takes fractions


def test_integer_is_a_boolean_of_number_fields_only() -> None:
    with pytest.raises(FormDefinitionError) as not_bool:
        _form({"id": "n", "type": "number", "validation": {"integer": "yes"}})
    assert not_bool.value.code == "forms.integer_not_bool"
    with pytest.raises(FormDefinitionError) as wrong_type:
        _form({"id": "t", "type": "text", "validation": {"integer": True}})
    assert wrong_type.value.code == "forms.integer_not_allowed"


# ------------------------------------------------------------------------------------------------------- division, date


def test_division_codes_and_dates_are_folded() -> None:
    assert _store("division", "５３２５２４ １０３２０５") == "532524103205"
    assert _errors({"division": _store("division", "５３２５２４")}) == {}
    assert _errors({"division": _store("division", "53x524")}) == {"division": "bad_value"}
    assert _store("born", "２０２４－０１－０２") == "2024-01-02"
    assert _errors({"born": _store("born", " ２０２４-01-02 ")}) == {}


# ------------------------------------------------------------------------------------------------------- controls


HOSTILE = ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\x9b", *sorted(BIDI_CONTROLS)]


@pytest.mark.parametrize("char", HOSTILE)
def test_controls_and_bidi_overrides_are_stripped_from_names_and_addresses(char: str) -> None:
    assert _store("name", f"张{char}三") == "张三"
    assert _store("address", f"云南省{char}建水县\n团山村") == "云南省建水县\n团山村"
    # Not normalised (a path that bypassed the service): refused with a reason, never stored silently.
    errors = validate_answers(FORM, {"name": f"张{char}三", "address": f"云南{char}"})
    assert {k: e.code for k, e in errors.items()} == {"name": "control_chars", "address": "control_chars"}
    assert "控制字符" in errors["name"].message


def test_line_breaks_are_kept_in_a_textarea_and_become_spaces_on_one_line() -> None:
    assert _store("name", "张\t三\r\n李") == "张 三 李"
    assert _store("address", "一\r\n二\r三\t四") == "一\n二\n三\t四"
    assert _errors({"address": "一\n二\t三"}) == {}
    assert _errors({"name": "张\n三"}) == {"name": "control_chars"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_normalises_to_text_without_controls(text: str) -> None:
    for field_id in ("name", "address", "idn", "code", "phone", "division", "born"):
        stored = _store(field_id, text)
        assert isinstance(stored, str)
        assert not has_controls(stored, multiline=field_id == "address")
        assert _store(field_id, stored) == stored  # idempotent


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none()))
def test_numbers_normalise_without_raising_and_idempotently(value: Any) -> None:
    for field_id in ("amount", "count"):
        once = _store(field_id, value)
        assert _store(field_id, once) == once or once != once  # NaN stays NaN


def test_unknown_ids_and_other_types_pass_through() -> None:
    answers = {"not_a_field": "\x00x", "sign": "data:image/png;base64,AAAA", "name": "\u202e李"}
    assert normalise_answers(FORM, answers) == {**answers, "name": "李"}


# ------------------------------------------------------------------------------------------------------- signature


def _png(size: tuple[int, int] = (120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("L", size, 255).save(out, format="PNG")
    return out.getvalue()


def _url(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


def test_the_signature_must_be_a_png_that_decodes() -> None:
    assert _errors({"sign": _url(_png())}) == {}
    jpeg = io.BytesIO()
    Image.new("RGB", (10, 10)).save(jpeg, format="JPEG")
    good = _png()
    for bad in [
        b"\x89PNG\r\n\x1a\n" + bytes(32),  # the PNG prefix on nothing
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000,
        good[:-12],  # IEND cut off
        good[:40] + bytes([good[40] ^ 0xFF]) + good[41:],  # a flipped byte (CRC fails)
        jpeg.getvalue(),
        b"",
        b"<svg onload=alert(1)>",
    ]:
        assert _errors({"sign": _url(bad)}) == {"sign": "not_signature"}, bad[:16]
    assert _errors({"sign": "data:image/png;base64," + "!!!"}) == {"sign": "not_signature"}
    assert _errors({"sign": "data:image/jpeg;base64," + base64.b64encode(good).decode()}) == {"sign": "not_signature"}
    assert _errors({"sign": _url(_png((5000, 5000)))}) == {"sign": "not_signature"}  # over 16 Mpx: refused


def test_a_card_read_is_stored_clean() -> None:
    from app.forms.engine.normalise import normalise_card

    card: dict[str, Any] = {
        "name": " 李\u202e明华\x1b ",
        "id_number": "５３２５２４１９８８０３１５００２ｘ",
        "address": "云南\u2066省",
        "permit_number": "h 1234567 8",
        "photo": {"format": "wlt", "bytes": 1024},
        "issue_count": 1,
    }
    clean = {"name": "李明华", "id_number": "53252419880315002X", "address": "云南省", "permit_number": "H12345678"}
    assert normalise_card(card) == {**card, **clean}
