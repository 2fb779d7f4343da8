"""The 一件事 merge (app/theme_forms.py): when two items' fields are one question, how a theme mapping renames and
relabels them, and how every merged answer maps back to each item's own field id."""

from __future__ import annotations

from typing import Any

import pytest

from app.forms.engine.definition import parse_form
from app.forms.themes import (
    MaterialRef,
    MergedMaterials,
    OmittedMaterial,
    ThemeFieldsError,
    merge_forms,
    merge_materials,
    parse_theme_fields,
    parse_theme_materials,
)
from app.model.forms import Field


def _form(*fields: dict[str, Any]) -> tuple[Field, ...]:
    return parse_form({"version": 1, "fields": list(fields)}, material_ids=["photo"]).fields


def _text(fid: str, label: str, **more: Any) -> dict[str, Any]:
    return {"id": fid, "type": "text", "label": label, "label_en": label, **more}


A = _form(
    _text("applicant_name", "申请人姓名", prefill="card.name", required=True),
    {"id": "phone", "type": "phone", "label": "联系电话", "label_en": "Phone"},
    {"id": "kind", "type": "choice", "label": "类别", "label_en": "Kind", "options": [{"value": "a", "label": "甲"}]},
    _text("note", "说明", show_if={"field": "kind", "equals": "a"}),
)
B = _form(
    _text("applicant_name", "监护人姓名", prefill="card.name"),
    {"id": "phone", "type": "phone", "label": " 联系电话 ", "label_en": "Phone", "required": True},
    _text("child_name", "新生儿姓名"),
    {"id": "kind", "type": "choice", "label": "类别", "label_en": "Kind", "options": [{"value": "a", "label": "甲"}]},
    {"id": "photo_upload", "type": "material", "label": "照片", "label_en": "Photo", "material": "photo"},
)
C = _form(
    _text("applicant_name", "申请人姓名", prefill="card.name"),
    _text("kind", "类别说明"),
    {"id": "photo_upload", "type": "material", "label": "本人照片", "label_en": "Photo", "material": "photo"},
)


def test_without_a_mapping_only_the_same_question_is_joined() -> None:
    merged = merge_forms([("A", A), ("B", B), ("C", C)])
    ids = [f.id for f in merged.fields]
    # Same label (trimmed), type, options and prefill: one question. 监护人姓名 is not 申请人姓名: asked apart.
    assert ids == [
        "applicant_name",
        "phone",
        "kind",
        "note",
        "B.applicant_name",
        "child_name",
        "photo_upload",
        "C.kind",
    ]
    a, b, c = merged.field_maps
    assert a == {"applicant_name": "applicant_name", "phone": "phone", "kind": "kind", "note": "note"}
    assert b["B.applicant_name"] == "applicant_name" and b["phone"] == "phone" and b["kind"] == "kind"
    assert c == {"applicant_name": "applicant_name", "C.kind": "kind", "photo_upload": "photo_upload"}
    by_id = {f.id: f for f in merged.fields}
    assert by_id["B.applicant_name"].label == "监护人姓名" and by_id["B.applicant_name"].prefill == "card.name"
    assert by_id["phone"].required  # required by one of the items that ask it
    assert by_id["C.kind"].type == "text"


def test_a_different_prefill_source_is_a_different_question() -> None:
    other = _form(_text("applicant_name", "申请人姓名"), _text("x", "x"), _text("y", "y"))
    merged = merge_forms([("A", A), ("D", other)])
    assert [f.id for f in merged.fields if "applicant_name" in f.id] == ["applicant_name", "D.applicant_name"]


def test_a_mapping_renames_relabels_and_drops_the_card_prefill() -> None:
    mapping = parse_theme_fields(
        {
            "B": {"applicant_name": {"label": "申请人姓名"}},
            "C": {
                "applicant_name": {"as": "child_name", "label": "新生儿姓名", "prefill": "none", "required": True},
                "kind": {"as": "kind_note", "help": "填写类别说明"},
            },
        },
        ["A", "B", "C"],
        {"A": A, "B": B, "C": C},
    )
    merged = merge_forms([("A", A), ("B", B), ("C", C)], mapping, strict=True)
    by_id = {f.id: f for f in merged.fields}
    assert [f.id for f in merged.fields] == ["applicant_name", "phone", "kind", "note", "child_name", "photo_upload",
                                             "kind_note"]  # fmt: skip
    assert by_id["child_name"].prefill is None and by_id["child_name"].required
    assert by_id["kind_note"].help == "填写类别说明" and by_id["kind_note"].label == "类别说明"
    a, b, c = merged.field_maps
    assert a["applicant_name"] == b["applicant_name"] == "applicant_name" and b["child_name"] == "child_name"
    assert c == {"child_name": "applicant_name", "kind_note": "kind", "photo_upload": "photo_upload"}


def test_conditions_follow_a_renamed_field() -> None:
    mapping = parse_theme_fields({"A": {"kind": {"as": "a_kind"}}}, ["A"], {"A": A})
    merged = merge_forms([("A", A)], mapping)
    note = next(f for f in merged.fields if f.id == "note")
    assert note.show_if is not None and note.show_if.field == "a_kind"
    split = merge_forms([("B", B), ("A", A)])  # A's kind joins B's: the condition keeps pointing at it
    condition = next(f for f in split.fields if f.id == "note").show_if
    assert condition is not None and condition.field == "kind"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"Z": {"applicant_name": {"label": "x"}}}, "fields: item Z: is not an item of this theme"),
        ({"A": {"nope": {"label": "x"}}}, "fields: item A field nope: is not a field of the item's form"),
        ({"A": {"phone": {"prefill": "card.name", "what": 1}}}, "fields: item A field phone: unknown key 'what'"),
        ({"A": "applicant_name"}, "fields: item A: must be a mapping of field id → mapping"),
    ],
)
def test_malformed_mappings_are_named(raw: dict[str, Any], problem: str) -> None:
    with pytest.raises(ThemeFieldsError) as info:
        parse_theme_fields(raw, ["A", "B"], {"A": A, "B": B})
    assert problem in str(info.value)


def test_strict_merge_refuses_an_as_that_joins_different_questions() -> None:
    mapping = parse_theme_fields({"C": {"kind": {"as": "kind"}}}, ["A", "C"], {"A": A, "C": C})
    with pytest.raises(ThemeFieldsError, match=r"item C field kind: as 'kind': .* A kind \(type text ≠ choice\)"):
        merge_forms([("A", A), ("C", C)], mapping, strict=True)
    # Not strict (the apply flow, on a catalog imported before the check): kept apart, never joined.
    merged = merge_forms([("A", A), ("C", C)], mapping)
    assert "C.kind" in [f.id for f in merged.fields]


# ------------------------------------------------------------------------------------------------ material slots

P = (MaterialRef("id_card", "申请人居民身份证", True), MaterialRef("photo", "近期免冠照片", True))
Q = (MaterialRef("guardian_id", "监护人身份证", True), MaterialRef("application", "《甲申请表》", True))
R = (
    MaterialRef("application", "《乙申请表》", True),
    MaterialRef("photo", " 近期免冠照片", False),
    MaterialRef("card", "残疾人证", False),
)


def _slots(merged: MergedMaterials) -> dict[str, tuple[str, bool, tuple[tuple[str, str], ...]]]:
    return {s.key: (s.name, s.required, s.members) for s in merged.slots}


def test_without_a_mapping_a_material_joins_only_under_its_id_and_name() -> None:
    merged = merge_materials([("P", P), ("Q", Q), ("R", R)])
    assert _slots(merged) == {
        "id_card": ("申请人居民身份证", True, (("P", "id_card"),)),
        "photo": ("近期免冠照片", True, (("P", "photo"), ("R", "photo"))),  # same document, required by one
        "guardian_id": ("监护人身份证", True, (("Q", "guardian_id"),)),
        "application": ("《甲申请表》", True, (("Q", "application"),)),
        "R.application": ("《乙申请表》", True, (("R", "application"),)),  # same id, another form: kept apart
        "card": ("残疾人证", False, (("R", "card"),)),
    }
    assert merged.omitted == () and merged.slot_of("R", "application") == "R.application"


def test_a_mapping_joins_renames_and_omits() -> None:
    lists = {"P": P, "Q": Q, "R": R}
    mapping = parse_theme_materials(
        {
            "P": {"id_card": {"name": "父母双方居民身份证", "name_en": "Both parents' ID cards"}},
            "Q": {"guardian_id": {"as": "id_card"}},
            "R": {
                "application": {"as": "application"},
                "card": {"omit": True, "reason": "由本一件事的残疾人证申领办结后共享", "name": "残疾人证（新）"},
            },
        },
        ["P", "Q", "R"],
        lists,
    )
    merged = merge_materials([(c, lists[c]) for c in "PQR"], mapping, strict=True)
    slots = _slots(merged)
    assert slots["id_card"] == ("父母双方居民身份证", True, (("P", "id_card"), ("Q", "guardian_id")))
    assert slots["application"][2] == (("Q", "application"), ("R", "application"))  # declared one document
    assert "guardian_id" not in slots and "card" not in slots and "R.application" not in slots
    assert merged.slots[0].name_en == "Both parents' ID cards"
    assert merged.omitted == (OmittedMaterial("R", "card", "残疾人证（新）", "由本一件事的残疾人证申领办结后共享"),)


def test_material_fields_follow_their_slot() -> None:
    """A material field stands for its slot: the fields of one slot are one merged field, an omitted material's
    field is not asked, and each item maps back to its own field id."""
    x = parse_form(
        {"version": 1, "fields": [{"id": "id_upload", "type": "material", "label": "身份证", "label_en": "ID",
                                   "material": "id_card", "required": True}]},
        material_ids=["id_card", "photo"],
    ).fields  # fmt: skip
    y = parse_form(
        {"version": 1, "fields": [
            {"id": "guardian_upload", "type": "material", "label": "监护人身份证", "label_en": "ID",
             "material": "guardian_id"},
            {"id": "app_upload", "type": "material", "label": "申请表", "label_en": "Form", "material": "application"},
        ]},
        material_ids=["guardian_id", "application"],
    ).fields  # fmt: skip
    lists = {"P": P, "Q": Q}
    raw = {"Q": {"guardian_id": {"as": "id_card"}, "application": {"omit": True, "reason": "部门共享"}}}
    mapping = parse_theme_materials(raw, ["P", "Q"], lists)
    slots = merge_materials([("P", P), ("Q", Q)], mapping, strict=True)
    merged = merge_forms([("P", x), ("Q", y)], materials=slots, strict=True)
    assert [(f.id, f.material) for f in merged.fields] == [("id_upload", "id_card")]
    assert merged.field_maps == ({"id_upload": "id_upload"}, {"id_upload": "guardian_upload"})
