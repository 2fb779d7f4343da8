"""A receipt (回执/受理凭证) as a small document model: what the layout turns into ESC/POS bytes or a raster image.

Blocks are plain frozen dataclasses so a receipt can be built by services, compared in tests and printed twice with
the same bytes. The layout functions (`devices.printer.layout`) are pure functions of (receipt, profile).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right"]
EccLevel = Literal["L", "M", "Q", "H"]


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph, wrapped to the paper width. `width`/`height` are character magnifications (1 or 2)."""

    text: str
    align: Align = "left"
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True, slots=True)
class Heading:
    """A bold, double-size heading (centred by default)."""

    text: str
    align: Align = "center"


@dataclass(frozen=True, slots=True)
class Columns:
    """One table row. `widths` are in columns (a CJK character takes two); None shares the paper width evenly.

    A cell longer than its column wraps inside the column, so a long address stays under its own heading.
    """

    cells: tuple[str, ...]
    widths: tuple[int, ...] | None = None
    aligns: tuple[Align, ...] | None = None
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    """`label：value`, with the value wrapped and indented under itself (names, addresses, item titles)."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A separator line across the paper."""

    char: str = "-"


@dataclass(frozen=True, slots=True)
class QRCode:
    """A QR code: native `GS ( k` where the profile supports it, otherwise an image. `module` is dots per module."""

    data: str
    module: int = 6
    ecc: EccLevel = "M"
    align: Align = "center"


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True, slots=True)
class Cut:
    """Feed `feed` lines past the tear bar, then cut (partial cut leaves a hinge; most kiosk printers do both)."""

    feed: int = 4
    partial: bool = False


Block = Text | Heading | Columns | Field | Rule | QRCode | Feed | Cut


@dataclass(frozen=True, slots=True)
class Receipt:
    blocks: tuple[Block, ...] = field(default_factory=tuple)
