"""The virtual printer's paper: parsed operations drawn as a receipt image on the printer's dot grid.

Contract: glyphs come from the same cell font as raster printing (devices/printer/raster.py), so a text-mode job and
its raster twin look alike; a thermal head burns a dot or not, so the image is black and white.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from devices.emulators.escpos_parser import EscPosParser, Op
from devices.printer.errors import FontNotFoundError
from devices.printer.lines import char_columns
from devices.printer.profiles import CELL_H, CELL_W, LINE_GAP
from devices.printer.raster import CellFont, default_font, qr_image

__all__ = ["ReceiptRenderer", "render_stream"]


class ReceiptRenderer:
    """Turns parsed operations into a receipt image on the printer's dot grid."""

    def __init__(self, dots: int = 384, font: CellFont | None = None) -> None:
        self.dots = dots
        font = font or default_font()
        if font is None:
            raise FontNotFoundError()
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
