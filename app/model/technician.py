"""What the technician screens (维护/诊断) show, as plain data: one row per device."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DeviceState"]


@dataclass(frozen=True, slots=True)
class DeviceState:
    """One device's state for the diagnostics screen (设备诊断).

    `kind`: card, printer, scanner. `state`: ready, not_configured, not_present, offline, paper_out, error... (the
    drivers' own words); `ok` says whether the device can be used now. `message` is for people (zh_CN + English).
    """

    kind: str
    driver: str
    target: str
    state: str
    message: str
    ok: bool
