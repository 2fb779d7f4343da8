"""The delivery proof under faults (exactly once through faults, kills and restarts), shared by the test suite
(small) and the benchmark (full size).

Records are created offline with `yunban records make-test`; then `yunban sync run --until-idle` child processes
deliver them through the fault proxy to a `yunban platform serve` child process, while this harness SIGKILLs the
client at random moments and restarts it, and SIGKILLs and restarts the platform on the same port. Afterwards the
platform's own database and blob files are compared with the terminal's.
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from local_db.records.store import RecordsDB
from sync.platform.store import PlatformStore
from tests.support.cli import enroll_terminal, make_home, terminal_env, yb_json
from tests.support.faultproxy import FaultProxy
from tests.support.platform import DEMO_DIVISION, REPO, YUNBAN, PlatformProcess

FAULT_MIX = (
    ["reset"] * 3
    + ["reset_after"] * 3
    + ["cut_request"] * 2
    + ["cut_response"] * 3
    + ["http"] * 4
    + ["replace"] * 2
    + ["blackhole"]
)
"""Per-request faults drawn at random (weights by repetition; a blackhole costs one HTTP timeout)."""

RUN_OPTIONS = [
    "--backoff-base",
    "0.02",
    "--backoff-cap",
    "0.25",
    "--http-timeout",
    "1.5",
    "--probe-interval",
    "0.1",
    "--chunk-kb",
    "64",
]


@dataclass
class ProofResult:
    records: int
    attachment_bytes: int
    faults: dict[str, int]
    kills: int
    platform_restarts: int
    runs: int
    drain_s: float
    make_s: float
    platform_stats: dict[str, int] = field(default_factory=dict)

    @property
    def total_faults(self) -> int:
        return sum(self.faults.values())


def _start_sync(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    out = open(log, "ab")  # noqa: SIM115 - closed when the process is reaped
    return subprocess.Popen(
        [*YUNBAN, "sync", "run", "--until-idle", "--timeout", "600", *RUN_OPTIONS, "--json"],
        cwd=REPO,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )


def run_proof(
    tmp: Path,
    *,
    records: int,
    attachment_kb: int,
    min_faults: int,
    kills: int,
    platform_restarts: int,
    fault_rate: float,
    seed: int = 1,
) -> ProofResult:
    rng = random.Random(seed)
    platform = PlatformProcess(tmp / "platform").start()
    proxy = FaultProxy(platform.port).start()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        home = make_home(tmp / "terminal")
        env = terminal_env(home, proxy.url)
        code = json.loads(platform.admin("enroll-code", "--division", DEMO_DIVISION, "--json").stdout)["code"]
        enroll_terminal(env, platform.url, code)

        # Offline: nothing of this touches the network.
        t0 = time.monotonic()
        made = yb_json(env, "records", "make-test", "--count", str(records), "--attachment-kb", str(attachment_kb))
        make_s = time.monotonic() - t0
        assert made["created"] == records and made["pending"] == records

        proxy.randomise(fault_rate, FAULT_MIX, seed=seed)
        proxy.latency_s = 0.0005
        log = tmp / "sync-runs.log"
        strikes = ["kill"] * kills + ["platform"] * platform_restarts
        rng.shuffle(strikes)
        done_kills = done_restarts = 0
        t0 = time.monotonic()
        proc = _start_sync(env, log)
        procs.append(proc)
        for strike in strikes:
            deadline = time.monotonic() + rng.uniform(0.7, 1.6)
            while time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.02)  # harness timing (not a Qt test): when to strike
            if proc.poll() is not None:
                break  # drained before every strike landed: the caller's assertions on kills/restarts say so
            if strike == "kill":
                proc.send_signal(signal.SIGKILL)  # at a random moment: mid-chunk, mid-commit, anywhere
                proc.wait(10)
                done_kills += 1
                proc = _start_sync(env, log)
                procs.append(proc)
            else:
                platform.kill()  # SIGKILL the platform mid-delivery, bring it back on the same port
                time.sleep(rng.uniform(0.1, 0.4))
                platform.start(port=proxy.upstream_port)
                done_restarts += 1
        proc.wait(600)
        assert proc.returncode == 0, log.read_text(errors="replace")[-3000:]
        runs = len(procs)
        drain_s = time.monotonic() - t0
        status = yb_json(env, "sync", "status")
        assert status["pending"] == 0, status
        assert status["quarantined"] == 0, yb_json(env, "sync", "quarantine")
        assert status["delivered"] == records

        platform.stop()
        # Compare the platform's own storage with the terminal's.
        store = PlatformStore(tmp / "platform")
        db = RecordsDB(home / "records.db")
        try:
            held = store.record_ids()
            local = db.pending() + db._outbox_rows("o.stage = 'delivered'", ())
            assert len(local) == records
            assert len(held) == records and len(set(held)) == records  # exactly N, zero duplicates stored
            assert set(held) == {row.record.record_id for row in local}  # zero lost
            by_seq = [row.record.record_id for row in sorted(local, key=lambda r: r.record.seq)]
            assert held == by_seq  # stored in order of creation, despite kills, restarts and retries
            total = 0
            for row in local:
                stored = store.record(row.record.record_id)
                assert stored is not None and stored["content_hash"] == row.record.content_hash
                assert stored["sequence"] == row.record.seq
                for att in row.attachments:
                    # Ours is encrypted at rest (app/crypto_at_rest.py), named by the plaintext's hash: the
                    # platform's copy hashing to that name is byte-identical to what the citizen handed in.
                    assert (home / "attachments" / att.sha256[:2] / att.sha256).is_file()
                    theirs = Path(store.blob_path(att.sha256)).read_bytes()
                    assert len(theirs) == att.size and hashlib.sha256(theirs).hexdigest() == att.sha256
                    total += len(theirs)
            stats = store.stats()
        finally:
            store.close()
            db.close()
        return ProofResult(
            records=records,
            attachment_bytes=total,
            faults=dict(proxy.injected),
            kills=done_kills,
            platform_restarts=done_restarts,
            runs=runs,
            drain_s=drain_s,
            make_s=make_s,
            platform_stats=stats,
        )
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)
        proxy.stop()
        platform.stop()


def describe(result: ProofResult) -> dict[str, Any]:
    return {
        "records": result.records,
        "attachment_MB": round(result.attachment_bytes / 1e6, 1),
        "faults": result.total_faults,
        "by_kind": result.faults,
        "client_kills": result.kills,
        "platform_restarts": result.platform_restarts,
        "sync_runs": result.runs,
        "drain_s": round(result.drain_s, 1),
        "make_s": round(result.make_s, 1),
        "platform": result.platform_stats,
    }
