"""一件事 merged forms and material slots: a bundle theme's `fields` and `materials` mappings (themes.yaml) and the
merge of its items' forms and materials under them (docs/forms.md, docs/catalog-format.md).

Contract: `merge_forms` and `merge_materials` are the one merge (the importer's, strict, and `ApplyService.start`'s);
without a mapping two fields or materials are one only when they are the same question or document.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.forms.engine.definition import is_prefill_source
from app.model.forms import Condition, Field

__all__ = [
    "MAPPING_KEYS",
    "MATERIAL_KEYS",
    "NO_PREFILL",
    "FieldMapping",
    "MaterialMapping",
    "MaterialRef",
    "MergedForm",
    "MergedMaterials",
    "MergedSlot",
    "OmittedMaterial",
    "ThemeFieldsError",
    "merge_forms",
    "merge_materials",
    "parse_theme_fields",
    "parse_theme_materials",
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


def _slotted(code: str, fields: Sequence[Field], materials: MergedMaterials | None) -> list[Field]:
    """The item's fields with each material field pointing at its slot (and none for an omitted material)."""
    if materials is None:
        return list(fields)
    out = []
    for f in fields:
        if f.type == "material" and f.material is not None:
            key = materials.slot_of(code, f.material)
            if key is None:
                continue
            f = dataclasses.replace(f, material=key)
        out.append(f)
    return out


def merge_forms(
    parts: Sequence[tuple[str, Sequence[Field]]],
    mapping: Mapping[str, Mapping[str, FieldMapping]] | None = None,
    *,
    strict: bool = False,
    materials: MergedMaterials | None = None,
) -> MergedForm:
    """Merge the items' forms (`(item code, fields)` in theme order) under the theme's mapping.

    A field goes to its `as` id (else its own id); it joins the merged field already there when `same_question`,
    else it is kept apart as `<item code>.<field id>`. A joined field is required when any item requires it.
    With `strict`, a mapping that cannot be honoured raises ThemeFieldsError: two fields of different meaning
    brought onto one `as` id, an `as` id that is another item's different question, two fields of one item onto
    one id.

    With `materials` (the theme's merged material slots), a material field stands for its slot: it is left out
    when the theme omits its material, and the material fields of one slot are one merged field (`material` the
    slot's key)."""
    mapping = mapping or {}
    slot_field: dict[str, str] = {}
    targets = {m.as_id for per in mapping.values() for m in per.values() if m.as_id}
    merged: dict[str, Field] = {}
    origin: dict[str, str] = {}
    order: list[str] = []
    maps: list[dict[str, str]] = []
    problems: list[tuple[str, str]] = []
    for code, fields in parts:
        per_item = mapping.get(code, {})
        shown = [_mapped(f, per_item.get(f.id)) for f in _slotted(code, fields, materials)]
        own_to_merged: dict[str, str] = {}
        for f in shown:
            m = per_item.get(f.id)
            mid = m.as_id if m is not None and m.as_id else f.id
            if f.type == "material" and materials is not None and f.material in slot_field:
                mid = slot_field[f.material]
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
            if f.type == "material" and f.material is not None:
                slot_field.setdefault(f.material, mid)
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


# ---------------------------------------------------------------------------------------------------- materials

MATERIAL_KEYS = ("as", "name", "name_en", "required", "omit", "reason", "reason_en")
_MATERIAL_TEXT_KEYS = ("name", "name_en", "reason", "reason_en")


@dataclasses.dataclass(frozen=True, slots=True)
class MaterialMapping:
    """How one item material reads in a theme (None keeps the item's own)."""

    as_id: str | None = None
    """The material id of another item's material that is the same document: one slot for both."""
    name: str | None = None
    name_en: str | None = None
    required: bool | None = None
    omit: bool = False
    """免提交（部门共享）: not asked of the citizen in this theme; `reason` says where the department gets it (and
    `name` how the material reads in the 免提交 list)."""
    reason: str | None = None
    reason_en: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class MaterialRef:
    """What the merge needs of an item material (app.model.catalog.Material or an import row)."""

    id: str
    name: str
    required: bool


@dataclasses.dataclass(frozen=True, slots=True)
class MergedSlot:
    """One material slot of a merged session: the citizen provides one document for all its members."""

    key: str
    """The slot's material id: the first member's own id, or `<item code>.<material id>` when an item's material
    shares an id with another item's different document (kept apart)."""
    name: str
    name_en: str | None
    required: bool
    members: tuple[tuple[str, str], ...]
    """(item code, the item's own material id), in theme order."""


@dataclasses.dataclass(frozen=True, slots=True)
class OmittedMaterial:
    """An item material a theme leaves out (免提交（部门共享）)."""

    item_code: str
    material_id: str
    name: str
    reason: str
    reason_en: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class MergedMaterials:
    slots: tuple[MergedSlot, ...]
    omitted: tuple[OmittedMaterial, ...]

    def slot_of(self, code: str, material_id: str) -> str | None:
        """The slot key an item's material is in (None: omitted, or not a material of the item)."""
        for s in self.slots:
            if (code, material_id) in s.members:
                return s.key
        return None


def parse_theme_materials(
    raw: Any, items: Sequence[str], materials: Mapping[str, Sequence[MaterialRef]]
) -> dict[str, dict[str, MaterialMapping]]:
    """The `materials` mapping of a theme whose items are `items`; `materials` holds the material lists of the
    items known here (an item without one is skipped). Raises ThemeFieldsError listing every problem, each naming
    the item and the material."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ThemeFieldsError([("materials", "must be a mapping of item code → material id → mapping")])
    problems: list[tuple[str, str]] = []
    out: dict[str, dict[str, MaterialMapping]] = {}
    for code, per_item in raw.items():
        where = f"materials: item {code}"
        if code not in items:
            problems.append((where, "is not an item of this theme"))
            continue
        if not isinstance(per_item, Mapping):
            problems.append((where, "must be a mapping of material id → mapping"))
            continue
        own = {m.id for m in materials[code]} if code in materials else None
        mapped: dict[str, MaterialMapping] = {}
        for mid, spec in per_item.items():
            mw = f"{where} material {mid}"
            if own is not None and mid not in own:
                problems.append((mw, "is not a material of the item"))
                continue
            if not isinstance(spec, Mapping) or not spec:
                problems.append((mw, f"must be a mapping with some of {', '.join(MATERIAL_KEYS)}"))
                continue
            unknown = sorted(str(k) for k in spec if k not in MATERIAL_KEYS)
            if unknown:
                problems.append((mw, f"unknown key {unknown[0]!r} (known: {', '.join(MATERIAL_KEYS)})"))
                continue
            before = len(problems)
            as_id = spec.get("as")
            if "as" in spec and (not isinstance(as_id, str) or not _ID_RE.fullmatch(as_id)):
                problems.append((mw, f"as: {as_id!r} is not a material id (a letter, then letters, digits, _)"))
            for key in _MATERIAL_TEXT_KEYS:
                if key in spec and (not isinstance(spec[key], str) or not spec[key].strip()):
                    problems.append((mw, f"{key}: must be non-empty text"))
            if "required" in spec and not isinstance(spec["required"], bool):
                problems.append((mw, "required: must be true or false"))
            omit = spec.get("omit", False)
            if "omit" in spec and omit is not True:
                problems.append((mw, "omit: must be true (leave it out to keep the material)"))
            elif omit:
                others = sorted(str(k) for k in spec if k in ("as", "required"))
                if others:
                    problems.append((mw, f"omit: an omitted material has no slot, so no {others[0]!r}"))
                if not spec.get("reason"):
                    problems.append((mw, "omit: needs a reason (where the department gets the material instead)"))
            elif "reason" in spec or "reason_en" in spec:
                problems.append((mw, "reason: only an omitted material (omit: true) has a reason"))
            if len(problems) == before and own is not None:
                mapped[str(mid)] = MaterialMapping(
                    as_id=as_id,
                    name=_stripped(spec.get("name")),
                    name_en=_stripped(spec.get("name_en")),
                    required=spec.get("required"),
                    omit=bool(omit),
                    reason=_stripped(spec.get("reason")),
                    reason_en=_stripped(spec.get("reason_en")),
                )
        if mapped:
            out[str(code)] = mapped
    if problems:
        raise ThemeFieldsError(problems)
    return out


def _stripped(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


@dataclasses.dataclass(slots=True)
class _Slot:
    key: str
    base: str
    """The first member's own name: an unmapped material of the same id joins only under this name."""
    members: list[tuple[str, str, MaterialRef, MaterialMapping | None]]


def merge_materials(
    parts: Sequence[tuple[str, Sequence[MaterialRef]]],
    mapping: Mapping[str, Mapping[str, MaterialMapping]] | None = None,
    *,
    strict: bool = False,
) -> MergedMaterials:
    """The material slots of the items' material lists (`(item code, materials)` in theme order) under the theme's
    mapping.

    Every material not omitted and not mapped `as` goes to the slot of its id when that slot's document has the
    same name (trimmed), else it opens a slot: under its own id, or as `<item code>.<material id>` when the id is
    taken by a different document. Then each `as` material joins the slot of the material id it names. A slot is
    required when any member is; it reads as a member's `name` (else its first member's name). With `strict`, a
    mapping that cannot be honoured raises ThemeFieldsError: an `as` onto a material id no other item of the theme
    has (or one the theme omits), two materials of one item in one slot, two different names for one slot, a
    `required: false` on a slot another member requires."""
    mapping = mapping or {}
    slots: dict[str, _Slot] = {}
    omitted: list[OmittedMaterial] = []
    later: list[tuple[str, MaterialRef, MaterialMapping]] = []
    problems: list[tuple[str, str]] = []
    for code, materials in parts:
        per_item = mapping.get(code, {})
        for m in materials:
            mm = per_item.get(m.id)
            if mm is not None and mm.omit:
                omitted.append(OmittedMaterial(code, m.id, mm.name or m.name, mm.reason or "", mm.reason_en))
                continue
            if mm is not None and mm.as_id:
                later.append((code, m, mm))
                continue
            key = m.id
            if key in slots and slots[key].base != m.name.strip():
                key = f"{code}.{m.id}"
            if key in slots:
                slots[key].members.append((code, m.id, m, mm))
            else:
                slots[key] = _Slot(key, m.name.strip(), [(code, m.id, m, mm)])
    order = {code: n for n, (code, _) in enumerate(parts)}
    omitted_ids = {(o.item_code, o.material_id) for o in omitted}
    for code, m, mm in later:
        where = f"materials: item {code} material {m.id}"
        target = slots.get(str(mm.as_id))
        if target is None or all(c == code for c, *_ in target.members):
            if strict:
                gone = [c for c, i in omitted_ids if i == mm.as_id and c != code]
                why = f"{gone[0]} {mm.as_id} is omitted in this theme" if gone else "no other item of the theme has it"
                problems.append((where, f"as '{mm.as_id}': {why}"))
            key = m.id if m.id not in slots else f"{code}.{m.id}"
            slots[key] = _Slot(key, m.name.strip(), [(code, m.id, m, mm)])
            continue
        if any(c == code for c, *_ in target.members):
            if strict:
                problems.append((where, f"as '{mm.as_id}': another material of this item is already that slot"))
            key = f"{code}.{m.id}"
            slots[key] = _Slot(key, m.name.strip(), [(code, m.id, m, mm)])
            continue
        target.members.append((code, m.id, m, mm))
    out: list[MergedSlot] = []
    for s in slots.values():
        s.members.sort(key=lambda t: order.get(t[0], 0))
        names = [(c, i, mm.name) for c, i, _m, mm in s.members if mm is not None and mm.name]
        names_en = [mm.name_en for *_x, mm in s.members if mm is not None and mm.name_en]
        if strict:
            for c, i, n in names[1:]:
                if n != names[0][2]:
                    other = f"{names[0][0]} {names[0][1]}"
                    message = f"name {n!r} ≠ {names[0][2]!r} of {other}: one slot has one name"
                    problems.append((f"materials: item {c} material {i}", message))
        required = [
            (c, i, m.required if mm is None or mm.required is None else mm.required) for c, i, m, mm in s.members
        ]
        needed = next(((c, i) for c, i, r in required if r), None)
        if strict and needed is not None:
            for c, i, _m, mm in s.members:
                if mm is not None and mm.required is False:
                    message = f"required: false, but {needed[0]} {needed[1]} requires the same document (one slot)"
                    problems.append((f"materials: item {c} material {i}", message))
        first = s.members[0]
        out.append(
            MergedSlot(
                key=s.key,
                name=names[0][2] if names else first[2].name,
                name_en=names_en[0] if names_en else None,
                required=needed is not None,
                members=tuple((c, i) for c, i, *_ in s.members),
            )
        )
    if problems:
        raise ThemeFieldsError(problems)
    return MergedMaterials(slots=tuple(out), omitted=tuple(omitted))
