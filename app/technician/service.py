"""The technician's side of the kiosk (维护): device diagnostics, sync figures and actions, receipt reprint,
software updates (through `updates`).

Contract: what `ui.screens.technician` and `ui.adapters` call (structurally, see their ports); every method may block
and runs on a `TaskRunner` worker, never the GUI thread. Status texts are in `language`; failures raise `UserError`.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.audit.events import token
from app.errors import UserError
from app.model.identity import CardData, CardEventData
from app.model.technician import DeviceState
from app.technician import messages as m
from app.technician.credential import PIN_LOCK_MAX_S, PIN_LOCK_S, PIN_TRIES, PinLockedError, TechnicianCredential

if TYPE_CHECKING:
    from app.context import AppContext
    from app.model.devices import PrintResult, ScanResult
    from app.model.records import DeliveryReport, QuarantinedRecord, SyncStatus

log = logging.getLogger(__name__)

__all__ = ["PIN_LOCK_MAX_S", "PIN_LOCK_S", "PIN_TRIES", "PinLockedError", "TechnicianService", "UpdatesFacade"]

_PRINTER_OK = ("ready", "paper_near_end", "unknown")


class UpdatesFacade(Protocol):
    """What the technician side needs of software updates (`app.updates.status_service.UpdateStatusService`)."""

    def status(self) -> dict[str, object]: ...

    def check(self, path: str | None = None) -> dict[str, object]: ...

    def request_apply(self, bundle_path: str, version: str = "") -> dict[str, object]: ...


class TechnicianService:
    """Diagnostics and sync actions on one terminal's services (an `AppContext`).

    It also owns card watching for the kiosk: a card reader does one thing at a time (the watch loop occupies its
    device thread), so a diagnostic read or status query pauses watching and resumes it afterwards, under one lock.
    """

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.language = ctx.config.terminal.language
        """The language of the status texts this service returns (device states, reprint outcomes)."""
        self._card_lock = threading.RLock()
        self._card_listener: Callable[[CardEventData], None] | None = None
        self._watching = False
        self.printer_output: str = ""
        """Where the printer's output can be seen (the demo's virtual printer renders PNGs there)."""
        self.keystore_note: str = ""
        """How the terminal's secrets are kept, when worth saying (the demo's file keystore)."""
        self._clock: Callable[[], float] = time.time
        """Wall-clock seconds for the PIN lock-out (persisted, so not monotonic); tests replace it."""
        self.credential = TechnicianCredential(ctx.home, clock=lambda: self._clock())
        self.updates: UpdatesFacade | None = None
        """Software updates (`app.updates.status_service.UpdateStatusService`), set by the composition root
        (`app.main`): updates sit above the technician domain."""
        self.simulator: object | None = None
        """The simulated card reader, which `simulate_card` lays a card on (driver `simulated`: demo, no hardware)."""
        if ctx.config.devices.card.driver == "simulated" and not ctx.config.devices.card.port:
            self.simulator = self._install_manual_simulator()

    def _install_manual_simulator(self) -> object:
        """The kiosk's simulated reader starts empty and reads a card only when one is laid (模拟放卡): the default
        one re-lays its card every second, which suits `yunban devices read-card` but would flood a kiosk."""
        from devices.emulators.simulated_reader import SimulatedReader

        return self.ctx.identity.install_reader(SimulatedReader(None, auto_relay=False))

    # -- PIN ------------------------------------------------------------------------------------------------------

    def check_pin(self, pin: str) -> bool:
        """Is `pin` the technician's? Checked against the argon2id hash in `<home>/technician.json`
        (`app.technician.credential`; the PIN itself is never logged or stored).

        Guessing at a public kiosk is locked out: after `PIN_TRIES` wrong PINs in a row entry is refused (even the
        right PIN, with `PinLockedError`) for `PIN_LOCK_S`, doubling with every further wrong PIN up to
        `PIN_LOCK_MAX_S`. The count and the lock are kept in the same file, so a restart does not clear them. No
        credential set yet: `UserError(technician.no_credential)` (set one with `yunban provision --technician-pin`).
        Every attempt is audited (login, login.failed, login.locked; app/audit)."""
        try:
            ok = self.credential.check(pin)
        except PinLockedError:
            self._audit("login.locked", actor="technician", method="pin")
            raise
        self._audit("login" if ok else "login.failed", actor="technician", method="pin")
        return ok

    def _audit(self, event: str, *, actor: str | None = None, subject: str | None = None, **detail: object) -> None:
        from app.audit.service import audit_event

        audit_event(lambda: self.ctx.audit, event, actor=actor, subject=subject, **detail)

    def audit_health(self) -> tuple[bool, str]:
        """(the audit chain holds, what to show): the technician screen's 审计日志 line (`yunban audit verify`)."""
        from app.audit import messages as am

        try:
            report = self.ctx.audit.verify()
        except UserError as exc:
            return False, exc.message(self.language)
        if report.broken is None and report.entries == 0:
            return True, am.CHAIN_EMPTY.render(self.language)
        return report.ok, report.text(self.language)

    # -- cards ----------------------------------------------------------------------------------------------------

    def watch_cards(self, listener: Callable[[CardEventData], None]) -> None:
        """Report every card laid on the configured reader to `listener` (called on the reader's thread)."""
        with self._card_lock:
            self._card_listener = listener
            self._resume_watching()

    def stop_watching_cards(self) -> None:
        with self._card_lock:
            self._card_listener = None
            if self._watching:
                self.ctx.identity.stop_watching()
                self._watching = False

    def _resume_watching(self) -> None:
        if self._card_listener is None or self._watching:
            return
        try:
            self.ctx.identity.watch(self._card_listener)
            self._watching = True
        except UserError as exc:
            log.warning("card watching not started: %s", exc)
            self._card_listener(CardEventData("reader_lost", error=exc.message(self.language), error_code=exc.code))

    @contextmanager
    def _reader_paused(self) -> Iterator[None]:
        with self._card_lock:
            if self._watching:
                self.ctx.identity.stop_watching()
                self._watching = False
            try:
                yield
            finally:
                self._resume_watching()

    def read_card(self, *, timeout: float = 10.0) -> CardData:
        """Wait up to `timeout` seconds for a card and read it (watching pauses meanwhile)."""
        with self._reader_paused():
            return self.ctx.identity.read_card(timeout=timeout)

    @property
    def can_simulate_card(self) -> bool:
        return self.simulator is not None

    def simulate_card(self, card_type: str = "resident_id") -> None:
        """模拟放卡: lay the demo card on the simulated reader (demo only)."""
        lay = getattr(self.simulator, "lay", None)
        if lay is None:
            raise UserError(m.NO_SIMULATOR)
        lay(card_type)

    # -- devices --------------------------------------------------------------------------------------------------

    def device_states(self) -> list[DeviceState]:
        """Each configured device's state, asked of the device itself; never raises for a device problem."""
        return [self._card_state(), self._printer_state(), self._scanner_state()]

    def _card_state(self) -> DeviceState:
        settings = self.ctx.config.devices.card
        try:
            with self._reader_paused():
                message = self.ctx.identity.reader.status()
            return DeviceState("card", settings.driver, settings.port, "ready", message, True)
        except UserError as exc:
            return DeviceState("card", settings.driver, settings.port, exc.code, exc.message(self.language), False)
        except Exception as exc:  # a driver error is the status, not a crash of the screen
            code = str(getattr(exc, "code", "error"))
            return DeviceState("card", settings.driver, settings.port, code, str(exc), False)

    def _printer_state(self) -> DeviceState:
        printer = self.ctx.printer
        config = printer.config
        driver = f"escpos-{config.mode}"
        if not config.uri:
            return DeviceState("printer", driver, "", "not_configured", m.NO_PRINTER.render(self.language), False)
        try:
            status = printer.status()
        except UserError as exc:
            return DeviceState("printer", driver, config.uri, "error", exc.message(self.language), False)
        return DeviceState("printer", driver, config.uri, status.state, status.message, status.state in _PRINTER_OK)

    def _scanner_state(self) -> DeviceState:
        try:
            scanner = self.ctx.scanner
        except UserError as exc:
            driver = self.ctx.config.devices.scanner.driver
            return DeviceState("scanner", driver, "", "error", exc.message(self.language), False)
        status = scanner.status()
        return DeviceState("scanner", status.driver, status.device, status.state, status.message,
                           status.state == "ready")  # fmt: skip

    def print_test(self) -> PrintResult:
        """Print the diagnostic receipt (Chinese text, a table, rare characters, a QR code, a cut)."""
        from app.devices.printing import diagnostic_receipt

        return self.ctx.printer.print_receipt(diagnostic_receipt(self.ctx.config.terminal.hall_name), title="打印测试")

    def scan_page(self) -> ScanResult:
        """Scan one page from the configured scanner and make it upload-ready (pages written to a temp folder)."""
        out = Path(tempfile.mkdtemp(prefix="scan-test-", dir=self.ctx.home))
        result, _ = self.ctx.scanner.scan(out_dir=out)
        return result

    # -- sync -----------------------------------------------------------------------------------------------------

    def sync_status(self) -> SyncStatus:
        return self.ctx.sync.status()

    def run_sync(self) -> DeliveryReport:
        """One delivery pass now (the kiosk's periodic loop and the 立即同步 button)."""
        return self.ctx.sync.run_once()

    def probe(self) -> bool:
        """Is the platform answering (GET /v1/health)?"""
        return self.ctx.sync.probe()

    def connectivity_returned(self) -> DeliveryReport:
        """The network came back (Qt's network information or a probe): release waiting records, deliver now."""
        self.ctx.sync.notify_online()
        return self.ctx.sync.run_once()

    def quarantined(self) -> list[QuarantinedRecord]:
        return self.ctx.sync.quarantined()

    def make_demo_records(self, count: int = 2) -> int:
        """Demo only: write `count` finalised TEST records (marked `test_record`) so the sync screen has something to
        deliver; `yunban records make-test` does the same."""
        return len(self.ctx.records.make_test(count, attachment_kb=16))

    # -- receipts -------------------------------------------------------------------------------------------------

    def reprint(self, receipt_no: str) -> str:
        """补打回执 by receipt number (or the receipt's QR text); returns what happened, for people."""
        subject = token(receipt_no.strip().upper())
        try:
            outcome = self.ctx.apply.reprint(receipt_no.strip())
        except UserError as exc:  # the attempt is audited too
            self._audit("receipt.reprint", actor="technician", subject=subject, printed=False, refused=exc.code)
            raise
        self._audit("receipt.reprint", actor="technician", subject=subject, printed=outcome.printed)
        if outcome.printed:
            return m.REPRINTED.render(self.language, job=outcome.job_id)
        return outcome.message or m.NOT_REPRINTED.render(self.language)

    # -- software updates -----------------------------------------------------------------------------------------

    def _updates(self) -> UpdatesFacade:
        if self.updates is None:
            raise UserError(m.NO_UPDATES)
        return self.updates

    def update_status(self) -> dict[str, object]:
        """软件更新: installed / kept previous version, pending journal, last result, pending request."""
        return self._updates().status()

    def check_update(self, path: str | None = None) -> dict[str, object]:
        """Verify the USB bundle (a refusal is a `UserError`)."""
        return self._updates().check(path)

    def request_update(self, bundle: str, version: str = "") -> dict[str, object]:
        """Ask root to install the checked bundle when idle."""
        result = self._updates().request_apply(bundle, version)
        self._audit("update.request", actor="technician", version=token(version) if version else None)
        return result

    def close(self) -> None:
        self.stop_watching_cards()
