"""Answers to a form: which fields are shown and required (conditions), and checking the answers (validators).

Contract: every answer check (renderer, `yunban submit`, finalisation) goes through `validate_answers`, whose
`FieldError`s carry catalog messages in both languages and never quote the answer (it may be personal data).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
import re
from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.forms import messages as m
from app.forms.engine.definition import CHOICE_TYPES, TEXT_TYPES, parse_date
from app.forms.engine.normalise import has_controls
from app.i18n import Message
from app.identity.id_numbers import cross_check, sex_code
from app.identity.normalise import normalise_code
from app.identity.validators import validate_division, validate_id_number, validate_uscc
from app.model.forms import Condition, Field, FieldError, FormDefinition

__all__ = [
    "check_gb11643",
    "check_gb32100",
    "check_phone",
    "condition_holds",
    "identity_mismatches",
    "is_empty",
    "is_required",
    "png_decodes",
    "to_decimal",
    "validate_answers",
    "visible_fields",
]

_STRING_TYPES = (*TEXT_TYPES, "date", "choice", "division", "signature")
_SIGNATURE_PREFIX = "data:image/png;base64,"
_MAX_MATERIAL_PAGES = 200


# --------------------------------------------------------------------------------------------------------------------
# Conditions


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | frozenset | dict):
        return not value
    return False


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        if isinstance(a, bool) and isinstance(b, bool):
            return a is b
        other, flag = (b, a) if isinstance(a, bool) else (a, b)
        return isinstance(other, str) and other.strip().lower() == ("true" if flag else "false")
    if isinstance(a, int | float) or isinstance(b, int | float):
        try:
            return Decimal(str(a).strip()) == Decimal(str(b).strip())
        except (InvalidOperation, ValueError):
            return False
    return str(a) == str(b)


def condition_holds(condition: Condition, value: Any) -> bool:
    """Whether a controlling field's answer satisfies a condition; a multichoice answer matches when any chosen value
    does. An empty answer satisfies nothing."""
    if is_empty(value):
        return False
    targets = condition.any_of if condition.any_of is not None else (condition.equals,)
    values = value if isinstance(value, list | tuple) else [value]
    return any(_same(v, t) for v in values for t in targets)


def visible_fields(definition: FormDefinition, answers: Mapping[str, Any]) -> set[str]:
    """Ids of the fields shown for these answers: `show_if` holds and the controlling field is itself shown."""
    by_id = {f.id: f for f in definition.fields}
    memo: dict[str, bool] = {}

    def shown(fid: str) -> bool:
        if fid not in memo:
            cond = by_id[fid].show_if
            memo[fid] = cond is None or (shown(cond.field) and condition_holds(cond, answers.get(cond.field)))
        return memo[fid]

    return {f.id for f in definition.fields if shown(f.id)}


def is_required(field: Field, answers: Mapping[str, Any], visible: Collection[str]) -> bool:
    """`required`, or `require_if` holding on a shown controlling field."""
    if field.required:
        return True
    cond = field.require_if
    return cond is not None and cond.field in visible and condition_holds(cond, answers.get(cond.field))


# --------------------------------------------------------------------------------------------------------------------
# Validators (standards cited; the check characters come from app.identity.checksums)


def check_gb11643(value: str, *, today: dt.date | None = None) -> tuple[str, str] | None:
    """Check a citizen identity number (GB 11643-1999, also residence permits) through `app.identity.validators`:
    None when valid, else the reason (Chinese, English)."""
    result = validate_id_number(value, today=today)
    return None if result.valid else _reasons(result.reason_zh, result.reason_en, m.BAD_ID_NUMBER)


def check_gb32100(value: str) -> tuple[str, str] | None:
    """Check a unified social credit code (GB 32100-2015, with its GB 11714 organisation code) through
    `app.identity.validators`: None when valid, else the reason (Chinese, English)."""
    result = validate_uscc(value)
    return None if result.valid else _reasons(result.reason_zh, result.reason_en, m.BAD_USCC)


def _reasons(zh: str | None, en: str | None, fallback: Message) -> tuple[str, str]:
    return (zh or fallback.render("zh_CN"), en or fallback.render("en"))


_MOBILE_RE = re.compile(r"1[3-9]\d{9}")
_LANDLINE_RE = re.compile(r"0\d{2,3}\d{7,8}")


def check_phone(value: str) -> tuple[str, str] | None:
    """A mainland mobile number (11 digits from 13–19) or a landline with its area code; spaces, hyphens and a +86
    prefix are allowed."""
    digits = re.sub(r"[\s\-()（）]", "", value.strip())
    if digits.startswith("+86"):
        digits = digits[3:]
    if _MOBILE_RE.fullmatch(digits) or _LANDLINE_RE.fullmatch(digits):
        return None
    return (m.BAD_PHONE.render("zh_CN"), m.BAD_PHONE.render("en"))


# --------------------------------------------------------------------------------------------------------------------
# Validating answers


def _error(field: Field, code: str, message: Message, **params: object) -> FieldError:
    """A `FieldError` with the catalog message rendered in Chinese (`message`) and English (`message_en`), so the
    form shows it in its current language through `FieldError.text(language)`."""
    return FieldError(field.id, code, message.render("zh_CN", **params), message.render("en", **params))


def _required_error(field: Field) -> FieldError:
    if field.type in CHOICE_TYPES or field.type in ("yesno", "division"):
        return _error(field, "required", m.REQUIRED_CHOICE)
    if field.type == "material":
        return _error(field, "required", m.REQUIRED_MATERIAL)
    if field.type == "signature":
        return _error(field, "required", m.REQUIRED_SIGNATURE)
    return _error(field, "required", m.REQUIRED)


def to_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    text = value.strip().replace(",", "").replace("，", "") if isinstance(value, str) else str(value)
    if not text or len(text) > 40:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _bound(value: float | str | None) -> Decimal | None:
    return None if value is None or isinstance(value, str) else Decimal(str(value))


def _fmt(number: Decimal) -> str:
    return format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")


def _check_range(field: Field, number: Decimal) -> FieldError | None:
    lo, hi = _bound(field.validation.min), _bound(field.validation.max)
    if lo is not None and number < lo:
        return _error(field, "min", m.BELOW_MIN, bound=_fmt(lo))
    if hi is not None and number > hi:
        return _error(field, "max", m.ABOVE_MAX, bound=_fmt(hi))
    return None


def _date_bound(value: float | str | None, today: dt.date) -> dt.date | None:
    if not isinstance(value, str):
        return None
    return today if value == "today" else parse_date(value)


def _check_date(field: Field, text: str, today: dt.date) -> FieldError | None:
    day = parse_date(text.strip())
    if day is None:
        return _error(field, "not_date", m.NOT_DATE)
    lo, hi = _date_bound(field.validation.min, today), _date_bound(field.validation.max, today)
    if lo is not None and day < lo:
        return _error(field, "min", m.DATE_BEFORE_MIN, date=lo.isoformat())
    if hi is not None and day > hi:
        return _error(field, "max", m.DATE_AFTER_MAX, date=hi.isoformat())
    return None


MAX_SIGNATURE_PIXELS = 4096 * 4096
"""A signature pad image is a few hundred pixels each way; anything larger is refused before decoding."""


def png_decodes(data: bytes) -> bool:
    """Whether bytes are a PNG that Pillow decodes whole (signature, CRCs and image data), within
    MAX_SIGNATURE_PIXELS."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != "PNG" or probe.width * probe.height > MAX_SIGNATURE_PIXELS:
                return False
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception:
        return False
    return True


def _check_signature(field: Field, text: str) -> FieldError | None:
    """A `data:image/png;base64,` URL whose whole payload is a PNG that decodes (not a PNG prefix on anything)."""
    bad = _error(field, "not_signature", m.NOT_SIGNATURE)
    if not text.startswith(_SIGNATURE_PREFIX):
        return bad
    try:
        data = base64.b64decode(text[len(_SIGNATURE_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        return bad
    return None if png_decodes(data) else bad


def _named_validator(field: Field, name: str, text: str, today: dt.date) -> FieldError | None:
    problem: tuple[str, str] | None
    if name == "gb11643":
        problem = check_gb11643(text, today=today)
    elif name == "gb32100":
        problem = check_gb32100(text)
    else:
        problem = check_phone(text)
    return None if problem is None else FieldError(field.id, name, problem[0], problem[1])


_CODE_TYPES = frozenset({"id_number", "uscc", "division"})
_CODE_VALIDATORS = frozenset({"gb11643", "gb32100"})
_MAX_CODE_INPUT = 1000
"""A typed code longer than this is refused as too long before it is normalised (a pasted page costs one len())."""


def _is_code_field(field: Field) -> bool:
    return field.type in _CODE_TYPES or (field.type == "text" and field.validation.validator in _CODE_VALIDATORS)


def _validate_value(field: Field, value: Any, today: dt.date) -> FieldError | None:
    ftype = field.type
    cap = field.max_length
    if isinstance(value, str) and _is_code_field(field) and len(value) <= _MAX_CODE_INPUT:
        value = normalise_code(value)  # the length cap counts the code, not the spaces it was typed with
    if isinstance(value, str) and cap is not None and len(value) > cap:
        return _error(field, "too_long", m.TOO_LONG, cap=cap, length=len(value))
    if ftype in _STRING_TYPES and not isinstance(value, str):
        return _error(field, "bad_value", m.BAD_VALUE)
    if ftype == "number":
        number = to_decimal(value)
        if number is None:
            return _error(field, "not_number", m.NOT_NUMBER)
        if field.validation.integer and number != number.to_integral_value():
            return _error(field, "not_integer", m.NOT_INTEGER)
        return _check_range(field, number)
    if ftype == "amount":
        amount = to_decimal(value)
        if amount is None:
            return _error(field, "not_amount", m.NOT_AMOUNT)
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            return _error(field, "not_amount", m.AMOUNT_PRECISION)
        if amount < 0 and field.validation.min is None:
            return _error(field, "min", m.AMOUNT_NEGATIVE)
        return _check_range(field, amount)
    if ftype == "yesno":
        if not isinstance(value, bool):
            return _error(field, "bad_value", m.NOT_YESNO)
        return None
    if ftype == "choice":
        if field.option(value) is None:
            return _error(field, "not_option", m.NOT_OPTION)
        return None
    if ftype == "multichoice":
        if not isinstance(value, list) or len(value) > len(field.options):
            return _error(field, "not_option", m.NOT_OPTION)
        if any(not isinstance(v, str) or field.option(v) is None for v in value) or len(set(value)) != len(value):
            return _error(field, "not_option", m.NOT_OPTION)
        return None
    if isinstance(value, str) and ftype != "signature" and has_controls(value, multiline=ftype == "textarea"):
        return _error(field, "control_chars", m.CONTROL_CHARS)
    if ftype == "date":
        return _check_date(field, value, today)
    if ftype == "division":
        result = validate_division(value)
        if not result.valid:
            zh, en = _reasons(result.reason_zh, result.reason_en, m.NOT_DIVISION)
            return FieldError(field.id, "bad_value", zh, en)
        return None
    if ftype == "signature":
        return _check_signature(field, value)
    if ftype == "material":
        if (
            not isinstance(value, list)
            or len(value) > _MAX_MATERIAL_PAGES
            or not all(isinstance(v, str) for v in value)
        ):
            return _error(field, "bad_value", m.BAD_PAGES)
        return None
    # text-like: text, textarea, phone, id_number, uscc
    text = value.strip()
    builtin = {"phone": "phone", "id_number": "gb11643", "uscc": "gb32100"}.get(ftype)
    for name in dict.fromkeys(n for n in (builtin, field.validation.validator) if n):
        err = _named_validator(field, name, text, today)
        if err is not None:
            return err
    if field.validation.regex is not None and re.fullmatch(field.validation.regex, text) is None:
        zh = m.BAD_FORMAT_HINT.render("zh_CN", hint=field.help) if field.help else m.BAD_FORMAT.render("zh_CN")
        en = m.BAD_FORMAT_HINT.render("en", hint=field.help_en) if field.help_en else m.BAD_FORMAT.render("en")
        return FieldError(field.id, "regex", zh, en)
    return None


def validate_answers(
    definition: FormDefinition,
    answers: Mapping[str, Any],
    *,
    materials_present: Collection[str] | None = None,
    today: dt.date | None = None,
    identity_cross_check: bool = True,
) -> dict[str, FieldError]:
    """Check answers against a definition: one error per field id, for the shown fields only.

    Every string answer is checked against its length cap *before* anything else looks at it (regexes, validators),
    so a pasted 10 MB text costs one `len()` and gives a clear error.

    Hidden fields (show_if false) are not checked, whatever their answers. A material field counts as provided when
    its answer lists pages or when its material id (or field id) is in `materials_present` (pages in the attachment
    store, or 容缺: to be brought to the counter). Answers for ids the definition does not know are ignored.

    `identity_cross_check` (on by default; GB 11643 §5.3–5.4): also compare a valid identity number with the sex
    and birth-date fields prefilled from the card (`identity_mismatches`), so a contradiction is shown before
    submission. Off only where a caller checks a partial answer set on purpose.
    """
    day = today or dt.date.today()
    visible = visible_fields(definition, answers)
    errors: dict[str, FieldError] = {}
    for field in definition.fields:
        if field.id not in visible:
            continue
        value = answers.get(field.id)
        if (
            field.type == "material"
            and materials_present is not None
            and (field.material in materials_present or field.id in materials_present)
        ):
            continue
        if is_empty(value):
            if is_required(field, answers, visible):
                errors[field.id] = _required_error(field)
            continue
        err = _validate_value(field, value, day)
        if err is not None:
            errors[field.id] = err
    if identity_cross_check:
        errors.update(identity_mismatches(definition, answers, visible, errors))
    return errors


_SEX_SOURCES = frozenset({"card.gender", "card.sex"})
_BIRTH_SOURCES = frozenset({"card.birth_date", "card.birthday"})


def identity_mismatches(
    definition: FormDefinition,
    answers: Mapping[str, Any],
    visible: Collection[str] | None = None,
    errors: Mapping[str, FieldError] | None = None,
) -> dict[str, FieldError]:
    """GB 11643 §5.3–5.4 against the form: a valid identity number's birth date (digits 7–14) and sex (17th digit
    parity) compared with the shown fields prefilled from the card's `gender` / `birth_date`; a mismatch is an error
    on the sex or birth-date field, so it is shown before submission. Only the first identity field is used.
    `visible` defaults to the shown fields; fields already in `errors` are skipped."""
    visible = visible_fields(definition, answers) if visible is None else visible
    errors = errors or {}
    out: dict[str, FieldError] = {}
    id_field = next(
        (f for f in definition.fields if f.id in visible and f.id not in errors and _is_id_field(f)
         and isinstance(answers.get(f.id), str) and not is_empty(answers.get(f.id))),
        None,
    )  # fmt: skip
    if id_field is None:
        return out
    targets: dict[str, Field] = {}
    for f in definition.fields:
        if f.id in visible and f.id not in errors and f.prefill in _SEX_SOURCES and "gender" not in targets:
            targets["gender"] = f
        if f.id in visible and f.id not in errors and f.prefill in _BIRTH_SOURCES and "birth_date" not in targets:
            targets["birth_date"] = f
    if not targets:
        return out
    sex_field, birth_field = targets.get("gender"), targets.get("birth_date")
    sex = answers.get(sex_field.id) if sex_field is not None else None
    if sex_field is not None and isinstance(sex, str):
        option = sex_field.option(sex)
        spellings = [sex] if option is None else [sex, option.label, option.label_en]
        sex = next((s for s in spellings if sex_code(s) is not None), None)
    birth = answers.get(birth_field.id) if birth_field is not None else None
    for which, message, params in cross_check(
        str(answers[id_field.id]),
        gender=sex if isinstance(sex, str) else None,
        birth_date=birth if isinstance(birth, str) else None,
    ):
        target = targets[which]
        out[target.id] = FieldError(
            target.id, f"gb11643_{which}", message.render("zh_CN", **params), message.render("en", **params)
        )
    return out


def _is_id_field(field: Field) -> bool:
    return field.type == "id_number" or (field.type == "text" and field.validation.validator == "gb11643")
