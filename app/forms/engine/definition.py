"""Form definitions (申请表, the `form:` of a catalog item): parsing and checking them, and splitting them into pages.

Contract: `parse_form` returns a `FormDefinition` or raises `FormDefinitionError` naming the field (docs/forms.md);
pure logic over `app.model.forms`, no Qt, no storage.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

from app.errors import UserError
from app.forms import messages as m
from app.i18n import Message
from app.model.forms import (
    FIELD_TYPES,
    MAX_LENGTH_CEILING,
    VALIDATORS,
    Condition,
    Field,
    FormDefinition,
    Option,
    Validation,
)
from app.model.identity import CardData

__all__ = [
    "CHOICE_TYPES",
    "FIELD_KEYS",
    "TEXT_TYPES",
    "VALIDATION_KEYS",
    "FormDefinitionError",
    "form_pages",
    "is_prefill_source",
    "parse_date",
    "parse_form",
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
VALIDATION_KEYS = frozenset({"regex", "min", "max", "max_length", "validator", "integer"})
_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
CHOICE_TYPES = ("choice", "multichoice")
TEXT_TYPES = ("text", "textarea", "phone", "id_number", "uscc")


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
        if value == "today" or (isinstance(value, str) and parse_date(value) is not None):
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
        if ftype not in TEXT_TYPES:
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
    if validator is not None and ftype not in TEXT_TYPES:
        raise _refuse(fid, m.VALIDATOR_NOT_ALLOWED, type=ftype)
    integer = raw.get("integer", False)
    if not isinstance(integer, bool):
        raise _refuse(fid, m.INTEGER_NOT_BOOL)
    if integer and ftype != "number":
        raise _refuse(fid, m.INTEGER_NOT_ALLOWED, type=ftype)
    return Validation(regex=regex, min=lo, max=hi, max_length=max_length, validator=validator, integer=integer)


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
    if ftype not in CHOICE_TYPES:
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


def parse_date(text: str) -> dt.date | None:
    """A `YYYY-MM-DD` date, or None."""
    if len(text) != 10:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------------------------
# Pages


_OWN_PAGE_TYPES = ("signature", "material", "textarea")


def form_pages(
    definition: FormDefinition,
    *,
    per_page: int = 4,
    fits: Callable[[tuple[Field, ...]], bool] | None = None,
) -> list[tuple[Field, ...]]:
    """Split a definition into question groups, one page each on the kiosk.

    With `group` keys: consecutive fields with the same group share a page (a field without a group stays with the
    one before it). Without: at most `per_page` fields a page, and signature, material and long-text fields get a
    page of their own, since their widgets are large. With `fits` (the kiosk measures its panel), a page takes the
    next field while `fits(page + (field,))` says the page still shows whole, whatever `per_page` says: pages of
    short questions hold more than a page with a tall one.
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
        full = bool(pages) and (len(pages[-1]) >= per_page if fits is None else not fits((*pages[-1], f)))
        if not pages or alone or full or pages[-1][-1].type in _OWN_PAGE_TYPES:
            pages.append([])
        pages[-1].append(f)
    return [tuple(p) for p in pages]
