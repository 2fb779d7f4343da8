"""Counter queue benchmark (docs/benchmarks.md, section "Staff log-in and the counter queue"): `CounterService.queue`
on a terminal holding 1,000 submissions of today (payloads encrypted at rest, sealed receipt facts, every third with a
decision), unfiltered, filtered (待补正) and searched by name; each row decrypted, masked and filtered.

Run: .venv/bin/python -m pytest tests/benchmarks/test_counter_bench.py --benchmark-enable --benchmark-only -s
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.config import StaffConfig
from app.context import AppContext
from app.counter.service import CounterService
from app.records.crypto import seal
from app.staff.service import StaffService
from local_db.records.apply_tables import ReceiptRow
from local_db.records.counter import CounterTable, DecisionRow
from sync import protocol
from sync.platform.staff import hash_secret

COUNT = 1000
NAMES = ["李明华", "王芳", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]


@pytest.fixture
def counter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CounterService]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "bench")
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n[terminal]\nrole = "counter"\n', encoding="utf-8")
    ctx = AppContext(home)
    signer = protocol.generate_signer()
    division = ctx.config.terminal.division_code
    staff = StaffService(ctx.records_db, division=division, settings=StaffConfig(), verifier=signer.verifier,
                         terminal_id=lambda: "T1")  # fmt: skip
    page = {"kind": "staff_roster", "division": division, "terminal_id": "T1", "version": 1,
            "issued_at": "2026-12-07T00:00:00Z",
            "staff": [{"staff_id": "c01", "name": "窗口", "role": "clerk", "secret_hash": hash_secret("clerk-pass"),
                       "revoked_at": None, "updated_at": "2026-12-07T00:00:00Z"}]}  # fmt: skip
    staff.apply_roster(protocol.sign_envelope(signer, page))
    cipher = ctx.data_cipher
    table = CounterTable(ctx.records_db)
    for n in range(COUNT):
        name = NAMES[n % len(NAMES)] + str(n % 97)
        payload: dict[str, Any] = {
            "item_code": "530000-MZ-0001",
            "item_name": "最低生活保障申请",
            "channel": "counter" if n % 4 == 0 else "kiosk",
            "applicant": {"name": name, "id_number": "53252419880315002X"},
            "form": {"reason": "因病致贫" * 20},
            "items": [{"code": "530000-MZ-0001", "name": "最低生活保障申请"}],
            "materials": [{"name": "申请书", "pages": []}, {"name": "户口簿", "pages": []}],
        }
        rec = ctx.records.finalise(kind="submission", payload=payload)
        assert rec.receipt_no is not None
        facts = {"title": "最低生活保障申请", "items": [["530000-MZ-0001", "最低生活保障申请"]], "applicant": name,
                 "received": [["申请书", 1]], "owed": ["户口簿"], "deferred": [], "due_date": None}  # fmt: skip
        blob = seal(cipher, json.dumps(facts, ensure_ascii=False).encode(), rec.receipt_no.encode())
        ctx.apply.tables.add_receipt(ReceiptRow(rec.receipt_no, rec.record_id, None, "ABCDEF12", blob))
        if n % 3 == 0:
            kind = ("correct", "accept", "defer")[n % 9 // 3]
            row = DecisionRow(
                str(uuid.uuid4()),
                rec.record_id,
                rec.receipt_no,
                kind,
                "户口簿缺少户主页",
                "",
                ("户口簿",),
                None,
                "c01",
                "3",
                rec.created_at,
            )  # fmt: skip (reason sealed at rest)
            table.add_decision(row)
    service = CounterService(ctx.records_db, staff=staff, records=lambda: ctx.records, cipher=lambda: cipher,
                             read_attachment=ctx.attachment_store.read_all, item=ctx.catalog.get_item,
                             apply=lambda: ctx.apply)  # fmt: skip
    service.login("c01", "clerk-pass")
    yield service
    ctx.close()


def test_bench_queue_1000(benchmark: Any, counter: CounterService) -> None:
    entries = benchmark.pedantic(counter.queue, rounds=10, iterations=1)
    assert len(entries) == COUNT


def test_bench_queue_1000_filtered(benchmark: Any, counter: CounterService) -> None:
    entries = benchmark.pedantic(lambda: counter.queue("correction"), rounds=10, iterations=1)
    assert 0 < len(entries) < COUNT


def test_bench_queue_1000_search(benchmark: Any, counter: CounterService) -> None:
    entries = benchmark.pedantic(lambda: counter.queue(search="王芳1"), rounds=10, iterations=1)
    assert entries and all(e.applicant.startswith("王") for e in entries)
