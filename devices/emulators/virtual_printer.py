"""The virtual ESC/POS receipt printer: a TCP 9100-style server on 127.0.0.1 that parses each job and renders it
to a PNG receipt (tests, the demo, `yunban devices printer-emulator`).

Contract: `DLE EOT` is answered at once from the simulated state (`set_paper`, `set_online`, `paper_out_after_lines`,
`drop_after_bytes`, `refuse()`/`accept()`); data received while the paper is out is recorded as not printed.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from devices.emulators.escpos_parser import EscPosParser, Op
from devices.emulators.escpos_render import ReceiptRenderer

__all__ = ["Job", "VirtualPrinter"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Job:
    """One connection's worth of data (a job), parsed and rendered."""

    number: int
    ops: list[Op] = field(default_factory=list)
    raw: bytes = b""
    printed: bool = True
    lost_lines: int = 0
    """Lines received while the paper was out or the printer offline (a real printer would not print them)."""
    image: Image.Image | None = None
    png: Path | None = None

    @property
    def text(self) -> str:
        """The printed text with a newline per line feed (what a person would read off the paper)."""
        out: list[str] = []
        for op in self.ops:
            if op.kind == "text":
                out.append(op.value)
            elif op.kind == "lf":
                out.append("\n")
        return "".join(out)

    @property
    def qr_codes(self) -> list[str]:
        data = ""
        printed = []
        for op in self.ops:
            if op.kind == "qr_store":
                data = op.value
            elif op.kind == "qr_print":
                printed.append(data)
        return printed

    def count(self, kind: str) -> int:
        return sum(1 for op in self.ops if op.kind == kind)

    @property
    def printable(self) -> bool:
        return any(op.kind in ("text", "lf", "raster", "qr_print", "cut", "feed_lines", "feed_dots") for op in self.ops)


class VirtualPrinter:
    """The TCP server. Use as a context manager; `uri` is what a driver connects to."""

    def __init__(self, *, port: int = 0, out_dir: Path | None = None, dots: int = 384, render: bool = True) -> None:
        self.host = "127.0.0.1"
        self.port = port
        self.out_dir = out_dir
        self.dots = dots
        self.render = render
        self.paper = "ok"
        self.online = True
        self.cover_open = False
        self.paper_out_after_lines: int | None = None
        self.drop_after_bytes: int | None = None
        """Reset the connection once a job has sent this many bytes (a cable pulled, a printer power-cycled)."""
        self.jobs: list[Job] = []
        self._cond = threading.Condition()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._stopping = False
        self._count = 0

    # ----------------------------------------------------------------------------------------- lifecycle

    def __enter__(self) -> VirtualPrinter:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def start(self) -> None:
        self._stopping = False
        self.accept()

    def accept(self) -> None:
        """Open (or reopen) the listening socket on the same port."""
        if self._listener is not None:
            return
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((self.host, self.port))
        s.listen(8)
        self.port = s.getsockname()[1]
        self._listener = s
        t = threading.Thread(target=self._serve, args=(s,), name=f"virtual-printer-{self.port}", daemon=True)
        t.start()
        self._threads.append(t)

    def refuse(self) -> None:
        """Close the listening socket: new connections get ECONNREFUSED, as from a printer switched off."""
        s, self._listener = self._listener, None
        if s is not None:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping = True
        self.refuse()
        for t in self._threads:
            t.join(timeout=5)
        self._threads.clear()

    # ---------------------------------------------------------------------------------------- simulation

    def set_paper(self, state: str) -> None:
        if state not in ("ok", "near_end", "out"):
            raise ValueError(state)
        self.paper = state

    def set_online(self, online: bool) -> None:
        self.online = online

    def status_byte(self, n: int) -> int:
        """The reply to `DLE EOT n`."""
        value = 0x12
        out = self.paper == "out"
        if n == 1 and (not self.online or out or self.cover_open):
            value |= 0x08
        elif n == 2:
            value |= (0x04 if self.cover_open else 0) | (0x20 if out else 0)
        elif n == 4:
            value |= (0x60 if out else 0) | (0x0C if self.paper == "near_end" else 0)
        return value

    def wait_for_jobs(self, count: int, timeout: float = 10.0) -> list[Job]:
        """Block until `count` printable jobs have been received (or raise TimeoutError)."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.jobs) >= count, timeout=timeout):
                raise TimeoutError(f"virtual printer got {len(self.jobs)} jobs, expected {count}")
            return list(self.jobs)

    # ------------------------------------------------------------------------------------------- serving

    def _serve(self, listener: socket.socket) -> None:
        while not self._stopping:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            t = threading.Thread(target=self._connection, args=(conn,), name="virtual-printer-conn", daemon=True)
            t.start()

    def _connection(self, conn: socket.socket) -> None:
        parser = EscPosParser()
        with self._cond:
            self._count += 1
            job = Job(self._count)
        raw = bytearray()
        lines = 0
        try:
            conn.settimeout(30)
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            while True:
                chunk = conn.recv(65536)
                ops = parser.feed(chunk) if chunk else parser.finish()
                raw += chunk
                if self.drop_after_bytes is not None and len(raw) >= self.drop_after_bytes:
                    # SO_LINGER 0: close with a TCP reset, as a printer losing power would.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    job.printed = False
                    job.lost_lines += 1
                    break
                for op in ops:
                    if op.kind == "status":
                        conn.sendall(bytes([self.status_byte(op.value)]))
                        continue
                    if op.kind == "lf":
                        lines += 1
                        if self.paper_out_after_lines is not None and lines > self.paper_out_after_lines:
                            self.paper = "out"
                    if self.paper == "out" or not self.online:
                        if op.kind in ("lf", "raster", "qr_print"):
                            job.lost_lines += 1
                        job.printed = False
                        continue
                    job.ops.append(op)
                if not chunk:
                    break
        except OSError as exc:
            log.debug("virtual printer connection ended: %s", exc)
        finally:
            conn.close()
        job.raw = bytes(raw)
        if not job.printable and job.lost_lines == 0:
            return  # a status-only connection is not a job
        if self.render and job.ops:
            try:
                renderer = ReceiptRenderer(self.dots)
                for op in job.ops:
                    renderer.apply(op)
                job.image = renderer.image()
                if self.out_dir is not None:
                    self.out_dir.mkdir(parents=True, exist_ok=True)
                    job.png = self.out_dir / f"job-{job.number:04d}.png"
                    job.image.save(job.png)
            except Exception:  # a job that cannot be drawn is still a job received: record it, log why
                log.exception("virtual printer could not render job %d", job.number)
        with self._cond:
            self.jobs.append(job)
            self._cond.notify_all()
