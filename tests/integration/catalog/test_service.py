"""Guides, browsing, themes, stats and popularity."""

from __future__ import annotations

import datetime

import pytest

from app.catalog.bundle.expand import import_bundle
from app.catalog.bundle.load import Bundle
from app.catalog.mirror import open_catalog
from app.catalog.service import CatalogService, UnknownItem
from app.errors import UserError
from app.identity.checksums import gb32100_check_char


def test_guide_has_every_element(catalog: CatalogService) -> None:
    g = catalog.get_item("T-GA-0001")
    assert (g.name, g.type, g.department, g.department_full) == ("居民身份证换领", "行政确认", "公安", "建水县公安局")
    assert g.levels == ("county",) and g.audience == ("自然人",)
    assert g.basis and g.conditions
    assert (g.legal_limit_days, g.promised_limit_days, g.case_type, g.visits) == (20, 10, "承诺件", 1)
    assert g.fee_charged and g.fee_standard == "20元/证" and g.fee_basis
    assert (g.online, g.mail, g.appointment, g.self_service) == (True, False, True, False)
    assert [m.id for m in g.materials] == ["id_card", "photo"]
    photo = g.materials[1]
    assert (photo.required, photo.form, photo.medium, photo.copies, photo.blank_form) == (
        False,
        "原件",
        "纸质或电子",
        2,
        "无",
    )
    assert [s.name for s in g.process] == ["受理", "办结"] and g.process[1].days == 10
    assert g.result_name and g.result_type == "其他"
    assert g.sub_items[0].cases[0].name == "本地户籍换领"
    assert g.synonyms == ("换身份证", "身份证到期")
    assert g.is_demo
    (impl,) = g.implementations
    assert (impl.division_code, impl.level, impl.body) == ("532524", "county", "建水县公安局")
    assert gb32100_check_char(impl.body_uscc[:17]) == impl.body_uscc[17]
    assert (impl.hours, impl.consult_phone, impl.complaint_phone) == ("工作日 9:00-17:00", "0873-7650000", "12345")


def test_form_is_normalised_and_versioned(catalog: CatalogService) -> None:
    form = catalog.get_item("T-GA-0001").form
    assert form["version"] == 2
    for field in form["fields"]:
        assert {"id", "type", "label", "required", "options"} <= set(field)
    assert form["fields"][1]["options"][0] == {"value": "lost", "label": "遗失", "label_en": "Lost"}
    assert form["fields"][0]["required"] is True and form["fields"][2]["required"] is False


def test_guide_implementations_follow_the_chain(catalog: CatalogService) -> None:
    food = catalog.get_item("T-SC-0002")
    assert [i.level for i in food.implementations] == ["prefecture", "county"]
    assert food.department_full == "红河哈尼族彝族自治州市场监督管理局"
    elder = catalog.get_item("T-MZ-0002")
    assert elder.implementations[0].body == "团山村委会"
    assert elder.themes == ("退休一件事",)


def test_unknown_item(catalog: CatalogService) -> None:
    with pytest.raises(UnknownItem, match="NOPE"):
        catalog.get_item("NOPE")


def test_departments_and_themes(catalog: CatalogService) -> None:
    deps = catalog.list_departments()
    assert [(d.key, d.name, d.item_count) for d in deps][:2] == [
        ("public_security", "公安", 4),
        ("civil_affairs", "民政", 3),
    ]
    themes = catalog.list_themes()
    assert [(t.code, t.kind) for t in themes] == [("YJS-T01", "bundle"), ("LE-T01", "enterprise")]
    assert themes[0].item_codes == ("T-RS-0001", "T-MZ-0002")
    assert [s.code for s in catalog.items_of_theme("YJS-T01")] == ["T-RS-0001", "T-MZ-0002"]
    # On the township's chain the village item of the theme is not implemented.
    assert [s.code for s in catalog.items_of_theme("YJS-T01", division="532524103")] == ["T-RS-0001"]
    with pytest.raises(UserError):
        catalog.items_of_theme("NOPE")


def test_browse(writable_catalog: CatalogService) -> None:
    market = writable_catalog.browse(department="市场监管")
    assert {s.code for s in market} == {"T-SC-0001", "T-SC-0002", "T-SC-0003"}
    writable_catalog.record_view("T-SC-0003")
    assert writable_catalog.browse(department="market")[0].code == "T-SC-0003"
    assert {s.code for s in writable_catalog.browse(theme="LE-T01")} == {"T-SC-0001", "T-SC-0002"}
    assert len(writable_catalog.browse()) == 12
    both = writable_catalog.browse(audience="法人", item_type="行政许可")
    assert [s.code for s in both] == ["T-SC-0001", "T-SC-0002"]  # by pinyin: ge… before shi…


def test_record_view_counts(writable_catalog: CatalogService) -> None:
    assert writable_catalog.record_view("T-GA-0001") == 1
    assert writable_catalog.record_view("T-GA-0001") == 2
    with pytest.raises(UnknownItem):
        writable_catalog.record_view("NOPE")


def test_stats_and_demo_flag(catalog: CatalogService) -> None:
    st = catalog.stats()
    assert st.divisions == 16495
    assert st.items == 12
    assert st.levels == {"province": 1, "prefecture": 2, "county": 5, "township": 4, "village": 1}
    assert st.implementations == 13
    assert st.is_demo and st.source == "test-fixture v3"
    assert catalog.is_demo and "演示" in catalog.notice
    assert catalog.bundle_info()["bundle_id"] == "test-fixture"


def test_calendar(catalog: CatalogService) -> None:
    cal = catalog.calendar()
    assert cal == {"holidays": ["2026-10-01", "2026-10-02", "2026-10-05"], "workdays": ["2026-09-27"]}
    assert catalog.is_working_day(datetime.date(2026, 9, 27))  # a Sunday worked (调休)
    assert not catalog.is_working_day(datetime.date(2026, 10, 1))
    assert not catalog.is_working_day(datetime.date(2026, 10, 10))  # Saturday
    assert catalog.is_working_day(datetime.date(2026, 10, 9))


def test_search_cache_follows_other_connections(writable_catalog: CatalogService, bundle: Bundle) -> None:
    path = writable_catalog._store.path
    assert path is not None
    assert writable_catalog.search("身份证")[0].code == "T-GA-0002"  # cache filled
    other = open_catalog(path, writable_catalog.spec)
    try:
        other.record_view("T-GA-0003")  # e.g. the CLI in another process
        assert writable_catalog.search("身份证")[0].code == "T-GA-0003"
        bundle.items = [(f, i) for f, i in bundle.items if i["basic_code"] != "T-GA-0003"]
        bundle.themes = []
        import_bundle(other._store, bundle, other.spec)  # e.g. a catalog update
        assert "T-GA-0003" not in [h.code for h in writable_catalog.search("身份证")]
    finally:
        other.close()
