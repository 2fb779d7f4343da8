"""Laptop fixtures: a laptop terminal (`terminal.role = laptop`) with a real records.db and keystore (file backend),
enrolled over loopback with the in-process reference platform, and the laptop screens' port over its services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.apply.service import ApplyService
from app.context import AppContext
from app.model.apply import ApplySession, SubmissionResult
from app.visits.laptop import LaptopServices
from devices.emulators.demo_cards import resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from tests.integration.apply.conftest import DIBAO_ITEM, SIGNATURE_PNG, dibao_answers, jpeg_page
from tests.support.platform import InProcessPlatform, platform

__all__ = ["CARD", "ID", "fill_dibao", "platform"]

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
def home(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: InProcessPlatform
) -> Path:
    """A laptop's home; its config names the card reader emulator when the test asks for `emulator`."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    h = tmp_path / "home"
    h.mkdir()
    config = f'[terminal]\nrole = "laptop"\n\n[keyring]\nbackend = "file"\n\n[platform]\nurl = "{platform.url}"\n'
    if "emulator" in request.fixturenames:
        port = request.getfixturevalue("emulator").port
        config += f'\n[devices.card]\ndriver = "ga467"\nport = "{port}"\n'
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


def finalise(svc: ApplyService, session: ApplySession) -> SubmissionResult:
    review = svc.review(session)
    assert review.can_finalise, review
    return svc.finalise(session)
