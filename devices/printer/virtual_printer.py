"""A virtual ESC/POS receipt printer: a TCP 9100-style server on 127.0.0.1 that parses the byte stream and renders
each job to a PNG receipt image.

It is a device emulator (no Qt): tests assert on the parsed stream and on the image, technicians preview a captured
job with `yunban devices printer-preview FILE.bin out.png`, and the demo prints to it. What it understands:
text in GB18030 while Chinese mode is on (`FS &` / `FS .`; on by default, like the printers sold in China) and code
page 437 otherwise; `ESC @`, `ESC a` alignment, `ESC E`/`ESC G` emphasis, `ESC !`, `GS !` and `FS !` sizes, `ESC -`
underline, `ESC d`/`ESC J` feeds, line spacing, QR codes (`GS ( k`, model 2: size, error level, store, print), raster
images (`GS v 0`), cuts (`GS V`) and real-time status (`DLE EOT 1/2/3/4`), answered at once from the simulated state.
Unknown commands are recorded, never guessed at.

Simulated faults: paper near end / out (`set_paper`), offline (`set_online`), the paper running out after N lines of
a job (`paper_out_after_lines`), the connection reset mid-job (`drop_after_bytes`), and connection refused
(`refuse()` closes the listening socket; `accept()` reopens the same port). While the paper is out, received print
data is recorded as not printed — as on a real printer.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from devices.printer.layout import char_columns
from devices.printer.profiles import CELL_H, CELL_W, LINE_GAP
from devices.printer.raster import CellFont, default_font, qr_image

log = logging.getLogger(__name__)

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10


@dataclass(frozen=True, slots=True)
class Op:
    """One parsed command or text run: kind in init, text, lf, cr, align, bold, underline, size, kanji, spacing,
    feed_lines, feed_dots, qr_model, qr_size, qr_ecc, qr_store, qr_print, raster, cut, status, unknown."""

    kind: str
    value: Any = None


class EscPosParser:
    """Incremental: `feed()` chunks as they arrive; a command split across chunks waits for its remaining bytes."""

    def __init__(self, kanji: bool = True) -> None:
        self.buf = bytearray()
        self.kanji = kanji

    def feed(self, data: bytes) -> list[Op]:
        self.buf += data
        ops: list[Op] = []
        i = 0
        while i < len(self.buf):
            parsed = self._one(i)
            if parsed is None:
                break
            op, i = parsed
            if op is not None:
                if op.kind == "text" and ops and ops[-1].kind == "text":
                    ops[-1] = Op("text", ops[-1].value + op.value)
                else:
                    ops.append(op)
        del self.buf[:i]
        return ops

    def finish(self) -> list[Op]:
        """End of stream: anything left is an incomplete command."""
        rest = bytes(self.buf)
        self.buf.clear()
        return [Op("unknown", rest)] if rest else []

    def _need(self, i: int, n: int) -> bool:
        return i + n <= len(self.buf)

    def _one(self, i: int) -> tuple[Op | None, int] | None:
        b = self.buf
        c = b[i]
        if c == 0x0A:
            return Op("lf"), i + 1
        if c == 0x0D:
            return None, i + 1
        if c == 0x09:
            return Op("text", "\t"), i + 1
        if c == DLE:
            if not self._need(i, 3):
                return None
            if b[i + 1] == 0x04:
                return Op("status", b[i + 2]), i + 3
            if b[i + 1] == 0x05:
                return Op("unknown", bytes(b[i : i + 3])), i + 3
            if b[i + 1] == 0x14:
                if not self._need(i, 5):
                    return None
                return Op("unknown", bytes(b[i : i + 5])), i + 5
            return Op("unknown", bytes(b[i : i + 2])), i + 2
        if c == ESC:
            if not self._need(i, 2):
                return None
            cmd = b[i + 1]
            if cmd == ord("@"):
                self.kanji = True
                return Op("init"), i + 2
            if cmd == ord("2"):
                return Op("spacing", LINE_GAP + CELL_H), i + 2
            one_arg = {
                ord("a"): "align",
                ord("E"): "bold",
                ord("G"): "bold",
                ord("-"): "underline",
                ord("d"): "feed_lines",
                ord("J"): "feed_dots",
                ord("3"): "spacing",
                ord("!"): "esc_mode",
            }
            if cmd in b"pc*":
                # Fixed- or counted-length commands we do not render; consumed whole so the stream stays in step.
                # ESC p m t1 t2 (drawer pulse), ESC c n m (panel/sensor settings), ESC * m nL nH d… (bit image).
                if cmd == ord("*"):
                    if not self._need(i, 5):
                        return None
                    k = b[i + 3] | (b[i + 4] << 8)
                    size = 5 + (3 * k if b[i + 2] in (32, 33) else k)
                else:
                    size = 5 if cmd == ord("p") else 4
                if not self._need(i, size):
                    return None
                return Op("unknown", bytes(b[i : i + size])), i + size
            if cmd in one_arg or cmd in b"tMVR{ rU":
                if not self._need(i, 3):
                    return None
                arg = b[i + 2]
                kind = one_arg.get(cmd)
                if kind == "align":
                    return Op("align", {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}.get(
                        arg, "left")), i + 3  # fmt: skip
                if kind in ("bold", "underline"):
                    return Op(kind, bool(arg & 1)), i + 3
                if kind == "esc_mode":
                    return Op("size", (2 if arg & 0x20 else 1, 2 if arg & 0x10 else 1, bool(arg & 0x08))), i + 3
                if kind is not None:
                    return Op(kind, arg), i + 3
                return Op("unknown", bytes(b[i : i + 3])), i + 3
            return Op("unknown", bytes(b[i : i + 2])), i + 2
        if c == FS:
            if not self._need(i, 2):
                return None
            cmd = b[i + 1]
            if cmd == ord("&"):
                self.kanji = True
                return Op("kanji", True), i + 2
            if cmd == ord("."):
                self.kanji = False
                return Op("kanji", False), i + 2
            if cmd in b"!-CWS":
                need = 4 if cmd == ord("S") else 3
                if not self._need(i, need):
                    return None
                arg = b[i + 2]
                if cmd == ord("!"):
                    return Op("size", (2 if arg & 0x04 else 1, 2 if arg & 0x08 else 1, None)), i + 3
                if cmd == ord("W"):
                    return Op("size", (2, 2, None) if arg & 1 else (1, 1, None)), i + 3
                return Op("unknown", bytes(b[i : i + need])), i + need
            return Op("unknown", bytes(b[i : i + 2])), i + 2
        if c == GS:
            if not self._need(i, 2):
                return None
            cmd = b[i + 1]
            if cmd == ord("!"):
                if not self._need(i, 3):
                    return None
                n = b[i + 2]
                return Op("size", (((n >> 4) & 7) + 1, (n & 7) + 1, None)), i + 3
            if cmd == ord("V"):
                if not self._need(i, 3):
                    return None
                m = b[i + 2]
                if m in (65, 66):
                    if not self._need(i, 4):
                        return None
                    return Op("cut", {"partial": m == 66, "feed": b[i + 3]}), i + 4
                return Op("cut", {"partial": m in (1, 49), "feed": 0}), i + 3
            if cmd == ord("("):
                if not self._need(i, 5):
                    return None
                size = b[i + 3] | (b[i + 4] << 8)
                if not self._need(i, 5 + size):
                    return None
                body = bytes(b[i + 5 : i + 5 + size])
                end = i + 5 + size
                if b[i + 2] == ord("k") and len(body) >= 2 and body[0] == 49:
                    fn = body[1]
                    if fn == 65:
                        return Op("qr_model", body[2] if len(body) > 2 else 50), end
                    if fn == 67:
                        return Op("qr_size", body[2] if len(body) > 2 else 3), end
                    if fn == 69:
                        return Op("qr_ecc", "LMQH"[max(0, min(3, (body[2] if len(body) > 2 else 48) - 48))]), end
                    if fn == 80:
                        return Op("qr_store", body[3:].decode("utf-8", errors="replace")), end
                    if fn == 81:
                        return Op("qr_print"), end
                return Op("unknown", bytes(b[i:end])), end
            if cmd == ord("v"):
                if not self._need(i, 8):
                    return None
                xb = b[i + 4] | (b[i + 5] << 8)
                rows = b[i + 6] | (b[i + 7] << 8)
                if not self._need(i, 8 + xb * rows):
                    return None
                data = bytes(b[i + 8 : i + 8 + xb * rows])
                return Op("raster", (xb, rows, data, b[i + 3])), i + 8 + xb * rows
            if cmd == ord("k"):
                # Barcode: GS k m d1..dk NUL (m < 65) or GS k m n d1..dn.
                if not self._need(i, 3):
                    return None
                m = b[i + 2]
                if m < 65:
                    end_nul = b.find(b"\x00", i + 3)
                    if end_nul < 0:
                        return None
                    return Op("unknown", bytes(b[i : end_nul + 1])), end_nul + 1
                if not self._need(i, 4) or not self._need(i, 4 + b[i + 3]):
                    return None
                return Op("unknown", bytes(b[i : i + 4 + b[i + 3]])), i + 4 + b[i + 3]
            if cmd in b"Lw":
                need = 4 if cmd == ord("L") else 3
                if not self._need(i, need):
                    return None
                return Op("unknown", bytes(b[i : i + need])), i + need
            if cmd in b"BHhfaIr":
                if not self._need(i, 3):
                    return None
                return Op("unknown", bytes(b[i : i + 3])), i + 3
            return Op("unknown", bytes(b[i : i + 2])), i + 2
        if c < 0x20 or c == 0x7F:
            return Op("unknown", bytes([c])), i + 1
        if c < 0x80:
            return Op("text", chr(c)), i + 1
        if not self.kanji:
            return Op("text", bytes([c]).decode("cp437")), i + 1
        # GB18030: 0x81–0xFE lead byte; 2 bytes (trail 0x40–0xFE) or 4 bytes (second byte 0x30–0x39).
        if c == 0x80 or c == 0xFF:
            return Op("text", "?"), i + 1
        if not self._need(i, 2):
            return None
        n = 4 if 0x30 <= b[i + 1] <= 0x39 else 2
        if not self._need(i, n):
            return None
        chunk = bytes(b[i : i + n])
        try:
            return Op("text", chunk.decode("gb18030")), i + n
        except UnicodeDecodeError:
            return Op("text", "?"), i + 1


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


class ReceiptRenderer:
    """Turns parsed operations into a receipt image on the printer's dot grid."""

    def __init__(self, dots: int = 384, font: CellFont | None = None) -> None:
        self.dots = dots
        font = font or default_font()
        if font is None:
            raise RuntimeError("the virtual printer needs a CJK font (Debian: fonts-noto-cjk)")
        self.font = font
        self.strips: list[Image.Image] = []
        self.reset()

    def reset(self) -> None:
        self.align = "left"
        self.bold = False
        self.underline = False
        self.size = (1, 1)
        self.spacing = CELL_H + LINE_GAP
        self.line: list[tuple[str, bool, bool, int, int]] = []
        self.qr_size = 3
        self.qr_ecc = "L"
        self.qr_data = ""

    def _line_width(self) -> int:
        return sum(char_columns(ch) * CELL_W * w for ch, _, _, w, _ in self.line)

    def _flush(self, empty_ok: bool = True) -> None:
        if not self.line:
            if empty_ok:
                self.strips.append(Image.new("L", (self.dots, self.spacing), 255))
            return
        tallest = max(h for *_, h in self.line)
        height = max(self.spacing, CELL_H * tallest)
        strip = Image.new("L", (self.dots, height), 255)
        used = self._line_width()
        x = {"center": (self.dots - used) // 2, "right": self.dots - used}.get(self.align, 0)
        x = max(0, x)
        base = height - (height - CELL_H * tallest) // 2 if tallest == 1 else CELL_H * tallest
        for ch, bold, underline, w, h in self.line:
            step = char_columns(ch) * CELL_W * w
            if not ch.isspace():
                strip.paste(0, (x, base - CELL_H * h), self.font.glyph(ch, bold, w, h))
            if underline:
                ImageDraw.Draw(strip).line([(x, base - 1), (x + step - 1, base - 1)], fill=0, width=2)
            x += step
        self.strips.append(strip)
        self.line = []

    def _text(self, text: str) -> None:
        for ch in text:
            if ch == "\t":
                ch = " "
            w, h = self.size
            step = char_columns(ch) * CELL_W * w
            if self._line_width() + step > self.dots:
                self._flush()
            self.line.append((ch, self.bold, self.underline, w, h))

    def _image(self, img: Image.Image) -> None:
        self._flush(empty_ok=False)
        strip = Image.new("L", (self.dots, img.height), 255)
        x = {"center": (self.dots - img.width) // 2, "right": self.dots - img.width}.get(self.align, 0)
        strip.paste(img.convert("L"), (max(0, x), 0))
        self.strips.append(strip)

    def apply(self, op: Op) -> None:
        k = op.kind
        if k == "init":
            self._flush(empty_ok=False)
            self.reset()
        elif k == "text":
            self._text(op.value)
        elif k == "lf":
            self._flush()
        elif k == "align":
            self.align = op.value
        elif k == "bold":
            self.bold = op.value
        elif k == "underline":
            self.underline = op.value
        elif k == "size":
            w, h, bold = op.value
            self.size = (min(w, 8), min(h, 8))
            if bold is not None:
                self.bold = bold
        elif k == "spacing":
            self.spacing = max(1, op.value)
        elif k == "feed_lines":
            self._flush(empty_ok=False)
            if op.value:
                self.strips.append(Image.new("L", (self.dots, op.value * self.spacing), 255))
        elif k == "feed_dots":
            self._flush(empty_ok=False)
            if op.value:
                self.strips.append(Image.new("L", (self.dots, op.value), 255))
        elif k == "qr_size":
            self.qr_size = max(1, min(16, op.value))
        elif k == "qr_ecc":
            self.qr_ecc = op.value
        elif k == "qr_store":
            self.qr_data = op.value
        elif k == "qr_print":
            if self.qr_data:
                self._image(qr_image(self.qr_data, self.qr_size, self.qr_ecc))
        elif k == "raster":
            xb, rows, data, mode = op.value
            img = Image.frombytes("1", (xb * 8, rows), bytes(v ^ 0xFF for v in data))
            if mode & 1:
                img = img.resize((img.width * 2, img.height), Image.Resampling.NEAREST)
            if mode & 2:
                img = img.resize((img.width, img.height * 2), Image.Resampling.NEAREST)
            self._image(img)
        elif k == "cut":
            self._flush(empty_ok=False)
            feed = op.value.get("feed", 0)
            if feed:
                self.strips.append(Image.new("L", (self.dots, feed), 255))
            strip = Image.new("L", (self.dots, 12), 255)
            draw = ImageDraw.Draw(strip)
            for x in range(0, self.dots, 12):
                draw.line([(x, 6), (x + (6 if not op.value["partial"] else 3), 6)], fill=0, width=1)
            self.strips.append(strip)

    def image(self) -> Image.Image:
        self._flush(empty_ok=False)
        height = sum(s.height for s in self.strips) or 1
        # A margin of "paper" each side so the edge of the print area is visible in a preview.
        margin = 16
        paper = Image.new("L", (self.dots, height), 255)
        y = 0
        for s in self.strips:
            paper.paste(s, (0, y))
            y += s.height
        # A thermal head burns a dot or not: anti-aliased glyph edges become black or white, as in raster mode.
        paper = paper.point(lambda v: 255 if v >= 128 else 0)
        out = Image.new("L", (self.dots + 2 * margin, height + 2 * margin), 255)
        out.paste(paper, (margin, margin))
        ImageDraw.Draw(out).rectangle([0, 0, out.width - 1, out.height - 1], outline=160)
        return out


def render_stream(data: bytes, dots: int = 384, font: CellFont | None = None) -> tuple[list[Op], Image.Image]:
    """Parse a captured ESC/POS stream and render it (the `printer-preview` command)."""
    parser = EscPosParser()
    ops = parser.feed(data) + parser.finish()
    renderer = ReceiptRenderer(dots, font)
    for op in ops:
        renderer.apply(op)
    return ops, renderer.image()


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
