"""Scanners by driver name: `open_scanner(ScannerSettings)` builds one, `probe(ScannerSettings)` says what is there.

Contract: drivers `sane` (python-sane), `camera` (the 高拍仪, QtMultimedia) and `file` (an image or PDF) are imported
when chosen, so a missing library only disables its own driver; `probe` never raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from devices.errors import Note, UnknownDriverError
from devices.probe import Probe
from devices.scanner.errors import ScannerError

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["DRIVERS", "Scanner", "ScannerSettings", "open_scanner", "probe"]

DRIVERS = ("sane", "camera", "file")


@dataclass(frozen=True, slots=True)
class ScannerSettings:
    driver: str = "file"
    device: str = ""
    """sane: a SANE name (empty: the first scanner); camera: a camera name or id, or `simulated[:…]`; file: a path."""
    source: Literal["flatbed", "adf"] = "flatbed"
    """SANE only: one page from the glass, or every page in the feeder."""
    resolution: int = 200
    """dpi (file: the dpi PDF pages are rendered at)."""
    color: bool = True
    options: tuple[tuple[str, Any], ...] = ()
    """SANE backend options by python-sane name, set after ours (technicians, tests)."""


class Scanner(Protocol):
    def scan(self) -> list[Image.Image]:
        """The pages of one scan; raises `ScannerError`."""
        ...


def open_scanner(settings: ScannerSettings) -> Scanner:
    """The scanner the settings name (nothing is opened until `scan()`); raises `ScannerError`, `UnknownDriverError`."""
    if settings.driver == "file":
        from devices.scanner.file_import import FileImport

        if not settings.device:
            raise ScannerError("no_file")
        return FileImport(settings.device, pdf_dpi=settings.resolution)
    if settings.driver == "camera":
        from devices.scanner.camera import CameraScanner

        return CameraScanner(settings.device)
    if settings.driver == "sane":
        from devices.scanner.sane_driver import SaneScanner

        return SaneScanner(
            settings.device,
            source=settings.source,
            resolution=settings.resolution,
            color=settings.color,
            options=dict(settings.options),
        )
    raise UnknownDriverError("scanner", settings.driver, DRIVERS)


_STATES = {"ready": "ready", "not_present": "not_present", "missing_library": "missing_library", "busy": "unavailable"}
"""A scanner's own state → the state every kind shares (anything else is `error`)."""


def probe(settings: ScannerSettings) -> list[Probe]:
    """The configured scanner and its state; `details` holds the scanner's own state as `scanner_state`."""
    driver, device = settings.driver, settings.device
    if driver not in DRIVERS:
        note = UnknownDriverError("scanner", driver, DRIVERS).note
        return [Probe("scanner", driver, device, "error", note, (("scanner_state", "error"),))]
    if driver == "file":
        state, note = _file_state(device)
    elif driver == "camera":
        from devices.scanner.camera import CameraScanner

        state, note = CameraScanner(device).status()
    else:
        state, note, device = _sane_state(device)
    return [Probe("scanner", driver, device, _STATES.get(state, "error"), note, (("scanner_state", state),))]


def _file_state(path: str) -> tuple[str, Note]:
    if not path:
        return "ready", Note("devices.scanner.file_import")
    if Path(path).exists():
        return "ready", Note("devices.scanner.file_present")
    return "not_present", Note("devices.scanner.file_missing", {"file": path})


def _sane_state(device: str) -> tuple[str, Note, str]:
    from devices.scanner import sane_driver

    try:
        devices = sane_driver.list_devices()
    except ScannerError as exc:
        return exc.code, exc.note, device
    names = [d[0] for d in devices]
    if (device and device not in names) or not names:
        return "not_present", ScannerError("no_device").note, device
    name = device or names[0]
    info = next(d for d in devices if d[0] == name)
    return "ready", Note("devices.scanner.sane_ready", {"vendor": info[1], "model": info[2]}), name
