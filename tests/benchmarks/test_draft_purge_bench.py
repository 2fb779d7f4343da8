"""Draft retention benchmarks (docs/benchmarks.md, section "Apply", draft retention):

- the idle wipe of a kiosk draft that was not kept, releasing its card photo and page blobs, on a terminal holding
  300 kept drafts (each with a 1,024-byte photo and two 2 KB pages) and 1,000 finalised records;
- `purge_drafts` on that terminal with nothing expired (every draft opened, every blob checked), and with all 300
  drafts expired (rows and 900 blobs removed).

Run: .venv/bin/python -m pytest tests/benchmarks/test_draft_purge_bench.py --benchmark-enable --benchmark-only -s
"""

from __future__ import annotations

import copy
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from tests.integration.apply.conftest import ID_CARD_ITEM, write_config

CARD = {"card_type": "resident_id", "name": "李明华", "id_number": "53252419880315002X", "valid_to": "2038-04-01"}
KEPT = 300


@pytest.fixture
def terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "bench")
    home = tmp_path / "home"
    home.mkdir()
    write_config(home)
    ctx = AppContext(home)
    try:
        ctx.records.make_test(1000, attachment_kb=1)
        for _ in range(KEPT):
            s = _session(ctx)
            ctx.apply.keep_draft(s)
            ctx.apply.discard(s)
        yield ctx
    finally:
        ctx.close()


def _session(ctx: AppContext) -> Any:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    svc.apply_card(s, {**CARD, "photo": {"format": "wlt", "data": os.urandom(1024)}})
    svc.add_page(s, "id_card", os.urandom(2000))
    svc.add_page(s, "hukou", os.urandom(2000))
    return s


def test_idle_wipe_releases_blobs(benchmark: Any, terminal: AppContext) -> None:
    svc = terminal.apply
    times: list[float] = []

    def setup() -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (_session(terminal),), {}

    def run(session: Any) -> None:
        started = time.perf_counter()
        svc.discard(session)
        times.append(time.perf_counter() - started)

    benchmark.pedantic(run, setup=setup, rounds=30, iterations=1)
    times.sort()
    median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
    print(f"\nidle wipe with blob release ({KEPT} drafts, 1,000 records): median {median * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms")  # fmt: skip
    assert len(svc.kept_drafts.drafts()) == KEPT


def test_purge_drafts(benchmark: Any, terminal: AppContext) -> None:
    svc = terminal.apply
    times: list[float] = []

    def run() -> None:
        started = time.perf_counter()
        assert svc.kept_drafts.purge_drafts().drafts == 0
        times.append(time.perf_counter() - started)

    benchmark.pedantic(run, rounds=10, iterations=1)
    later = copy.copy(svc)
    later._clock = lambda: time.time() + 40 * 86_400
    started = time.perf_counter()
    result = later.kept_drafts.purge_drafts()
    expired = time.perf_counter() - started
    print(f"\npurge_drafts, nothing expired ({KEPT} drafts, {KEPT * 3 + 1000} blobs): median "
          f"{statistics.median(times) * 1000:.1f} ms; all {KEPT} expired: {expired * 1000:.0f} ms "
          f"({result.drafts} drafts, {result.blobs} blobs removed)")  # fmt: skip
    assert result.drafts == KEPT and result.blobs == 3 * KEPT
