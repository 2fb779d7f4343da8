"""Schema migrations: a database made by the first migration opens, upgrades and keeps its data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from app.catalog.bundle.expand import import_bundle
from app.catalog.bundle.load import ScopeSpec, load_bundle
from app.catalog.service import CatalogService
from local_db.catalog.schema import MIGRATIONS, SCHEMA_VERSION, applied, migrate
from local_db.catalog.store import CatalogStore

from .conftest import FIXTURE_BUNDLE, TERMINAL


def _make_m001_database(path: Path) -> None:
    db = Database(sqlite3.connect(str(path)))
    migrate(db, stop_before="m002_search_and_popularity")
    assert applied(db) == ["m001_core"]
    assert not db["item_search"].exists() and not db["popularity"].exists()
    db.execute("INSERT INTO divisions VALUES ('53', '云南省', 'province', NULL)")
    db.execute(
        "INSERT INTO bundle (id, bundle_id, version, demo, notice, source, scope_key, imported_at) "
        "VALUES (1, 'old', 1, 1, '旧演示数据', 'test', 'chain:53:', '2026-01-01')"
    )
    db.conn.commit()
    db.close()


def test_first_schema_database_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    _make_m001_database(path)
    store = CatalogStore.open(path)
    try:
        info = store.bundle_info()
        assert info is not None and info["bundle_id"] == "old" and info["notice"] == "旧演示数据"
        assert store.division("53") == ("53", "云南省", "province", None)
        conn = sqlite3.connect(str(path))
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        conn.close()
        assert names == [m.name for m in MIGRATIONS._migrations] and names[-1] == SCHEMA_VERSION
        # The upgraded database takes a full import and searches.
        import_bundle(store, load_bundle(FIXTURE_BUNDLE), ScopeSpec(TERMINAL))
        service = CatalogService(store, ScopeSpec(TERMINAL))
        assert "居民身份证换领" in [h.name for h in service.search("sfz")]
        assert service.record_view("T-GA-0001") == 1
    finally:
        store.close()


def test_migrations_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    CatalogStore.open(path, create=True).close()
    store = CatalogStore.open(path)
    store.close()
    conn = sqlite3.connect(str(path))
    assert conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(MIGRATIONS._migrations) == 7
    conn.close()


def test_committed_first_schema_database_upgrades(tmp_path: Path) -> None:
    """A file made by migration m001 when it shipped (tests/catalog/fixtures/catalog-m001.db), not rebuilt from
    today's code: editing an applied migration would break this."""
    path = tmp_path / "catalog.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "catalog-m001.db", path)
    store = CatalogStore.open(path)
    try:
        assert applied(store._db) == [m.name for m in MIGRATIONS._migrations]
        info = store.bundle_info()
        assert info is not None and (info["bundle_id"], info["notice"]) == ("m001-era", "第一版结构的演示目录")
        import_bundle(store, load_bundle(FIXTURE_BUNDLE), ScopeSpec(TERMINAL))
        assert [h.code for h in CatalogService(store, ScopeSpec(TERMINAL)).search("低保")] == ["T-MZ-0001"]
    finally:
        store.close()


def test_m003_database_upgrades_to_the_expired_id_card_rule(tmp_path: Path) -> None:
    """A catalog imported under m003 (no rule column) upgrades: its items read `warn`; a re-import sets the rules."""
    path = tmp_path / "catalog.db"
    store = CatalogStore.open(path, create=True)
    store.close()
    # Rebuild the file as it was under m003: the schema up to m003 with an item row in it.
    path.unlink()
    db = Database(sqlite3.connect(str(path)))
    migrate(db, stop_before="m004_expired_id_card_rule")
    assert applied(db)[-1] == "m003_calendar" and "expired_id_card" not in db["items"].columns_dict
    columns = [c for c in db["items"].columns_dict if c != "id"]
    values = {c: 0 for c in columns} | {"code": "OLD-0001", "name": "旧事项", "type": "行政确认"}
    db.table("items").insert(values)
    db.conn.commit()
    db.close()
    store = CatalogStore.open(path)
    try:
        assert "m004_expired_id_card_rule" in applied(store._db) and applied(store._db)[-1] == SCHEMA_VERSION
        row = store.item_row("OLD-0001")
        assert row is not None and row["expired_id_card"] == "warn"
        import_bundle(store, load_bundle(FIXTURE_BUNDLE), ScopeSpec(TERMINAL))
        service = CatalogService(store, ScopeSpec(TERMINAL))
        assert service.get_item("T-MZ-0001").expired_id_card == "warn"
    finally:
        store.close()


def test_m004_database_upgrades_to_theme_field_mappings(tmp_path: Path) -> None:
    """A catalog imported under m004 (no `themes.fields`) upgrades: its themes read an empty mapping (their items'
    forms merge as they are); a re-import stores the bundle's mappings."""
    path = tmp_path / "catalog.db"
    db = Database(sqlite3.connect(str(path)))
    migrate(db, stop_before="m005_theme_fields")
    assert applied(db)[-1] == "m004_expired_id_card_rule" and "fields" not in db["themes"].columns_dict
    db.execute("INSERT INTO themes (code, seq, name, kind, description) VALUES ('OLD-1', 0, '旧主题', 'bundle', '')")
    db.conn.commit()
    db.close()
    store = CatalogStore.open(path)
    try:
        assert "m005_theme_fields" in applied(store._db) and applied(store._db)[-1] == SCHEMA_VERSION
        assert store.themes() == [("OLD-1", "旧主题", "bundle", "", [], {}, {})]
        import_bundle(store, load_bundle(FIXTURE_BUNDLE), ScopeSpec(TERMINAL))
        themes = {t.code: t for t in CatalogService(store, ScopeSpec(TERMINAL)).list_themes()}
        mapped = {c: t.fields for c, t in themes.items() if t.fields}
        assert mapped, "the fixture bundle has a theme with a field mapping"
        for fields in mapped.values():
            assert all(isinstance(per_item, dict) and per_item for per_item in fields.values())
    finally:
        store.close()


def test_m005_database_upgrades_to_theme_material_mappings(tmp_path: Path) -> None:
    """A catalog imported under m005 (field mappings, no `themes.materials`) upgrades: its themes keep their field
    mapping and read an empty material mapping (one slot per material id and name); a re-import stores the bundle's
    material mappings."""
    path = tmp_path / "catalog.db"
    db = Database(sqlite3.connect(str(path)))
    migrate(db, stop_before="m006_theme_materials")
    assert applied(db)[-1] == "m005_theme_fields" and "materials" not in db["themes"].columns_dict
    db.execute(
        "INSERT INTO themes (code, seq, name, kind, description, fields) "
        """VALUES ('OLD-1', 0, '旧主题', 'bundle', '', '{"X-1": {"applicant_name": {"label": "经营者姓名"}}}')"""
    )
    db.conn.commit()
    db.close()
    store = CatalogStore.open(path)
    try:
        assert applied(store._db)[-1] == SCHEMA_VERSION and "m006_theme_materials" in applied(store._db)
        fields = {"X-1": {"applicant_name": {"label": "经营者姓名"}}}
        assert store.themes() == [("OLD-1", "旧主题", "bundle", "", [], fields, {})]
        import_bundle(store, load_bundle(FIXTURE_BUNDLE), ScopeSpec(TERMINAL))
        themes = {t.code: t for t in CatalogService(store, ScopeSpec(TERMINAL)).list_themes()}
        assert themes["YJS-T01"].materials == load_bundle(FIXTURE_BUNDLE).themes[0]["materials"]
        assert themes["YJS-T01"].materials and themes["LE-T01"].materials == {}
    finally:
        store.close()
