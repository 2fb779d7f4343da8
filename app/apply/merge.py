"""What a session asks for one item or a 一件事 theme: the items' parsed forms, merged into one form, and the
material slots (one per document). Raises `apply.form_invalid` / `apply.theme_mapping_invalid` for a bad catalog."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app.apply import messages
from app.errors import UserError
from app.forms.engine.definition import FormDefinitionError, parse_form
from app.forms.themes import (
    MaterialRef,
    MergedForm,
    MergedMaterials,
    ThemeFieldsError,
    merge_forms,
    merge_materials,
    parse_theme_fields,
    parse_theme_materials,
)
from app.model.apply import MaterialSlot
from app.model.forms import FormDefinition

if TYPE_CHECKING:
    from app.model.catalog import ItemGuide, Material, Theme

__all__ = ["item_definition", "material_slots", "merge_items"]


def item_definition(form: Mapping[str, Any], material_ids: Sequence[str]) -> FormDefinition:
    """An item's parsed form definition (a minimal applicant form for an item without one)."""
    if not form:
        form = {
            "version": 1,
            "fields": [
                {"id": "applicant_name", "type": "text", "label": "申请人姓名", "label_en": "Applicant's name",
                 "required": True, "prefill": "card.name"},
                {"id": "id_number", "type": "id_number", "label": "公民身份号码", "label_en": "Citizen ID number",
                 "required": True, "prefill": "card.id_number", "validation": {"validator": "gb11643"}},
                {"id": "phone", "type": "phone", "label": "联系电话", "label_en": "Phone", "required": True,
                 "validation": {"validator": "phone"}},
            ],
        }  # fmt: skip
    try:
        return parse_form(form, material_ids=material_ids)
    except FormDefinitionError as exc:
        raise UserError(messages.FORM_INVALID, detail=str(exc)) from exc


def merge_items(
    guides: Sequence[ItemGuide], theme: Theme | None
) -> tuple[list[FormDefinition], MergedForm, MergedMaterials]:
    """The items' form definitions, the one form a session asks and its material slots: for a 一件事 theme, the
    items' forms and material lists merged under the theme's field and material mappings (app/forms/themes.py);
    for one item, its own form and one slot per material."""
    definitions = [item_definition(g.form, [m.id for m in g.materials]) for g in guides]
    forms = {g.code: d.fields for g, d in zip(guides, definitions, strict=True)}
    lists = {g.code: [MaterialRef(m.id, m.name, m.required) for m in g.materials] for g in guides}
    try:
        mapping = parse_theme_fields(theme.fields, list(theme.item_codes), forms) if theme else {}
        slot_mapping = parse_theme_materials(theme.materials, list(theme.item_codes), lists) if theme else {}
    except ThemeFieldsError as exc:
        raise UserError(messages.THEME_MAPPING_INVALID, detail=str(exc)) from exc
    slots = merge_materials([(g.code, lists[g.code]) for g in guides], slot_mapping)
    parts = [(g.code, d.fields) for g, d in zip(guides, definitions, strict=True)]
    return definitions, merge_forms(parts, mapping, materials=slots), slots


def material_slots(guides: Sequence[ItemGuide], merged: MergedForm, slots: MergedMaterials) -> list[MaterialSlot]:
    """The session's material slots: one per merged slot, its field the merged form's material field for it (if any
    item's form has one). A slot joining several items' materials asks what all of them need together
    (`_joined_terms`): the original if any item wants it, copies if any wants copies, paper if any wants paper, and
    the largest number of copies."""
    by_code = {g.code: g for g in guides}
    fields = {f.material: f.id for f in merged.fields if f.type == "material" and f.material}
    out = []
    for s in slots.slots:
        members = [next(x for x in by_code[c].materials if x.id == mid) for c, mid in s.members]
        form, medium, copies = _joined_terms(members)
        codes = tuple(dict.fromkeys(c for c, _ in s.members))
        out.append(
            MaterialSlot(
                slot_id=fields.get(s.key) or f"material.{s.key}",
                material_id=s.key,
                name=s.name,
                required=s.required,
                form=form,
                medium=medium,
                copies=copies,
                item_codes=codes,
                deferrable=all(by_code[c].allows_deferred_materials for c in codes),
                members=s.members,
                name_en=s.name_en,
                standard="；".join(dict.fromkeys(m.standard for m in members if m.standard)),
            )
        )
    return out


_ORIGINAL, _COPY, _BOTH = "原件", "复印件", "原件和复印件"


def _joined_terms(materials: Sequence[Material]) -> tuple[str, str, int]:
    """(form, medium, copies) one slot asks for when it stands for these materials (of the items of a 一件事)."""
    forms = {m.form for m in materials}
    if _BOTH in forms or {_ORIGINAL, _COPY} <= forms:
        form = _BOTH
    elif len(forms) == 1 or not forms & {_ORIGINAL, _COPY}:
        form = materials[0].form
    else:
        form = _ORIGINAL if _ORIGINAL in forms else _COPY
    media = {m.medium for m in materials}
    if len(media) == 1:
        medium = media.pop()
    elif "纸质" in media:
        medium = "纸质"
    elif "纸质或电子" in media and "电子" not in media:
        medium = "纸质或电子"
    else:
        medium = "电子" if "电子" in media else materials[0].medium
    copies = max(m.copies or 1 for m in materials)
    return form, medium, copies
