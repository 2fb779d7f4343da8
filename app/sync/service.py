"""Sync with the provincial platform, wired: records.db and the attachment store (local_db) to outbox delivery
(sync), and application status updates (办件状态) back, for the CLI (`yunban sync …`) and the kiosk.

Contract: only one delivery loop runs per terminal (an advisory `flock` on `<home>/sync.lock`, dropped by the kernel
when a process dies); a second run raises `UserError` (sync.already_running).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.errors import UserError
from app.model.records import DeliveryReport, QuarantinedRecord, SyncStatus
from app.records import messages as rm
from app.records.service import AttachmentStore
from app.sync import messages as m
from local_db.records.store import RecordsDB, RecordsDBError, RecordsDiskFullError, RecordsLockedError
from sync.client import Credentials, PlatformClient, SyncError, TransientError
from sync.outbox import Backoff, Deliverer, OutboxAttachment, OutboxItem, PassResult

__all__ = ["RecordsOutbox", "SyncService", "SyncSettings"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncSettings:
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 300.0
    max_retry_after_s: float = 3600.0
    probe_interval_s: float = 10.0
    """While the platform is unreachable, how often to probe /v1/health for its return."""
    timeout_s: float = 30.0
    """HTTP timeout per request (connect is capped at 10 s)."""
    chunk_size: int = 256 * 1024
    status_page_size: int = 100


@contextlib.contextmanager
def _storage_errors(db: RecordsDB) -> Iterator[None]:
    """records.db failing under a delivery (a full disk, a lock held too long) is a clear `UserError`: the step in
    flight was rolled back and is repeated by the next run (the platform absorbs a repeated record as a duplicate)."""
    try:
        yield
    except RecordsDiskFullError as exc:
        raise UserError(rm.DISK_FULL, path=db.path, error=exc) from exc
    except RecordsLockedError as exc:
        raise UserError(rm.LOCKED, error=exc) from exc
    except RecordsDBError as exc:
        raise UserError(rm.DB_UNAVAILABLE, error=exc) from exc


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class RecordsOutbox:
    """`sync.outbox.OutboxStore` over records.db and the attachment store."""

    def __init__(self, db: RecordsDB, store: AttachmentStore, now_iso: Callable[[], str]) -> None:
        self.db = db
        self.files = store
        self._now_iso = now_iso

    def pending_count(self) -> int:
        counts = self.db.outbox_counts()
        return counts["attachments"] + counts["record"]

    def pending_items(self, limit: int) -> list[OutboxItem]:
        return [
            OutboxItem(
                record_id=row.record.record_id,
                seq=row.record.seq,
                kind=row.record.kind,
                receipt_no=row.record.receipt_no,
                created_at=row.record.created_at,
                payload=row.record.payload,
                content_hash=row.record.content_hash,
                signature=row.record.signature,
                stage=row.stage,
                attempts=row.attempts,
                next_attempt_at=row.next_attempt_at,
                attachments=tuple(OutboxAttachment(a.sha256, a.size) for a in row.attachments),
                envelope_signature=row.record.envelope_signature if row.record.sig_version >= 2 else None,
                damage=row.record.damage,
            )
            for row in self.db.pending(limit)
        ]

    def upload_progress(self, sha256: str) -> tuple[int, bool] | None:
        return self.db.upload_progress(sha256)

    def set_upload_progress(self, sha256: str, *, total: int, confirmed: int, complete: bool) -> None:
        self.db.set_upload_progress(sha256, total=total, confirmed=confirmed, complete=complete)

    def attachments_uploaded(self, record_id: str, shas: Sequence[tuple[str, int]]) -> None:
        self.db.complete_uploads(record_id, shas)

    def reopen_attachments(self, record_id: str) -> None:
        self.db.reopen_attachments(record_id)

    def read_attachment(self, sha256: str, offset: int, length: int) -> bytes:
        return self.files.read_range(sha256, offset, length)

    def attachment_intact(self, sha256: str) -> bool:
        return self.files.verify(sha256)

    def set_signature(self, record_id: str, signature: str, envelope_signature: str) -> None:
        self.db.set_signature(record_id, signature, envelope_signature)

    def mark_delivered(
        self, record_id: str, *, result: str, http_status: int, uploads: Sequence[tuple[str, int]] = ()
    ) -> None:
        self.db.mark_delivered(record_id, result=result, http_status=http_status, at=self._now_iso(), uploads=uploads)

    def mark_quarantined(self, record_id: str, *, kind: str, reason: str, http_status: int | None) -> None:
        self.db.mark_quarantined(record_id, kind=kind, reason=reason, http_status=http_status, at=self._now_iso())

    def mark_failed(self, record_id: str, *, error: str, next_attempt_at: float) -> int:
        return self.db.mark_failed(record_id, error=error, next_attempt_at=next_attempt_at, at=self._now_iso())

    def note_error(self, error: str) -> None:
        self.db.note_error(f"{self._now_iso()} {error}")


class SyncService:
    """Delivery of one terminal's outbox and its status feed.

    - `run_once()` / `run_until_idle()` deliver the outbox in order of creation (see `sync.outbox` for the rules) and
      pull application status updates by cursor into records.db;
    - `notify_online()` makes every waiting record due and wakes a running loop: call it when connectivity returns
      (the UI layer may hook Qt's `QNetworkInformation.reachabilityChanged` to it). While the last failure was
      "platform unreachable", the loop also probes `GET /v1/health` every `probe_interval_s` and calls it itself;
    - `status()` and `quarantined()` feed `yunban sync status|quarantine` and the technician screen.
    """

    def __init__(
        self,
        db: RecordsDB,
        store: AttachmentStore,
        *,
        platform_url: str,
        credentials: Callable[[], Credentials | None],
        settings: SyncSettings | None = None,
        clock: Callable[[], float] = time.time,
        lock_path: Path | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.db = db
        self.store = store
        self.platform_url = platform_url
        self._credentials = credentials
        self.settings = settings or SyncSettings()
        self.clock = clock
        self.lock_path = lock_path
        self._transport = transport
        self._wake = threading.Event()
        self._link_down = False
        """The last probe (or connection attempt) of this process found the platform unreachable."""
        self._stop = threading.Event()
        self.outbox = RecordsOutbox(db, store, self.now_iso)

    # -- time -----------------------------------------------------------------------------------------------------

    def server_offset(self) -> float:
        """Platform clock − terminal clock, seconds, as last measured by a health probe (0 if never)."""
        value = self.db.get_meta("server_offset_s")
        try:
            return float(value) if value is not None else 0.0
        except ValueError:
            return 0.0

    def now_iso(self) -> str:
        """The platform's idea of now (terminal clock corrected by the measured offset): for timestamps shown."""
        return _iso(self.clock() + self.server_offset())

    def platform_client(self) -> PlatformClient:
        """A client with this terminal's credentials and settings (the caller closes it): for one-off calls such as
        relaying a hand-over bundle (`app.sync.handover`)."""
        return self._client()

    # -- plumbing -------------------------------------------------------------------------------------------------

    def _client(self) -> PlatformClient:
        s = self.settings
        return PlatformClient(
            self.platform_url,
            self._credentials(),
            timeout=httpx.Timeout(s.timeout_s, connect=min(s.timeout_s, 10.0)),
            transport=self._transport,
            clock=self.clock,
        )

    def _deliverer(self, client: PlatformClient) -> Deliverer:
        s = self.settings
        creds = client.credentials
        return Deliverer(
            self.outbox,
            client,
            backoff=Backoff(base_s=s.backoff_base_s, cap_s=s.backoff_cap_s, max_retry_after_s=s.max_retry_after_s),
            clock=self.clock,
            chunk_size=s.chunk_size,
            signer=lambda: creds.signer if creds is not None else None,
        )

    @contextlib.contextmanager
    def _runner_lock(self) -> Iterator[None]:
        if self.lock_path is None:
            yield
            return
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise UserError(m.ALREADY_RUNNING) from None
            yield
        finally:
            os.close(fd)  # closing drops the flock

    # -- connectivity ---------------------------------------------------------------------------------------------

    def probe(self) -> bool:
        """GET /v1/health; on success store the server clock offset. True if the platform answered."""
        try:
            with PlatformClient(
                self.platform_url, None, timeout=min(self.settings.timeout_s, 5.0), clock=self.clock
            ) as client:
                clock = client.health()
        except SyncError as exc:
            log.info("platform probe failed: %s", exc)
            self._link_down = True
            return False
        self.db.set_meta("server_offset_s", f"{clock.offset_s:.3f}")
        self._link_down = False
        return True

    def notify_online(self) -> None:
        """Connectivity came back: make every waiting record due now and wake a running loop."""
        released = self.db.release_now()
        log.info("connectivity back: %d waiting record(s) released", released)
        self._wake.set()

    def stop(self) -> None:
        """Ask a running `run_until_idle` to return after the record in flight."""
        self._stop.set()
        self._wake.set()

    # -- delivery -------------------------------------------------------------------------------------------------

    def run_once(self) -> DeliveryReport:
        """One pass: deliver what is due, then pull status updates if the platform was reachable."""
        with _storage_errors(self.db), self._runner_lock(), self._client() as client:
            res = self._deliverer(client).run_pass(stop=self._stop.is_set)
            self._note_reachability(res)
            changes = 0 if (res.offline or res.auth_failed) else self._pull_status(client)
        return DeliveryReport(
            delivered=res.delivered,
            duplicates=res.duplicates,
            quarantined=res.quarantined,
            failures=res.failures,
            status_changes=changes,
            pending=self.status().pending,
            last_error=res.last_error,
        )

    def run_until_idle(self, *, timeout_s: float | None = None) -> DeliveryReport:
        """Deliver until nothing is pending (everything delivered or quarantined), waiting out backoffs.

        Returns early when `timeout_s` runs out, on an auth failure (401/403) or after `stop()`.
        """
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        totals: dict[str, Any] = {"delivered": 0, "duplicates": 0, "quarantined": 0, "failures": 0}
        last_error: str | None = None
        changes = 0
        self._stop.clear()
        with _storage_errors(self.db), self._runner_lock(), self._client() as client:
            deliverer = self._deliverer(client)
            # The probe measures the platform clock offset. Backoffs (and Retry-After) stored by an earlier run hold,
            # except when that run failed for want of a link and the platform answers now: connectivity is back.
            if self.probe() and self._was_offline():
                self.notify_online()
                self._wake.clear()
            while not self._stop.is_set():
                res = deliverer.run_pass(stop=self._stop.is_set)
                self._note_reachability(res)
                if res.unreachable:
                    self._link_down = True
                for key in totals:
                    totals[key] += getattr(res, key)
                last_error = res.last_error or last_error
                if res.auth_failed:
                    break
                if res.pending == 0:
                    changes += self._pull_status(client)
                    break
                if not self._wait(res.wait_until, link_trouble=res.offline or self._was_offline(), deadline=deadline):
                    break
        return DeliveryReport(**totals, status_changes=changes, pending=self.status().pending, last_error=last_error)

    def _note_reachability(self, res: PassResult) -> None:
        """Persist whether the last delivery attempt failed for want of a link (drives probing, even after restart)."""
        if res.failures or res.delivered or res.quarantined:
            offline = "1" if res.offline else "0"
            if self.db.get_meta("offline") != offline:
                self.db.set_meta("offline", offline)

    def _was_offline(self) -> bool:
        return self.db.get_meta("offline") == "1"

    def _wait(self, until: float | None, *, link_trouble: bool, deadline: float | None) -> bool:
        """Sleep until `until` (wall clock) or a wake-up; False if the deadline passed or a stop was asked.

        After link trouble, probe /v1/health every `probe_interval_s`: when the platform, once seen unreachable,
        answers again, connectivity is back and the wait ends at once. A platform that answers the first probe was
        not unreachable (the request failed for another reason): the backoff is then waited out, not cut short.
        """
        longest = max(self.settings.backoff_cap_s, self.settings.max_retry_after_s)
        probing, seen_down = link_trouble, self._link_down
        while True:
            if self._stop.is_set():
                return False
            remaining = 0.0 if until is None else min(until - self.clock(), longest)
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                remaining = min(remaining, left)
            if remaining <= 0:
                return True
            step = min(remaining, self.settings.probe_interval_s) if probing else remaining
            if self._wake.wait(step):
                self._wake.clear()
                return not self._stop.is_set()
            if probing:
                if not self.probe():
                    seen_down = True
                elif seen_down:
                    self.notify_online()
                    self._wake.clear()
                    return True
                else:
                    probing = False

    def _pull_status(self, client: PlatformClient) -> int:
        """Fetch status changes since the stored cursor, one page per transaction; returns rows stored."""
        if client.credentials is None:
            return 0
        stored = 0
        try:
            cursor = int(self.db.get_meta("status_cursor") or 0)
            for _ in range(1000):  # bounded: a misbehaving server cannot keep us here forever
                page = client.status_page(cursor, self.settings.status_page_size)
                if not page.changes:
                    break
                stored += self.db.apply_status_changes(page.changes, page.next_cursor)
                if page.next_cursor <= cursor:
                    break
                cursor = page.next_cursor
        except (TransientError, SyncError) as exc:
            log.info("status feed: %s", exc)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("status feed: malformed change: %s", exc)
        return stored

    # -- figures --------------------------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        counts = self.db.outbox_counts()
        return SyncStatus(
            pending=counts["attachments"] + counts["record"],
            delivered=counts["delivered"],
            quarantined=counts["quarantined"],
            last_success=self.db.get_meta("last_success"),
            last_error=self.db.get_meta("last_error"),
        )

    def quarantined(self) -> list[QuarantinedRecord]:
        return [
            QuarantinedRecord(
                record_id=row.record.record_id,
                seq=row.record.seq,
                kind=row.record.kind,
                receipt_no=row.record.receipt_no,
                created_at=row.record.created_at,
                quarantine_kind=row.quarantine_kind or "rejected",
                reason=row.quarantine_reason or "",
                http_status=row.http_status,
            )
            for row in self.db.quarantined()
        ]

    def close(self) -> None:
        self.stop()
