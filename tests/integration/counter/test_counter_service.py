"""The counter workspace's service (issue 14 §2) on a real counter terminal: enrolled with the reference platform over
loopback (staff roster), a private CUPS scheduler as the A4 printer, submissions through the real apply flow.
Decisions with their notices and records, refusals of incomplete decisions, review by a supervisor, reprint with the
clerk's own log-in, the walk-in's operator on its signed record, masked search, and delivery to the platform."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.context import AppContext
from app.errors import UserError
from app.model.clock import local_date
from tests.integration.apply.conftest import DIBAO_ITEM
from tests.integration.counter.conftest import CLERK, CLERK2, CLERK2_PW, CLERK_PW, SUPER, SUPER_PW, dibao
from tests.support.platform import InProcessPlatform, query


def test_queue_decisions_notices_review_and_delivery(counter: AppContext, platform: InProcessPlatform) -> None:
    work = counter.counter
    with pytest.raises(UserError) as refused:
        work.queue()
    assert refused.value.code == "staff.not_logged_in"
    kiosk = dibao(counter)
    login = work.login(CLERK, CLERK_PW)
    assert (login.staff_id, login.role, login.window, login.offline_level) == (CLERK, "clerk", "3", "ok")
    walk_in = dibao(counter, walk_in=True)

    assert kiosk.receipt_no is not None and walk_in.receipt_no is not None
    queue = work.queue()
    assert [e.receipt_no for e in queue] == [walk_in.receipt_no, kiosk.receipt_no]
    assert [e.channel for e in queue] == ["counter", "kiosk"]
    assert all(e.state == "waiting" for e in queue)
    name = str(counter.identity.read_card(timeout=10).name)
    assert all(e.applicant == name[0] + "*" * (len(name) - 1) for e in queue)  # masked
    assert [e.receipt_no for e in work.queue("walk_in")] == [walk_in.receipt_no]
    assert [e.receipt_no for e in work.queue(search=kiosk.receipt_no[-6:])] == [kiosk.receipt_no]
    assert len(work.queue(search=name)) == 2 and work.queue(search="不存在的人") == []
    spaced = " ".join(kiosk.receipt_no[i : i + 5] for i in range(0, len(kiosk.receipt_no), 5))
    assert [e.receipt_no for e in work.queue(search=spaced)] == [kiosk.receipt_no]

    # the walk-in's signed record names the clerk and the window; the kiosk's has no operator
    walk_rec = json.loads(counter.records_db.get_record(walk_in.record_id).payload)  # type: ignore[union-attr]
    assert walk_rec["operator"] == {"clerk_id": CLERK, "window": "3"} and walk_rec["channel"] == "counter"
    assert "operator" not in json.loads(counter.records_db.get_record(kiosk.record_id).payload)  # type: ignore[union-attr]

    detail = work.detail(kiosk.record_id)
    assert detail.items and detail.items[0][0] == DIBAO_ITEM
    assert len(detail.pages) >= 2 and detail.basis  # scanned pages; legal basis from the catalog
    assert work.page(kiosk.record_id, 0)[:2] == b"\xff\xd8"  # the page decrypted (a JPEG)

    # incomplete decisions are refused before anything is written
    before = counter.records_db.record_count()
    for kind, kwargs, code in (
        ("refuse", {"reason": "  。 "}, "notices.reason_required"),
        ("correct", {}, "notices.materials_required"),
        ("defer", {"materials": ("户口簿",), "deadline": local_date()}, "counter.bad_deadline"),
        ("defer", {"deadline": local_date() + dt.timedelta(days=5)}, "notices.materials_required"),
        ("approve", {}, "counter.unknown_decision"),
    ):
        with pytest.raises(UserError) as refused:
            work.decide(kiosk.record_id, kind, **kwargs)
        assert refused.value.code == code, kind
    assert counter.records_db.record_count() == before

    corrected = work.decide(kiosk.record_id, "correct", materials=("户口簿首页", "收入证明"))
    assert corrected.notice_number and corrected.printed, corrected.message
    assert work.queue("correction")[0].receipt_no == kiosk.receipt_no
    accepted = work.decide(kiosk.record_id, "accept")
    assert accepted.printed and accepted.notice_number != corrected.notice_number
    with pytest.raises(UserError) as refused:
        work.decide(kiosk.record_id, "refuse", reason="材料不全")
    assert refused.value.code == "counter.already_decided"
    refused_one = work.decide(walk_in.record_id, "refuse", reason="申请人不属于本辖区")
    assert refused_one.printed
    decided = {e.receipt_no: e for e in work.queue("decided")}
    assert decided[kiosk.receipt_no].state == "accepted" and decided[walk_in.receipt_no].state == "refused"
    assert decided[walk_in.receipt_no].clerk_id == CLERK

    history = work.detail(walk_in.record_id).decisions
    assert history[-1].kind == "refuse" and history[-1].legal_basis and history[-1].window == "3"

    # a clerk does not review; the supervisor reviews what others decided, not their own
    with pytest.raises(UserError) as refused:
        work.unreviewed()
    assert refused.value.code == "staff.role_refused"
    work.login(SUPER, SUPER_PW)
    pending = work.unreviewed()
    assert len(pending) == 3
    with pytest.raises(UserError) as refused:
        work.review(pending[-1].decision_id, approve=False)
    assert refused.value.code == "counter.return_note"
    approved = work.review(pending[-1].decision_id, approve=True)
    assert approved.review_state == "approved" and approved.reviewer_id == SUPER
    returned = work.review(pending[0].decision_id, approve=False, note="补正材料清单不完整")
    assert returned.review_state == "returned"
    with pytest.raises(UserError) as refused:
        work.review(pending[0].decision_id, approve=True)
    assert refused.value.code == "counter.already_reviewed"

    # reprint with the clerk's own log-in (no technician PIN)
    work.login(CLERK2, CLERK2_PW)
    assert work.reprint_receipt(kiosk.receipt_no)
    assert work.reprint_notice(accepted.notice_ref or "")

    # decisions travel as records of kind `decision` and reach the platform
    report = counter.sync.run_until_idle(timeout_s=60)
    assert report.pending == 0 and report.quarantined == 0
    stored = [
        json.loads(r["payload"])
        for r in query(platform.store, "SELECT payload FROM records WHERE kind = 'decision' ORDER BY rowid")
    ]
    assert [(p["action"], p["decision"]) for p in stored] == [
        ("decide", "correct"),
        ("decide", "accept"),
        ("decide", "refuse"),
        ("review", "refuse"),
        ("review", "correct"),
    ]
    assert {p["clerk_id"] for p in stored} == {CLERK} and {p["window"] for p in stored} == {"3"}

    events = [(e["event"], e["actor"], e["subject"]) for e in counter.audit.recent(200)]
    assert ("decision", CLERK, kiosk.receipt_no) in events
    assert ("decision.review", SUPER, walk_in.receipt_no) in events
    assert ("receipt.reprint", CLERK2, kiosk.receipt_no) in events
    text = json.dumps(counter.audit.recent(200), ensure_ascii=False)
    assert name not in text and "申请人不属于本辖区" not in text
