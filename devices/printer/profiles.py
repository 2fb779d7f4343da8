"""Printer profiles: paper width, Chinese mode, native QR support and the charset of the printer's resident font.

Contract: `get_profile(name)` gives ours, else one derived from python-escpos' capability database, else raises
`UnknownProfileError`. Font A is 12×24 dots: 384 dots hold 32 columns (58 mm paper), 576 dots 48 (80 mm).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from devices.printer.errors import UnknownProfileError

__all__ = ["CELL_H", "CELL_W", "LINE_GAP", "PROFILES", "PrinterProfile", "UnknownProfileError", "get_profile"]

FontCharset = Literal["gb2312", "gbk", "gb18030"]

CELL_W = 12
"""Width in dots of a half-width character of font A (a CJK character is 24)."""
CELL_H = 24
LINE_GAP = 6
"""Default line spacing (ESC 2) is 30 dots: a 24-dot glyph plus a 6-dot gap."""


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    name: str
    dots: int
    """Printable width in dots."""
    dpi: int = 203
    kanji_mode: bool = True
    """Send `FS &` (Chinese character mode on) at the start of a job and `FS .` at the end."""
    native_qr: bool = True
    """The printer understands `GS ( k` (QR model 2); otherwise QR codes are sent as images."""
    font_charset: FontCharset = "gb2312"
    """What the resident Chinese font covers. Characters outside it are never sent as text (see layout)."""

    @property
    def columns(self) -> int:
        return self.dots // CELL_W


PROFILES: dict[str, PrinterProfile] = {
    p.name: p
    for p in (
        # 58 mm: the common Chinese kiosk printers. python-escpos marks them without QR; many cheap 58 mm boards do
        # understand GS ( k, but the safe default is the image fallback.
        PrinterProfile("POS-5890", dots=384, native_qr=False),
        PrinterProfile("ZJ-5870", dots=384, native_qr=False),
        PrinterProfile("NT-5890K", dots=384, native_qr=False),
        PrinterProfile("58mm", dots=384, native_qr=True),
        # 80 mm
        PrinterProfile("80mm", dots=576, native_qr=True),
        PrinterProfile("TM-T20II", dots=576, native_qr=True),
        PrinterProfile("TM-T88V", dots=512, dpi=180, native_qr=True),
    )
}


def get_profile(name: str) -> PrinterProfile:
    """Our profile of that name, else one derived from python-escpos' capability database."""
    if name in PROFILES:
        return PROFILES[name]
    from devices.printer.transport import escpos_profile_data

    data = escpos_profile_data(name)
    if data is None:
        raise UnknownProfileError(profile=name, known=", ".join(sorted(PROFILES)))
    width = data.get("media", {}).get("width", {}).get("pixels")
    dpi = data.get("media", {}).get("dpi")
    if not isinstance(width, int):
        raise UnknownProfileError(reason="profile_without_width", profile=name, known=", ".join(sorted(PROFILES)))
    qr = bool(data.get("features", {}).get("qrCode", False))
    return PrinterProfile(name, dots=width, dpi=dpi if isinstance(dpi, int) else 203, native_qr=qr)
