"""好差评 storage of the reference platform (国办发〔2019〕51号): part of the store, its SQL beside
`sync/platform/store.py` (which calls `on_record` inside the transaction that stores a record). Tables: migration
`m004_ratings` in `sync/platform/schema.py`.

Contract:
- Every evaluation record becomes one `ratings` row carrying what the scheme rates (评价对象): the receipt number,
  level and score, reasons, the rated items with their implementing department, the channel (kiosk / counter /
  laptop), at a counter the window and clerk, and the optional contact phone for the follow-up call (回访).
- A rating is tied to one service event: `verification` is `verified` when the receipt's printed check code matches
  the submission the platform holds (SHA-256 of its signature or content hash, first 8 hex digits, as the terminal
  printed it) or the rating came from the terminal that issued the receipt; `refused` when the code does not match;
  `awaiting_receipt` until the submission arrives (then it is checked). A refused rating is returned to its
  terminal through the status feed as `followup.refused`.
- 一事一评: of the verified ratings of one receipt, the latest (by the terminal's `created_at`) is the service's
  rating; the others are `superseded_by` it and kept.
- 整改反馈: each effective 差评 (不满意 / 非常不满意) gets the follow-up state `pending`, then moves by `followup()`
  to `in_progress` and `resolved` (or straight to `resolved`), each step with a note, recorded in
  `rating_followups` and returned to the rating's terminal through its status feed as `followup.<state>`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

__all__ = [
    "BAD_LEVELS",
    "FEED_PREFIX",
    "FOLLOWUP_NEXT",
    "FOLLOWUP_STATES",
    "Ratings",
    "check_codes",
    "followup",
    "list_ratings",
    "on_record",
]

BAD_LEVELS = ("不满意", "非常不满意")
FOLLOWUP_STATES = ("pending", "in_progress", "resolved")
FOLLOWUP_NEXT: dict[str, tuple[str, ...]] = {
    "pending": ("in_progress", "resolved"),
    "in_progress": ("resolved",),
    "resolved": (),
}
FEED_PREFIX = "followup."
_COLS = (
    'terminal_id, record_id, receipt_no, level, score, bad, reasons, text, items, department, channel, "window", '
    "clerk, contact_phone, check_code, proof, created_at, received_at, verification, superseded_by, followup, "
    "followup_note, followup_at"
)


def check_codes(signature: str | None, content_hash: str) -> set[str]:
    """The check codes a submission's receipt can carry: SHA-256 over its signature (the terminal was enrolled when
    it finalised) or over its content hash (it was not), first 8 hex digits, upper case (app/apply/finalise.py)."""
    return {hashlib.sha256(b.encode("ascii")).hexdigest()[:8].upper() for b in (signature, content_hash) if b}


def on_record(conn: Any, terminal_id: str, record: dict[str, Any], now: str) -> None:
    """Called by the store in the transaction that stored `record`: index an evaluation, or check the ratings that
    were waiting for this submission."""
    if record["kind"] == "evaluation":
        _add(conn, terminal_id, record, now)
        _verify(conn, terminal_id, record["record_id"], now)
    elif record["kind"] == "submission" and record.get("receipt_no"):
        waiting = conn.execute(
            "SELECT terminal_id, record_id FROM ratings WHERE receipt_no = ? AND verification = 'awaiting_receipt'",
            (record["receipt_no"],),
        ).fetchall()
        for row in waiting:
            _verify(conn, row[0], row[1], now)


def _text(value: Any, limit: int = 2000) -> str:
    return str(value or "")[:limit]


def _add(conn: Any, terminal_id: str, record: dict[str, Any], now: str) -> None:
    p = record["payload"]
    level = _text(p.get("level"), 20)
    items = p.get("items") if isinstance(p.get("items"), list) else []
    reasons = p.get("reasons") if isinstance(p.get("reasons"), list) else []
    conn.execute(
        f"INSERT INTO ratings({_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
        (
            terminal_id,
            record["record_id"],
            _text(p.get("receipt_no"), 40),
            level,
            int(p.get("score") or 0) if str(p.get("score") or "0").isdigit() else 0,
            int(level in BAD_LEVELS),
            json.dumps([_text(r, 200) for r in reasons], ensure_ascii=False),
            _text(p.get("text")),
            json.dumps(items, ensure_ascii=False),
            _text(p.get("department"), 200),
            _text(p.get("channel") or "kiosk", 20),
            _text(p.get("window"), 100),
            _text(p.get("clerk"), 100),
            _text(p.get("contact_phone"), 20),
            _text(p.get("check_code"), 20).upper(),
            _text(p.get("proof"), 20),
            record.get("created_at"),
            now,
            "awaiting_receipt",
            None,
            None,
            None,
            None,
        ),
    )


def _feed(conn: Any, terminal_id: str, record_id: str, status: str, note: str, now: str) -> None:
    """Append to the rating terminal's status feed (its own cursor, like `PlatformStore.add_status`)."""
    conn.lock(f"feed:{terminal_id}")
    cursor = conn.execute(
        "SELECT coalesce(max(terminal_cursor), 0) + 1 FROM status_changes WHERE terminal_id = ?", (terminal_id,)
    ).fetchone()[0]
    receipt_no = conn.execute(
        "SELECT receipt_no FROM ratings WHERE terminal_id = ? AND record_id = ?", (terminal_id, record_id)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO status_changes(terminal_id, record_id, receipt_no, status, note, at, terminal_cursor) "
        "VALUES (?,?,?,?,?,?,?)",
        (terminal_id, record_id, receipt_no, FEED_PREFIX + status, note, now, cursor),
    )


def _step(conn: Any, terminal_id: str, record_id: str, state: str, note: str, now: str) -> None:
    conn.execute(
        "UPDATE ratings SET followup = ?, followup_note = ?, followup_at = ? WHERE terminal_id = ? AND record_id = ?",
        (state, note, now, terminal_id, record_id),
    )
    conn.execute(
        "INSERT INTO rating_followups(terminal_id, record_id, state, note, at) VALUES (?,?,?,?,?)",
        (terminal_id, record_id, state, note, now),
    )
    _feed(conn, terminal_id, record_id, state, note, now)


def _verify(conn: Any, terminal_id: str, record_id: str, now: str) -> None:
    rating = conn.execute(
        "SELECT receipt_no, check_code, proof, items FROM ratings WHERE terminal_id = ? AND record_id = ?",
        (terminal_id, record_id),
    ).fetchone()
    if rating is None:
        return
    receipt_no, code, proof, items = rating
    sub = conn.execute(
        "SELECT terminal_id, signature, content_hash, payload FROM records "
        "WHERE receipt_no = ? AND kind = 'submission' AND receipt_duplicate = 0",
        (receipt_no,),
    ).fetchone()
    if sub is None:
        return  # awaiting_receipt: checked when the submission arrives
    own = proof == "issued_here" and sub[0] == terminal_id
    if not own and code not in check_codes(sub[1], sub[2]):
        conn.execute(
            "UPDATE ratings SET verification = 'refused' WHERE terminal_id = ? AND record_id = ?",
            (terminal_id, record_id),
        )
        _feed(conn, terminal_id, record_id, "refused", "check code does not match the receipt", now)
        return
    if items == "[]":  # another terminal's receipt: the rated items from the submission
        payload = json.loads(sub[3])
        codes = payload.get("item_codes") or []
        items = json.dumps([{"code": c, "name": "", "department": ""} for c in codes], ensure_ascii=False)
    conn.execute(
        "UPDATE ratings SET verification = 'verified', items = ? WHERE terminal_id = ? AND record_id = ?",
        (items, terminal_id, record_id),
    )
    # 一事一评: the latest verified rating of the receipt is its rating.
    ranked = conn.execute(
        "SELECT terminal_id, record_id, bad, followup FROM ratings WHERE receipt_no = ? AND verification = 'verified' "
        "ORDER BY coalesce(created_at, received_at) DESC, received_at DESC, rowid DESC",
        (receipt_no,),
    ).fetchall()
    latest = ranked[0]
    for row in ranked[1:]:
        conn.execute(
            "UPDATE ratings SET superseded_by = ? WHERE terminal_id = ? AND record_id = ?", (latest[1], row[0], row[1])
        )
    conn.execute(
        "UPDATE ratings SET superseded_by = NULL WHERE terminal_id = ? AND record_id = ?", (latest[0], latest[1])
    )
    if latest[2] and latest[3] is None:
        _step(conn, latest[0], latest[1], "pending", "", now)


def followup(conn: Any, key: str, state: str, note: str, now: str) -> dict[str, Any]:
    """Move the effective 差评 of receipt number `key` (or the rating record `key`) to `state` with `note`. Raises
    KeyError (no such rating) or ValueError (not a 差评 with a follow-up, or a step the order does not allow)."""
    rows = conn.execute(
        f"SELECT {_COLS} FROM ratings WHERE (record_id = ? OR receipt_no = ?) AND verification = 'verified' "
        "AND superseded_by IS NULL",
        (key, key),
    ).fetchall()
    if not rows:
        raise KeyError(key)
    row = _row(rows[0])
    if not row["bad"] or row["followup"] is None:
        raise ValueError(f"the rating of {row['receipt_no']} is {row['level']}, not a 差评: nothing to follow up")
    allowed = FOLLOWUP_NEXT[row["followup"]]
    if state not in allowed:
        raise ValueError(
            f"the 差评 of {row['receipt_no']} is {row['followup']}; it can move to "
            f"{' / '.join(allowed) or 'nothing (resolved is final)'}, not {state}"
        )
    _step(conn, row["terminal_id"], row["record_id"], state, note, now)
    return {**row, "followup": state, "followup_note": note, "followup_at": now}


def _row(r: Any) -> dict[str, Any]:
    out = dict(zip([c.strip().strip('"') for c in _COLS.split(",")], tuple(r), strict=True))
    out["bad"] = bool(out["bad"])
    out["reasons"] = json.loads(out["reasons"])
    out["items"] = json.loads(out["items"])
    return out


def list_ratings(conn: Any, receipt_no: str | None = None) -> list[dict[str, Any]]:
    """Ratings (all, or of one receipt) oldest first, each with its follow-up steps."""
    where, params = ("WHERE receipt_no = ?", (receipt_no,)) if receipt_no else ("", ())
    rows = [_row(r) for r in conn.execute(f"SELECT {_COLS} FROM ratings {where} ORDER BY rowid", params)]
    for row in rows:
        row["followups"] = [
            {"state": s, "note": n, "at": a}
            for s, n, a in conn.execute(
                "SELECT state, note, at FROM rating_followups WHERE terminal_id = ? AND record_id = ? ORDER BY rowid",
                (row["terminal_id"], row["record_id"]),
            )
        ]
    return rows


class Ratings:
    """The store's 好差评 operations, each in one transaction of the store (`PlatformStore.ratings`)."""

    def __init__(self, tx: Callable[[], AbstractContextManager[Any]], now: Callable[[], str]) -> None:
        self._tx = tx
        self._now = now

    def list(self, receipt_no: str | None = None) -> list[dict[str, Any]]:
        with self._tx() as conn:
            return list_ratings(conn, receipt_no)

    def followup(self, key: str, state: str, note: str) -> dict[str, Any]:
        """A 差评's next follow-up (整改) step; KeyError / ValueError as `followup()`."""
        with self._tx() as conn:
            return followup(conn, key, state, note, self._now())
