"""Catalog test fixtures: the small fixture bundle imported once per session, copied for tests that write."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.catalog.bundle.load import Bundle, DivisionRow, ScopeSpec, load_bundle, load_divisions
from app.catalog.mirror import open_catalog
from app.catalog.service import CatalogService

FIXTURE_BUNDLE = Path(__file__).parent / "fixtures" / "bundle"
TERMINAL = "532524103205"  # 团山村委会, 西庄镇, 建水县, 红河州 (the default terminal division)


@pytest.fixture(scope="session")
def divisions() -> list[DivisionRow]:
    return load_divisions()


@pytest.fixture
def bundle() -> Bundle:
    """A fresh, mutable copy of the fixture bundle."""
    return load_bundle(FIXTURE_BUNDLE)


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catalog") / "catalog.db"
    service = open_catalog(path, ScopeSpec(TERMINAL), bootstrap=FIXTURE_BUNDLE)
    service.close()
    return path


@pytest.fixture(scope="session")
def catalog(fixture_db: Path) -> Iterator[CatalogService]:
    """Read-only service over the fixture mirror (tests must not record views on it)."""
    service = open_catalog(fixture_db, ScopeSpec(TERMINAL))
    yield service
    service.close()


@pytest.fixture
def writable_catalog(fixture_db: Path, tmp_path: Path) -> Iterator[CatalogService]:
    """A private copy of the fixture mirror for tests that write (popularity, re-import)."""
    path = tmp_path / "catalog.db"
    shutil.copy(fixture_db, path)
    for suffix in ("-wal", "-shm"):
        extra = fixture_db.with_name(fixture_db.name + suffix)
        if extra.exists():
            shutil.copy(extra, path.with_name(path.name + suffix))
    service = open_catalog(path, ScopeSpec(TERMINAL))
    yield service
    service.close()
