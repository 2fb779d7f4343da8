"""好差评 by the rules of 国办发〔2019〕51号 (and Yunnan's implementing rules), for `AfterService.evaluate`.

Contract:
- 差评必须说明理由: a bad rating (不满意 / 非常不满意) needs a real reason: at least one chosen reason or a written one.
  A reason that is empty, whitespace, zero-width or punctuation only (`meaningful` is false) is refused
  (`apply.rating_reason_blank`); 「其他」 alone needs the written reason (`apply.rating_other_needs_text`).
- 评价对象 / 一事一评: a rating belongs to one service event, a receipt number. It is accepted when this terminal
  issued the receipt and the caller vouches for the person (`check_code=None`: right after applying, or a clerk at
  the counter), or with the receipt's printed check code (typed, or read from the receipt QR, which carries it). A
  code is checked here for this terminal's receipts and by the platform for other terminals' (it recomputes the code
  from the submission it stored). A number under this terminal's own terminal code that it never issued is refused
  whatever the code. A plain number that is not this terminal's is refused: nothing proves it.
- One rating per service: a later rating of the same receipt withdraws the earlier one from the outbox while that
  is not delivered (`ApplyTables.withdraw_unsent`); once delivered, the new rating is a new record naming the one it
  replaces (`replaces`), and the platform keeps the latest as the service's rating (docs/apply.md).
- The payload carries what the scheme rates: the items (code, name, implementing department), the department, the
  channel (kiosk / counter / laptop, the terminal's role), at a counter the window and clerk, and an optional
  contact phone for the follow-up call (回访).
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from app.apply import messages
from app.apply.shared import ApplyDeps, parse_qr
from app.errors import UserError
from app.model.apply import BAD_LEVELS, EVALUATION_LEVELS
from app.records.crypto import open_sealed
from app.records.service import validate_receipt_no
from local_db.records.apply_tables import ReceiptRow

__all__ = [
    "CHECK_CODE_RE",
    "OTHER_REASON",
    "RatingProof",
    "clean_reasons",
    "meaningful",
    "normalise_check_code",
    "normalise_phone",
    "prove_receipt",
    "rating_payload",
]

CHECK_CODE_RE = re.compile(r"^[0-9A-F]{8}$")
"""The printed 校验码: the first 8 hex digits of SHA-256 over the submission's signature (app/apply/finalise.py)."""
OTHER_REASON = "其他"
MAX_REASON = 200
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def meaningful(text: str) -> bool:
    """True if the text says something: at least one letter, digit or CJK character (after NFKC)."""
    return any(ch.isalnum() for ch in unicodedata.normalize("NFKC", text))


def clean_reasons(level: str, reasons: Sequence[str], text: str) -> tuple[list[str], str]:
    """(reasons, text) trimmed, or a UserError by 差评必须说明理由."""
    cleaned = [unicodedata.normalize("NFKC", r).translate(_ZERO_WIDTH).strip() for r in reasons]
    if any(not meaningful(r) for r in cleaned):
        raise UserError(messages.RATING_REASON_BLANK)
    if any(len(r) > MAX_REASON for r in cleaned):
        raise UserError(messages.RATING_TOO_LONG, limit=MAX_REASON)
    written = text.translate(_ZERO_WIDTH).strip()
    if not meaningful(written):
        if text and level in BAD_LEVELS and not cleaned:  # something typed, nothing said
            raise UserError(messages.RATING_REASON_BLANK)
        written = ""
    if level in BAD_LEVELS:
        if not cleaned and not written:
            raise UserError(messages.RATING_NEEDS_REASON)
        if set(cleaned) == {OTHER_REASON} and not written:
            raise UserError(messages.RATING_OTHER_NEEDS_TEXT)
    return list(dict.fromkeys(cleaned)), written


def normalise_check_code(code: str) -> str:
    """A typed check code: full-width to half-width, spaces, dashes and zero-width characters out, upper case."""
    text = unicodedata.normalize("NFKC", code).translate(_ZERO_WIDTH)
    return re.sub(r"[\s\-]", "", text).upper()


def normalise_phone(phone: str) -> str:
    """An optional contact phone: digits only (spaces, dashes, full-width digits accepted); 7–12 digits."""
    text = re.sub(r"[\s\-()（）]", "", unicodedata.normalize("NFKC", phone).translate(_ZERO_WIDTH))
    if text and (not text.isdigit() or not 7 <= len(text) <= 12 or not text.isascii()):
        raise UserError(messages.CONTACT_PHONE_INVALID, phone=phone)
    return text


@dataclasses.dataclass(frozen=True, slots=True)
class RatingProof:
    """What ties a rating to its service event."""

    receipt_no: str
    check_code: str
    """The receipt's check code: the one typed or scanned, or this terminal's own record of it."""
    proof: str
    """`issued_here` (this terminal issued it; the caller vouched) or `check_code` (proven by the printed code)."""
    local: ReceiptRow | None


def prove_receipt(deps: ApplyDeps, receipt_or_qr: str, check_code: str | None) -> RatingProof:
    """The receipt a rating is for, proven (see the module contract), or a UserError saying what is missing."""
    number, qr_code = parse_qr(receipt_or_qr)
    if not validate_receipt_no(number):
        raise UserError(messages.INVALID_RECEIPT_NUMBER, number=number)
    given = check_code if check_code is not None else qr_code
    local = deps.tables.get_receipt(number)
    own_terminal = number.startswith(deps.terminal.terminal_code)
    if local is None and (given is None or own_terminal):
        raise UserError(messages.RATING_UNKNOWN_RECEIPT, number=number)
    if given is None:
        assert local is not None
        return RatingProof(number, local.verification, "issued_here", local)
    code = normalise_check_code(given)
    if not code:
        raise UserError(messages.CHECK_CODE_NEEDED)
    if not CHECK_CODE_RE.match(code):
        raise UserError(messages.CHECK_CODE_MALFORMED, code=given)
    if local is not None and code != local.verification:
        raise UserError(messages.CHECK_CODE_WRONG)
    return RatingProof(number, code, "check_code", local)


def _items(deps: ApplyDeps, local: ReceiptRow | None) -> list[dict[str, str]]:
    """The rated items with their implementing departments (实施机关), from this terminal's receipt facts."""
    if local is None:
        return []  # another terminal's receipt: the platform fills them from the submission it holds
    facts: dict[str, Any] = json.loads(open_sealed(deps.cipher, local.blob, local.receipt_no.encode()))
    out = []
    for code, name in facts["items"]:
        department = ""
        try:
            guide = deps.catalog.get_item(code)
        except UserError:
            guide = None
        if guide is not None and guide.implementations:
            department = guide.implementations[0].body
        out.append({"code": str(code), "name": str(name), "department": department})
    return out


def rating_payload(
    deps: ApplyDeps,
    proof: RatingProof,
    *,
    level: str,
    reasons: list[str],
    text: str,
    window: str,
    clerk: str,
    contact_phone: str,
    replaces: str | None,
) -> dict[str, Any]:
    """The evaluation record's payload (docs/platform-api.yaml, `EvaluationPayload`)."""
    items = _items(deps, proof.local)
    return {
        "receipt_no": proof.receipt_no,
        "level": level,
        "score": 5 - EVALUATION_LEVELS.index(level),
        "reasons": reasons,
        "text": text,
        "terminal": deps.terminal.terminal_code,
        "check_code": proof.check_code,
        "proof": proof.proof,
        "items": items,
        "department": items[0]["department"] if items else "",
        "channel": deps.terminal.channel,
        "window": window.strip(),
        "clerk": clerk.strip(),
        "contact_phone": contact_phone,
        "replaces": replaces,
    }
