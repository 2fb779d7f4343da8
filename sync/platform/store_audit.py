"""The SQL behind `yunban platform audit verify` (issue 14 §4), beside `sync/platform/store.py`: the terminals that
delivered audit batches, and one terminal's batches as stored (records of kind `audit`).

Contract: read-only, engine-neutral (`?` placeholders, through the store's transactions), so it runs on SQLite and
PostgreSQL alike. Payloads come back as the stored JSON text, undecoded: the verifier checks that text against the
stored content hash and signatures itself (a row edited in the database must not be tidied up on the way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["AuditRow", "audit_records", "audit_terminals", "terminal_key"]


@dataclass(frozen=True, slots=True)
class AuditRow:
    record_id: str
    kind: str
    receipt_no: str | None
    sequence: int
    content_hash: str
    payload: str
    signature: str | None
    envelope_signature: str | None


def audit_terminals(store: Any) -> list[str]:
    """Every terminal that has at least one audit batch stored, in id order."""
    with store._tx() as conn:
        rows = conn.execute("SELECT DISTINCT terminal_id FROM records WHERE kind = 'audit' ORDER BY terminal_id")
        return [str(r[0]) for r in rows.fetchall()]


def audit_records(store: Any, terminal_id: str) -> list[AuditRow]:
    """One terminal's audit batches in the order the terminal numbered them (its outbox sequence)."""
    with store._tx() as conn:
        rows = conn.execute(
            "SELECT record_id, kind, receipt_no, sequence, content_hash, payload, signature, envelope_signature "
            "FROM records WHERE terminal_id = ? AND kind = 'audit' ORDER BY sequence, record_id",
            (terminal_id,),
        ).fetchall()
    return [AuditRow(str(r[0]), str(r[1]), _text(r[2]), int(r[3]), str(r[4]), str(r[5]), _text(r[6]), _text(r[7]))
            for r in rows]  # fmt: skip


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def terminal_key(store: Any, terminal_id: str) -> tuple[str, str] | None:
    """(algorithm, public key base64) the terminal enrolled with, or None for an unknown terminal."""
    with store._tx() as conn:
        row = conn.execute(
            "SELECT algorithm, public_key FROM terminals WHERE terminal_id = ?", (terminal_id,)
        ).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))
