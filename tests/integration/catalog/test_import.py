"""Bundle validation, scope expansion, pinyin keys, demo USCCs and the all-or-nothing import."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.catalog.bundle.expand import build_rows, demo_uscc, import_bundle, pinyin_keys, scope_divisions
from app.catalog.bundle.load import Bundle, CatalogImportError, DivisionRow, ScopeSpec, demo_bundle_path, load_bundle
from app.catalog.bundle.validate import validate_bundle
from app.catalog.service import CatalogService
from app.errors import UserError
from app.identity.checksums import gb11643_check_char, gb11714_check_char, gb32100_check_char
from local_db.catalog.store import CatalogStore

from .conftest import FIXTURE_BUNDLE, TERMINAL


def _item(bundle: Bundle, code: str) -> dict[str, Any]:
    return next(item for _f, item in bundle.items if item["basic_code"] == code)


def _refusal(bundle: Bundle) -> str:
    with pytest.raises(CatalogImportError) as info:
        validate_bundle(bundle)
    return str(info.value)


def test_fixture_bundle_is_valid(bundle: Bundle) -> None:
    validate_bundle(bundle)
    assert len(bundle.items) == 12


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (["materials"], "materials"),
        (["name"], "name"),
        (["case_type"], "case_type"),
        (["legal_limit_days"], "legal_limit_days"),
        (["fee", "charged"], "fee.charged"),
        (["service_modes", "mail"], "service_modes.mail"),
        (["result"], "result.name"),
        (["form"], "form"),
        (["consult_phone"], "consult_phone"),
        (["basis"], "basis"),
    ],
)
def test_missing_required_element_names_file_item_and_field(bundle: Bundle, path: list[str], field: str) -> None:
    target = _item(bundle, "T-SC-0002")
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    message = _refusal(bundle)
    assert "items/market.yaml" in message
    assert "T-SC-0002" in message
    if path != ["name"]:
        assert "食品经营许可" in message
    assert f"'{field}'" in message


def test_missing_material_and_form_field_elements(bundle: Bundle) -> None:
    item = _item(bundle, "T-MZ-0001")
    del item["materials"][1]["copies"]
    del item["form"]["fields"][0]["label_en"]
    message = _refusal(bundle)
    assert (
        "items/civil_affairs.yaml: item T-MZ-0001 最低生活保障申请 materials[2]: missing required field 'copies'"
        in message
    )
    assert "form.fields[1]: missing required field 'label_en'" in message


def test_every_problem_is_reported(bundle: Bundle) -> None:
    _item(bundle, "T-GA-0001")["type"] = "行政审批"
    _item(bundle, "T-GA-0002")["department"] = "tax"
    _item(bundle, "T-ZR-0001")["levels"] = ["village"]  # natural_resources has no village body
    _item(bundle, "T-RS-0001")["basic_code"] = "T-MZ-0001"  # duplicate
    bundle.themes[0]["items"].append("T-XX-9999")
    _item(bundle, "T-SC-0001")["form"]["fields"][2]["material"] = "passport"
    with pytest.raises(CatalogImportError) as info:
        validate_bundle(bundle)
    problems = "\n".join(info.value.problems)
    assert "T-GA-0001 居民身份证换领: type: '行政审批'" in problems
    assert "department: 'tax' is not in departments.yaml" in problems
    assert "has no implementing body at level village" in problems
    assert "basic_code duplicates" in problems
    assert "themes.yaml: theme YJS-T01: items: 'T-XX-9999'" in problems
    assert "material: 'passport' is not a material id" in problems


def test_bad_department_template_refused(bundle: Bundle) -> None:
    bundle.departments["civil_affairs"]["bodies"]["county"] = "{township}民政办"
    assert "placeholder {township} cannot be used at level county" in _refusal(bundle)


def test_load_bundle_refuses_broken_files(tmp_path: Path) -> None:
    (tmp_path / "items").mkdir()
    (tmp_path / "bundle.yaml").write_text("bundle_id: x\nversion: 1\ndemo: false\n", encoding="utf-8")
    (tmp_path / "departments.yaml").write_text("departments: {}\n", encoding="utf-8")
    (tmp_path / "items" / "a.yaml").write_text("- basic_code: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogImportError, match=r"a\.yaml: cannot be read"):
        load_bundle(tmp_path)
    with pytest.raises(CatalogImportError, match="not found"):
        load_bundle(tmp_path / "nope")


def test_pinyin_keys() -> None:
    assert pinyin_keys("居民身份证换领") == ("juminshenfenzhenghuanling", "jmsfzhl")
    assert pinyin_keys("农村宅基地和建房（规划许可）审批")[1] == "nczjdhjfghxksp"
    assert pinyin_keys("ABC 1号") == ("abc1hao", "abc1h")


def test_demo_uscc_is_check_valid_and_deterministic() -> None:
    code = demo_uscc("532524", "建水县公安局", level="county")
    assert code == demo_uscc("532524", "建水县公安局", level="county")
    assert code != demo_uscc("532524", "建水县民政局", level="county")
    assert len(code) == 18 and code.startswith("11532524")
    assert gb11714_check_char(code[8:16]) == code[16]  # GB 11714 organisation code inside
    assert gb32100_check_char(code[:17]) == code[17]
    assert demo_uscc("532524103205", "团山村委会", level="village").startswith("54532524")
    assert demo_uscc("53", "云南省公安厅", level="province")[2:8] == "530000"


def test_validators_core_known_values() -> None:
    assert gb11643_check_char("11010519491231002") == "X"  # the example number printed in GB 11643-1999
    assert gb11714_check_char("D2143569") == "X"  # the worked example of GB 11714-1997 (D2143569-X)


def test_chain_scope(divisions: list[DivisionRow]) -> None:
    chain = scope_divisions(divisions, ScopeSpec(TERMINAL))
    assert [d[0] for d in chain] == [TERMINAL, "532524103", "532524", "5325", "53"]


def test_subtree_scope(divisions: list[DivisionRow]) -> None:
    rows = scope_divisions(divisions, ScopeSpec(TERMINAL, scope="subtree", subtree_root="532524103"))
    codes = {d[0] for d in rows}
    villages = {d[0] for d in divisions if d[3] == "532524103"}
    assert villages <= codes
    assert {"532524103", "532524", "5325", "53"} <= codes
    assert len(codes) == len(villages) + 4


def test_unknown_division_is_refused_by_name(divisions: list[DivisionRow]) -> None:
    with pytest.raises(UserError, match="530000999999"):
        scope_divisions(divisions, ScopeSpec("530000999999"))
    with pytest.raises(UserError, match=r"catalog\.scope"):
        scope_divisions(divisions, ScopeSpec(TERMINAL, scope="galaxy"))


def test_subtree_expansion_implements_items_at_every_division(
    bundle: Bundle, divisions: list[DivisionRow], tmp_path: Path
) -> None:
    spec = ScopeSpec(TERMINAL, scope="subtree", subtree_root="532524")  # all of 建水县
    store = CatalogStore.open(tmp_path / "c.db", create=True)
    import_bundle(store, bundle, spec, divisions=divisions)
    service = CatalogService(store, spec)
    try:
        county = [d for d in divisions if d[0].startswith("532524")]
        townships = [d for d in county if d[2] == "township"]
        villages = [d for d in county if d[2] == "village"]
        stats = service.stats()
        # 4 township items, 1 village item, 5 county-level item levels (食品经营许可 also at prefecture), 1 province
        # item and 2 prefecture-level implementations on the chain.
        assert stats.implementations == 4 * len(townships) + len(villages) + 5 + 2 + 1
        other_village = villages[-1][0]
        guide = service.get_item("T-MZ-0002", division=other_village)
        assert [(i.division_code, i.level) for i in guide.implementations] == [(other_village, "village")]
        assert guide.implementations[0].body == villages[-1][1]
        hits = service.search("低保", division=townships[0][0])
        assert [h.level for h in hits] == ["township"]
        body = service.get_item("T-MZ-0001", division=townships[0][0]).implementations[0].body
        assert body == f"{townships[0][1]}人民政府"
    finally:
        service.close()


def test_place_templates_fall_back_to_the_divisions_own_centre(catalog: CatalogService) -> None:
    food = catalog.get_item("T-SC-0002")
    places = {i.level: i.place for i in food.implementations}
    assert places == {"prefecture": "红河哈尼族彝族自治州政务服务中心", "county": "建水县政务服务中心市场监管窗口"}


def test_import_is_one_transaction(bundle: Bundle, divisions: list[DivisionRow], tmp_path: Path) -> None:
    store = CatalogStore.open(tmp_path / "c.db", create=True)
    spec = ScopeSpec(TERMINAL)
    import_bundle(store, bundle, spec, divisions=divisions)
    before = store.counts()

    changed = copy.deepcopy(bundle)
    changed.meta["version"] = 4
    rows = build_rows(changed, divisions, spec)
    real = rows.implementations

    def failing() -> Iterator[tuple[int, str, str, int, int]]:
        for n, row in enumerate(real):
            if n == 5:
                raise OSError("disk pulled out")
            yield row

    rows.implementations = failing()
    with pytest.raises(OSError):
        store.replace_catalog(rows)
    assert store.counts() == before
    info = store.bundle_info()
    assert info is not None and info["version"] == 3
    store.close()


def test_reimport_keeps_popularity(writable_catalog: CatalogService, bundle: Bundle) -> None:
    writable_catalog.record_view("T-MZ-0001")
    store = writable_catalog._store
    import_bundle(store, bundle, writable_catalog.spec)
    assert writable_catalog.search("低保")[0].popularity == 1


def test_packaged_demo_bundle_is_valid() -> None:
    bundle = load_bundle(demo_bundle_path())
    validate_bundle(bundle)
    meta = yaml.safe_load((demo_bundle_path() / "bundle.yaml").read_text(encoding="utf-8"))
    assert meta["demo"] is True


def test_fixture_bundle_path_exists() -> None:
    assert (FIXTURE_BUNDLE / "bundle.yaml").exists()


def test_bad_calendar_refused(bundle: Bundle) -> None:
    bundle.calendar = {"holidays": ["2026-13-01", "2026-09-27"], "workdays": ["2026-09-27"], "extra": []}
    message = _refusal(bundle)
    assert "'2026-13-01' is not a date" in message
    assert "2026-09-27 is both a holiday and a working day" in message
    assert "unknown key 'extra'" in message
