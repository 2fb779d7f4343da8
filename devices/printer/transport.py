"""Transports to a receipt printer through python-escpos (network, USB, serial, file), opened lazily.

Contract: python-escpos is used for the wire only (`_raw`, `_read`); every failure is a `PrinterError`.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import platformdirs

from devices.printer.errors import PrinterError

PICKLE_ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def prepare_escpos() -> None:
    """Give python-escpos a persistent capability cache before it is imported (idempotent).

    Its import builds a capability pickle in `ESCPOS_CAPABILITIES_PICKLE_DIR`, or in a fresh temp directory per
    process when that is unset: one leaked directory per run."""
    if not os.environ.get(PICKLE_ENV):
        os.environ[PICKLE_ENV] = str(Path(platformdirs.user_cache_dir("yunban", appauthor=False)) / "escpos")
    Path(os.environ[PICKLE_ENV]).mkdir(parents=True, exist_ok=True)


def escpos_profile_data(name: str) -> dict[str, Any] | None:
    """python-escpos' capability record of a printer profile, or None if it has none of that name."""
    prepare_escpos()
    try:
        from escpos.capabilities import get_profile
    except ImportError:
        return None
    try:
        data = get_profile(name).profile_data
    except (KeyError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@dataclass(frozen=True, slots=True)
class PrinterURI:
    """`tcp://HOST:9100`, `usb://VID:PID` (hex), `serial:///dev/ttyUSB0?baud=9600`, `file:PATH`."""

    scheme: str
    host: str = ""
    port: int = 9100
    vendor: int = 0
    product: int = 0
    path: str = ""
    baud: int = 9600

    @property
    def bidirectional(self) -> bool:
        """Whether the printer can answer status queries over this transport."""
        return self.scheme in ("tcp", "usb", "serial")

    def __str__(self) -> str:
        if self.scheme == "tcp":
            return f"tcp://{self.host}:{self.port}"
        if self.scheme == "usb":
            return f"usb://{self.vendor:04x}:{self.product:04x}"
        if self.scheme == "serial":
            return f"serial://{self.path}?baud={self.baud}"
        return f"file:{self.path}"


def parse_uri(uri: str) -> PrinterURI:
    try:
        return _parse_uri(uri)
    except ValueError:  # urlsplit's own refusals ("Invalid IPv6 URL", a port out of range...)
        raise PrinterError("bad_uri", uri=uri) from None


def _parse_uri(uri: str) -> PrinterURI:
    bad = PrinterError("bad_uri", uri=uri)
    uri = uri.strip()
    if not uri:
        raise PrinterError("not_configured")
    if uri.startswith("file:"):
        rest = uri[5:]
        if rest.startswith("//"):
            rest = urlsplit(uri).path
        if not rest:
            raise bad
        return PrinterURI("file", path=unquote(rest))
    parts = urlsplit(uri)
    if parts.scheme == "tcp":
        try:
            port = parts.port or 9100
        except ValueError:
            raise bad from None
        if not parts.hostname:
            raise bad
        return PrinterURI("tcp", host=parts.hostname, port=port)
    if parts.scheme == "usb":
        vid, _, pid = parts.netloc.partition(":")
        try:
            return PrinterURI("usb", vendor=int(vid, 16), product=int(pid, 16))
        except ValueError:
            raise bad from None
    if parts.scheme == "serial":
        path = parts.netloc + parts.path if parts.netloc else parts.path
        query = parse_qs(parts.query)
        try:
            baud = int(query.get("baud", ["9600"])[0])
        except ValueError:
            raise bad from None
        if not path:
            raise bad
        return PrinterURI("serial", path=path, baud=baud)
    raise bad


class EscposTransport:
    """One open connection to a printer through python-escpos; not thread-safe (used by one device thread)."""

    def __init__(self, uri: PrinterURI, *, timeout: float = 5.0, status_timeout: float = 1.0) -> None:
        self.uri = uri
        self.timeout = timeout
        self.status_timeout = status_timeout
        self._printer: Any = None

    def open(self) -> None:
        prepare_escpos()
        try:
            from escpos import printer as escpos_printer
        except ImportError as exc:
            raise PrinterError("missing_library", reason="no_escpos", error=str(exc)) from exc
        u = self.uri
        try:
            if u.scheme == "tcp":
                p = escpos_printer.Network(u.host, port=u.port, timeout=self.timeout)
            elif u.scheme == "usb":
                if not escpos_printer.Usb.is_usable():
                    raise PrinterError("missing_library", reason="no_pyusb")
                p = escpos_printer.Usb(u.vendor, u.product, timeout=int(self.timeout * 1000))
            elif u.scheme == "serial":
                # A pty (and some USB-serial adapters) has no modem lines: DSR/DTR handshake off.
                p = escpos_printer.Serial(u.path, baudrate=u.baud, timeout=self.status_timeout, dsrdtr=False)
            else:
                p = escpos_printer.File(u.path)
            p.open()
            if u.scheme == "tcp":
                # Jobs end with a 3-byte status query: without NODELAY, Nagle's algorithm holds it back until the
                # printer's delayed ACK (~40 ms per job on Linux).
                p.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except PrinterError:
            raise
        except Exception as exc:
            raise self._open_error(exc) from exc
        self._printer = p

    def _open_error(self, exc: BaseException) -> PrinterError:
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, OSError):
            cause = cause.__context__ or cause.__cause__
        where = str(self.uri)
        if isinstance(cause, ConnectionRefusedError):
            return PrinterError("refused", where=where)
        if isinstance(cause, TimeoutError | socket.timeout):
            return PrinterError("unreachable", reason="connect_timeout", where=where)
        if isinstance(cause, FileNotFoundError) or (cause is not None and getattr(cause, "errno", None) == 2):
            return PrinterError("not_found", where=where)
        if cause is None and self.uri.scheme == "usb" and type(exc).__name__ == "DeviceNotFoundError":
            return PrinterError("not_found", reason="usb_not_found", where=where)
        if isinstance(cause, PermissionError) or (cause is not None and getattr(cause, "errno", None) == 13):
            return PrinterError("denied", where=where)
        return PrinterError("unreachable", where=where, error=str(exc))

    def write(self, data: bytes) -> None:
        assert self._printer is not None, "open() first"
        try:
            self._printer._raw(data)
        except Exception as exc:
            raise PrinterError("io", where=str(self.uri), error=str(exc)) from exc

    def query(self, n: int) -> int | None:
        """Real-time status `DLE EOT n`; None when the transport cannot answer or the printer stays silent."""
        if not self.uri.bidirectional or self._printer is None:
            return None
        p = self._printer
        try:
            if self.uri.scheme == "tcp":
                p.device.settimeout(self.status_timeout)
            p._raw(b"\x10\x04" + bytes([n]))
            # python-escpos' Serial._read asks for 16 bytes and so always waits out the timeout; a status is one.
            reply = p.device.read(1) if self.uri.scheme == "serial" else p._read()
        except (OSError, NotImplementedError):
            return None
        finally:
            if self.uri.scheme == "tcp" and p.device is not None:
                p.device.settimeout(self.timeout)
        if not reply:
            return None
        return int(reply[-1])

    def close(self) -> None:
        p, self._printer = self._printer, None
        if p is None:
            return
        try:
            if self.uri.scheme == "tcp" and p.device is not None:
                # Half-close first so the printer sees the end of the job even if it reads slowly.
                p.device.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        with contextlib.suppress(Exception):  # closing a dead connection must not hide the real error
            p.close()
