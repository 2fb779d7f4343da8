"""A bundle theme's field mapping (`themes.yaml` `fields`): refused at import with the file, theme, item and field
named when it cannot be honoured; stored and read back as written."""

from __future__ import annotations

from typing import Any

import pytest

from app.catalog.bundle.expand import import_bundle
from app.catalog.bundle.load import Bundle, CatalogImportError, ScopeSpec
from app.catalog.bundle.validate import validate_bundle
from app.catalog.service import CatalogService
from local_db.catalog.store import CatalogStore

from .conftest import TERMINAL

WHERE = "themes.yaml: theme YJS-T01 退休一件事: fields: "
MAT = "themes.yaml: theme YJS-T01 退休一件事: materials: "
RS = "item T-RS-0001 城乡居民基本养老保险参保登记"
MZ = "item T-MZ-0002 高龄津贴申领"


def _theme(bundle: Bundle, code: str = "YJS-T01") -> dict[str, Any]:
    return next(t for t in bundle.themes if t["code"] == code)


def _problems(bundle: Bundle) -> list[str]:
    with pytest.raises(CatalogImportError) as info:
        validate_bundle(bundle)
    return info.value.problems


def test_the_fixture_mapping_is_valid_and_stored(bundle: Bundle, tmp_path: Any) -> None:
    validate_bundle(bundle)
    store = CatalogStore.open(tmp_path / "catalog.db", create=True)
    try:
        import_bundle(store, bundle, ScopeSpec(TERMINAL))
        themes = {t.code: t for t in CatalogService(store, ScopeSpec(TERMINAL)).list_themes()}
        assert themes["YJS-T01"].fields == _theme(bundle)["fields"]
        assert themes["LE-T01"].fields == {}
    finally:
        store.close()


def test_an_item_not_in_the_theme_is_refused(bundle: Bundle) -> None:
    _theme(bundle)["fields"]["T-GA-0001"] = {"applicant_name": {"label": "申请人姓名"}}
    assert _problems(bundle) == [WHERE + "item T-GA-0001: is not an item of this theme"]


def test_an_unknown_field_is_refused(bundle: Bundle) -> None:
    _theme(bundle)["fields"]["T-RS-0001"] = {"nickname": {"label": "昵称"}}
    assert _problems(bundle) == [WHERE + f"{RS} field nickname: is not a field of the item's form"]


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"prefill": "card.shoe_size"}, "prefill: 'card.shoe_size' unknown"),
        ({"label": "  "}, "label: must be non-empty text"),
        ({"required": "yes"}, "required: must be true or false"),
        ({"as": "9lives"}, "as: '9lives' is not a field id"),
        ({}, "must be a mapping with some of as, label"),
    ],
)
def test_a_malformed_mapping_is_refused(bundle: Bundle, mapping: dict[str, Any], message: str) -> None:
    _theme(bundle)["fields"]["T-RS-0001"] = {"applicant_name": mapping}
    (problem,) = _problems(bundle)
    assert problem.startswith(WHERE + f"{RS} field applicant_name: ") and message in problem


def test_two_fields_of_different_type_onto_one_as_are_refused(bundle: Bundle) -> None:
    _theme(bundle)["fields"] = {
        "T-RS-0001": {"applicant_name": {"as": "who"}},
        "T-MZ-0002": {"reason": {"as": "who", "label": "申请人姓名"}},
    }
    assert _problems(bundle) == [
        WHERE + f"{MZ} field reason: as 'who': a different question from T-RS-0001 applicant_name (type choice ≠ text)"
    ]


def test_an_as_colliding_with_a_different_question_is_refused(bundle: Bundle) -> None:
    # T-RS-0001's applicant_name is 申请人姓名; bringing someone else's name onto that id is a wrong join.
    _theme(bundle)["fields"] = {"T-MZ-0002": {"applicant_name": {"as": "applicant_name", "label": "代办人姓名"}}}
    (problem,) = _problems(bundle)
    assert problem == (
        WHERE + f"{MZ} field applicant_name: as 'applicant_name': a different question from T-RS-0001 applicant_name "
        "(label '代办人姓名' ≠ '申请人姓名')"
    )
    # …and a different prefill source is a different question too.
    _theme(bundle)["fields"] = {"T-MZ-0002": {"applicant_name": {"as": "applicant_name", "prefill": "none"}}}
    (problem,) = _problems(bundle)
    assert "(prefill none ≠ card.name)" in problem


def test_two_fields_of_one_item_onto_one_id_are_refused(bundle: Bundle) -> None:
    _theme(bundle)["fields"] = {"T-RS-0001": {"applicant_name": {"as": "x"}, "reason": {"as": "x"}}}
    assert _problems(bundle) == [
        WHERE + f"{RS} field reason: another field of this item is already 'x' in the merged form"
    ]


def test_a_mapping_on_a_theme_that_is_not_a_bundle_is_refused(bundle: Bundle) -> None:
    _theme(bundle, "LE-T01")["fields"] = {"T-SC-0001": {"applicant_name": {"label": "经营者姓名"}}}
    assert _problems(bundle) == [
        "themes.yaml: theme LE-T01 开办小店: fields: only a bundle (一件事) theme has a merged form to map"
    ]


def test_a_deleted_item_leaves_the_theme_and_its_mapping(bundle: Bundle) -> None:
    """The catalog feed's `delete_item` (sync/catalog_feed.py) drops the item's field mapping with it: the bundle the
    terminal re-imports stays valid."""
    from sync.catalog_feed import apply_change

    as_json: dict[str, Any] = {
        "bundle": dict(bundle.meta),
        "items": [item for _f, item in bundle.items],
        "themes": bundle.themes,
    }
    apply_change(as_json, {"op": "delete_item", "basic_code": "T-MZ-0002"}, 2)
    theme = next(t for t in as_json["themes"] if t["code"] == "YJS-T01")
    assert theme["items"] == ["T-RS-0001"] and theme["fields"] == {} and theme["materials"] == {}
    validate_bundle(
        Bundle(
            meta=as_json["bundle"],
            departments=bundle.departments,
            items=[(f, item) for f, item in bundle.items if item["basic_code"] != "T-MZ-0002"],
            themes=as_json["themes"],
            calendar=bundle.calendar,
        )
    )


# ------------------------------------------------------------------------------------------------ materials


def test_the_fixture_material_mapping_is_stored(bundle: Bundle, tmp_path: Any) -> None:
    store = CatalogStore.open(tmp_path / "catalog.db", create=True)
    try:
        import_bundle(store, bundle, ScopeSpec(TERMINAL))
        themes = {t.code: t for t in CatalogService(store, ScopeSpec(TERMINAL)).list_themes()}
        assert themes["YJS-T01"].materials == _theme(bundle)["materials"] != {}
        assert themes["LE-T01"].materials == {}
    finally:
        store.close()


def test_an_unknown_item_or_material_is_refused(bundle: Bundle) -> None:
    _theme(bundle)["materials"] = {
        "T-GA-0001": {"id_card": {"name": "居民身份证"}},
        "T-RS-0001": {"passport": {"omit": True, "reason": "共享"}},
    }
    assert _problems(bundle) == [
        MAT + "item T-GA-0001: is not an item of this theme",
        MAT + f"{RS} material passport: is not a material of the item",
    ]


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"name": " "}, "name: must be non-empty text"),
        ({"required": "no"}, "required: must be true or false"),
        ({"as": "1x"}, "as: '1x' is not a material id"),
        ({"omit": False}, "omit: must be true"),
        ({"omit": True}, "omit: needs a reason"),
        ({"omit": True, "reason": "共享", "required": True}, "omit: an omitted material has no slot, so no 'required'"),
        ({"omit": True, "reason": "共享", "as": "id_card"}, "omit: an omitted material has no slot, so no 'as'"),
        ({"reason": "共享"}, "reason: only an omitted material (omit: true) has a reason"),
        ({}, "must be a mapping with some of as, name"),
    ],
)
def test_a_malformed_material_mapping_is_refused(bundle: Bundle, mapping: dict[str, Any], message: str) -> None:
    _theme(bundle)["materials"] = {"T-RS-0001": {"photo": mapping}}
    (problem,) = _problems(bundle)
    assert problem.startswith(MAT + f"{RS} material photo: ") and message in problem, problem


def test_an_as_onto_a_material_no_other_item_has_is_refused(bundle: Bundle) -> None:
    _theme(bundle)["materials"] = {"T-MZ-0002": {"photo": {"as": "birth_certificate"}}}
    (problem,) = _problems(bundle)
    assert problem == MAT + f"{MZ} material photo: as 'birth_certificate': no other item of the theme has it"
    # …nor one the theme omits: there is no slot to join.
    _theme(bundle)["materials"] = {
        "T-RS-0001": {"id_card": {"omit": True, "reason": "部门共享"}},
        "T-MZ-0002": {"photo": {"as": "id_card"}, "id_card": {"omit": True, "reason": "部门共享"}},
    }
    assert _problems(bundle) == [MAT + f"{MZ} material photo: as 'id_card': T-RS-0001 id_card is omitted in this theme"]


def test_two_materials_of_one_item_in_one_slot_are_refused(bundle: Bundle) -> None:
    _theme(bundle)["materials"] = {"T-MZ-0002": {"photo": {"as": "id_card"}}}
    assert _problems(bundle) == [
        MAT + f"{MZ} material photo: as 'id_card': another material of this item is already that slot"
    ]


def test_a_conflicting_name_or_requirement_is_refused(bundle: Bundle) -> None:
    # Both items ask for 近期免冠照片 (optional) and 居民身份证 (required): one slot each, one name, one requirement.
    _theme(bundle)["materials"] = {
        "T-RS-0001": {"photo": {"name": "二寸照片"}, "id_card": {"required": False}},
        "T-MZ-0002": {"photo": {"name": "一寸照片"}},
    }
    assert _problems(bundle) == [
        MAT + f"{RS} material id_card: required: false, but T-MZ-0002 id_card requires the same document (one slot)",
        MAT + f"{MZ} material photo: name '一寸照片' ≠ '二寸照片' of T-RS-0001 photo: one slot has one name",
    ]


def test_a_material_mapping_on_a_theme_that_is_not_a_bundle_is_refused(bundle: Bundle) -> None:
    _theme(bundle, "LE-T01")["materials"] = {"T-SC-0001": {"id_card": {"name": "经营者身份证"}}}
    assert _problems(bundle) == [
        "themes.yaml: theme LE-T01 开办小店: materials: only a bundle (一件事) theme has material slots to map"
    ]
