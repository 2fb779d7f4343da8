"""The form engine (申请表): parse and check form definitions, validate answers, prefill, migrate drafts.

Contract: pure logic over `app.model.forms` (no Qt, no storage). A bad definition raises `FormDefinitionError` naming
the field; every answer check (renderer, `yunban submit`, finalisation) goes through `validate_answers`, whose
`FieldError`s carry catalog messages in both languages and never quote the answer (it may be personal data).

Size: parsing, conditions, answer validation, prefill, draft migration and paging are one engine over one model;
each part is small and they change together when a field type is added.
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

from app.errors import UserError
from app.forms import messages as m
from app.i18n import Message
from app.identity.validators import validate_id_number, validate_uscc
from app.model.forms import (
    FIELD_TYPES,
    MAX_LENGTH_CEILING,
    VALIDATORS,
    AnswerMigration,
    Condition,
    Field,
    FieldError,
    FormDefinition,
    Option,
    RemovedAnswer,
    Validation,
)
from app.model.identity import CardData

__all__ = [
    "FormDefinitionError",
    "check_gb11643",
    "check_gb32100",
    "check_phone",
    "form_pages",
    "is_prefill_source",
    "is_required",
    "migrate_answers",
    "parse_form",
    "prefill",
    "validate_answers",
    "visible_fields",
]

FIELD_KEYS = frozenset(
    {
        "id",
        "type",
        "label",
        "label_en",
        "required",
        "help",
        "help_en",
        "options",
        "validation",
        "show_if",
        "require_if",
        "prefill",
        "material",
        "group",
        "group_en",
    }
)
VALIDATION_KEYS = frozenset({"regex", "min", "max", "max_length", "validator"})
_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
_CHOICE_TYPES = ("choice", "multichoice")
_TEXT_TYPES = ("text", "textarea", "phone", "id_number", "uscc")
_STRING_TYPES = (*_TEXT_TYPES, "date", "choice", "division", "signature")
_SIGNATURE_PREFIX = "data:image/png;base64,"
_MAX_MATERIAL_PAGES = 200


class FormDefinitionError(UserError):
    """A form definition cannot be used: `problem` (a `forms.*` message, which is also the `code`) framed with the
    field it concerns, or with the definition as a whole when `field_id` is None."""

    def __init__(self, problem: Message, field_id: str | None = None, /, **params: object) -> None:
        self.problem = problem
        self.problem_params = params
        self.field_id = field_id
        frame = m.DEFINITION if field_id is None else m.FIELD
        super().__init__(frame, field=field_id or "", problem=problem.render("zh_CN", **params))

    @property
    def code(self) -> str:
        return self.problem.code

    def message(self, language: str = "zh_CN") -> str:
        problem = self.problem.render(language, **self.problem_params)
        return self.msg.render(language, field=self.field_id or "", problem=problem)


# --------------------------------------------------------------------------------------------------------------------
# Parsing a definition


def _refuse(field_id: str | None, problem: Message, **params: object) -> FormDefinitionError:
    return FormDefinitionError(problem, field_id, **params)


def _text(raw: Mapping[str, Any], key: str, fid: str, *, required: bool) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise _refuse(fid, m.MISSING_KEY, key=key)
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise _refuse(fid, m.NOT_TEXT, key=key)
    return value


def _number_or_date(value: Any, fid: str, key: str, ftype: str) -> float | str | None:
    if value is None:
        return None
    if ftype == "date":
        if isinstance(value, dt.date):
            return value.isoformat()
        if value == "today" or (isinstance(value, str) and _parse_date(value) is not None):
            return str(value)
        raise _refuse(fid, m.VALIDATION_NOT_DATE, key=key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _refuse(fid, m.VALIDATION_NOT_NUMBER, key=key)
    return value


def _parse_validation(raw: Any, fid: str, ftype: str) -> Validation:
    if raw is None:
        return Validation()
    if not isinstance(raw, Mapping):
        raise _refuse(fid, m.VALIDATION_NOT_MAPPING)
    unknown = sorted(set(raw) - VALIDATION_KEYS)
    if unknown:
        raise _refuse(fid, m.VALIDATION_UNKNOWN_KEY, key=unknown[0])
    regex = raw.get("regex")
    if regex is not None:
        if not isinstance(regex, str):
            raise _refuse(fid, m.REGEX_NOT_TEXT)
        try:
            re.compile(regex)
        except re.error as exc:
            raise _refuse(fid, m.BAD_REGEX, error=exc) from exc
        if ftype not in _TEXT_TYPES:
            raise _refuse(fid, m.REGEX_NOT_ALLOWED, type=ftype)
    lo = _number_or_date(raw.get("min"), fid, "min", ftype)
    hi = _number_or_date(raw.get("max"), fid, "max", ftype)
    if (lo is not None or hi is not None) and ftype not in ("number", "amount", "date"):
        raise _refuse(fid, m.RANGE_NOT_ALLOWED, type=ftype)
    if isinstance(lo, int | float) and isinstance(hi, int | float) and lo > hi:
        raise _refuse(fid, m.MIN_ABOVE_MAX)
    max_length = raw.get("max_length")
    if max_length is not None and (
        isinstance(max_length, bool) or not isinstance(max_length, int) or not 1 <= max_length <= MAX_LENGTH_CEILING
    ):
        raise _refuse(fid, m.BAD_MAX_LENGTH, ceiling=MAX_LENGTH_CEILING)
    validator = raw.get("validator")
    if validator is not None and validator not in VALIDATORS:
        raise _refuse(fid, m.UNKNOWN_VALIDATOR, validator=validator, known=", ".join(VALIDATORS))
    if validator is not None and ftype not in _TEXT_TYPES:
        raise _refuse(fid, m.VALIDATOR_NOT_ALLOWED, type=ftype)
    return Validation(regex=regex, min=lo, max=hi, max_length=max_length, validator=validator)


def _parse_condition(raw: Any, fid: str, key: str) -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("field"), str):
        raise _refuse(fid, m.CONDITION_SHAPE, key=key)
    extra = sorted(set(raw) - {"field", "equals", "in"})
    if extra:
        raise _refuse(fid, m.CONDITION_UNKNOWN_KEY, key=key, extra=extra[0])
    if ("equals" in raw) == ("in" in raw):
        raise _refuse(fid, m.CONDITION_ONE_OF, key=key)
    if "in" in raw:
        values = raw["in"]
        if not isinstance(values, list) or not values:
            raise _refuse(fid, m.CONDITION_EMPTY_IN, key=key)
        return Condition(field=raw["field"], any_of=tuple(values))
    return Condition(field=raw["field"], equals=raw["equals"])


def _parse_options(raw: Any, fid: str, ftype: str) -> tuple[Option, ...]:
    if ftype not in _CHOICE_TYPES:
        # An empty list is how `yunban catalog show --json` spells "no options" on every field.
        if raw is not None and raw != []:
            raise _refuse(fid, m.OPTIONS_NOT_ALLOWED, type=ftype)
        return ()
    if not isinstance(raw, list) or not raw:
        raise _refuse(fid, m.NO_OPTIONS)
    options: list[Option] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, Mapping) or "value" not in item or not isinstance(item.get("label"), str):
            raise _refuse(fid, m.OPTION_SHAPE)
        value = item["value"]
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise _refuse(fid, m.OPTION_VALUE_TYPE)
        value = str(value)
        if value in seen:
            raise _refuse(fid, m.DUPLICATE_OPTION, value=value)
        seen.add(value)
        label_en = item.get("label_en")
        options.append(Option(value=value, label=item["label"], label_en=label_en if isinstance(label_en, str) else ""))
    return tuple(options)


def _check_prefill(source: Any, fid: str) -> str | None:
    if source is None:
        return None
    if not isinstance(source, str):
        raise _refuse(fid, m.PREFILL_NOT_TEXT)
    kind, _, key = source.partition(".")
    if kind == "card" and key in CardData.JSON_KEYS:
        return source
    if kind == "terminal" and key == "division":
        return source
    if kind == "session" and _ID_RE.fullmatch(key):
        return source
    raise _refuse(fid, m.UNKNOWN_PREFILL, source=source)


def is_prefill_source(source: Any) -> bool:
    """Whether `source` names a prefill source a field may use (card.<read-card key>, terminal.division,
    session.<field id>)."""
    try:
        return source is not None and _check_prefill(source, "_") is not None
    except FormDefinitionError:
        return False


def _parse_field(raw: Any, index: int, material_ids: Collection[str] | None) -> Field:
    if not isinstance(raw, Mapping):
        raise _refuse(None, m.FIELD_NOT_MAPPING, n=index + 1)
    fid = raw.get("id")
    if not isinstance(fid, str) or not _ID_RE.fullmatch(fid):
        raise _refuse(None, m.BAD_FIELD_ID, n=index + 1, id=repr(fid))
    unknown = sorted(set(raw) - FIELD_KEYS)
    if unknown:
        raise _refuse(fid, m.UNKNOWN_KEY, key=unknown[0])
    ftype = raw.get("type")
    if ftype not in FIELD_TYPES:
        raise _refuse(fid, m.UNKNOWN_TYPE, type=ftype, known=", ".join(FIELD_TYPES))
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise _refuse(fid, m.REQUIRED_NOT_BOOL)
    material = raw.get("material")
    if ftype == "material":
        if not isinstance(material, str) or not material:
            raise _refuse(fid, m.MATERIAL_MISSING)
        if material_ids is not None and material not in material_ids:
            raise _refuse(fid, m.MATERIAL_UNKNOWN, material=material)
    elif material is not None:
        raise _refuse(fid, m.MATERIAL_NOT_ALLOWED)
    label = _text(raw, "label", fid, required=True)
    label_en = _text(raw, "label_en", fid, required=True)
    assert label is not None and label_en is not None
    return Field(
        id=fid,
        type=ftype,
        label=label,
        label_en=label_en,
        required=required,
        help=_text(raw, "help", fid, required=False),
        help_en=_text(raw, "help_en", fid, required=False),
        options=_parse_options(raw.get("options"), fid, ftype),
        validation=_parse_validation(raw.get("validation"), fid, ftype),
        show_if=_parse_condition(raw.get("show_if"), fid, "show_if"),
        require_if=_parse_condition(raw.get("require_if"), fid, "require_if"),
        prefill=_check_prefill(raw.get("prefill"), fid),
        material=material,
        group=_text(raw, "group", fid, required=False),
        group_en=_text(raw, "group_en", fid, required=False),
    )


def parse_form(document: Any, *, material_ids: Collection[str] | None = None) -> FormDefinition:
    """Parse and check a form definition document (`{version, fields: [...]}`, docs/catalog-format.md).

    `material_ids`: the item's material ids; when given, every material field must name one of them.
    Raises `FormDefinitionError` naming the field for anything a form cannot be built from.
    """
    if not isinstance(document, Mapping):
        raise _refuse(None, m.DOCUMENT_SHAPE)
    unknown = sorted(set(document) - {"version", "fields"})
    if unknown:
        raise _refuse(None, m.UNKNOWN_KEY, key=unknown[0])
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _refuse(None, m.BAD_VERSION)
    raw_fields = document.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise _refuse(None, m.NO_FIELDS)
    fields: list[Field] = []
    by_id: dict[str, Field] = {}
    for index, raw in enumerate(raw_fields):
        f = _parse_field(raw, index, material_ids)
        if f.id in by_id:
            raise _refuse(f.id, m.DUPLICATE_ID)
        by_id[f.id] = f
        fields.append(f)
    for f in fields:
        for key, cond in (("show_if", f.show_if), ("require_if", f.require_if)):
            if cond is None:
                continue
            if cond.field == f.id:
                raise _refuse(f.id, m.CONDITION_SELF, key=key)
            target = by_id.get(cond.field)
            if target is None:
                raise _refuse(f.id, m.CONDITION_MISSING_FIELD, key=key, target=cond.field)
            if target.type in ("signature", "material"):
                raise _refuse(f.id, m.CONDITION_BAD_TARGET, key=key, type=target.type, target=cond.field)
    _refuse_show_if_cycles(fields, by_id)
    return FormDefinition(version=version, fields=tuple(fields))


def _refuse_show_if_cycles(fields: list[Field], by_id: dict[str, Field]) -> None:
    for start in fields:
        seen = {start.id}
        current = start
        while current.show_if is not None:
            current = by_id[current.show_if.field]
            if current.id in seen:
                raise _refuse(start.id, m.SHOW_IF_CYCLE)
            seen.add(current.id)


# --------------------------------------------------------------------------------------------------------------------
# Conditions


def _is_empty(value: Any) -> bool:
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
    if _is_empty(value):
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


def _parse_date(text: str) -> dt.date | None:
    if len(text) != 10:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


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
    if field.type in _CHOICE_TYPES or field.type in ("yesno", "division"):
        return _error(field, "required", m.REQUIRED_CHOICE)
    if field.type == "material":
        return _error(field, "required", m.REQUIRED_MATERIAL)
    if field.type == "signature":
        return _error(field, "required", m.REQUIRED_SIGNATURE)
    return _error(field, "required", m.REQUIRED)


def _to_decimal(value: Any) -> Decimal | None:
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
    return today if value == "today" else _parse_date(value)


def _check_date(field: Field, text: str, today: dt.date) -> FieldError | None:
    day = _parse_date(text.strip())
    if day is None:
        return _error(field, "not_date", m.NOT_DATE)
    lo, hi = _date_bound(field.validation.min, today), _date_bound(field.validation.max, today)
    if lo is not None and day < lo:
        return _error(field, "min", m.DATE_BEFORE_MIN, date=lo.isoformat())
    if hi is not None and day > hi:
        return _error(field, "max", m.DATE_AFTER_MAX, date=hi.isoformat())
    return None


def _check_signature(field: Field, text: str) -> FieldError | None:
    bad = _error(field, "not_signature", m.NOT_SIGNATURE)
    if not text.startswith(_SIGNATURE_PREFIX):
        return bad
    try:
        head = base64.b64decode(text[len(_SIGNATURE_PREFIX) : len(_SIGNATURE_PREFIX) + 12], validate=True)
    except (binascii.Error, ValueError):
        return bad
    return None if head.startswith(b"\x89PNG\r\n\x1a\n") else bad


def _named_validator(field: Field, name: str, text: str, today: dt.date) -> FieldError | None:
    problem: tuple[str, str] | None
    if name == "gb11643":
        problem = check_gb11643(text, today=today)
    elif name == "gb32100":
        problem = check_gb32100(text)
    else:
        problem = check_phone(text)
    return None if problem is None else FieldError(field.id, name, problem[0], problem[1])


def _validate_value(field: Field, value: Any, today: dt.date) -> FieldError | None:
    ftype = field.type
    cap = field.max_length
    if isinstance(value, str) and cap is not None and len(value) > cap:
        return _error(field, "too_long", m.TOO_LONG, cap=cap, length=len(value))
    if ftype in _STRING_TYPES and not isinstance(value, str):
        return _error(field, "bad_value", m.BAD_VALUE)
    if ftype == "number":
        number = _to_decimal(value)
        if number is None:
            return _error(field, "not_number", m.NOT_NUMBER)
        return _check_range(field, number)
    if ftype == "amount":
        amount = _to_decimal(value)
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
    if ftype == "date":
        return _check_date(field, value, today)
    if ftype == "division":
        code = value.strip()
        if not (code.isascii() and code.isdigit() and len(code) in (2, 4, 6, 9, 12)):
            return _error(field, "bad_value", m.NOT_DIVISION)
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
) -> dict[str, FieldError]:
    """Check answers against a definition: one error per field id, for the shown fields only.

    Every string answer is checked against its length cap *before* anything else looks at it (regexes, validators),
    so a pasted 10 MB text costs one `len()` and gives a clear error.

    Hidden fields (show_if false) are not checked, whatever their answers. A material field counts as provided when
    its answer lists pages or when its material id (or field id) is in `materials_present` (pages in the attachment
    store, or 容缺: to be brought to the counter). Answers for ids the definition does not know are ignored.
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
        if _is_empty(value):
            if is_required(field, answers, visible):
                errors[field.id] = _required_error(field)
            continue
        err = _validate_value(field, value, day)
        if err is not None:
            errors[field.id] = err
    return errors


# --------------------------------------------------------------------------------------------------------------------
# Prefill


def _adapt(field: Field, value: Any) -> Any:
    """A prefill source's value in the form the field's type expects, or None when it does not fit."""
    if _is_empty(value):
        return None
    ftype = field.type
    if ftype in ("choice", "multichoice"):
        text = str(value).strip()
        for opt in field.options:
            if text in (opt.value, opt.label, opt.label_en):
                return opt.value if ftype == "choice" else [opt.value]
        return None
    if ftype == "date":
        text = str(value).strip()
        if len(text) == 8 and text.isdigit():
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        text = text.replace(".", "-").replace("/", "-")
        return text if _parse_date(text) is not None else None
    if ftype == "yesno":
        return value if isinstance(value, bool) else None
    if ftype in ("number", "amount"):
        return value if _to_decimal(value) is not None else None
    if ftype in ("signature", "material"):
        return None
    if not isinstance(value, str | int):
        return None
    text = str(value).strip()
    if ftype in ("id_number", "uscc"):
        text = text.upper()
    cap = field.max_length
    return text if cap is None or len(text) <= cap else None


def prefill(
    definition: FormDefinition,
    *,
    card: Mapping[str, Any] | None,
    terminal_division: str | None,
    session: Mapping[str, Any],
) -> dict[str, Any]:
    """Answers from the fields' prefill sources: `card.<key>` (the read-card JSON), `terminal.division` (the
    terminal's division code) and `session.<field id>` (an earlier answer in the same session). Values that do not
    fit the field (a 长期 valid_to in a date field, a gender not among the options) are left out."""
    result: dict[str, Any] = {}
    for field in definition.fields:
        if field.prefill is None:
            continue
        kind, _, key = field.prefill.partition(".")
        value: Any = None
        if kind == "card" and card is not None:
            value = card.get(key)
        elif kind == "terminal":
            value = terminal_division
        elif kind == "session":
            value = session.get(key)
        adapted = _adapt(field, value)
        if adapted is not None:
            result[field.id] = adapted
    return result


# --------------------------------------------------------------------------------------------------------------------
# Drafts across definition versions

_COMPATIBLE = {("text", "textarea"), ("textarea", "text")}


def migrate_answers(old: FormDefinition, new: FormDefinition, answers: Mapping[str, Any]) -> AnswerMigration:
    """Carry a draft's answers to a new definition version by stable field id.

    An answer is kept when its field still exists with the same type (text and textarea interchange when the text
    fits), and, for choices, when its option still exists. Everything else is kept aside as a `RemovedAnswer` for the
    operator. `to_ask` lists the fields the new version requires that are unanswered and were not already required.
    """
    kept: dict[str, Any] = {}
    removed: list[RemovedAnswer] = []
    dropped: set[str] = set()

    def aside(fid: str, value: Any, reason: str) -> None:
        source = old.field(fid) or new.field(fid)
        label, label_en = (source.label, source.label_en) if source else (fid, fid)
        removed.append(RemovedAnswer(field_id=fid, label=label, label_en=label_en, value=value, reason=reason))
        dropped.add(fid)

    for fid, value in answers.items():
        nf = new.field(fid)
        of = old.field(fid)
        if nf is None:
            aside(fid, value, "field_removed")
            continue
        old_type = of.type if of is not None else nf.type
        if old_type != nf.type and (old_type, nf.type) not in _COMPATIBLE:
            aside(fid, value, "type_changed")
            continue
        if (old_type, nf.type) in _COMPATIBLE and isinstance(value, str):
            cap = nf.max_length
            if cap is not None and len(value) > cap:
                aside(fid, value, "type_changed")
                continue
        if nf.type == "choice" and not _is_empty(value) and nf.option(value) is None:
            aside(fid, value, "option_removed")
            continue
        if nf.type == "multichoice" and isinstance(value, list):
            still = [v for v in value if nf.option(v) is not None]
            gone = [v for v in value if nf.option(v) is None]
            if gone:
                aside(fid, gone, "option_removed")
            if still or not gone:
                kept[fid] = still
            continue
        kept[fid] = value

    new_visible = visible_fields(new, kept)
    old_visible = visible_fields(old, answers)
    to_ask: list[str] = []
    for f in new.fields:
        if f.id not in new_visible or not is_required(f, kept, new_visible) or not _is_empty(kept.get(f.id)):
            continue
        of = old.field(f.id)
        was_required = of is not None and of.id in old_visible and is_required(of, answers, old_visible)
        if not was_required or f.id in dropped:
            to_ask.append(f.id)
    return AnswerMigration(kept=kept, removed=tuple(removed), to_ask=tuple(to_ask))


# --------------------------------------------------------------------------------------------------------------------
# Pages


_OWN_PAGE_TYPES = ("signature", "material", "textarea")


def form_pages(definition: FormDefinition, *, per_page: int = 4) -> list[tuple[Field, ...]]:
    """Split a definition into question groups, one page each on the kiosk.

    With `group` keys: consecutive fields with the same group share a page (a field without a group stays with the
    one before it). Without: at most `per_page` fields a page, and signature, material and long-text fields get a
    page of their own, since their widgets are large.
    """
    pages: list[list[Field]] = []
    if any(f.group for f in definition.fields):
        current: str | None = None
        for f in definition.fields:
            if not pages or (f.group is not None and f.group != current):
                pages.append([])
                current = f.group if f.group is not None else current
            pages[-1].append(f)
        return [tuple(p) for p in pages]
    per_page = max(1, per_page)
    for f in definition.fields:
        alone = f.type in _OWN_PAGE_TYPES
        if not pages or alone or len(pages[-1]) >= per_page or pages[-1][-1].type in _OWN_PAGE_TYPES:
            pages.append([])
        pages[-1].append(f)
    return [tuple(p) for p in pages]
