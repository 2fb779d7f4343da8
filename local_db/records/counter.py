"""records.db queries of the counter workspace (issue 14 §2): the submissions in a clerk's queue with their receipt
facts and latest decision, and the `counter_decisions` table (migration 0006_staff).

Contract: `queue_rows` returns the submissions created in [start, end) plus every older one (since `open_since`)
still open (no decision, or its latest decision is 补正 `correct` or 容缺受理 `defer`), each with its sealed receipt
facts and the latest decision, newest first; payloads come back decoded by the database's payload codec (the
composition root's encryption). A case whose latest decision a supervisor returned (`review_state = 'returned'`)
is open again. Decisions are append-only but for their review columns (`set_review`).
- Free text is sealed at rest like record payloads and status notes: the reason (`reason_sealed`) and the
  reviewer's note (`review_note_sealed`, migration 0008) go through the database's payload codec (the terminal data
  key; associated data the decision id and the column), and the clear columns hold ''. Rows written before 0008
  read from their clear columns until `seal_clear_text` (run by the counter service when it starts) seals them.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from local_db.records.store import _NCOLS, _RECORD_COLS, AttachmentRow, RecordRow, RecordsDB, _record

__all__ = ["CounterTable", "DecisionRow", "QueueRow"]

DECISION_KINDS = ("accept", "refuse", "correct", "defer")
_DCOLS = (
    "decision_id, record_id, receipt_no, kind, reason, legal_basis, materials, deadline, clerk_id, window, "
    "decided_at, notice_no, sent_record_id, review_state, reviewer_id, reviewed_at, review_note, reason_sealed, "
    "review_note_sealed"
)
_N_DCOLS = 19


@dataclass(frozen=True, slots=True)
class DecisionRow:
    decision_id: str
    record_id: str
    receipt_no: str | None
    kind: str
    reason: str
    legal_basis: str
    materials: tuple[str, ...]
    deadline: str | None
    clerk_id: str
    window: str
    decided_at: str
    notice_no: str | None = None
    sent_record_id: str | None = None
    review_state: str | None = None
    reviewer_id: str | None = None
    reviewed_at: str | None = None
    review_note: str | None = None


@dataclass(frozen=True, slots=True)
class QueueRow:
    record: RecordRow
    receipt_blob: bytes | None
    verification: str | None
    decision: DecisionRow | None


def _reason_key(decision_id: str) -> str:
    return f"{decision_id}#decision-reason"


def _note_key(decision_id: str) -> str:
    return f"{decision_id}#review-note"


class CounterTable:
    """Data access for the counter's queue and `counter_decisions` over one RecordsDB connection."""

    def __init__(self, db: RecordsDB) -> None:
        self.db = db

    # -- sealed free text -----------------------------------------------------------------------------------------

    def _seal(self, key: str, text: str) -> str:
        codec = self.db.payload_codec
        return text if codec is None else codec.encode(key, text)

    def _open(self, key: str, stored: object, clear: object) -> str | None:
        if stored is None:
            return None if clear is None else str(clear)
        codec = self.db.payload_codec
        if codec is None:
            return str(stored)
        try:
            return codec.decode(key, str(stored))
        except Exception as exc:  # shown as missing, never as ciphertext, never a crash of the queue
            logging.getLogger(__name__).warning("decision text %s cannot be read: %s", key, type(exc).__name__)
            return None

    def _decision(self, r: tuple[object, ...]) -> DecisionRow:
        values = list(r[: _N_DCOLS - 2])
        decision_id = str(values[0])
        values[4] = self._open(_reason_key(decision_id), r[17], values[4]) or ""
        values[6] = tuple(json.loads(str(values[6])))
        values[16] = self._open(_note_key(decision_id), r[18], values[16])
        return DecisionRow(*values)  # type: ignore[arg-type]

    def seal_clear_text(self) -> int:
        """Seal the reasons and review notes of rows written before migration 0008 (clear columns); how many rows.
        Nothing happens without the data key (the codec then stores plain text: the rows stay as they are)."""
        codec = self.db.payload_codec
        if codec is None:
            return 0
        rows = self.db._query(
            "SELECT decision_id, reason, review_note FROM counter_decisions "
            "WHERE (reason != '' AND reason_sealed IS NULL) OR (review_note IS NOT NULL AND review_note != '' "
            "AND review_note_sealed IS NULL)"
        )
        done = 0
        for decision_id, reason, note in rows:
            sealed_reason = codec.encode(_reason_key(decision_id), reason) if reason else None
            sealed_note = codec.encode(_note_key(decision_id), note) if note else None
            if (reason and sealed_reason == reason) or (note and sealed_note == note):
                return done  # no data key now: sealing would copy the clear text
            with self.db.write():
                if sealed_reason is not None:
                    self.db._exec(
                        "UPDATE counter_decisions SET reason = '', reason_sealed = ? WHERE decision_id = ?",
                        (sealed_reason, decision_id),
                    )
                if sealed_note is not None:
                    self.db._exec(
                        "UPDATE counter_decisions SET review_note = '', review_note_sealed = ? WHERE decision_id = ?",
                        (sealed_note, decision_id),
                    )
            done += 1
        return done

    def queue_rows(self, start: str, end: str, open_since: str) -> list[QueueRow]:
        d_cols = ", ".join(f"d.{c.strip()}" for c in _DCOLS.split(","))
        sql = (
            f"SELECT {_RECORD_COLS}, rc.blob, rc.verification, {d_cols} FROM records r "
            "LEFT JOIN receipts rc ON rc.record_id = r.record_id "
            "LEFT JOIN counter_decisions d ON d.decision_id = ("
            "  SELECT decision_id FROM counter_decisions WHERE record_id = r.record_id "
            "  ORDER BY decided_at DESC, rowid DESC LIMIT 1) "
            "WHERE r.kind = 'submission' AND r.is_test = 0 AND ("
            "  (r.created_at >= ? AND r.created_at < ?) "
            "  OR (r.created_at >= ? AND (d.kind IS NULL OR d.kind IN ('correct', 'defer') "
            "      OR d.review_state = 'returned'))) "
            "ORDER BY r.created_at DESC, r.seq DESC"
        )
        out: list[QueueRow] = []
        for row in self.db._query(sql, (start, end, open_since)):
            rec = self.db._decoded(_record(row[:_NCOLS]))
            blob = row[_NCOLS]
            decision = self._decision(tuple(row[_NCOLS + 2 :])) if row[_NCOLS + 2] is not None else None
            out.append(QueueRow(rec, bytes(blob) if blob is not None else None, row[_NCOLS + 1], decision))
        return out

    def record(self, record_id: str) -> RecordRow | None:
        return self.db.get_record(record_id)

    def attachments(self, record_id: str) -> tuple[AttachmentRow, ...]:
        return self.db._attachments_of(record_id)

    def receipt_blob(self, record_id: str) -> tuple[bytes, str] | None:
        rows = self.db._query("SELECT blob, verification FROM receipts WHERE record_id = ?", (record_id,))
        return (bytes(rows[0][0]), str(rows[0][1])) if rows else None

    def add_decision(self, d: DecisionRow) -> None:
        """Inside the caller's `RecordsDB.write()` (joined) or its own."""
        with self.db.write():
            self.db._exec(
                f"INSERT INTO counter_decisions ({_DCOLS}) VALUES ({', '.join('?' * _N_DCOLS)})",
                (
                    d.decision_id, d.record_id, d.receipt_no, d.kind, "", d.legal_basis,
                    json.dumps(list(d.materials), ensure_ascii=False), d.deadline, d.clerk_id, d.window,
                    d.decided_at, d.notice_no, d.sent_record_id, d.review_state, d.reviewer_id, d.reviewed_at,
                    None if d.review_note is None else "",
                    self._seal(_reason_key(d.decision_id), d.reason),
                    None if d.review_note is None else self._seal(_note_key(d.decision_id), d.review_note),
                ),
            )  # fmt: skip

    def decisions_of(self, record_id: str) -> list[DecisionRow]:
        rows = self.db._query(
            f"SELECT {_DCOLS} FROM counter_decisions WHERE record_id = ? ORDER BY decided_at, rowid", (record_id,)
        )
        return [self._decision(tuple(r)) for r in rows]

    def decision(self, decision_id: str) -> DecisionRow | None:
        rows = self.db._query(f"SELECT {_DCOLS} FROM counter_decisions WHERE decision_id = ?", (decision_id,))
        return self._decision(tuple(rows[0])) if rows else None

    def unreviewed(self) -> list[DecisionRow]:
        rows = self.db._query(
            f"SELECT {_DCOLS} FROM counter_decisions WHERE review_state IS NULL ORDER BY decided_at, rowid"
        )
        return [self._decision(tuple(r)) for r in rows]

    def set_review(self, decision_id: str, *, state: str, reviewer_id: str, at: str, note: str) -> None:
        with self.db.write():
            self.db._exec(
                "UPDATE counter_decisions SET review_state = ?, reviewer_id = ?, reviewed_at = ?, review_note = '', "
                "review_note_sealed = ? WHERE decision_id = ?",
                (state, reviewer_id, at, self._seal(_note_key(decision_id), note), decision_id),
            )
