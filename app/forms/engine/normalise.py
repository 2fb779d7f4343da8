"""Answers stored as typed values: each field type's canonical form, applied before an answer is kept.

Contract: `normalise_answers(definition, answers)` returns the answers every path keeps (`ApplyService.save_page`
and `apply_card`, hence the kiosk, the counter, `yunban submit` and drafts): unknown ids and values that are not
strings or numbers pass through untouched, and a value that cannot be brought to its type's canonical form is kept
as typed (folded and cleaned) so `validate_answers` refuses it with a reason. Normalising never turns an invalid
answer into a valid one of another meaning, and never raises.

| type | stored |
| --- | --- |
| id_number, uscc, division | `app.identity.normalise.normalise_code`, also `yunban check`'s (NFKC, no spaces) |
| phone | digits only; a `+86` / `0086` prefix dropped; spaces, dashes and brackets dropped |
| amount | a decimal `str` with two places (`"1,250.5"` → `"1250.50"`); more than two places kept for the refusal |
| number | `int` when whole (`"０３"` → 3), else `float`; an `integer` field keeps 2.5 so it is refused |
| date | NFKC, trimmed |
| text, textarea | control characters **stripped** (see below), ends trimmed |

Controls stripped from every text-like answer: C0 (tab and newline kept in a textarea, a space elsewhere), DEL, C1,
and the bidi controls U+202A–U+202E, U+2066–U+2069, U+200E/U+200F and U+061C.

`has_controls(text)` is the check `validate_answers` uses to refuse such characters in any text-like answer that
did not come through here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.identity.normalise import normalise_code
from app.model.forms import Field, FormDefinition

__all__ = [
    "BIDI_CONTROLS",
    "has_controls",
    "normalise_answer",
    "normalise_answers",
    "normalise_card",
    "strip_controls",
]

BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)] + ["\u200e", "\u200f", "\u061c"]
)
"""Embedding/override (U+202A–U+202E), isolates (U+2066–U+2069), LRM/RLM and the Arabic letter mark."""

_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]"
)  # tab (\t) and newline (\n) handled by the caller's choice
_CONTROL_OR_BREAK_RE = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")
_PHONE_DROP = re.compile(r"[\s\-()（）.]")


def has_controls(text: str, *, multiline: bool = False) -> bool:
    """Whether text holds a control or bidi-control character (tab and newline allowed when multiline)."""
    return (_CONTROL_RE if multiline else _CONTROL_OR_BREAK_RE).search(text) is not None


def strip_controls(text: str, *, multiline: bool = False) -> str:
    """Text without control and bidi-control characters (tab and newline kept when multiline; on one line they
    become a space)."""
    if not multiline:
        text = text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text) if multiline else _CONTROL_OR_BREAK_RE.sub("", text)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _code(value: str) -> str:
    return normalise_code(value)


def _phone(value: str) -> str:
    text = _PHONE_DROP.sub("", _fold(value))
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    return _fold(text)


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, int):
        return Decimal(value)
    text = _fold(str(value)).strip().replace(",", "").replace(" ", "")
    if text.startswith(("¥", "￥")):
        text = text[1:]
    if text.endswith("元"):
        text = text[:-1]
    if not text or len(text) > 40:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _amount(value: Any) -> Any:
    number = _decimal(value)
    if number is None:
        return value.strip() if isinstance(value, str) else value
    try:
        cents = number.quantize(Decimal("0.01"))
    except InvalidOperation:  # too many digits for two places: kept for the refusal
        return format(number, "f")
    return format(cents if cents == number else number, "f")  # finer than a fen: kept for the refusal


def _number(value: Any) -> Any:
    number = _decimal(value)
    if number is None:
        return value.strip() if isinstance(value, str) else value
    if number == number.to_integral_value() and abs(number) < 10**18:
        return int(number)
    return float(number)


def normalise_answer(field: Field, value: Any) -> Any:
    """The canonical stored form of one answer (see the module table); anything else as given."""
    ftype = field.type
    if isinstance(value, bool) or value is None:
        return value
    if ftype == "number":
        return _number(value) if isinstance(value, str | int | float) else value
    if ftype == "amount":
        return _amount(value) if isinstance(value, str | int | float) else value
    if not isinstance(value, str):
        return value
    if ftype in ("id_number", "uscc"):
        return _code(strip_controls(value))
    if ftype == "phone":
        return _phone(strip_controls(value))
    if ftype == "division":
        return normalise_code(value)
    if ftype == "date":
        return _fold(_fold(strip_controls(value)).strip())
    if ftype == "textarea":
        return strip_controls(value, multiline=True).strip()
    if ftype == "text":
        text = strip_controls(value).strip()
        validator = field.validation.validator
        if validator in ("gb11643", "gb32100"):
            return _code(text)
        if validator == "phone":
            return _phone(text)
        return text
    return value


def normalise_answers(definition: FormDefinition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Each known field's answer in its canonical form; ids the definition does not know pass through."""
    out: dict[str, Any] = {}
    for key, value in answers.items():
        field = definition.field(key)
        out[key] = value if field is None else normalise_answer(field, value)
    return out


_CARD_CODES = frozenset({"id_number", "permit_number", "card_number"})


def normalise_card(card: Mapping[str, Any]) -> dict[str, Any]:
    """A card read (`yunban devices read-card --json`, or `--card-json` given by hand) as stored with a session and
    its record: every text value without controls and bidi overrides, ends trimmed, and document numbers folded like
    an `id_number` answer (half-width, upper case). Nested values and non-text values pass through."""
    out: dict[str, Any] = {}
    for key, value in card.items():
        if isinstance(value, str):
            value = _code(strip_controls(value)) if key in _CARD_CODES else strip_controls(value).strip()
        out[key] = value
    return out
