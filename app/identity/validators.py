"""Validators for typed identifiers, each failure with a reason a person can act on (Chinese, English available).

- `validate_id_number`: GB 11643-1999 citizen identity number (公民身份号码), also the residence permits of Hong
  Kong / Macao / Taiwan residents (港澳台居民居住证, `810000` / `820000` / `830000` prefixes) and the 2023 foreign
  permanent resident ID number (外国人永久居留身份证, leading `9`). Checks: length, GB/T 2260 address code (known to the
  bundled division table, else at least a valid province), a real calendar date not in the future, and the ISO 7064
  MOD 11-2 check character (`X` for 10).
- `validate_uscc`: GB 32100-2015 unified social credit code (统一社会信用代码): the 31-character alphabet without
  I O S V Z, registration authority, GB/T 2260 division, the embedded GB 11714 organisation code and its own check,
  and the MOD 31 check character with weights 3^i mod 31.
- `validate_division`: GB/T 2260 and statistical division codes (行政区划代码) of 2, 4, 6, 9 or 12 digits, known to the
  table or not.

All are pure functions: input in, `ValidationResult` out, nothing raised for bad input.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from app.identity import divisions
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


def _fail(kind: str | None, normalized: str, zh: str, en: str, **details: Any) -> ValidationResult:
    return ValidationResult(False, kind, normalized, zh, en, dict(details))


def _region_of(code6: str) -> str | None:
    """The best name the table offers for an address code: county, else prefecture, else province."""
    name = divisions.chain_name(code6)
    if name is not None:
        return name
    if divisions.lookup(code6[:4]) is not None:
        return divisions.chain_name(code6[:4])
    return PROVINCES.get(code6[:2])


def _check_date(text: str, kind: str, normalized: str, where_zh: str, where_en: str, today: dt.date) -> Any:
    """A `date` when `text` (YYYYMMDD) is a real date in [1900, today], else a failed `ValidationResult`."""
    try:
        born = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return _fail(
            kind,
            normalized,
            f"{where_zh}的出生日期“{text}”不是有效日期",
            f"{where_en} hold the birth date '{text}', which is not a real date",
        )
    if born > today:
        return _fail(kind, normalized, f"出生日期“{text}”晚于今天，请核对号码", f"birth date '{text}' is in the future")
    if born < EARLIEST_BIRTH:
        return _fail(kind, normalized, f"出生日期“{text}”早于1900年，请核对号码", f"birth date '{text}' is before 1900")
    return born


def validate_id_number(value: str, *, today: dt.date | None = None) -> ValidationResult:
    """GB 11643 citizen identity number, HK/Macao/Taiwan residence permit or 2023 foreign permanent resident ID."""
    today = today or dt.date.today()
    number = normalize(value)
    kind = "resident_id"
    if not number:
        return _fail(kind, number, "请输入18位身份号码", "enter the 18-character identity number")
    if len(number) == 15 and number.isdigit():
        return _fail(
            kind,
            number,
            "这是15位的第一代身份证号码，请使用第二代身份证上的18位号码",
            "this is a 15-digit first-generation number; use the 18-character number of the current card",
        )
    if len(number) != 18:
        return _fail(
            kind,
            number,
            f"身份号码应为18位，现为{len(number)}位",
            f"an identity number has 18 characters, this one has {len(number)}",
        )
    for i, ch in enumerate(number[:17], start=1):
        if not (ch.isascii() and ch.isdigit()):
            return _fail(
                kind,
                number,
                f"前17位应全为数字，第{i}位是“{ch}”",
                f"the first 17 characters must be digits; character {i} is '{ch}'",
            )
    if not (number[17].isdigit() or number[17] == "X"):
        return _fail(
            kind,
            number,
            f"第18位应为数字或X，现为“{number[17]}”",
            f"character 18 must be a digit or X, not '{number[17]}'",
        )

    region: str | None
    if number[0] == "9":
        kind = "foreign_permanent_id"
        if number[1:3] not in PROVINCES or number[1:3] in {"71", "81", "82"}:
            return _fail(
                kind,
                number,
                f"第2至3位“{number[1:3]}”不是有效的省级受理地代码",
                f"characters 2-3 ('{number[1:3]}') are not a valid province code",
            )
        region = PROVINCES[number[1:3]]
    elif number[:2] in _PERMIT_KINDS:
        kind, region_zh, _ = _PERMIT_KINDS[number[:2]]
        if number[2:6] != "0000":
            return _fail(
                kind,
                number,
                f"居住证号码的前6位应为{number[:2]}0000",
                f"a residence permit number starts with {number[:2]}0000",
            )
        region = region_zh
    elif number[:2] in PROVINCES:
        region = _region_of(number[:6])
    else:
        return _fail(
            kind,
            number,
            f"前2位“{number[:2]}”不是有效的省级行政区划代码，请核对号码",
            f"the first two digits ('{number[:2]}') are not a valid province code",
        )

    born = _check_date(number[6:14], kind, number, "第7至14位", "characters 7-14", today)
    if isinstance(born, ValidationResult):
        return born

    expected = gb11643_check_char(number[:17])
    if number[17] != expected:
        return _fail(kind, number, f"第18位校验码应为{expected}，请核对号码", f"check digit should be {expected}")
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
    """GB 32100 unified social credit code, with its embedded GB 11714 organisation code."""
    code = normalize(value)
    kind = "uscc"
    if len(code) != 18:
        return _fail(
            kind,
            code,
            f"统一社会信用代码应为18位，现为{len(code)}位",
            f"a unified social credit code has 18 characters, this one has {len(code)}",
        )
    for i, ch in enumerate(code, start=1):
        if ch not in GB32100_ALPHABET:
            hint_zh = "（代码中不使用I、O、S、V、Z，可能是1、0、5、U、2）" if ch in "IOSVZ" else ""
            hint_en = " (the code never uses I, O, S, V or Z: perhaps 1, 0, 5, U or 2)" if ch in "IOSVZ" else ""
            return _fail(
                kind,
                code,
                f"第{i}位“{ch}”不是统一社会信用代码使用的字符{hint_zh}",
                f"character {i} ('{ch}') is not used in unified social credit codes{hint_en}",
            )
    if code[0] not in _USCC_AUTHORITIES:
        return _fail(
            kind,
            code,
            f"第1位登记管理部门代码“{code[0]}”无效",
            f"character 1 ('{code[0]}') is not a registration authority code",
        )
    area = code[2:8]
    if not area.isdigit() or area[:2] not in PROVINCES:
        return _fail(
            kind,
            code,
            f"第3至8位“{area}”应为登记管理机关所在地的行政区划代码",
            f"characters 3-8 ('{area}') must be the division code of the registering office",
        )
    expected = gb32100_check_char(code[:17])
    if code[17] != expected:
        return _fail(kind, code, f"第18位校验码应为{expected}，请核对代码", f"check digit should be {expected}")
    org = code[8:17]
    org_expected = gb11714_check_char(org[:8])
    if org[8] != org_expected:
        return _fail(
            kind,
            code,
            f"第9至17位组织机构代码的校验码（第17位）应为{org_expected}",
            f"the embedded organisation code (characters 9-17) should end in {org_expected} (GB 11714)",
        )
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
        return _fail(None, code, "行政区划代码只能由数字组成", "a division code has digits only")
    kind = divisions.LEVELS_BY_LENGTH.get(len(code))
    if kind is None:
        return _fail(
            None,
            code,
            f"行政区划代码应为2、4、6、9或12位，现为{len(code)}位",
            f"a division code has 2, 4, 6, 9 or 12 digits, this one has {len(code)}",
        )
    if code[:2] not in PROVINCES:
        return _fail(
            kind,
            code,
            f"前2位“{code[:2]}”不是有效的省级行政区划代码",
            f"the first two digits ('{code[:2]}') are not a valid province code",
        )
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
        "格式正确，但本机区划表中没有这个代码（表中只有云南省的区划），请核对",
        "well formed, but not in this terminal's division table (which holds Yunnan only); please check it",
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
