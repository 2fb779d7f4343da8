"""The audit chain as both sides compute it: an entry's hash and the proof of a terminal's delivered batches.

A terminal's audit log (docs/audit.md) travels as records of kind `audit` whose payload is
`{"audit": {"version", "first_seq", "last_seq", "prev_hash", "head_hash", "entries": [...]}}`. The terminal
(`app.audit.chain`) and the platform verify it with the same functions, so a platform-side `audit verify` needs only
its stored payloads.

Contract: no I/O, no import beyond `sync.protocol`; `verify_batches` reports the first broken link as
`(seq, reason)` or None.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from sync.protocol import canonical_json

__all__ = ["GENESIS", "entry_hash", "verify_batches"]

GENESIS = "0" * 64
"""The `prev` of entry 1."""

_FIELDS = ("seq", "at", "event", "actor", "subject", "detail", "prev")


def entry_hash(
    *, seq: int, at: str, event: str, actor: str | None, subject: str | None, detail: Mapping[str, Any], prev: str
) -> str:
    """SHA-256 (hex) over the canonical JSON of `{seq, at, event, actor, subject, detail, prev}`."""
    body = {"seq": seq, "at": at, "event": event, "actor": actor, "subject": subject, "detail": dict(detail)}
    body["prev"] = prev
    return hashlib.sha256(canonical_json(body)).hexdigest()


def verify_batches(payloads: Iterable[Mapping[str, Any]]) -> tuple[int, int, tuple[int, str] | None]:
    """Prove a terminal's batches as delivered (any order): `(entries, head seq, first broken link or None)`.

    Reasons: `malformed` (a batch that is not an audit payload), `gap` (an entry missing between or inside batches),
    `duplicate` (two batches carry the same entry), `prev_mismatch`, `hash_mismatch` (an entry's fields no longer give
    its hash), `head_mismatch` (a batch's `head_hash`/`last_seq` disagree with its entries)."""
    entries: dict[int, Mapping[str, Any]] = {}
    problems: list[tuple[int, str]] = []
    for payload in payloads:
        found = payload.get("audit") if isinstance(payload, Mapping) else None
        batch: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        rows = batch.get("entries")
        if not isinstance(rows, list) or not rows or not all(isinstance(e, Mapping) for e in rows):
            first = batch.get("first_seq")
            problems.append((first if isinstance(first, int) else 0, "malformed"))
            continue
        last = rows[-1]
        if batch.get("head_hash") != last.get("hash") or batch.get("last_seq") != last.get("seq"):
            problems.append((int(rows[0].get("seq", 0)), "head_mismatch"))
        for entry in rows:
            seq = entry.get("seq")
            if not isinstance(seq, int) or any(k not in entry for k in (*_FIELDS, "hash")):
                problems.append((int(seq) if isinstance(seq, int) else 0, "malformed"))
                continue
            if seq in entries:
                problems.append((seq, "duplicate"))
            entries[seq] = entry
    prev, expected = GENESIS, 1
    for seq in sorted(entries):
        entry = entries[seq]
        if seq != expected:
            problems.append((expected, "gap"))
            break
        if entry["prev"] != prev:
            problems.append((seq, "prev_mismatch"))
        if entry_hash(**{k: entry[k] for k in _FIELDS}) != entry["hash"]:
            problems.append((seq, "hash_mismatch"))
        prev, expected = str(entry["hash"]), seq + 1
    head = max(entries) if entries else 0
    return len(entries), head, (min(problems) if problems else None)
