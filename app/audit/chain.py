"""The audit chain: how an entry is hashed and how a log is proved against itself and its anchors.

An entry's hash is SHA-256 over the canonical JSON (`sync.protocol.canonical_json`) of
`{"seq", "at", "event", "actor", "subject", "detail", "prev"}`, where `prev` is the hash of the entry before it
(64 zeros for entry 1): `sync.audit_chain.entry_hash`, shared with the platform (`verify_batches`). Anchors are the
batches of the log already handed to the outbox (records of kind `audit`, signed by the terminal's key once
enrolled, delivered to the platform): each holds full copies of its entries, so an entry edited and re-hashed with
every hash after it is still caught, and a log shorter than its last batch was truncated.

Contract: pure functions over plain rows; `verify` reports the first broken link (lowest entry number) or none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.audit import messages as m
from app.i18n import Message
from local_db.records.audit import AuditBatchRow, AuditRow
from sync.audit_chain import GENESIS, entry_hash

__all__ = ["GENESIS", "BrokenLink", "VerifyReport", "batch_payload", "entry_hash", "verify"]


def row_hash(row: AuditRow) -> str:
    """The hash `row` should carry, recomputed from its fields."""
    return entry_hash(
        seq=row.seq,
        at=row.at,
        event=row.event,
        actor=row.actor,
        subject=row.subject,
        detail=json.loads(row.detail),
        prev=row.prev_hash,
    )


def entry_json(row: AuditRow) -> dict[str, Any]:
    """An entry as it travels in a batch and prints with `yunban audit show --json`."""
    return {
        "seq": row.seq,
        "at": row.at,
        "event": row.event,
        "actor": row.actor,
        "subject": row.subject,
        "detail": json.loads(row.detail),
        "prev": row.prev_hash,
        "hash": row.hash,
    }


def batch_payload(rows: list[AuditRow]) -> dict[str, Any]:
    """The payload of one `audit` record: its range, the chain's head after it and full copies of its entries."""
    return {
        "audit": {
            "version": 1,
            "first_seq": rows[0].seq,
            "last_seq": rows[-1].seq,
            "prev_hash": rows[0].prev_hash,
            "head_hash": rows[-1].hash,
            "entries": [entry_json(r) for r in rows],
        }
    }


@dataclass(frozen=True, slots=True)
class BrokenLink:
    seq: int
    """The entry where the chain first fails (a missing entry's number for a gap or a truncated tail)."""
    reason: str
    """gap, prev_mismatch, hash_mismatch, anchor_mismatch, truncated, batch_missing, batch_unlisted."""
    message: Message
    params: Mapping[str, object]

    def text(self, language: str = "zh_CN") -> str:
        return self.message.render(language, **self.params)


@dataclass(frozen=True, slots=True)
class VerifyReport:
    entries: int
    head_seq: int
    head_hash: str | None
    anchored_seq: int
    """The last entry handed to the outbox in a batch (0: none)."""
    delivered_seq: int
    """The last entry of a batch the platform acknowledged (0: none)."""
    broken: BrokenLink | None

    @property
    def ok(self) -> bool:
        return self.broken is None

    def text(self, language: str = "zh_CN") -> str:
        if self.broken is not None:
            return m.CHAIN_BROKEN.render(language, seq=self.broken.seq, reason=self.broken.text(language))
        if not self.entries:
            return m.CHAIN_EMPTY.render(language)
        short = (self.head_hash or "")[:16]
        return m.CHAIN_OK.render(
            language, entries=self.entries, seq=self.head_seq, hash=short, anchored=self.anchored_seq
        )

    def as_json(self) -> dict[str, Any]:
        broken = None
        if self.broken is not None:
            broken = {"seq": self.broken.seq, "reason": self.broken.reason, "detail": self.broken.text("en")}
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "anchored_seq": self.anchored_seq,
            "delivered_seq": self.delivered_seq,
            "first_broken": broken,
        }


def _walk(rows: Iterable[AuditRow]) -> tuple[list[BrokenLink], dict[int, str], AuditRow | None, int]:
    """The chain's own problems (first one per kind is enough: the lowest wins), its hashes by seq, its last row."""
    problems: list[BrokenLink] = []
    hashes: dict[int, str] = {}
    expected, prev, last, count = 1, GENESIS, None, 0
    for row in rows:
        count += 1
        if row.seq != expected and not problems:
            problems.append(BrokenLink(expected, "gap", m.GAP, {"seq": expected, "next": row.seq}))
        elif row.prev_hash != prev and not problems:
            problems.append(
                BrokenLink(row.seq, "prev_mismatch", m.PREV_MISMATCH, {"seq": row.seq, "before": row.seq - 1})
            )
        if row_hash(row) != row.hash:
            problems.append(BrokenLink(row.seq, "hash_mismatch", m.HASH_MISMATCH, {"seq": row.seq}))
        hashes[row.seq] = row.hash
        prev, expected, last = row.hash, row.seq + 1, row
    return problems, hashes, last, count


def verify(
    rows: Iterable[AuditRow],
    batches: list[AuditBatchRow],
    batch_records: Callable[[str], Mapping[str, Any] | None],
    audit_record_ids: list[str],
    head: tuple[int, str] | None = None,
) -> VerifyReport:
    """Prove the log: every link and hash, every anchored copy against the log, no tail missing.

    `batch_records(record_id)` returns the payload of a batch record (None if records.db no longer holds it);
    `audit_record_ids` are the records of kind `audit` records.db holds (a batch row deleted is noticed by them);
    `head` is the (seq, hash) the keystore last saw appended, which protects the entries no batch holds yet."""
    problems, hashes, last, count = _walk(rows)
    tail = last.seq if last else 0
    anchored = delivered = 0
    listed = {b.record_id for b in batches}
    for batch in batches:
        anchored = max(anchored, batch.last_seq)
        if batch.stage == "delivered":
            delivered = max(delivered, batch.last_seq)
        payload = batch_records(batch.record_id)
        if payload is None:
            problems.append(BrokenLink(batch.first_seq, "batch_missing", m.BATCH_MISSING, {"record": batch.record_id}))
            continue
        entries = payload.get("audit", {}).get("entries", [])
        for entry in entries:
            seq = int(entry["seq"])
            fields = {k: entry[k] for k in ("seq", "at", "event", "actor", "subject", "detail", "prev")}
            if entry_hash(**fields) != entry["hash"]:  # the batch copy itself edited
                problems.append(
                    BrokenLink(seq, "anchor_mismatch", m.ANCHOR_MISMATCH, {"seq": seq, "record": batch.record_id})
                )
            elif seq > tail:  # a truncated tail: reported once below, against the highest anchor
                break
            elif hashes.get(seq) != entry["hash"]:
                problems.append(
                    BrokenLink(seq, "anchor_mismatch", m.ANCHOR_MISMATCH, {"seq": seq, "record": batch.record_id})
                )
    if head is not None and head[0] > tail:
        problems.append(BrokenLink(tail + 1, "truncated", m.TRUNCATED_HEAD, {"tail": tail, "head": head[0]}))
    elif head is not None and head[0] >= 1 and hashes.get(head[0]) != head[1]:
        problems.append(BrokenLink(head[0], "anchor_mismatch", m.HEAD_MISMATCH, {"seq": head[0]}))
    if anchored > tail:
        top = max(batches, key=lambda b: b.last_seq)
        problems.append(
            BrokenLink(
                tail + 1, "truncated", m.TRUNCATED, {"tail": tail, "anchored": anchored, "record": top.record_id}
            )
        )
    for record_id in audit_record_ids:
        if record_id not in listed:
            payload = batch_records(record_id)
            first = int(payload.get("audit", {}).get("first_seq", 1)) if payload else 1
            problems.append(BrokenLink(first, "batch_unlisted", m.BATCH_UNLISTED, {"record": record_id}))
    broken = min(problems, key=lambda p: p.seq) if problems else None
    return VerifyReport(
        entries=count,
        head_seq=tail,
        head_hash=last.hash if last else None,
        anchored_seq=anchored,
        delivered_seq=delivered,
        broken=broken,
    )
