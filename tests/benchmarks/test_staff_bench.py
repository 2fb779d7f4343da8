"""Staff log-in benchmark (docs/benchmarks.md, section "Staff log-in and the counter queue"): one offline log-in on a
records.db holding a signed roster of 50 accounts: the stored roster re-verified (Ed25519), the account's argon2id
hash verified with the platform's parameters (t=3, m=64 MiB, p=4), the audit entry written; and the hash itself on
the platform (`yunban platform staff add`).

Run: .venv/bin/python -m pytest tests/benchmarks/test_staff_bench.py --benchmark-enable --benchmark-only -s
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.audit.service import AuditLog
from app.config import StaffConfig
from app.staff.service import StaffService
from local_db.records.store import RecordsDB
from sync import protocol
from sync.platform.staff import hash_secret

DIVISION = "532524103205"


@pytest.fixture
def staff(tmp_path: Path) -> Any:
    signer = protocol.generate_signer()
    db = RecordsDB(tmp_path / "records.db")
    audit = AuditLog(db)
    service = StaffService(
        db,
        division=DIVISION,
        settings=StaffConfig(),
        verifier=signer.verifier,
        terminal_id=lambda: "T1",
        audit=lambda: audit,
    )
    digest = hash_secret("clerk-password")
    page = {
        "kind": "staff_roster",
        "division": DIVISION,
        "terminal_id": "T1",
        "version": 50,
        "issued_at": "2026-12-07T00:00:00Z",
        "staff": [
            {
                "staff_id": f"c{n:02d}",
                "name": f"员工{n}",
                "role": "clerk",
                "secret_hash": digest,
                "revoked_at": None,
                "updated_at": "2026-12-07T00:00:00Z",
            }
            for n in range(50)
        ],
    }
    service.apply_roster(protocol.sign_envelope(signer, page))
    yield service
    db.close()


def test_bench_staff_login(benchmark: Any, staff: StaffService) -> None:
    session = benchmark.pedantic(lambda: staff.login("c07", "clerk-password"), rounds=10, iterations=1)
    assert session.staff_id == "c07"


def test_bench_platform_hash(benchmark: Any) -> None:
    digest = benchmark.pedantic(lambda: hash_secret("clerk-password"), rounds=10, iterations=1)
    assert digest.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
