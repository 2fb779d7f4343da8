"""Outbox delivery (发件箱投递): a persisted, resumable state machine driving `PlatformClient`.

Contract: each step's outcome is stored before the next starts, so a killed process resumes where it stopped and
nothing is delivered twice or lost. Rules (order, backoff, quarantine, clock): docs/sync-internals.md.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync import protocol
from sync.client import (
    AuthError,
    ConflictError,
    HashMismatch,
    MissingAttachments,
    OfflineError,
    OffsetMismatch,
    PlatformClient,
    RejectedError,
    TransientError,
)

__all__ = ["Backoff", "Deliverer", "OutboxItem", "OutboxStore", "PassResult"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OutboxAttachment:
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class OutboxItem:
    record_id: str
    seq: int
    kind: str
    receipt_no: str | None
    created_at: str
    payload: str
    """Canonical JSON text of the payload, exactly as hashed."""
    content_hash: str
    signature: str | None
    stage: str
    attempts: int
    next_attempt_at: float
    attachments: tuple[OutboxAttachment, ...] = ()
    envelope_signature: str | None = None
    """The signature over the whole envelope (`protocol.record_envelope_bytes`); None until signed so."""
    damage: str | None = None
    """Why the stored record cannot be read (its payload no longer decrypts): it is quarantined as `local_damage`."""


class OutboxStore(Protocol):
    """What the delivery loop needs of records.db and the attachment store (wired in `app.sync.service`)."""

    def pending_items(self, limit: int) -> list[OutboxItem]:
        """The first `limit` records not yet acknowledged nor quarantined, in order of creation."""
        ...

    def pending_count(self) -> int: ...

    def upload_progress(self, sha256: str) -> tuple[int, bool] | None: ...

    def set_upload_progress(self, sha256: str, *, total: int, confirmed: int, complete: bool) -> None: ...

    def attachments_uploaded(self, record_id: str, shas: Sequence[tuple[str, int]]) -> None:
        """All attachments of a record are complete on the platform: record it and move to stage `record`."""
        ...

    def reopen_attachments(self, record_id: str) -> None:
        """Move a record back to stage `attachments` (the platform says it lacks some of them)."""
        ...

    def read_attachment(self, sha256: str, offset: int, length: int) -> bytes: ...

    def attachment_intact(self, sha256: str) -> bool: ...

    def set_signature(self, record_id: str, signature: str, envelope_signature: str) -> None:
        """Store the content-hash signature (if the record had none) and the envelope signature (sig_version 2)."""
        ...

    def mark_delivered(
        self, record_id: str, *, result: str, http_status: int, uploads: Sequence[tuple[str, int]] = ()
    ) -> None:
        """The platform acknowledged the record; `uploads` (sha256, size) are recorded complete in the same commit."""
        ...

    def mark_quarantined(self, record_id: str, *, kind: str, reason: str, http_status: int | None) -> None: ...

    def mark_failed(self, record_id: str, *, error: str, next_attempt_at: float) -> int: ...

    def note_error(self, error: str) -> None: ...


@dataclass(slots=True)
class Backoff:
    base_s: float = 1.0
    cap_s: float = 300.0
    max_retry_after_s: float = 3600.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Full jitter: uniform(0, min(cap, base·2^attempts)); at least Retry-After (capped) when the server said so."""
        ceiling = min(self.cap_s, self.base_s * (2 ** min(attempts, 30)))
        delay = self.rng.uniform(0, ceiling)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_retry_after_s))
        return delay

    @property
    def longest_wait(self) -> float:
        return max(self.cap_s, self.max_retry_after_s)


@dataclass(slots=True)
class PassResult:
    delivered: int = 0
    duplicates: int = 0
    quarantined: int = 0
    failures: int = 0
    pending: int = 0
    """Records still pending when the pass ended."""
    wait_until: float | None = None
    """When the head of the queue is due again (None: nothing left to wait for)."""
    offline: bool = False
    """The last failure got no HTTP answer at all (refused, reset, timed out, cut short): link trouble, worth
    probing for connectivity while waiting."""
    unreachable: bool = False
    """The last failure was a connection that could not even be made."""
    auth_failed: bool = False
    last_error: str | None = None


class _Quarantine(Exception):
    def __init__(self, kind: str, reason: str, status: int | None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.status = status


class _LocalDamage(Exception):
    """The terminal's own stored record or attachment cannot be read."""


class _PlatformLacksAttachments(TransientError):
    """422 missing_attachments: upload them again on the next attempt."""


MAX_OFFSET_RESYNCS = 8
BATCH = 64
"""Pending rows read per query: the queue is walked in order without loading all of it."""


class Deliverer:
    """Runs delivery passes over an `OutboxStore` with one `PlatformClient`."""

    def __init__(
        self,
        store: OutboxStore,
        client: PlatformClient,
        *,
        backoff: Backoff | None = None,
        clock: Callable[[], float],
        chunk_size: int = 256 * 1024,
        signer: Callable[[], protocol.Signer | None] = lambda: None,
    ) -> None:
        self.store = store
        self.client = client
        self.backoff = backoff or Backoff()
        self.clock = clock
        self.chunk_size = max(1, min(chunk_size, protocol.MAX_CHUNK))
        self._signer = signer

    def is_due(self, item: OutboxItem, now: float) -> bool:
        wait = item.next_attempt_at - now
        # A wait beyond the longest backoff can only come from a clock that moved: treat it as due.
        return wait <= 0 or wait > self.backoff.longest_wait

    def run_pass(self, *, max_records: int | None = None, stop: Callable[[], bool] | None = None) -> PassResult:
        """Deliver due records in order until the queue is empty, blocked by a transient failure, or stopped."""
        result = PassResult()
        done = 0
        while True:
            items = self.store.pending_items(limit=BATCH)
            if not items:
                return result
            for item in items:
                if (stop is not None and stop()) or (max_records is not None and done >= max_records):
                    result.pending = self.store.pending_count()
                    return result
                now = self.clock()
                if not self.is_due(item, now):
                    result.pending = self.store.pending_count()
                    result.wait_until = item.next_attempt_at
                    return result
                done += 1
                try:
                    outcome, status, uploads = self._deliver(item)
                except _LocalDamage as exc:
                    # Our own copy is unreadable (a flipped byte, a lost key, a damaged file header): no retry can
                    # help and the rest of the queue must go on; a technician sees the reason (sync quarantine).
                    q = _Quarantine("local_damage", str(exc)[:500], None)
                    log.warning("record %s quarantined (local_damage): %s", item.record_id, q.reason)
                    self.store.mark_quarantined(item.record_id, kind=q.kind, reason=q.reason, http_status=None)
                    result.quarantined += 1
                    result.last_error = q.reason
                except _Quarantine as q:
                    log.warning("record %s quarantined (%s): %s", item.record_id, q.kind, q.reason)
                    self.store.mark_quarantined(item.record_id, kind=q.kind, reason=q.reason, http_status=q.status)
                    result.quarantined += 1
                except TransientError as exc:
                    delay = self.backoff.delay(item.attempts, exc.retry_after)
                    message = str(exc)[:500]
                    self.store.mark_failed(item.record_id, error=message, next_attempt_at=now + delay)
                    log.info("record %s: %s; next try in %.2fs", item.record_id, message, delay)
                    result.failures += 1
                    result.pending = self.store.pending_count()
                    result.wait_until = now + delay
                    result.offline = exc.status is None
                    result.unreachable = isinstance(exc, OfflineError)
                    result.last_error = message
                    return result
                except AuthError as exc:
                    self.store.note_error(str(exc))
                    result.pending = self.store.pending_count()
                    result.auth_failed = True
                    result.last_error = str(exc)
                    return result
                else:
                    self.store.mark_delivered(item.record_id, result=outcome, http_status=status, uploads=uploads)
                    if outcome == "duplicate":
                        result.duplicates += 1
                    result.delivered += 1

    # -- one record -----------------------------------------------------------------------------------------------

    def _deliver(self, item: OutboxItem) -> tuple[str, int, list[tuple[str, int]]]:
        if item.damage is not None:
            raise _LocalDamage(item.damage)
        uploads: list[tuple[str, int]] = []
        confirmed_now: set[str] = set()
        if item.stage == "attachments":
            for att in item.attachments:
                if self._upload(item, att):
                    confirmed_now.add(att.sha256)
            uploads = [(a.sha256, a.size) for a in item.attachments]
        try:
            outcome, status = self._post(item, confirmed_now)
        except _PlatformLacksAttachments:
            raise
        except TransientError:
            if uploads:
                # Keep what the platform confirmed, so the retry goes straight to the record. (On success this is
                # folded into the delivered commit instead: one fsync per record fewer on the happy path.)
                self.store.attachments_uploaded(item.record_id, uploads)
            raise
        return outcome, status, uploads

    def _upload(self, item: OutboxItem, att: OutboxAttachment) -> bool:
        """Upload one attachment from the last confirmed byte. True if the platform confirmed it complete just now,
        False if our records already said so (nothing sent)."""
        progress = self.store.upload_progress(att.sha256)
        if progress is not None and progress[1]:
            return False
        if progress is None and not self._intact(att.sha256):
            raise _LocalDamage(f"local attachment {att.sha256} is missing or damaged")
        offset = progress[0] if progress else 0
        resyncs = 0
        while True:
            length = min(self.chunk_size, att.size - offset)
            data = self._read(att.sha256, offset, length) if length > 0 else b""
            if len(data) != length:
                raise _LocalDamage(f"local attachment {att.sha256} is shorter than recorded")
            try:
                state = self.client.upload_chunk(att.sha256, offset, att.size, data)
            except OffsetMismatch as exc:
                resyncs += 1
                if resyncs > MAX_OFFSET_RESYNCS:
                    raise TransientError(f"attachment {att.sha256[:12]}: offsets keep disagreeing") from exc
                received = exc.received
                if received is None or received >= att.size:
                    remote = self.client.attachment_state(att.sha256)
                    if remote is not None and remote.complete:
                        return True
                    received = remote.received if remote is not None else 0
                offset = max(0, min(received, att.size))
                continue
            except HashMismatch as exc:
                # The platform discarded the upload. If our copy is damaged, no retry can help; otherwise the bytes
                # were damaged on the way: start again from byte 0 on the next attempt.
                self.store.set_upload_progress(att.sha256, total=att.size, confirmed=0, complete=False)
                if not self._intact(att.sha256):
                    raise _LocalDamage(f"local attachment {att.sha256} is damaged") from exc
                raise TransientError(f"attachment {att.sha256[:12]} arrived damaged; re-sending") from exc
            except RejectedError as exc:
                raise _Quarantine("rejected", str(exc), exc.status) from exc
            if state.complete:
                return True
            if state.received <= offset and length > 0:
                raise TransientError(f"attachment {att.sha256[:12]}: platform confirmed no progress")
            offset = min(state.received, att.size)
            self.store.set_upload_progress(att.sha256, total=att.size, confirmed=offset, complete=False)

    def _intact(self, sha256: str) -> bool:
        try:
            return self.store.attachment_intact(sha256)
        except Exception as exc:  # a damaged header, an unreadable file: our copy is unusable
            raise _LocalDamage(f"local attachment {sha256} cannot be read: {exc}") from exc

    def _read(self, sha256: str, offset: int, length: int) -> bytes:
        try:
            return self.store.read_attachment(sha256, offset, length)
        except Exception as exc:
            raise _LocalDamage(f"local attachment {sha256} cannot be read at byte {offset}: {exc}") from exc

    def _signatures(self, item: OutboxItem) -> tuple[str, str]:
        """(content-hash signature, envelope signature): as stored, or made now (and stored) for a record finalised
        before enrollment or before envelope signatures (sig_version 1). Enrolling again clears the signatures of
        pending records (`RecordsDB.clear_pending_signatures`), so they are signed here with the new key and id.
        A stored signature is never "repaired": one that does not verify is the platform's to refuse."""
        if item.signature is not None and item.envelope_signature is not None:
            return item.signature, item.envelope_signature
        signer = self._signer()
        terminal_id = self.client.credentials.terminal_id if self.client.credentials is not None else None
        if signer is None or terminal_id is None:
            raise AuthError("this terminal is not enrolled: no key to sign records with", 401)
        signature, envelope_signature = protocol.sign_record(
            signer,
            terminal_id=terminal_id,
            record_id=item.record_id,
            kind=item.kind,
            receipt_no=item.receipt_no,
            sequence=item.seq,
            content_hash_hex=item.content_hash,
            signature=item.signature,
        )
        self.store.set_signature(item.record_id, signature, envelope_signature)
        return signature, envelope_signature

    def _post(self, item: OutboxItem, confirmed_now: set[str]) -> tuple[str, int]:
        signature, envelope_signature = self._signatures(item)
        try:
            payload: Any = json.loads(item.payload)
        except ValueError as exc:
            raise _LocalDamage(f"stored payload is not JSON: {exc}") from exc
        body = {
            "record_id": item.record_id,
            "kind": item.kind,
            "content_hash": item.content_hash,
            "created_at": item.created_at,
            "sequence": item.seq,
            "receipt_no": item.receipt_no,
            "payload": payload,
            "attachments": [a.sha256 for a in item.attachments],
            "signature": signature,
            "envelope_signature": envelope_signature,
        }
        try:
            status, outcome = self.client.post_record(body)
            return outcome, status
        except ConflictError as exc:
            if exc.body.get("result") == "receipt_taken":
                # Another record (this terminal's or another's) holds this receipt number on the platform: only a
                # person can sort out which citizen holds which receipt; the rest of the queue goes on.
                reason = f"receipt number {item.receipt_no} already belongs to another record on the platform (409)"
                raise _Quarantine("conflict", reason, 409) from exc
            raise _Quarantine("conflict", str(exc), 409) from exc
        except MissingAttachments as exc:
            if confirmed_now & set(exc.missing):
                # It confirmed them complete moments ago and now denies holding them: no retry of ours can fix that.
                raise _Quarantine("rejected", f"platform denies attachments it just confirmed: {exc}", 422) from exc
            # The platform lost (or never completed) attachments our records said it held: upload them again.
            for sha in exc.missing:
                size = next((a.size for a in item.attachments if a.sha256 == sha), 0)
                self.store.set_upload_progress(sha, total=size, confirmed=0, complete=False)
            self.store.reopen_attachments(item.record_id)
            raise _PlatformLacksAttachments(str(exc), status=422) from exc
        except RejectedError as exc:
            raise _Quarantine("rejected", str(exc), exc.status) from exc
