"""The ESC/POS receipt printer driver: status through `DLE EOT`, and a job sent only to a printer that can print it.

Status bytes (ESC/POS real-time status, `DLE EOT n`; bits 1 and 4 are always 1, bits 0 and 7 always 0):
* n=1 printer: bit 3 = offline.
* n=2 offline cause: bit 2 = cover open, bit 5 = stopped by paper end, bit 6 = error.
* n=4 paper roll sensor: bits 2–3 = paper near end, bits 5–6 = paper end.
A job is sent on its own connection: status first (offline, cover open or paper out refuse the job before a byte of
it is sent), then the data, then status again (paper that ran out during the job means the receipt may be
incomplete). Every refusal raises `PrinterError`; the caller keeps the job for a retry, nothing is dropped.
Over `file:` no status can be read, so the state is "unknown" and the data is written as it is; a printer that
does not answer `DLE EOT` is treated the same way (one silence, then no more queries for that job).
`DLE EOT` is answered in real time, so the status after a job is the state when its last byte arrived: a printer that
buffers a long job can still run out of paper while printing it. The clerk sees a short receipt and reprints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from devices.printer.errors import PrinterError
from devices.printer.transport import EscposTransport, PrinterURI, parse_uri

Paper = Literal["ok", "near_end", "out", "unknown"]

DLE_EOT_PRINTER = 1
DLE_EOT_OFFLINE = 2
DLE_EOT_PAPER = 4


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

    def refusal(self) -> PrinterError | None:
        """Why a job must not be sent now, or None."""
        if self.paper == "out":
            return PrinterError("paper_out", "打印机缺纸，请装纸后重试", "printer is out of paper")
        if self.cover_open:
            return PrinterError("cover_open", "打印机纸仓盖未关好", "printer cover is open")
        if self.online is False:
            return PrinterError("offline", "打印机处于离线状态", "printer is offline")
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
                raise PrinterError(
                    "io",
                    "打印过程中与打印机的连接中断，回执可能未打印，请重试",
                    "the printer stopped answering during the job; the receipt may not be printed",
                )
            if after.paper == "out":
                raise PrinterError(
                    "paper_out_during",
                    "打印中途缺纸，回执可能不完整，请装纸后重新打印",
                    "paper ran out during the job; the receipt may be incomplete",
                )
            return after
        finally:
            t.close()
