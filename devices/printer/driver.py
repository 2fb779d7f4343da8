"""The ESC/POS receipt printer driver: status through `DLE EOT`, and a job sent only to a printer that can print it.

Contract: each job has its own connection: status, data, status again; a refusal (offline, cover open, paper out)
raises `PrinterError` before a byte is sent, and the caller keeps the job. Over `file:` the state is "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from devices.errors import Note
from devices.printer.errors import PrinterError
from devices.printer.transport import EscposTransport, PrinterURI, parse_uri

Paper = Literal["ok", "near_end", "out", "unknown"]

# ESC/POS real-time status `DLE EOT n` (bits 1 and 4 always 1, bits 0 and 7 always 0):
DLE_EOT_PRINTER = 1  # bit 3: offline
DLE_EOT_OFFLINE = 2  # offline cause: bit 2 cover open, bit 5 stopped by paper end, bit 6 error
DLE_EOT_PAPER = 4  # roll sensor: bits 2-3 paper near end, bits 5-6 paper end


def _valid(byte: int | None) -> bool:
    return byte is not None and (byte & 0x93) == 0x12


@dataclass(frozen=True, slots=True)
class PrinterState:
    """What the printer said about itself; `online` None and `paper` "unknown" when it cannot be asked."""

    online: bool | None
    paper: Paper
    cover_open: bool = False

    @classmethod
    def decode(cls, printer: int | None, offline: int | None, paper: int | None) -> PrinterState:
        online = None if not _valid(printer) else not (printer or 0) & 0x08
        cover = _valid(offline) and bool((offline or 0) & 0x04)
        state: Paper = "unknown"
        if _valid(paper):
            p = paper or 0
            state = "out" if p & 0x60 else "near_end" if p & 0x0C else "ok"
        if _valid(offline) and (offline or 0) & 0x20:
            state = "out"
        return cls(online, state, cover)

    @property
    def code(self) -> str:
        """The printer's own state: paper_out, cover_open, offline, paper_near_end, unknown (cannot ask) or ready."""
        if self.paper == "out":
            return "paper_out"
        if self.cover_open:
            return "cover_open"
        if self.online is False:
            return "offline"
        if self.paper == "near_end":
            return "paper_near_end"
        return "unknown" if self.online is None else "ready"

    @property
    def note(self) -> Note:
        """The state for people: `devices.printer.state.<code>`."""
        return Note(f"devices.printer.state.{self.code}")

    def refusal(self) -> PrinterError | None:
        """Why a job must not be sent now, or None."""
        if self.paper == "out":
            return PrinterError("paper_out")
        if self.cover_open:
            return PrinterError("cover_open")
        if self.online is False:
            return PrinterError("offline")
        return None


class ReceiptPrinter(Protocol):
    """What services need from a receipt printer (one instance is used from one device thread)."""

    def status(self) -> PrinterState: ...

    def send(self, data: bytes) -> PrinterState: ...


class EscposPrinter:
    """An ESC/POS printer reached through a python-escpos transport."""

    def __init__(self, uri: str | PrinterURI, *, timeout: float = 5.0, status_timeout: float = 1.0) -> None:
        self.uri = uri if isinstance(uri, PrinterURI) else parse_uri(uri)
        self.timeout = timeout
        self.status_timeout = status_timeout

    def _transport(self) -> EscposTransport:
        return EscposTransport(self.uri, timeout=self.timeout, status_timeout=self.status_timeout)

    @staticmethod
    def _read_state(t: EscposTransport) -> PrinterState:
        if not t.uri.bidirectional:
            return PrinterState(None, "unknown")
        printer = t.query(DLE_EOT_PRINTER)
        if printer is None:
            # A printer that does not answer real-time status (some network boards don't) would make each further
            # query wait out the timeout too: one silence is enough to know.
            return PrinterState(None, "unknown")
        return PrinterState.decode(printer, t.query(DLE_EOT_OFFLINE), t.query(DLE_EOT_PAPER))

    def status(self) -> PrinterState:
        t = self._transport()
        t.open()
        try:
            return self._read_state(t)
        finally:
            t.close()

    def send(self, data: bytes) -> PrinterState:
        """Print one job; raises PrinterError (and sends nothing) if the printer cannot print it now."""
        t = self._transport()
        t.open()
        try:
            before = self._read_state(t)
            refusal = before.refusal()
            if refusal is not None:
                raise refusal
            t.write(data)
            after = self._read_state(t)
            if before.online is not None and after.online is None:
                # It answered before the job and not after: the connection died while the job was in flight.
                raise PrinterError("io", reason="silent_after_job")
            if after.paper == "out":
                # DLE EOT is answered in real time: a printer that buffers a long job can still run out of paper
                # after this; the clerk sees a short receipt and reprints it.
                raise PrinterError("paper_out_during")
            return after
        finally:
            t.close()
