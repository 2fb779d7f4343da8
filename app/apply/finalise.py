"""Review and finalising: the review summary (answers for display, materials, errors, promised date), then the
signed, numbered record with its sealed receipt facts and outbox row in one transaction, optionally printed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any

from app.apply import messages
from app.apply.agent import SIGNATURE_ATTACHMENT, agent_line, agent_of, agent_payload, check_agent
from app.apply.counter import pickup_place
from app.apply.materials import Materials
from app.apply.notes import CardRefused
from app.apply.receipts import Receipts
from app.apply.session import Sessions
from app.apply.shared import ApplyDeps, ensure_live, now_iso
from app.catalog.workdays import promised_date
from app.errors import UserError
from app.identity.masking import mask_id
from app.model.apply import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    ApplySession,
    ItemPart,
    ReviewLine,
    ReviewSummary,
    SubmissionResult,
)
from app.model.forms import Field
from app.model.records import AttachmentInput
from app.records.crypto import seal
from local_db.records.apply_tables import ReceiptRow

__all__ = ["Finaliser"]

log = logging.getLogger(__name__)


def _display(field: Field, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if field.type == "id_number":
        return mask_id(str(value))
    if field.type == "choice":
        opt = field.option(value)
        return opt.label if opt else str(value)
    if field.type == "multichoice" and isinstance(value, list):
        return "、".join((o.label if (o := field.option(v)) else str(v)) for v in value)
    if field.type == "yesno":
        return "是" if value else "否"
    if field.type == "signature":
        return "（已签名）"
    if field.type == "material":
        return f"{len(value)} 页" if isinstance(value, list) else ""
    return str(value)


def _item_materials(session: ApplySession, part: ItemPart) -> dict[str, dict[str, Any]]:
    """Per own material id of one item: the slot that satisfied it (its material id, pages, 容缺) or, for a
    material the theme omits, `shared` with the reason (免提交（部门共享）)."""
    slots = {s.material_id: s for s in session.slots}
    out: dict[str, dict[str, Any]] = {}
    for own, key in part.materials.items():
        s = slots[key]
        out[own] = {"slot": key, "pages": [p.sha256 for p in s.pages], "deferred": s.deferred}
        if s.from_card:
            out[own]["from_card"] = True  # the applicant's ID card, read on the reader
    for m in session.shared:
        if m.item_code == part.code:
            out[m.material_id] = {"shared": True, "reason": m.reason}
    return out


def _applicant(session: ApplySession, answers: Mapping[str, Any]) -> tuple[str, str]:
    """(name, ID number) of the applicant: the card holder. Taken from the fields the card prefills, else from the
    card read, else from the conventional `applicant_name` / `id_number` fields; never from another person's ID field
    (the newborn's, the deceased's, the student's: in 身后一件事 the first ID field asked is the deceased's)."""
    card = session.card or {}

    def pick(source: str, fallback_field: str) -> str:
        key = source.partition(".")[2]
        for f in session.form.fields:
            if f.prefill == source and answers.get(f.id):
                return str(answers[f.id])
        return str(card.get(key) or answers.get(fallback_field) or "")

    return pick("card.name", "applicant_name"), pick("card.id_number", "id_number")


def _payload(
    session: ApplySession, answers: Mapping[str, Any], terminal_code: str, due: dt.date | None
) -> dict[str, Any]:
    """The record's canonical payload (docs/apply.md): `answers` are the session's with the material pages."""
    name, idn = _applicant(session, answers)
    card = {k: v for k, v in (session.card or {}).items() if k != "photo"} or None
    return {
        "item_code": session.items[0].code,
        "item_codes": list(session.item_codes),
        "item_name": session.title,
        "theme_code": session.theme_code,
        "channel": session.channel,
        "terminal": terminal_code,
        "applicant": {"name": name, "id_number": idn or None},
        "form": answers,
        "items": [
            {
                "code": p.code,
                "name": p.name,
                "form_version": p.form_version,
                "answers": {own: answers[mid] for mid, own in p.field_map.items() if mid in answers},
                "materials": _item_materials(session, p),
            }
            for p in session.items
        ],
        "materials": [
            {
                "material_id": s.material_id,
                "name": s.name,
                "item_codes": list(s.item_codes),
                "pages": [p.sha256 for p in s.pages],
                "deferred": s.deferred,
                "required": s.required,
                "items": {c: own for c, own in s.members},
            }
            for s in session.slots
        ],
        "shared_materials": [
            {"item_code": m.item_code, "material_id": m.material_id, "name": m.name, "reason": m.reason}
            for m in session.shared
        ],
        "removed_answers": [dataclasses.asdict(r) for r in session.removed],
        "card": card,
        "applicant_photo": (
            {"format": session.photo["format"], "sha256": session.photo["sha256"], "size": session.photo["size"]}
            if session.photo
            else None
        ),
        "promised_date": due.isoformat() if due else None,
        # 预申请: the kiosk took a pre-application for an item not offered on self-service terminals; the window
        # finishes it (no promised date until it is accepted there).
        "pre_application": session.pre_application,
        # Values read from the card that the citizen corrected, with the reason given (field id → reason).
        "card_corrections": [{"field_id": k, "reason": v} for k, v in session.corrections.items()],
        # 告知承诺 agreed on the review page (version, text, time) or None.
        "consent": session.consent,
        # A walk-in at the counter: the clerk who entered it and the window (issue 14; absent at a kiosk).
        **({"operator": dict(session.operator)} if session.operator else {}),
        # 帮办代办: the grid worker who applied on the citizen's behalf and the citizen's consent (app/apply/agent.py).
        **({"agent": agent_payload(session)} if agent_of(session) else {}),
    }


class Finaliser:
    """Review and finalise sessions (`ApplyService` delegates to it)."""

    def __init__(self, deps: ApplyDeps, sessions: Sessions, materials: Materials, receipts: Receipts) -> None:
        self._d = deps
        self._sessions = sessions
        self._materials = materials
        self._receipts = receipts

    def _due(self, session: ApplySession) -> dt.date | None:
        if session.pre_application:
            return None  # not accepted yet: the promise starts when the window accepts it
        limits = [p.promised_limit_days for p in session.items if p.promised_limit_days is not None]
        if not limits:
            return None
        return promised_date(self._d.today(), max(limits), self._d.calendar)

    def review(self, session: ApplySession) -> ReviewSummary:
        """What the citizen checks before finalising: answers for display (ID numbers masked), materials received,
        deferred and owed, errors, the promised date, and whether a 一次性告知 is due."""
        ensure_live(session)
        errors = self._sessions.validate(session)
        lines = []
        for f in session.form.fields:
            if f.type == "material":
                continue
            text = _display(f, session.answers.get(f.id))
            if text:
                lines.append(ReviewLine(field_id=f.id, label=f.label, value=text))
        owed = tuple(s.name for s in session.slots if s.owed)
        due = self._due(session)
        material_errors = {s.slot_id for s in session.slots}
        if session.pre_application:  # materials are brought to the window: a missing one does not block
            errors = {k: e for k, e in errors.items() if k not in material_errors}
        return ReviewSummary(
            title=session.title,
            item_codes=session.item_codes,
            lines=tuple(lines),
            received=tuple((s.name, len(s.pages)) for s in session.slots if s.pages),
            deferred=tuple(s.name for s in session.slots if s.deferred),
            owed=owed,
            errors=errors,
            removed=session.removed,
            promised_date=due.isoformat() if due else None,
            can_finalise=not errors and (not owed or session.pre_application) and session.refusal is None,
            shared=tuple((m.name, m.reason) for m in session.shared),
            needs_notice=not session.pre_application
            and (
                any(sl.owed and not sl.deferrable for sl in session.slots)
                or any(k in material_errors and not self._materials.slot(session, k).deferrable for k in errors)
            ),
            from_card=tuple(s.name for s in session.slots if s.from_card and not s.pages),
            pre_application=session.pre_application,
            needs_consent=session.consent is None,
        )

    def finalise(
        self, session: ApplySession, *, print_receipt: bool = False, consent: bool = False
    ) -> SubmissionResult:
        """Validate everything, then write the signed, numbered record, its receipt facts and its outbox row in one
        transaction. With `print_receipt`, print the 受理回执 (预申请回执 for a pre-application); paper out does not
        undo the submission (the result says so and the receipt stays queued for reprint). `consent`: the citizen
        agreed to the 告知承诺 (`CONSENT_TEXT`) just now; it is recorded with the submission. Without it (and none
        recorded on the session) nothing is submitted, on every channel: `apply.consent_required`."""
        ensure_live(session)
        if session.refusal is not None:
            raise CardRefused.of(session)  # in the reader's language (the session keeps the Chinese for the record)
        check_agent(session)  # on the laptop: the villager's consent to the worker applying on their behalf
        if consent:
            session.consent = {"version": CONSENT_VERSION, "text": CONSENT_TEXT, "at": now_iso(self._d.clock())}
        elif session.consent is None:
            raise UserError(messages.CONSENT_REQUIRED)
        summary = self.review(session)
        if summary.errors:
            first = next(iter(summary.errors.values()))
            raise UserError(messages.FORM_HAS_ERRORS, count=len(summary.errors), first=first.message)
        if summary.owed and not session.pre_application:
            raise UserError(messages.MATERIALS_MISSING, materials="、".join(summary.owed))
        due = self._due(session)
        payload = _payload(session, self._sessions.answers_with_pages(session), self._d.terminal.terminal_code, due)
        store = self._d.store
        attachments = [
            AttachmentInput(name=p.name, data=store.read_range(p.sha256, 0, p.size))
            for s in session.slots
            for p in s.pages
        ]
        if session.photo is not None:
            ph = session.photo
            attachments.append(
                AttachmentInput(
                    name=f"applicant-photo.{ph['format']}",
                    data=store.read_range(str(ph["sha256"]), 0, int(ph["size"])),
                )
            )
        agent = agent_of(session)
        if agent is not None and agent.get("consent") == "signature":  # the villager's signature, drawn on screen
            sha, size = agent["consent_sha256"], int(agent["consent_size"])
            attachments.append(AttachmentInput(name=SIGNATURE_ATTACHMENT, data=store.read_range(sha, 0, size)))
        records = self._d.records
        db = records.db
        with db.write():
            rec = records.finalise(kind="submission", payload=payload, attachments=attachments)
            assert rec.receipt_no is not None
            row = db.get_record(rec.record_id)
            basis = (row.signature if row and row.signature else rec.content_hash).encode("ascii")
            verification = hashlib.sha256(basis).hexdigest()[:8].upper()
            facts = {
                "title": session.title,
                "items": [[p.code, p.name] for p in session.items],
                "applicant": payload["applicant"]["name"],
                "id_number": payload["applicant"]["id_number"] or "",
                "received": [[s.name, len(s.pages)] for s in session.slots if s.pages],
                "deferred": [s.name for s in session.slots if s.deferred],
                "owed": [s.name for s in session.slots if s.owed],
                "shared": list(dict.fromkeys(m.name for m in session.shared)),
                "due_date": due.isoformat() if due else None,
                "accepted_at": rec.created_at,
                "phone": self._consult_phone(session.items[0].code),
                **({"agent": agent_line(session)} if agent is not None else {}),
                **self._next_step_facts(session),
            }
            self._d.tables.add_receipt(
                ReceiptRow(
                    receipt_no=rec.receipt_no,
                    record_id=rec.record_id,
                    due_date=due.isoformat() if due else None,
                    verification=verification,
                    blob=seal(self._d.cipher, json.dumps(facts, ensure_ascii=False).encode(), rec.receipt_no.encode()),
                )
            )
        self._d.tables.delete_draft(session.session_id)  # finalised: the draft (kept or not) has served
        log.info("submission finalised: %s (%d attachments)", rec.receipt_no, len(attachments))
        counter = next((p.counter for p in session.items if p.counter is not None), None)
        result = SubmissionResult(
            receipt_no=rec.receipt_no,
            record_id=rec.record_id,
            due_date=due.isoformat() if due else None,
            outbox="pending",
            verification=verification,
            pre_application=session.pre_application,
            card_read=session.card is not None,
            counter=counter,
            pickup=pickup_place(session),
        )
        if print_receipt:
            outcome = self._receipts.print_receipt(rec.receipt_no)
            result = dataclasses.replace(result, printed=outcome.printed, print_queued=outcome.queued,
                                         print_message=outcome.message, job_id=outcome.job_id)  # fmt: skip
        return result

    def _next_step_facts(self, session: ApplySession) -> dict[str, Any]:
        """What the receipt says about going on in person: the implementing department and place, hours, fee, the
        steps done at the window, the pickup place for 窗口领取, the materials still to bring with their requirements
        and whether it was printed from demo data."""
        counter = next((p.counter for p in session.items if p.counter is not None), None)
        bring = [s for s in session.slots if s.deferred or s.owed]
        return {
            "pre_application": session.pre_application,
            "department": counter.department if counter else "",
            "place": counter.place if counter else "",
            "hours": counter.hours if counter else "",
            "fee": "；".join(dict.fromkeys(p.counter.fee for p in session.items if p.counter and p.counter.fee)),
            "on_site": list(counter.on_site) if counter and session.pre_application else [],
            "pickup": pickup_place(session),
            "bring": [
                [s.name, f"{s.form}，{s.medium}，{s.copies} 份" + (f"；{s.standard}" if s.standard else "")]
                for s in bring
            ],
            "from_card": [s.name for s in session.slots if s.from_card and not s.pages],
            "demo": self._is_demo(),
        }

    def _is_demo(self) -> bool:
        try:
            return bool(self._d.catalog.is_demo)
        except Exception:  # a catalog that cannot say is not claimed to be demo data
            return False

    def _consult_phone(self, code: str) -> str:
        try:
            guide = self._d.catalog.get_item(code)
        except UserError:
            return ""
        return guide.implementations[0].consult_phone if guide.implementations else ""
