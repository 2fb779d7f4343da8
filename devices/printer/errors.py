"""Printer failures: `PrinterError(code, reason=..., **params)`, worded by the application's catalog.

Codes: not_configured, bad_uri, missing_library, refused, unreachable, not_found, denied, io, offline, paper_out,
cover_open, paper_out_during (the paper ran out while printing: the receipt may be incomplete), unknown_profile,
no_cjk_font. A job refused with any of them is kept and can be retried.
"""

from __future__ import annotations

from devices.errors import DeviceError

__all__ = ["FontNotFoundError", "PrinterError", "UnknownProfileError"]


class PrinterError(DeviceError):
    """A print could not be done: `PrinterError("refused", where="tcp://10.0.0.5:9100")`."""

    kind = "printer"

    def __init__(self, code: str, /, *, reason: str | None = None, **params: object) -> None:
        super().__init__(code, reason=reason, **params)


class UnknownProfileError(PrinterError, ValueError):
    """The profile name is neither ours nor python-escpos' (or python-escpos' does not state its paper width)."""

    def __init__(self, *, reason: str | None = None, **params: object) -> None:
        super().__init__("unknown_profile", reason=reason, **params)


class FontNotFoundError(PrinterError, RuntimeError):
    """No CJK font is installed (Debian: fonts-noto-cjk or fonts-wqy-microhei): raster printing cannot draw text."""

    def __init__(self) -> None:
        super().__init__("no_cjk_font")
