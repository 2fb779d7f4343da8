"""records.db tables of the apply flow: drafts, receipt facts, after-service links (好差评, 咨询投诉).

Contract: blobs arrive encrypted by the caller (this module never sees personal data in clear); writes that must be
atomic with a finalised record run inside `RecordsDB.write()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from local_db.records.store import RecordsDB

__all__ = ["ApplyTables", "DraftRow", "ReceiptRow"]


@dataclass(frozen=True, slots=True)
class DraftRow:
    draft_id: str
    code: str | None
    channel: str
    kept: bool
    created_at: str
    updated_at: str
    blob: bytes


@dataclass(frozen=True, slots=True)
class ReceiptRow:
    receipt_no: str
    record_id: str
    due_date: str | None
    verification: str
    blob: bytes


_DRAFT_COLS = "draft_id, code, channel, kept, created_at, updated_at, blob"


class ApplyTables:
    """Data access for drafts, receipts and record links over one RecordsDB connection."""

    def __init__(self, db: RecordsDB) -> None:
        self.db = db

    # -- drafts ---------------------------------------------------------------------------------------------------

    def save_draft(self, draft_id: str, *, channel: str, at: str, blob: bytes) -> None:
        with self.db.write():
            self.db._exec(
                "INSERT INTO drafts(draft_id, channel, created_at, updated_at, blob) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(draft_id) DO UPDATE SET updated_at = excluded.updated_at, blob = excluded.blob",
                (draft_id, channel, at, at, blob),
            )

    def keep_draft(self, draft_id: str, code: str) -> bool:
        with self.db.write():
            cur = self.db._exec("UPDATE drafts SET kept = 1, code = ? WHERE draft_id = ?", (code, draft_id))
        return cur.rowcount == 1

    def code_taken(self, code: str) -> bool:
        return bool(self.db._query("SELECT 1 FROM drafts WHERE code = ?", (code,)))

    def get_draft(self, draft_id: str) -> DraftRow | None:
        rows = self.db._query(f"SELECT {_DRAFT_COLS} FROM drafts WHERE draft_id = ?", (draft_id,))
        return _draft(rows[0]) if rows else None

    def find_draft(self, code: str) -> DraftRow | None:
        rows = self.db._query(f"SELECT {_DRAFT_COLS} FROM drafts WHERE code = ?", (code,))
        return _draft(rows[0]) if rows else None

    def list_drafts(self) -> list[DraftRow]:
        return [_draft(r) for r in self.db._query(f"SELECT {_DRAFT_COLS} FROM drafts ORDER BY updated_at DESC")]

    def delete_draft(self, draft_id: str) -> bool:
        with self.db.write():
            cur = self.db._exec("DELETE FROM drafts WHERE draft_id = ?", (draft_id,))
        return cur.rowcount == 1

    # -- receipts (inside the finalising transaction) -------------------------------------------------------------

    def add_receipt(self, row: ReceiptRow) -> None:
        with self.db.write():
            self.db._exec(
                "INSERT INTO receipts(receipt_no, record_id, due_date, verification, blob) VALUES (?, ?, ?, ?, ?)",
                (row.receipt_no, row.record_id, row.due_date, row.verification, row.blob),
            )

    def get_receipt(self, receipt_no: str) -> ReceiptRow | None:
        rows = self.db._query(
            "SELECT receipt_no, record_id, due_date, verification, blob FROM receipts WHERE receipt_no = ?",
            (receipt_no,),
        )
        if not rows:
            return None
        r = rows[0]
        return ReceiptRow(r[0], r[1], r[2], r[3], bytes(r[4]))

    def receipt_count(self) -> int:
        return int(self.db._query("SELECT COUNT(*) FROM receipts")[0][0])

    # -- after-service links --------------------------------------------------------------------------------------

    def add_link(self, record_id: str, *, kind: str, receipt_no: str | None, reference: str) -> None:
        with self.db.write():
            self.db._exec(
                "INSERT INTO record_links(record_id, kind, receipt_no, reference) VALUES (?, ?, ?, ?)",
                (record_id, kind, receipt_no, reference),
            )

    def links_of(self, receipt_no: str) -> list[tuple[str, str, str]]:
        """(record_id, kind, reference) of evaluations and complaints about a receipt number, oldest first."""
        rows = self.db._query(
            "SELECT l.record_id, l.kind, l.reference FROM record_links l JOIN records r USING (record_id) "
            "WHERE l.receipt_no = ? ORDER BY r.seq",
            (receipt_no,),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def withdraw_unsent(self, record_id: str) -> bool:
        """Drop a linked record (a 好差评 replaced by a later one) with its outbox row and link, only while it is not
        delivered; True if it was dropped. Run inside `RecordsDB.write()` with the replacing record's finalise."""
        with self.db.write():
            cur = self.db._exec("DELETE FROM outbox WHERE record_id = ? AND stage != 'delivered'", (record_id,))
            if cur.rowcount != 1:
                return False
            self.db._exec("DELETE FROM record_links WHERE record_id = ?", (record_id,))
            self.db._exec("DELETE FROM records WHERE record_id = ?", (record_id,))
        return True

    def find_link(self, reference: str) -> tuple[str, str, str | None] | None:
        """(record_id, kind, receipt_no) of a complaint by its own tracking reference."""
        rows = self.db._query("SELECT record_id, kind, receipt_no FROM record_links WHERE reference = ?", (reference,))
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else None


def _draft(r: Any) -> DraftRow:
    return DraftRow(
        draft_id=str(r[0]),
        code=None if r[1] is None else str(r[1]),
        channel=str(r[2]),
        kept=bool(r[3]),
        created_at=str(r[4]),
        updated_at=str(r[5]),
        blob=bytes(r[6]),
    )
