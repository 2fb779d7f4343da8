"""Opening the mirror: first use, scope changes, missing or corrupt databases, unknown terminal divisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.catalog.bundle.load import ScopeSpec, demo_bundle_path
from app.catalog.mirror import import_catalog, open_catalog
from app.catalog.service import CatalogUnavailable
from app.cli import main
from app.context import AppContext

from .conftest import FIXTURE_BUNDLE, TERMINAL


def test_fresh_home_is_initialised_with_the_demo_catalog(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not (home / "catalog.db").exists()
    assert main(["catalog", "search", "身份证", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert "居民身份证换领" in [h["name"] for h in hits]
    assert (home / "catalog.db").exists()
    for query in ("sfz", "shenfenzheng"):
        assert main(["catalog", "search", query, "--json"]) == 0
        assert "居民身份证换领" in [h["name"] for h in json.loads(capsys.readouterr().out)]
    ctx = AppContext(home)
    try:
        assert ctx.catalog.is_demo
        assert ctx.catalog.stats().divisions == 16495
    finally:
        ctx.close()


def test_missing_database_without_bootstrap(tmp_path: Path) -> None:
    with pytest.raises(CatalogUnavailable) as refused:
        open_catalog(tmp_path / "catalog.db", ScopeSpec(TERMINAL))
    assert refused.value.code == "catalog.db_missing" and "does not exist" in refused.value.message("en")


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_database_is_a_clear_error(home: Path, content: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "catalog.db").write_bytes(content)
    ctx = AppContext(home)
    with pytest.raises(CatalogUnavailable, match="corrupt"):
        ctx.catalog  # noqa: B018
    ctx.close()
    assert main(["catalog", "stats", "--json"]) == 2
    assert "corrupt" in json.loads(capsys.readouterr().out)["error"]
    # The file is left alone for the technician; `catalog import` moves it aside and rebuilds.
    assert (home / "catalog.db").read_bytes() == content
    assert main(["catalog", "import", str(FIXTURE_BUNDLE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == 12
    assert (home / "catalog.db.corrupt").read_bytes() == content
    assert main(["catalog", "search", "低保", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["code"] == "T-MZ-0001"


def test_database_deleted_under_a_running_service(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    service = open_catalog(path, ScopeSpec(TERMINAL), bootstrap=FIXTURE_BUNDLE)
    service.close()
    path.write_bytes(b"\x00" * 8192)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    with pytest.raises(CatalogUnavailable):
        open_catalog(path, ScopeSpec(TERMINAL))


def test_unknown_terminal_division_in_config(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "config.toml").write_text('[terminal]\ndivision_code = "539999999999"\n', encoding="utf-8")
    assert main(["catalog", "search", "身份证"]) == 2
    err = capsys.readouterr().err
    assert "539999999999" in err and "division" in err
    # Also when a catalog already exists (the code was changed later).
    (home / "config.toml").write_text("", encoding="utf-8")
    assert main(["catalog", "import", str(FIXTURE_BUNDLE)]) == 0
    (home / "config.toml").write_text('[terminal]\ndivision_code = "539999999999"\n', encoding="utf-8")
    ctx = AppContext(home)
    with pytest.raises(CatalogUnavailable, match="539999999999"):
        ctx.catalog  # noqa: B018
    ctx.close()


def test_changed_terminal_division_rebuilds_a_demo_mirror(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    open_catalog(path, ScopeSpec(TERMINAL), bootstrap=FIXTURE_BUNDLE).close()
    other = "532525101001"  # 城东社区, 石屏县
    service = open_catalog(path, ScopeSpec(other), bootstrap=FIXTURE_BUNDLE)
    try:
        assert [d.code for d in service.terminal_chain()][:3] == [other, "532525101", "532525"]
        (impl,) = service.get_item("T-GA-0001").implementations
        assert impl.body == "石屏县公安局"
    finally:
        service.close()


def test_import_catalog_replaces_and_reports(tmp_path: Path) -> None:
    st = import_catalog(tmp_path / "catalog.db", ScopeSpec(TERMINAL), FIXTURE_BUNDLE)
    assert (st.items, st.implementations, st.divisions) == (12, 13, 16495)


def test_other_catalogs_are_never_replaced_by_the_demo(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    import_catalog(path, ScopeSpec(TERMINAL), FIXTURE_BUNDLE)  # e.g. a snapshot imported by a technician
    service = open_catalog(path, ScopeSpec("532525101001"), bootstrap=demo_bundle_path())
    try:
        assert service.bundle_info()["bundle_id"] == "test-fixture"
    finally:
        service.close()
