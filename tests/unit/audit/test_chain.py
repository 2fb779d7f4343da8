"""The audit chain over a real records.db: entries chained by SHA-256 over canonical JSON, batches handed to the
outbox as records of kind `audit`, and every kind of tampering named at its first broken link."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from app.audit.chain import GENESIS, entry_hash
from app.audit.service import BATCH_MAX, AuditLog, KeystoreHead
from app.records.service import AttachmentStore, RecordsService
from local_db.records.store import RecordsDB
from sync.audit_chain import verify_batches
from sync.protocol import canonical_json


def _log(tmp_path: Path, *, send: bool = True, clock: float = 1_765_000_000.0) -> tuple[AuditLog, RecordsDB]:
    db = RecordsDB(tmp_path / "records.db")
    records = RecordsService(db, AttachmentStore(tmp_path / "att"), terminal_code="53252410320501")

    def finalise(payload: dict[str, object]) -> str:
        return records.finalise(kind="audit", payload=payload, with_receipt=False).record_id

    # batch_entries=1: every entry anchored at once (the batching rule has its own test below)
    return AuditLog(db, send=finalise if send else None, clock=lambda: clock, batch_entries=1), db


def _raw(tmp_path: Path) -> sqlite3.Connection:
    """The file opened behind the application's back, as someone tampering with it would, triggers dropped."""
    conn = sqlite3.connect(tmp_path / "records.db", isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    conn.execute("DROP TRIGGER IF EXISTS audit_batches_no_delete")
    return conn


def _fill(log: AuditLog, n: int) -> None:
    for i in range(n):
        log.record("receipt.reprint", actor="technician", subject=f"5325241032050125120700{i:02d}X"[:25])


def test_entry_hash_is_sha256_of_the_canonical_json_with_prev(tmp_path: Path) -> None:
    log, _ = _log(tmp_path, send=False)
    row = log.record("login", actor="technician", method="pin")
    assert row is not None and row.seq == 1 and row.prev_hash == GENESIS
    body = {
        "seq": 1,
        "at": row.at,
        "event": "login",
        "actor": "technician",
        "subject": None,
        "detail": {"method": "pin"},
        "prev": GENESIS,
    }
    assert row.hash == hashlib.sha256(canonical_json(body)).hexdigest()
    second = log.record("login.failed", actor="technician")
    assert second is not None and second.prev_hash == row.hash and second.seq == 2
    report = log.verify()
    assert report.ok and report.entries == 2 and report.head_seq == 2 and report.anchored_seq == 0


def test_batches_go_through_the_outbox_as_audit_records(tmp_path: Path) -> None:
    log, db = _log(tmp_path)
    _fill(log, 3)
    batches = log.table.batches()
    assert [(b.first_seq, b.last_seq) for b in batches] == [(1, 1), (2, 2), (3, 3)]
    pending = db.pending()
    assert [p.record.kind for p in pending] == ["audit"] * 3
    payload = json.loads(pending[-1].record.payload)["audit"]
    assert payload["first_seq"] == payload["last_seq"] == 3
    assert payload["head_hash"] == log.table.head().hash  # type: ignore[union-attr]
    assert pending[-1].record.receipt_no is None
    assert log.verify().anchored_seq == 3


def test_a_failed_send_is_retried_with_the_next_event_in_one_batch(tmp_path: Path) -> None:
    log, _ = _log(tmp_path)
    real = log._send
    calls: list[int] = []

    def broken(payload: dict[str, object]) -> str:
        calls.append(1)
        raise RuntimeError("keystore locked")

    log._send = broken
    _fill(log, 2)
    assert calls and log.table.last_batched_seq() == 0 and log.health().unsent == 2
    log._send = real
    log.record("sync.export", actor="technician", records=4)
    assert [(b.first_seq, b.last_seq) for b in log.table.batches()] == [(1, 3)]
    assert log.health().unsent == 0


def test_batches_hold_at_most_batch_max_entries(tmp_path: Path) -> None:
    log, _ = _log(tmp_path, send=False)
    for _ in range(BATCH_MAX + 5):
        log.record("login", actor="technician")
    db = log.db
    records = RecordsService(db, AttachmentStore(tmp_path / "att"), terminal_code="53252410320501")
    log._send = lambda p: records.finalise(kind="audit", payload=p, with_receipt=False).record_id
    assert log.flush() == BATCH_MAX + 5
    assert [(b.first_seq, b.last_seq) for b in log.table.batches()] == [(1, BATCH_MAX), (BATCH_MAX + 1, BATCH_MAX + 5)]


def test_update_and_delete_are_refused_by_the_database(tmp_path: Path) -> None:
    log, db = _log(tmp_path)
    _fill(log, 1)
    for sql in ("UPDATE audit_log SET event = 'login'", "DELETE FROM audit_log", "DELETE FROM audit_batches"):
        with pytest.raises(Exception, match="append-only"), db.write():
            db._exec(sql)


def test_an_edited_entry_is_named(tmp_path: Path) -> None:
    log, _ = _log(tmp_path, send=False)
    _fill(log, 5)
    _raw(tmp_path).execute("UPDATE audit_log SET subject = '532524103205012512070099X' WHERE seq = 3")
    report = log.verify()
    assert not report.ok and report.broken is not None
    assert (report.broken.seq, report.broken.reason) == (3, "hash_mismatch")
    assert "3" in report.text("en") and report.as_json()["first_broken"]["seq"] == 3


def test_an_edit_with_the_chain_rehashed_is_caught_by_the_anchor(tmp_path: Path) -> None:
    log, _ = _log(tmp_path)
    _fill(log, 5)
    conn = _raw(tmp_path)
    rows = conn.execute("SELECT seq, at, event, actor, subject, detail FROM audit_log ORDER BY seq").fetchall()
    prev = GENESIS
    for seq, at, event, actor, subject, detail in rows:  # rewrite entry 2's actor and re-chain everything
        actor = "someone-else" if seq == 2 else actor
        digest = entry_hash(
            seq=seq, at=at, event=event, actor=actor, subject=subject, detail=json.loads(detail), prev=prev
        )
        conn.execute(
            "UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?", (actor, prev, digest, seq)
        )
        prev = digest
    report = log.verify()
    assert report.broken is not None and (report.broken.seq, report.broken.reason) == (2, "anchor_mismatch")


def test_a_truncated_tail_is_detected_against_the_anchored_head(tmp_path: Path) -> None:
    log, _ = _log(tmp_path)
    _fill(log, 6)
    _raw(tmp_path).execute("DELETE FROM audit_log WHERE seq > 4")
    report = log.verify()
    assert report.broken is not None and (report.broken.seq, report.broken.reason) == (5, "truncated")
    assert report.broken.params["anchored"] == 6 and report.head_seq == 4


def test_a_missing_entry_in_the_middle_is_a_gap(tmp_path: Path) -> None:
    log, _ = _log(tmp_path, send=False)
    _fill(log, 5)
    _raw(tmp_path).execute("DELETE FROM audit_log WHERE seq = 2")
    report = log.verify()
    assert report.broken is not None and (report.broken.seq, report.broken.reason) == (2, "gap")


def test_a_deleted_batch_row_is_noticed_by_its_record(tmp_path: Path) -> None:
    log, _ = _log(tmp_path)
    _fill(log, 3)
    _raw(tmp_path).execute("DELETE FROM audit_batches WHERE last_seq = 3")
    report = log.verify()
    assert report.broken is not None and report.broken.reason == "batch_unlisted" and report.broken.seq == 3


def test_personal_data_and_unknown_events_are_refused(tmp_path: Path) -> None:
    log, _ = _log(tmp_path, send=False)
    with pytest.raises(ValueError, match="personal data"):
        log.record("login", actor="53252419880315002X")
    with pytest.raises(ValueError, match="personal data"):
        log.record("receipt.reprint", actor="technician", phone="13812345678")
    with pytest.raises(ValueError, match="plain token"):
        log.record("decision", actor="clerk-1", reason="李明华的材料不全")
    with pytest.raises(ValueError, match="unknown audit event"):
        log.record("coffee")
    assert log.table.count() == 0


def test_a_storage_failure_never_breaks_the_caller(tmp_path: Path) -> None:
    log, db = _log(tmp_path, send=False)
    db.close()
    assert log.record("login", actor="technician") is None
    assert log._failures == 1


def test_batches_wait_for_enough_entries_or_an_old_enough_one(tmp_path: Path) -> None:
    log, db = _log(tmp_path)
    now = [1_765_000_000.0]
    log._clock = lambda: now[0]
    log.batch_entries, log.batch_age_s = 3, 600.0
    log.record("login", actor="technician")
    log.record("login", actor="technician")
    assert log.table.batches() == [] and db.pending() == []  # two waiting, young
    log.record("login", actor="technician")
    assert [(b.first_seq, b.last_seq) for b in log.table.batches()] == [(1, 3)]  # the third makes a batch
    log.record("sync.export", actor="technician", records=1)
    now[0] += 599
    log.record("login", actor="technician")
    assert log.table.last_batched_seq() == 3
    now[0] += 2  # entry 4 is now 601 s old: the next event sends both
    log.record("login", actor="technician")
    assert [(b.first_seq, b.last_seq) for b in log.table.batches()] == [(1, 3), (4, 6)]
    log.record("login", actor="technician")
    assert log.flush() == 1 and log.health().unsent == 0  # `yunban audit verify|send` flush at once


def _batches(tmp_path: Path, n: int) -> list[dict[str, object]]:
    log, db = _log(tmp_path)
    log.batch_entries = 2
    _fill(log, n)
    log.flush()
    return [json.loads(row.record.payload) for row in db.pending()]


def test_the_platform_side_proves_delivered_batches_in_any_order(tmp_path: Path) -> None:
    batches = _batches(tmp_path, 7)
    assert len(batches) == 4
    assert verify_batches(reversed(batches)) == (7, 7, None)


def test_the_platform_side_names_missing_changed_and_doubled_batches(tmp_path: Path) -> None:
    batches = _batches(tmp_path, 7)  # entries 1-2, 3-4, 5-6, 7
    assert verify_batches([b for i, b in enumerate(batches) if i != 1])[2] == (3, "gap")
    changed = json.loads(json.dumps(batches))
    changed[2]["audit"]["entries"][0]["actor"] = "someone"  # entry 5
    assert verify_batches(changed)[2] == (5, "hash_mismatch")
    assert verify_batches([*batches, batches[1]])[2] == (3, "duplicate")
    assert verify_batches([*batches, {"audit": {"first_seq": 9}}])[2] == (9, "malformed")
    assert verify_batches([{"something": "else"}])[2] == (0, "malformed")


class _Secrets:
    """A keystore's get/set over a dict (the file and Secret Service keystores have their own tests)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value


def test_the_keystore_head_catches_a_removed_tail_no_batch_holds_yet(tmp_path: Path) -> None:
    secrets = _Secrets()
    log, _ = _log(tmp_path, send=False)
    log.head = KeystoreHead(lambda: secrets, lambda: "db-1")
    _fill(log, 5)
    assert json.loads(secrets.values["audit_head"])["seq"] == 5
    _raw(tmp_path).execute("DELETE FROM audit_log WHERE seq > 3")
    report = log.verify()
    assert report.broken is not None and (report.broken.seq, report.broken.reason) == (4, "truncated")
    assert report.broken.params == {"tail": 3, "head": 5} and "5" in report.text("en")


def test_the_keystore_head_catches_a_rehashed_chain_and_ignores_another_database(tmp_path: Path) -> None:
    secrets = _Secrets()
    log, _ = _log(tmp_path, send=False)
    log.head = KeystoreHead(lambda: secrets, lambda: "db-1")
    _fill(log, 3)
    conn = _raw(tmp_path)
    prev = GENESIS
    rows = conn.execute("SELECT seq, at, event, subject, detail FROM audit_log ORDER BY seq").fetchall()
    for seq, at, event, subject, detail in rows:  # every actor rewritten, every hash recomputed
        fields = {"seq": seq, "at": at, "event": event, "actor": "x", "subject": subject, "detail": json.loads(detail)}
        digest = entry_hash(**fields, prev=prev)
        conn.execute("UPDATE audit_log SET actor = 'x', prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq))
        prev = digest
    report = log.verify()
    assert report.broken is not None and (report.broken.seq, report.broken.reason) == (3, "anchor_mismatch")
    log.head = KeystoreHead(lambda: secrets, lambda: "db-2")  # records.db replaced: that marker is not its own
    assert log.verify().ok
