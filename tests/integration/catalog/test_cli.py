"""`yunban catalog` commands: exact JSON keys and readable tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main

from .conftest import FIXTURE_BUNDLE


@pytest.fixture
def fixture_home(home: Path) -> Path:
    assert main(["catalog", "import", str(FIXTURE_BUNDLE), "--home", str(home)]) == 0
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_search_json(fixture_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "catalog", "search", "sfz", "--json", "--limit", "2")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 2
    assert hits[0] == {
        "code": "T-GA-0002",
        "name": "居民身份证",
        "type": "行政确认",
        "department": "公安",
        "level": "township",
    }
    assert all(set(h) == {"code", "name", "type", "department", "level"} for h in hits)


def test_search_division_and_table(fixture_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "catalog", "search", "津贴", "--division", "532524103", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out = run(capsys, "catalog", "search", "低保")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["编码", "事项名称", "类型", "部门", "层级"]
    assert "最低生活保障申请" in out and "乡级" in out
    code, out = run(capsys, "catalog", "search", "   ")  # an empty query is refused (issue 17), never "no matches"
    assert code == 2 and out == ""
    assert main(["catalog", "search", "低保", "--division", "12"]) == 2


def test_show_json(fixture_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "catalog", "show", "T-GA-0001", "--json")
    assert code == 0
    guide = json.loads(out)
    assert guide["code"] == "T-GA-0001" and guide["name"] == "居民身份证换领"
    assert guide["form"]["version"] == 2
    for field in guide["form"]["fields"]:
        assert {"id", "type", "label", "required", "options"} <= set(field)
        for option in field["options"]:
            assert {"value", "label"} <= set(option)
    assert guide["materials"][0]["name"] == "居民身份证"
    assert guide["implementations"][0]["body"] == "建水县公安局"
    assert guide["notice"].startswith("测试用演示数据")
    for key in (
        "legal_limit_days",
        "promised_limit_days",
        "case_type",
        "visits",
        "fee_charged",
        "process",
        "sub_items",
    ):
        assert key in guide


def test_show_table_and_unknown(fixture_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "catalog", "show", "T-MZ-0001")
    assert code == 0
    assert "【演示数据】" in out and "申请材料（一次告知）" in out and "西庄镇人民政府" in out
    code, out = run(capsys, "catalog", "show", "NOPE", "--json")
    assert code == 2 and "NOPE" in json.loads(out)["error"]


def test_show_theme_json_with_its_merged_form(fixture_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "catalog", "show", "YJS-T01", "--json")
    assert code == 0
    theme = json.loads(out)
    assert (theme["code"], theme["kind"], theme["item_codes"]) == ("YJS-T01", "bundle", ["T-RS-0001", "T-MZ-0002"])
    assert theme["fields"]["T-MZ-0002"]["reason"]["as"] == "allowance_reason"
    fields = {f["id"]: f for f in theme["form"]["fields"]}
    # One 申请人姓名 for both items; the allowance's reason is its own question under the theme's label.
    assert fields["applicant_name"]["items"] == {"T-RS-0001": "applicant_name", "T-MZ-0002": "applicant_name"}
    assert fields["applicant_name"]["prefill"] == "card.name"
    assert fields["reason"]["items"] == {"T-RS-0001": "reason"}
    assert fields["allowance_reason"]["items"] == {"T-MZ-0002": "reason"}
    assert fields["allowance_reason"]["label"] == "申领高龄津贴的原因"
    assert [o["value"] for o in fields["allowance_reason"]["options"]] == ["lost", "other"]
    # Its material mapping and slots: each document once, under the theme's name, with each item's material id.
    mapping = {"id_card": {"name": "申请人居民身份证", "name_en": "Applicant's ID card"}}
    assert theme["materials"] == {"T-MZ-0002": mapping}
    slots = {s["id"]: s for s in theme["material_slots"]}
    assert slots["id_card"] == {
        "id": "id_card",
        "name": "申请人居民身份证",
        "name_en": "Applicant's ID card",
        "required": True,
        "items": {"T-RS-0001": "id_card", "T-MZ-0002": "id_card"},
    }
    assert set(slots) == {"id_card", "photo"} and theme["shared_materials"] == []
    code, out = run(capsys, "catalog", "show", "LE-T01", "--json")
    assert code == 0 and "form" not in json.loads(out) and json.loads(out)["fields"] == {}
    assert json.loads(out)["materials"] == {} and "material_slots" not in json.loads(out)
    code, out = run(capsys, "catalog", "show", "YJS-T01")
    assert code == 0 and "合并申请表" in out and "allowance_reason" in out and "T-MZ-0002 reason" in out
    assert "申请材料（一件事：同一材料只交一次）" in out and "T-RS-0001 id_card；T-MZ-0002 id_card" in out


def test_stats_json(fixture_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "catalog", "stats", "--json")
    assert code == 0
    assert json.loads(out) == {
        "items": 12,
        "implementations": 13,
        "divisions": 16495,
        "levels": {"province": 1, "prefecture": 2, "county": 5, "township": 4, "village": 1},
    }
    code, out = run(capsys, "catalog", "stats")
    assert code == 0 and "16495" in out and "演示数据" in out


def test_import_refuses_a_broken_bundle(fixture_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(FIXTURE_BUNDLE, broken)
    text = (broken / "items" / "hrss.yaml").read_text(encoding="utf-8").replace("  case_type: 承诺件\n", "")
    (broken / "items" / "hrss.yaml").write_text(text, encoding="utf-8")
    code, out = run(capsys, "catalog", "import", str(broken), "--json")
    assert code == 2
    error = json.loads(out)["error"]
    assert "items/hrss.yaml: item T-RS-0001 城乡居民基本养老保险参保登记: missing required field 'case_type'" in error
    # The mirror is untouched.
    code, out = run(capsys, "catalog", "stats", "--json")
    assert json.loads(out)["items"] == 12
