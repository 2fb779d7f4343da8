"""The bundled demo catalog (app/data/demo_catalog) holds together: every file loads and keeps the invariants of
docs/catalog-format.md that an importer relies on, plus what the demo catalog promises (≥ 200 items, every item
type and level, ≥ 5 一件事 themes).

These checks read the YAML directly, so the data can be verified independently of the importer.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.forms.engine.definition import FIELD_KEYS
from app.model.catalog import AUDIENCES, ITEM_TYPES, LEVELS
from app.model.forms import FIELD_TYPES

BUNDLE = Path(__file__).resolve().parents[3] / "app" / "data" / "demo_catalog"

ITEM_KEYS = [
    "basic_code",
    "name",
    "type",
    "department",
    "levels",
    "audience",
    "basis",
    "conditions",
    "legal_limit_days",
    "promised_limit_days",
    "case_type",
    "visits",
    "fee",
    "service_modes",
    "materials",
    "process",
    "result",
    "hours",
    "consult_phone",
    "complaint_phone",
    "form",
]
MATERIAL_KEYS = ["id", "name", "required", "form", "medium", "copies", "source", "standard"]
PHONE = re.compile(r"^0\d{2,3}-\d{7,8}$")


def _load(path: Path) -> Any:
    # The C loader when PyYAML was built with libyaml: the pure-Python one takes seconds on ~1 MB of YAML.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


@pytest.fixture(scope="module")
def departments() -> dict[str, Any]:
    data = _load(BUNDLE / "departments.yaml")["departments"]
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    files = sorted((BUNDLE / "items").glob("*.yaml"))
    assert files, "no item files"
    for path in files:
        data = _load(path)
        assert isinstance(data, list), f"{path.name} must hold a list of items"
        out.extend(data)
    return out


@pytest.fixture(scope="module")
def themes() -> list[dict[str, Any]]:
    data = _load(BUNDLE / "themes.yaml")["themes"]
    assert isinstance(data, list)
    return data


def test_bundle_is_marked_as_demo() -> None:
    meta = _load(BUNDLE / "bundle.yaml")
    assert meta["bundle_id"] == "yunnan-demo"
    assert isinstance(meta["version"], int) and meta["version"] >= 1
    assert meta["demo"] is True
    assert "演示数据" in meta["notice"]
    assert "不具有权威性" in meta["notice"]


def test_departments_have_a_body_at_some_level(departments: dict[str, Any]) -> None:
    for key, dept in departments.items():
        assert dept["name"], key
        assert dept["bodies"], key
        assert set(dept["bodies"]) <= set(LEVELS), key


def test_at_least_200_distinct_items_with_unique_codes(items: list[dict[str, Any]]) -> None:
    assert len(items) >= 200
    codes = Counter(it["basic_code"] for it in items)
    assert [c for c, n in codes.items() if n > 1] == []
    names = Counter(it["name"] for it in items)
    assert [n for n, k in names.items() if k > 1] == []


def test_every_item_type_level_and_audience_is_present(items: list[dict[str, Any]]) -> None:
    assert {it["type"] for it in items} == set(ITEM_TYPES)
    levels = Counter(level for it in items for level in it["levels"])
    assert set(levels) == set(LEVELS)
    # County is the busiest level, then township, then village.
    assert levels["county"] > levels["township"] > levels["village"] > 0
    assert {a for it in items for a in it["audience"]} == set(AUDIENCES)


def test_every_item_is_complete(items: list[dict[str, Any]], departments: dict[str, Any]) -> None:
    for it in items:
        where = f"{it.get('basic_code')} {it.get('name')}"
        missing = [k for k in ITEM_KEYS if k not in it]
        assert missing == [], f"{where}: missing {missing}"
        assert it["type"] in ITEM_TYPES, where
        assert it["department"] in departments, where
        assert it["levels"] and set(it["levels"]) <= set(LEVELS), where
        for level in it["levels"]:
            assert level in departments[it["department"]]["bodies"], f"{where}: no body at {level}"
        assert it["audience"] and set(it["audience"]) <= set(AUDIENCES), where
        assert it["basis"] and all(isinstance(b, str) and b for b in it["basis"]), where
        assert it["conditions"], where
        assert it["case_type"] in ("即办件", "承诺件"), where
        if it["case_type"] == "即办件":
            assert it["promised_limit_days"] == 0, where
        for key in ("legal_limit_days", "promised_limit_days"):
            assert it[key] is None or (isinstance(it[key], int) and it[key] >= 0), where
        assert it["visits"] in (0, 1, 2), where
        fee = it["fee"]
        assert isinstance(fee["charged"], bool) and fee["standard"], where
        if fee["charged"]:
            assert fee["basis"], f"{where}: a charged fee needs its basis"
        assert set(it["service_modes"]) == {"online", "mail", "appointment", "self_service"}, where
        assert all(isinstance(v, bool) for v in it["service_modes"].values()), where
        assert it["process"], where
        for step in it["process"]:
            assert step["name"] and step["actor"] and step["description"], where
            assert "days" in step, where
        assert it["result"]["name"] and it["result"]["type"] in ("证照", "批文", "其他"), where
        assert it["hours"], where
        assert PHONE.match(it["consult_phone"]), f"{where}: {it['consult_phone']}"
        assert it["complaint_phone"] == "12345", where
        assert it.get("synonyms"), f"{where}: no synonyms"


def test_materials_are_complete(items: list[dict[str, Any]]) -> None:
    for it in items:
        where = f"{it['basic_code']} {it['name']}"
        assert it["materials"], f"{where}: no materials"
        ids = [m["id"] for m in it["materials"]]
        assert len(ids) == len(set(ids)), f"{where}: duplicate material ids"
        for m in it["materials"]:
            assert [k for k in MATERIAL_KEYS if k not in m] == [], f"{where}: material {m.get('id')}"
            assert isinstance(m["required"], bool), where
            assert m["form"] in ("原件", "复印件", "原件和复印件"), where
            assert m["medium"] in ("纸质", "电子", "纸质或电子"), where
            assert isinstance(m["copies"], int) and m["copies"] >= 1, where


def test_forms_are_simple_and_consistent(items: list[dict[str, Any]]) -> None:
    seen_types: set[str] = set()
    for it in items:
        where = f"{it['basic_code']} {it['name']}"
        form = it["form"]
        assert isinstance(form["version"], int), where
        fields = form["fields"]
        assert 3 <= len(fields) <= 12, f"{where}: {len(fields)} fields"
        ids = [f["id"] for f in fields]
        assert len(ids) == len(set(ids)), f"{where}: duplicate field ids"
        material_ids = {m["id"] for m in it["materials"]}
        material_fields = [f for f in fields if f["type"] == "material"]
        assert material_fields, f"{where}: no material field"
        for f in fields:
            assert set(f) <= FIELD_KEYS, f"{where}: {f['id']} has unknown keys {set(f) - FIELD_KEYS}"
            assert f["type"] in FIELD_TYPES, where
            assert f["label"] and f["label_en"], where
            seen_types.add(f["type"])
            if f["type"] == "material":
                assert f["material"] in material_ids, f"{where}: field {f['id']} -> {f['material']}"
            if f["type"] in ("choice", "multichoice"):
                values = [o["value"] for o in f["options"]]
                assert values and len(values) == len(set(values)), where
                assert all(o["label"] and o["label_en"] for o in f["options"]), where
            for cond in ("show_if", "require_if"):
                if cond in f:
                    assert f[cond]["field"] in ids and f[cond]["field"] != f["id"], where
                    assert ("equals" in f[cond]) != ("in" in f[cond]), where
    assert seen_types == set(FIELD_TYPES)


def test_sub_item_codes_are_unique(items: list[dict[str, Any]]) -> None:
    codes = [it["basic_code"] for it in items]
    for it in items:
        for sub in it.get("sub_items", []):
            codes.append(sub["code"])
            codes.extend(case["code"] for case in sub.get("cases", []))
    assert len(codes) == len(set(codes))


def test_themes_reference_existing_items(items: list[dict[str, Any]], themes: list[dict[str, Any]]) -> None:
    codes = {it["basic_code"] for it in items}
    theme_codes = [t["code"] for t in themes]
    assert len(theme_codes) == len(set(theme_codes))
    for t in themes:
        assert t["kind"] in ("bundle", "life_event", "enterprise"), t["code"]
        assert t["name"] and t["description"], t["code"]
        assert len(t["items"]) >= 2, t["code"]
        assert [c for c in t["items"] if c not in codes] == [], t["code"]
    kinds = Counter(t["kind"] for t in themes)
    assert kinds["bundle"] >= 5
    assert len(themes) >= 6


def test_holidays_are_real_dates() -> None:
    import datetime as dt

    data = _load(BUNDLE / "holidays.yaml")
    holidays = [dt.date.fromisoformat(str(d)) for d in data["holidays"]]
    workdays = [dt.date.fromisoformat(str(d)) for d in data["workdays"]]
    assert {d.year for d in holidays} >= {2026, 2027}
    assert all(d.weekday() >= 5 for d in workdays), "调休 workdays fall on weekends"
    assert not set(holidays) & set(workdays)


def test_every_form_is_accepted_by_the_form_engine(items: list[dict[str, Any]]) -> None:
    from app.forms.engine.definition import parse_form

    for it in items:
        definition = parse_form(it["form"], material_ids=[m["id"] for m in it["materials"]])
        assert [f.id for f in definition.fields] == [f["id"] for f in it["form"]["fields"]], it["basic_code"]
