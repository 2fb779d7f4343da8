"""The platform database's schema: the migration steps `sync.platform.store` registers, in order, with sqlite-utils.

Contract: only the store runs these (it alone imports sqlite); a migration never deletes a stored record; each runs
once per database (sqlite-utils records it by the function's name, so names never change).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

__all__ = [
    "MIGRATIONS",
    "m001_initial",
    "m002_terminal_numbers_and_unique_receipts",
    "m003_scoped_per_terminal",
    "m004_ratings",
    "m005_staff",
]


class Database(Protocol):
    def executescript(self, sql: str) -> Any: ...


def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE enroll_codes (
            code TEXT PRIMARY KEY,
            division TEXT NOT NULL,
            created_at TEXT NOT NULL,
            terminal_id TEXT,
            public_key TEXT
        );
        CREATE TABLE terminals (
            terminal_id TEXT PRIMARY KEY,
            division TEXT NOT NULL,
            algorithm TEXT NOT NULL,
            public_key TEXT NOT NULL,
            enrolled_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE TABLE records (
            record_id TEXT PRIMARY KEY,
            terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
            kind TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            receipt_no TEXT,
            created_at TEXT,
            received_at TEXT NOT NULL,
            payload TEXT NOT NULL,
            attachments TEXT NOT NULL,
            signature TEXT NOT NULL
        );
        CREATE INDEX records_receipt ON records(receipt_no);
        CREATE TABLE attachments (
            sha256 TEXT PRIMARY KEY,
            length INTEGER NOT NULL,
            received INTEGER NOT NULL,
            complete INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE status_changes (
            cursor INTEGER PRIMARY KEY AUTOINCREMENT,
            terminal_id TEXT NOT NULL,
            record_id TEXT NOT NULL,
            receipt_no TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX status_changes_terminal ON status_changes(terminal_id, cursor);
        CREATE TABLE catalog_changes (
            cursor INTEGER PRIMARY KEY AUTOINCREMENT,
            bundle_version INTEGER NOT NULL,
            change TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO counters VALUES ('duplicates_absorbed', 0), ('conflicts', 0);
        """
    )


def m002_terminal_numbers_and_unique_receipts(db: Database) -> None:
    """Terminal numbers (01-99) per division, never reused; receipt numbers unique across the platform.

    Terminals enrolled before get numbers in order of enrollment within their division. Records stored before
    with a receipt number another record already holds stay stored (nothing is deleted) but are flagged
    `receipt_duplicate = 1` and left out of the unique index and of status lookups by receipt number; the first
    stored keeps the number."""
    db.executescript(
        """
        ALTER TABLE terminals ADD COLUMN terminal_no TEXT;
        UPDATE terminals SET terminal_no = printf('%02d', (
            SELECT count(*) FROM terminals AS t
            WHERE t.division = terminals.division
              AND (t.enrolled_at < terminals.enrolled_at
                   OR (t.enrolled_at = terminals.enrolled_at AND t.rowid <= terminals.rowid))
        ));
        CREATE UNIQUE INDEX terminals_division_no ON terminals(division, terminal_no);
        ALTER TABLE records ADD COLUMN receipt_duplicate INTEGER NOT NULL DEFAULT 0;
        UPDATE records SET receipt_duplicate = 1
        WHERE receipt_no IS NOT NULL
          AND EXISTS (SELECT 1 FROM records AS r WHERE r.receipt_no = records.receipt_no AND r.rowid < records.rowid);
        DROP INDEX records_receipt;
        CREATE UNIQUE INDEX records_receipt ON records(receipt_no)
            WHERE receipt_no IS NOT NULL AND receipt_duplicate = 0;
        INSERT OR IGNORE INTO counters VALUES ('receipt_conflicts', 0);
        """
    )


def m003_scoped_per_terminal(db: Database) -> None:
    """Issue 11 (#2, #5): nothing of one terminal is visible to another, and no secret or token is in the database.

    - `terminals.token_sha256`: SHA-256 of the terminal's bearer token (filled by the store from the token key file).
    - `records` keyed by (terminal_id, record_id): another terminal's record id is not "taken" for anyone else.
    - `uploads`: upload progress per (terminal, sha256); `attachments` becomes the index of complete blobs only.
      Complete blobs a stored record names are granted to that record's terminal; partial uploads of the old shared
      layout are dropped (their terminal starts them again from byte 0: the platform answers 404 to its GET).
    - `status_changes.terminal_cursor`: each terminal's own cursor (old rows keep their global cursor as theirs, so a
      terminal's saved cursor stays valid; new rows count on from the terminal's own highest), so the feed says
      nothing about other terminals' traffic."""
    db.executescript(
        """
        ALTER TABLE terminals ADD COLUMN token_sha256 TEXT;
        CREATE TABLE records_v3 (
            record_id TEXT NOT NULL,
            terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
            kind TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            receipt_no TEXT,
            created_at TEXT,
            received_at TEXT NOT NULL,
            payload TEXT NOT NULL,
            attachments TEXT NOT NULL,
            signature TEXT,
            receipt_duplicate INTEGER NOT NULL DEFAULT 0,
            envelope_signature TEXT,
            PRIMARY KEY (terminal_id, record_id)
        );
        INSERT INTO records_v3(record_id, terminal_id, kind, content_hash, sequence, receipt_no, created_at,
                               received_at, payload, attachments, signature, receipt_duplicate)
            SELECT record_id, terminal_id, kind, content_hash, sequence, receipt_no, created_at, received_at,
                   payload, attachments, signature, receipt_duplicate FROM records ORDER BY rowid;
        DROP TABLE records;
        ALTER TABLE records_v3 RENAME TO records;
        CREATE UNIQUE INDEX records_receipt ON records(receipt_no)
            WHERE receipt_no IS NOT NULL AND receipt_duplicate = 0;
        CREATE INDEX records_record_id ON records(record_id);
        CREATE TABLE uploads (
            terminal_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            length INTEGER NOT NULL,
            received INTEGER NOT NULL,
            complete INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (terminal_id, sha256)
        );
        INSERT OR IGNORE INTO uploads(terminal_id, sha256, length, received, complete, updated_at)
            SELECT r.terminal_id, a.sha256, a.length, a.length, 1, a.updated_at
            FROM records AS r, json_each(r.attachments) AS j JOIN attachments AS a ON a.sha256 = j.value
            WHERE a.complete = 1;
        DELETE FROM attachments WHERE complete = 0;
        ALTER TABLE status_changes ADD COLUMN terminal_cursor INTEGER;
        UPDATE status_changes SET terminal_cursor = cursor;
        CREATE UNIQUE INDEX status_changes_terminal_cursor ON status_changes(terminal_id, terminal_cursor);
        """
    )


def m004_ratings(db: Database) -> None:
    """Issue 12: 好差评 (国办发〔2019〕51号) as the scheme rates them (sync/platform/store_ratings.py).

    - `ratings`: one row per evaluation record: the receipt it rates, level, reasons, the rated items, department,
      channel, window, clerk, contact phone; `verification` (verified / awaiting_receipt / refused: the printed
      check code against the submission the platform holds); `superseded_by` (一事一评: the latest rating of a
      receipt is its rating); a 差评's follow-up (整改) state and note.
    - `rating_followups`: every follow-up step of a 差评 (state, note, time), oldest first."""
    db.executescript(
        """
        CREATE TABLE ratings (
            terminal_id TEXT NOT NULL,
            record_id TEXT NOT NULL,
            receipt_no TEXT NOT NULL,
            level TEXT NOT NULL,
            score INTEGER NOT NULL,
            bad INTEGER NOT NULL,
            reasons TEXT NOT NULL,
            text TEXT NOT NULL,
            items TEXT NOT NULL,
            department TEXT NOT NULL,
            channel TEXT NOT NULL,
            window TEXT NOT NULL,
            clerk TEXT NOT NULL,
            contact_phone TEXT NOT NULL,
            check_code TEXT NOT NULL,
            proof TEXT NOT NULL,
            created_at TEXT,
            received_at TEXT NOT NULL,
            verification TEXT NOT NULL,
            superseded_by TEXT,
            followup TEXT,
            followup_note TEXT,
            followup_at TEXT,
            PRIMARY KEY (terminal_id, record_id)
        );
        CREATE INDEX ratings_receipt ON ratings(receipt_no);
        CREATE TABLE rating_followups (
            terminal_id TEXT NOT NULL,
            record_id TEXT NOT NULL,
            state TEXT NOT NULL,
            note TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX rating_followups_record ON rating_followups(terminal_id, record_id);
        """
    )


def m005_staff(db: Database) -> None:
    """Issue 14: staff accounts of a hall (sync/platform/store_staff.py): role, argon2id hash of the password or PIN
    (never the plaintext), revocation, and the roster version each change gives (terminals refuse an older roster)."""
    db.executescript(
        """
        CREATE TABLE staff (
            staff_id TEXT PRIMARY KEY,
            division TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            revoked_at TEXT,
            version INTEGER NOT NULL
        );
        CREATE INDEX staff_division ON staff(division);
        """
    )


def m006_decisions_awaiting_submission(db: Database) -> None:
    """Issue 14 §5: a counter decision stored before the submission it decides (terminals sync in any order) waits
    here until that submission arrives, then moves its status (sync/platform/store_backoffice.py)."""
    db.executescript(
        """
        CREATE TABLE decisions_awaiting (
            terminal_id TEXT NOT NULL,
            record_id TEXT NOT NULL,
            receipt_no TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (terminal_id, record_id)
        );
        CREATE INDEX decisions_awaiting_receipt ON decisions_awaiting(receipt_no);
        """
    )


MIGRATIONS: list[Callable[[Database], None]] = [
    m001_initial,
    m002_terminal_numbers_and_unique_receipts,
    m003_scoped_per_terminal,
    m004_ratings,
    m005_staff,
    m006_decisions_awaiting_submission,
]
