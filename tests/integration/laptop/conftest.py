"""Laptop fixtures: a laptop terminal (`terminal.role = laptop`) with a real records.db and keystore (file backend),
enrolled over loopback with the in-process reference platform, and the laptop screens' port over its services."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from app.apply.agent import agent_of
from app.apply.service import ApplyService
from app.context import AppContext
from app.model.apply import ApplySession, SubmissionResult
from app.visits.consent import Agent, AgentConsent
from app.visits.laptop import LaptopServices
from devices.emulators.demo_cards import resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import DIBAO_ITEM, SIGNATURE_PNG, dibao_answers, jpeg_page
from tests.support.platform import InProcessPlatform, platform

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

__all__ = ["CARD", "ID", "PROXY_ITEM", "fill_dibao", "fill_proxy", "finalise", "platform", "shot", "signature_png"]

PASSPHRASE = "laptop-test-passphrase"
ID = "53252419880315002X"
CARD: dict[str, Any] = {
    "card_type": "resident_id",
    "name": "李明华",
    "gender": "女",
    "birth_date": "1988-03-15",
    "address": "云南省建水县西庄镇团山村12号",
    "id_number": ID,
    "valid_to": "2038-04-01",
}


@pytest.fixture
def emulator() -> Iterator[Ga467PtyEmulator]:
    """The laptop's USB ID-card reader: a GA 467 reader emulated on a pty, the demo card on it."""
    with Ga467PtyEmulator(resident_card()) as emu:
        yield emu


@pytest.fixture
def vp(tmp_path: Path) -> Iterator[VirtualPrinter]:
    """The laptop's portable receipt printer: the virtual ESC/POS printer on 127.0.0.1, each job rendered to a PNG."""
    with VirtualPrinter(out_dir=tmp_path / "jobs") as printer:
        yield printer


@pytest.fixture
def home(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: InProcessPlatform
) -> Path:
    """A laptop's home with SANE's test scanner; its config names the card reader emulator and the virtual printer
    when the test asks for `emulator` or `vp`."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    h = tmp_path / "home"
    h.mkdir()
    config = f'[terminal]\nrole = "laptop"\n\n[keyring]\nbackend = "file"\n\n[platform]\nurl = "{platform.url}"\n'
    if "emulator" in request.fixturenames:
        port = request.getfixturevalue("emulator").port
        config += f'\n[devices.card]\ndriver = "ga467"\nport = "{port}"\n'
    config += '\n[devices.scanner]\ndriver = "sane"\ndevice = "test:0"\n'
    if "vp" in request.fixturenames:
        uri = request.getfixturevalue("vp").uri
        config += f'\n[devices.printer]\nuri = "{uri}"\nprofile = "58mm"\nmode = "text"\n'
    (h / "config.toml").write_text(config, encoding="utf-8")
    return h


@pytest.fixture
def ctx(home: Path, platform: InProcessPlatform) -> Iterator[AppContext]:
    c = AppContext(home)
    _ = c.catalog  # the demo catalog, filled before enrollment (an enrolled terminal never gets the demo)
    c.enrollment.enroll(platform.enroll_code(), platform.url)
    yield c
    c.close()


@pytest.fixture
def laptop(ctx: AppContext) -> LaptopServices:
    from app.main import laptop_services

    return laptop_services(ctx)


def fill_dibao(svc: ApplyService, *, shade: int = 200) -> ApplySession:
    """A 最低生活保障 application on the laptop channel, ready to finalise (card typed, two pages, the rest 容缺)."""
    session = svc.start(DIBAO_ITEM, channel="laptop")
    svc.apply_card(session, CARD)
    assert svc.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG}) == {}
    svc.add_page(session, "application_upload", jpeg_page(shade=shade))
    svc.add_page(session, "hukou_upload", jpeg_page(width=80, shade=shade))
    for slot in session.slots:
        if slot.owed:
            svc.mark_deferred(session, slot.slot_id)
    return session


def shot(window: QWidget, name: str, tmp_path: Path) -> Path:
    """A screenshot of the window (offscreen grab), kept under `$LAPTOP_SHOTS` when set, to be looked at."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    folder = Path(os.environ.get("LAPTOP_SHOTS", tmp_path / "shots"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert window.grab().save(str(path))
    return path


def signature_png(*, ink: bool = True, seed: str = "") -> bytes:
    """A villager's signature as the laptop's pad draws it: a white 560×240 PNG with a stroke (none: a blank pad)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (560, 240), "white")
    if ink:
        draw = ImageDraw.Draw(image)
        draw.line([(60, 170), (140, 90), (200, 160), (280, 80), (380, 170), (480, 110)], fill="#10203a", width=5)
        for n, ch in enumerate(seed.replace("-", "")[:16]):  # each villager signs differently (distinct attachments)
            draw.ellipse([20 + n * 32, 200 + int(ch, 16), 26 + n * 32, 206 + int(ch, 16)], fill="#10203a")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


PROXY_ITEM = "530000-MZ-0024"
"""最低生活保障申请代办: names a required 代为申请委托书 (signed by the applicant), no 容缺 for it."""


def fill_proxy(ctx: AppContext, session: ApplySession) -> ApplySession:
    """A 最低生活保障申请代办 session filled in, every required material scanned except the 委托书."""
    from tests.integration.apply.conftest import SIGNATURE_PNG as FORM_SIGNATURE

    svc = ctx.apply
    svc.apply_card(session, CARD)
    answers: dict[str, object] = {"phone": "13800138000", "household_size": 3}
    for f in session.form.fields:
        if f.prefill == "card.name":
            answers[f.id] = CARD["name"]
        elif f.prefill == "card.id_number":
            answers[f.id] = ID
        elif f.type == "signature":
            answers[f.id] = FORM_SIGNATURE
    svc.save_page(session, answers)
    for slot in session.slots:
        if "委托书" not in slot.name and slot.required and not slot.pages:
            svc.add_page(session, slot.slot_id, jpeg_page())
    return session


def finalise(svc: ApplyService, session: ApplySession) -> SubmissionResult:
    """Finalise a laptop application the way the worker does: the villager's signature as consent, then 提交."""
    if agent_of(session) is None:
        png = signature_png(seed=session.session_id)
        AgentConsent(lambda: svc).sign(session, png, Agent("local", "", "grid_worker"))
    review = svc.review(session)
    assert review.can_finalise, review
    return svc.finalise(session, consent=True)
