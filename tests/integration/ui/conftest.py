"""Fixtures for the kiosk UI tests: fake catalogs, a shown kiosk window, and (once per session) a real demo home."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.support.ui_fakes import FakeCatalog, FakeUnavailable
from ui.ports import CatalogPort
from ui.shell import KioskWindow


@pytest.fixture
def fake_catalog() -> FakeCatalog:
    return FakeCatalog()


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Callable[..., KioskWindow]]:
    """Build a shown 1280×800 kiosk window on a catalog (closed, and its translator removed, at teardown)."""

    def make(catalog: CatalogPort | None, **kwargs: Any) -> KioskWindow:
        kwargs.setdefault("search_debounce_ms", 10)
        kwargs.setdefault("maintenance_errors", (FakeUnavailable,))
        window = KioskWindow(catalog, **kwargs)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory initialised with the bundled demo catalog (the import runs once per session)."""
    from app.context import AppContext

    home = tmp_path_factory.mktemp("demo-home")
    ctx = AppContext(home)
    try:
        assert ctx.catalog.is_demo
    finally:
        ctx.close()
    return home
