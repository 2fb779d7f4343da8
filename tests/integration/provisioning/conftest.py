"""Fixtures for provisioning: a fresh terminal home (file keystore, virtual printer, a page for the file scanner, no
enrollment and no technician PIN) and the reference platform on loopback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from app.context import AppContext
from devices.emulators.virtual_printer import VirtualPrinter
from tests.support.platform import InProcessPlatform

PASSPHRASE = "provisioning-test-passphrase"
CONFIG = (
    "# this terminal\n"
    '[keyring]\nbackend = "file"  # no Secret Service here\n\n'
    '[platform]\n# the old one\nurl = "http://127.0.0.1:9"\n'
    '[devices.printer]\nuri = "{printer}"\nmode = "text"\n'
    '[devices.scanner]\ndriver = "file"\ndevice = "{page}"\n'
)


def qr_page(text: str | None, path: Path) -> Path:
    """An A4 page at 100 dpi with a heading box and, when `text` is given, its QR code pasted in."""
    import qrcode

    page = Image.new("RGB", (827, 1169), "white")
    ImageDraw.Draw(page).rectangle((80, 80, 700, 300), outline="black", width=4)
    if text is not None:
        qr = qrcode.make(text, box_size=6, border=4).get_image().convert("RGB")
        page.paste(qr, (260, 420))
    page.save(path, dpi=(100, 100))
    return path


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(out_dir=tmp_path / "receipts") as vp:
        yield vp


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[InProcessPlatform]:
    with InProcessPlatform(tmp_path / "platform") as p:
        yield p


@pytest.fixture
def make_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, printer: VirtualPrinter) -> Callable[..., Path]:
    """A fresh terminal home; `config_at` puts config.toml elsewhere with a symlink to it in the home."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    made: list[Path] = []

    def make(qr: str | None = None, config_at: Path | None = None) -> Path:
        home = tmp_path / f"home{len(made)}"
        home.mkdir()
        page = qr_page(qr, home / "page.png")
        text = CONFIG.format(printer=printer.uri, page=page)
        if config_at is None:
            (home / "config.toml").write_text(text, encoding="utf-8")
        else:
            config_at.parent.mkdir(parents=True, exist_ok=True)
            config_at.write_text(text, encoding="utf-8")
            (home / "config.toml").symlink_to(config_at)
        made.append(home)
        return home

    return make


@pytest.fixture
def make_ctx(make_home: Callable[..., Path]) -> Iterator[Callable[..., AppContext]]:
    made: list[AppContext] = []

    def make(qr: str | None = None, config_at: Path | None = None) -> AppContext:
        ctx = AppContext(make_home(qr, config_at))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()
