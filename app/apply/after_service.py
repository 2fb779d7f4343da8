"""After the service: 好差评 (rate a submission by its receipt number), 咨询投诉 (a consultation or complaint), both
queued in the outbox; 进度查询 (status from the synced feed, by number, receipt QR or complaint reference)."""

from __future__ import annotations

import hmac
import json
import uuid
from collections.abc import Sequence

from app.apply import messages, rating
from app.apply.shared import ApplyDeps, parse_qr
from app.errors import UserError
from app.model.apply import (
    COMPLAINT_KINDS,
    COMPLAINT_SUBJECTS,
    EVALUATION_LEVELS,
    AfterServiceResult,
    StatusEntry,
    StatusView,
)
from app.records.crypto import open_sealed
from app.records.service import validate_receipt_no

__all__ = ["AfterService"]

MAX_RATING_TEXT = 2000
MAX_COMPLAINT_TEXT = 5000


class AfterService:
    """Evaluation, complaints, status and the receipt QR reader (`ApplyService` delegates to it)."""

    def __init__(self, deps: ApplyDeps) -> None:
        self._d = deps

    def evaluate(
        self,
        receipt_no: str,
        level: str,
        reasons: Sequence[str] = (),
        text: str = "",
        *,
        check_code: str | None = None,
        window: str = "",
        clerk: str = "",
        contact_phone: str = "",
    ) -> AfterServiceResult:
        """好差评 (国办发〔2019〕51号): queue one rating of one service event, by the rules of `app/apply/rating.py`.
        `receipt_no` is a number or the receipt QR's text; `check_code` the printed 校验码 (None: the caller vouches
        that this terminal issued the receipt to the person rating, e.g. right after applying). A later rating of the
        same receipt replaces an unsent earlier one (`replaced` names it)."""
        if level not in EVALUATION_LEVELS:
            raise UserError(messages.UNKNOWN_RATING_LEVEL, levels="/".join(EVALUATION_LEVELS), level=level)
        proof = rating.prove_receipt(self._d, receipt_no, check_code)
        if len(text) > MAX_RATING_TEXT:
            raise UserError(messages.RATING_TOO_LONG, limit=MAX_RATING_TEXT)
        clean, written = rating.clean_reasons(level, reasons, text)
        phone = rating.normalise_phone(contact_phone)
        number = proof.receipt_no
        db, tables = self._d.records.db, self._d.tables
        with db.write():
            replaced: str | None = None
            replaces: str | None = None
            for rid, kind, _ref in tables.links_of(number):
                if kind != "evaluation":
                    continue
                if tables.withdraw_unsent(rid):
                    replaced = rid
                else:
                    replaces = rid  # delivered: the platform keeps the latest
            payload = rating.rating_payload(
                self._d, proof, level=level, reasons=clean, text=written, window=window, clerk=clerk,
                contact_phone=phone, replaces=replaces,
            )  # fmt: skip
            rec = self._d.records.finalise(kind="evaluation", payload=payload)
            tables.add_link(rec.record_id, kind="evaluation", receipt_no=number, reference=number)
        return AfterServiceResult(record_id=rec.record_id, reference=number, outbox="pending", replaced=replaced)

    def complain(
        self,
        *,
        kind: str,
        subject: str,
        subject_ref: str,
        text: str,
        receipt_no: str | None = None,
        contact_name: str = "",
        contact_phone: str = "",
    ) -> AfterServiceResult:
        """咨询投诉: queue a consultation or complaint in the outbox; its reference (`Z` + record id prefix) and the
        receipt number it concerns find it again in `status`."""
        if kind not in COMPLAINT_KINDS:
            raise UserError(messages.UNKNOWN_COMPLAINT_KIND, known=", ".join(COMPLAINT_KINDS), kind=kind)
        if subject not in COMPLAINT_SUBJECTS:
            raise UserError(messages.UNKNOWN_COMPLAINT_SUBJECT, known=", ".join(COMPLAINT_SUBJECTS), subject=subject)
        if not text.strip():
            raise UserError(messages.COMPLAINT_EMPTY)
        if len(text) > MAX_COMPLAINT_TEXT:
            raise UserError(messages.COMPLAINT_TOO_LONG, limit=MAX_COMPLAINT_TEXT)
        number = parse_qr(receipt_no)[0] if receipt_no else None
        if number is not None and not validate_receipt_no(number):
            raise UserError(messages.INVALID_RECEIPT_NUMBER, number=number)
        record_id = str(uuid.uuid4())
        reference = "Z" + record_id.replace("-", "")[:10].upper()
        payload = {
            "kind": kind,
            "subject": subject,
            "subject_ref": subject_ref,
            "text": text,
            "receipt_no": number,
            "reference": reference,
            "contact": {"name": contact_name, "phone": contact_phone},
            "terminal": self._d.terminal.terminal_code,
        }
        with self._d.records.db.write():
            rec = self._d.records.finalise(kind="complaint", payload=payload, record_id=record_id)
            self._d.tables.add_link(rec.record_id, kind=kind, receipt_no=number, reference=reference)
        return AfterServiceResult(record_id=rec.record_id, reference=reference, outbox="pending")

    def status(self, receipt_or_qr: str, check_code: str | None = None) -> StatusView:
        """进度查询 by receipt number or the receipt QR payload, from the locally synced status feed. A complaint's
        own reference (`Z…`, given when it was filed) shows that complaint's answer.

        Receipt numbers are sequential, so a typed number alone proves nothing: it needs the printed check code
        (`check_code`, or the QR, which carries it); without one, `apply.check_code_needed` says where it is
        printed. A wrong code shows "not found", exactly like an unknown number (no oracle for valid numbers)."""
        number, verification = parse_qr(receipt_or_qr)
        if check_code is not None:
            verification = rating.normalise_check_code(check_code)
        db = self._d.records.db
        tables = self._d.tables
        last_heard = db.get_meta("last_success")
        empty = StatusView(number, False, "", (), None, None, None, None, (), None, last_heard)
        link = tables.find_link(number) if number.startswith("Z") else None
        if link is not None:
            rec = db.get_record(link[0])
            if rec is None:
                return empty
            entry = db.outbox_entry(rec.record_id)
            return StatusView(
                receipt_no=number,
                found=True,
                title="咨询" if link[1] == "consultation" else "投诉",
                item_codes=(),
                submitted_at=rec.created_at,
                due_date=None,
                status=rec.status,
                note=rec.status_note,
                history=tuple(StatusEntry(h["status"], h["note"], h["at"]) for h in db.status_history(rec.record_id)),
                outbox=entry.stage if entry else None,
                last_heard=last_heard,
            )
        if not validate_receipt_no(number):
            return empty
        if not verification:
            raise UserError(messages.CHECK_CODE_NEEDED)
        row = db.find_by_receipt(number)
        receipt = tables.get_receipt(number)
        if row is None or receipt is None or not hmac.compare_digest(verification.upper(), receipt.verification):
            return empty
        facts = json.loads(open_sealed(self._d.cipher, receipt.blob, number.encode()))
        entry = db.outbox_entry(row.record_id)
        complaints = []
        for rid, kind, ref in tables.links_of(number):
            linked = db.get_record(rid)
            complaints.append(
                {
                    "record_id": rid,
                    "kind": kind,
                    "reference": ref,
                    "status": linked.status if linked else None,
                    "note": linked.status_note if linked else None,
                }
            )
        return StatusView(
            receipt_no=number,
            found=True,
            title=str(facts["title"]),
            item_codes=tuple(c for c, _ in facts["items"]),
            submitted_at=row.created_at,
            due_date=receipt.due_date,
            status=row.status,
            note=row.status_note,
            history=tuple(StatusEntry(h["status"], h["note"], h["at"]) for h in db.status_history(row.record_id)),
            outbox=entry.stage if entry else None,
            last_heard=last_heard,
            complaints=tuple(complaints),
            pre_application=bool(facts.get("pre_application")),
        )

    # ------------------------------------------------------------------------------------------------ receipt QR

    def qr_reader_available(self) -> bool:
        """A document camera (高拍仪) is configured and ready: 进度查询 offers 扫描回执二维码."""
        if self._d.scanner is None:
            return False
        try:
            return self._d.scanner().available_for_qr()
        except UserError:
            return False

    def read_receipt_qr(self, *, timeout: float = 20.0) -> str:
        """The text of the receipt QR laid under the document camera, for `status()` (which checks its verification
        code). Raises ScanFailedError (a UserError) with a clear message: no QR seen, no picture, no camera."""
        if self._d.scanner is None:
            raise UserError(messages.NO_DOCUMENT_CAMERA)
        return self._d.scanner().read_qr(timeout)

    def cancel_receipt_qr(self) -> None:
        """End a `read_receipt_qr` in progress (it raises code `cancelled`); returns at once."""
        if self._d.scanner is not None:
            self._d.scanner().cancel()
