"""好差评 on the reference platform, case by case from 国办发〔2019〕51号: 评价对象 (what a rating carries and the
service event it belongs to, proven by the receipt's printed check code), 一事一评 (the latest rating of a service is
its rating), 整改反馈 (each 差评's follow-up state, returned to the rating's terminal through its status feed), and
the admin command `yunban platform rating-followup`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from app.cli import main
from sync.platform import admin as platform_main
from sync.platform.errors import PlatformError
from tests.support.platform import InProcessPlatform, TestTerminal

RECEIPT = "5325241032050126112700011"
UNSENT = "5325241032050126112700029"


def printed_code(record: dict[str, Any]) -> str:
    """The 校验码 the issuing terminal printed: SHA-256 over the submission's signature, first 8 hex digits."""
    return hashlib.sha256(record["signature"].encode("ascii")).hexdigest()[:8].upper()


def rating(t: TestTerminal, receipt: str, level: str, code: str, **extra: Any) -> dict[str, Any]:
    payload = {
        "receipt_no": receipt,
        "level": level,
        "score": 1 if level == "非常不满意" else 5,
        "reasons": ["等候时间长"] if level in ("不满意", "非常不满意") else [],
        "text": "",
        "terminal": "53252410320502",
        "check_code": code,
        "proof": "check_code",
        "items": [{"code": "530000-GA-0001", "name": "居民身份证换领", "department": "建水县公安局"}],
        "department": "建水县公安局",
        "channel": "kiosk",
        "window": "",
        "clerk": "",
        "contact_phone": "13987654321",
        "replaces": None,
        **extra,
    }
    record = t.record(payload, kind="evaluation")
    assert t.client.post("/v1/records", json=record).status_code == 201
    return record


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def feed(t: TestTerminal) -> list[dict[str, Any]]:
    reply = t.client.get("/v1/status", params={"cursor": 0})
    reply.raise_for_status()
    changes: list[dict[str, Any]] = reply.json()["changes"]
    return changes


class Hall:
    """Terminal A issued RECEIPT (delivered); terminal B is where the citizen rates it."""

    def __init__(self, platform: InProcessPlatform) -> None:
        self.platform = platform
        self.a = TestTerminal(platform.url, platform.enroll_code())
        self.b = TestTerminal(platform.url, platform.enroll_code())
        self.submission = self.a.record({"item_codes": ["530000-GA-0001"]}, receipt_no=RECEIPT)
        assert self.a.client.post("/v1/records", json=self.submission).status_code == 201
        self.code = printed_code(self.submission)

    def close(self) -> None:
        self.a.close()
        self.b.close()


@pytest.fixture
def hall(platform: InProcessPlatform) -> Iterator[Hall]:
    h = Hall(platform)
    yield h
    h.close()


def test_evaluation_object_is_stored_with_what_the_scheme_rates(hall: Hall) -> None:
    """51号 评价对象: item, implementing department, channel, counter window and clerk, contact for 回访."""
    record = rating(hall.b, RECEIPT, "满意", hall.code, channel="counter", window="3号窗口", clerk="工号 017")
    (row,) = hall.platform.store.ratings.list(RECEIPT)
    assert row["record_id"] == record["record_id"] and row["verification"] == "verified"
    assert row["items"][0]["code"] == "530000-GA-0001" and row["department"] == "建水县公安局"
    assert (row["channel"], row["window"], row["clerk"]) == ("counter", "3号窗口", "工号 017")
    assert row["contact_phone"] == "13987654321" and row["followup"] is None  # a good rating has no 整改


def test_a_wrong_check_code_is_refused_and_said_to_the_rating_terminal(hall: Hall) -> None:
    """51号 评价对象: a rating belongs to one service event; a neighbour's number without its printed code is not it."""
    wrong = "00000000" if hall.code != "00000000" else "11111111"
    record = rating(hall.b, RECEIPT, "非常不满意", wrong)
    (row,) = hall.platform.store.ratings.list(RECEIPT)
    assert row["verification"] == "refused" and row["followup"] is None
    (change,) = feed(hall.b)
    assert change["record_id"] == record["record_id"] and change["status"] == "followup.refused"
    assert feed(hall.a) == []  # the issuing terminal hears nothing of B's rating


def test_a_rating_waits_for_its_receipt_and_is_checked_when_the_submission_arrives(hall: Hall) -> None:
    """51号 评价对象: a receipt no terminal has delivered yet is not refused at once (offline terminals); it is
    checked against the submission when that arrives."""
    submission = hall.a.record({"item_codes": ["530000-MZ-0002"]}, receipt_no=UNSENT)
    rating(hall.b, UNSENT, "不满意", printed_code(submission), items=[])
    (row,) = hall.platform.store.ratings.list(UNSENT)
    assert row["verification"] == "awaiting_receipt" and row["followup"] is None
    assert hall.a.client.post("/v1/records", json=submission).status_code == 201
    (row,) = hall.platform.store.ratings.list(UNSENT)
    assert row["verification"] == "verified" and row["items"][0]["code"] == "530000-MZ-0002"
    assert row["followup"] == "pending" and [c["status"] for c in feed(hall.b)] == ["followup.pending"]


def test_one_service_one_rating_the_latest_replaces(hall: Hall) -> None:
    """51号 一事一评: a second rating of the same service replaces the first; both stay stored."""
    first = rating(hall.b, RECEIPT, "非常不满意", hall.code)
    second = rating(hall.b, RECEIPT, "满意", hall.code, replaces=first["record_id"])
    rows = {r["record_id"]: r for r in hall.platform.store.ratings.list(RECEIPT)}
    assert rows[first["record_id"]]["superseded_by"] == second["record_id"]
    assert rows[second["record_id"]]["superseded_by"] is None
    with pytest.raises(PlatformError, match="not a 差评"):  # the current rating is 满意: nothing to follow up
        platform_main.rating_followup(hall.platform.store, RECEIPT, "resolved", "已回访")


def test_bad_rating_follow_up_goes_pending_in_progress_resolved_and_back_to_the_terminal(hall: Hall) -> None:
    """51号 整改反馈: each 差评 is followed up (回访核实, 整改) and the result is fed back."""
    record = rating(hall.b, RECEIPT, "不满意", hall.code)
    store = hall.platform.store
    assert store.ratings.list(RECEIPT)[0]["followup"] == "pending"
    with pytest.raises(PlatformError, match="note"):
        platform_main.rating_followup(store, RECEIPT, "in_progress", "  ")
    platform_main.rating_followup(store, RECEIPT, "in_progress", "已电话回访，核实排队情况")
    done = platform_main.rating_followup(store, record["record_id"], "resolved", "增设取号机，高峰期增开窗口")
    assert done["followup"] == "resolved"
    with pytest.raises(PlatformError, match="resolved is final"):
        platform_main.rating_followup(store, RECEIPT, "in_progress", "再次处理")
    (row,) = store.ratings.list(RECEIPT)
    assert [f["state"] for f in row["followups"]] == ["pending", "in_progress", "resolved"]
    changes = feed(hall.b)
    assert [c["status"] for c in changes] == ["followup.pending", "followup.in_progress", "followup.resolved"]
    assert all(c["record_id"] == record["record_id"] for c in changes)
    assert changes[-1]["note"] == "增设取号机，高峰期增开窗口"


def test_rating_followup_command(hall: Hall, capsys: pytest.CaptureFixture[str]) -> None:
    """`yunban platform rating-followup` and `yunban platform ratings` (51号 整改反馈, admin side)."""
    rating(hall.b, RECEIPT, "非常不满意", hall.code)
    data = str(hall.platform.data)
    code, out = run_cli(
        capsys, "platform", "rating-followup", "--data", data, RECEIPT, "resolved", "--note", "已整改", "--json"
    )
    assert code == 0 and json.loads(out)["followup"] == "resolved"
    code, out = run_cli(capsys, "platform", "ratings", "--data", data, "--receipt", RECEIPT, "--json")
    assert code == 0 and [f["state"] for f in json.loads(out)[0]["followups"]] == ["pending", "resolved"]
    code, out = run_cli(capsys, "platform", "rating-followup", "--data", data, RECEIPT, "resolved", "--note", "x")
    assert code == 2 and "resolved is final" in out
