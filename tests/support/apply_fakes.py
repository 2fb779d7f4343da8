"""A fake `ApplyPort` for the apply screens: real session/review/result dataclasses and the real form validation
(`app.forms.engine`), with in-memory storage instead of records.db, a scripted scanner and a printer that may be out of
paper. Every call is recorded (name, thread) so tests can check nothing ran on the GUI thread."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app.apply.counter import card_filled_fields
from app.errors import UserError
from app.forms.engine.answers import validate_answers
from app.forms.engine.definition import parse_form
from app.forms.engine.prefill import prefill
from app.model.apply import (
    AfterServiceResult,
    ApplySession,
    CardPrefill,
    ItemPart,
    MaterialSlot,
    PageRef,
    PrintOutcome,
    ReviewLine,
    ReviewSummary,
    StatusView,
    SubmissionResult,
)
from app.model.forms import FieldError
from ui.ports import ApplyPort

ID = "53252419880315002X"
CARD = {
    "card_type": "resident",
    "name": "李明华",
    "gender": "男",
    "birth_date": "1988-03-15",
    "address": "云南省红河哈尼族彝族自治州建水县临安镇翰林街1号",
    "id_number": ID,
    "valid_from": "2016-05-01",
    "valid_to": "2036-05-01",
}
RECEIPT = "5325241032050126112700018"

FORM: dict[str, Any] = {
    "version": 1,
    "fields": [
        {"id": "applicant_name", "type": "text", "label": "申请人姓名", "label_en": "Name", "required": True,
         "prefill": "card.name", "group": "申请人", "group_en": "Applicant"},
        {"id": "id_number", "type": "id_number", "label": "公民身份号码", "label_en": "ID number", "required": True,
         "prefill": "card.id_number", "validation": {"validator": "gb11643"}, "group": "申请人",
         "group_en": "Applicant"},
        {"id": "phone", "type": "phone", "label": "联系电话", "label_en": "Phone", "required": True,
         "validation": {"validator": "phone"}, "group": "申请人", "group_en": "Applicant"},
        {"id": "reason", "type": "choice", "label": "换领原因", "label_en": "Reason", "required": True,
         "options": [{"value": "expired", "label": "有效期满", "label_en": "Expired"},
                     {"value": "damaged", "label": "证件损坏", "label_en": "Damaged"}],
         "group": "申请事由", "group_en": "Reason"},
        {"id": "hukou_upload", "type": "material", "label": "户口簿", "label_en": "Household register",
         "material": "hukou", "required": True, "group": "材料", "group_en": "Materials"},
    ],
}  # fmt: skip


def _png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 420), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 280, 120), outline="black", width=4)
    for y in range(150, 400, 30):
        draw.line((20, y, 280, y), fill="gray", width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


PNG = _png()


def _receipt_ok(number: str) -> bool:
    from app.records.service import validate_receipt_no

    return validate_receipt_no(number)


class FakeApply:
    def __init__(self, *, deferrable: bool = True, paper: bool = True, scan_fails: bool = False) -> None:
        self.deferrable = deferrable
        self.paper = paper
        self.scan_fails = scan_fails
        self.calls: list[tuple[str, str]] = []
        self.sessions: list[ApplySession] = []
        self.pages: dict[str, bytes] = {}
        self.drafts: dict[str, dict[str, Any]] = {}
        self.kept: dict[str, str] = {}
        self.finalised: list[dict[str, Any]] = []
        self.evaluations: list[tuple[str, str, tuple[str, ...], str]] = []
        self.complaints: list[dict[str, Any]] = []
        self.notices = 0
        self.draft_slips: list[str] = []
        self.discarded: list[str] = []
        self.consents: list[bool] = []
        self.corrections: list[tuple[str, str]] = []

    def _call(self, name: str) -> None:
        self.calls.append((name, threading.current_thread().name))

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession:
        self._call("start")
        form = parse_form(FORM, material_ids=["hukou", "old_card"])
        session = ApplySession(
            session_id=str(uuid.uuid4()),
            channel=channel,
            title="居民身份证换领",
            theme_code=None,
            items=(ItemPart(code, "居民身份证换领", 20, self.deferrable, {f.id: f.id for f in form.fields}, 1),),
            form=form,
            slots=[
                MaterialSlot("hukou_upload", "hukou", "居民户口簿", True, "原件", "纸质", 1, (code,),
                             deferrable=self.deferrable),
                MaterialSlot("material.old_card", "old_card", "原居民身份证", True, "原件", "纸质", 1, (code,),
                             deferrable=self.deferrable),
            ],
        )  # fmt: skip
        self.sessions.append(session)
        return session

    def division_rows(self) -> list[tuple[str, str, str | None]]:
        self._call("division_rows")
        return [
            ("53", "云南省", None),
            ("5325", "红河哈尼族彝族自治州", "53"),
            ("532524", "建水县", "5325"),
            ("532524103", "西庄镇", "532524"),
            ("532524103205", "团山村委会", "532524103"),
        ]

    def apply_card(self, session: ApplySession, card: Mapping[str, Any]) -> CardPrefill:
        self._call("apply_card")
        filled = prefill(session.form, card=dict(card), terminal_division="532524103205", session=session.answers)
        session.answers.update(filled)
        session.card = dict(card)
        filled_from_card = card_filled_fields(session.form, session.answers, card)
        session.card_fields = {k: v for k, v in filled_from_card.items() if k not in session.corrections}
        return CardPrefill(answers=filled, warnings=(), expired=False)

    def correct_card_field(self, session: ApplySession, field_id: str, reason: str) -> None:
        self._call("correct_card_field")
        if not reason.strip():
            raise UserError("更正身份证读取的信息需要说明原因")
        self.corrections.append((field_id, reason))
        session.corrections[field_id] = reason
        session.card_fields.pop(field_id, None)

    def save_page(self, session: ApplySession, answers: Mapping[str, Any]) -> dict[str, FieldError]:
        self._call("save_page")
        if session.wiped:
            raise UserError("wiped")
        session.answers.update(answers)
        self.drafts[session.session_id] = dict(session.answers)
        errors = self.validate(session)
        return {k: e for k, e in errors.items() if k in answers}

    def validate(self, session: ApplySession) -> dict[str, FieldError]:
        present = [s.slot_id for s in session.slots if s.pages or s.deferred]
        answers = {k: v for k, v in session.answers.items() if v is not None}
        return {
            k: e
            for k, e in validate_answers(session.form, answers, materials_present=present).items()
            if session.form.field(k) is not None
        }

    def _slot(self, session: ApplySession, slot_id: str) -> MaterialSlot:
        slot = session.slot(slot_id)
        if slot is None:
            raise UserError(f"no slot {slot_id}")
        return slot

    def add_page(self, session: ApplySession, slot_id: str, image: bytes | Path) -> ApplySession:
        self._call("add_page")
        data = image.read_bytes() if isinstance(image, Path) else image
        sha = uuid.uuid4().hex
        self.pages[sha] = data
        slot = self._slot(session, slot_id)
        slot.pages.append(PageRef(sha, len(data), f"p{len(slot.pages) + 1}.png", "image/png"))
        slot.deferred = False
        return session

    def scan_into(self, session: ApplySession, slot_id: str) -> int:
        self._call("scan_into")
        if self.scan_fails:
            raise UserError("扫描仪卡纸 / paper jam")
        self.add_page(session, slot_id, PNG)
        return 1

    def remove_page(self, session: ApplySession, slot_id: str, index: int) -> None:
        self._call("remove_page")
        del self._slot(session, slot_id).pages[index]

    def mark_deferred(self, session: ApplySession, slot_id: str, deferred: bool = True) -> None:
        self._call("mark_deferred")
        slot = self._slot(session, slot_id)
        if deferred and not slot.deferrable:
            raise UserError("本事项不支持容缺受理")
        slot.deferred = deferred

    def page_bytes(self, session: ApplySession, slot_id: str, index: int) -> bytes:
        return self.pages[self._slot(session, slot_id).pages[index].sha256]

    def review(self, session: ApplySession) -> ReviewSummary:
        self._call("review")
        errors = self.validate(session)
        lines = []
        for f in session.form.fields:
            value = session.answers.get(f.id)
            if f.type == "material" or value in (None, ""):
                continue
            shown = str(value)[:4] + "*" * 10 + str(value)[-4:] if f.type == "id_number" else str(value)
            lines.append(ReviewLine(f.id, f.label, shown))
        owed = tuple(s.name for s in session.slots if s.owed)
        return ReviewSummary(
            title=session.title,
            item_codes=session.item_codes,
            lines=tuple(lines),
            received=tuple((s.name, len(s.pages)) for s in session.slots if s.pages),
            deferred=tuple(s.name for s in session.slots if s.deferred),
            owed=owed,
            errors=errors,
            removed=(),
            promised_date="2026-12-25",
            can_finalise=not errors and not owed,
            needs_notice=bool(owed),
        )

    def finalise(
        self, session: ApplySession, *, print_receipt: bool = False, consent: bool = False
    ) -> SubmissionResult:
        self._call("finalise")
        self.consents.append(consent)
        summary = self.review(session)
        if not summary.can_finalise:
            raise UserError("表单还有错误")
        self.finalised.append(dict(session.answers))
        self.drafts.pop(session.session_id, None)
        printed = print_receipt and self.paper
        return SubmissionResult(
            receipt_no=RECEIPT,
            record_id=str(uuid.uuid4()),
            due_date="2026-12-25",
            outbox="pending",
            verification="ABCD1234",
            printed=printed,
            print_queued=print_receipt and not self.paper,
            print_message=None if printed else "申请已提交成功，但回执未能打印（paper_out）。",
            card_read=session.card is not None,
        )

    def print_notice(self, session: ApplySession) -> PrintOutcome:
        self._call("print_notice")
        self.notices += 1
        return PrintOutcome(printed=True, queued=False, job_id="n1", message=None)

    def keep_draft(self, session: ApplySession) -> str:
        self._call("keep_draft")
        self.drafts[session.session_id] = dict(session.answers)
        session.draft_code = "D123456785"
        self.kept[session.draft_code] = session.session_id
        return session.draft_code

    def print_draft_code(self, code: str) -> PrintOutcome:
        self._call("print_draft_code")
        if code not in self.kept:
            raise UserError("no kept draft")
        if not self.paper:
            return PrintOutcome(False, True, "d1", "草稿已保留，但凭条未能打印（paper_out），请记下屏幕上的草稿编号。")
        self.draft_slips.append(code)
        return PrintOutcome(printed=True, queued=False, job_id="d1", message=None)

    def resume_draft(self, code: str) -> ApplySession:
        self._call("resume_draft")
        raise UserError("no draft")

    def discard(self, session: ApplySession) -> None:
        self._call("discard")
        if session.channel == "kiosk" and session.draft_code is None:
            self.drafts.pop(session.session_id, None)
        self.discarded.append(session.session_id)
        session.answers.clear()
        session.card = None
        session.card_fields = {}
        session.corrections = {}
        session.consent = None
        session.slots = []
        session.wiped = True

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
        self._call("evaluate")
        if not _receipt_ok(receipt_no):
            raise UserError("受理编号格式或校验位不对")
        self.evaluations.append((receipt_no, level, tuple(reasons), text))
        return AfterServiceResult(str(uuid.uuid4()), receipt_no, "pending")

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
        self._call("complain")
        self.complaints.append(
            {
                "kind": kind,
                "subject": subject,
                "subject_ref": subject_ref,
                "text": text,
                "receipt_no": receipt_no,
                "contact_name": contact_name,
                "contact_phone": contact_phone,
            }
        )
        return AfterServiceResult(str(uuid.uuid4()), "Z0123456789", "pending")

    def qr_reader_available(self) -> bool:
        return False  # no document camera: the status screen offers typing only

    def read_receipt_qr(self, *, timeout: float = 20.0) -> str:
        raise UserError("未配置高拍仪 / no document camera configured")

    def cancel_receipt_qr(self) -> None:
        pass

    def status(self, receipt_or_qr: str, check_code: str | None = None) -> StatusView:
        self._call("status")
        found = receipt_or_qr.strip() == RECEIPT
        return StatusView(
            receipt_no=receipt_or_qr.strip(),
            found=found,
            title="居民身份证换领" if found else "",
            item_codes=("530000-GA-0001",) if found else (),
            submitted_at="2026-11-27T01:00:00Z" if found else None,
            due_date="2026-12-25" if found else None,
            status=None,
            note=None,
            history=(),
            outbox="pending" if found else None,
            last_heard="2026-11-26T08:30:00Z",
        )


_apply_port: ApplyPort = FakeApply()
"""mypy checks the fake against the port the screens use."""
