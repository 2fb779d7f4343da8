"""Apply benchmarks (docs/benchmarks.md, section "Apply"):

- finalise → receipt bytes at the virtual printer: a filled 居民身份证换领 session with two scanned pages (about
  200 KB each) finalised (validation, encrypted attachments re-read, canonical JSON, signature, record + outbox +
  receipt row in one transaction) and its 受理回执 laid out and received by the virtual ESC/POS printer over TCP
  (target ≤ 300 ms, median and p95);
- 1,000 finalised submissions: time per record and records.db size per record.

Run: .venv/bin/python -m pytest tests/benchmarks/test_apply_bench.py --benchmark-enable --benchmark-only -s
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import ID_CARD_ITEM, id_card_answers, write_config

CARD = {
    "card_type": "resident_id",
    "name": "李明华",
    "id_number": "53252419880315002X",
    "gender": "女",
    "birth_date": "1988-03-15",
    "address": "云南省建水县西庄镇团山村委会团山村12号",
    "valid_to": "2038-04-01",
}


@pytest.fixture
def terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[AppContext, VirtualPrinter]]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "bench")
    home = tmp_path / "home"
    home.mkdir()
    with VirtualPrinter(out_dir=None) as vp:
        write_config(home, printer=vp.uri)
        ctx = AppContext(home)
        try:
            yield ctx, vp
        finally:
            ctx.close()


def _session(ctx: AppContext, pages: tuple[bytes, bytes] | None) -> Any:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    svc.apply_card(s, CARD)
    svc.save_page(s, id_card_answers())
    if pages is None:
        pages = (os.urandom(200_000), os.urandom(200_000))
    svc.add_page(s, "id_card", pages[0])
    svc.add_page(s, "hukou", pages[1])
    return s


def test_finalise_to_receipt_at_printer(benchmark: Any, terminal: tuple[AppContext, VirtualPrinter]) -> None:
    ctx, vp = terminal
    svc = ctx.apply
    svc.start(ID_CARD_ITEM)  # warm the catalog
    times: list[float] = []

    def setup() -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (_session(ctx, None),), {}

    def run(session: Any) -> None:
        jobs = len(vp.jobs)
        started = time.perf_counter()
        result = svc.finalise(session, print_receipt=True, consent=True)
        vp.wait_for_jobs(jobs + 1)
        times.append(time.perf_counter() - started)
        assert result.printed

    benchmark.pedantic(run, setup=setup, rounds=40, iterations=1)
    times.sort()
    median = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"\nfinalise → receipt at printer: median {median * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, n={len(times)}")
    assert vp.jobs[-1].text.count("受理回执") == 1


def test_thousand_finalised_records(benchmark: Any, terminal: tuple[AppContext, VirtualPrinter]) -> None:
    ctx, _ = terminal
    svc = ctx.apply
    n = 1000
    db_path = ctx.paths.records_db
    sessions = [_session(ctx, (os.urandom(2000), os.urandom(2000))) for _ in range(n)]

    def run() -> None:
        for s in sessions:
            svc.finalise(s, consent=True)

    started = time.perf_counter()
    benchmark.pedantic(run, rounds=1, iterations=1)
    elapsed = time.perf_counter() - started
    from local_db.records.store import RecordsDB

    empty = RecordsDB(db_path.parent / "empty.db")
    empty.conn.execute("VACUUM")
    empty.close()
    baseline = (db_path.parent / "empty.db").stat().st_size
    ctx.records_db.conn.execute("VACUUM")  # the 1,000 autosaved drafts were deleted when finalised
    ctx.records_db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db_path.stat().st_size
    print(
        f"\n{n} finalised submissions (2 pages each): {elapsed:.1f} s ({elapsed / n * 1000:.1f} ms each); "
        f"records.db {size / 1e6:.2f} MB, {(size - baseline) / n / 1024:.2f} KiB per record"
    )
    assert ctx.records_db.record_count() == n
