"""GB 11643-1999 citizen identity numbers and the other numbers card readers read, each with its own rule.

Contract: `validate_id_number(text)` normalises (`app.identity.normalise.normalise_code`), then checks, and returns a
`ValidationResult` (never raises). Kinds and rules:

- `resident_id`, 18 characters: address 6 + birth date 8 + sequence 3 + check. GB 11643 §5: the address code is a
  current or historical GB/T 2260 code (`details["address_code"]` says which, §5.2), the birth date is a real date
  not after today (§5.3), the check is ISO 7064 MOD 11-2 (§5.5).
- `hk_residence_permit`, `macao_residence_permit`, `taiwan_residence_permit`: 18, prefix `810000`/`820000`/`830000`,
  otherwise GB 11643's layout and check.
- `foreign_permanent_id` (2023 card): 18, `9` + province 2 + nationality 3 (ISO 3166-1 numeric, checked against the
  packaged table) + birth date 8 + sequence 3 + MOD 11-2 check.
- `foreign_permanent_id_2017`: 15, nationality 3 letters (ISO 3166-1 alpha-3, checked) + region 4 (its first two
  digits a province code) + birth date YYMMDD + 2 digits. The last character is **not** verified: no published check
  rule was available to us (`details["check_verified"]` is False).
- `legacy_resident_id`: 15 digits, address 6 + YYMMDD + sequence 3 (GB 11643-1989). Never valid for a form;
  `details["converted"]` is the 18-digit number (insert `19`, compute the check) and the reason shows it.

No lower bound on the birth date: GB 11643's annex example 440524188001010014 is born in 1880. A terminal that wants
one configures it with its reason (`[identity] earliest_birth`, `earliest_birth_reason`; `app.identity.policy`), and
every check applies it (a caller may pass its own `earliest_birth`, or None for none); the refusal names the bound
and the reason.

`cross_check(number, gender=…, birth_date=…)` compares what the number encodes (17th digit parity = sex, digits 7–14 =
birth date, GB 11643 §5.3–5.4) with a card's or a form's values and returns the mismatches as messages.
"""

from __future__ import annotations

import datetime as dt
import enum

from app.i18n import Message
from app.identity import messages as m
from app.identity.checksums import gb11643_check_char
from app.identity.codes import PROVINCES
from app.identity.normalise import normalise_code
from app.identity.policy import BirthBound, birth_bound
from app.identity.tables import address_code_status, iso3166_alpha3, iso3166_numeric
from app.model.identity import ValidationResult

__all__ = ["CONFIGURED", "BirthBound", "convert_legacy", "cross_check", "sex_code", "validate_id_number"]

_PERMIT_KINDS = {
    "81": ("hk_residence_permit", "香港特别行政区"),
    "82": ("macao_residence_permit", "澳门特别行政区"),
    "83": ("taiwan_residence_permit", "台湾地区"),
}
_PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位"})
_SEX = {"1": "男", "2": "女"}
_SEX_WORDS = {
    "男": "1",
    "男性": "1",
    "1": "1",
    "M": "1",
    "MALE": "1",
    "女": "2",
    "女性": "2",
    "2": "2",
    "F": "2",
    "FEMALE": "2",
}


def sex_code(text: str) -> str | None:
    """GB/T 2261.1 code (`1` male, `2` female) of a sex as written on a card or a form (男, 女性, M, female…)."""
    return _SEX_WORDS.get(normalise_code(text))


class _Policy(enum.Enum):
    CONFIGURED = "configured"


CONFIGURED = _Policy.CONFIGURED
"""`validate_id_number(earliest_birth=CONFIGURED)` (the default): the terminal's configured bound
(`app.identity.policy`), none unless `[identity] earliest_birth` sets one."""


def _fail(kind: str, number: str, reason: Message, details: dict[str, object] | None = None, **params: object
          ) -> ValidationResult:  # fmt: skip
    return ValidationResult(
        False, kind, number, reason.render("zh_CN", **params), reason.render("en", **params), details=details or {}
    )


def _date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _check_birth(
    kind: str, number: str, text: str, today: dt.date, bound: BirthBound | None
) -> ValidationResult | dt.date:
    born = _date(text)
    if born is None:
        return _fail(kind, number, m.ID_BAD_BIRTH_DATE, date=text)
    if born > today:
        return _fail(kind, number, m.ID_BIRTH_IN_FUTURE, date=text)
    if bound is not None and born < bound.earliest:
        return _fail(kind, number, m.ID_BIRTH_BEFORE_BOUND, date=text, bound=bound.earliest.isoformat(),
                     why=bound.reason)  # fmt: skip
    return born


def convert_legacy(number15: str) -> str:
    """The 18-digit number of a 15-digit first-generation number: `19` before the 2-digit year, then the MOD 11-2
    check character (GB 11643-1999 replacing GB 11643-1989)."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + gb11643_check_char(first17)


def _legacy(number: str, today: dt.date) -> ValidationResult:
    kind = "legacy_resident_id"
    converted = convert_legacy(number)
    born = _date(converted[6:14])
    if born is None or born > today:
        return _fail(kind, number, m.ID_BAD_BIRTH_DATE, date=converted[6:14])
    return _fail(kind, number, m.ID_LEGACY_CONVERT, {"converted": converted}, converted=converted)


def _foreign_2017(number: str, today: dt.date, bound: BirthBound | None) -> ValidationResult:
    kind = "foreign_permanent_id_2017"
    for i, ch in enumerate(number, start=1):
        ok = ("A" <= ch <= "Z") if i <= 3 else (ch.isascii() and ch.isdigit())
        if not ok:
            return _fail(kind, number, m.ID_FOREIGN_2017_LAYOUT, position=i, char=ch)
    if number[:3] not in iso3166_alpha3():
        return _fail(kind, number, m.ID_NATIONALITY, start=1, end=3, code=number[:3])
    if number[3:5] not in PROVINCES:
        return _fail(kind, number, m.ID_FOREIGN_PROVINCE, code=number[3:5])
    yymmdd = number[7:13]
    candidates = [d for d in (_date(c + yymmdd) for c in ("19", "20")) if d is not None and d <= today]
    if not candidates:
        return _fail(kind, number, m.ID_BAD_BIRTH_DATE, date=yymmdd)
    if bound is not None and max(candidates) < bound.earliest:
        return _fail(kind, number, m.ID_BIRTH_BEFORE_BOUND, date=max(candidates).isoformat(),
                     bound=bound.earliest.isoformat(), why=bound.reason)  # fmt: skip
    return ValidationResult(True, kind, number, details={
        "nationality": number[:3], "nationality_name": iso3166_alpha3()[number[:3]],
        "region": PROVINCES[number[3:5]], "birth_date": max(candidates).isoformat(), "check_verified": False,
    })  # fmt: skip


def validate_id_number(
    value: str, *, today: dt.date | None = None, earliest_birth: BirthBound | _Policy | None = CONFIGURED
) -> ValidationResult:
    """Check any number the card readers read (see the module table); `today` for the not-in-the-future rule;
    `earliest_birth` a policy's bound (default: the terminal's configured one; None: no bound)."""
    today = today or dt.date.today()
    bound = birth_bound() if isinstance(earliest_birth, _Policy) else earliest_birth
    number = normalise_code(value)
    kind = "resident_id"
    if not number:
        return _fail(kind, number, m.ID_EMPTY)
    if len(number) == 15 and number.isascii() and number.isdigit():
        return _legacy(number, today)
    if len(number) == 15 and number[:1].isalpha():
        return _foreign_2017(number, today, bound)
    if len(number) != 18:
        return _fail(kind, number, m.ID_LENGTH, length=len(number))
    if number[0] == "9":
        kind = "foreign_permanent_id"
    elif number[:2] in _PERMIT_KINDS:
        kind = _PERMIT_KINDS[number[:2]][0]
    for i, ch in enumerate(number[:17], start=1):
        if not (ch.isascii() and ch.isdigit()):
            return _fail(kind, number, m.ID_NOT_DIGIT, position=i, char=ch)
    if not (number[17].isdigit() or number[17] == "X"):
        return _fail(kind, number, m.ID_BAD_LAST, char=number[17])

    details: dict[str, object] = {}
    if kind == "foreign_permanent_id":
        if number[1:3] not in PROVINCES or number[1:3] in {"71", "81", "82"}:
            return _fail(kind, number, m.ID_FOREIGN_PROVINCE, code=number[1:3])
        if number[3:6] not in iso3166_numeric():
            return _fail(kind, number, m.ID_NATIONALITY, start=4, end=6, code=number[3:6])
        details.update(region=PROVINCES[number[1:3]], nationality=number[3:6],
                       nationality_name=iso3166_numeric()[number[3:6]])  # fmt: skip
    elif kind != "resident_id":
        if number[2:6] != "0000":
            return _fail(kind, number, m.ID_PERMIT_PREFIX, prefix=number[:2])
        details["region"] = _PERMIT_KINDS[number[:2]][1]
    elif number[:2] not in PROVINCES:
        return _fail(kind, number, m.ID_PROVINCE, code=number[:2])
    else:
        address = address_code_status(number[:6])
        if address is None:
            return _fail(kind, number, m.ID_ADDRESS_UNKNOWN, code=number[:6])
        details.update(region=_region(number[:6], address.name), address_code=address.status,
                       address_until=address.until)  # fmt: skip

    born = _check_birth(kind, number, number[6:14], today, bound)
    if isinstance(born, ValidationResult):
        return born
    expected = gb11643_check_char(number[:17])
    if number[17] != expected:
        return _fail(kind, number, m.ID_CHECK_DIGIT, expected=expected)
    details["birth_date"] = born.isoformat()
    if kind != "foreign_permanent_id":  # GB 11643 §5.4: odd sequence = male; not asserted for the foreigner card
        code = "1" if int(number[16]) % 2 == 1 else "2"
        details.update(gender=_SEX[code], gender_code=code)
    return ValidationResult(True, kind, number, details=details)


def _region(code6: str, name: str) -> str:
    """Province + prefecture + county names for an address code whose own name is `name`."""
    if name.startswith(PROVINCES.get(code6[:2], "\0")):
        return name
    from app.identity.tables import gb2260_2023, gb2260_history

    parts = [PROVINCES.get(code6[:2], "")]
    if code6[4:] != "00" and code6[2:4] != "00":
        periods = gb2260_history().get(code6[:4] + "00")
        prefecture = gb2260_2023().get(code6[:4] + "00") or (periods[-1][0] if periods else None)
        if prefecture is not None and prefecture not in _PLACEHOLDER_NAMES:
            parts.append(prefecture)
    if code6[2:] != "0000":
        parts.append(name)
    return "".join(parts)


def cross_check(number: str, *, gender: str | None = None, birth_date: str | dt.date | None = None
                ) -> list[tuple[str, Message, dict[str, object]]]:  # fmt: skip
    """Mismatches between a valid identity number and a card's or form's sex and birth date: a list of
    (`gender`|`birth_date`, message, params). Values it cannot read (an unknown sex word, a malformed date) are not
    compared; an invalid number gives nothing (its own check reports it).

    Per document: GB 11643 numbers and the 81/82/83 residence permits, birth date (digits 7–14) and sex (17th digit
    parity, §5.4); the 2023 foreigner card, birth date (digits 7–14) only: its published description gives the
    layout and the MOD 11-2 check but does not say that the 17th digit encodes the sex (docs/standards.md); the 2017
    foreigner card, birth date as YYMMDD (characters 8–13)."""
    result = validate_id_number(number)
    out: list[tuple[str, Message, dict[str, object]]] = []
    if not result.valid:
        return out
    encoded_sex = result.details.get("gender_code")
    given_sex = sex_code(gender) if isinstance(gender, str) else None
    if encoded_sex is not None and given_sex is not None and given_sex != encoded_sex:
        out.append(("gender", m.ID_SEX_MISMATCH, {"expected": _SEX[str(encoded_sex)]}))
    given_date: dt.date | None = None
    if isinstance(birth_date, dt.date):
        given_date = birth_date
    elif isinstance(birth_date, str):
        digits = "".join(ch for ch in normalise_code(birth_date) if ch.isdigit())
        given_date = _date(digits) if len(digits) == 8 else None
    encoded = result.details.get("birth_date")
    if result.kind == "foreign_permanent_id_2017":
        # YYMMDD (characters 8–13) carries no century: a card's 1925-01-01 agrees with 250101 even though the
        # number alone reads as 2025 (the latest reading not after today).
        if given_date is not None and given_date.strftime("%y%m%d") != result.normalized[7:13]:
            out.append(("birth_date", m.ID_BIRTH_MISMATCH_YYMMDD, {"expected": result.normalized[7:13]}))
    elif given_date is not None and encoded is not None and given_date.isoformat() != encoded:
        out.append(("birth_date", m.ID_BIRTH_MISMATCH, {"expected": encoded}))
    return out
