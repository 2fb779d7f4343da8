"""Sync benchmarks (docs/benchmarks.md, section "Sync"):

- outbox delivery throughput with no faults vs a raw httpx upload of the same bytes to the same kind of server
  (target ratio ≥ 0.5), both against `yunban platform serve` child processes;
- the full delivery proof under faults: 1,000 records with 200 KiB attachments, ≥ 100 faults, 5 client
  SIGKILLs, 2 platform restarts; time to drain.

Run: .venv/bin/python -m pytest tests/benchmarks/test_sync_bench.py --benchmark-enable --benchmark-only -s
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.records.service import AttachmentStore, RecordsService
from app.sync.service import SyncService, SyncSettings
from local_db.records.store import RecordsDB
from sync import protocol
from tests.integration.sync.conftest import enroll
from tests.support.platform import DEMO_DIVISION, PlatformProcess
from tests.support.proof import describe, run_proof


def _platform(data: Path) -> PlatformProcess:
    return PlatformProcess(data).start()


def _code(platform: PlatformProcess) -> str:
    from sync.platform import admin as platform_main

    store = platform_main.open_store(platform.data)
    try:
        return platform_main.enroll_code(store, DEMO_DIVISION)
    finally:
        store.close()


def test_outbox_throughput_vs_raw_httpx(benchmark: Any, tmp_path: Path) -> None:
    n, kb = 200, 200
    outbox_platform = _platform(tmp_path / "p-outbox")
    raw_platform = _platform(tmp_path / "p-raw")
    try:
        creds = enroll(outbox_platform.url, _code(outbox_platform))
        home = tmp_path / "t"
        home.mkdir()
        db = RecordsDB(home / "records.db")
        files = AttachmentStore(home / "attachments")
        records = RecordsService(db, files, terminal_code=DEMO_DIVISION + "01", signer=lambda: creds.signer)
        made = records.make_test(n, attachment_kb=kb)
        sync = SyncService(
            db, files, platform_url=outbox_platform.url, credentials=lambda: creds, settings=SyncSettings()
        )

        # The raw baseline: the same attachment bytes and the same record bodies, one PATCH + one POST each, from a
        # bare httpx.Client with nothing persisted.
        raw_creds = enroll(raw_platform.url, _code(raw_platform))
        bodies = []
        for m in made:
            row = db.get_record(m.record_id)
            assert row is not None
            sig = protocol.b64encode(raw_creds.signer.sign(protocol.record_signing_bytes(row.content_hash)))
            body = {
                "record_id": row.record_id,
                "kind": row.kind,
                "content_hash": row.content_hash,
                "created_at": row.created_at,
                "sequence": row.seq,
                "receipt_no": row.receipt_no,
                "payload": json.loads(row.payload),
                "attachments": [m.attachments[0].sha256],
                "signature": sig,
                "envelope_signature": protocol.b64encode(
                    raw_creds.signer.sign(
                        protocol.record_envelope_bytes(
                            record_id=row.record_id,
                            kind=row.kind,
                            receipt_no=row.receipt_no,
                            sequence=row.seq,
                            terminal_id=raw_creds.terminal_id,
                            content_hash_hex=row.content_hash,
                        )
                    )
                ),
            }
            bodies.append((m.attachments[0].sha256, files.path(m.attachments[0].sha256).read_bytes(), body))
        headers = {"Authorization": f"Bearer {raw_creds.token}", protocol.HEADER_TERMINAL: raw_creds.terminal_id}

        def raw() -> float:
            t0 = time.perf_counter()
            with httpx.Client(base_url=raw_platform.url, headers=headers, timeout=30) as client:
                for sha, data, body in bodies:
                    r = client.patch(
                        f"/v1/attachments/{sha}",
                        content=data,
                        headers={protocol.HEADER_UPLOAD_OFFSET: "0", protocol.HEADER_UPLOAD_LENGTH: str(len(data))},
                    )
                    assert r.status_code == 200 and r.json()["complete"]
                    assert client.post("/v1/records", json=body).status_code == 201
            return time.perf_counter() - t0

        raw_s = raw()
        timings: dict[str, float] = {}

        def outbox() -> None:
            t0 = time.perf_counter()
            report = sync.run_until_idle(timeout_s=600)
            timings["outbox_s"] = time.perf_counter() - t0
            assert report.delivered == n and report.pending == 0

        benchmark.pedantic(outbox, rounds=1, iterations=1)
        total_mb = n * kb * 1024 / 1e6
        info = {
            "records": n,
            "attachment_kb": kb,
            "outbox_s": round(timings["outbox_s"], 2),
            "raw_s": round(raw_s, 2),
            "outbox_MB_s": round(total_mb / timings["outbox_s"], 2),
            "raw_MB_s": round(total_mb / raw_s, 2),
            "ratio": round(raw_s / timings["outbox_s"], 2),
        }
        benchmark.extra_info.update(info)
        print(json.dumps(info))
        assert info["ratio"] >= 0.5
        db.close()
    finally:
        outbox_platform.stop()
        raw_platform.stop()


@pytest.mark.skipif(os.environ.get("YUNBAN_SKIP_FULL_PROOF") == "1", reason="YUNBAN_SKIP_FULL_PROOF=1")
def test_full_proof_under_faults(benchmark: Any, tmp_path: Path) -> None:
    results: list[Any] = []

    def proof() -> None:
        results.append(
            run_proof(
                tmp_path,
                records=1000,
                attachment_kb=200,
                min_faults=100,
                kills=5,
                platform_restarts=2,
                fault_rate=0.03,
                seed=7,
            )
        )

    benchmark.pedantic(proof, rounds=1, iterations=1)
    result = results[0]
    info = describe(result)
    benchmark.extra_info.update(info)
    print(json.dumps(info, ensure_ascii=False))
    assert result.kills == 5 and result.platform_restarts == 2 and result.total_faults >= 100
    assert result.platform_stats["records"] == 1000
