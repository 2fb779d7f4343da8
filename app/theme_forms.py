"""一件事 merged forms: a bundle theme's per-item field mapping (`themes.yaml` `fields`) and the merge of its items'
forms into one form (docs/catalog-format.md, docs/forms.md).

A theme changes who an item's fields are about: in 新生儿出生一件事 the 社会保障卡 is for the newborn while the
applicant is a parent. The mapping says, per item and field, which merged field the item's field becomes (`as`),
how it reads there (`label`, `label_en`, `help`, `help_en`), where it is prefilled from (`prefill`, `none` for no
prefill) and whether it is required. Without a mapping two items' fields are one question only when id, type,
options, material, prefill source and label (trimmed) all agree: a wrong join is worse than asking twice. Fields that
differ are kept apart under `<item code>.<field id>`.

`merge_forms` is the one merge: the importer runs it strictly (a mapping that would join different questions is
refused, naming the theme, the item and the field) and `ApplyService.start` runs it for every theme session.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.forms import is_prefill_source
from app.model.forms import Condition, Field

__all__ = [
    "MAPPING_KEYS",
    "NO_PREFILL",
    "FieldMapping",
    "MergedForm",
    "ThemeFieldsError",
    "merge_forms",
    "parse_theme_fields",
    "same_question",
]

MAPPING_KEYS = ("as", "label", "label_en", "help", "help_en", "prefill", "required")
NO_PREFILL = "none"
"""`prefill: none`: the merged field is not prefilled (the item's card prefill is about someone else here)."""
_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
_TEXT_KEYS = ("label", "label_en", "help", "help_en")


@dataclasses.dataclass(frozen=True, slots=True)
class FieldMapping:
    """How one item field reads in a theme's merged form (every attribute optional: None keeps the item's)."""

    as_id: str | None = None
    label: str | None = None
    label_en: str | None = None
    help: str | None = None
    help_en: str | None = None
    prefill: str | None = None
    """A prefill source, NO_PREFILL, or None (the item's own)."""
    required: bool | None = None


class ThemeFieldsError(ValueError):
    """A theme's field mapping cannot be used: (where, message) problems, `where` naming the item and the field."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{w}: {m}" for w, m in problems))
        self.problems = list(problems)


@dataclasses.dataclass(frozen=True, slots=True)
class MergedForm:
    fields: tuple[Field, ...]
    field_maps: tuple[dict[str, str], ...]
    """Per item (in the order given): merged field id → the item's own field id."""


def same_question(a: Field, b: Field) -> bool:
    """Two fields are one question of a merged form: same type, options, material, prefill source and label. A
    material field is its item's material slot, which the merge shares by material id and shows under the
    material's name: two material fields for one material are one, whatever their labels."""
    if a.type == "material" or b.type == "material":
        return a.type == b.type and a.material == b.material
    return (
        a.type == b.type
        and a.options == b.options
        and a.material == b.material
        and a.prefill == b.prefill
        and a.label.strip() == b.label.strip()
    )


def _difference(a: Field, b: Field) -> str:
    if a.type != b.type:
        return f"type {b.type} ≠ {a.type}"
    if a.options != b.options:
        return "options differ"
    if a.material != b.material:
        return f"material {b.material} ≠ {a.material}"
    if a.prefill != b.prefill:
        return f"prefill {b.prefill or NO_PREFILL} ≠ {a.prefill or NO_PREFILL}"
    return f"label {b.label!r} ≠ {a.label!r}"


def parse_theme_fields(
    raw: Any, items: Sequence[str], forms: Mapping[str, Sequence[Field]]
) -> dict[str, dict[str, FieldMapping]]:
    """The `fields` mapping of a theme whose items are `items`; `forms` holds the fields of the items whose form
    is known (an item of the theme without a form here is skipped: out of the terminal's scope, or refused for
    its own form already). Raises ThemeFieldsError listing every problem."""
    if raw is None:
        return {}
    problems: list[tuple[str, str]] = []
    out: dict[str, dict[str, FieldMapping]] = {}
    if not isinstance(raw, Mapping):
        raise ThemeFieldsError([("fields", "must be a mapping of item code → field id → mapping")])
    for code, per_item in raw.items():
        where = f"fields: item {code}"
        if code not in items:
            problems.append((where, "is not an item of this theme"))
            continue
        if not isinstance(per_item, Mapping):
            problems.append((where, "must be a mapping of field id → mapping"))
            continue
        own = {f.id for f in forms[code]} if code in forms else None
        mapped: dict[str, FieldMapping] = {}
        for fid, spec in per_item.items():
            fw = f"{where} field {fid}"
            if own is not None and fid not in own:
                problems.append((fw, "is not a field of the item's form"))
                continue
            if not isinstance(spec, Mapping) or not spec:
                problems.append((fw, f"must be a mapping with some of {', '.join(MAPPING_KEYS)}"))
                continue
            unknown = sorted(str(k) for k in spec if k not in MAPPING_KEYS)
            if unknown:
                problems.append((fw, f"unknown key {unknown[0]!r} (known: {', '.join(MAPPING_KEYS)})"))
                continue
            before = len(problems)
            as_id = spec.get("as")
            if as_id is not None and (not isinstance(as_id, str) or not _ID_RE.fullmatch(as_id)):
                problems.append((fw, f"as: {as_id!r} is not a field id (a letter, then letters, digits, _)"))
            for key in _TEXT_KEYS:
                if key in spec and (not isinstance(spec[key], str) or not spec[key].strip()):
                    problems.append((fw, f"{key}: must be non-empty text"))
            prefill = spec.get("prefill")
            if "prefill" in spec and prefill != NO_PREFILL and not is_prefill_source(prefill):
                problems.append(
                    (fw, f"prefill: {prefill!r} unknown ({NO_PREFILL}, card.<key>, terminal.division, session.<id>)")
                )
            if "required" in spec and not isinstance(spec["required"], bool):
                problems.append((fw, "required: must be true or false"))
            if len(problems) == before and own is not None:
                mapped[str(fid)] = FieldMapping(
                    as_id=as_id,
                    label=spec.get("label"),
                    label_en=spec.get("label_en"),
                    help=spec.get("help"),
                    help_en=spec.get("help_en"),
                    prefill=prefill,
                    required=spec.get("required"),
                )
        if mapped:
            out[str(code)] = mapped
    if problems:
        raise ThemeFieldsError(problems)
    return out


def _mapped(f: Field, m: FieldMapping | None) -> Field:
    """The item field as the theme shows it (its own id kept; the target id is decided by the merge)."""
    if m is None:
        return f
    changes: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        value = getattr(m, key)
        if value is not None:
            changes[key] = value.strip()
    if m.prefill is not None:
        changes["prefill"] = None if m.prefill == NO_PREFILL else m.prefill
    if m.required is not None:
        changes["required"] = m.required
    return dataclasses.replace(f, **changes) if changes else f


def _renamed(f: Field, fid: str, ids: Mapping[str, str]) -> Field:
    """`f` under merged id `fid`, its conditions and session prefill pointing at the merged ids of its own item."""

    def cond(c: Condition | None) -> Condition | None:
        return dataclasses.replace(c, field=ids.get(c.field, c.field)) if c is not None else None

    prefill = f.prefill
    if prefill is not None and prefill.startswith("session."):
        key = prefill.partition(".")[2]
        prefill = f"session.{ids.get(key, key)}"
    return dataclasses.replace(f, id=fid, show_if=cond(f.show_if), require_if=cond(f.require_if), prefill=prefill)


def merge_forms(
    parts: Sequence[tuple[str, Sequence[Field]]],
    mapping: Mapping[str, Mapping[str, FieldMapping]] | None = None,
    *,
    strict: bool = False,
) -> MergedForm:
    """Merge the items' forms (`(item code, fields)` in theme order) under the theme's mapping.

    A field goes to its `as` id (else its own id); it joins the merged field already there when `same_question`,
    else it is kept apart as `<item code>.<field id>`. A joined field is required when any item requires it.
    With `strict`, a mapping that cannot be honoured raises ThemeFieldsError: two fields of different meaning
    brought onto one `as` id, an `as` id that is another item's different question, two fields of one item onto
    one id."""
    mapping = mapping or {}
    targets = {m.as_id for per in mapping.values() for m in per.values() if m.as_id}
    merged: dict[str, Field] = {}
    origin: dict[str, str] = {}
    order: list[str] = []
    maps: list[dict[str, str]] = []
    problems: list[tuple[str, str]] = []
    for code, fields in parts:
        per_item = mapping.get(code, {})
        shown = [_mapped(f, per_item.get(f.id)) for f in fields]
        own_to_merged: dict[str, str] = {}
        for f in shown:
            m = per_item.get(f.id)
            mid = m.as_id if m is not None and m.as_id else f.id
            where = f"fields: item {code} field {f.id}"
            if mid in own_to_merged.values():
                if strict:
                    problems.append((where, f"another field of this item is already '{mid}' in the merged form"))
                mid = f"{code}.{f.id}"
            elif mid in merged and not same_question(merged[mid], f):
                if strict and mid in targets:
                    problems.append(
                        (where, f"as '{mid}': a different question from {origin[mid]} ({_difference(merged[mid], f)})")
                    )
                mid = f"{code}.{f.id}"
            own_to_merged[f.id] = mid
        fmap: dict[str, str] = {}
        for f in shown:
            mid = own_to_merged[f.id]
            if mid in merged:
                if f.required and not merged[mid].required:
                    merged[mid] = dataclasses.replace(merged[mid], required=True)
            else:
                merged[mid] = _renamed(f, mid, own_to_merged)
                origin[mid] = f"{code} {f.id}"
                order.append(mid)
            fmap[mid] = f.id
        maps.append(fmap)
    if problems:
        raise ThemeFieldsError(problems)
    return MergedForm(fields=tuple(merged[i] for i in order), field_maps=tuple(maps))
