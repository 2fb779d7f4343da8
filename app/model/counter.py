"""The counter workspace's plain data (issue 14 §2), shared by `app.counter`, its screens and the CLI.

Contract: standard library only; applicants appear masked (`applicant` is the masked name, never an ID number).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "DECISION_KINDS",
    "QUEUE_FILTERS",
    "CaseDetail",
    "DecisionResult",
    "DecisionView",
    "PageRef",
    "QueueEntry",
    "StaffLogin",
]

DECISION_KINDS = ("accept", "refuse", "correct", "defer")
"""受理, 不予受理 (reason required, legal basis from the catalog), 补正 (materials listed), 容缺受理 (deadline)."""
QUEUE_FILTERS = ("all", "waiting", "kiosk", "walk_in", "draft", "correction", "decided")


@dataclass(frozen=True, slots=True)
class QueueEntry:
    key: str
    """The record id (a draft: `draft:<id>`)."""
    receipt_no: str | None
    title: str
    applicant: str
    """Masked: the family name and stars (李**), never the whole name or an ID number."""
    channel: str
    """kiosk, counter (walk-in), laptop, draft."""
    state: str
    """waiting, correction (补正 asked), deferred (容缺受理, materials owed), accepted, refused, draft."""
    created_at: str
    pre_application: bool = False
    clerk_id: str | None = None
    review_state: str | None = None
    deadline: str | None = None
    returned_note: str | None = None
    """A supervisor returned the latest decision (复核退回): the case is waiting again, with the reviewer's reason."""
    returned_by: str | None = None


@dataclass(frozen=True, slots=True)
class PageRef:
    position: int
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class DecisionView:
    decision_id: str
    kind: str
    reason: str
    legal_basis: str
    materials: tuple[str, ...]
    deadline: str | None
    clerk_id: str
    window: str
    decided_at: str
    notice_no: str | None
    review_state: str | None
    reviewer_id: str | None
    review_note: str | None


@dataclass(frozen=True, slots=True)
class CaseDetail:
    entry: QueueEntry
    items: tuple[tuple[str, str], ...]
    """(code, name) of the items applied for."""
    received: tuple[tuple[str, int], ...]
    """(material name, pages) received."""
    owed: tuple[str, ...]
    deferred: tuple[str, ...]
    material_names: tuple[str, ...]
    """Every material of the application (what a 补正 or 容缺受理 may list)."""
    pages: tuple[PageRef, ...]
    basis: tuple[str, ...]
    """Legal basis lines of the items (设定依据, from the catalog): what a 不予受理 cites."""
    due_date: str | None
    decisions: tuple[DecisionView, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class DecisionResult:
    decision_id: str
    kind: str
    record_id: str
    """The `decision` record that carries it to the platform through the outbox."""
    notice_number: str | None
    notice_ref: str | None
    printed: bool
    queued: bool
    message: str
    """What happened to the notice, in the screen's language."""


@dataclass(frozen=True, slots=True)
class StaffLogin:
    staff_id: str
    name: str
    role: str
    window: str
    offline_level: str
    offline_message: str
