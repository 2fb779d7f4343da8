"""The suite-sized delivery proof: 100 records with 200 KiB attachments, ≥ 20 faults, 2 client SIGKILLs and a
platform SIGKILL + restart; afterwards exactly 100 records on the platform, attachments byte-identical, 0 pending.
The full-size run (1,000 records, ≥ 100 faults, 5 kills, 2 restarts) is tests/benchmarks/test_sync_bench.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.proof import describe, run_proof


@pytest.mark.slow
def test_proof_under_faults(tmp_path: Path) -> None:
    result = run_proof(
        tmp_path, records=100, attachment_kb=200, min_faults=20, kills=2, platform_restarts=1, fault_rate=0.08, seed=3
    )
    print(json.dumps(describe(result), ensure_ascii=False))
    assert result.kills == 2 and result.platform_restarts == 1
    assert result.total_faults >= 20
    assert result.attachment_bytes == 100 * 200 * 1024
    assert result.platform_stats["records"] == 100
