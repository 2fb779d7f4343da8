"""Migration m003 (issue 11 #5): a platform.db of the shared layout (records keyed by id alone, one upload per hash,
platform-wide status cursors) becomes the per-terminal layout without losing a record, a complete attachment or a
terminal's place in its status feed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from sync.platform.schema import m001_initial, m002_terminal_numbers_and_unique_receipts
from sync.platform.store import PlatformStore
from tests.support.platform import DEMO_DIVISION

DONE, HALF, LOOSE = "d" * 64, "e" * 64, "f" * 64


def shared_layout(data: Path) -> None:
    data.mkdir(parents=True)
    db = Database(sqlite3.connect(data / "platform.db"))
    old = Migrations("yunban-platform")
    old()(m001_initial)
    old()(m002_terminal_numbers_and_unique_receipts)
    old.apply(db)
    for n, terminal_id in enumerate(("TA", "TB"), start=1):
        db.execute(
            "INSERT INTO terminals(terminal_id, division, algorithm, public_key, enrolled_at, terminal_no) "
            "VALUES (?, ?, 'ed25519', 'k', 'then', ?)",
            (terminal_id, DEMO_DIVISION, f"{n:02d}"),
        )
    for sha, complete in ((DONE, 1), (HALF, 0), (LOOSE, 1)):
        db.execute("INSERT INTO attachments VALUES (?, 10, ?, ?, 'then')", (sha, 10 if complete else 4, complete))
    columns = "record_id, terminal_id, kind, content_hash, sequence, receipt_no, received_at, payload, attachments"
    for values in (("r1", "TA", "R-1", f'["{DONE}"]'), ("r2", "TB", "R-2", "[]")):
        db.execute(
            f"INSERT INTO records({columns}, signature) VALUES (?, ?, 'submission', 'h', 1, ?, 'then', '{{}}', ?, 's')",
            values,
        )
    for record_id, terminal_id, receipt in (("r1", "TA", "R-1"), ("r2", "TB", "R-2"), ("r1", "TA", "R-1")):
        db.execute(
            "INSERT INTO status_changes(terminal_id, record_id, receipt_no, status, note, at) "
            "VALUES (?, ?, ?, '已受理', '', 'then')",
            (terminal_id, record_id, receipt),
        )
    db.conn.commit()
    db.conn.close()


def test_shared_layout_becomes_per_terminal(tmp_path: Path) -> None:
    data = tmp_path / "p"
    shared_layout(data)
    store = PlatformStore(data)
    try:
        # Records: all kept, now keyed by terminal; the receipt index still holds.
        assert sorted(store.record_ids()) == ["r1", "r2"]
        assert store.record("r1", "TA") is not None and store.record("r1", "TB") is None
        again = {
            "record_id": "r1",
            "kind": "submission",
            "content_hash": "h",
            "sequence": 1,
            "receipt_no": None,
            "created_at": None,
            "payload": {},
            "attachments": [],
            "envelope_signature": "c2ln",
        }  # r1 sent again by TA, as validated records reach the store: a duplicate absorbed
        assert store.put_record("TA", again) == {"result": "duplicate"}
        # Complete attachments a record names belong to its terminal; the partial upload of the shared layout is gone.
        assert store.attachment(DONE, "TA") == {"sha256": DONE, "length": 10, "received": 10, "complete": True}
        assert store.attachment(DONE, "TB") is None
        assert store.attachment(HALF, "TA") is None and store.attachment(HALF) is None
        assert store.attachment(LOOSE, "TA") is None and store.attachment(LOOSE) is not None  # held, nobody's yet
        # Status cursors: old changes keep their platform-wide cursor; new ones count on from the terminal's highest.
        assert [c["cursor"] for c in store.status_changes("TA", 0, 10)] == [1, 3]
        assert [c["cursor"] for c in store.status_changes("TB", 0, 10)] == [2]
        assert store.add_status("r1", "审查中", "", "TA")["cursor"] == 4
        assert store.add_status("r2", "审查中", "", "TB")["cursor"] == 3
        assert [c["cursor"] for c in store.status_changes("TA", 3, 10)] == [4]  # a saved cursor of 3 stays valid
        assert [c["cursor"] for c in store.status_changes("TB", 2, 10)] == [3]
    finally:
        store.close()
