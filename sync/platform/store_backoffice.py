"""The back office's SQL on the reference platform (issue 14 §5), beside `sync/platform/store.py`: counter decisions
turned into application statuses, answers to consultations and complaints, and the 差评 follow-up deadline.

Contract:
- `on_decision(conn, terminal_id, record, now)` runs inside the transaction that stores a record (the store calls it
  for every record): a `decision` record (`action: decide`) moves the submission with that receipt number to the
  status the decision means — 受理 and 容缺受理 → 已受理, 不予受理 → 不予受理 (the reason and legal basis in the note),
  补正 → 待补正 (the materials in the note) — on the feed of the terminal that holds the submission (its own cursor),
  when `sync.protocol.STATUS_TRANSITIONS` allows it from the current status; otherwise (a status already past it)
  nothing moves and `decisions()` shows it as not applied.
- Order-independent: a decision stored before the submission it decides (the counter synced first) waits in
  `decisions_awaiting`; when that submission is stored, the waiting decisions move its status in the order they
  were received, in the submission's transaction. Both sides take the receipt number's lock first, so a decision
  and its submission stored at once on two nodes cannot miss each other.
- `answer_complaint` appends `已答复` with the answer to the feed of the complaint's terminal (record id = the
  complaint's), where the kiosk's progress lookup shows it beside the receipt it concerns; answered once.
- Every query is engine-neutral (`?` placeholders) and runs through the store's transactions.
"""

from __future__ import annotations

import json
from typing import Any

from sync import protocol

__all__ = [
    "ANSWERED",
    "DECISION_STATUS",
    "answer_complaint",
    "complaints",
    "decisions",
    "on_decision",
    "open_bad_ratings",
]

ANSWERED = "已答复"
DECISION_STATUS = {
    "accept": protocol.STATUS_ACCEPTED,
    "defer": protocol.STATUS_ACCEPTED,
    "refuse": protocol.STATUS_REJECTED,
    "correct": protocol.STATUS_CORRECTION,
}


def _payload(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _feed(conn: Any, terminal_id: str, record_id: str, receipt_no: str, status: str, note: str, now: str) -> int:
    """Append to one terminal's status feed with its own cursor (as `PlatformStore.add_status`)."""
    conn.lock("feed:" + terminal_id)
    cursor = int(
        conn.execute(
            "SELECT coalesce(max(terminal_cursor), 0) + 1 FROM status_changes WHERE terminal_id = ?", (terminal_id,)
        ).fetchone()[0]
    )
    conn.execute(
        "INSERT INTO status_changes(terminal_id, record_id, receipt_no, status, note, at, terminal_cursor) "
        "VALUES (?,?,?,?,?,?,?)",
        (terminal_id, record_id, receipt_no, status, note, now, cursor),
    )
    return cursor


def _current_status(conn: Any, terminal_id: str, record_id: str) -> str | None:
    row = conn.execute(
        "SELECT status FROM status_changes WHERE terminal_id = ? AND record_id = ? ORDER BY cursor DESC LIMIT 1",
        (terminal_id, record_id),
    ).fetchone()
    return None if row is None else str(row[0])


def decision_note(p: dict[str, Any]) -> str:
    kind = p.get("decision")
    parts: list[str] = []
    if p.get("notice_no"):
        parts.append(str(p["notice_no"]))
    if kind == "refuse":
        parts.append(f"理由：{p.get('reason') or ''}")
        if p.get("legal_basis"):
            parts.append(f"依据：{p['legal_basis']}")
    elif kind == "correct":
        parts.append("请补正：" + "、".join(str(x) for x in p.get("materials") or ()))
    elif kind == "defer":
        parts.append("容缺受理，请补交：" + "、".join(str(x) for x in p.get("materials") or ()))
        if p.get("deadline"):
            parts.append(f"期限：{p['deadline']}")
    return "；".join(parts)[:500]


def on_decision(conn: Any, terminal_id: str, record: dict[str, Any], now: str) -> str | None:
    """A stored `decision` record moves its submission's status, or waits for it; a stored submission takes the
    decisions that waited for it (see the contract). Returns the status the record moved to, or None."""
    if record.get("kind") == "submission" and isinstance(record.get("receipt_no"), str):
        return _apply_awaiting(conn, str(record["receipt_no"]), now)
    if record.get("kind") != "decision":
        return None
    p = _payload(record.get("payload"))
    status = DECISION_STATUS.get(str(p.get("decision")))
    receipt = p.get("receipt_no")
    if p.get("action") != "decide" or status is None or not isinstance(receipt, str):
        return None
    conn.lock("receipt:" + receipt)  # as put_record takes it for the submission: one of the two sees the other
    sub = conn.execute(
        "SELECT terminal_id, record_id FROM records WHERE receipt_no = ? AND kind = 'submission' "
        "AND receipt_duplicate = 0",
        (receipt,),
    ).fetchone()
    if sub is None:
        conn.execute(
            "INSERT INTO decisions_awaiting(terminal_id, record_id, receipt_no, received_at) VALUES (?,?,?,?) "
            "ON CONFLICT DO NOTHING",
            (terminal_id, str(record["record_id"]), receipt, now),
        )
        return None
    return _move(conn, (str(sub[0]), str(sub[1])), receipt, status, p, now)


def _apply_awaiting(conn: Any, receipt: str, now: str) -> str | None:
    """The decisions that waited for the submission `receipt`, applied in the order they were received."""
    waiting = conn.execute(
        "SELECT r.payload, w.terminal_id, w.record_id FROM decisions_awaiting w JOIN records r "
        "ON r.terminal_id = w.terminal_id AND r.record_id = w.record_id WHERE w.receipt_no = ? ORDER BY r.rowid",
        (receipt,),
    ).fetchall()
    if not waiting:
        return None
    sub = conn.execute(
        "SELECT terminal_id, record_id FROM records WHERE receipt_no = ? AND kind = 'submission' "
        "AND receipt_duplicate = 0",
        (receipt,),
    ).fetchone()
    if sub is None:
        return None
    moved = None
    for payload, terminal_id, record_id in waiting:
        p = _payload(payload)
        status = DECISION_STATUS.get(str(p.get("decision")))
        if status is not None:
            moved = _move(conn, (str(sub[0]), str(sub[1])), receipt, status, p, now) or moved
        conn.execute("DELETE FROM decisions_awaiting WHERE terminal_id = ? AND record_id = ?", (terminal_id, record_id))
    return moved


def _move(conn: Any, sub: tuple[str, str], receipt: str, status: str, p: dict[str, Any], now: str) -> str | None:
    current = _current_status(conn, sub[0], sub[1])
    if status not in protocol.STATUS_TRANSITIONS.get(current, ()):
        return None
    _feed(conn, sub[0], sub[1], receipt, status, decision_note(p), now)
    return status


def decisions(store: Any, receipt_no: str | None = None) -> list[dict[str, Any]]:
    """Decision records received, oldest first, each with the submission's current status."""
    with store._tx() as conn:
        rows = conn.execute(
            "SELECT terminal_id, record_id, payload, received_at FROM records WHERE kind = 'decision' ORDER BY rowid"
        ).fetchall()
        out = []
        for r in rows:
            p = _payload(r[2])
            if receipt_no is not None and p.get("receipt_no") != receipt_no:
                continue
            sub = conn.execute(
                "SELECT terminal_id, record_id FROM records WHERE receipt_no = ? AND kind = 'submission' "
                "AND receipt_duplicate = 0",
                (p.get("receipt_no"),),
            ).fetchone()
            out.append(
                {
                    "record_id": r[1],
                    "terminal_id": r[0],
                    "action": p.get("action"),
                    "decision": p.get("decision"),
                    "receipt_no": p.get("receipt_no"),
                    "clerk_id": p.get("clerk_id"),
                    "window": p.get("window"),
                    "notice_no": p.get("notice_no"),
                    "decided_at": p.get("decided_at"),
                    "received_at": r[3],
                    "review": p.get("review"),
                    "submission_status": _current_status(conn, str(sub[0]), str(sub[1])) if sub else None,
                    "submission_received": sub is not None,
                }
            )
    return out


def complaints(store: Any, *, open_only: bool = False) -> list[dict[str, Any]]:
    """Consultations and complaints (咨询投诉) received, oldest first, with their answer once given."""
    with store._tx() as conn:
        rows = conn.execute(
            "SELECT terminal_id, record_id, payload, received_at FROM records WHERE kind = 'complaint' ORDER BY rowid"
        ).fetchall()
        out = []
        for r in rows:
            p = _payload(r[2])
            answer = conn.execute(
                "SELECT note, at FROM status_changes WHERE terminal_id = ? AND record_id = ? AND status = ? "
                "ORDER BY cursor DESC LIMIT 1",
                (r[0], r[1], ANSWERED),
            ).fetchone()
            if open_only and answer is not None:
                continue
            out.append(
                {
                    "record_id": r[1],
                    "terminal_id": r[0],
                    "reference": p.get("reference"),
                    "kind": p.get("kind"),
                    "subject": p.get("subject"),
                    "receipt_no": p.get("receipt_no"),
                    "text": p.get("text"),
                    "received_at": r[3],
                    "answer": None if answer is None else answer[0],
                    "answered_at": None if answer is None else answer[1],
                }
            )
    return out


def answer_complaint(store: Any, key: str, answer: str, now: str) -> dict[str, Any] | None:
    """已答复 with `answer` to the complaint `key` (record id or reference); None when there is no such complaint;
    raises ValueError when it was answered already."""
    with store._tx() as conn:
        rows = conn.execute(
            "SELECT terminal_id, record_id, payload FROM records WHERE kind = 'complaint' ORDER BY rowid"
        ).fetchall()
        found = None
        for r in rows:
            p = _payload(r[2])
            if key in (r[1], p.get("reference")):
                found = (str(r[0]), str(r[1]), p)
                break
        if found is None:
            return None
        terminal_id, record_id, p = found
        conn.lock("feed:" + terminal_id)
        if _current_status(conn, terminal_id, record_id) == ANSWERED:
            raise ValueError("answered already")
        receipt = str(p.get("receipt_no") or p.get("reference") or "")
        cursor = _feed(conn, terminal_id, record_id, receipt, ANSWERED, answer, now)
    return {"record_id": record_id, "terminal_id": terminal_id, "reference": p.get("reference"), "status": ANSWERED,
            "answer": answer, "cursor": cursor, "at": now}  # fmt: skip


def open_bad_ratings(store: Any) -> list[dict[str, Any]]:
    """The effective 差评 not yet resolved: verified, not superseded, follow-up pending or in progress."""
    with store._tx() as conn:
        rows = conn.execute(
            'SELECT terminal_id, record_id, receipt_no, level, received_at, followup, department, "window", clerk '
            "FROM ratings WHERE bad = 1 AND verification = 'verified' AND superseded_by IS NULL "
            "AND (followup IS NULL OR followup != 'resolved') ORDER BY rowid"
        ).fetchall()
    keys = ("terminal_id", "record_id", "receipt_no", "level", "received_at", "followup", "department", "window",
            "clerk")  # fmt: skip
    return [{k: r[i] for i, k in enumerate(keys)} for r in rows]
