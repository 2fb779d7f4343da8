"""Application forms (申请表) as plain data: a versioned form definition and what checking answers against it yields.

A form definition is the `form:` document of an item in the catalog (docs/catalog-format.md); `app.forms.engine` parses
checks it into these dataclasses, validates answers, prefills from the ID card and migrates drafts. The Qt renderer in
`ui/forms/` builds its pages from a `FormDefinition`.

Answer values by field type (what `answers` dicts hold, all JSON-compatible):
text, textarea, phone, id_number, uscc, division (a division code), date (`YYYY-MM-DD`), choice (an option value):
`str`; number: `int` / `float` (or the text typed, when it is not a number yet); amount: a decimal `str` such as
`"1250.50"` (or a number); multichoice: `list[str]` of option values; yesno: `bool`; signature: a
`data:image/png;base64,...` string; material: `list[str]` of page references (attachment hashes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

FIELD_TYPES = (
    "text",
    "textarea",
    "number",
    "date",
    "choice",
    "multichoice",
    "yesno",
    "phone",
    "id_number",
    "uscc",
    "division",
    "amount",
    "signature",
    "material",
)
"""Every field type a form definition may use; anything else is refused when the definition is parsed."""

DEFAULT_MAX_LENGTH: dict[str, int] = {
    "text": 200,
    "textarea": 5_000,
    "number": 32,
    "date": 10,
    "choice": 200,
    "phone": 20,
    "id_number": 18,
    "uscc": 18,
    "division": 12,
    "amount": 32,
    "signature": 2_000_000,
}
"""Length cap (characters) per type when the definition sets no `max_length`: bounds memory and regex work, so 10 MB
pasted into a field is a clear error instead of a hang. A signature is a base64 PNG (about 1.5 MB of image)."""

MAX_LENGTH_CEILING = 100_000
"""The largest `max_length` a definition may ask for (signatures excepted)."""

VALIDATORS = ("gb11643", "gb32100", "phone")
"""Named validators: GB 11643 citizen identity number, GB 32100 unified social credit code, a Chinese phone number."""


@dataclass(frozen=True, slots=True)
class Option:
    """One choice of a choice or multichoice field."""

    value: str
    label: str
    label_en: str


@dataclass(frozen=True, slots=True)
class Condition:
    """`show_if` / `require_if`: true when field `field` has the value `equals`, or one of `any_of` (YAML `in`)."""

    field: str
    equals: Any = None
    any_of: tuple[Any, ...] | None = None


@dataclass(frozen=True, slots=True)
class Validation:
    regex: str | None = None
    min: float | str | None = None
    """A number (number, amount), or an ISO date (date)."""
    max: float | str | None = None
    max_length: int | None = None
    validator: str | None = None
    """One of VALIDATORS."""
    integer: bool = False
    """A number field that takes whole numbers only (`household_size: 2.5` is refused)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One question of a form. `id` is stable across versions: drafts map answers by it."""

    id: str
    type: str
    label: str
    label_en: str
    required: bool = False
    help: str | None = None
    help_en: str | None = None
    options: tuple[Option, ...] = ()
    validation: Validation = field(default_factory=Validation)
    show_if: Condition | None = None
    require_if: Condition | None = None
    prefill: str | None = None
    """card.<read-card key>, terminal.division or session.<field id>."""
    material: str | None = None
    """The item's material id a material field fills."""
    group: str | None = None
    """Question group (one page on the kiosk); consecutive fields with the same group share a page."""
    group_en: str | None = None

    @property
    def max_length(self) -> int | None:
        """The effective length cap: the definition's `max_length`, else the type's default."""
        if self.validation.max_length is not None:
            return self.validation.max_length
        return DEFAULT_MAX_LENGTH.get(self.type)

    def option(self, value: Any) -> Option | None:
        for opt in self.options:
            if opt.value == value:
                return opt
        return None


@dataclass(frozen=True, slots=True)
class FormDefinition:
    """A parsed, checked form definition."""

    version: int
    fields: tuple[Field, ...]

    def field(self, field_id: str) -> Field | None:
        for f in self.fields:
            if f.id == field_id:
                return f
        return None

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)


@dataclass(frozen=True, slots=True)
class FieldError:
    """What is wrong with one answer, in plain Chinese and in English, shown next to the field."""

    field_id: str
    code: str
    """required, too_long, regex, min, max, not_number, not_date, not_amount, not_option, gb11643, gb32100, phone,
    not_signature, bad_value."""
    message: str
    message_en: str

    def text(self, language: str) -> str:
        return self.message_en if language.startswith("en") else self.message


@dataclass(frozen=True, slots=True)
class RemovedAnswer:
    """An answer a form-definition update could not carry over: kept aside and shown to the operator."""

    field_id: str
    label: str
    label_en: str
    value: Any
    reason: str
    """field_removed, type_changed or option_removed."""


@dataclass(frozen=True, slots=True)
class AnswerMigration:
    """A draft's answers carried from one form-definition version to the next."""

    kept: dict[str, Any]
    """Answers by field id, valid for the new definition's field types and options."""
    removed: tuple[RemovedAnswer, ...]
    to_ask: tuple[str, ...]
    """Ids of fields the new definition requires that the draft does not answer yet and the old one did not require:
    ask them before finalising."""

    def __iter__(self) -> Iterator[Any]:
        """Unpacks as `kept, removed, to_ask = migrate_answers(...)`."""
        return iter((self.kept, self.removed, self.to_ask))
