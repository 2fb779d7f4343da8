"""Batch delivery when the laptop is back in coverage: `SyncService.run_until_idle` watched record by record and chunk
by chunk (records done, bytes sent, time left), and the quarantine (隔离) told as what the worker must do.

Contract: `deliver(on_progress)` blocks until the outbox is idle (everything delivered or quarantined), `stop()` or
`timeout_s`; it calls `on_progress` on its own thread at most every `every_s` seconds plus once at the start and once
at the end (a screen forwards it to the GUI thread). Uploads resume where they stopped (the outbox's resumable
uploads): a delivery cut by a lost link is simply started again. Only one delivery runs per terminal (the sync lock).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from app.errors import UserError
from app.model.records import DeliveryReport
from app.sync.service import SyncService
from app.visits import messages as m
from app.visits.model import DeliveryProgress, DeliverySummary, QuarantineAdvice

__all__ = ["BatchDelivery", "advice_for"]

ProgressSink = Callable[[DeliveryProgress], None]

_KINDS = {"submission": m.KIND_SUBMISSION, "evaluation": m.KIND_EVALUATION, "complaint": m.KIND_COMPLAINT}


def advice_for(quarantine_kind: str, reason: str, language: str = "zh_CN") -> str:
    """What the worker must do with a record quarantined for `quarantine_kind`."""
    if quarantine_kind == "conflict":
        return m.ADVICE_CONFLICT.render(language)
    if quarantine_kind == "local_damage":
        return m.ADVICE_DAMAGED.render(language)
    return m.ADVICE_REJECTED.render(language, reason=reason or "-")


class _Watch:
    """Counts what the outbox reports during one delivery and hands snapshots to the sink, throttled."""

    def __init__(self, sink: ProgressSink, records: int, nbytes: int, every_s: float, clock: Callable[[], float]):
        self.sink = sink
        self.records_total = records
        self.bytes_total = nbytes
        self.every_s = every_s
        self.clock = clock
        self.started = clock()
        self.records_done = 0
        self.bytes_done = 0
        self.quarantined = 0
        self.note = ""
        self._last = -1e9
        self._lock = threading.Lock()

    def snapshot(self) -> DeliveryProgress:
        elapsed = max(0.0, self.clock() - self.started)
        eta: float | None = None
        if self.bytes_total and self.bytes_done and elapsed > 0:
            eta = max(0.0, self.bytes_total - self.bytes_done) / (self.bytes_done / elapsed)
        elif self.records_done and elapsed > 0:
            eta = max(0, self.records_total - self.records_done) / (self.records_done / elapsed)
        if self.records_done >= self.records_total:  # all done, or nothing to send (a status-only run)
            eta = 0.0
        return DeliveryProgress(
            records_done=self.records_done,
            records_total=self.records_total,
            bytes_done=min(self.bytes_done, self.bytes_total) if self.bytes_total else self.bytes_done,
            bytes_total=self.bytes_total,
            elapsed_s=elapsed,
            eta_s=eta,
            quarantined=self.quarantined,
            note=self.note,
        )

    def emit(self, *, force: bool = False) -> None:
        with self._lock:
            now = self.clock()
            if not force and now - self._last < self.every_s:
                return
            self._last = now
            snap = self.snapshot()
        self.sink(snap)


class _WatchedOutbox:
    """The sync service's outbox seen by a `_Watch`: each record delivered or quarantined counts one, each attachment
    chunk read for upload counts its bytes; everything else goes to the real outbox unchanged."""

    def __init__(self, outbox: Any, watch: _Watch) -> None:
        self._outbox = outbox
        self._watch = watch

    def __getattr__(self, name: str) -> Any:
        return getattr(self._outbox, name)

    def read_attachment(self, sha256: str, offset: int, length: int) -> bytes:
        data: bytes = self._outbox.read_attachment(sha256, offset, length)
        self._watch.bytes_done += len(data)
        self._watch.emit()
        return data

    def mark_delivered(self, record_id: str, **kwargs: Any) -> None:
        self._outbox.mark_delivered(record_id, **kwargs)
        self._watch.records_done += 1
        self._watch.note = ""
        self._watch.emit()

    def mark_quarantined(self, record_id: str, **kwargs: Any) -> None:
        self._outbox.mark_quarantined(record_id, **kwargs)
        self._watch.records_done += 1
        self._watch.quarantined += 1
        self._watch.emit(force=True)

    def mark_failed(self, record_id: str, **kwargs: Any) -> int:
        attempts: int = self._outbox.mark_failed(record_id, **kwargs)
        self._watch.note = str(kwargs.get("error", ""))
        self._watch.emit(force=True)
        return attempts


class BatchDelivery:
    """The laptop's batch delivery over the terminal's `SyncService` (see the module contract)."""

    def __init__(
        self,
        sync: SyncService,
        *,
        enrolled: Callable[[], bool],
        person_of: Callable[[str], str] = lambda record_id: "",
        every_s: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sync = sync
        self._enrolled = enrolled
        self._person_of = person_of
        self.every_s = every_s
        self.clock = clock

    def summary(self) -> DeliverySummary:
        status = self.sync.status()
        pending = self.sync.db.pending_summary()
        return DeliverySummary(
            enrolled=self._enrolled(),
            pending=int(pending["records"]),
            pending_bytes=int(pending["attachment_bytes"] or 0),
            delivered=status.delivered,
            quarantined=status.quarantined,
            last_success=status.last_success,
            last_error=status.last_error,
        )

    def deliver(self, on_progress: ProgressSink, *, timeout_s: float | None = None) -> DeliveryReport:
        """Deliver everything pending, reporting progress (see the module contract)."""
        if not self._enrolled():
            raise UserError(m.NOT_ENROLLED)
        pending = self.sync.db.pending_summary()
        watch = _Watch(on_progress, int(pending["records"]), int(pending["attachment_bytes"] or 0), self.every_s,
                       self.clock)  # fmt: skip
        watch.emit(force=True)
        real = self.sync.outbox
        self.sync.outbox = _WatchedOutbox(real, watch)  # type: ignore[assignment]
        try:
            report = self.sync.run_until_idle(timeout_s=timeout_s)
        finally:
            self.sync.outbox = real
        watch.note = report.last_error or "" if report.pending else ""
        if not report.pending:  # all done: a quarantined record's bytes are no longer to send
            watch.bytes_total = min(watch.bytes_total, watch.bytes_done)
        watch.emit(force=True)
        return report

    def stop(self) -> None:
        """Ask a running delivery to return after the record in flight (what is left is delivered next time)."""
        self.sync.stop()

    def quarantined(self, language: str = "zh_CN") -> list[QuarantineAdvice]:
        """Every quarantined record, oldest first, with what the worker must do and whom it concerns."""
        out = []
        for q in self.sync.quarantined():
            kind = _KINDS.get(q.kind, m.KIND_OTHER)
            out.append(
                QuarantineAdvice(
                    record_id=q.record_id,
                    kind=q.kind,
                    kind_label=kind.render(language),
                    receipt_no=q.receipt_no,
                    created_at=q.created_at,
                    quarantine_kind=q.quarantine_kind,
                    reason=m.REASON_DAMAGED.render(language) if q.quarantine_kind == "local_damage" else q.reason,
                    action=advice_for(q.quarantine_kind, q.reason, language),
                    person=self._person_of(q.record_id),
                )
            )
        return out
