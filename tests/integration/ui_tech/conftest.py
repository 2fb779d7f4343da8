"""Fixtures for the technician/device/sync glue: a terminal with a virtual printer, a simulated card reader, a demo
page for the file scanner, a file keystore, and (where asked) the reference platform in a thread."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.technician.credential import TechnicianCredential
from app.technician.service import TechnicianService
from devices.emulators.virtual_printer import VirtualPrinter
from tests.support.platform import InProcessPlatform
from tests.support.ui_fakes import FakeCatalog
from ui.shell import KioskWindow

PASSPHRASE = "ui-tech-test-passphrase"
PIN = "246810"


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(out_dir=tmp_path / "receipts") as vp:
        yield vp


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[InProcessPlatform]:
    p = InProcessPlatform(tmp_path / "platform").start()
    yield p
    p.stop()


@pytest.fixture
def make_ctx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, printer: VirtualPrinter
) -> Iterator[Callable[..., AppContext]]:
    """A terminal: file keystore, virtual printer, simulated card reader, a one-page PNG for the file scanner."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    made: list[AppContext] = []

    def make(platform_url: str = "http://127.0.0.1:9") -> AppContext:
        from PIL import Image, ImageDraw

        home = tmp_path / f"home{len(made)}"
        home.mkdir()
        page = home / "page.png"
        img = Image.new("RGB", (827, 1169), "white")
        ImageDraw.Draw(img).rectangle((80, 80, 700, 300), outline="black", width=4)
        img.save(page, dpi=(100, 100))
        (home / "config.toml").write_text(
            f'[keyring]\nbackend = "file"\n[platform]\nurl = "{platform_url}"\n'
            f'[devices.printer]\nuri = "{printer.uri}"\nmode = "text"\n'
            f'[devices.scanner]\ndriver = "file"\ndevice = "{page}"\n',
            encoding="utf-8",
        )
        TechnicianCredential(home).set_pin(PIN)
        ctx = AppContext(home)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def window(qtbot: QtBot) -> KioskWindow:
    w = KioskWindow(FakeCatalog(), search_debounce_ms=10)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def tech_for(ctx: AppContext) -> TechnicianService:
    return TechnicianService(ctx)
