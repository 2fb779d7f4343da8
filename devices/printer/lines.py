"""Printer lines, what a receipt becomes before bytes (`Line`, `QRLine`, `FeedLine`, `CutLine`), and column counting.

Contract: a character takes one column if GB18030 encodes it in one byte, two otherwise (〓 too), as on the printer;
shared by the layout, the raster drawing and the virtual printer so they agree dot for dot.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.printer.document import Align, EccLevel

__all__ = ["SUBSTITUTE", "CutLine", "FeedLine", "Line", "PrinterLine", "QRLine", "char_columns", "text_columns"]

SUBSTITUTE = "〓"
"""U+3013, the GB2312 "geta" mark typesetters use for a missing glyph: what a character outside the printer's font
becomes when no CJK font is installed to print its line as an image."""


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of text (already wrapped); `text` fits the paper at magnification `width`."""

    text: str
    align: Align = "left"
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True, slots=True)
class QRLine:
    data: str
    module: int
    ecc: EccLevel
    align: Align


@dataclass(frozen=True, slots=True)
class FeedLine:
    lines: int


@dataclass(frozen=True, slots=True)
class CutLine:
    feed: int
    partial: bool


PrinterLine = Line | QRLine | FeedLine | CutLine


def char_columns(ch: str) -> int:
    """Columns a character takes on the printer: two for anything GB18030 encodes in more than one byte."""
    if ch == SUBSTITUTE:
        return 2
    return 1 if len(ch.encode("gb18030")) == 1 else 2


def text_columns(text: str) -> int:
    return sum(char_columns(ch) for ch in text)
