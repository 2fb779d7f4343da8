"""Receipt printers and scanners as plain data: what the device services return to the UI and the CLI.

States are short English codes (stable, for programs); `message` is for people (Chinese, English in brackets).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PRINTER_STATES = (
    "ready",
    "paper_near_end",
    "paper_out",
    "cover_open",
    "offline",
    "unknown",
    "unreachable",
    "refused",
    "not_configured",
    "missing_library",
    "error",
)
"""`unknown`: the transport cannot report status (a `file:` printer); the others as named."""


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """A receipt printer (小票打印机) as last seen."""

    uri: str
    profile: str
    mode: str
    state: str
    message: str
    online: bool | None = None
    paper: str = "unknown"
    """ok, near_end, out, unknown."""


@dataclass(frozen=True, slots=True)
class PrintJobInfo:
    """A job kept in the spool because it has not been printed yet (nothing is dropped; it can be retried)."""

    job_id: str
    title: str
    created: str
    size: int
    mode: str
    attempts: int
    last_error: str
    kind: str = "receipt"
    """receipt (受理回执: kept until printed), notice (一次性告知), draft_code (草稿保存凭条: a secret, expires),
    diagnostic (打印测试)."""
    expires: str = ""
    """ISO time after which the job is dropped unprinted (empty: kept until printed or cancelled)."""


@dataclass(frozen=True, slots=True)
class PrintResult:
    job_id: str
    uri: str
    profile: str
    mode: str
    size: int
    """Bytes sent to the printer."""
    seconds: float
    raster_lines: int
    """Text-mode lines sent as images because the printer font lacks a character (e.g. 𠮷, 䶮)."""
    substituted: tuple[str, ...]
    status: PrinterStatus


@dataclass(frozen=True, slots=True)
class ScannerStatus:
    """A scanner (扫描仪), document camera (高拍仪) or file import."""

    driver: str
    device: str
    state: str
    """ready, not_present, missing_library, busy, error."""
    message: str


@dataclass(frozen=True, slots=True)
class ScanPage:
    """One upload-ready page: a JPEG within the per-page size budget."""

    index: int
    width: int
    height: int
    dpi: int
    size: int
    """JPEG bytes."""
    quality: int
    """The JPEG quality used to meet the budget."""
    path: str | None = None


@dataclass(frozen=True, slots=True)
class ScanResult:
    driver: str
    device: str
    pages: tuple[ScanPage, ...]
    pdf: str | None
    """The multi-page PDF, when one was written."""
    seconds: float


@dataclass(frozen=True, slots=True)
class DeviceEntry:
    """One configured device as `devices list` shows it."""

    kind: str
    """card, printer, scanner."""
    driver: str
    target: str
    """Port, reader name, URI or device name; empty when not applicable."""
    state: str
    message: str
    details: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "driver": self.driver,
            "target": self.target,
            "state": self.state,
            "message": self.message,
            "details": dict(self.details),
        }
