"""Fixtures of the counter workspace tests: a counter terminal enrolled with the reference platform over loopback
(staff roster with two clerks and a supervisor), a private CUPS scheduler as its A4 printer, the demo catalog from the
platform, and `dibao` submitting a real 最低生活保障申请 through the apply flow (at the kiosk or as a walk-in)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from sync.platform import staff as platform_staff
from tests.integration.apply.conftest import DIBAO_ITEM, PASSPHRASE, SIGNATURE_PNG, dibao_answers, jpeg_page
from tests.integration.notices.conftest import QUEUE, cups, make_ctx
from tests.support.cli import InProcessCli
from tests.support.cups import PrivateCups
from tests.support.platform import DEMO_DIVISION, InProcessPlatform

__all__ = ["CLERK", "CLERK2", "CLERK2_PW", "CLERK_PW", "SUPER", "SUPER_PW", "cups", "dibao"]

CLERK, CLERK_PW = "c01", "clerk-one-pass"
CLERK2, CLERK2_PW = "c02", "clerk-two-pass"
SUPER, SUPER_PW = "s01", "super-pass-01"


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[InProcessPlatform]:
    with InProcessPlatform(tmp_path / "platform") as p:
        for sid, role, pw in (
            (CLERK, "clerk", CLERK_PW),
            (CLERK2, "clerk", CLERK2_PW),
            (SUPER, "supervisor", SUPER_PW),
        ):
            platform_staff.add_staff(p.store, division=DEMO_DIVISION, staff_id=sid, name=f"员工{sid}", role=role,
                                     secret=pw)  # fmt: skip
        yield p


@pytest.fixture
def counter(
    tmp_path: Path,
    platform: InProcessPlatform,
    cups: PrivateCups,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[AppContext]:
    cups.add_queue(QUEUE)
    home = tmp_path / "home"
    ctx = make_ctx(home, server=cups.server)
    ctx.close()
    with (home / "config.toml").open("a", encoding="utf-8") as f:
        f.write('[staff]\nwindow = "3"\n')
    cli = InProcessCli(capsys, monkeypatch, home, platform_url=platform.url, passphrase=PASSPHRASE)
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    cli.json("catalog", "update")
    cli.json("staff", "sync")
    ctx = AppContext(home)
    yield ctx
    ctx.close()


def dibao(ctx: AppContext, *, walk_in: bool = False) -> Any:
    """A 最低生活保障申请 with its card, form and two materials (the kiosk's, or a walk-in entered by the clerk)."""
    svc = ctx.apply
    session = ctx.counter.start_walk_in(DIBAO_ITEM) if walk_in else svc.start(DIBAO_ITEM, channel="kiosk")
    svc.apply_card(session, ctx.identity.read_card(timeout=10))
    assert svc.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG}) == {}
    svc.add_page(session, "application_upload", jpeg_page())
    svc.add_page(session, "hukou_upload", jpeg_page(shade=180))
    for slot in session.slots:
        if slot.owed:
            svc.mark_deferred(session, slot.slot_id)
    if walk_in:
        return ctx.counter.finish_walk_in(session, consent=True)
    return svc.finalise(session, consent=True)
