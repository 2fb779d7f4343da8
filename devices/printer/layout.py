"""Receipt layout: a pure function from (receipt, profile) to the ESC/POS bytes of one job, in text or raster mode.

Contract: text is encoded to GB18030 here, never by python-escpos; a character outside the profile's font is never
sent as text: its line is printed as an image, or as 〓 (reported in `Layout.substituted`) when no CJK font exists.
Why: docs/printer-scanner.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from devices.printer.document import (
    Align,
    Columns,
    Cut,
    EccLevel,
    Feed,
    Field,
    Heading,
    QRCode,
    Receipt,
    Rule,
    Text,
)
from devices.printer.errors import FontNotFoundError
from devices.printer.lines import (
    SUBSTITUTE,
    CutLine,
    FeedLine,
    Line,
    PrinterLine,
    QRLine,
    char_columns,
    text_columns,
)
from devices.printer.profiles import PrinterProfile

__all__ = [
    "SUBSTITUTE",
    "Layout",
    "char_columns",
    "layout_receipt",
    "lines_of",
    "qr_native",
    "text_columns",
    "to_escpos",
    "to_raster",
    "wrap",
]

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
LF = b"\n"
INIT = ESC + b"@"
KANJI_ON = FS + b"&"
KANJI_OFF = FS + b"."

_ALIGN_CODE: dict[Align, int] = {"left": 0, "center": 1, "right": 2}
_ECC_CODE: dict[EccLevel, int] = {"L": 48, "M": 49, "Q": 50, "H": 51}
# Characters that must not start a line (a simple 避头 rule): they are pulled back with the character before them.
_NO_LINE_START = set("，。、；：？！）》」』】〉”’,.;:?!)%")


@dataclass(slots=True)
class Layout:
    """The bytes of one job and what the layout had to do to make them printable."""

    data: bytes
    mode: str
    raster_lines: int = 0
    """Text-mode lines sent as images because the printer font lacks a character."""
    substituted: list[str] = field(default_factory=list)
    """Characters replaced by 〓 (only when no CJK font was available for the raster fallback)."""


# --------------------------------------------------------------------------------------------------- measuring


def _clean(text: str) -> str:
    """Tabs become spaces; other control and format characters (zero-width joiners, BOMs…) are dropped."""
    out = []
    for ch in text.replace("\t", " "):
        if ch == "\n" or unicodedata.category(ch)[0] != "C":
            out.append(ch)
    return "".join(out)


def _tokens(paragraph: str) -> Iterator[str]:
    """Latin words and numbers stay whole where possible; every other character is a token of its own."""
    word = ""
    for ch in paragraph:
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            yield word
            word = ""
        yield ch
    if word:
        yield word


def wrap(text: str, width: int) -> list[str]:
    """Wrap to `width` columns. Explicit newlines start new lines; an empty text gives one empty line."""
    if width < 2:
        raise ValueError("a line needs at least two columns")
    lines: list[str] = []
    for paragraph in _clean(text).split("\n"):
        current = ""
        used = 0
        para_lines: list[str] = []
        for token in _tokens(paragraph):
            size = text_columns(token)
            if used + size <= width:
                current += token
                used += size
                continue
            if token == " ":
                para_lines.append(current)
                current, used = "", 0
                continue
            if size > width:
                # A word longer than the line (a URL, a long number) is broken where the line ends.
                for ch in token:
                    cw = char_columns(ch)
                    if used + cw > width:
                        para_lines.append(current)
                        current, used = "", 0
                    current += ch
                    used += cw
                continue
            para_lines.append(current)
            current, used = token, size
            if (
                token in _NO_LINE_START
                and len(para_lines[-1]) > 1
                and text_columns(para_lines[-1][-1] + token) <= width
            ):
                moved = para_lines[-1][-1]
                para_lines[-1] = para_lines[-1][:-1]
                current = moved + current
                used = text_columns(current)
        para_lines.append(current)
        lines.extend(line.rstrip(" ") for line in para_lines)
    return lines


def _fit(text: str, width: int, align: Align) -> str:
    pad = width - text_columns(text)
    if pad <= 0:
        return text
    if align == "right":
        return " " * pad + text
    if align == "center":
        return " " * (pad // 2) + text + " " * (pad - pad // 2)
    return text + " " * pad


# ------------------------------------------------------------------------------------------------ document → lines


def lines_of(receipt: Receipt, profile: PrinterProfile) -> list[PrinterLine]:
    """The printer lines of a receipt (pure: same receipt and profile, same lines)."""
    cols = profile.columns
    out: list[PrinterLine] = []
    for block in receipt.blocks:
        if isinstance(block, Heading):
            block = Text(block.text, align=block.align, bold=True, width=2, height=2)
        if isinstance(block, Text):
            if block.width not in (1, 2) or block.height not in (1, 2):
                raise ValueError("character magnification must be 1 or 2")
            for line in wrap(block.text, cols // block.width):
                out.append(Line(line, block.align, block.bold, block.width, block.height))
        elif isinstance(block, Field):
            label = _clean(block.label).replace("\n", " ") + "："
            lw = text_columns(label)
            if lw > cols // 2:
                out.append(Line(label))
                out.extend(Line("  " + part) for part in wrap(block.value, cols - 2))
            else:
                parts = wrap(block.value, cols - lw)
                out.append(Line((label + parts[0]).rstrip()))
                out.extend(Line(" " * lw + part) for part in parts[1:])
        elif isinstance(block, Columns):
            out.extend(_columns(block, cols))
        elif isinstance(block, Rule):
            out.append(Line(block.char * (cols // max(1, text_columns(block.char)))))
        elif isinstance(block, QRCode):
            out.append(QRLine(block.data, block.module, block.ecc, block.align))
        elif isinstance(block, Feed):
            out.append(FeedLine(block.lines))
        elif isinstance(block, Cut):
            out.append(CutLine(block.feed, block.partial))
    return out


def _columns(row: Columns, cols: int) -> list[Line]:
    n = len(row.cells)
    if n == 0:
        return []
    if row.widths is None:
        share = (cols - (n - 1)) // n
        widths = [share] * n
        widths[-1] += (cols - (n - 1)) - share * n
    else:
        if len(row.widths) != n:
            raise ValueError("one width per cell")
        widths = list(row.widths)
    if sum(widths) + n - 1 > cols or min(widths) < 2:
        raise ValueError(f"columns {widths} do not fit {cols} columns")
    aligns: tuple[Align, ...] = row.aligns or tuple("left" for _ in range(n))
    wrapped = [wrap(cell, w) for cell, w in zip(row.cells, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    lines = []
    for i in range(height):
        parts = [
            _fit(cell[i] if i < len(cell) else "", w, a) for cell, w, a in zip(wrapped, widths, aligns, strict=True)
        ]
        lines.append(Line(" ".join(parts).rstrip(" "), bold=row.bold))
    return lines


# ------------------------------------------------------------------------------------------------- lines → ESC/POS


def _in_charset(ch: str, profile: PrinterProfile) -> bool:
    if ch.isascii():
        return True
    try:
        ch.encode(profile.font_charset)
    except UnicodeEncodeError:
        return False
    return True


def qr_native(data: str, module: int, ecc: EccLevel) -> bytes:
    """`GS ( k` model 2: select model, module size, error correction, store the data, print it."""
    payload = data.encode("utf-8")
    if len(payload) > 7089:
        raise ValueError("QR data too long")
    store = len(payload) + 3
    return (
        GS + b"(k\x04\x00\x31\x41\x32\x00"
        + GS + b"(k\x03\x00\x31\x43" + bytes([max(1, min(16, module))])
        + GS + b"(k\x03\x00\x31\x45" + bytes([_ECC_CODE[ecc]])
        + GS + b"(k" + bytes([store & 0xFF, store >> 8]) + b"\x31\x50\x30" + payload
        + GS + b"(k\x03\x00\x31\x51\x30"
    )  # fmt: skip


class _Emitter:
    """Writes state changes (alignment, emphasis, size) only when they change, so the bytes stay small."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.align: Align = "left"
        self.bold = False
        self.size = (1, 1)

    def set(self, align: Align, bold: bool, width: int, height: int) -> None:
        if align != self.align:
            self.out += ESC + b"a" + bytes([_ALIGN_CODE[align]])
            self.align = align
        if bold != self.bold:
            self.out += ESC + b"E" + (b"\x01" if bold else b"\x00")
            self.bold = bold
        if (width, height) != self.size:
            self.out += GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])
            self.size = (width, height)


def to_escpos(lines: list[PrinterLine], profile: PrinterProfile, *, font: object | None = None) -> Layout:
    """Text mode. `font` is a `raster.CellFont` for the lines the printer font cannot print (None: look one up)."""
    from devices.printer import raster

    em = _Emitter()
    em.out += INIT
    if profile.kanji_mode:
        em.out += KANJI_ON
    result = Layout(b"", "text")
    cell_font = font if isinstance(font, raster.CellFont) else None
    looked_up = cell_font is not None
    for line in lines:
        if isinstance(line, Line):
            if all(_in_charset(ch, profile) for ch in line.text):
                em.set(line.align, line.bold, line.width, line.height)
                em.out += line.text.encode("gb18030") + LF
                continue
            if not looked_up:
                cell_font, looked_up = raster.default_font(), True
            if cell_font is None:
                text = "".join(ch if _in_charset(ch, profile) else SUBSTITUTE for ch in line.text)
                result.substituted.extend(ch for ch in line.text if not _in_charset(ch, profile))
                em.set(line.align, line.bold, line.width, line.height)
                em.out += text.encode("gb18030") + LF
                continue
            em.set("left", False, 1, 1)
            em.out += raster.raster_command(raster.render_lines([line], profile.dots, cell_font))
            result.raster_lines += 1
        elif isinstance(line, QRLine):
            if profile.native_qr:
                # The printer adds no quiet zone around a QR code: feed two modules' worth of dots each side.
                em.set(line.align, False, 1, 1)
                quiet = ESC + b"J" + bytes([min(255, 2 * line.module)])
                em.out += quiet + qr_native(line.data, line.module, line.ecc) + quiet
            else:
                # The image is drawn full width with the code placed by alignment: not every printer honours
                # ESC a for raster images.
                em.set("left", False, 1, 1)
                em.out += raster.raster_command(raster.render_lines([line], profile.dots, None))
        elif isinstance(line, FeedLine):
            em.out += ESC + b"d" + bytes([max(0, min(255, line.lines))])
        elif isinstance(line, CutLine):
            em.out += (
                ESC + b"d" + bytes([max(0, min(255, line.feed))]) + GS + b"V" + (b"\x01" if line.partial else b"\x00")
            )
    em.set("left", False, 1, 1)
    if profile.kanji_mode:
        em.out += KANJI_OFF
    result.data = bytes(em.out)
    return result


def to_raster(lines: list[PrinterLine], profile: PrinterProfile, font: object | None = None) -> Layout:
    """Raster mode: each stretch between cuts is drawn as one image and sent with `GS v 0`; cuts stay commands."""
    from devices.printer import raster

    cell_font = font if isinstance(font, raster.CellFont) else raster.default_font()
    if cell_font is None:
        raise FontNotFoundError()
    out = bytearray(INIT)
    chunk: list[PrinterLine] = []
    for line in [*lines, None]:
        if line is None or isinstance(line, CutLine):
            if chunk:
                out += raster.raster_command(raster.render_lines(chunk, profile.dots, cell_font))
                chunk = []
            if line is not None:
                out += (
                    ESC
                    + b"d"
                    + bytes([max(0, min(255, line.feed))])
                    + GS
                    + b"V"
                    + (b"\x01" if line.partial else b"\x00")
                )
        else:
            chunk.append(line)
    return Layout(bytes(out), "raster")


def layout_receipt(
    receipt: Receipt, profile: PrinterProfile, mode: str = "text", *, font: object | None = None
) -> Layout:
    """The job for one receipt: `mode` is `text` (printer font) or `raster` (rendered image)."""
    lines = lines_of(receipt, profile)
    if mode == "raster":
        return to_raster(lines, profile, font)
    if mode == "text":
        return to_escpos(lines, profile, font=font)
    raise ValueError(f"unknown print mode {mode!r} (text or raster)")
