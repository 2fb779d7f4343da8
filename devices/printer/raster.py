"""Drawing printer lines on the printer's dot grid with Pillow, and the `GS v 0` raster command.

Contract: a character is drawn into its 12×24-dot cell (24×24 full width) scaled by its magnification, the same in
raster mode, the text-mode fallback for one line and the virtual printer, so all three agree dot for dot; the CJK
font is found through fontconfig, preferring fonts that also cover CJK extensions A and B (Noto Sans CJK).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import qrcode
from PIL import Image, ImageDraw, ImageFont

from devices.printer.errors import FontNotFoundError
from devices.printer.lines import CutLine, FeedLine, Line, PrinterLine, QRLine, char_columns
from devices.printer.profiles import CELL_H, CELL_W, LINE_GAP

__all__ = [
    "CellFont",
    "FontNotFoundError",
    "FontSpec",
    "default_font",
    "find_cjk_font",
    "qr_image",
    "raster_command",
    "render_lines",
]

GS = b"\x1d"
BAND_ROWS = 960
"""Rows per `GS v 0` command; large images are sent in bands, as python-escpos does, for small printer buffers."""

PREFERRED_FAMILIES = (
    "Noto Sans Mono CJK SC",
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "WenQuanYi Zen Hei Mono",
    "WenQuanYi Micro Hei Mono",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)


@dataclass(frozen=True, slots=True)
class FontSpec:
    path: str
    index: int = 0
    family: str = ""


def find_cjk_font() -> FontSpec | None:
    """A Chinese font known to fontconfig, best first; None if there is none (or no fontconfig)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh-cn", "file", "index", "family"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found: list[FontSpec] = []
    for row in out.splitlines():
        # "/path/font.ttc: Family A,Family B:index=2"
        path, _, rest = row.partition(": ")
        families, _, index = rest.rpartition(":index=")
        if not path or not index.strip().isdigit():
            continue
        for family in families.split(","):
            found.append(FontSpec(path.strip(), int(index), family.strip()))
    if not found:
        return None
    # Regular weights first: a bold face smears on thermal paper (bold is drawn with a stroke where asked).
    found.sort(key=lambda s: ("bold" in s.path.lower(), s.path, s.index))
    for family in PREFERRED_FAMILIES:
        for spec in found:
            if spec.family == family:
                return spec
    return sorted(found, key=lambda s: (s.path, s.index))[0]


class CellFont:
    """A TrueType font drawing characters into printer cells; glyph images are cached (the grid makes them reusable)."""

    def __init__(self, spec: FontSpec) -> None:
        self.spec = spec
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}
        # A FreeType face is not thread-safe, and one CellFont serves the printer thread and the virtual printer's
        # connection threads at once: drawing is serialised (a glyph is drawn once, then cached).
        self._lock = threading.Lock()

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        if size not in self._fonts:
            self._fonts[size] = ImageFont.truetype(self.spec.path, size, index=self.spec.index)
        return self._fonts[size]

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (one CellFont per process; the cache is the point)
    def glyph(self, ch: str, bold: bool, width: int, height: int) -> Image.Image:
        """An 'L' mask (255 = ink) of one character in its cell at magnification width × height."""
        cols = char_columns(ch)
        w, h = cols * CELL_W * height, CELL_H * height
        mask = Image.new("L", (w, h), 0)
        draw = ImageDraw.Draw(mask)
        size = CELL_H * height - (2 if cols == 2 else 0) * height
        with self._lock:
            draw.text(
                (w / 2, h / 2),
                ch,
                fill=255,
                font=self.font(size),
                anchor="mm",
                stroke_width=1 if bold else 0,
                stroke_fill=255,
            )
        if width != height:
            mask = mask.resize((cols * CELL_W * width, h), Image.Resampling.BILINEAR)
        return mask


@functools.lru_cache(maxsize=1)
def default_font() -> CellFont | None:
    spec = find_cjk_font()
    return CellFont(spec) if spec else None


def line_height(height: int) -> int:
    """Dots a text line advances: the default 30-dot spacing, or the character height if that is taller."""
    return max(CELL_H + LINE_GAP, CELL_H * height)


def qr_image(data: str, module: int, ecc: str) -> Image.Image:
    """A QR code as a mode-'1' image, `module` dots per module, no quiet zone (callers add margins)."""
    levels = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    qr = qrcode.QRCode(error_correction=levels[ecc], box_size=max(1, module), border=0)
    qr.add_data(data.encode("utf-8"))
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    img = Image.new("1", (n, n), 1)
    img.putdata([0 if cell else 1 for row in matrix for cell in row])
    return img.resize((n * module, n * module), Image.Resampling.NEAREST)


def _x_for(align: str, used: int, width: int) -> int:
    if align == "center":
        return max(0, (width - used) // 2)
    if align == "right":
        return max(0, width - used)
    return 0


def draw_text_line(canvas: Image.Image, y: int, text: str, *, font: CellFont, align: str = "left",
                   bold: bool = False, width: int = 1, height: int = 1) -> None:  # fmt: skip
    """Draw one line of text on the grid at row `y` (top of the line)."""
    used = sum(char_columns(ch) for ch in text) * CELL_W * width
    x = _x_for(align, used, canvas.width)
    for ch in text:
        step = char_columns(ch) * CELL_W * width
        if x + step > canvas.width:
            break
        if not ch.isspace():
            canvas.paste(0, (x, y), font.glyph(ch, bold, width, height))
        x += step


def render_lines(lines: Sequence[PrinterLine], dots: int, font: CellFont | None) -> Image.Image:
    """Draw printer lines (no cuts) on a white mode-'1' image `dots` wide."""
    parts: list[tuple[int, PrinterLine, Image.Image | None]] = []
    total = 0
    for line in lines:
        if isinstance(line, Line):
            h = line_height(line.height)
            parts.append((h, line, None))
        elif isinstance(line, QRLine):
            img = qr_image(line.data, line.module, line.ecc)
            h = img.height + 2 * 2 * line.module
            parts.append((h, line, img))
        elif isinstance(line, FeedLine):
            h = line.lines * (CELL_H + LINE_GAP)
            parts.append((h, line, None))
        elif isinstance(line, CutLine):
            raise ValueError("cuts are commands, not part of an image")
        total += h
    canvas = Image.new("L", (dots, max(1, total)), 255)
    y = 0
    for h, line, qr in parts:
        if isinstance(line, Line):
            if font is None:
                raise FontNotFoundError()
            top = y + (h - CELL_H * line.height) // 2 if line.height == 1 else y
            draw_text_line(
                canvas,
                top,
                line.text,
                font=font,
                align=line.align,
                bold=line.bold,
                width=line.width,
                height=line.height,
            )
        elif isinstance(line, QRLine) and qr is not None:
            canvas.paste(qr.convert("L"), (_x_for(line.align, qr.width, dots), y + 2 * line.module))
        y += h
    return canvas.point(lambda v: 255 if v >= 128 else 0, mode="1")


def raster_command(image: Image.Image) -> bytes:
    """`GS v 0` (normal density) for a mode-'1' image, in bands of at most BAND_ROWS rows; 1 bits are black dots."""
    img = image.convert("1")
    if img.width % 8:
        padded = Image.new("1", ((img.width + 7) // 8 * 8, img.height), 1)
        padded.paste(img, (0, 0))
        img = padded
    row_bytes = img.width // 8
    # Pillow packs white as 1; the printer wants 1 for a black dot.
    data = bytes(b ^ 0xFF for b in img.tobytes())
    out = bytearray()
    for top in range(0, img.height, BAND_ROWS):
        rows = min(BAND_ROWS, img.height - top)
        out += GS + b"v0\x00" + bytes([row_bytes & 0xFF, row_bytes >> 8, rows & 0xFF, rows >> 8])
        out += data[top * row_bytes : (top + rows) * row_bytes]
    return bytes(out)
