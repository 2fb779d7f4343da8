"""Device and library callbacks as Qt signals on the GUI thread (`DeviceEvents`), and the kiosk's background sync
loop (`SyncLoop`). Contract: a callback arriving on a foreign thread only emits; nothing here touches a widget."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.model.identity import CardEventData
    from app.model.records import DeliveryReport, SyncStatus

log = logging.getLogger(__name__)

__all__ = ["DeviceEvents", "SyncLoop", "SyncPort"]


class DeviceEvents(QObject):
    """Card, printer and sync events as Qt signals (past tense). Connect screens here, never to a device.

    Callbacks arrive on foreign threads (the card reader's device thread, pyscard's monitor thread, a `TaskRunner`
    worker); `forward_card_event` runs there and only emits. This object lives in the GUI thread, so Qt queues each
    emission to it, where screens connect (pyscard's observer rule: an observer forwards, never touches widgets)."""

    card_inserted = Signal()
    """A card was laid and is being read (emitted just before `card_read` / `card_failed`)."""
    card_read = Signal(object)
    """`app.model.identity.CardData` of the card just laid (the home banner and the apply flow consume it)."""
    card_read_json = Signal(object)
    """The same card as the read-card JSON mapping (`CardData.to_json()`, as `yunban devices read-card --json`): for
    screens whose slot takes a mapping (the apply flow's `on_card_read`)."""
    card_removed = Signal()
    card_failed = Signal(str, str)
    """(error code, message for people): a read failed, e.g. lifted mid-read, checksum error, SAM fault."""
    reader_lost = Signal(str, str)
    """(error code, message): the reader vanished or broke; watching stopped."""
    printer_status_changed = Signal(object)
    """`app.model.technician.DeviceState` of the printer, after the diagnostics asked it."""
    sync_progressed = Signal(object)
    """`app.model.records.SyncStatus` after a sync pass."""
    outbox_drained = Signal()
    """A sync pass left nothing pending."""

    _card_event = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_card: Any = None
        self._card_event.connect(self._on_card_event)

    def forward_card_event(self, event: CardEventData) -> None:
        """Called on the reader's thread: forward only (a queued signal to this GUI-thread object)."""
        self._card_event.emit(event)

    @Slot(object)
    def _on_card_event(self, event: CardEventData) -> None:
        if event.kind == "card_read" and event.card is not None:
            self.last_card = event.card
            self.card_inserted.emit()
            self.card_read.emit(event.card)
            self.card_read_json.emit(event.card.to_json())
        elif event.kind == "card_read_failed":
            self.card_inserted.emit()
            self.card_failed.emit(event.error_code or "", event.error or "")
        elif event.kind == "card_removed":
            self.card_removed.emit()
        elif event.kind == "reader_lost":
            self.reader_lost.emit(event.error_code or "", event.error or "")

    def forget_card(self) -> None:
        """Drop the last card read (session reset: nothing personal stays in memory)."""
        self.last_card = None


class SyncPort(Protocol):
    """What the loop needs (`app.technician.service.TechnicianService`); every call may block and runs on a worker."""

    def run_sync(self) -> DeliveryReport: ...

    def sync_status(self) -> SyncStatus: ...

    def probe(self) -> bool: ...

    def connectivity_returned(self) -> DeliveryReport: ...


class SyncLoop(QObject):
    """Periodic and connectivity-triggered sync passes, one at a time, off the GUI thread.

    A pass every `interval_s`, and one at once when connectivity returns: told by Qt's `QNetworkInformation` where a
    backend loads (NetworkManager, connman, glib), by the platform probe otherwise (a pass that failed for want of a
    link makes the next tick probe first; a probe that answers counts as connectivity returning). Results go to
    `events.sync_progressed(SyncStatus)`, and `events.outbox_drained()` once nothing is pending."""

    pass_finished = Signal(object)
    """The `SyncStatus` after a pass (also sent to `events.sync_progressed`)."""
    pass_failed = Signal(object)
    """The exception that ended a pass (the screen showing it renders it in its language)."""

    def __init__(
        self,
        service: SyncPort,
        events: DeviceEvents,
        *,
        interval_s: float = 60,
        tasks: TaskRunner | None = None,
        use_network_information: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.events = events
        self.tasks = tasks if tasks is not None else TaskRunner(parent=self)
        self._busy = False
        self._again: Callable[[], Any] | None = None
        self._link_trouble = False
        self.passes = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.interval_ms = int(interval_s * 1000)
        self.network_backend = self._watch_network() if use_network_information else ""

    def start(self) -> None:
        """First pass now, then every interval (no timer with interval 0)."""
        if self.interval_ms > 0:
            self.timer.start(self.interval_ms)
        self.tick()

    def stop(self) -> None:
        self.timer.stop()
        self.tasks.cancel_all()

    @property
    def busy(self) -> bool:
        return self._busy

    def tick(self) -> None:
        """A periodic pass; after link trouble, probe first and treat an answer as connectivity returning."""
        if self._link_trouble:
            self._submit(self._probe_then_sync)
        else:
            self._submit(self.service.run_sync)

    def run_now(self) -> None:
        """立即同步 (technician) — the same as a tick, without waiting for the timer."""
        self._submit(self.service.run_sync)

    def connectivity_returned(self) -> None:
        """The network came back: release waiting records and deliver at once."""
        log.info("connectivity returned: syncing now")
        self._submit(self.service.connectivity_returned)

    def _probe_then_sync(self) -> DeliveryReport | None:
        if not self.service.probe():
            return None
        return self.service.connectivity_returned()

    def _submit(self, fn: Callable[[], Any]) -> None:
        if self._busy:
            self._again = fn  # one pass at a time; the latest request runs after the current one
            return
        self._busy = True
        service = self.service

        def work() -> tuple[Any, SyncStatus]:
            report = fn()
            return report, service.sync_status()

        self.tasks.run(work, on_success=self._on_done, on_failure=self._on_error)

    def _on_done(self, result: tuple[Any, SyncStatus]) -> None:
        report, status = result
        # A pass with failures and nothing delivered, or a probe that did not answer, means link trouble.
        failures = getattr(report, "failures", 0)
        delivered = getattr(report, "delivered", 0)
        self._link_trouble = report is None or (failures > 0 and delivered == 0)
        self._finish(status)

    def _on_error(self, error: BaseException) -> None:
        log.info("sync pass failed: %s", error)
        self._busy = False
        self.passes += 1
        self.pass_failed.emit(error)
        self._run_again()

    def _finish(self, status: SyncStatus) -> None:
        self._busy = False
        self.passes += 1
        self.events.sync_progressed.emit(status)
        self.pass_finished.emit(status)
        if status.pending == 0:
            self.events.outbox_drained.emit()
        self._run_again()

    def _run_again(self) -> None:
        again, self._again = self._again, None
        if again is not None:
            self._submit(again)

    # -- Qt network information -----------------------------------------------------------------------------------

    def _watch_network(self) -> str:
        """Load a QNetworkInformation backend with reachability; '' if none (the probe path still works)."""
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:
            return ""
        feature = QNetworkInformation.Feature.Reachability
        try:
            if not QNetworkInformation.loadBackendByFeatures(feature):
                return ""
        except Exception:  # no D-Bus, no NetworkManager: fine, the probe path works
            log.debug("QNetworkInformation unavailable", exc_info=True)
            return ""
        info = QNetworkInformation.instance()
        if info is None:
            return ""
        self._reachability = info.reachability()
        info.reachabilityChanged.connect(self._on_reachability)
        log.info("network information: %s backend, reachability %s", info.backendName(), self._reachability.name)
        return str(info.backendName())

    @Slot(object)
    def _on_reachability(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        online = QNetworkInformation.Reachability.Online
        local = QNetworkInformation.Reachability.Site
        was = getattr(self, "_reachability", None)
        self._reachability = reachability
        if reachability in (online, local) and was not in (online, local):
            self.connectivity_returned()
