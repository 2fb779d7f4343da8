"""Notices fixtures: a counter terminal (file keystore, the demo catalog) whose A4 printer is a queue of a private
CUPS scheduler (tests/support/cups.py) and whose receipt printer is the virtual ESC/POS printer; `submission`
finalises a real 最低生活保障申请 through the apply flow to issue notices about."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.context import AppContext
from app.model.apply import SubmissionResult
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import DIBAO_ITEM, PASSPHRASE, SIGNATURE_PNG, dibao_answers, jpeg_page
from tests.support.cups import PrivateCups, cups

__all__ = ["QUEUE", "cups", "make_ctx", "submit_dibao"]

QUEUE = "counter-a4"


@pytest.fixture
def vp(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(out_dir=tmp_path / "jobs") as printer:
        yield printer


def make_ctx(home: Path, *, server: str, queue: str = QUEUE, role: str = "counter", thermal: str = "") -> AppContext:
    home.mkdir(parents=True, exist_ok=True)
    lines = ['[keyring]\nbackend = "file"\n', f'[terminal]\nrole = "{role}"\nhall_name = "建水县西庄镇便民服务中心"\n']
    lines.append(f'[printer.a4]\nqueue = "{queue}"\nserver = "{server}"\n')
    if thermal:
        lines.append(f'[devices.printer]\nuri = "{thermal}"\nprofile = "58mm"\nmode = "text"\n')
    (home / "config.toml").write_text("\n".join(lines), encoding="utf-8")
    return AppContext(home)


@pytest.fixture
def counter(
    tmp_path: Path, cups: PrivateCups, vp: VirtualPrinter, monkeypatch: pytest.MonkeyPatch
) -> Iterator[AppContext]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    cups.add_queue(QUEUE)
    ctx = make_ctx(tmp_path / "home", server=cups.server, thermal=vp.uri)
    yield ctx
    ctx.close()


def submit_dibao(ctx: AppContext) -> SubmissionResult:
    """A 最低生活保障申请 received at the counter: card read, form, one material, another deferred (容缺)."""
    svc = ctx.apply
    session = svc.start(DIBAO_ITEM, channel="counter")
    svc.apply_card(session, ctx.identity.read_card(timeout=10))
    assert svc.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG}) == {}
    svc.add_page(session, "application_upload", jpeg_page())
    svc.add_page(session, "hukou_upload", jpeg_page(shade=180))
    for slot in session.slots:
        if slot.owed:
            svc.mark_deferred(session, slot.slot_id)
    return svc.finalise(session, print_receipt=False, consent=True)
