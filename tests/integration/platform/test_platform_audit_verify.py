"""`yunban platform audit verify` (issue 14 §4) on both engines: terminals deliver audit batches over loopback (signed
with their enrolled keys, hashed with `sync.audit_chain` as a terminal does), and the platform proves each
terminal's chain from what it stored, naming the first broken link: a batch edited in the database, a batch
rewritten with fresh hashes (the signature no longer holds), a batch missing (a gap)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.cli import main
from sync import protocol
from sync.audit_chain import GENESIS, entry_hash
from tests.support.platform import InProcessPlatform, TestTerminal


def cli(capsys: pytest.CaptureFixture[str], platform: InProcessPlatform, *argv: str) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(["platform", "audit", *argv, "--data", str(platform.data), "--json"])
    out = capsys.readouterr()
    return code, json.loads(out.out) if out.out.strip() else out.err


def _entries(first: int, last: int, prev: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for seq in range(first, last + 1):
        at = f"2026-12-07T01:{seq:02d}:00Z"
        body: dict[str, Any] = {"seq": seq, "at": at, "event": "login", "actor": "c01", "subject": None,
                                "detail": {"role": "clerk"}, "prev": prev}  # fmt: skip
        body["hash"] = entry_hash(**body)
        out.append(body)
        prev = body["hash"]
    return out


def _batch(entries: list[dict[str, Any]]) -> dict[str, Any]:
    first, last = entries[0], entries[-1]
    return {"audit": {"version": 1, "first_seq": first["seq"], "last_seq": last["seq"], "prev_hash": first["prev"],
                      "head_hash": last["hash"], "entries": entries}}  # fmt: skip


def _deliver(t: TestTerminal, batches: list[tuple[int, int]]) -> list[str]:
    prev, ids = GENESIS, []
    for first, last in batches:
        entries = _entries(first, last, prev)
        record = t.record(_batch(entries), kind="audit")
        assert t.client.post("/v1/records", json=record).status_code == 201
        ids.append(record["record_id"])
        prev = entries[-1]["hash"]
    return ids


def _set_payload(platform: InProcessPlatform, record_id: str, payload: dict[str, Any], digest: str | None) -> None:
    with platform.store._tx() as conn:
        if digest is None:
            conn.execute("UPDATE records SET payload = ? WHERE record_id = ?", (json.dumps(payload), record_id))
        else:
            conn.execute("UPDATE records SET payload = ?, content_hash = ? WHERE record_id = ?",
                         (json.dumps(payload), digest, record_id))  # fmt: skip


def test_platform_audit_verify_names_the_first_broken_link_per_terminal(
    platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = cli(capsys, platform, "verify")
    assert code == 0 and out == {"ok": True, "terminals": []}
    counter = TestTerminal(platform.url, platform.enroll_code())
    kiosk = TestTerminal(platform.url, platform.enroll_code())
    try:
        ids = _deliver(counter, [(1, 3), (4, 6), (7, 9)])
        _deliver(kiosk, [(1, 2)])
        code, out = cli(capsys, platform, "verify")
        assert code == 0 and out["ok"]
        by_id = {r["terminal_id"]: r for r in out["terminals"]}
        assert by_id[counter.terminal_id] == {"terminal_id": counter.terminal_id, "ok": True, "batches": 3,
                                              "entries": 9, "head_seq": 9, "first_broken": None}  # fmt: skip
        assert by_id[kiosk.terminal_id]["entries"] == 2

        # one entry of the second batch edited in the platform's database: its content hash no longer holds
        stored = platform.store.record(ids[1])
        assert stored is not None
        edited = json.loads(json.dumps(stored["payload"]))
        edited["audit"]["entries"][1]["actor"] = "s99"
        _set_payload(platform, ids[1], edited, None)
        code, out = cli(capsys, platform, "verify", "--terminal", counter.terminal_id)
        assert code == 1 and not out["ok"] and len(out["terminals"]) == 1
        assert out["terminals"][0]["first_broken"] == {"seq": 4, "reason": "content_hash", "record_id": ids[1]}
        code, out = cli(capsys, platform, "verify", "--terminal", kiosk.terminal_id)
        assert code == 0 and out["terminals"][0]["ok"]  # the other terminal's log is not touched

        # rewritten with every hash recomputed (entries, batch, content hash): only the signature can tell
        prev = stored["payload"]["audit"]["prev_hash"]
        forged = _entries(4, 6, prev)
        forged[1]["actor"] = "s99"
        for e in forged:
            e["prev"], e["hash"] = prev, entry_hash(**{k: v for k, v in e.items() if k != "hash"})
            prev = e["hash"]
        payload = _batch(forged)
        _set_payload(platform, ids[1], payload, protocol.content_hash(payload))
        code, out = cli(capsys, platform, "verify", "--terminal", counter.terminal_id)
        assert code == 1
        assert out["terminals"][0]["first_broken"] == {"seq": 4, "reason": "signature", "record_id": ids[1]}

        # the batch deleted: a gap where its entries were
        with platform.store._tx() as conn:
            conn.execute("DELETE FROM records WHERE record_id = ?", (ids[1],))
        code, out = cli(capsys, platform, "verify")
        assert code == 1 and not out["ok"]
        report = {r["terminal_id"]: r for r in out["terminals"]}[counter.terminal_id]
        assert report["batches"] == 2 and report["entries"] == 6 and report["head_seq"] == 9
        assert report["first_broken"] == {"seq": 4, "reason": "gap", "record_id": None}

        # the plain-text report says the same; an unknown terminal is a usage error
        capsys.readouterr()
        code = main(["platform", "audit", "verify", "--data", str(platform.data)])
        text = capsys.readouterr().out
        assert code == 1 and f"{counter.terminal_id}  BROKEN at entry 4: gap" in text
        assert f"{kiosk.terminal_id}  ok  2 entries in 1 batches, head 2" in text
        code, err = cli(capsys, platform, "verify", "--terminal", "no-such-terminal")
        assert code == 2 and "no such terminal" in err["error"]
    finally:
        counter.close()
        kiosk.close()
