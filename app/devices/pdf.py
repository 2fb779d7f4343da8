"""A4 PDFs of the 受理回执 and the 一次性告知书 for counters with a laser printer, via Qt's QPdfWriter.

Contract: draws the same document model the thermal printer gets (devices.printer.document); QtGui only, with an
offscreen QGuiApplication created when none runs, so `yunban` commands can write PDFs without a display.

Retired for formal notices: the counter's 受理通知书, 不予受理通知书, 补正材料通知书, 一次性告知书 and A4 受理回执 are
drawn by `app/notices/pdf.py` (reportlab, embedded font subset, seal and signature area) and printed through CUPS;
this path remains for `ApplyService.receipts.receipt_pdf`/`notice_pdf` (the thermal layout on A4) only.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from devices.printer.document import Columns, Field, Heading, QRCode, Receipt, Rule, Text

__all__ = ["write_pdf"]

_app: Any = None


def _ensure_gui() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["yunban-pdf"])


def _qr_image(data: str) -> Any:
    import qrcode
    from PySide6.QtGui import QImage

    img = qrcode.make(data, box_size=8, border=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    out = QImage()
    out.loadFromData(buf.getvalue(), "PNG")
    return out


def write_pdf(document: Receipt, path: Path, *, title: str = "") -> Path:
    """Draw `document` on A4 pages (margins 20 mm) and write it to `path`."""
    _ensure_gui()
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Yunban 云办")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(20, 20, 20, 20))
    )
    painter = QPainter()
    if not painter.begin(writer):
        from app.devices import messages
        from app.errors import UserError

        raise UserError(messages.PDF_NOT_WRITTEN, path=path)
    try:
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        width, height = float(page.width()), float(page.height())
        y = 0.0
        body = QFont()
        body.setFamilies(["Noto Sans CJK SC", "WenQuanYi Zen Hei", "Noto Sans"])
        body.setPointSizeF(12)
        head = QFont(body)
        head.setPointSizeF(20)
        head.setBold(True)

        def draw(text: str, font: QFont, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
            nonlocal y
            painter.setFont(font)
            flags = int(align) | int(Qt.TextFlag.TextWordWrap)
            rect = painter.boundingRect(QRectF(0, 0, width, height), flags, text)
            if y + rect.height() > height:
                writer.newPage()
                y = 0.0
            painter.drawText(QRectF(0, y, width, rect.height()), flags, text)
            y += rect.height() + 12

        for block in document.blocks:
            if isinstance(block, Heading):
                draw(block.text, head, Qt.AlignmentFlag.AlignHCenter)
                y += 20
            elif isinstance(block, Text):
                align = {"center": Qt.AlignmentFlag.AlignHCenter, "right": Qt.AlignmentFlag.AlignRight}.get(
                    block.align, Qt.AlignmentFlag.AlignLeft
                )
                font = QFont(body)
                font.setBold(block.bold)
                draw(block.text, font, align)
            elif isinstance(block, Field):
                draw(f"{block.label}：{block.value}", body)
            elif isinstance(block, Columns):
                draw("    ".join(block.cells), body)
            elif isinstance(block, Rule):
                painter.drawLine(0, int(y + 10), int(width), int(y + 10))
                y += 30
            elif isinstance(block, QRCode):
                img = _qr_image(block.data)
                side = 500.0
                if y + side > height:
                    writer.newPage()
                    y = 0.0
                painter.drawImage(QRectF((width - side) / 2, y, side, side), img)
                y += side + 12
    finally:
        painter.end()
    return path
