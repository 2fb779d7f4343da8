"""The terminal's audit log: record an event, hand new entries to the outbox in batches, verify the chain.

Contract: `record` never raises for a storage or delivery problem of the log itself (a log-in must not fail because
the log cannot be written: the failure is logged at ERROR and counted in `health()`), but does raise `ValueError` for
an entry that breaks the rules of `app.audit.events` (a programming error). The entry is committed on its own; the
batch record that carries entries to the platform (kind `audit`, through `send`, normally `RecordsService.finalise`)
is made in a second transaction once `batch_entries` entries wait or the oldest waiting one is `batch_age_s` old
(checked at each event), and whenever `flush()` is called (`yunban audit verify`, `yunban audit send`); a failed
send is retried at the next of those (e.g. no keystore yet).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from app.audit.chain import VerifyReport, batch_payload, entry_hash, entry_json, verify
from app.audit.events import check_entry
from local_db.records.audit import AuditBatchRow, AuditRow, AuditTable
from local_db.records.store import RecordsDB
from sync.protocol import canonical_json

__all__ = ["BATCH_AGE_S", "BATCH_ENTRIES", "BATCH_MAX", "AuditHealth", "AuditLog", "KeystoreHead", "audit_event"]

log = logging.getLogger(__name__)

BATCH_MAX = 200
"""Entries per `audit` record at most (a batch stays far below the platform's request limits)."""
BATCH_ENTRIES = 20
"""A batch is made once this many entries wait..."""
BATCH_AGE_S = 3600.0
"""...or the oldest waiting entry is this old (seconds), checked at each event. Until then the newest entries are
protected by the chain (edits) but not yet by an anchor (a removed tail): docs/audit.md."""


class SecretStore(Protocol):
    """What the head marker needs of the terminal's keystore (app/records/keystore.py)."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


class KeystoreHead:
    """The chain's head (seq, hash) mirrored in the terminal's keystore (`audit_head`), kept apart from records.db, so
    a removed tail is noticed before any batch anchors it. Bound to records.db's identity (`sync_meta.db_id`): a
    marker of another records.db is ignored and replaced at the next entry."""

    KEY = "audit_head"

    def __init__(self, store: Callable[[], SecretStore | None], db_id: Callable[[], str | None]) -> None:
        self._store = store
        self._db_id = db_id

    def read(self) -> tuple[int, str] | None:
        store = self._store()
        text = store.get(self.KEY) if store is not None else None
        if not text:
            return None
        try:
            doc = json.loads(text)
            if doc.get("db_id") != (self._db_id() or ""):
                return None
            return int(doc["seq"]), str(doc["hash"])
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("audit head marker in the keystore is unreadable; it is set again")
            return None

    def write(self, seq: int, digest: str) -> None:
        store = self._store()
        if store is None:
            return
        current = self.read()
        if current is not None and current[0] >= seq:  # another process wrote a later head meanwhile
            return
        store.set(self.KEY, json.dumps({"db_id": self._db_id() or "", "seq": seq, "hash": digest}))


@dataclass(frozen=True, slots=True)
class AuditHealth:
    """What the technician screen shows: the chain's state after the last verification and what is unsent."""

    entries: int
    unsent: int
    failures: int
    """Entries that could not be written since this process started."""
    report: VerifyReport | None


def _utc(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class AuditLog:
    """The audit log of one records.db. `send(payload) -> record_id` finalises a batch record inside the caller's
    transaction (AppContext wires `RecordsService.finalise(kind="audit")`); None keeps everything local."""

    def __init__(
        self,
        db: RecordsDB,
        *,
        send: Callable[[dict[str, Any]], str] | None = None,
        clock: Callable[[], float] = time.time,
        batch_entries: int = BATCH_ENTRIES,
        batch_age_s: float = BATCH_AGE_S,
        head: KeystoreHead | None = None,
    ) -> None:
        self.db = db
        self.table = AuditTable(db)
        self._send = send
        self._clock = clock
        self.batch_entries = max(1, int(batch_entries))
        self.batch_age_s = batch_age_s
        self.head = head
        self._failures = 0
        self._last_report: VerifyReport | None = None

    def record(
        self, event: str, *, actor: str | None = None, subject: str | None = None, **detail: object
    ) -> AuditRow | None:
        """Append one event (see `app.audit.events.EVENTS`), then send a batch if one is due; returns the entry, or
        None when it could not be written (logged)."""
        check_entry(event, actor, subject, detail)
        at = _utc(self._clock())
        detail_text = canonical_json(detail).decode("utf-8")

        def make(seq: int, prev: str) -> AuditRow:
            digest = entry_hash(seq=seq, at=at, event=event, actor=actor, subject=subject, detail=detail, prev=prev)
            return AuditRow(seq, at, event, actor, subject, detail_text, prev, digest)

        try:
            row = self.table.append(make)
        except Exception:
            self._failures += 1
            log.exception("audit event %s could not be written", event)
            return None
        if self.head is not None:
            try:
                self.head.write(row.seq, row.hash)
            except Exception:  # no keystore now: the batches still anchor the log
                log.warning("audit head not mirrored in the keystore", exc_info=True)
        if self._batch_due(row):
            self.flush()
        return row

    def _batch_due(self, head: AuditRow) -> bool:
        if self._send is None:
            return False
        try:
            after = self.table.last_batched_seq()
            if head.seq - after >= self.batch_entries:
                return True
            oldest = self.table.entries(after, limit=1)
        except Exception:
            log.exception("audit batch check failed")
            return False
        if not oldest:
            return False
        at = dt.datetime.fromisoformat(oldest[0].at.replace("Z", "+00:00")).timestamp()
        return self._clock() - at >= self.batch_age_s

    def flush(self) -> int:
        """Hand every entry not yet in a batch to the outbox (batches of `BATCH_MAX`); returns entries sent. A
        failure is logged and left for the next call."""
        if self._send is None:
            return 0
        sent = 0
        while True:
            try:
                with self.db.write():
                    after = self.table.last_batched_seq()
                    rows = self.table.entries(after, limit=BATCH_MAX)
                    if not rows:
                        return sent
                    record_id = self._send(batch_payload(rows))
                    self.table.add_batch(
                        AuditBatchRow(record_id, rows[0].seq, rows[-1].seq, rows[-1].hash, _utc(self._clock()))
                    )
            except Exception as exc:
                log.warning("audit entries not handed to the outbox yet: %s", exc)
                return sent
            sent += len(rows)

    def verify(self) -> VerifyReport:
        """Prove the chain (docs/audit.md); a broken chain is logged at ERROR when first seen by this process."""

        def batch_record(record_id: str) -> Mapping[str, Any] | None:
            rec = self.db.get_record(record_id)
            if rec is None:
                return None
            payload: Mapping[str, Any] = json.loads(rec.payload)
            return payload

        head = None
        if self.head is not None:
            try:
                head = self.head.read()
            except Exception:
                log.warning("audit head marker unavailable", exc_info=True)
        report = verify(
            self.table.iter_entries(), self.table.batches(), batch_record, self.table.audit_record_ids(), head
        )
        previous, self._last_report = self._last_report, report
        if report.broken is not None and (previous is None or previous.broken != report.broken):
            log.error("audit chain broken at entry %d: %s", report.broken.seq, report.broken.reason)
        return report

    def health(self, *, verify_now: bool = True) -> AuditHealth:
        report = self.verify() if verify_now else self._last_report
        head = self.table.head()
        return AuditHealth(
            entries=self.table.count(),
            unsent=max(0, (head.seq if head else 0) - self.table.last_batched_seq()),
            failures=self._failures,
            report=report,
        )

    def recent(self, limit: int = 50) -> list[dict[str, Any]]:
        """The newest entries, newest first, as plain dicts."""
        return [entry_json(r) for r in self.table.recent(limit)]


def audit_event(
    log_of: Callable[[], AuditLog],
    event: str,
    *,
    actor: str | None = None,
    subject: str | None = None,
    **detail: object,
) -> None:
    """Record `event` through a log that may not open (a damaged records.db, a terminal being set up): the caller's
    action never fails because of the audit log; the failure is logged at ERROR."""
    try:
        audit = log_of()
    except Exception:
        log.exception("audit log unavailable; %s not recorded", event)
        return
    audit.record(event, actor=actor, subject=subject, **detail)
