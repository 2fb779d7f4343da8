"""Formal notice benchmarks (app/notices/): building and drawing a notice as an A4 PDF (reportlab, embedded CJK
subset), issuing it (number + PDF + state file), and printing it through a real CUPS scheduler (private cupsd,
capture backend) until the backend holds the document; the audit log's append and a full verify.

Contract: skipped by default (`--benchmark-skip` in addopts); run with `QT_QPA_PLATFORM=offscreen .venv/bin/python
-m pytest tests/benchmarks/test_notices_bench.py --benchmark-enable --benchmark-only`; figures in docs/benchmarks.md.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.audit.service import AuditLog
from app.context import AppContext
from app.model.apply import SubmissionResult
from app.notices.documents import NoticeRequest
from app.notices.pdf import render_bytes
from local_db.records.store import RecordsDB
from tests.integration.notices.conftest import QUEUE, make_ctx, submit_dibao
from tests.support.cups import PrivateCups, cups

__all__ = ["cups"]

KINDS = ["acceptance", "refusal", "correction", "one_time", "receipt"]


@pytest.fixture
def counter(tmp_path: Path, cups: PrivateCups, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[AppContext, Any]]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "bench")
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    cups.add_queue(QUEUE)
    ctx = make_ctx(tmp_path / "home", server=cups.server)
    yield ctx, submit_dibao(ctx)
    ctx.close()


def _request(kind: str, result: SubmissionResult) -> NoticeRequest:
    return NoticeRequest(
        kind,
        receipt_no=None if kind == "one_time" else result.receipt_no,
        item_codes=("530000-MZ-0001",) if kind == "one_time" else (),
        reason="家庭人均收入高于当地最低生活保障标准" if kind == "refusal" else None,
        materials=("家庭收入和财产状况申报表", "居民户口簿") if kind == "correction" else (),
        clerk_id="clerk-0007",
        window="3号窗口",
    )


@pytest.mark.parametrize("kind", KINDS)
def test_build_and_draw(benchmark: Any, counter: tuple[AppContext, SubmissionResult], kind: str) -> None:
    """Build the notice from the catalog and the receipt facts, draw the PDF in memory."""
    ctx, result = counter
    request = _request(kind, result)
    render_bytes(ctx.notices.build(request))  # font registration once, outside the timing
    data = benchmark(lambda: render_bytes(ctx.notices.build(request)))
    benchmark.extra_info["bytes"] = len(data)


def test_issue(benchmark: Any, counter: tuple[AppContext, SubmissionResult]) -> None:
    """issue(): refuse-or-build, number (records.db), draw, seal and write the PDF, its lines and its state (fsync)."""
    ctx, result = counter
    request = _request("acceptance", result)
    ctx.notices.issue(request)
    issued = benchmark(ctx.notices.issue, request)
    benchmark.extra_info["bytes"] = issued.bytes


def test_print_through_cups(benchmark: Any, counter: tuple[AppContext, SubmissionResult], cups: PrivateCups) -> None:
    """print(): lpstat -r, lpstat -p/-a, lp, until the capture backend has written the document."""
    ctx, result = counter
    issued = ctx.notices.issue(_request("acceptance", result))

    def print_and_wait() -> None:
        outcome = ctx.notices.print(issued.ref, target="a4")
        assert outcome.printed
        cups.wait_job(str(outcome.job))

    benchmark.pedantic(print_and_wait, rounds=15, iterations=1, warmup_rounds=1)


def test_audit_append_and_verify(benchmark: Any, tmp_path: Path) -> None:
    """One audit entry appended (no batch), then verify over 10,000 entries."""
    db = RecordsDB(tmp_path / "records.db")
    log = AuditLog(db)
    started = time.perf_counter()
    for n in range(10_000):
        log.record("receipt.reprint", actor="technician", subject=f"R{n}")
    benchmark.extra_info["append_10k_s"] = round(time.perf_counter() - started, 2)
    report = benchmark.pedantic(log.verify, rounds=5, iterations=1)
    assert report.ok and report.entries == 10_000
    db.close()


@pytest.mark.parametrize("head", [True, False], ids=["keystore-head", "no-head"])
def test_audit_record_on_a_terminal(
    benchmark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, head: bool
) -> None:
    """`ctx.audit.record` on a terminal with the file keystore: append, with or without the head mirrored in the
    keystore (flock, AES-GCM, fsync); batching off (a batch is its own cost)."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "bench")
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")
    ctx = AppContext(home)
    try:
        log = ctx.audit
        log.batch_entries = 10**9
        if not head:
            log.head = None
        log.record("login", actor="technician")  # keystore opened (scrypt) outside the timing
        benchmark.pedantic(lambda: log.record("login", actor="technician"), rounds=50, iterations=1)
    finally:
        ctx.close()
