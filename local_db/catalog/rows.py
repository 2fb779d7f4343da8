"""The rows of `catalog.db` as named tuples: what an import writes (`CatalogRows`) and what a guide reads back.

Contract: a write row names every column of its table in the table's order (`executemany` takes it as it is) and is
built by field name; the one exception, `ImplementationInsert`, says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeAlias

__all__ = [
    "BodyInsert",
    "CalendarDayInsert",
    "CatalogRows",
    "DepartmentInsert",
    "FormInsert",
    "HandlingCaseInsert",
    "ImplementationInsert",
    "ImplementationRow",
    "ItemSearchInsert",
    "MaterialInsert",
    "MaterialRow",
    "PlaceInsert",
    "ProcessStepInsert",
    "ProcessStepRow",
    "SubItemInsert",
    "SynonymInsert",
    "ThemeInsert",
    "ThemeItemInsert",
    "ThemeRow",
]

# ---------------------------------------------------------------------------------------------------- read


class MaterialRow(NamedTuple):
    """One 申请材料 of an item, as `materials` stores it."""

    id: str
    name: str
    required: int
    form: str
    medium: str
    copies: int
    source: str
    standard: str
    blank_form: str | None
    sample: str | None
    note: str | None


class ProcessStepRow(NamedTuple):
    """One 办理流程 step of an item."""

    name: str
    actor: str
    days: int | None
    description: str


class ImplementationRow(NamedTuple):
    """An item's 实施清单 entry at one division of the chain."""

    code: str
    division_code: str
    division_name: str
    level: str
    body: str
    uscc: str
    place: str


class ThemeRow(NamedTuple):
    """A theme (一件事 bundle or life event) with its item codes and its field and material mappings."""

    code: str
    name: str
    kind: str
    description: str
    item_codes: list[str]
    fields: dict[str, Any]
    materials: dict[str, Any]


# ---------------------------------------------------------------------------------------------------- write


class DepartmentInsert(NamedTuple):
    """A `departments` row: the department's key, short name, body templates per level (JSON) and place template."""

    key: str
    name: str
    bodies: str
    place: str | None


class SubItemInsert(NamedTuple):
    """A `sub_items` row (子项)."""

    code: str
    item_id: int
    seq: int
    name: str


class HandlingCaseInsert(NamedTuple):
    """A `handling_cases` row (办理情形) of a sub-item."""

    code: str
    sub_item_code: str
    seq: int
    name: str


class MaterialInsert(NamedTuple):
    """A `materials` row (申请材料): `MaterialRow` with the item and the material's place in its list."""

    item_id: int
    seq: int
    id: str
    name: str
    required: int
    form: str
    medium: str
    copies: int
    source: str
    standard: str
    blank_form: str | None
    sample: str | None
    note: str | None


class ProcessStepInsert(NamedTuple):
    """A `process_steps` row (办理流程)."""

    item_id: int
    seq: int
    name: str
    actor: str
    days: int | None
    description: str


class SynonymInsert(NamedTuple):
    """A `synonyms` row: one everyday word for an item."""

    item_id: int
    seq: int
    word: str


class FormInsert(NamedTuple):
    """A `forms` row: an item's form definition (JSON) at its version."""

    item_id: int
    version: int
    definition: str


class ThemeInsert(NamedTuple):
    """A `themes` row, with its field and material mappings as JSON."""

    code: str
    seq: int
    name: str
    kind: str
    description: str
    fields: str
    materials: str


class ThemeItemInsert(NamedTuple):
    """A `theme_items` row: the theme's `seq`-th item."""

    theme_code: str
    seq: int
    item_id: int


class ItemSearchInsert(NamedTuple):
    """An `item_search` row: what the full-text index and the short-term scan match (synonyms joined by ` | `, their
    pinyin and initials by spaces)."""

    item_id: int
    name: str
    synonyms: str
    pinyin: str
    initials: str
    syn_pinyin: str
    syn_initials: str


class BodyInsert(NamedTuple):
    """A `bodies` row: an implementing body (实施机关) at one division, with its 统一社会信用代码."""

    id: int
    division_code: str
    name: str
    uscc: str


class PlaceInsert(NamedTuple):
    """A `places` row: one 办理地点 text."""

    id: int
    text: str


class CalendarDayInsert(NamedTuple):
    """A `calendar` row: an ISO date and its kind, `holiday` or `workday` (调休)."""

    day: str
    kind: str


ImplementationInsert: TypeAlias = tuple[int, str, str, int, int]
"""An `implementations` row (实施清单): (item_id, division_code, code, body_id, place_id). A plain tuple, not a named
one: a province-wide import streams ~770k of them, and named tuples (built by keyword, then bound by sqlite3 as a
tuple subclass, which is slower) made the catalog benchmark's import ~35% slower (3.05 s against 2.26 s)."""


@dataclass(slots=True)
class CatalogRows:
    """Everything one import writes, already expanded and numbered by `app.catalog.bundle.expand`."""

    bundle: dict[str, Any]
    divisions: Sequence[tuple[str, str, str, str | None]]
    """(code, name, level, parent_code), as `app.catalog.bundle.load.load_divisions` reads them."""
    departments: Sequence[DepartmentInsert]
    items: Sequence[dict[str, Any]]
    sub_items: Sequence[SubItemInsert] = ()
    handling_cases: Sequence[HandlingCaseInsert] = ()
    materials: Sequence[MaterialInsert] = ()
    process_steps: Sequence[ProcessStepInsert] = ()
    synonyms: Sequence[SynonymInsert] = ()
    forms: Sequence[FormInsert] = ()
    themes: Sequence[ThemeInsert] = ()
    theme_items: Sequence[ThemeItemInsert] = ()
    item_search: Sequence[ItemSearchInsert] = ()
    bodies: Sequence[BodyInsert] = ()
    places: Sequence[PlaceInsert] = ()
    calendar: Sequence[CalendarDayInsert] = ()
    implementations: Iterable[ImplementationInsert] = field(default_factory=list)
    """Ideally in primary-key order (item_id, division_code). May be a generator that appends to `bodies` and
    `places` while it runs: they are written after it."""
