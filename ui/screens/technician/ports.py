"""What the technician screens need from the services (`app.technician.service.TechnicianService` satisfies it).
Contract: every method but `check_pin`, `can_simulate_card`, `printer_output` and `keystore_note` may block on a
device, the network or the disk: the screens call them only through `ui.tasks.TaskRunner`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.model.devices import PrintResult, ScanResult
    from app.model.identity import CardData
    from app.model.records import DeliveryReport, QuarantinedRecord, SyncStatus
    from app.model.technician import DeviceState

__all__ = ["TechnicianPort", "UpdatesPort"]


class UpdatesPort(Protocol):
    """软件更新 (`ui.screens.technician.updates`): dicts as `app.updates.status_service.UpdateStatusService` returns
    them; a refusal is a `UserError`."""

    def update_status(self) -> dict[str, object]: ...

    def check_update(self, path: str | None = None) -> dict[str, object]: ...

    def request_update(self, bundle: str, version: str = "") -> dict[str, object]: ...


class TechnicianPort(UpdatesPort, Protocol):
    printer_output: str
    keystore_note: str

    def check_pin(self, pin: str) -> bool: ...

    @property
    def can_simulate_card(self) -> bool: ...

    def simulate_card(self, card_type: str = "resident_id") -> None: ...

    def device_states(self) -> list[DeviceState]: ...

    def read_card(self, *, timeout: float = 10.0) -> CardData: ...

    def print_test(self) -> PrintResult: ...

    def scan_page(self) -> ScanResult: ...

    def sync_status(self) -> SyncStatus: ...

    def run_sync(self) -> DeliveryReport: ...

    def quarantined(self) -> list[QuarantinedRecord]: ...

    def reprint(self, receipt_no: str) -> str: ...

    def audit_health(self) -> tuple[bool, str]:
        """(the audit chain holds, the line to show); a broken chain names its first broken link."""
        ...
