"""The virtual printer's ESC/POS parser: a byte stream into operations (`Op`), incrementally, never guessing.

Contract: text in GB18030 while Chinese mode is on (`FS &`, the default, as on printers sold in China), code page
437 otherwise; alignment, emphasis, sizes, underline, feeds, spacing, QR (`GS ( k`), raster (`GS v 0`), cuts and
`DLE EOT` are understood; every other command is consumed whole and recorded as `unknown`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from devices.printer.profiles import CELL_H, LINE_GAP

__all__ = ["EscPosParser", "Op"]

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
