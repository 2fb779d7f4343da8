"""Storage of the reference platform: one SQLite file plus a content-addressed blob folder.

Contract: the platform's only SQL; the database is the source of truth for upload progress (a chunk is fsynced
before the confirmed count moves). Layout and purge rules: docs/sync-internals.md.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

__all__ = ["PlatformStore"]

DB_NAME = "platform.db"

migrations = Migrations("yunban-platform")


@migrations()
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


@migrations()
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


MAX_TERMINAL_NO = 99
"""Two digits in the receipt number: 01-99 per division, each given once."""


def _unlink_size(path: Path) -> int:
    try:
        size = path.stat().st_size
        path.unlink()
    except FileNotFoundError:
        return 0
    return size


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class PlatformStore:
    """Thread-safe (one connection behind a lock) storage of one platform data directory."""

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.blobs = self.data_dir / "blobs"
        self.blobs.mkdir(exist_ok=True)
        conn = sqlite3.connect(self.data_dir / DB_NAME, check_same_thread=False, timeout=30)
        conn.row_factory = sqlite3.Row
        self._db = Database(conn)
        self._conn = conn
        self._lock = threading.RLock()
        self._upload_locks: dict[str, threading.Lock] = {}
        self._secret: bytes | None = None
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        # Serialise first-time schema creation between processes (a starting server and an admin command).
        with open(self.data_dir / (DB_NAME + ".lock"), "a+b") as lock_file, self._lock:
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
            try:
                migrations.apply(self._db)
            finally:
                fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db.atomic():
            yield self._conn

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    # -- platform identity ------------------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row["value"])

    def meta_setdefault(self, key: str, value: str) -> str:
        """Store `value` under `key` unless a value is there already; return the stored one."""
        with self._tx() as conn:
            conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (key, value))
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row["value"])

    def _token_secret(self) -> bytes:
        if self._secret is None:  # read once: every authenticated request needs it
            self._secret = bytes.fromhex(self.meta_setdefault("token_secret", secrets.token_hex(32)))
        return self._secret

    def token_for(self, terminal_id: str) -> str:
        """The bearer token of a terminal: HMAC of its id under the platform's secret (nothing to leak from the db
        beyond that secret, and a retried enrollment gets the same token back)."""
        return hmac.new(self._token_secret(), terminal_id.encode(), hashlib.sha256).hexdigest()

    # -- enrollment -------------------------------------------------------------------------------------------------

    def create_enroll_code(self, division: str) -> str:
        """A one-time enrollment code, e.g. `K7QX-3MPD-W9TA` (no 0/O/1/I to misread)."""
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        raw = "".join(secrets.choice(alphabet) for _ in range(12))
        code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO enroll_codes(code, division, created_at) VALUES (?, ?, ?)", (code, division, _now())
            )
        return code

    def enroll(self, code: str, public_key: str, algorithm: str) -> dict[str, Any]:
        """Use an enrollment code. Returns {"outcome": "enrolled"|"retry"|"unknown_code"|"code_used"|
        "numbers_used_up", ...}.

        The same code with the same public key again is a safe retry and yields the same terminal (and number).
        Every other enrollment gets the next terminal number of the code's division, never one given before (not
        even a revoked terminal's), so a re-provisioned terminal can never reissue a receipt number; the unique
        index on (division, terminal_no) is the guard."""
        with self._tx() as conn:
            row = conn.execute("SELECT * FROM enroll_codes WHERE code = ?", (code,)).fetchone()
            if row is None:
                return {"outcome": "unknown_code"}
            if row["terminal_id"] is not None:
                if row["public_key"] == public_key:
                    known = conn.execute(
                        "SELECT terminal_no FROM terminals WHERE terminal_id = ?", (row["terminal_id"],)
                    ).fetchone()
                    return {
                        "outcome": "retry",
                        "terminal_id": row["terminal_id"],
                        "division": row["division"],
                        "terminal_no": known["terminal_no"],
                    }
                return {"outcome": "code_used"}
            last = conn.execute(
                "SELECT max(CAST(terminal_no AS INTEGER)) FROM terminals WHERE division = ?", (row["division"],)
            ).fetchone()[0]
            number = (last or 0) + 1
            if number > MAX_TERMINAL_NO:
                return {"outcome": "numbers_used_up", "division": row["division"]}
            terminal_no = f"{number:02d}"
            terminal_id = "T" + secrets.token_hex(8).upper()
            conn.execute(
                "INSERT INTO terminals(terminal_id, division, algorithm, public_key, enrolled_at, terminal_no) "
                "VALUES (?,?,?,?,?,?)",
                (terminal_id, row["division"], algorithm, public_key, _now(), terminal_no),
            )
            conn.execute(
                "UPDATE enroll_codes SET terminal_id = ?, public_key = ? WHERE code = ?",
                (terminal_id, public_key, code),
            )
        return {
            "outcome": "enrolled",
            "terminal_id": terminal_id,
            "division": row["division"],
            "terminal_no": terminal_no,
        }

    def division_known(self, division: str) -> bool:
        """Whether an enrollment code was ever issued for `division`."""
        return self._one("SELECT 1 FROM enroll_codes WHERE division = ? LIMIT 1", (division,)) is not None

    def terminals(self, division: str) -> list[dict[str, Any]]:
        """The division's terminals in order of their numbers."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT terminal_id, terminal_no, division, enrolled_at, revoked_at FROM terminals "
                "WHERE division = ? ORDER BY terminal_no",
                (division,),
            ).fetchall()
        return [dict(r) for r in rows]

    def terminal(self, terminal_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM terminals WHERE terminal_id = ?", (terminal_id,))
        return None if row is None else dict(row)

    def revoke(self, terminal_id: str) -> bool:
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE terminals SET revoked_at = ? WHERE terminal_id = ? AND revoked_at IS NULL",
                (_now(), terminal_id),
            )
            exists = conn.execute("SELECT 1 FROM terminals WHERE terminal_id = ?", (terminal_id,)).fetchone()
        return cur.rowcount > 0 or exists is not None

    # -- attachments ------------------------------------------------------------------------------------------------

    def attachment(self, sha256: str) -> dict[str, Any] | None:
        row = self._one("SELECT sha256, length, received, complete FROM attachments WHERE sha256 = ?", (sha256,))
        if row is None:
            return None
        return {
            "sha256": row["sha256"],
            "length": row["length"],
            "received": row["received"],
            "complete": bool(row["complete"]),
        }

    @contextmanager
    def _upload_lock(self, sha256: str) -> Iterator[None]:
        with self._lock:
            lock = self._upload_locks.setdefault(sha256, threading.Lock())
        with lock:
            yield

    def blob_path(self, sha256: str) -> Path:
        return self.blobs / sha256

    def write_chunk(self, sha256: str, offset: int, length: int, data: bytes) -> dict[str, Any]:
        """Append `data` at `offset` of an attachment of `length` bytes.

        Returns {"outcome": "ok"|"offset_mismatch"|"length_mismatch"|"too_long"|"hash_mismatch", "received",
        "complete"}. On completion the SHA-256 is checked; a mismatch discards the upload entirely.

        File work happens under a lock of this attachment only, so one upload's fsync does not stall requests
        about other attachments, records or status; the database lock is taken only for the SQL."""
        with self._upload_lock(sha256):
            state = self.attachment(sha256)
            if state is None:
                state = {"sha256": sha256, "length": length, "received": 0, "complete": False}
            if state["complete"]:
                return {"outcome": "ok", "received": state["received"], "complete": True}
            if state["length"] != length:
                return {"outcome": "length_mismatch", "received": state["received"], "complete": False}
            if offset != state["received"]:
                return {"outcome": "offset_mismatch", "received": state["received"], "complete": False}
            if offset + len(data) > length:
                return {"outcome": "too_long", "received": state["received"], "complete": False}
            part = self.blobs / f"{sha256}.part"
            with open(part, "ab") as fh:
                fh.truncate(offset)
                fh.seek(offset)
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            received = offset + len(data)
            complete = received == length
            if complete:
                digest = hashlib.sha256()
                with open(part, "rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(block)
                if digest.hexdigest() != sha256:
                    part.unlink(missing_ok=True)
                    with self._tx() as conn:
                        conn.execute("DELETE FROM attachments WHERE sha256 = ?", (sha256,))
                    return {"outcome": "hash_mismatch", "received": 0, "complete": False}
                os.replace(part, self.blob_path(sha256))
            with self._tx() as conn:
                conn.execute(
                    "INSERT INTO attachments(sha256, length, received, complete, updated_at) VALUES (?,?,?,?,?) "
                    "ON CONFLICT(sha256) DO UPDATE SET received = excluded.received, complete = excluded.complete, "
                    "updated_at = excluded.updated_at",
                    (sha256, length, received, int(complete), _now()),
                )
            return {"outcome": "ok", "received": received, "complete": complete}

    def purge_stale_uploads(self, max_age_s: float, *, now: float | None = None) -> dict[str, int]:
        """Drop partial uploads whose last chunk is older than `max_age_s`: their rows and `.part` files, and
        `.part` files with no row (a platform killed between the fsync and the row) older than the cut-off by mtime.
        Complete attachments are never touched. Returns {"uploads": n, "bytes": b}."""
        import time

        now = time.time() if now is None else now
        cutoff = datetime.fromtimestamp(now - max_age_s, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        with self._lock:
            stale = [
                str(r["sha256"])
                for r in self._conn.execute(
                    "SELECT sha256 FROM attachments WHERE complete = 0 AND updated_at < ?", (cutoff,)
                ).fetchall()
            ]
            known = {str(r["sha256"]) for r in self._conn.execute("SELECT sha256 FROM attachments").fetchall()}
        uploads = removed_bytes = 0
        for sha256 in stale:
            with self._upload_lock(sha256):
                with self._tx() as conn:
                    cur = conn.execute(
                        "DELETE FROM attachments WHERE sha256 = ? AND complete = 0 AND updated_at < ?", (sha256, cutoff)
                    )
                if cur.rowcount:
                    removed_bytes += _unlink_size(self.blobs / f"{sha256}.part")
                    uploads += 1
        for part in self.blobs.glob("*.part"):
            sha256 = part.name.removesuffix(".part")
            if sha256 in known or sha256 in stale:
                continue
            with self._upload_lock(sha256):
                try:
                    old = part.stat().st_mtime < now - max_age_s
                except FileNotFoundError:
                    continue
                if old and self.attachment(sha256) is None:
                    removed_bytes += _unlink_size(part)
                    uploads += 1
        return {"uploads": uploads, "bytes": removed_bytes}

    # -- records ----------------------------------------------------------------------------------------------------

    def put_record(self, terminal_id: str, record: dict[str, Any]) -> dict[str, Any]:
        """Store a validated record. Returns {"result": "stored"|"duplicate"|"conflict"|"receipt_taken"|"missing",
        ...}.

        Same id + same content hash is a duplicate absorbed; same id + another hash is a conflict and the stored
        record is never overwritten; a record naming attachments not completely held is refused; a receipt number
        another record holds is refused (`receipt_taken`), by the unique index, not by a check that could race."""
        with self._tx() as conn:
            row = conn.execute(
                "SELECT content_hash FROM records WHERE record_id = ?", (record["record_id"],)
            ).fetchone()
            if row is not None:
                name = "duplicates_absorbed" if row["content_hash"] == record["content_hash"] else "conflicts"
                conn.execute("UPDATE counters SET value = value + 1 WHERE name = ?", (name,))
                return {"result": "duplicate" if name == "duplicates_absorbed" else "conflict"}
            missing = []
            for sha in record["attachments"]:
                held = conn.execute("SELECT complete FROM attachments WHERE sha256 = ?", (sha,)).fetchone()
                if held is None or not held["complete"]:
                    missing.append(sha)
            if missing:
                return {"result": "missing", "missing_attachments": missing}
            try:
                self._insert_record(conn, terminal_id, record)
            except sqlite3.IntegrityError as exc:
                if "records.receipt_no" not in str(exc):
                    raise
                conn.execute("UPDATE counters SET value = value + 1 WHERE name = 'receipt_conflicts'")
                return {"result": "receipt_taken"}
        return {"result": "stored"}

    @staticmethod
    def _insert_record(conn: sqlite3.Connection, terminal_id: str, record: dict[str, Any]) -> None:
        conn.execute(
            "INSERT INTO records(record_id, terminal_id, kind, content_hash, sequence, receipt_no, created_at, "
            "received_at, payload, attachments, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                record["record_id"],
                terminal_id,
                record["kind"],
                record["content_hash"],
                record["sequence"],
                record.get("receipt_no"),
                record.get("created_at"),
                _now(),
                json.dumps(record["payload"], ensure_ascii=False, sort_keys=True),
                json.dumps(record["attachments"]),
                record["signature"],
            ),
        )

    def record(self, record_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM records WHERE record_id = ?", (record_id,))
        if row is None:
            return None
        out = dict(row)
        out["payload"] = json.loads(out["payload"])
        out["attachments"] = json.loads(out["attachments"])
        return out

    def record_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._conn.execute("SELECT record_id FROM records ORDER BY rowid")]

    # -- application status (办件状态) ------------------------------------------------------------------------------

    def submission_by_receipt(self, receipt_no: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT record_id, terminal_id, receipt_no FROM records "
            "WHERE receipt_no = ? AND kind = 'submission' AND receipt_duplicate = 0",
            (receipt_no,),
        )
        if row is None:
            return None
        out = dict(row)
        last = self._one(
            "SELECT status FROM status_changes WHERE record_id = ? ORDER BY cursor DESC LIMIT 1", (row["record_id"],)
        )
        out["status"] = None if last is None else last["status"]
        return out

    def add_status(self, record_id: str, status: str, note: str) -> dict[str, Any]:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT terminal_id, receipt_no FROM records WHERE record_id = ?", (record_id,)
            ).fetchone()
            if row is None:
                raise KeyError(record_id)
            at = _now()
            cur = conn.execute(
                "INSERT INTO status_changes(terminal_id, record_id, receipt_no, status, note, at) VALUES (?,?,?,?,?,?)",
                (row["terminal_id"], record_id, row["receipt_no"], status, note, at),
            )
        return {
            "cursor": cur.lastrowid,
            "record_id": record_id,
            "receipt_no": row["receipt_no"],
            "status": status,
            "note": note,
            "at": at,
        }

    def status_changes(self, terminal_id: str, cursor: int, limit: int) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT cursor, record_id, receipt_no, status, note, at FROM status_changes "
                "WHERE terminal_id = ? AND cursor > ? ORDER BY cursor LIMIT ?",
                (terminal_id, cursor, limit),
            ).fetchall()
        return [dict(r) for r in rows]

    # -- catalog changes --------------------------------------------------------------------------------------------

    def add_catalog_change(self, bundle_version: int, change: dict[str, Any]) -> int:
        with self._tx() as conn:
            cur = conn.execute(
                "INSERT INTO catalog_changes(bundle_version, change, at) VALUES (?, ?, ?)",
                (bundle_version, json.dumps(change, ensure_ascii=False, sort_keys=True), _now()),
            )
        return int(cur.lastrowid or 0)

    def catalog_changes(self, cursor: int, limit: int) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT cursor, bundle_version, change FROM catalog_changes WHERE cursor > ? ORDER BY cursor LIMIT ?",
                (cursor, limit),
            ).fetchall()
        return [
            {"cursor": r["cursor"], "bundle_version": r["bundle_version"], "change": json.loads(r["change"])}
            for r in rows
        ]

    def catalog_head(self) -> tuple[int, int | None]:
        """(latest change cursor or 0, bundle version after it or None when there are no changes)."""
        row = self._one("SELECT cursor, bundle_version FROM catalog_changes ORDER BY cursor DESC LIMIT 1")
        return (0, None) if row is None else (int(row["cursor"]), int(row["bundle_version"]))

    # -- figures ----------------------------------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        with self._lock:
            c = self._conn
            counters = {r["name"]: r["value"] for r in c.execute("SELECT name, value FROM counters")}
            return {
                "terminals": c.execute("SELECT count(*) FROM terminals").fetchone()[0],
                "submissions": c.execute("SELECT count(*) FROM records WHERE kind = 'submission'").fetchone()[0],
                "records": c.execute("SELECT count(*) FROM records").fetchone()[0],
                "attachments": c.execute("SELECT count(*) FROM attachments WHERE complete = 1").fetchone()[0],
                "duplicates_absorbed": int(counters["duplicates_absorbed"]),
                "conflicts": int(counters["conflicts"]),
            }
