"""The SIGKILL campaign (issue 11, Proof "crash test"), bounded for the suite: `yunban records make-test`, `yunban
submit` and `yunban sync run` child processes on one terminal, against the real platform (`yunban platform serve`,
loopback), SIGKILLed at random moments (at least 30 kills in about a minute; the seed is printed and can be set with
$YUNBAN_CRASH_SEED), and the platform SIGKILLed once mid-delivery and restarted on its port. Afterwards:
`PRAGMA integrity_check` is ok, every finalised record is on the platform exactly once (the platform's own store
against records.db), no receipt number was issued twice, nothing is quarantined, and no `.tmp-*` file of a killed
writer survives the next start. (tests/e2e/test_delivery_proof.py proves delivery under network faults; this proves
the terminal's storage under kills of every writer.)"""

from __future__ import annotations

import collections
import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from sync.platform.store import PlatformStore
from tests.integration.apply.conftest import ID_CARD_ITEM, dump, id_card_answers, jpeg_page
from tests.support.cli import enroll_terminal, make_home, terminal_env, yb, yb_json
from tests.support.platform import DEMO_DIVISION, REPO, YUNBAN, PlatformProcess
from tests.support.proof import RUN_OPTIONS

MIN_KILLS = 30
BUDGET_S = 60.0
CARD = {
    "card_type": "resident_id",
    "name": "李明华",
    "gender": "女",
    "birth_date": "1988-03-15",
    "address": "云南省建水县西庄镇团山村12号",
    "id_number": "53252419880315002X",
    "valid_to": "2038-04-01",
}


def _spawn(env: dict[str, str], args: list[str], log: Path) -> subprocess.Popen[bytes]:
    out = open(log, "ab")  # noqa: SIM115 - closed when the process is reaped
    return subprocess.Popen([*YUNBAN, *args], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


@pytest.mark.slow
def test_sigkill_campaign_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("YUNBAN_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    print(f"SIGKILL campaign seed: {seed} (YUNBAN_CRASH_SEED={seed} repeats it)")
    rng = random.Random(seed)
    platform = PlatformProcess(tmp_path / "platform").start()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        home = make_home(tmp_path / "terminal")
        env = terminal_env(home, platform.url)
        assert yb(env, "catalog", "stats").returncode == 0  # the demo catalog, before enrollment (submit needs it)
        code = json.loads(platform.admin("enroll-code", "--division", DEMO_DIVISION, "--json").stdout)["code"]
        enroll_terminal(env, platform.url, code)
        scan = tmp_path / "scan.jpg"
        scan.write_bytes(jpeg_page())
        submit = ["submit", "--consent", "--item", ID_CARD_ITEM,
                  "--data", str(dump(tmp_path / "d.json", id_card_answers())),
                  "--card-json", str(dump(tmp_path / "card.json", CARD)), "--attach", f"id_card={scan}",
                  "--attach", f"material.hukou={scan}", "--json"]  # fmt: skip
        writers = {
            "make-test": ["records", "make-test", "--count", "10", "--attachment-kb", "48"],
            "submit": submit,
        }
        syncer = ["sync", "run", "--until-idle", "--timeout", "30", *RUN_OPTIONS]
        log = tmp_path / "children.log"
        kills: collections.Counter[str] = collections.Counter()
        finished: collections.Counter[str] = collections.Counter()
        platform_killed = False
        t0 = time.monotonic()

        # Two writers (the kiosk and a technician's CLI) and one delivery loop on the same terminal; every strike
        # lands at a random moment on one of them (start-up, mid-attachment, mid-commit, mid-upload, mid-receipt);
        # a process that finished is replaced by a new one, so each lives a few seconds on average.
        def spawn(role: str) -> tuple[str, subprocess.Popen[bytes]]:
            name = "sync" if role == "sync" else rng.choice(["make-test", "make-test", "submit"])
            proc = _spawn(env, syncer if name == "sync" else writers[name], log)
            procs.append(proc)
            return name, proc

        live = [spawn("writer"), spawn("writer"), spawn("sync")]
        while (sum(kills.values()) < MIN_KILLS or not platform_killed) and time.monotonic() - t0 < BUDGET_S:
            deadline = time.monotonic() + rng.uniform(0.3, 2.4)
            while time.monotonic() < deadline:
                time.sleep(0.01)  # harness timing: when to strike
                for i, (name, proc) in enumerate(live):
                    if proc.poll() is not None:
                        finished[name] += 1
                        live[i] = spawn("sync" if name == "sync" else "writer")
            if not platform_killed and time.monotonic() - t0 > BUDGET_S / 4:
                platform.kill()  # mid-delivery; back on the same port
                time.sleep(rng.uniform(0.1, 0.3))
                platform.start(port=platform.port)
                platform_killed = True
                continue
            i = rng.randrange(len(live))
            name, proc = live[i]
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            kills[name] += 1
            live[i] = spawn("sync" if name == "sync" else "writer")
        for _, proc in live:
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        elapsed = time.monotonic() - t0
        print(f"kills {dict(kills)}, finished {dict(finished)}, platform killed {platform_killed}, {elapsed:.1f} s")
        assert sum(kills.values()) >= MIN_KILLS and platform_killed, (dict(kills), elapsed)

        # A minute later (the kill left its temporary files behind), the next start cleans them.
        tmp_files = list((home / "attachments").glob(".tmp-*"))
        past = time.time() - 120
        for f in tmp_files:
            os.utime(f, (past, past))
        drained = yb_json(env, "sync", "run", "--until-idle", "--timeout", "120", *RUN_OPTIONS)
        assert drained["pending"] == 0, drained
        assert not list((home / "attachments").glob(".tmp-*")), "temporary files of killed writers survived"
        status = yb_json(env, "sync", "status")
        assert status["quarantined"] == 0, yb_json(env, "sync", "quarantine")

        conn = sqlite3.connect(home / "records.db")
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            local = dict(conn.execute("SELECT record_id, receipt_no FROM records").fetchall())
            stages = dict(conn.execute("SELECT stage, COUNT(*) FROM outbox GROUP BY stage").fetchall())
        finally:
            conn.close()
        receipts = [r for r in local.values() if r is not None]
        assert len(receipts) == len(set(receipts)), "a receipt number was issued twice"
        assert stages == {"delivered": len(local)}, stages
        platform.stop()
        store = PlatformStore(tmp_path / "platform")
        try:
            held = store.record_ids()
            assert len(held) == len(set(held)), "a record was stored twice on the platform"
            assert set(held) == set(local), "records lost or unknown records on the platform"
            for rid, receipt in local.items():
                stored = store.record(rid)
                assert stored is not None and stored["receipt_no"] == receipt
        finally:
            store.close()
        print(f"{len(local)} records ({len(receipts)} numbered) delivered exactly once; {len(tmp_files)} temp files")
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)
        platform.stop()
