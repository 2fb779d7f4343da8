"""Scanner failures: `ScannerError(code, reason=..., **params)`, worded by the application's catalog.

Codes: missing_library, not_present, no_device, no_file, busy, jammed, no_docs (empty feeder), cover_open, io, denied,
cancelled, unreadable (a file that is not a readable image or PDF), too_many_pages, unsupported, timeout (a SANE
backend that stopped responding), error; document camera: no_picture, not_settled, no_qr.
"""

from __future__ import annotations

from devices.errors import DeviceError

__all__ = ["ScannerError"]


class ScannerError(DeviceError):
    """A scan could not be done; `ScannerError("jammed")`, `ScannerError("no_device", reason="device_not_found",
    device=name)`."""

    kind = "scanner"

    def __init__(self, code: str, /, *, reason: str | None = None, **params: object) -> None:
        super().__init__(code, reason=reason, **params)
