"""Plain dataclasses of the visit list and batch delivery, what the laptop screens read (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FINAL_STATUSES",
    "ConsentState",
    "DeliveryProgress",
    "DeliverySummary",
    "Household",
    "LaptopDraft",
    "Person",
    "QuarantineAdvice",
    "ReceiptView",
    "VisitApplication",
    "VisitDraft",
    "VisitPurge",
]

FINAL_STATUSES = ("已办结", "不予受理", "已送达")
"""Platform statuses (sync.protocol.STATUSES) after which an application needs nothing more of the worker."""


@dataclass(frozen=True, slots=True)
class VisitApplication:
    """A record made on a person's behalf, with where it stands now."""

    record_id: str
    title: str
    receipt_no: str | None
    status: str | None
    """The platform's 办件状态, None before one came back."""
    stage: str
    """`pending` (in the outbox), `delivered`, `quarantined` (隔离: the worker must act), `gone` (no longer here)."""
    open: bool
    """Not yet delivered, quarantined, or delivered without a final status."""
    linked_at: str


@dataclass(frozen=True, slots=True)
class VisitDraft:
    draft_id: str
    title: str
    updated_at: str | None
    """None: the draft is no longer stored (finalised elsewhere, discarded or purged)."""


@dataclass(frozen=True, slots=True)
class Person:
    person_id: str
    household_id: str
    name: str
    id_number: str
    phone: str
    relation: str
    note: str
    updated_at: str
    applications: tuple[VisitApplication, ...] = ()
    drafts: tuple[VisitDraft, ...] = ()

    @property
    def open_count(self) -> int:
        return sum(1 for a in self.applications if a.open) + sum(1 for d in self.drafts if d.updated_at)


@dataclass(frozen=True, slots=True)
class Household:
    household_id: str
    head: str
    """户主 or how the worker calls the household."""
    address: str
    village: str
    note: str
    updated_at: str
    people: tuple[Person, ...] = ()

    @property
    def open_count(self) -> int:
        return sum(p.open_count for p in self.people)


@dataclass(frozen=True, slots=True)
class VisitPurge:
    """What the retention purge removed."""

    households: int = 0
    people: int = 0
    links: int = 0


@dataclass(frozen=True, slots=True)
class LaptopDraft:
    """A draft on the laptop with the person it was started for (drafts list across visits)."""

    draft_id: str
    code: str | None
    title: str
    channel: str
    updated_at: str
    keep_until: str | None
    """Last day kept (ISO date, the terminal's zone); None: kept until finalised or discarded."""
    person: str = ""
    """The person's name and household, "" when it was started for nobody on the visit list."""
    person_id: str | None = None


@dataclass(frozen=True, slots=True)
class DeliverySummary:
    enrolled: bool
    pending: int
    pending_bytes: int
    delivered: int
    quarantined: int
    last_success: str | None
    last_error: str | None


@dataclass(frozen=True, slots=True)
class DeliveryProgress:
    """One snapshot of a batch delivery: records done of total, bytes sent of total, time left."""

    records_done: int
    records_total: int
    bytes_done: int
    bytes_total: int
    elapsed_s: float
    eta_s: float | None
    """Seconds left at the current rate (bytes when there are attachments to send, else records); None: unknown."""
    quarantined: int = 0
    note: str = ""
    """The last transient failure (the loop retries it), "" when none."""


@dataclass(frozen=True, slots=True)
class QuarantineAdvice:
    """A record the platform refused or this laptop cannot read, and what the worker must do about it."""

    record_id: str
    kind: str
    """submission, evaluation, complaint, …"""
    kind_label: str
    receipt_no: str | None
    created_at: str
    quarantine_kind: str
    """conflict, rejected or local_damage."""
    reason: str
    action: str
    """What to do, in plain words in the screen's language."""
    person: str = ""
    """The person it was made for (from the visit list), "" when unknown."""


@dataclass(frozen=True, slots=True)
class ConsentState:
    """What the consent panel shows for a session."""

    given: str | None
    """signature, mandate, or None (not yet)."""
    mandate: str
    """The item's 委托书 material name ("" when the item names none)."""
    mandate_required: bool
    """Only a scanned 委托书 will do (the item requires it and it is not 容缺)."""
    mandate_pages: int


@dataclass(frozen=True, slots=True)
class ReceiptView:
    """The receipt page of the laptop: the number, its QR (text and PNG) and the plain-words slip."""

    receipt_no: str
    grouped: str
    """The number in its printed groups (docs/receipt-number.md)."""
    verification: str
    qr_text: str
    qr_png: bytes
    title: str
    lines: tuple[str, ...]
