"""A flow that tells the truth, on the apply service (issue 13 §3, §4), as a citizen meets it at the kiosk:

- 居民身份证换领 needs an on-site photo, fingerprints and a fee (catalog: 办理方式 自助终端 不支持): the kiosk takes a
  预申请 only, printed as such with where, when and which fee, never a 受理回执 promising a date;
- the ID card lying on the reader is not asked for again (materials, 一次性告知书, receipt);
- a value read from the card is changed only with a reason, kept on the record; the 告知承诺 is recorded;
- the receipt names the implementing department and place, hours, phone, fee, the pickup window for 窗口领取, the
  applicant masked, the number in groups, and 演示 on demo data.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.apply.counter import card_covers
from app.context import AppContext
from app.errors import UserError
from app.model.apply import CONSENT_TEXT
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import ID_CARD_ITEM, id_card_answers, jpeg_page
from tests.support.records import stored_record

ID = "53252419880315002X"
SOCIAL_CARD_ITEM = "530000-RS-0007"
"""社会保障卡申领: offered on self-service terminals."""
CARD: dict[str, Any] = {
    "card_type": "resident_id",
    "name": "李明华",
    "id_number": ID,
    "gender": "女",
    "birth_date": "1988-03-15",
    "address": "云南省建水县西庄镇团山村12号",
}


def flat(text: str) -> str:
    """The printed text without the line breaks and indents the 58 mm paper wraps it into."""
    return "".join(text.split())


def payload_of(ctx: AppContext, record_id: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(stored_record(ctx.records_db, record_id).payload)
    return loaded


def test_an_item_needing_photo_fingerprints_and_fee_is_only_pre_applied_for_at_the_kiosk(
    ctx: AppContext, vp: VirtualPrinter
) -> None:
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM)  # the kiosk channel
    assert session.pre_application
    where = session.items[0].counter
    assert where is not None
    # Where and how to apply in person, from the catalog: window, hours, fee, the on-site steps, what to bring.
    assert where.place.endswith("公安窗口") and "9:00" in where.hours and where.fee == "换领每证20元"
    assert any("相片" in step and "指纹" in step for step in where.on_site)
    assert any(b.startswith("原居民身份证") for b in where.bring) and any("户口簿" in b for b in where.bring)
    svc.apply_card(session, CARD)
    svc.save_page(session, id_card_answers())
    review = svc.review(session)
    # The 户口簿 is still missing: a pre-application goes on (it is brought to the window), no 一次性告知 blocks it.
    assert review.pre_application and review.can_finalise and not review.needs_notice and review.owed == ("居民户口簿",)
    assert review.promised_date is None  # no completion date is promised for what has not been accepted
    result = svc.finalise(session, print_receipt=True, consent=True)
    assert result.pre_application and result.due_date is None and result.card_read
    assert result.counter == where and result.pickup == where.place  # 窗口领取 at the same window
    printed = vp.wait_for_jobs(1)[0].text
    text = flat(printed)
    assert "预申请回执" in text and "受理回执" not in text and "不是受理凭证" in text
    assert "承诺办结：" not in text and "正式受理" in text
    assert where.place in text and "换领每证20元" in text and "指纹" in text and "居民户口簿" in text
    assert "演示" in text  # printed from the demo catalog
    payload = payload_of(ctx, result.record_id)
    assert payload["pre_application"] is True and payload["promised_date"] is None
    # 进度查询 with the printed number and check code says it is a pre-application, not accepted.
    status = svc.status(result.receipt_no, result.verification)
    assert status.found and status.pre_application and status.due_date is None


def test_the_same_item_is_accepted_whole_at_the_counter_and_a_self_service_item_at_the_kiosk(
    ctx: AppContext,
) -> None:
    svc = ctx.apply
    assert not svc.start(ID_CARD_ITEM, channel="counter").pre_application
    kiosk = svc.start(SOCIAL_CARD_ITEM)
    assert not kiosk.pre_application and kiosk.items[0].self_service


def test_the_id_card_on_the_reader_is_not_asked_for_again(ctx: AppContext, vp: VirtualPrinter) -> None:
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM, channel="counter")
    before = svc.review(session)
    assert "原居民身份证" in before.owed  # nothing read yet: the card is one of the materials
    svc.apply_card(session, CARD)
    after = svc.review(session)
    assert after.owed == ("居民户口簿",) and after.from_card == ("原居民身份证",)
    assert after.needs_notice  # the 户口簿 is still missing and this item allows no 容缺
    assert svc.print_notice(session).printed
    notice = flat(vp.wait_for_jobs(1)[0].text)
    owed_part = notice.split("请备齐后再来办理")[1].split("已读卡核验")[0]
    assert "居民户口簿" in owed_part and "原居民身份证" not in owed_part
    assert "一次性告知书" in notice and "户主页和本人页齐全" in notice  # the material's requirement
    assert "李*华" in notice and "李明华" not in notice  # the applicant, masked
    assert "公安窗口" in notice and "换领每证20元" in notice and "0873-7653391" in notice and "演示" in notice


def test_a_social_security_card_or_several_peoples_ids_are_not_the_id_card(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM, channel="counter")
    svc.apply_card(session, {**CARD, "card_type": "social_security"})
    assert "原居民身份证" in svc.review(session).owed
    slot = session.slots[0]
    assert card_covers(slot)
    slot.name = "夫妻双方居民身份证"
    assert not card_covers(slot)


def test_a_value_read_from_the_card_is_corrected_only_with_a_reason_kept_on_the_record(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM, channel="counter")
    svc.apply_card(session, CARD)
    assert session.card_fields["id_number"] == ID and "address" in session.card_fields  # locked on screen
    with pytest.raises(UserError) as blank:
        svc.correct_card_field(session, "address", "   ")
    assert blank.value.code == "apply.correction_reason"
    svc.correct_card_field(session, "address", "已搬家，住址变更")
    assert "address" not in session.card_fields and session.corrections == {"address": "已搬家，住址变更"}
    svc.apply_card(session, CARD)  # laying the card again does not lock the corrected field again
    assert "address" not in session.card_fields
    svc.save_page(session, {"address": "云南省建水县临安镇新街8号", **id_card_answers()})
    svc.add_page(session, "hukou", jpeg_page())
    result = svc.finalise(session, consent=True)
    payload = payload_of(ctx, result.record_id)
    assert payload["card_corrections"] == [{"field_id": "address", "reason": "已搬家，住址变更"}]
    assert payload["consent"]["text"] == CONSENT_TEXT and payload["consent"]["at"].endswith("Z")


def test_the_receipt_tells_what_happens_next(ctx: AppContext, vp: VirtualPrinter) -> None:
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM, channel="counter")
    svc.apply_card(session, CARD)
    svc.save_page(session, id_card_answers())  # delivery: 窗口领取
    svc.add_page(session, "hukou", jpeg_page())
    result = svc.finalise(session, print_receipt=True, consent=True)
    assert not result.pre_application and result.due_date is not None
    printed = vp.wait_for_jobs(1)[0].text
    text = flat(printed)
    grouped = " ".join((result.receipt_no[:12], result.receipt_no[12:14], result.receipt_no[14:20],
                        result.receipt_no[20:24], result.receipt_no[24:]))  # fmt: skip
    assert "受理回执" in text and grouped in printed
    assert "李*华" in text and "李明华" not in text and ID not in text and "5325**********002X" in text
    assert "已读卡核验：原居民身份证" in text
    for part in ("实施部门", "建水县公安局", "办理地点", "办理时间", "收费", "换领每证20元", "咨询电话",
                 "领取地点", "承诺办结", result.due_date, "演示"):  # fmt: skip
        assert part in text, part
