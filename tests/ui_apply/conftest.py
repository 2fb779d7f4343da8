"""Fixtures for the apply screens: a kiosk window wired to a fake apply service (and a fake catalog)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeCatalog
from tests.ui_apply.fakes import FakeApply
from ui.shell import KioskWindow


@pytest.fixture
def fake_apply() -> FakeApply:
    return FakeApply()


@pytest.fixture
def kiosk(qtbot: QtBot) -> Iterator[Callable[..., KioskWindow]]:
    def make(apply: Any, **kwargs: Any) -> KioskWindow:
        kwargs.setdefault("search_debounce_ms", 10)
        window = KioskWindow(FakeCatalog(), apply=apply, **kwargs)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
