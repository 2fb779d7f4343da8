"""Validators for typed identifiers: GB 11643 identity numbers (with residence permits and foreign permanent
resident IDs), GB 32100 unified social credit codes and GB/T 2260 / statistical division codes.

Contract: pure functions, input in, `ValidationResult` out, nothing raised for bad input; an invalid value gets a
reason a person can act on, in Chinese and English (identity.* messages).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from app.i18n import Message
from app.identity import divisions
from app.identity import messages as m
from app.identity.checksums import GB32100_ALPHABET, gb11643_check_char, gb11714_check_char, gb32100_check_char
from app.identity.codes import PROVINCES
from app.model.identity import ValidationResult

__all__ = ["normalize", "validate", "validate_division", "validate_id_number", "validate_uscc"]

EARLIEST_BIRTH = dt.date(1900, 1, 1)

_PERMIT_KINDS = {
    "81": ("hk_residence_permit", "香港特别行政区", "Hong Kong"),
    "82": ("macao_residence_permit", "澳门特别行政区", "Macao"),
    "83": ("taiwan_residence_permit", "台湾地区", "Taiwan"),
}

# GB 32100-2015 table 1 and its later additions: the first character, the registration authority (登记管理部门).
_USCC_AUTHORITIES = {
    "1": ("机构编制", "institutional staffing"),
    "2": ("外交", "foreign affairs"),
    "3": ("司法行政", "justice"),
    "4": ("文化", "culture"),
    "5": ("民政", "civil affairs"),
    "6": ("旅游", "tourism"),
    "7": ("宗教", "religious affairs"),
    "8": ("工会", "trade unions"),
    "9": ("工商（市场监管）", "market regulation"),
    "A": ("中央军委改革和编制办公室", "CMC reform and staffing office"),
    "N": ("农业", "agriculture"),
    "Y": ("其他", "other"),
}


def normalize(value: str) -> str:
    """Fold full-width characters to ASCII (NFKC), drop spaces and dashes, and upper-case letters."""
    text = unicodedata.normalize("NFKC", value)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-_").upper()


def _fail(kind: str | None, normalized: str, reason: Message, **params: object) -> ValidationResult:
    """An invalid verdict with its reason rendered in Chinese and English."""
    return ValidationResult(False, kind, normalized, reason.render("zh_CN", **params), reason.render("en", **params))


def _region_of(code6: str) -> str | None:
    """The best name the table offers for an address code: county, else prefecture, else province."""
    name = divisions.chain_name(code6)
    if name is not None:
        return name
    if divisions.lookup(code6[:4]) is not None:
        return divisions.chain_name(code6[:4])
    return PROVINCES.get(code6[:2])


def _check_date(text: str, kind: str, normalized: str, today: dt.date) -> Any:
    """A `date` when `text` (YYYYMMDD, characters 7-14) is a real date in [1900, today], else a failed
    `ValidationResult`."""
    try:
        born = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return _fail(kind, normalized, m.ID_BAD_BIRTH_DATE, date=text)
    if born > today:
        return _fail(kind, normalized, m.ID_BIRTH_IN_FUTURE, date=text)
    if born < EARLIEST_BIRTH:
        return _fail(kind, normalized, m.ID_BIRTH_BEFORE_1900, date=text)
    return born


def validate_id_number(value: str, *, today: dt.date | None = None) -> ValidationResult:
    """GB 11643-1999 citizen identity number (公民身份号码), also the residence permits of Hong Kong / Macao / Taiwan
    residents (港澳台居民居住证, `810000` / `820000` / `830000` prefixes) and the 2023 foreign permanent resident ID
    number (外国人永久居留身份证, leading `9`). Checks: length, GB/T 2260 address code (known to the bundled division
    table, else at least a valid province), a real calendar date not in the future, and the ISO 7064 MOD 11-2 check
    character (`X` for 10)."""
    today = today or dt.date.today()
    number = normalize(value)
    kind = "resident_id"
    if not number:
        return _fail(kind, number, m.ID_EMPTY)
    if len(number) == 15 and number.isdigit():
        return _fail(kind, number, m.ID_FIRST_GENERATION)
    if len(number) != 18:
        return _fail(kind, number, m.ID_LENGTH, length=len(number))
    for i, ch in enumerate(number[:17], start=1):
        if not (ch.isascii() and ch.isdigit()):
            return _fail(kind, number, m.ID_NOT_DIGIT, position=i, char=ch)
    if not (number[17].isdigit() or number[17] == "X"):
        return _fail(kind, number, m.ID_BAD_LAST, char=number[17])

    region: str | None
    if number[0] == "9":
        kind = "foreign_permanent_id"
        if number[1:3] not in PROVINCES or number[1:3] in {"71", "81", "82"}:
            return _fail(kind, number, m.ID_FOREIGN_PROVINCE, code=number[1:3])
        region = PROVINCES[number[1:3]]
    elif number[:2] in _PERMIT_KINDS:
        kind, region_zh, _ = _PERMIT_KINDS[number[:2]]
        if number[2:6] != "0000":
            return _fail(kind, number, m.ID_PERMIT_PREFIX, prefix=number[:2])
        region = region_zh
    elif number[:2] in PROVINCES:
        region = _region_of(number[:6])
    else:
        return _fail(kind, number, m.ID_PROVINCE, code=number[:2])

    born = _check_date(number[6:14], kind, number, today)
    if isinstance(born, ValidationResult):
        return born

    expected = gb11643_check_char(number[:17])
    if number[17] != expected:
        return _fail(kind, number, m.ID_CHECK_DIGIT, expected=expected)
    gender = "男" if int(number[16]) % 2 == 1 else "女"
    return ValidationResult(
        True,
        kind,
        number,
        details={
            "birth_date": born.isoformat(),
            "gender": gender,
            "gender_code": "1" if gender == "男" else "2",
            "region": region,
        },
    )


def validate_uscc(value: str) -> ValidationResult:
    """GB 32100-2015 unified social credit code (统一社会信用代码): the 31-character alphabet without I O S V Z,
    registration authority, GB/T 2260 division, the embedded GB 11714 organisation code and its own check, and the
    MOD 31 check character with weights 3^i mod 31."""
    code = normalize(value)
    kind = "uscc"
    if len(code) != 18:
        return _fail(kind, code, m.USCC_LENGTH, length=len(code))
    for i, ch in enumerate(code, start=1):
        if ch not in GB32100_ALPHABET:
            reason = m.USCC_CONFUSABLE_CHAR if ch in "IOSVZ" else m.USCC_BAD_CHAR
            return _fail(kind, code, reason, position=i, char=ch)
    if code[0] not in _USCC_AUTHORITIES:
        return _fail(kind, code, m.USCC_AUTHORITY, char=code[0])
    area = code[2:8]
    if not area.isdigit() or area[:2] not in PROVINCES:
        return _fail(kind, code, m.USCC_AREA, area=area)
    expected = gb32100_check_char(code[:17])
    if code[17] != expected:
        return _fail(kind, code, m.USCC_CHECK_DIGIT, expected=expected)
    org = code[8:17]
    org_expected = gb11714_check_char(org[:8])
    if org[8] != org_expected:
        return _fail(kind, code, m.USCC_ORG_CHECK, expected=org_expected)
    authority_zh, authority_en = _USCC_AUTHORITIES[code[0]]
    return ValidationResult(
        True,
        kind,
        code,
        details={
            "registration_authority": authority_zh,
            "registration_authority_en": authority_en,
            "region": _region_of(area),
            "organization_code": f"{org[:8]}-{org[8]}",
        },
    )


def validate_division(value: str) -> ValidationResult:
    """A division code of 2, 4, 6, 9 or 12 digits; valid when well formed, with `known` telling whether we know it."""
    code = normalize(value)
    if not code.isdigit():
        return _fail(None, code, m.DIVISION_NOT_DIGITS)
    kind = divisions.LEVELS_BY_LENGTH.get(len(code))
    if kind is None:
        return _fail(None, code, m.DIVISION_LENGTH, length=len(code))
    if code[:2] not in PROVINCES:
        return _fail(kind, code, m.DIVISION_PROVINCE, code=code[:2])
    known = divisions.lookup(code)
    if known is not None:
        _, level = known
        return ValidationResult(
            True, level, code, details={"known": True, "name": divisions.chain_name(code), "level": level}
        )
    if len(code) == 2 or (len(code) == 6 and code[2:] == "0000"):
        return ValidationResult(True, "province", code, details={"known": True, "name": PROVINCES[code[:2]]})
    return ValidationResult(
        True,
        kind,
        code,
        m.DIVISION_NOT_IN_TABLE.render("zh_CN"),
        m.DIVISION_NOT_IN_TABLE.render("en"),
        details={"known": False, "name": None},
    )


def validate(kind: str, value: str, *, today: dt.date | None = None) -> ValidationResult:
    """Dispatch by kind: `id`, `uscc` or `division`."""
    if kind == "id":
        return validate_id_number(value, today=today)
    if kind == "uscc":
        return validate_uscc(value)
    if kind == "division":
        return validate_division(value)
    raise ValueError(f"unknown identifier kind {kind!r}")
