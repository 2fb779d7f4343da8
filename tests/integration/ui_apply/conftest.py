"""Fixtures for the apply screens: a kiosk window wired to a fake apply service (and a fake catalog)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.support.apply_fakes import FakeApply
from tests.support.ui_fakes import FakeCatalog
from ui.ports import ApplyPort
from ui.shell import KioskWindow


@pytest.fixture
def fake_apply() -> FakeApply:
    return FakeApply()


@pytest.fixture
def kiosk(qtbot: QtBot) -> Iterator[Callable[..., KioskWindow]]:
    def make(apply: ApplyPort, **kwargs: Any) -> KioskWindow:
        kwargs.setdefault("search_debounce_ms", 10)
        window = KioskWindow(FakeCatalog(), apply=apply, **kwargs)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make


# Real parts for the end-to-end test: the GA 467 reader emulator on a pty and the virtual ESC/POS printer on
# 127.0.0.1 (the apply tests' fixtures), a `file` scanner importing a generated page, a file keystore.
from pathlib import Path  # noqa: E402

from tests.integration.apply.conftest import PASSPHRASE, emulator, vp  # noqa: E402, F401


@pytest.fixture
def real_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vp: Any, emulator: Any) -> Path:  # noqa: F811
    from PIL import Image, ImageDraw

    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    page = tmp_path / "page.png"
    image = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(image)
    for y in range(80, 800, 40):
        draw.line((60, y, 560, y), fill="black", width=3)
    image.save(page)
    (home / "config.toml").write_text(
        '[keyring]\nbackend = "file"\n\n'
        f'[devices.scanner]\ndriver = "file"\ndevice = "{page}"\n\n'
        f'[devices.printer]\nuri = "{vp.uri}"\nprofile = "58mm"\nmode = "text"\n\n'
        f'[devices.card]\ndriver = "ga467"\nport = "{emulator.port}"\n',
        encoding="utf-8",
    )
    return home
