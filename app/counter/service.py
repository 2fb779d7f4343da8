"""The counter workspace (一窗受理, issue 14 §2): the queue of today's work, a case's detail and scanned pages, the four
decisions with their notices and records, supervisor review, reprints, walk-ins and the counter's sync.

Contract:
- Every call needs a staff session allowed to do it (`StaffService.require`): `counter.view` to look, `counter.decide`
  to decide (refused past the offline limit unless a supervisor overrode it), `counter.review` to review,
  `counter.reprint` to reprint (no technician credential: the clerk's own log-in), `counter.intake` for walk-ins.
- A decision (受理 accept, 不予受理 refuse, 补正 correct, 容缺受理 defer) is checked in full before anything is written
  (the notice is built first: a refusal without a reason, a correction without materials, an item without legal
  basis, a deadline not after today are refused with the notices' or this domain's message); then the notice is
  numbered and stored, the decision row and its `decision` record (clerk id, window, notice number, legal basis;
  through the outbox to the platform) are written in one transaction, the notice is printed (a printer problem keeps
  it queued and says so), and the decision is audited (`decision`, actor the clerk, subject the receipt number).
- A case is decided once, finally: after 受理 or 不予受理 it is closed; 补正 and 容缺受理 keep it open in the queue.
- Review: a supervisor approves or returns (with a note) a decision made by someone else; recorded the same way
  (`decision` record with `action: review`, audit `decision.review`). A returned decision reopens the case: it is
  back in the queue as waiting (待受理) with the reviewer's reason and id shown, and may be decided again.
- The decisions' free text (reason, review note) is sealed at rest with the terminal data key
  (local_db/records/counter.py); rows from before that are sealed when the service starts.
- Walk-ins: `start_walk_in` opens an apply session on the counter channel; `finish_walk_in` finalises it with the
  citizen's consent and the clerk as its operator (`operator: {clerk_id, window}` in the signed record).
- The queue shows applicants masked (family name and stars); search matches the receipt number (spaces ignored),
  the name, or a whole ID number, without ever showing them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.counter import messages as m
from app.errors import UserError
from app.model.clock import local_date, terminal_zone
from app.model.counter import (
    DECISION_KINDS,
    QUEUE_FILTERS,
    CaseDetail,
    DecisionResult,
    DecisionView,
    PageRef,
    QueueEntry,
    StaffLogin,
)
from app.staff.service import StaffService, StaffSession
from local_db.records.counter import CounterTable, DecisionRow, QueueRow
from local_db.records.store import RecordsDB

if TYPE_CHECKING:
    from app.apply.service import ApplyService
    from app.model.apply import ApplySession, SubmissionResult
    from app.model.catalog import ItemGuide
    from app.notices.service import NoticeService
    from app.records.crypto import Cipher
    from app.records.service import RecordsService

__all__ = ["NOTICE_KINDS", "OPEN_DAYS", "CounterService", "WalkInApply", "mask_name"]

log = logging.getLogger(__name__)

NOTICE_KINDS = {"accept": "acceptance", "refuse": "refusal", "correct": "correction", "defer": "acceptance"}
"""The notice each decision produces (容缺受理 is an acceptance listing the materials owed, with their deadline)."""
STATES = {"accept": "accepted", "refuse": "refused", "correct": "correction", "defer": "deferred"}
OPEN_DAYS = 30
"""Older submissions still open (undecided, 补正, 容缺受理) stay in the queue this many days."""


def mask_name(name: str) -> str:
    """李** : the family name (first character) and a star for each other character."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def _utc(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _day_bounds(day: dt.date) -> tuple[str, str]:
    zone = terminal_zone()
    start = dt.datetime.combine(day, dt.time(0), zone).astimezone(dt.UTC)
    end = start + dt.timedelta(days=1)
    return (start.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            end.isoformat(timespec="milliseconds").replace("+00:00", "Z"))  # fmt: skip


def _view(d: DecisionRow) -> DecisionView:
    return DecisionView(
        d.decision_id, d.kind, d.reason, d.legal_basis, d.materials, d.deadline, d.clerk_id, d.window, d.decided_at,
        d.notice_no, d.review_state, d.reviewer_id, d.review_note,
    )  # fmt: skip


class CounterService:
    """The counter workspace of one terminal (built by `AppContext.counter`)."""

    def __init__(
        self,
        db: RecordsDB,
        *,
        staff: StaffService,
        records: Callable[[], RecordsService],
        cipher: Callable[[], Cipher],
        read_attachment: Callable[[str], bytes],
        item: Callable[[str], ItemGuide],
        apply: Callable[[], ApplyService] | None = None,
        notices: Callable[[], NoticeService] | None = None,
        audit: Callable[[], Any] = lambda: None,
        deliver: Callable[[], object] | None = None,
        clock: Callable[[], float] = time.time,
        language: str = "zh_CN",
    ) -> None:
        self.db = db
        self.table = CounterTable(db)
        self.staff = staff
        self._records = records
        self._cipher = cipher
        self._read = read_attachment
        self._item = item
        self._apply = apply
        self._notices = notices
        self._audit = audit
        self._deliver = deliver
        self.clock = clock
        self.language = language
        try:
            sealed = self.table.seal_clear_text()
        except Exception:  # never keeps the counter from opening; tried again at the next start
            log.exception("sealing the decisions' clear text failed")
        else:
            if sealed:
                log.info("sealed the reason or review note of %d earlier decisions", sealed)

    # -- log-in ---------------------------------------------------------------------------------------------------

    def login(self, staff_id: str, secret: str) -> StaffLogin:
        session = self.staff.login(staff_id, secret)
        state = self.staff.offline_state()
        return StaffLogin(session.staff_id, session.name, session.role, session.window, state.level,
                          self.staff.offline_message(self.language))  # fmt: skip

    def logout(self) -> None:
        self.staff.logout()

    def offline_message(self) -> str:
        return self.staff.offline_message(self.language)

    def sync(self, platform_url: str, credentials: Any) -> str:
        """The counter's sync: the staff roster first (revocations), then the outbox, then queued notices (the
        window's background loop does the same each pass: `app.counter.sync.CounterSync`)."""
        result = self.staff.sync(platform_url, credentials)
        if self._deliver is not None:
            self._deliver()
        self.retry_notices()
        return f"roster v{result.version}"

    def retry_notices(self) -> None:
        """Print again the notices a missing or stopped printer kept (nothing without the notice service)."""
        if self._notices is not None:
            self._notices().retry_pending()

    # -- queue ----------------------------------------------------------------------------------------------------

    def _facts(self, row: QueueRow) -> Mapping[str, Any]:
        if row.receipt_blob is None or row.record.receipt_no is None:
            return {}
        from app.records.crypto import open_sealed

        try:
            data = json.loads(open_sealed(self._cipher(), row.receipt_blob, row.record.receipt_no.encode()))
        except Exception as exc:  # a receipt that does not open is shown without its facts, never hides the case
            log.warning("receipt facts of %s unreadable: %s", row.record.receipt_no, type(exc).__name__)
            return {}
        return data if isinstance(data, dict) else {}

    @staticmethod
    def _payload(row: QueueRow) -> Mapping[str, Any]:
        try:
            data = json.loads(row.record.payload) if row.record.payload else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _entry(self, row: QueueRow, payload: Mapping[str, Any], facts: Mapping[str, Any]) -> QueueEntry:
        d = row.decision
        returned = d is not None and d.review_state == "returned"
        applicant = payload.get("applicant") or {}
        name = str(applicant.get("name") or facts.get("applicant") or "") if isinstance(applicant, dict) else ""
        return QueueEntry(
            key=row.record.record_id,
            receipt_no=row.record.receipt_no,
            title=str(facts.get("title") or payload.get("item_name") or ""),
            applicant=mask_name(name),
            channel=str(payload.get("channel") or "kiosk"),
            state=STATES[d.kind] if d is not None and not returned else "waiting",
            created_at=row.record.created_at,
            pre_application=bool(payload.get("pre_application")),
            clerk_id=d.clerk_id if d is not None else None,
            review_state=d.review_state if d is not None else None,
            deadline=d.deadline if d is not None else None,
            returned_note=(d.review_note or "") if d is not None and returned else None,
            returned_by=d.reviewer_id if d is not None and returned else None,
        )

    def queue(self, filter: str = "all", search: str = "", *, day: dt.date | None = None) -> list[QueueEntry]:
        """Today's work (in the terminal's zone) and older open cases, newest first; drafts last."""
        self.staff.require("counter.view")
        if filter not in QUEUE_FILTERS:
            raise ValueError(f"filter must be one of {QUEUE_FILTERS}")
        day = day or local_date(self.clock())
        start, end = _day_bounds(day)
        open_since = _day_bounds(day - dt.timedelta(days=OPEN_DAYS))[0]
        needle = "".join(search.split()).upper()
        out: list[QueueEntry] = []
        for row in self.table.queue_rows(start, end, open_since):
            payload = self._payload(row)
            facts = self._facts(row)
            entry = self._entry(row, payload, facts)
            if needle and not self._matches(needle, entry, payload):
                continue
            if self._keep(filter, entry):
                out.append(entry)
        if filter in ("all", "draft") and not needle:
            out.extend(self._drafts())
        return out

    @staticmethod
    def _matches(needle: str, entry: QueueEntry, payload: Mapping[str, Any]) -> bool:
        if entry.receipt_no and needle in entry.receipt_no:
            return True
        applicant = payload.get("applicant") or {}
        if not isinstance(applicant, dict):
            return False
        name = "".join(str(applicant.get("name") or "").split()).upper()
        idn = str(applicant.get("id_number") or "").upper()
        return bool(name and needle in name) or (len(needle) >= 15 and needle == idn)

    @staticmethod
    def _keep(filter: str, e: QueueEntry) -> bool:
        return {
            "all": True,
            "waiting": e.state == "waiting",
            "kiosk": e.channel == "kiosk",
            "walk_in": e.channel == "counter",
            "draft": False,
            "correction": e.state in ("correction", "deferred"),
            "decided": e.state in ("accepted", "refused"),
        }[filter]

    def _drafts(self) -> list[QueueEntry]:
        if self._apply is None:
            return []
        rows = self._apply().tables.list_drafts()
        return [
            QueueEntry(
                key=f"draft:{r.draft_id}",
                receipt_no=None,
                title=r.code or "",
                applicant="",
                channel="draft",
                state="draft",
                created_at=r.updated_at,
            )
            for r in rows
        ]

    # -- detail ---------------------------------------------------------------------------------------------------

    def _row(self, key: str) -> QueueRow:
        rec = self.table.record(key) if not key.startswith("draft:") else None
        if rec is None or rec.kind != "submission":
            raise UserError(m.NO_SUCH_CASE, key=key)
        blob = self.table.receipt_blob(key)
        decisions = self.table.decisions_of(key)
        return QueueRow(rec, blob[0] if blob else None, blob[1] if blob else None,
                        decisions[-1] if decisions else None)  # fmt: skip

    def detail(self, key: str) -> CaseDetail:
        self.staff.require("counter.view")
        row = self._row(key)
        payload, facts = self._payload(row), self._facts(row)
        items = tuple((str(c), str(n)) for c, n in facts.get("items", ())) or tuple(
            (str(i.get("code")), str(i.get("name"))) for i in payload.get("items", ()) if isinstance(i, dict)
        )
        pages = tuple(PageRef(n, a.name, a.size) for n, a in enumerate(self.table.attachments(key)))
        materials = tuple(
            str(s.get("name")) for s in payload.get("materials", ()) if isinstance(s, dict) and s.get("name")
        )
        return CaseDetail(
            entry=self._entry(row, payload, facts),
            items=items,
            received=tuple((str(n), int(c)) for n, c in facts.get("received", ())),
            owed=tuple(str(x) for x in facts.get("owed", ())),
            deferred=tuple(str(x) for x in facts.get("deferred", ())),
            material_names=materials,
            pages=pages,
            basis=self._basis(items),
            due_date=facts.get("due_date"),
            decisions=tuple(_view(d) for d in self.table.decisions_of(key)),
        )

    def _basis(self, items: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
        lines: list[str] = []
        for code, _name in items:
            try:
                guide = self._item(code)
            except UserError:
                continue
            lines.extend(b.strip() for b in guide.basis if b and b.strip())
        return tuple(dict.fromkeys(lines))

    def page(self, key: str, position: int) -> bytes:
        """The bytes of one scanned page (decrypted), for the detail view's zoom and rotate."""
        self.staff.require("counter.view")
        pages = self.table.attachments(key)
        if not 0 <= position < len(pages):
            raise UserError(m.NO_PAGE, position=position + 1)
        return self._read(pages[position].sha256)

    # -- decisions ------------------------------------------------------------------------------------------------

    def decide(
        self,
        key: str,
        kind: str,
        *,
        reason: str = "",
        materials: tuple[str, ...] = (),
        deadline: dt.date | None = None,
        print_target: str | None = None,
    ) -> DecisionResult:
        """受理 / 不予受理 / 补正 / 容缺受理 on one submission (see the module contract)."""
        if kind not in DECISION_KINDS:
            raise UserError(m.UNKNOWN_DECISION, kind=kind, known=", ".join(DECISION_KINDS))
        session = self.staff.require("counter.decide")
        row = self._row(key)
        final = row.decision is not None and row.decision.kind in ("accept", "refuse")
        if row.decision is not None and final and row.decision.review_state != "returned":
            raise UserError(m.ALREADY_DECIDED, receipt=row.record.receipt_no or key,
                            state="受理" if row.decision.kind == "accept" else "不予受理")  # fmt: skip
        today = local_date(self.clock())
        if kind == "defer" and not [x for x in materials if x.strip()]:
            from app.notices import messages as nm

            raise UserError(nm.MATERIALS_REQUIRED, title="容缺受理")
        if kind == "defer" and (deadline is None or deadline <= today):
            raise UserError(m.BAD_DEADLINE, deadline=deadline.isoformat() if deadline else "-")
        receipt = row.record.receipt_no
        facts = self._facts(row)
        items = tuple((str(c), str(n)) for c, n in facts.get("items", ()))
        basis = "；".join(self._basis(items)) if kind == "refuse" else ""
        notices = self._notices() if self._notices is not None else None
        request = None
        if notices is not None:
            from app.notices.documents import NoticeRequest

            request = NoticeRequest(
                kind=NOTICE_KINDS[kind],
                receipt_no=receipt,
                reason=reason if kind == "refuse" else None,
                materials=tuple(materials) if kind in ("correct", "defer") else (),
                deadline=deadline if kind == "defer" else None,
                clerk_id=session.staff_id,
                window=session.window,
            )
            notices.build(request)  # refuses a missing reason, materials or legal basis before anything is written
        else:
            self._check_without_notices(kind, reason, materials, basis)
        issued = notices.issue(request) if notices is not None and request is not None else None
        decision = DecisionRow(
            decision_id=str(uuid.uuid4()),
            record_id=row.record.record_id,
            receipt_no=receipt,
            kind=kind,
            reason=reason.strip(),
            legal_basis=basis,
            materials=tuple(materials),
            deadline=deadline.isoformat() if deadline else None,
            clerk_id=session.staff_id,
            window=session.window,
            decided_at=_utc(self.clock()),
            notice_no=issued.number if issued else None,
        )
        sent = self._send(decision, action="decide")
        outcome = (
            notices.print(issued.ref, target=print_target, actor=session.staff_id)
            if notices is not None and issued
            else None
        )
        self._record("decision", actor=session.staff_id, subject=receipt, kind=kind,
                     notice=issued.ref if issued else None, decision=decision.decision_id)  # fmt: skip
        if outcome is not None:
            message, printed, queued = outcome.text(self.language), outcome.printed, outcome.queued
        else:
            message, printed, queued = m.NOTICES_MISSING.render(self.language), False, False
        return DecisionResult(decision.decision_id, kind, sent, issued.number if issued else None,
                              issued.ref if issued else None, printed, queued, message)  # fmt: skip

    @staticmethod
    def _check_without_notices(kind: str, reason: str, materials: tuple[str, ...], basis: str) -> None:
        """The same refusals as the notices make, for a terminal without the notice service (tests of the seam)."""
        from app.notices import messages as nm

        if kind == "refuse" and not reason.strip():
            raise UserError(nm.REASON_REQUIRED, title="不予受理通知书")
        if kind in ("correct", "defer") and not [x for x in materials if x.strip()]:
            raise UserError(nm.MATERIALS_REQUIRED, title="补正材料通知书")
        if kind == "refuse" and not basis:
            raise UserError(nm.NO_LEGAL_BASIS, code="-", name="-", title="不予受理通知书")

    def _send(self, d: DecisionRow, *, action: str) -> str:
        """The decision row and its `decision` record (outbox) in one transaction; returns the record id."""
        payload = {
            "action": action,
            "decision_id": d.decision_id,
            "decision": d.kind,
            "record_id": d.record_id,
            "receipt_no": d.receipt_no,
            "reason": d.reason,
            "legal_basis": d.legal_basis,
            "materials": list(d.materials),
            "deadline": d.deadline,
            "clerk_id": d.clerk_id,
            "window": d.window,
            "decided_at": d.decided_at,
            "notice_no": d.notice_no,
            "review": None
            if d.review_state is None
            else {"state": d.review_state, "reviewer_id": d.reviewer_id, "at": d.reviewed_at, "note": d.review_note},
        }
        records = self._records()
        with self.db.write():
            if action == "decide":
                self.table.add_decision(d)
            else:
                self.table.set_review(d.decision_id, state=str(d.review_state), reviewer_id=str(d.reviewer_id),
                                      at=str(d.reviewed_at), note=d.review_note or "")  # fmt: skip
            rec = records.finalise(kind="decision", payload=payload, with_receipt=False)
        return rec.record_id

    def _record(self, event: str, **kw: Any) -> None:
        sink = self._audit()
        if sink is not None:
            sink.record(event, **{k: v for k, v in kw.items() if v is not None or k in ("actor", "subject")})

    # -- review ---------------------------------------------------------------------------------------------------

    def unreviewed(self) -> list[DecisionView]:
        self.staff.require("counter.review")
        return [_view(d) for d in self.table.unreviewed()]

    def review(self, decision_id: str, *, approve: bool, note: str = "") -> DecisionView:
        """A supervisor approves or returns (note required) a decision another person made."""
        session = self.staff.require("counter.review")
        d = self.table.decision(decision_id)
        if d is None:
            raise UserError(m.NO_SUCH_DECISION, decision=decision_id)
        if d.clerk_id == session.staff_id:
            raise UserError(m.OWN_DECISION)
        if d.review_state is not None:
            raise UserError(m.ALREADY_REVIEWED)
        if not approve and not note.strip():
            raise UserError(m.RETURN_NOTE)
        reviewed = replace(d, review_state="approved" if approve else "returned", reviewer_id=session.staff_id,
                           reviewed_at=_utc(self.clock()), review_note=note.strip())  # fmt: skip
        self._send(reviewed, action="review")
        self._record("decision.review", actor=session.staff_id, subject=d.receipt_no, decision=d.decision_id,
                     state=reviewed.review_state)  # fmt: skip
        return _view(reviewed)

    # -- reprint, walk-ins ----------------------------------------------------------------------------------------

    def reprint_receipt(self, receipt_no: str) -> str:
        """补打 a receipt of this terminal with the clerk's own log-in (no technician credential); audited."""
        session = self.staff.require("counter.reprint")
        if self._apply is None:
            raise UserError(m.NO_SUCH_CASE, key=receipt_no)
        number = "".join(receipt_no.split())
        if self.db.find_by_receipt(number) is None:
            raise UserError(m.NO_SUCH_CASE, key=number)
        outcome = self._apply().reprint(number)
        self._record("receipt.reprint", actor=session.staff_id, subject=number, printed=bool(outcome.printed))
        return str(outcome.message)

    def reprint_notice(self, ref: str, target: str | None = None) -> str:
        session = self.staff.require("counter.reprint")
        if self._notices is None:
            return m.NOTICES_MISSING.render(self.language)
        return self._notices().reprint(ref, target, actor=session.staff_id).text(self.language)

    def reprint_decision_notice(self, decision_id: str, target: str | None = None) -> str:
        """补打 the notice a decision produced (same number and content), with the clerk's own log-in; audited by the
        notice service (`notice.reprint`, actor the clerk)."""
        session = self.staff.require("counter.reprint")
        d = self.table.decision(decision_id)
        if d is None:
            raise UserError(m.NO_SUCH_DECISION, decision=decision_id)
        found = re.search(r"〔(\d{4})〕第(\d{7})号", d.notice_no or "")
        if found is None or self._notices is None:
            return m.NOTICES_MISSING.render(self.language)
        ref = f"{NOTICE_KINDS[d.kind]}-{found.group(1)}-{found.group(2)}"
        return self._notices().reprint(ref, target, actor=session.staff_id).text(self.language)

    def start_walk_in(self, code: str) -> ApplySession:
        """A walk-in application entered by the clerk for the citizen (counter channel)."""
        session = self.staff.require("counter.intake")
        if self._apply is None:
            raise UserError(m.NO_SUCH_CASE, key=code)
        apply_session = self._apply().start(code, channel="counter")
        apply_session.operator = {"clerk_id": session.staff_id, "window": session.window}
        return apply_session

    def finish_walk_in(self, apply_session: ApplySession, *, consent: bool) -> SubmissionResult:
        """Finalise a walk-in with the citizen's consent recorded; the clerk is its operator on the record."""
        session: StaffSession = self.staff.require("counter.intake")
        assert self._apply is not None
        apply_session.operator = {"clerk_id": session.staff_id, "window": session.window}
        result = self._apply().finalise(apply_session, consent=consent)
        self._record("decision", actor=session.staff_id, subject=result.receipt_no, kind="intake")
        return result


class WalkInApply:
    """The apply flow's port for walk-ins at the counter window: every call goes to `inner` (the kiosk's `ApplyPort`,
    e.g. `app.lazy.LazyApply`), except that starting and finalising need the clerk's session (`counter.intake`), a
    session is on the counter channel, and the record carries the clerk and the window as its `operator` (audited).
    The apply screen is the kiosk's own (`ui.screens.apply.flow.ApplyScreen`), handed this port by `app.main`."""

    def __init__(self, inner: Any, counter: CounterService) -> None:
        self._inner = inner
        self._counter = counter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def start(self, code: str, *, channel: str = "counter") -> ApplySession:
        session = self._counter.staff.require("counter.intake")
        apply_session: ApplySession = self._inner.start(code, channel="counter")
        apply_session.operator = {"clerk_id": session.staff_id, "window": session.window}
        return apply_session

    def finalise(
        self, session: ApplySession, *, print_receipt: bool = False, consent: bool = False
    ) -> SubmissionResult:
        clerk = self._counter.staff.require("counter.intake")
        session.operator = {"clerk_id": clerk.staff_id, "window": clerk.window}
        result: SubmissionResult = self._inner.finalise(session, print_receipt=print_receipt, consent=consent)
        self._counter._record("decision", actor=clerk.staff_id, subject=result.receipt_no, kind="intake")
        return result
