"""What the villager keeps after the grid worker applied on their behalf: the receipt's QR on the laptop's screen
(for the villager's phone) and a slip in plain words of what happens next (where, when, which window, fee), shown
on the screen and printed on the portable receipt printer.

Contract: the QR carries the receipt's own QR text (`YBR1:<receipt number>:<verification code>`, the one printed on
the 受理回执), which `yunban check receipt`, the kiosk's 进度查询 and the platform's status lookup read. The slip says
only what the receipt facts hold, in short sentences; the villager's name and ID number are not on it.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from app.apply.shared import QR_PREFIX, group_receipt_no
from app.i18n import Message
from app.visits import messages as m
from app.visits.model import ReceiptView

if TYPE_CHECKING:
    from devices.printer.document import Receipt

__all__ = ["ReceiptView", "qr_png", "slip_document", "slip_lines"]


def qr_text(receipt_no: str, verification: str) -> str:
    return f"{QR_PREFIX}:{receipt_no}:{verification}"


def qr_png(text: str, *, box: int = 8) -> bytes:
    """A QR code of `text` as a PNG (error correction M, a quiet zone of 4 modules), for a phone to scan."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box, border=4)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def slip_lines(receipt_no: str, verification: str, facts: dict[str, Any], language: str = "zh_CN") -> list[str]:
    """The plain-words slip, one short sentence a line."""

    def say(msg: Message, **params: object) -> str:
        return str(msg.render(language, **params))

    items = "、".join(str(name) for _code, name in facts.get("items") or []) or str(facts.get("title", ""))
    lines = [
        say(m.SLIP_SENT),
        say(m.SLIP_WHAT, title=items),
        say(m.SLIP_NUMBER, number=group_receipt_no(receipt_no)),
        say(m.SLIP_CHECK, code=verification),
    ]
    due = facts.get("due_date")
    lines.append(say(m.SLIP_DUE, date=_plain_date(str(due), language)) if due else say(m.SLIP_NO_DUE))
    if facts.get("department"):
        lines.append(say(m.SLIP_WHO, department=facts["department"]))
    bring = [str(b[0]) for b in facts.get("bring") or []] or list(facts.get("deferred") or []) + list(
        facts.get("owed") or []
    )
    if facts.get("place") and (bring or facts.get("pre_application")):
        lines.append(say(m.SLIP_WHERE, place=facts["place"]))
        if facts.get("hours"):
            lines.append(say(m.SLIP_WHEN, hours=facts["hours"]))
    elif not facts.get("pickup"):
        lines.append(say(m.SLIP_NO_TRIP))
    if bring:  # one material a line, numbered: easier to tick off than a long sentence
        lines.append(say(m.SLIP_BRING))
        lines += [f"{n}. {name}" for n, name in enumerate(bring, start=1)]
    if facts.get("pickup"):
        lines.append(say(m.SLIP_PICKUP, place=facts["pickup"]))
        if facts.get("hours"):
            lines.append(say(m.SLIP_WHEN, hours=facts["hours"]))
    fee = str(facts.get("fee") or "")
    lines.append(say(m.SLIP_FEE, fee=fee) if fee and fee != "不收费" else say(m.SLIP_FREE))
    if facts.get("phone"):
        lines.append(say(m.SLIP_PHONE, phone=facts["phone"]))
    if facts.get("agent"):
        lines.append(say(m.SLIP_AGENT, agent=facts["agent"]))
    lines.append(say(m.SLIP_LOOKUP))
    return lines


def _plain_date(iso: str, language: str) -> str:
    """2027-01-05 as 2027年1月5日 (Chinese) or 5 Jan 2027 (English)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    if language.startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%b')} {day.year}"


def slip_document(view: ReceiptView, *, hall: str = "") -> Receipt:
    """The slip for the 58/80 mm receipt printer: large title, one sentence a line, the QR to look it up."""
    from devices.printer.document import Cut, Heading, QRCode, Rule, Text
    from devices.printer.document import Receipt as DReceipt

    # A short heading: one line in the large type on 58 mm paper.
    blocks: list[Any] = [Heading(m.SLIP_HEADING.render("zh_CN")), Text(m.SLIP_KEEP.render("zh_CN"), align="center")]
    if hall:
        blocks.append(Text(hall, align="center"))
    blocks.append(Rule())
    for line in view.lines:
        # The receipt number on a line of its own, centred and bold as on the 受理回执: behind its label it would
        # wrap in the middle on 58 mm paper (32 columns; the grouped number alone is 29).
        label, found, rest = line.partition(view.grouped)
        if found and not rest.strip() and label.strip():
            blocks += [Text(label.strip()), Text(view.grouped, align="center", bold=True)]
        else:
            blocks.append(Text(line))
    blocks += [Rule(), QRCode(view.qr_text), Cut()]
    return DReceipt(tuple(blocks))
