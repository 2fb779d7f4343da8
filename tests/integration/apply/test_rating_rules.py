"""好差评 and 进度查询 on the terminal, case by case from 国办发〔2019〕51号 (and docs/receipt-number.md for the
printed number): 差评必须说明理由, 评价对象 (one rating belongs to one service event, proven by the receipt this
terminal issued or by the receipt's printed check code), 一事一评 (a later rating replaces an unsent one), what a
rating carries; the status lookup by a typed number needs the printed check code; the receipt prints the number in
groups while its QR carries the plain number and the code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from app.errors import UserError
from app.records.service import format_receipt_no
from devices.printer.document import QRCode
from sync.platform import admin as platform_main
from tests.integration.apply.conftest import ID_CARD_ITEM, id_card_answers, write_config
from tests.support.platform import InProcessPlatform
from tests.support.records import stored_record

ID = "53252419880315002X"
OTHER_TERMINAL = "53252410320599"  # same division, a terminal number this one is not


def _filled(ctx: AppContext) -> Any:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    svc.apply_card(s, {"card_type": "resident_id", "name": "李明华", "id_number": ID, "gender": "女",
                       "birth_date": "1988-03-15", "address": "云南省建水县西庄镇团山村12号"})  # fmt: skip
    svc.save_page(s, id_card_answers())
    svc.add_page(s, "id_card", b"\xff\xd8 id card page")
    svc.add_page(s, "hukou", b"\xff\xd8 hukou page")
    return s


@pytest.fixture
def issued(ctx: AppContext) -> Any:
    """A submission this terminal finalised: its receipt number and printed check code."""
    return ctx.apply.finalise(_filled(ctx), consent=True)


def payload(ctx: AppContext, record_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(stored_record(ctx.records_db, record_id).payload)
    return data


# ------------------------------------------------------------------------------------------------ 差评必须说明理由


@pytest.mark.parametrize("level", ["不满意", "非常不满意"])
@pytest.mark.parametrize(
    ("reasons", "text", "code"),
    [
        ((), "", "apply.rating_needs_reason"),  # no reason at all
        (("",), "", "apply.rating_reason_blank"),  # an empty reason
        (("   ",), "", "apply.rating_reason_blank"),  # spaces
        (("\u3000\t\n",), "", "apply.rating_reason_blank"),  # ideographic space, tab, newline
        (("\u200b",), "", "apply.rating_reason_blank"),  # zero-width space
        (("。，！？",), "", "apply.rating_reason_blank"),  # Chinese punctuation only
        (("...",), "", "apply.rating_reason_blank"),  # ASCII punctuation only
        ((), "   ", "apply.rating_reason_blank"),  # a written reason of spaces
        ((), "？？？", "apply.rating_reason_blank"),  # a written reason of punctuation
        (("等候时间长", " "), "", "apply.rating_reason_blank"),  # one real reason does not excuse a blank one
        (("其他",), "", "apply.rating_other_needs_text"),  # 其他 says nothing by itself
        (("其他",), "——", "apply.rating_other_needs_text"),
    ],
)
def test_bad_rating_must_state_a_real_reason(
    ctx: AppContext, issued: Any, level: str, reasons: tuple[str, ...], text: str, code: str
) -> None:
    """51号: a 不满意 / 非常不满意 rating must say why (差评必须说明理由); nothing is queued when it does not."""
    before = ctx.records_db.record_count()
    with pytest.raises(UserError) as refused:
        ctx.apply.evaluate(issued.receipt_no, level, reasons, text)
    assert refused.value.code == code and ctx.records_db.record_count() == before


@pytest.mark.parametrize(
    ("reasons", "text", "stored_reasons", "stored_text"),
    [
        (("等候时间长",), "", ["等候时间长"], ""),
        ((" 材料要求反复 ",), "  ", ["材料要求反复"], ""),  # trimmed; blank text dropped beside a real reason
        (("其他",), "窗口中午无人", ["其他"], "窗口中午无人"),
        ((), "排队一小时", [], "排队一小时"),  # a written reason is a reason
        ((), "Ｗ３窗口没人", [], "Ｗ３窗口没人"),  # full-width letters and digits say something
    ],
)
def test_bad_rating_with_a_real_reason_is_queued(
    ctx: AppContext, issued: Any, reasons: tuple[str, ...], text: str, stored_reasons: list[str], stored_text: str
) -> None:
    """51号 差评必须说明理由: a chosen reason or a written one is enough."""
    result = ctx.apply.evaluate(issued.receipt_no, "不满意", reasons, text)
    p = payload(ctx, result.record_id)
    assert (p["reasons"], p["text"], p["score"]) == (stored_reasons, stored_text, 2)


def test_good_ratings_need_no_reason(ctx: AppContext, issued: Any) -> None:
    """51号: only 不满意 and 非常不满意 must say why; the three good levels need nothing more."""
    for level in ("非常满意", "满意", "基本满意"):
        assert payload(ctx, ctx.apply.evaluate(issued.receipt_no, level).record_id)["level"] == level


# ------------------------------------------------------------------------------------------------ 评价对象


def test_rating_carries_what_the_scheme_rates(ctx: AppContext, issued: Any) -> None:
    """51号 评价对象: the item (code, name), its implementing department, the channel, at a counter the window or
    clerk, and an optional contact for the follow-up call (回访)."""
    result = ctx.apply.evaluate(
        issued.receipt_no, "非常不满意", ["工作人员态度不好"], window=" 3号窗口 ", clerk="工号 017",
        contact_phone="139 8765 4321",
    )  # fmt: skip
    p = payload(ctx, result.record_id)
    assert p["receipt_no"] == issued.receipt_no and p["proof"] == "issued_here"
    assert p["check_code"] == issued.verification  # the platform checks it against the submission
    assert [(i["code"], bool(i["name"])) for i in p["items"]] == [(ID_CARD_ITEM, True)]
    assert p["department"] and p["department"] == p["items"][0]["department"]
    assert p["channel"] == ctx.config.terminal.role == "kiosk"
    assert (p["window"], p["clerk"], p["contact_phone"]) == ("3号窗口", "工号 017", "13987654321")
    with pytest.raises(UserError) as bad_phone:
        ctx.apply.evaluate(issued.receipt_no, "满意", contact_phone="12")
    assert bad_phone.value.code == "apply.contact_phone_invalid"


def test_a_number_this_terminal_never_issued_is_refused(ctx: AppContext, issued: Any) -> None:
    """51号 评价对象: a rating belongs to a service event; a well-formed number under this terminal's own code that it
    never issued is no service at all, with or without a code."""
    never = format_receipt_no(ctx.records.terminal_code, dt.date(2026, 1, 5), 9998)
    for code in (None, "", "ABCDEF12", issued.verification):
        with pytest.raises(UserError) as refused:
            ctx.apply.evaluate(never, "满意", check_code=code)
        assert refused.value.code == "apply.rating_unknown_receipt"


def test_another_terminals_receipt_needs_its_printed_check_code(ctx: AppContext) -> None:
    """51号 评价对象: a receipt from another terminal of the hall is proven only by its printed check code (typed, or
    read from the receipt QR); the platform then checks the code against the submission."""
    number = format_receipt_no(OTHER_TERMINAL, dt.date(2026, 11, 27), 1)
    cases = [
        (None, "apply.rating_unknown_receipt"),
        ("", "apply.check_code_needed"),
        ("12 34", "apply.check_code_malformed"),
        ("GHIJKLMN", "apply.check_code_malformed"),
    ]
    for code, expected in cases:
        with pytest.raises(UserError) as refused:
            ctx.apply.evaluate(number, "满意", check_code=code)
        assert refused.value.code == expected
    typed = ctx.apply.evaluate(number, "满意", check_code="ab cd-ef 12")  # spaces, dashes, lower case
    assert payload(ctx, typed.record_id)["check_code"] == "ABCDEF12"
    scanned = ctx.apply.evaluate(f"YBR1:{number}:0A1B2C3D", "满意")  # the QR carries the code
    p = payload(ctx, scanned.record_id)
    assert (p["check_code"], p["proof"], p["items"]) == ("0A1B2C3D", "check_code", [])
    assert scanned.replaced == typed.record_id  # 一事一评 holds across the two ways in


def test_this_terminals_receipt_with_a_wrong_code_is_refused(ctx: AppContext, issued: Any) -> None:
    """51号 评价对象: the code typed for this terminal's receipt is checked here, before anything is queued."""
    wrong = "00000000" if issued.verification != "00000000" else "11111111"
    with pytest.raises(UserError) as refused:
        ctx.apply.evaluate(issued.receipt_no, "满意", check_code=wrong)
    assert refused.value.code == "apply.check_code_wrong"
    grouped = " ".join((issued.receipt_no[:12], issued.receipt_no[12:14], issued.receipt_no[14:20],
                        issued.receipt_no[20:24], issued.receipt_no[24:]))  # fmt: skip
    ok = ctx.apply.evaluate(grouped, "满意", check_code=issued.verification.lower())
    assert payload(ctx, ok.record_id)["proof"] == "check_code"


# ------------------------------------------------------------------------------------------------ 一事一评


def test_one_service_one_rating_a_later_one_replaces_it_until_sent(ctx: AppContext, issued: Any) -> None:
    """51号 一事一评: one rating per service. Unsent, the later rating withdraws the earlier one from the outbox; once
    the earlier is delivered, the new one is a new record naming it (the platform keeps the latest)."""
    first = ctx.apply.evaluate(issued.receipt_no, "非常不满意", ["等候时间长"])
    second = ctx.apply.evaluate(issued.receipt_no, "满意")
    assert second.replaced == first.record_id and ctx.records_db.get_record(first.record_id) is None
    evaluations = [e for e in ctx.records_db.pending() if e.record.kind == "evaluation"]
    assert [e.record.record_id for e in evaluations] == [second.record_id]
    assert payload(ctx, second.record_id)["replaces"] is None
    ctx.records_db.mark_delivered(second.record_id, result="stored", http_status=201, at="2026-11-27T03:00:00Z")
    third = ctx.apply.evaluate(issued.receipt_no, "基本满意")
    assert third.replaced is None and payload(ctx, third.record_id)["replaces"] == second.record_id
    assert ctx.records_db.get_record(second.record_id) is not None  # delivered records are never withdrawn


# ------------------------------------------------------------------------------------------------ 进度查询


def test_status_by_typed_number_needs_the_printed_check_code(ctx: AppContext, issued: Any) -> None:
    """Receipt numbers are sequential: a typed number alone shows nothing; the message says where the code is."""
    with pytest.raises(UserError) as refused:
        ctx.apply.status(issued.receipt_no)
    assert refused.value.code == "apply.check_code_needed" and "二维码下方" in str(refused.value)
    assert ctx.apply.status(issued.receipt_no, issued.verification).found
    full_width = issued.receipt_no.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert ctx.apply.status(f" {full_width[:12]} {full_width[12:]} ", issued.verification.lower()).found
    wrong = "00000000" if issued.verification != "00000000" else "11111111"
    assert not ctx.apply.status(issued.receipt_no, wrong).found  # like an unknown number: no oracle
    assert ctx.apply.status(f"YBR1:{issued.receipt_no}:{issued.verification}").found


def test_status_shows_the_follow_up_of_a_bad_rating(ctx: AppContext, issued: Any) -> None:
    """51号 整改反馈: the platform's follow-up state of a 差评 comes back through the status feed."""
    bad = ctx.apply.evaluate(issued.receipt_no, "不满意", ["等候时间长"])
    ctx.records_db.apply_status_changes(
        [{"cursor": 1, "record_id": bad.record_id, "receipt_no": issued.receipt_no, "status": "followup.in_progress",
          "note": "已电话回访", "at": "2026-11-28T02:00:00Z"}],
        1,
    )  # fmt: skip
    view = ctx.apply.status(issued.receipt_no, issued.verification)
    (link,) = [c for c in view.complaints if c["kind"] == "evaluation"]
    assert (link["status"], link["note"]) == ("followup.in_progress", "已电话回访")


# ------------------------------------------------------------------------------------------------ the receipt


def test_receipt_prints_the_number_in_groups_and_the_qr_carries_the_plain_number_and_code(
    ctx: AppContext, issued: Any
) -> None:
    """docs/receipt-number.md layout: division 12, terminal 2, date 6, sequence 4, check 1, printed in those groups."""
    doc = ctx.apply.receipts.receipt_document(issued.receipt_no)
    texts = [getattr(b, "text", "") for b in doc.blocks]
    n = issued.receipt_no
    assert f"{n[:12]} {n[12:14]} {n[14:20]} {n[20:24]} {n[24]}" in texts and n not in texts
    qr = [b.data for b in doc.blocks if isinstance(b, QRCode)]
    assert qr == [f"YBR1:{n}:{issued.verification}"]
    assert f"校验码 {issued.verification}" in texts


# ------------------------------------------------------------------------------------------------ round trip


def test_bad_rating_follow_up_travels_back_to_the_status_lookup(ctx: AppContext, home: Path, tmp_path: Path) -> None:
    """51号 整改反馈 end to end: a 差评 given offline is delivered, verified by the platform against the submission
    (finalised unsigned, so its check code is over the content hash), followed up by the hall's staff, and the state
    comes back through the status feed into the kiosk's status lookup."""
    result = ctx.apply.finalise(_filled(ctx), consent=True)
    bad = ctx.apply.evaluate(result.receipt_no, "非常不满意", ["材料要求反复"], contact_phone="13987654321")
    with InProcessPlatform(tmp_path / "platform") as platform:
        ctx.close()
        write_config(home, platform=platform.url)
        online = AppContext(home)
        try:
            online.enrollment.enroll(platform.enroll_code())
            assert online.sync.run_until_idle(timeout_s=60).pending == 0
            (row,) = platform.store.ratings.list(result.receipt_no)
            assert (row["record_id"], row["verification"], row["followup"]) == (bad.record_id, "verified", "pending")
            assert row["contact_phone"] == "13987654321" and row["items"][0]["code"] == ID_CARD_ITEM
            platform_main.rating_followup(platform.store, result.receipt_no, "in_progress", "已电话回访")
            online.sync.run_until_idle(timeout_s=60)
            view = online.apply.status(result.receipt_no, result.verification)
            (link,) = [c for c in view.complaints if c["kind"] == "evaluation"]
            assert (link["status"], link["note"]) == ("followup.in_progress", "已电话回访")
        finally:
            online.close()
