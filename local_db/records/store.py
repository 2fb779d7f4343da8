"""`records.db`: finalised records, their attachments' metadata, the outbox and the sync state.

Contract: a committed record survives a power cut (WAL, synchronous=FULL); every write is one `BEGIN IMMEDIATE`
transaction via `RecordsDB.write()`. Tables: docs/storage.md.

Size: `RecordsDB` has ~30 small query methods because it is the one connection and transaction boundary of
records.db (a record, its attachments and its outbox row commit together); they are grouped by table below.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from sqlite_utils import Database

from local_db.records.schema import migrations

__all__ = [
    "STAGES",
    "AttachmentRow",
    "OutboxRow",
    "RecordRow",
    "RecordsDB",
    "RecordsDBError",
    "RecordsLockedError",
    "migrations",
]

STAGES = ("attachments", "record", "delivered", "quarantined")
PENDING_STAGES = ("attachments", "record")


class RecordsDBError(Exception):
    """records.db cannot be used (corrupt, not a database, unreadable)."""


class RecordsLockedError(RecordsDBError):
    """Another process holds records.db's write lock longer than the busy timeout."""


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    sha256: str
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class RecordRow:
    seq: int
    record_id: str
    kind: str
    receipt_no: str | None
    created_at: str
    payload: str
    content_hash: str
    signature: str | None
    is_test: bool
    status: str | None
    status_note: str | None
    status_at: str | None


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """An outbox row joined with its record and attachments: all the delivery loop needs."""

    record: RecordRow
    stage: str
    attempts: int
    next_attempt_at: float
    last_error: str | None
    quarantine_kind: str | None
    quarantine_reason: str | None
    http_status: int | None
    result: str | None
    delivered_at: str | None
    attachments: tuple[AttachmentRow, ...]


_RECORD_COLS = (
    "r.seq, r.record_id, r.kind, r.receipt_no, r.created_at, r.payload, r.content_hash, r.signature, r.is_test, "
    "r.status, r.status_note, r.status_at"
)
_OUTBOX_COLS = (
    "o.stage, o.attempts, o.next_attempt_at, o.last_error, o.quarantine_kind, o.quarantine_reason, o.http_status, "
    "o.result, o.delivered_at"
)


def _record(row: Sequence[Any]) -> RecordRow:
    return RecordRow(
        seq=row[0],
        record_id=row[1],
        kind=row[2],
        receipt_no=row[3],
        created_at=row[4],
        payload=row[5],
        content_hash=row[6],
        signature=row[7],
        is_test=bool(row[8]),
        status=row[9],
        status_note=row[10],
        status_at=row[11],
    )


class PayloadCodec(Protocol):
    """Encrypts record payloads at rest (app/records/crypto.py): `encode` before a record is stored, `decode` when
    it is read, so every reader (outbox, export, status) sees the plaintext canonical JSON the hash covers."""

    def encode(self, record_id: str, payload: str) -> str: ...

    def decode(self, record_id: str, stored: str) -> str: ...


class RecordsDB:
    """One connection to records.db. Thread-safe for its owner: every call holds the connection's lock."""

    payload_codec: PayloadCodec | None = None
    """Set by the composition root (app/context.py) to keep payloads encrypted at rest; None stores plaintext."""

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = 5000) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            # isolation_level=None: no implicit transactions; write() issues BEGIN IMMEDIATE itself.
            conn = sqlite3.connect(
                str(self.path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise RecordsDBError(f"cannot open {self.path}: {exc}") from exc
        self.conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise RecordsDBError(f"{self.path}: cannot switch to WAL journal (got {mode})")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self.db = Database(conn)
            if migrations.pending(self.db):
                # Under the write lock (migrations then nest as savepoints), so two processes opening a fresh
                # database at once never both apply the first migration.
                with self.write():
                    migrations.apply(self.db)
        except sqlite3.OperationalError as exc:
            conn.close()
            raise self._translate(exc) from exc
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise RecordsDBError(f"{self.path} is not a usable records database: {exc}") from exc

    def _translate(self, exc: sqlite3.Error) -> RecordsDBError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return RecordsLockedError(f"{self.path} is locked by another process ({text})")
        if "full" in text:
            return RecordsDBError(f"{self.path}: no space left on device ({text})")
        return RecordsDBError(f"{self.path}: {text}")

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    # -- transactions ---------------------------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[RecordsDB]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT); rolled back if the block raises."""
        with self._lock:
            if self.conn.in_transaction:  # nested: join the outer transaction
                yield self
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._translate(exc) from exc
            try:
                yield self
            except sqlite3.OperationalError as exc:  # locked, disk full, I/O error: say so, keep nothing
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise self._translate(exc) from exc
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise self._translate(exc) from exc

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                raise self._translate(exc) from exc

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        with self._lock:
            if not self.conn.in_transaction:
                raise RuntimeError("records.db writes must run inside RecordsDB.write()")
            return self.conn.execute(sql, params)

    # -- finalising (inside write()) ------------------------------------------------------------------------------

    def next_receipt_sequence(self, day: str) -> int:
        """Increment and return the receipt counter of `day` (inside write())."""
        self._exec(
            "INSERT INTO receipt_counters(day, last) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1",
            (day,),
        )
        row = self.conn.execute("SELECT last FROM receipt_counters WHERE day = ?", (day,)).fetchone()
        return int(row[0])

    def add_attachment(self, sha256: str, size: int, stored_at: str) -> None:
        """Count a complete, fsynced blob as stored (idempotent; inside write())."""
        self._exec(
            "INSERT INTO attachments(sha256, size, stored_at) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
            (sha256, size, stored_at),
        )

    def insert_record(
        self,
        *,
        record_id: str,
        kind: str,
        receipt_no: str | None,
        created_at: str,
        payload: str,
        content_hash: str,
        signature: str | None,
        is_test: bool,
        attachments: Sequence[AttachmentRow],
    ) -> int:
        """Insert a finalised record, its attachment links and its outbox row; returns its seq (inside write())."""
        cur = self._exec(
            "INSERT INTO records(record_id, kind, receipt_no, created_at, payload, content_hash, signature, is_test) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record_id,
                kind,
                receipt_no,
                created_at,
                self._encode(record_id, payload),
                content_hash,
                signature,
                int(is_test),
            ),
        )
        seq = int(cur.lastrowid or 0)
        for position, att in enumerate(attachments):
            self._exec(
                "INSERT INTO record_attachments(record_id, position, sha256, name) VALUES (?, ?, ?, ?)",
                (record_id, position, att.sha256, att.name),
            )
        stage = "attachments" if attachments else "record"
        self._exec("INSERT INTO outbox(record_id, seq, stage) VALUES (?, ?, ?)", (record_id, seq, stage))
        return seq

    # -- reading --------------------------------------------------------------------------------------------------

    def _encode(self, record_id: str, payload: str) -> str:
        return payload if self.payload_codec is None else self.payload_codec.encode(record_id, payload)

    def _decoded(self, rec: RecordRow) -> RecordRow:
        if self.payload_codec is None:
            return rec
        return replace(rec, payload=self.payload_codec.decode(rec.record_id, rec.payload))

    def has_attachment(self, sha256: str) -> bool:
        return bool(self._query("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,)))

    def attachment_size(self, sha256: str) -> int | None:
        rows = self._query("SELECT size FROM attachments WHERE sha256 = ?", (sha256,))
        return int(rows[0][0]) if rows else None

    def get_record(self, record_id: str) -> RecordRow | None:
        rows = self._query(f"SELECT {_RECORD_COLS} FROM records r WHERE r.record_id = ?", (record_id,))
        return self._decoded(_record(rows[0])) if rows else None

    def find_by_receipt(self, receipt_no: str) -> RecordRow | None:
        rows = self._query(f"SELECT {_RECORD_COLS} FROM records r WHERE r.receipt_no = ?", (receipt_no,))
        return self._decoded(_record(rows[0])) if rows else None

    def _attachments_of(self, record_id: str) -> tuple[AttachmentRow, ...]:
        rows = self._query(
            "SELECT ra.sha256, ra.name, a.size FROM record_attachments ra JOIN attachments a USING (sha256) "
            "WHERE ra.record_id = ? ORDER BY ra.position",
            (record_id,),
        )
        return tuple(AttachmentRow(sha256=r[0], name=r[1], size=int(r[2])) for r in rows)

    def _outbox_rows(self, where: str, params: Sequence[Any], limit: int | None = None) -> list[OutboxRow]:
        sql = (
            f"SELECT {_RECORD_COLS}, {_OUTBOX_COLS} FROM outbox o JOIN records r USING (record_id) "
            f"WHERE {where} ORDER BY o.seq"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        out = []
        for row in self._query(sql, params):
            rec = self._decoded(_record(row[:12]))
            out.append(
                OutboxRow(
                    record=rec,
                    stage=row[12],
                    attempts=int(row[13]),
                    next_attempt_at=float(row[14]),
                    last_error=row[15],
                    quarantine_kind=row[16],
                    quarantine_reason=row[17],
                    http_status=row[18],
                    result=row[19],
                    delivered_at=row[20],
                    attachments=self._attachments_of(rec.record_id),
                )
            )
        return out

    def pending(self, limit: int | None = None) -> list[OutboxRow]:
        """Records not yet acknowledged and not quarantined, in order of creation."""
        return self._outbox_rows("o.stage IN ('attachments', 'record')", (), limit)

    def quarantined(self) -> list[OutboxRow]:
        return self._outbox_rows("o.stage = 'quarantined'", ())

    def outbox_entry(self, record_id: str) -> OutboxRow | None:
        rows = self._outbox_rows("o.record_id = ?", (record_id,))
        return rows[0] if rows else None

    def outbox_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STAGES, 0)
        for stage, n in self._query("SELECT stage, COUNT(*) FROM outbox GROUP BY stage"):
            counts[stage] = int(n)
        return counts

    def record_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM records")[0][0])

    # -- delivery state -------------------------------------------------------------------------------------------

    def upload_progress(self, sha256: str) -> tuple[int, bool] | None:
        """(confirmed bytes, complete) for an attachment, or None if its upload never started."""
        rows = self._query("SELECT confirmed, complete FROM upload_progress WHERE sha256 = ?", (sha256,))
        return (int(rows[0][0]), bool(rows[0][1])) if rows else None

    def set_upload_progress(self, sha256: str, *, total: int, confirmed: int, complete: bool) -> None:
        with self.write():
            self._exec(
                "INSERT INTO upload_progress(sha256, total, confirmed, complete) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(sha256) DO UPDATE SET total = excluded.total, confirmed = excluded.confirmed, "
                "complete = excluded.complete",
                (sha256, total, confirmed, int(complete)),
            )

    def set_stage(self, record_id: str, stage: str) -> None:
        """Move a record forward after a step succeeded: attempts reset, error cleared."""
        if stage not in PENDING_STAGES:
            raise ValueError(f"not a pending stage: {stage}")
        with self.write():
            self._exec(
                "UPDATE outbox SET stage = ?, attempts = 0, next_attempt_at = 0, last_error = NULL "
                "WHERE record_id = ? AND stage IN ('attachments', 'record')",
                (stage, record_id),
            )

    def _complete_uploads(self, uploads: Sequence[tuple[str, int]]) -> None:
        for sha, size in uploads:
            self._exec(
                "INSERT INTO upload_progress(sha256, total, confirmed, complete) VALUES (?, ?, ?, 1) "
                "ON CONFLICT(sha256) DO UPDATE SET total = excluded.total, confirmed = excluded.confirmed, "
                "complete = 1",
                (sha, size, size),
            )

    def complete_uploads(self, record_id: str, uploads: Sequence[tuple[str, int]]) -> None:
        """Every attachment of a record is complete on the platform: record that and move the record to `record`."""
        with self.write():
            self._complete_uploads(uploads)
            self._exec(
                "UPDATE outbox SET stage = 'record', attempts = 0, next_attempt_at = 0 "
                "WHERE record_id = ? AND stage = 'attachments'",
                (record_id,),
            )

    def reopen_attachments(self, record_id: str) -> None:
        """The platform lacks some attachments of this record: go back to uploading them."""
        with self.write():
            self._exec("UPDATE outbox SET stage = 'attachments' WHERE record_id = ? AND stage = 'record'", (record_id,))

    def mark_delivered(
        self, record_id: str, *, result: str, http_status: int, at: str, uploads: Sequence[tuple[str, int]] = ()
    ) -> None:
        """The platform acknowledged the record (stored or duplicate absorbed); `uploads` are complete too."""
        with self.write():
            self._complete_uploads(uploads)
            self._exec(
                "UPDATE outbox SET stage = 'delivered', result = ?, http_status = ?, delivered_at = ?, "
                "last_error = NULL, next_attempt_at = 0 WHERE record_id = ?",
                (result, http_status, at, record_id),
            )
            self._set_meta("last_success", at)

    def mark_quarantined(self, record_id: str, *, kind: str, reason: str, http_status: int | None, at: str) -> None:
        with self.write():
            self._exec(
                "UPDATE outbox SET stage = 'quarantined', quarantine_kind = ?, quarantine_reason = ?, "
                "http_status = ?, last_error = ?, next_attempt_at = 0 WHERE record_id = ?",
                (kind, reason, http_status, reason, record_id),
            )
            self._set_meta("last_error", f"{at} {reason}")

    def mark_failed(self, record_id: str, *, error: str, next_attempt_at: float, at: str) -> int:
        """A transient failure: count the attempt and schedule the next one; returns the new attempt count."""
        with self.write():
            self._exec(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE record_id = ?",
                (next_attempt_at, error, record_id),
            )
            self._set_meta("last_error", f"{at} {error}")
            row = self.conn.execute("SELECT attempts FROM outbox WHERE record_id = ?", (record_id,)).fetchone()
        return int(row[0]) if row else 0

    def release_now(self) -> int:
        """Make every pending record due now (connectivity came back); returns how many were waiting."""
        with self.write():
            cur = self._exec(
                "UPDATE outbox SET next_attempt_at = 0 WHERE stage IN ('attachments', 'record') AND next_attempt_at > 0"
            )
        return cur.rowcount

    def requeue(self, record_id: str) -> bool:
        """Put a quarantined record back in the queue (a technician fixed the cause)."""
        with self.write():
            cur = self._exec(
                "UPDATE outbox SET stage = 'attachments', attempts = 0, next_attempt_at = 0, quarantine_kind = NULL, "
                "quarantine_reason = NULL WHERE record_id = ? AND stage = 'quarantined'",
                (record_id,),
            )
        return cur.rowcount == 1

    def set_signature(self, record_id: str, signature: str) -> None:
        with self.write():
            self._exec(
                "UPDATE records SET signature = ? WHERE record_id = ? AND signature IS NULL", (signature, record_id)
            )

    # -- status feed ----------------------------------------------------------------------------------------------

    def apply_status_changes(self, changes: Sequence[dict[str, Any]], next_cursor: int) -> int:
        """Store one page of status changes and the new cursor in one transaction; returns rows stored."""
        stored = 0
        with self.write():
            for ch in changes:
                cur = self._exec(
                    "INSERT INTO status_changes(cursor, record_id, receipt_no, status, note, at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(cursor) DO NOTHING",
                    (int(ch["cursor"]), ch["record_id"], ch.get("receipt_no"), ch["status"], ch.get("note"), ch["at"]),
                )
                if cur.rowcount:
                    stored += 1
                    self._exec(
                        "UPDATE records SET status = ?, status_note = ?, status_at = ? WHERE record_id = ?",
                        (ch["status"], ch.get("note"), ch["at"], ch["record_id"]),
                    )
            self._set_meta("status_cursor", str(int(next_cursor)))
        return stored

    def status_history(self, record_id: str) -> list[dict[str, Any]]:
        rows = self._query(
            "SELECT cursor, status, note, at FROM status_changes WHERE record_id = ? ORDER BY cursor", (record_id,)
        )
        return [{"cursor": r[0], "status": r[1], "note": r[2], "at": r[3]} for r in rows]

    # -- meta -----------------------------------------------------------------------------------------------------

    def _set_meta(self, key: str, value: str | None) -> None:
        self._exec(
            "INSERT INTO sync_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def note_error(self, error: str) -> None:
        self.set_meta("last_error", error)

    def set_meta(self, key: str, value: str | None) -> None:
        with self.write():
            self._set_meta(key, value)

    def get_meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM sync_meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def integrity_check(self) -> str:
        return str(self._query("PRAGMA integrity_check")[0][0])
