"""records.db tables of the audit log (审计日志): the hash-chained entries and the batches sent to the platform.

Contract: both tables are append-only (triggers of migration 0004 refuse UPDATE and DELETE); an entry's hash is
computed by the caller (`app.audit`), which hands in the row; `append` reads the head and inserts inside one
`RecordsDB.write()` transaction, so two writers never chain onto the same head. Rows come back as plain dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from local_db.records.store import RecordsDB

__all__ = ["AuditBatchRow", "AuditRow", "AuditTable"]


@dataclass(frozen=True, slots=True)
class AuditRow:
    seq: int
    at: str
    event: str
    actor: str | None
    subject: str | None
    detail: str
    """Canonical JSON text of the entry's detail object."""
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditBatchRow:
    record_id: str
    first_seq: int
    last_seq: int
    head_hash: str
    created_at: str
    stage: str | None = None
    """The batch record's outbox stage (attachments, record, delivered, quarantined); None if its row is gone."""


_COLS = "seq, at, event, actor, subject, detail, prev_hash, hash"


def _row(r: tuple[object, ...]) -> AuditRow:
    return AuditRow(
        seq=int(r[0]),  # type: ignore[call-overload]
        at=str(r[1]),
        event=str(r[2]),
        actor=None if r[3] is None else str(r[3]),
        subject=None if r[4] is None else str(r[4]),
        detail=str(r[5]),
        prev_hash=str(r[6]),
        hash=str(r[7]),
    )


class AuditTable:
    """Data access for `audit_log` and `audit_batches` over one RecordsDB connection."""

    def __init__(self, db: RecordsDB) -> None:
        self.db = db

    def append(self, make: Callable[[int, str], AuditRow]) -> AuditRow:
        """Insert the next entry: `make(seq, prev_hash)` builds it from the head read in the same transaction."""
        with self.db.write():
            head = self.db._exec("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (int(head[0]) + 1, str(head[1])) if head else (1, "0" * 64)
            row = make(seq, prev)
            self.db._exec(
                f"INSERT INTO audit_log({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (row.seq, row.at, row.event, row.actor, row.subject, row.detail, row.prev_hash, row.hash),
            )
        return row

    def head(self) -> AuditRow | None:
        rows = self.db._query(f"SELECT {_COLS} FROM audit_log ORDER BY seq DESC LIMIT 1")
        return _row(rows[0]) if rows else None

    def count(self) -> int:
        return int(self.db._query("SELECT COUNT(*) FROM audit_log")[0][0])

    def entries(self, after_seq: int = 0, *, limit: int | None = None) -> list[AuditRow]:
        sql = f"SELECT {_COLS} FROM audit_log WHERE seq > ? ORDER BY seq"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_row(r) for r in self.db._query(sql, (after_seq,))]

    def iter_entries(self, page: int = 1000) -> Iterator[AuditRow]:
        """Every entry in order, read a page at a time (a long log never sits in memory at once)."""
        after = 0
        while True:
            rows = self.entries(after, limit=page)
            yield from rows
            if len(rows) < page:
                return
            after = rows[-1].seq

    def recent(self, limit: int) -> list[AuditRow]:
        rows = self.db._query(f"SELECT {_COLS} FROM audit_log ORDER BY seq DESC LIMIT ?", (int(limit),))
        return [_row(r) for r in rows]

    # -- batches --------------------------------------------------------------------------------------------------

    def last_batched_seq(self) -> int:
        return int(self.db._query("SELECT COALESCE(MAX(last_seq), 0) FROM audit_batches")[0][0])

    def add_batch(self, batch: AuditBatchRow) -> None:
        """Record a batch (inside the write() that finalised its record)."""
        self.db._exec(
            "INSERT INTO audit_batches(record_id, first_seq, last_seq, head_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            (batch.record_id, batch.first_seq, batch.last_seq, batch.head_hash, batch.created_at),
        )

    def batches(self) -> list[AuditBatchRow]:
        rows = self.db._query(
            "SELECT b.record_id, b.first_seq, b.last_seq, b.head_hash, b.created_at, o.stage "
            "FROM audit_batches b LEFT JOIN outbox o USING (record_id) ORDER BY b.last_seq"
        )
        return [AuditBatchRow(str(r[0]), int(r[1]), int(r[2]), str(r[3]), str(r[4]), r[5]) for r in rows]

    def audit_record_ids(self) -> list[str]:
        """Records of kind `audit` in records.db (a batch row deleted behind the log's back is noticed by them)."""
        return [str(r[0]) for r in self.db._query("SELECT record_id FROM records WHERE kind = 'audit' ORDER BY seq")]
