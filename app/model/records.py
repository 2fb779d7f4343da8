"""Finalised records and their delivery state as plain data, for the UI, the CLI and tests.

A finalised record (已定稿记录) is immutable: a submission (申请), an evaluation (好差评), a complaint (投诉) or a
usage event, with its attachments (附件, content-addressed by SHA-256) and, for submissions, a receipt number
(受理编号, see docs/receipt-number.md). It reaches the provincial platform through the outbox (发件箱).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RECORD_KINDS = ("submission", "evaluation", "complaint", "usage", "audit", "decision")
"""Kinds of record that travel through the outbox (same names as the sync protocol); `audit`: a batch of the audit
log (app/audit/)."""


@dataclass(frozen=True, slots=True)
class AttachmentInput:
    """A file to attach when finalising: its bytes, or a path to stream from."""

    name: str
    data: bytes | None = None
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    sha256: str
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class FinalisedRecord:
    record_id: str
    seq: int
    """The client's monotonic counter: creation (and delivery) order."""
    kind: str
    receipt_no: str | None
    created_at: str
    """Client wall clock, UTC, informational only (never used for ordering)."""
    content_hash: str
    is_test: bool
    attachments: tuple[StoredAttachment, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the sync indicator and `yunban sync status --json` show."""

    pending: int
    delivered: int
    quarantined: int
    last_success: str | None
    last_error: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class QuarantinedRecord:
    """A record the platform refused (隔离): it no longer blocks the queue and waits for a technician."""

    record_id: str
    seq: int
    kind: str
    receipt_no: str | None
    created_at: str
    quarantine_kind: str
    """conflict (409: same id, different content on the platform) or rejected (another 4xx)."""
    reason: str
    http_status: int | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one `sync run` achieved."""

    delivered: int = 0
    duplicates: int = 0
    quarantined: int = 0
    failures: int = 0
    status_changes: int = 0
    pending: int = 0
    last_error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
