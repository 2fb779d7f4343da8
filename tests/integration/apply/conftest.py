"""Apply fixtures: a terminal home wired to real parts — the GA 467 reader emulator on a pty, SANE's `test`
backend, the virtual ESC/POS printer on 127.0.0.1 — and a keystore (file backend) holding the data key."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.apply.service import ApplyService
from app.context import AppContext
from app.records.service import CHINA_TZ
from devices.emulators.demo_cards import resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from devices.emulators.virtual_printer import VirtualPrinter

PASSPHRASE = "apply-test-passphrase"
ID_CARD_ITEM = "530000-GA-0001"
"""居民身份证换领 (no 容缺)."""
DIBAO_ITEM = "530000-MZ-0001"
"""最低生活保障申请 (容缺 allowed)."""
THEME = "YJS-001"
"""新生儿出生一件事."""


@pytest.fixture
def vp(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(out_dir=tmp_path / "jobs") as printer:
        yield printer


@pytest.fixture
def emulator() -> Iterator[Ga467PtyEmulator]:
    with Ga467PtyEmulator(resident_card()) as emu:
        yield emu


def write_config(home: Path, *, printer: str = "", card_port: str = "", platform: str = "") -> None:
    lines = ['[keyring]\nbackend = "file"\n']
    if platform:
        lines.append(f'[platform]\nurl = "{platform}"\n')
    lines.append('[devices.scanner]\ndriver = "sane"\ndevice = "test:0"\n')
    if printer:
        lines.append(f'[devices.printer]\nuri = "{printer}"\nprofile = "58mm"\nmode = "text"\n')
    if card_port:
        lines.append(f'[devices.card]\ndriver = "ga467"\nport = "{card_port}"\n')
    (home / "config.toml").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def home(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A terminal home with SANE's test scanner; the virtual printer and the card reader emulator start only for a
    test that names them (`vp`, `emulator`), and the home's config then points at them."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    h = tmp_path / "home"
    h.mkdir()
    printer = request.getfixturevalue("vp").uri if "vp" in request.fixturenames else ""
    card = request.getfixturevalue("emulator").port if "emulator" in request.fixturenames else ""
    write_config(h, printer=printer, card_port=card)
    return h


@pytest.fixture
def ctx(home: Path) -> Iterator[AppContext]:
    c = AppContext(home)
    yield c
    c.close()


def service_today(svc: ApplyService) -> dt.date:
    """Today (China time) by the service's clock."""
    return dt.datetime.fromtimestamp(svc._clock(), CHINA_TZ).date()


def id_card_answers() -> dict[str, Any]:
    """The rest of the 居民身份证换领 form after the card prefilled name, ID, gender, birth date and address."""
    return {"phone": "13800138000", "reason": "expired", "delivery": "window"}


def dibao_answers() -> dict[str, Any]:
    return {
        "phone": "13987654321",
        "household_size": 3,
        "monthly_income": "820.00",
        "reason": "illness",
    }


def newborn_answers() -> dict[str, Any]:
    """The 新生儿出生一件事 (THEME) form after the card prefilled the applying parent (李明华, the father)."""
    return {
        "child_name": "李小米",
        "child_gender": "女",
        "child_birth": "2026-11-20",
        "mother_name": "王芳",
        "mother_id": "53252419900101002X",
        "father_name": "李明华",
        "father_id": "53252419880315002X",
        "phone": "13800138000",
        "birth_cert_no": "Q530012345",
        "follow": "father",
        "bank": "rcc",
    }


SIGNATURE_PNG = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def jpeg_page(width: int = 64, height: int = 48, shade: int = 200) -> bytes:
    """A real (decodable) JPEG page: what a scanner produces."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (shade, shade, shade)).save(out, format="JPEG")
    return out.getvalue()


def dump(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
