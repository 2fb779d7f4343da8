"""The division picker's tree and search over the real bundled table, and config.toml line edits (through a
symlink to its target; checks before anything is written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import UserError
from app.provisioning import divisions
from app.provisioning.config_file import check_writable, save_config_keys


def test_the_cascade_walks_the_real_tree_down_to_a_village() -> None:
    (province,) = divisions.children(None)
    assert (province.code, province.name, province.level) == ("53", "云南省", "province")
    prefectures = divisions.children("53")
    assert len(prefectures) == 16 and all(p.level == "prefecture" for p in prefectures)
    honghe = next(p for p in prefectures if p.code == "5325")
    assert honghe.name.startswith("红河")
    jianshui = next(c for c in divisions.children(honghe.code) if c.name == "建水县")
    xizhuang = next(t for t in divisions.children(jianshui.code) if t.name == "西庄镇")
    village = next(v for v in divisions.children(xizhuang.code) if v.code == "532524103205")
    assert village.level == "village" and village.full_name.endswith("建水县西庄镇" + village.name)
    assert divisions.children("532524103205") == []
    assert divisions.children("532524000000") == divisions.children("532524")  # 12 digits or the short form
    assert divisions.full_code(xizhuang.code) == "532524103000"


@pytest.mark.parametrize("query", ["团山", "tuanshan", "tsc", "532524103205"])
def test_search_finds_a_village_by_name_pinyin_initials_or_code(query: str) -> None:
    found = divisions.search(query)
    assert "532524103205" in [d.code for d in found], found


def test_search_lists_higher_levels_first_and_finds_nothing_for_nothing() -> None:
    found = divisions.search("jianshui")
    assert found[0].code == "532524" and found[0].level == "county"
    assert divisions.search("  ") == [] and divisions.search("zzzzqqq") == []
    assert len(divisions.search("x", limit=7)) == 7


def test_only_known_divisions_of_a_county_or_below_are_terminal_divisions() -> None:
    assert divisions.terminal_division("532524103000").name == "西庄镇"
    assert divisions.terminal_division("532524000000").level == "county"
    for code, error in [("539999999999", "cli.unknown_division"), ("53252410320", "cli.unknown_division"),
                        ("530100000000", "provisioning.division_too_coarse")]:  # fmt: skip
        with pytest.raises(UserError) as caught:
            divisions.terminal_division(code)
        assert caught.value.code == error


def test_save_replaces_a_symlinks_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "etc" / "config.toml"
    target.parent.mkdir()
    target.write_text('# kept\n[platform]\nurl = "http://a"  # old\n', encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "home" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    save_config_keys(link, {("platform", "url"): "http://b", ("terminal", "division_code"): "532524103205"})
    assert link.is_symlink() and link.readlink() == target
    assert target.read_text(encoding="utf-8") == (
        '# kept\n[platform]\nurl = "http://b"\n\n[terminal]\ndivision_code = "532524103205"\n'
    )
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["config.toml"]


def test_a_dangling_symlink_gets_its_target_created(tmp_path: Path) -> None:
    target = tmp_path / "etc" / "config.toml"
    target.parent.mkdir()
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    save_config_keys(link, {("platform", "url"): "http://b"})
    assert link.is_symlink() and target.read_text(encoding="utf-8") == '\n[platform]\nurl = "http://b"\n'


def test_an_unparsable_config_is_refused_before_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[platform\nurl = ", encoding="utf-8")
    for attempt in (check_writable, save_config_keys):
        with pytest.raises(UserError) as caught:
            attempt(path, {("platform", "url"): "http://b"})
        assert caught.value.code == "cli.config_edit_failed" and "platform.url" in str(caught.value)
    assert path.read_text(encoding="utf-8") == "[platform\nurl = "
