"""The receipt printer from plain settings: `open_printer(PrinterSettings)` builds the driver, `probe(...)` asks the
printer how it is.

Contract: one driver (ESC/POS over python-escpos' transports, `text` or `raster` mode); `probe` never raises and
puts the printer's own state (`PrinterState.code`, `state_of_error`) in its details as `printer_state`.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.printer.driver import EscposPrinter
from devices.printer.errors import PrinterError, UnknownProfileError
from devices.printer.profiles import get_profile
from devices.probe import Probe

__all__ = ["MODES", "PRINTER_STATES", "PrinterSettings", "open_printer", "probe", "state_of_error"]

MODES = ("text", "raster")


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    uri: str = ""
    """tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600, file:PATH; empty: no printer."""
    profile: str = "POS-5890"
    mode: str = "text"
    """text (the printer's Chinese font) or raster (the receipt drawn as an image)."""
    timeout: float = 5.0
    status_timeout: float = 1.0


def open_printer(settings: PrinterSettings) -> EscposPrinter:
    """The printer at `settings.uri` (each job connects anew); raises `PrinterError` (not_configured, bad_uri)."""
    return EscposPrinter(settings.uri, timeout=settings.timeout, status_timeout=settings.status_timeout)


PRINTER_STATES: dict[str, str] = {
    "ready": "ready",
    "paper_near_end": "ready",
    "unknown": "ready",
    "paper_out": "fault",
    "cover_open": "fault",
    "offline": "fault",
    "refused": "unavailable",
    "unreachable": "unavailable",
    "not_configured": "not_configured",
    "missing_library": "missing_library",
}
"""The printer's own state → the state every kind shares (anything else is `error`)."""

_STATE_OF_CODE = {
    "not_found": "unreachable",
    "paper_out_during": "paper_out",
    "bad_uri": "error",
    "denied": "error",
    "io": "error",
}


def state_of_error(error: PrinterError) -> str:
    """The printer's own state when asking it failed (refused, unreachable, not_configured, missing_library…)."""
    if error.code in PRINTER_STATES:
        return error.code
    return _STATE_OF_CODE.get(error.code, "error")


def probe(settings: PrinterSettings) -> list[Probe]:
    """Ask the configured printer (`DLE EOT`); details: printer_state, paper, profile, columns."""
    driver = f"escpos-{settings.mode}"
    if not settings.uri.strip():
        return [Probe("printer", driver, "", "not_configured", PrinterError("not_configured").note)]
    try:
        profile = get_profile(settings.profile)
    except UnknownProfileError as exc:
        return [Probe("printer", driver, settings.uri, "error", exc.note)]
    paper = "unknown"
    try:
        state = open_printer(settings).status()
    except PrinterError as exc:
        own, note = state_of_error(exc), exc.note
    else:
        own, note, paper = state.code, state.note, state.paper
    details = (("printer_state", own), ("paper", paper), ("profile", profile.name), ("columns", str(profile.columns)))
    return [Probe("printer", driver, settings.uri, PRINTER_STATES.get(own, "error"), note, details)]
