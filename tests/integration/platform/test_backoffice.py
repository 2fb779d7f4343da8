"""The platform's back office (issue 14 §5) over loopback: counter decisions come back to the submitting terminal as
statuses (待补正, 已受理, 不予受理 with reason and legal basis), answers to complaints (已答复) reach the complaint's
terminal, and 差评 follow-ups have their 15-working-day deadline with the overdue list; through the admin commands,
on both engines."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest

from app.cli import main
from app.data import DEMO_CATALOG
from sync.platform.backoffice import add_workdays
from tests.integration.platform.test_ratings import RECEIPT, UNSENT, feed, printed_code, rating
from tests.support.platform import InProcessPlatform, TestTerminal, query


def cli(capsys: pytest.CaptureFixture[str], platform: InProcessPlatform, *argv: str) -> tuple[int, Any]:
    code = main(["platform", *argv, "--data", str(platform.data), "--json"])
    out = capsys.readouterr()
    return code, json.loads(out.out) if code == 0 else out.out + out.err


def decision(t: TestTerminal, kind: str, receipt: str, **extra: Any) -> dict[str, Any]:
    payload = {
        "action": "decide", "decision_id": f"d-{kind}", "decision": kind, "record_id": "r", "receipt_no": receipt,
        "reason": "", "legal_basis": "", "materials": [], "deadline": None, "clerk_id": "c01", "window": "3",
        "decided_at": "2026-12-07T01:00:00Z", "notice_no": f"{kind}字〔2026〕第0100001号", "review": None, **extra,
    }  # fmt: skip
    record = t.record(payload, kind="decision")
    assert t.client.post("/v1/records", json=record).status_code == 201
    return record


@pytest.fixture
def hall(platform: InProcessPlatform) -> Iterator[tuple[InProcessPlatform, TestTerminal, TestTerminal]]:
    """On both engines (`platform` of tests/integration/platform/conftest.py): a kiosk that delivered RECEIPT and a
    counter terminal of the same hall."""
    kiosk = TestTerminal(platform.url, platform.enroll_code())
    counter = TestTerminal(platform.url, platform.enroll_code())
    submission = kiosk.record({"item_codes": ["530000-GA-0001"]}, receipt_no=RECEIPT)
    assert kiosk.client.post("/v1/records", json=submission).status_code == 201
    yield platform, kiosk, counter
    kiosk.close()
    counter.close()


def test_decisions_come_back_to_the_submitting_terminal_as_statuses(
    hall: tuple[InProcessPlatform, TestTerminal, TestTerminal], capsys: pytest.CaptureFixture[str]
) -> None:
    platform, kiosk, counter = hall
    decision(counter, "correct", RECEIPT, materials=["户口簿首页", "收入证明"])
    (change,) = feed(kiosk)
    assert change["status"] == "待补正" and "户口簿首页、收入证明" in change["note"]
    decision(counter, "refuse", RECEIPT, reason="不属于本辖区", legal_basis="《居民身份证法》第八条")
    decision(counter, "accept", "5325241032050126112700029")  # a receipt the platform does not hold
    statuses = [c["status"] for c in feed(kiosk)]
    assert statuses == ["待补正", "不予受理"]
    assert "理由：不属于本辖区" in feed(kiosk)[-1]["note"] and "依据：《居民身份证法》第八条" in feed(kiosk)[-1]["note"]
    decision(counter, "accept", RECEIPT)  # 不予受理 is final: nothing moves
    assert [c["status"] for c in feed(kiosk)] == ["待补正", "不予受理"]
    assert feed(counter) == []  # the deciding terminal's own feed hears nothing

    code, out = cli(capsys, platform, "decisions")
    assert code == 0
    rows = out["decisions"]
    assert [(r["decision"], r["submission_received"]) for r in rows] == [
        ("correct", True), ("refuse", True), ("accept", False), ("accept", True),
    ]  # fmt: skip
    assert rows[0]["submission_status"] == "不予受理" and rows[0]["clerk_id"] == "c01" and rows[0]["window"] == "3"
    code, out = cli(capsys, platform, "decisions", "--receipt", RECEIPT)
    assert len(out["decisions"]) == 3


def test_a_decision_stored_before_its_submission_is_applied_when_the_submission_arrives(
    platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    """The counter synced first (order across sync): its decisions wait for the kiosk's submission, then move its
    status in the order they were received; a later decision then applies at once."""
    kiosk = TestTerminal(platform.url, platform.enroll_code())
    counter = TestTerminal(platform.url, platform.enroll_code())
    try:
        decision(counter, "correct", UNSENT, materials=["收入证明"])
        decision(counter, "defer", UNSENT, materials=["户口簿首页"], deadline="2026-12-20")
        code, out = cli(capsys, platform, "decisions", "--receipt", UNSENT)
        assert code == 0
        assert [(r["submission_received"], r["submission_status"]) for r in out["decisions"]] == [(False, None)] * 2
        assert query(platform.store, "SELECT count(*) FROM decisions_awaiting")[0][0] == 2

        submission = kiosk.record({"item_codes": ["530000-GA-0001"]}, receipt_no=UNSENT)
        assert kiosk.client.post("/v1/records", json=submission).status_code == 201
        changes = feed(kiosk)
        assert [c["status"] for c in changes] == ["待补正", "已受理"]
        assert all(c["record_id"] == submission["record_id"] and c["receipt_no"] == UNSENT for c in changes)
        assert "收入证明" in changes[0]["note"] and "2026-12-20" in changes[1]["note"]
        assert query(platform.store, "SELECT count(*) FROM decisions_awaiting")[0][0] == 0
        code, out = cli(capsys, platform, "decisions", "--receipt", UNSENT)
        assert code == 0
        assert [(r["submission_received"], r["submission_status"]) for r in out["decisions"]] == [(True, "已受理")] * 2

        # the same submission again (a retry) moves nothing twice
        assert kiosk.client.post("/v1/records", json=submission).status_code == 200
        assert len(feed(kiosk)) == 2
    finally:
        kiosk.close()
        counter.close()


def test_a_complaint_answer_reaches_the_complaint_terminal_once(
    hall: tuple[InProcessPlatform, TestTerminal, TestTerminal], capsys: pytest.CaptureFixture[str]
) -> None:
    platform, kiosk, _counter = hall
    payload = {"kind": "投诉", "subject": "办理时间", "subject_ref": "", "text": "等了很久", "receipt_no": RECEIPT,
               "reference": "Z0123456789", "contact": {}, "terminal": "53252410320501"}  # fmt: skip
    complaint = kiosk.record(payload, kind="complaint")
    assert kiosk.client.post("/v1/records", json=complaint).status_code == 201
    code, out = cli(capsys, platform, "complaints", "--open")
    assert [c["reference"] for c in out["complaints"]] == ["Z0123456789"]
    code, out = cli(capsys, platform, "complaint-answer", "Z0123456789", "--answer", "已核实，窗口已增派人员。")
    assert code == 0 and out["status"] == "已答复"
    (change,) = feed(kiosk)
    assert change["record_id"] == complaint["record_id"] and change["status"] == "已答复"
    assert change["note"] == "已核实，窗口已增派人员。" and change["receipt_no"] == RECEIPT
    code, err = cli(capsys, platform, "complaint-answer", complaint["record_id"], "--answer", "again")
    assert code == 2 and "answered already" in err
    code, err = cli(capsys, platform, "complaint-answer", "Z9999999999", "--answer", "x")
    assert code == 2 and "no consultation or complaint" in err
    code, out = cli(capsys, platform, "complaints", "--open")
    assert out["complaints"] == []
    code, out = cli(capsys, platform, "complaints")
    assert out["complaints"][0]["answer"] == "已核实，窗口已增派人员。"


def test_bad_rating_followup_deadline_and_overdue_list(
    hall: tuple[InProcessPlatform, TestTerminal, TestTerminal], capsys: pytest.CaptureFixture[str]
) -> None:
    platform, _kiosk, counter = hall
    (signature,) = query(platform.store, "SELECT signature FROM records WHERE receipt_no = ?", RECEIPT)[0]
    bad = rating(counter, RECEIPT, "非常不满意", printed_code({"signature": signature}))
    received = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    code, out = cli(capsys, platform, "rating-overdue", "--today", received.isoformat(), "--catalog", str(DEMO_CATALOG))
    (row,) = out["open"]
    assert row["record_id"] == bad["record_id"] and not row["overdue"] and out["workdays"] == 15
    deadline = dt.date.fromisoformat(row["deadline"])
    assert deadline == add_workdays(received, 15, *_calendar())
    late = deadline + dt.timedelta(days=7)
    code, out = cli(capsys, platform, "rating-overdue", "--today", late.isoformat(), "--catalog", str(DEMO_CATALOG))
    (row,) = out["open"]
    assert code == 0 and row["overdue"] and 1 <= row["overdue_workdays"] <= 5
    followup = ["platform", "rating-followup", RECEIPT, "resolved", "--note", "已整改", "--data", str(platform.data)]
    assert main(followup) == 0
    capsys.readouterr()
    _code, out = cli(capsys, platform, "rating-overdue", "--today", late.isoformat())
    assert out["open"] == []


def _calendar() -> tuple[set[str], set[str]]:
    from sync.platform.backoffice import _calendar as calendar

    return calendar(DEMO_CATALOG)


def test_working_days_skip_weekends_and_holidays_and_count_adjusted_workdays() -> None:
    # 2026-09-30 is a Wednesday; 10-01..10-07 National Day; 10-10 (Saturday) an adjusted working day in the demo
    holidays = {f"2026-10-0{d}" for d in range(1, 8)}
    assert add_workdays(dt.date(2026, 9, 30), 1, holidays) == dt.date(2026, 10, 8)
    assert add_workdays(dt.date(2026, 9, 30), 1, holidays, {"2026-10-03"}) == dt.date(2026, 10, 3)
    assert add_workdays(dt.date(2026, 12, 4), 15) == dt.date(2026, 12, 25)  # Friday + 15 working days
