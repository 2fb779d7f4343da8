"""The counter window's background sync (issue 14 §2): what `ui.adapters.SyncLoop` runs off the GUI thread, as the
kiosk's loop runs the technician service. Without it a clerk's decisions and walk-ins waited in the outbox until
something else synced.

Contract: `run_sync()` is one pass — the staff roster first (revocations reach the counter; a platform that cannot
be reached or a refused roster is logged and audited by the staff service, never stops the delivery), then the
outbox delivered and the status feed pulled (`SyncService.run_once`), then notices a stopped printer kept are tried
again — at most every `NOTICE_RETRY_S` (each attempt on a stopped queue is audited: a pass a minute must not fill
the log). `sync_status`, `probe` and `connectivity_returned` are the sync service's. Every call may block.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.errors import UserError

if TYPE_CHECKING:
    from app.counter.service import CounterService
    from app.model.records import DeliveryReport, SyncStatus
    from app.sync.service import SyncService

__all__ = ["NOTICE_RETRY_S", "CounterSync"]

log = logging.getLogger(__name__)

NOTICE_RETRY_S = 900.0


class CounterSync:
    """`ui.adapters.SyncPort` of the counter window (built by `app.main.build_counter`)."""

    def __init__(
        self,
        counter: CounterService,
        sync: Callable[[], SyncService],
        *,
        platform_url: Callable[[], str],
        credentials: Callable[[], Any],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.counter = counter
        self._clock = clock
        self._notices_tried: float | None = None
        self._sync = sync
        self._platform_url = platform_url
        self._credentials = credentials
        self.roster_error: str | None = None
        """The last roster pull's error code (None after a good one), for diagnostics; the clerk sees a stale roster
        through the offline warning (hours since the last successful fetch, `StaffService.offline_state`)."""

    def _roster(self) -> None:
        credentials = self._credentials()
        if credentials is None:
            return
        try:
            self.counter.staff.sync(self._platform_url(), credentials)
        except UserError as exc:
            self.roster_error = exc.code
            log.info("staff roster not refreshed: %s", exc.code)
        else:
            self.roster_error = None

    def run_sync(self) -> DeliveryReport:
        self._roster()
        report = self._sync().run_once()
        now = self._clock()
        if self._notices_tried is None or now - self._notices_tried >= NOTICE_RETRY_S:
            self._notices_tried = now
            try:
                self.counter.retry_notices()
            except Exception:  # a printer problem never ends the sync pass
                log.exception("retrying the queued notices failed")
        return report

    def sync_status(self) -> SyncStatus:
        return self._sync().status()

    def probe(self) -> bool:
        return self._sync().probe()

    def connectivity_returned(self) -> DeliveryReport:
        self._sync().notify_online()
        return self.run_sync()
