"""A notice as an A4 PDF, drawn with reportlab (a PDF library made for documents: flowing paragraphs, tables, page
templates, embedded font subsets), replacing the QtGui `QPdfWriter` path (app/devices/pdf.py) for notices.

Layout (GB/T 9704-2012, the layout of official documents, as a guide: A4, margins about 37/35/28/26 mm top/bottom/
left/right reduced here to 25/22/25/22 mm for a counter notice): the hall above a red rule, the title, the document
number right-aligned, the salutation and body, the numbered list, the items' legal basis (法律依据), then the seal and
signature area (经办人, 窗口, the issuing body, the date, an empty circle where the hall stamps its seal) and the
status QR with its check code; page n of N in the footer.

The CJK font is embedded as a subset (only the glyphs used). reportlab embeds TrueType outlines only, so the font is
the first TrueType CJK face found: WenQuanYi Micro Hei (fonts-wqy-microhei, installed by scripts/setup.sh), else any
TrueType face fontconfig lists for Chinese. Noto Sans/Serif CJK (fonts-noto-cjk) carry CFF (PostScript) outlines,
which reportlab cannot embed, so the kiosk's Qt font is not used here.

Contract: `render(notice, path)` writes the PDF atomically (temporary file, fsync, rename) and returns its size;
`UserError(notices.no_cjk_font)` when no embeddable CJK font exists.
"""

from __future__ import annotations

import functools
import io
import os
import subprocess
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.errors import UserError
from app.notices import messages as m
from app.notices.documents import Notice, cn_date

__all__ = ["FONT_CANDIDATES", "cjk_font", "render", "render_bytes"]

FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)
FONT = "YunbanCJK"
MM = 72.0 / 25.4
RED = (0.78, 0.06, 0.06)


def _fontconfig_truetype() -> list[tuple[str, int]]:
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh:fontformat=TrueType", "file", "index"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    found = []
    for line in sorted(out.splitlines()):
        path, _, rest = line.partition(":")
        index = rest.split("index=")[-1].strip(" :") if "index=" in rest else "0"
        found.append((path.strip(), int(index) if index.isdigit() else 0))
    return found


@functools.cache
def cjk_font() -> str:
    """Register (once per process) and return the name of the embeddable CJK font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for path, index in (*FONT_CANDIDATES, *_fontconfig_truetype()):
        if not os.path.isfile(path):
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=index))
        except (TTFError, OSError, ValueError):
            continue
        return FONT
    raise UserError(m.NO_CJK_FONT)


def _styles(font: str) -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=21, wordWrap="CJK", alignment=TA_JUSTIFY)
    return {
        "hall": ParagraphStyle("hall", parent=body, fontSize=18, leading=26, alignment=TA_CENTER, textColor=RED),
        "title": ParagraphStyle("title", parent=body, fontSize=22, leading=32, alignment=TA_CENTER, spaceBefore=6),
        "number": ParagraphStyle("number", parent=body, fontSize=11, alignment=TA_RIGHT, spaceAfter=8),
        "salutation": ParagraphStyle("salutation", parent=body, spaceBefore=4),
        "body": ParagraphStyle("bodyp", parent=body, firstLineIndent=24, spaceAfter=4),
        "heading": ParagraphStyle("heading", parent=body, fontSize=12.5, spaceBefore=8, spaceAfter=2),
        "list": ParagraphStyle("list", parent=body, leftIndent=24, firstLineIndent=-18, spaceAfter=1),
        "small": ParagraphStyle("small", parent=body, fontSize=9.5, leading=14),
        "caption": ParagraphStyle("caption", parent=body, fontSize=9, leading=12, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10, leading=14, alignment=0),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    }


def _p(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _seal(notice: Notice, width: float) -> Any:
    """The closing block, one row: the status QR with its caption (left), who handled it and where (middle), the
    issuing body and the date under an empty circle where the hall stamps its seal (right); below it, the
    applicant's acknowledgement line where the notice needs one."""
    from reportlab.platypus import Flowable

    qr = _qr(notice.qr, 28 * MM) if notice.qr else None
    base = 9 * MM if notice.needs_signature else 0.0
    height = base + 46 * MM

    class Seal(Flowable):  # type: ignore[misc]
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return width, height

        def draw(self) -> None:
            c = self.canv
            text_x = 0.0
            if qr is not None:
                qr.drawOn(c, 0, base + 13 * MM)
                c.setFont(FONT, 8)
                for n, line in enumerate(notice.qr_caption.splitlines()):
                    c.drawCentredString(14 * MM, base + 9 * MM - n * 3.6 * MM, line)
                text_x = 34 * MM
            cx, cy = width - 36 * MM, base + 24 * MM
            c.saveState()
            c.setStrokeColorRGB(*RED)
            c.setDash(3, 3)
            c.circle(cx, cy, 20 * MM)
            c.setFillColorRGB(*RED)
            c.setFont(FONT, 9)
            c.drawCentredString(cx, cy + 12 * MM, "（盖章处）")
            c.restoreState()
            c.setFont(FONT, 12)
            c.drawRightString(width - 6 * MM, base + 30 * MM, notice.issuer)
            c.drawRightString(width - 6 * MM, base + 22 * MM, cn_date(notice.issued_on))
            c.setFont(FONT, 10.5)
            handled = f"经办人：{notice.clerk_id or '________'}"
            if notice.window:
                handled += f"  窗口：{notice.window}"
            c.drawString(text_x, base + 34 * MM, handled)
            c.drawString(text_x, base + 27 * MM, "受理地点：")
            c.drawString(text_x, base + 22 * MM, notice.hall)
            if notice.needs_signature:
                c.setFont(FONT, 11)
                c.drawString(0, 2 * MM, "申请人签收：________________        签收日期：________年_____月_____日")

    return Seal()


def _qr(data: str, size: float) -> Any:
    """The status QR as filled squares (`qrcode` computes the modules; level M, a 2-module quiet zone)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from reportlab.platypus import Flowable

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2)
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    unit = size / len(matrix)

    class QR(Flowable):  # type: ignore[misc]
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return size, size

        def draw(self) -> None:
            c = self.canv
            c.setFillColorRGB(0, 0, 0)
            for r, row in enumerate(matrix):
                for col, dark in enumerate(row):
                    if dark:
                        c.rect(col * unit, size - (r + 1) * unit, unit, unit, stroke=0, fill=1)

    return QR()


def _story(notice: Notice, width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import HRFlowable, Spacer, Table, TableStyle

    s = _styles(FONT)
    story: list[Any] = [
        _p(notice.hall, s["hall"]),
        HRFlowable(width="100%", thickness=1.6, color=colors.Color(*RED), spaceBefore=2, spaceAfter=8),
        _p(notice.title, s["title"]),
        _p(notice.number, s["number"]),
    ]
    if notice.fields:  # 受理回执: a table of its facts
        rows = [[_p(k, s["cell"]), _p(v, s["cell"])] for k, v in notice.fields]
        table = Table(rows, colWidths=[30 * MM, width - 30 * MM])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.95, 0.95, 0.95)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story += [table, Spacer(1, 6)]
    else:
        story.append(_p(notice.salutation, s["salutation"]))
    for text in notice.paragraphs:
        story.append(_p(text, s["body"]))
    if notice.listed:
        story.append(_p(notice.listed_heading, s["heading"]))
        story += [_p(f"{n}. {text}", s["list"]) for n, text in enumerate(notice.listed, start=1)]
    for text in notice.after:
        story.append(_p(text, s["body"]))
    if notice.kind == "one_time":
        story += _one_time(notice, s, width)
    if notice.basis:
        story.append(_p("法律依据：", s["heading"]))
        several = len(notice.items) > 1
        story += [
            _p(f"{n}. " + (f"（{name}）" if several else "") + line, s["list"])
            for n, (name, line) in enumerate(notice.basis, start=1)
        ]
    story.append(Spacer(1, 8))
    story.append(_seal(notice, width))
    story.append(Spacer(1, 6))
    for line in notice.footer:
        story.append(_p(line, s["small"]))
    return story


def _one_time(notice: Notice, s: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    out: list[Any] = []
    for item in notice.items:
        out.append(_p(f"办理事项：{item.name}（{item.code}）", s["heading"]))
        head = [_p(t, s["cell"]) for t in ("序号", "材料名称", "形式", "份数", "要求")]
        rows = [head]
        for n, (name, form, copies, standard, required) in enumerate(item.materials, start=1):
            label = name if required else f"{name}（如有）"
            rows.append([_p(str(n), s["cell"]), _p(label, s["cell"]), _p(form, s["cell"]), _p(str(copies), s["cell"]),
                         _p(standard, s["cell"])])  # fmt: skip
        table = Table(rows, colWidths=[11 * MM, 52 * MM, 25 * MM, 11 * MM, width - 99 * MM], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        out.append(table)
        if item.conditions:
            out.append(_p(f"受理条件：{item.conditions}", s["body"]))
        limits = [f"{item.case_type}"] if item.case_type else []
        if item.promised_limit_days is not None:
            limits.append(f"承诺 {item.promised_limit_days} 个工作日办结")
        if item.legal_limit_days is not None:
            limits.append(f"法定时限 {item.legal_limit_days} 个工作日")
        if limits:
            out.append(_p("办理时限：" + "，".join(limits), s["body"]))
        if item.place or item.hours:
            out.append(_p(f"办理地点：{item.place}；办公时间：{item.hours}", s["body"]))
        if item.phone or item.complaint_phone:
            out.append(_p(f"咨询电话：{item.phone}；投诉电话：{item.complaint_phone}", s["body"]))
    return out


def _canvas_class(notice: Notice) -> Any:
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Pages kept until the end, so each footer can say 第 n 页 共 N 页."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT, 9)
                self.setFillColorRGB(0.35, 0.35, 0.35)
                w, _ = self._pagesize
                self.drawString(25 * MM, 12 * MM, f"{notice.title}  {notice.number}")
                self.drawRightString(w - 22 * MM, 12 * MM, f"第 {self._pageNumber} 页 共 {total} 页")
                super().showPage()
            super().save()

    return NumberedCanvas


def render_bytes(notice: Notice) -> bytes:
    """The notice as PDF bytes (A4 portrait)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    cjk_font()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=25 * MM,
        rightMargin=22 * MM,
        topMargin=25 * MM,
        bottomMargin=22 * MM,
        title=f"{notice.title} {notice.number}",
        author=notice.issuer,
        subject=notice.ref,
        creator="Yunban 云办",
        lang="zh-CN",
        initialFontName=FONT,  # no unembedded Helvetica in the file
    )
    try:
        doc.build(_story(notice, doc.width), canvasmaker=_canvas_class(notice))
    except UserError:
        raise
    except Exception as exc:  # a layout failure is a bug, reported without losing the decision
        raise UserError(m.PDF_FAILED, error=f"{type(exc).__name__}: {exc}"[:200]) from exc
    return buf.getvalue()


def render(notice: Notice, path: Path) -> int:
    """Write the notice's PDF to `path` atomically; returns its size in bytes."""
    data = render_bytes(notice)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return len(data)
