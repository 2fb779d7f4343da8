"""The apply flow end to end on real parts: GA 467 emulator on a pty, SANE test scanner, virtual printer, records.db,
then the platform receives what was finalised offline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app.context import AppContext
from app.devices.cards import CardReadFailed
from app.devices.scanning import ScanFailedError, ScanRequest
from app.errors import UserError
from app.identity.masking import mask_id
from devices.emulators.ga467_pty import Ga467PtyEmulator
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import (
    DIBAO_ITEM,
    ID_CARD_ITEM,
    PASSPHRASE,
    SIGNATURE_PNG,
    THEME,
    dibao_answers,
    id_card_answers,
    jpeg_page,
    write_config,
)
from tests.support.platform import InProcessPlatform
from tests.support.records import stored_outbox, stored_record

ID = "53252419880315002X"


def test_id_card_renewal_offline_card_scan_receipt(ctx: AppContext, vp: VirtualPrinter) -> None:
    svc = ctx.apply
    # At the counter: the renewal needs an on-site photo, fingerprints and a fee, so only staff accept it whole
    # (a kiosk takes a 预申请: tests/unit/apply/test_truthful_flow.py).
    session = svc.start(ID_CARD_ITEM, channel="counter")
    card = ctx.identity.read_card(timeout=10)
    pre = svc.apply_card(session, card)
    assert pre.answers["applicant_name"] == "李明华" and pre.answers["id_number"] == ID
    assert pre.answers["birth_date"] == "1988-03-15" and not pre.expired
    assert svc.save_page(session, id_card_answers()) == {}
    # Both required materials scanned on SANE's test backend; the review says nothing is owed.
    assert svc.scan_into(session, "id_card", ScanRequest(resolution=50)) >= 1
    assert svc.scan_into(session, "hukou", ScanRequest(resolution=50)) >= 1
    review = svc.review(session)
    assert review.can_finalise and review.owed == () and not review.needs_notice
    assert any(line.value == mask_id(ID) for line in review.lines)  # masked on the review, too
    result = svc.finalise(session, print_receipt=True, consent=True)
    assert result.printed and not result.print_queued
    job = vp.wait_for_jobs(1)[0]
    assert job.png is not None and job.png.is_file()
    assert result.receipt_no in job.text.replace(" ", "") and "5325**********002X" in job.text and ID not in job.text
    assert result.due_date is not None
    assert "受理回执" in job.text and "居民身份证换领" in job.text and result.due_date in job.text
    assert any(result.receipt_no in qr and result.verification in qr for qr in job.qr_codes)
    # Finalised: immutable record + outbox row; the draft is gone.
    rec = ctx.records_db.get_record(result.record_id)
    assert rec is not None and rec.receipt_no == result.receipt_no
    assert stored_outbox(ctx.records_db, result.record_id).stage == "attachments"
    assert svc.kept_drafts.drafts() == []
    payload = json.loads(rec.payload)
    assert payload["applicant"]["id_number"] == ID and len(payload["attachments"]) >= 2


def test_dibao_with_deferred_material_file_import_and_signature(ctx: AppContext, tmp_path: Path) -> None:
    svc = ctx.apply
    session = svc.start(DIBAO_ITEM, channel="counter")
    svc.apply_card(session, ctx.identity.read_card(timeout=10))
    assert session.answers["division"] == ctx.config.terminal.division_code  # terminal.division prefill
    errors = svc.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG})
    assert errors == {}
    scan = tmp_path / "申请书.jpg"
    scan.write_bytes(jpeg_page())
    svc.add_page(session, "application_upload", scan)
    svc.add_page(session, "hukou_upload", scan.read_bytes())
    review = svc.review(session)
    assert not review.can_finalise and "居民身份证" in "".join(review.owed)
    assert not review.needs_notice  # 容缺 is allowed: no 一次性告知 slip, the citizen may defer instead
    for slot in session.slots:
        if slot.owed:
            svc.mark_deferred(session, slot.slot_id)  # 容缺: this item allows it
    review = svc.review(session)
    assert review.can_finalise and review.deferred and not review.owed
    result = svc.finalise(session, consent=True)
    view = svc.status(result.receipt_no, result.verification)  # a typed number needs its printed check code
    assert view.found and view.outbox == "attachments" and view.due_date == result.due_date
    # Same page twice: one content-addressed attachment; the card's photo travels as one more.
    atts = stored_outbox(ctx.records_db, result.record_id).attachments
    assert sorted(a.name for a in atts) == ["applicant-photo.wlt", "application-p1.jpg", "hukou-p1.jpg"]


def test_theme_merges_shared_fields_and_names_every_item(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(THEME)
    codes = session.item_codes
    assert len(codes) > 1 and session.theme_code == THEME
    ids = [f.id for f in session.form.fields]
    assert len(ids) == len(set(ids))
    shared = [fid for fid in ids if sum(fid in p.field_map for p in session.items) > 1]
    assert "applicant_name" in shared  # asked once, mapped back to each item
    answers: dict[str, object] = {}
    for f in session.form.fields:
        if f.type == "material" or not f.required:
            continue
        answers[f.id] = {
            "text": "王芳",
            "phone": "13800138000",
            "id_number": ID,
            "date": "2026-11-20",
            "number": 3,
            "amount": "3.20",
            "yesno": True,
            "division": ctx.config.terminal.division_code,
            "signature": SIGNATURE_PNG,
        }.get(f.type, f.options[0].value if f.options else "x")
    answers["birth_cert_no"] = "Q530012345"  # 出生医学证明编号: letter + 9 digits
    svc.save_page(session, answers)
    for slot in session.slots:
        if slot.required:
            svc.add_page(session, slot.slot_id, f"page of {slot.material_id}".encode())
    errors = svc.validate(session)
    assert errors == {}, errors
    result = svc.finalise(session, consent=True)
    payload = json.loads(stored_record(ctx.records_db, result.record_id).payload)
    assert payload["item_codes"] == list(codes) and payload["theme_code"] == THEME
    for part in payload["items"]:
        assert part["answers"].get("applicant_name", "王芳") == "王芳"


def test_platform_receives_byte_identical_attachments_after_offline_submissions(
    ctx: AppContext, home: Path, tmp_path: Path
) -> None:
    svc = ctx.apply
    pages = {"id_card": b"\xff\xd8front" + bytes(1_500_000), "hukou": b"\xff\xd8hukou" + bytes(range(256)) * 9000}
    receipts = []
    card = ctx.identity.read_card(timeout=10)
    for _ in range(2):
        s = svc.start(ID_CARD_ITEM)
        svc.apply_card(s, card)
        svc.save_page(s, id_card_answers())
        for slot, data in pages.items():
            svc.add_page(s, slot, data)
        receipts.append(svc.finalise(s, consent=True))
    # The store is encrypted at rest: no plaintext page on disk.
    for data in pages.values():
        sha = hashlib.sha256(data).hexdigest()
        assert (home / "attachments" / sha[:2] / sha).read_bytes()[:4] == b"YBE1"
    with InProcessPlatform(tmp_path / "platform") as platform:
        ctx.close()
        write_config(home, platform=platform.url)
        online = AppContext(home)
        try:
            online.enrollment.enroll(platform.enroll_code())
            report = online.sync.run_until_idle(timeout_s=60)
            assert report.pending == 0 and report.delivered == 2, report
            for r in receipts:
                stored = platform.store.record(r.record_id)
                assert stored["receipt_no"] == r.receipt_no
                assert stored["payload"]["applicant"]["id_number"] == ID
            for data in pages.values():
                sha = hashlib.sha256(data).hexdigest()
                assert (platform.data / "blobs" / sha).read_bytes() == data
            view = online.apply.status(receipts[0].receipt_no, receipts[0].verification)
            assert view.outbox == "delivered" and view.last_heard
        finally:
            online.close()


# ------------------------------------------------------------------------------------------------ failure cases


def test_printer_out_of_paper_at_the_end_submission_stands(ctx: AppContext, vp: VirtualPrinter) -> None:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    svc.apply_card(s, ctx.identity.read_card(timeout=10))
    svc.save_page(s, id_card_answers())
    svc.add_page(s, "id_card", b"front")
    svc.add_page(s, "hukou", b"hukou")
    vp.set_paper("out")
    result = svc.finalise(s, print_receipt=True, consent=True)
    assert not result.printed and result.print_queued and result.job_id
    assert result.print_message and "提交成功" in result.print_message  # the citizen is told
    assert ctx.records_db.find_by_receipt(result.receipt_no) is not None
    assert [j.title for j in ctx.printer.pending()] == [f"受理回执 {result.receipt_no}"]
    vp.set_paper("ok")
    again = svc.reprint(result.receipt_no)
    assert again.printed and ctx.printer.pending() == []
    job = vp.wait_for_jobs(1)[-1]
    assert result.receipt_no in job.text.replace(" ", "")  # printed in groups


def test_card_lifted_mid_read_leaves_the_form_untouched(ctx: AppContext, emulator: Ga467PtyEmulator) -> None:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    emulator.set_fault("lift_mid_read", once=True)
    with pytest.raises(CardReadFailed):
        svc.apply_card(s, ctx.identity.read_card(timeout=5))
    assert s.answers == {} and s.card is None


def test_hand_typed_id_failing_its_check(ctx: AppContext) -> None:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    errors = svc.save_page(s, {"applicant_name": "李明华", "id_number": "532524198803150021"})
    assert set(errors) == {"id_number"} and errors["id_number"].code == "gb11643"
    assert s.answers["id_number"] == "532524198803150021"  # typed input is kept to be corrected
    with pytest.raises(Exception, match="表单还有"):
        svc.finalise(s, consent=True)


def test_expired_card_warns(ctx: AppContext) -> None:
    svc = ctx.apply
    card = {"card_type": "resident_id", "name": "赵六", "id_number": ID, "valid_to": "2020-01-01"}
    renew = svc.apply_card(svc.start(ID_CARD_ITEM), card)
    assert renew.expired and "过期" in renew.warnings[0] and "换领" in renew.warnings[0]
    other = svc.apply_card(svc.start(DIBAO_ITEM), card)
    assert other.expired and not other.refused and "请尽快换领；本事项仍可申请" in other.warnings[0]
    assert "2020-01-01" in other.warnings[0]
    lifelong = svc.apply_card(svc.start(DIBAO_ITEM), {**card, "valid_to": "长期"})
    assert not lifelong.expired and lifelong.warnings == ()


def test_material_scan_failing_keeps_the_slot(ctx: AppContext) -> None:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    svc.add_page(s, "id_card", b"first page")
    request = ScanRequest(source="adf", resolution=50, sane_options=(("read_return_value", "SANE_STATUS_JAMMED"),))
    with pytest.raises(ScanFailedError):
        svc.scan_into(s, "id_card", request)
    slot = s.slot("material.id_card")
    assert slot is not None and len(slot.pages) == 1
    # The jam was this scan's option only: the next scan works (the driver puts the backend's options back).
    assert svc.scan_into(s, "id_card", ScanRequest(resolution=50)) == 1


def test_a_counter_scanner_set_to_its_feeder_takes_the_whole_stack(ctx: AppContext) -> None:
    """`devices.scanner.source = "adf"` (a counter's feeder scanner): one 扫描 brings every page of the stack into
    the slot, at the configured resolution."""
    import dataclasses
    import io

    from PIL import Image

    ctx.scanner.config = dataclasses.replace(ctx.scanner.config, device="test:1", source="adf", resolution=75)
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    added = 0
    for _ in range(3):  # the test backend's feeder runs empty every 11th page (its counter is shared by all tests)
        try:
            added = svc.scan_into(s, "id_card")
        except ScanFailedError as exc:
            assert exc.code == "no_docs"
            continue
        if added > 1:
            break
    slot = s.slot("material.id_card")
    assert slot is not None and added > 1 and len(slot.pages) >= added
    first = Image.open(io.BytesIO(svc.page_bytes(s, slot.slot_id, 0)))
    assert first.width < 700  # 200 mm at 75 dpi is 591 px (1,575 px at the default 200 dpi)


def test_deferral_refused_where_the_item_does_not_allow_it(ctx: AppContext) -> None:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM, channel="counter")
    with pytest.raises(Exception, match="容缺"):
        svc.mark_deferred(s, "hukou")
    review = svc.review(s)
    assert review.needs_notice and "居民户口簿" in review.owed


def test_ten_megabytes_pasted_into_a_field(ctx: AppContext) -> None:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    errors = svc.save_page(s, {"applicant_name": "张" * 10_000_000})
    assert errors["applicant_name"].code == "too_long"
    with pytest.raises(Exception, match="表单还有"):
        svc.finalise(s, consent=True)


def test_unknown_field_in_answers_is_refused(ctx: AppContext) -> None:
    svc = ctx.apply
    with pytest.raises(UserError, match="表单没有这个字段") as unknown:
        svc.save_page(svc.start(ID_CARD_ITEM), {"not_a_field": 1})
    assert unknown.value.code == "apply.no_such_field" and "not_a_field" in unknown.value.message("en")


def test_keyring_passphrase_is_what_guards_the_data(home: Path) -> None:
    assert PASSPHRASE  # the fixture's keystore is the file backend, unlocked by this passphrase
