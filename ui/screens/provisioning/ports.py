"""What the provisioning screen needs from the services (`app.provisioning.service.ProvisioningService` satisfies
it). Contract: `division` and `platform_url` are the configuration in memory; every method may block on the disk,
the network or a device: the screen calls them only through `ui.tasks.TaskRunner`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.model.devices import PrintResult
    from app.model.identity import CardData
    from app.model.provisioning import DivisionOption, Enrolled, EnrollmentQr
    from app.model.technician import DeviceState
    from app.model.terminal import TerminalIdentity

__all__ = ["ProvisioningPort"]


class ProvisioningPort(Protocol):
    @property
    def division(self) -> str: ...

    @property
    def platform_url(self) -> str: ...

    def division_children(self, parent: str | None = None) -> list[DivisionOption]: ...

    def search_divisions(self, query: str, *, limit: int = 50) -> list[DivisionOption]: ...

    def check_division(self, code: str) -> DivisionOption: ...

    def identity(self) -> TerminalIdentity | None: ...

    def enroll(self, platform_url: str, code: str, division: str | None = None, *, force: bool = False) -> Enrolled: ...

    def scan_qr(self) -> EnrollmentQr: ...

    def pin_is_set(self) -> bool: ...

    def check_pin(self, pin: str) -> bool: ...

    def set_technician_pin(self, pin: str, repeat: str | None = None) -> None: ...

    def device_states(self) -> list[DeviceState]: ...

    def print_test(self) -> PrintResult: ...

    def read_card(self, *, timeout: float = 10.0) -> CardData: ...
