"""The identifier validators (ID number, USCC, division code), the receipt-number check and the receipt QR parser
with generated text, including full-width forms, control and bidi characters and near-valid numbers. Contract: a
`ValidationResult` / bool / tuple, never an exception."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.apply.shared import parse_qr
from app.identity.validators import validate
from app.records.service import format_receipt_no, validate_receipt_no

digits = st.text(alphabet="0123456789X", min_size=0, max_size=30)
hostile = st.one_of(
    st.text(max_size=40),
    digits,
    digits.map(lambda s: "".join(chr(ord(c) + 0xFEE0) for c in s)),  # full-width
    st.tuples(digits, st.sampled_from(["\u202e", "\x00", "\x1b", "\u200b", " ", "\n", "\ufeff"])).map(
        lambda t: t[1].join(t[0])
    ),
)


@settings(max_examples=500)
@given(st.sampled_from(["id", "uscc", "division"]), hostile)
def test_identifier_validators(kind: str, value: str) -> None:
    result = validate(kind, value, today=dt.date(2026, 12, 6))
    for language in ("zh_CN", "en"):
        result.reason(language)


@settings(max_examples=500)
@given(hostile)
def test_receipt_number_and_qr(value: str) -> None:
    assert isinstance(validate_receipt_no(value), bool)
    number, code = parse_qr(value)
    assert isinstance(number, str) and (code is None or isinstance(code, str))
    assert isinstance(validate_receipt_no(number), bool)


@settings(max_examples=200)
@given(st.from_regex(r"[0-9]{14}", fullmatch=True), st.dates(), st.integers(1, 9999))
def test_formatted_receipt_numbers_validate(terminal: str, day: dt.date, sequence: int) -> None:
    number = format_receipt_no(terminal, day, sequence)
    assert validate_receipt_no(number) == (terminal[12:] != "00")
