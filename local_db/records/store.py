"""`records.db`: finalised records, their attachments' metadata, the outbox and the sync state.

Contract: a committed record survives a power cut (WAL, synchronous=FULL); every write is one `BEGIN IMMEDIATE`
transaction via `RecordsDB.write()`. Tables: docs/storage.md.

Size: `RecordsDB` has ~30 small query methods because it is the one connection and transaction boundary of
records.db (a record, its attachments and its outbox row commit together); they are grouped by table below.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from sqlite_utils import Database

from local_db.records.errors import RecordsCorruptError, RecordsDBError, RecordsDiskFullError, RecordsLockedError
from local_db.records.schema import migrations

__all__ = [
    "STAGES",
    "AttachmentRow",
    "OutboxRow",
    "RecordRow",
    "RecordsCorruptError",
    "RecordsDB",
    "RecordsDBError",
    "RecordsDiskFullError",
    "RecordsLockedError",
    "migrations",
]

STAGES = ("attachments", "record", "delivered", "quarantined")
PENDING_STAGES = ("attachments", "record")


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
    envelope_signature: str | None = None
    sig_version: int = 1
    """1: `signature` covers the content hash only; 2: `envelope_signature` covers the whole envelope too."""
    damage: str | None = None
    """Set (payload emptied) when the stored payload could not be decrypted: why (outbox rows only)."""


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
    "r.status, r.status_note, r.status_at, r.envelope_signature, r.sig_version"
)
_NCOLS = 14
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
        envelope_signature=row[12],
        sig_version=int(row[13]),
    )


def _note_key(record_id: str) -> str:
    """The associated data a status note is sealed under: bound to its record, never mistaken for its payload."""
    return f"{record_id}#status-note"


class PayloadCodec(Protocol):
    """Encrypts record payloads at rest (app/records/crypto.py): `encode` before a record is stored, `decode` when
    it is read, so every reader (outbox, export, status) sees the plaintext canonical JSON the hash covers."""

    def encode(self, record_id: str, payload: str) -> str: ...

    def decode(self, record_id: str, stored: str) -> str: ...


class RecordsDB:
    """One connection to records.db. Thread-safe for its owner: every call holds the connection's lock."""

    payload_codec: PayloadCodec | None = None
    """Set by the composition root (app/context.py) to keep payloads encrypted at rest; None stores plaintext."""

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = 5000, quick_check: bool = True) -> None:
        """Open (or create, mode 0600 whatever the umask: SQLite gives -wal and -shm the same mode) and migrate;
        with `quick_check`, a database failing `PRAGMA quick_check` is `RecordsCorruptError`, never served."""
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            os.fchmod(fd, 0o600)
            os.close(fd)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise RecordsDiskFullError(f"{self.path}: no space left on device") from exc
            raise RecordsDBError(f"cannot open {self.path}: {exc.strerror or exc}") from exc
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
            if quick_check:
                problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
                if problems != ["ok"]:
                    raise RecordsCorruptError(f"{self.path}: {'; '.join(problems)}", detail="; ".join(problems))
            self.db = Database(conn)
            if migrations.pending(self.db):
                # Under the write lock (migrations then nest as savepoints), so two processes opening a fresh
                # database at once never both apply the first migration.
                with self.write():
                    migrations.apply(self.db)
        except sqlite3.OperationalError as exc:
            conn.close()
            raise self._translate(exc) from exc
        except RecordsDBError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if self._disk_full():
                raise RecordsDiskFullError(f"{self.path}: no space left on device ({exc})") from exc
            if "malformed" in str(exc) or "not a database" in str(exc):
                raise RecordsCorruptError(f"{self.path}: {exc}", detail=str(exc)) from exc
            raise RecordsDBError(f"{self.path} is not a usable records database: {exc}") from exc

    def _translate(self, exc: sqlite3.Error) -> RecordsDBError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return RecordsLockedError(f"{self.path} is locked by another process ({text})")
        if "full" in text or (("I/O error" in text or "unable to open" in text) and self._disk_full()):
            # SQLite says "disk I/O error" when it cannot grow the -shm or -wal file on a full disk: say why.
            return RecordsDiskFullError(f"{self.path}: no space left on device ({text})")
        return RecordsDBError(f"{self.path}: {text}")

    def _disk_full(self) -> bool:
        try:
            return os.statvfs(self.path.parent).f_bavail == 0
        except OSError:
            return False

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

    def carry_receipt_counter(self, day: str, last: int) -> int:
        """Raise the receipt counter of `day` to at least `last` (a replaced records.db continues after the numbers
        already issued); returns the counter."""
        with self.write():
            self._exec(
                "INSERT INTO receipt_counters(day, last) VALUES (?, ?) "
                "ON CONFLICT(day) DO UPDATE SET last = MAX(last, excluded.last)",
                (day, int(last)),
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
        envelope_signature: str | None = None,
    ) -> int:
        """Insert a finalised record, its attachment links and its outbox row; returns its seq (inside write())."""
        cur = self._exec(
            "INSERT INTO records(record_id, kind, receipt_no, created_at, payload, content_hash, signature, is_test, "
            "envelope_signature, sig_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record_id,
                kind,
                receipt_no,
                created_at,
                self._encode(record_id, payload),
                content_hash,
                signature,
                int(is_test),
                envelope_signature,
                2 if envelope_signature is not None else 1,
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
        note = self._note(rec.record_id, rec.status_note)
        return replace(rec, payload=self.payload_codec.decode(rec.record_id, rec.payload), status_note=note)

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
            rec = _record(row[:_NCOLS])
            try:
                rec = self._decoded(rec)
            except Exception as exc:  # one damaged row must not hide the others (the outbox quarantines it)
                rec = replace(rec, payload="", damage=f"stored payload cannot be read: {exc}")
            o = row[_NCOLS:]
            out.append(
                OutboxRow(
                    record=rec,
                    stage=o[0],
                    attempts=int(o[1]),
                    next_attempt_at=float(o[2]),
                    last_error=o[3],
                    quarantine_kind=o[4],
                    quarantine_reason=o[5],
                    http_status=o[6],
                    result=o[7],
                    delivered_at=o[8],
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

    def pending_summary(self) -> dict[str, Any]:
        """The outbox still to deliver, for progress and `yunban doctor`: `records`, `attachment_bytes` (attachment
        bytes not yet confirmed by the platform), and the oldest pending record's `oldest_record_id`,
        `oldest_created_at` (UTC ISO) and `oldest_receipt_no` (None when nothing is pending)."""
        count = int(self._query("SELECT COUNT(*) FROM outbox WHERE stage IN ('attachments', 'record')")[0][0])
        left = self._query(
            "SELECT COALESCE(SUM(a.size - COALESCE(u.confirmed, 0)), 0) FROM outbox o "
            "JOIN record_attachments ra USING (record_id) JOIN attachments a ON a.sha256 = ra.sha256 "
            "LEFT JOIN upload_progress u ON u.sha256 = ra.sha256 "
            "WHERE o.stage = 'attachments' AND COALESCE(u.complete, 0) = 0"
        )
        oldest = self._query(
            "SELECT r.record_id, r.created_at, r.receipt_no FROM outbox o JOIN records r USING (record_id) "
            "WHERE o.stage IN ('attachments', 'record') ORDER BY o.seq LIMIT 1"
        )
        return {
            "records": count,
            "attachment_bytes": max(0, int(left[0][0])),
            "oldest_record_id": oldest[0][0] if oldest else None,
            "oldest_created_at": oldest[0][1] if oldest else None,
            "oldest_receipt_no": oldest[0][2] if oldest else None,
        }

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

    def delivery_states(self, record_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """record id → (content hash, outbox stage or None) of those of `record_ids` this terminal holds; read in
        batches of 500 ids (a hand-over acknowledgement checks thousands at once, `app.sync.handover`)."""
        out: dict[str, tuple[str, str | None]] = {}
        ids = list(dict.fromkeys(record_ids))
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            sql = (
                "SELECT r.record_id, r.content_hash, o.stage FROM records r LEFT JOIN outbox o USING (record_id) "
                f"WHERE r.record_id IN ({','.join('?' * len(part))})"
            )
            for record_id, content_hash, stage in self._query(sql, part):
                out[str(record_id)] = (str(content_hash), stage)
        return out

    def mark_delivered_many(self, entries: Sequence[tuple[str, str]], *, http_status: int, at: str) -> list[str]:
        """Mark records (record id, result) delivered in one transaction; a record delivered already (over the
        network meanwhile, or by an earlier run) is left as it is. Returns the ids marked now."""
        marked: list[str] = []
        with self.write():
            for record_id, result in entries:
                cur = self._exec(
                    "UPDATE outbox SET stage = 'delivered', result = ?, http_status = ?, delivered_at = ?, "
                    "last_error = NULL, next_attempt_at = 0 WHERE record_id = ? AND stage != 'delivered'",
                    (result, http_status, at, record_id),
                )
                if cur.rowcount:
                    marked.append(record_id)
            if marked:
                self._set_meta("last_success", at)
        return marked

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

    def set_signature(self, record_id: str, signature: str, envelope_signature: str) -> None:
        """Sign a record finalised unsigned (before enrollment), signed over its content hash only (sig_version 1)
        or whose signatures were cleared by a new enrollment; sig_version becomes 2."""
        with self.write():
            self._exec(
                "UPDATE records SET signature = ?, envelope_signature = ?, sig_version = 2 WHERE record_id = ?",
                (signature, envelope_signature, record_id),
            )

    def clear_pending_signatures(self) -> int:
        """The terminal was enrolled again (a new key and terminal id): records not yet delivered lose their
        signatures, so the outbox signs them with the new key before posting; returns how many."""
        with self.write():
            cur = self._exec(
                "UPDATE records SET signature = NULL, envelope_signature = NULL, sig_version = 1 WHERE record_id IN "
                "(SELECT record_id FROM outbox WHERE stage IN ('attachments', 'record'))"
            )
        return cur.rowcount

    # -- status feed ----------------------------------------------------------------------------------------------

    def apply_status_changes(self, changes: Sequence[dict[str, Any]], next_cursor: int) -> int:
        """Store one page of status changes and the new cursor in one transaction; returns rows stored."""
        stored = 0
        with self.write():
            for ch in changes:
                note = ch.get("note")
                if note is not None:  # personal data (a reason, a name): encrypted at rest like payloads
                    note = self._encode(_note_key(ch["record_id"]), str(note))
                cur = self._exec(
                    "INSERT INTO status_changes(cursor, record_id, receipt_no, status, note, at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(cursor) DO NOTHING",
                    (int(ch["cursor"]), ch["record_id"], ch.get("receipt_no"), ch["status"], note, ch["at"]),
                )
                if cur.rowcount:
                    stored += 1
                    self._exec(
                        "UPDATE records SET status = ?, status_note = ?, status_at = ? WHERE record_id = ?",
                        (ch["status"], note, ch["at"], ch["record_id"]),
                    )
            self._set_meta("status_cursor", str(int(next_cursor)))
        return stored

    def status_history(self, record_id: str) -> list[dict[str, Any]]:
        rows = self._query(
            "SELECT cursor, status, note, at FROM status_changes WHERE record_id = ? ORDER BY cursor", (record_id,)
        )
        return [{"cursor": r[0], "status": r[1], "note": self._note(record_id, r[2]), "at": r[3]} for r in rows]

    def _note(self, record_id: str, stored: str | None) -> str | None:
        if stored is None or self.payload_codec is None:
            return stored
        try:
            return self.payload_codec.decode(_note_key(record_id), stored)
        except Exception as exc:  # shown as missing, never as ciphertext, never a crash of the status lookup
            logging.getLogger(__name__).warning("status note of %s cannot be read: %s", record_id, exc)
            return None

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
