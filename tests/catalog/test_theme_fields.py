"""A bundle theme's field mapping (`themes.yaml` `fields`): refused at import with the file, theme, item and field
named when it cannot be honoured; stored and read back as written."""

from __future__ import annotations

from typing import Any

import pytest

from app.catalog import CatalogService
from app.catalog_import import Bundle, CatalogImportError, ScopeSpec, import_bundle, validate_bundle
from local_db.catalog_store import CatalogStore

from .conftest import TERMINAL

WHERE = "themes.yaml: theme YJS-T01 退休一件事: fields: "
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

    as_json = {"bundle": dict(bundle.meta), "items": [item for _f, item in bundle.items], "themes": bundle.themes}
    apply_change(as_json, {"op": "delete_item", "basic_code": "T-MZ-0002"}, 2)
    theme = next(t for t in as_json["themes"] if t["code"] == "YJS-T01")
    assert theme["items"] == ["T-RS-0001"] and theme["fields"] == {}
    validate_bundle(
        Bundle(
            meta=as_json["bundle"],
            departments=bundle.departments,
            items=[(f, item) for f, item in bundle.items if item["basic_code"] != "T-MZ-0002"],
            themes=as_json["themes"],
            calendar=bundle.calendar,
        )
    )
