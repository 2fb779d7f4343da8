"""Drafts, idle wipe, after-service records, status, power cut, CLI, PDFs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.context import AppContext
from app.errors import UserError
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import DIBAO_ITEM, ID_CARD_ITEM, dump, id_card_answers, jpeg_page
from tests.support.records import stored_record

ID = "53252419880315002X"


def _filled(ctx: AppContext) -> Any:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM)
    svc.apply_card(s, {"card_type": "resident_id", "name": "李明华", "id_number": ID, "gender": "女",
                       "birth_date": "1988-03-15", "address": "云南省建水县西庄镇团山村12号"})  # fmt: skip
    svc.save_page(s, id_card_answers())
    svc.add_page(s, "id_card", b"\xff\xd8 id card page")
    svc.add_page(s, "hukou", b"\xff\xd8 hukou page")
    return s


def _holds(obj: Any, needle: str, seen: set[int] | None = None) -> bool:
    """True if `needle` appears anywhere reachable from obj (fields, containers, strings, bytes)."""
    seen = seen if seen is not None else set()
    if id(obj) in seen:
        return False
    seen.add(id(obj))
    if isinstance(obj, str):
        return needle in obj
    if isinstance(obj, bytes | bytearray):
        return needle.encode() in obj
    if isinstance(obj, dict):
        return any(_holds(k, needle, seen) or _holds(v, needle, seen) for k, v in obj.items())
    if isinstance(obj, list | tuple | set | frozenset):
        return any(_holds(v, needle, seen) for v in obj)
    slots = getattr(type(obj), "__slots__", ())
    fields = [getattr(obj, n) for n in slots if hasattr(obj, n)]
    fields += list(getattr(obj, "__dict__", {}).values())
    return any(_holds(v, needle, seen) for v in fields)


def _raw_db(home: Path) -> bytes:
    raw = (home / "records.db").read_bytes()
    for wal in home.glob("records.db-wal"):
        raw += wal.read_bytes()
    return raw


def test_drafts_and_finalised_payloads_are_encrypted_in_records_db(ctx: AppContext, home: Path) -> None:
    s = _filled(ctx)
    assert ctx.apply.kept_drafts.drafts()[0].title == "居民身份证换领"
    raw = _raw_db(home)
    assert ID.encode() not in raw and "李明华".encode() not in raw and s.session_id.encode() in raw
    result = ctx.apply.finalise(s, consent=True)
    ctx.apply.evaluate(result.receipt_no, "满意")
    raw = _raw_db(home)
    assert ID.encode() not in raw and "李明华".encode() not in raw and b"13800138000" not in raw
    stored = ctx.records_db.conn.execute("SELECT payload FROM records WHERE record_id = ?", (result.record_id,))
    assert stored.fetchone()[0].startswith("enc1:")
    # Readers (outbox, export, status) see the plaintext the content hash covers.
    from sync.protocol import content_hash

    row = ctx.records_db.get_record(result.record_id)
    assert row is not None and content_hash(json.loads(row.payload)) == row.content_hash


def test_idle_wipe_leaves_no_id_number_and_drops_the_kiosk_draft(ctx: AppContext) -> None:
    s = _filled(ctx)
    assert _holds(s, ID)
    ctx.apply.discard(s)
    assert not _holds(s, ID) and not _holds(s, "李明华") and s.wiped
    assert ctx.apply.kept_drafts.drafts() == []
    with pytest.raises(UserError, match="会话已结束") as wiped:
        ctx.apply.save_page(s, {"phone": "13800138000"})
    assert wiped.value.code == "apply.session_wiped" and "wiped" in wiped.value.message("en")


def test_kept_draft_survives_the_wipe_and_resumes_by_code(ctx: AppContext) -> None:
    s = _filled(ctx)
    s.answers["old_question"] = "a field a form update removed"  # as if the definition dropped it
    code = ctx.apply.keep_draft(s)
    assert code.startswith("D") and len(code) == 10
    ctx.apply.discard(s)
    back = ctx.apply.resume_draft(code.lower())
    assert back.answers["id_number"] == ID and back.answers["phone"] == "13800138000"
    assert [r.field_id for r in back.removed] == ["old_question"]  # kept aside for the operator
    assert [len(sl.pages) for sl in back.slots if sl.required] == [1, 1]
    result = ctx.apply.finalise(back, consent=True)
    payload = json.loads(stored_record(ctx.records_db, result.record_id).payload)
    assert payload["removed_answers"][0]["field_id"] == "old_question"
    with pytest.raises(Exception, match="没有找到草稿"):
        ctx.apply.resume_draft(code)  # finalised: the draft is gone


def test_counter_drafts_persist_after_discard(ctx: AppContext) -> None:
    s = ctx.apply.start(DIBAO_ITEM, channel="counter")
    ctx.apply.save_page(s, {"phone": "13987654321"})
    ctx.apply.discard(s)
    assert len(ctx.apply.kept_drafts.drafts()) == 1


def test_evaluation_complaint_and_status_feed(ctx: AppContext) -> None:
    svc = ctx.apply
    result = svc.finalise(_filled(ctx), consent=True)
    with pytest.raises(Exception, match="原因"):
        svc.evaluate(result.receipt_no, "非常不满意")
    with pytest.raises(UserError, match="受理编号格式或校验位不对") as invalid:
        svc.evaluate("5325241032050126112700019", "满意")  # wrong check character
    assert invalid.value.code == "apply.invalid_receipt_number"
    ev = svc.evaluate(result.receipt_no, "不满意", ["等候时间长"], "排队一小时")
    payload = json.loads(stored_record(ctx.records_db, ev.record_id).payload)
    assert payload["receipt_no"] == result.receipt_no and payload["level"] == "不满意" and payload["score"] == 2
    ok = svc.evaluate(result.receipt_no, "非常满意")  # 一事一评: replaces the unsent rating (51号)
    assert ok.replaced == ev.record_id
    complaint = svc.complain(kind="complaint", subject="staff", subject_ref="工号 017", text="态度不好",
                             receipt_no=result.receipt_no)  # fmt: skip
    kinds = {r.record.record_id: r.record.kind for r in ctx.records_db.pending()}
    assert ev.record_id not in kinds
    assert kinds[ok.record_id] == "evaluation" and kinds[complaint.record_id] == "complaint"
    # The platform's status feed answers the submission and the complaint.
    ctx.records_db.apply_status_changes(
        [
            {
                "cursor": 1,
                "record_id": result.record_id,
                "receipt_no": result.receipt_no,
                "status": "已受理",
                "at": "2026-11-27T02:00:00Z",
            },
            {
                "cursor": 2,
                "record_id": complaint.record_id,
                "status": "已答复",
                "note": "已批评教育",
                "at": "2026-11-27T03:00:00Z",
            },
        ],
        2,
    )
    ctx.records_db.set_meta("last_success", "2026-11-27T03:00:00Z")
    qr = f"YBR1:{result.receipt_no}:{result.verification}"
    view = svc.status(qr)
    assert view.found and view.status == "已受理" and view.last_heard == "2026-11-27T03:00:00Z"
    assert [h.status for h in view.history] == ["已受理"]
    answered = [c for c in view.complaints if c["kind"] == "complaint"]
    assert answered[0]["status"] == "已答复" and answered[0]["note"] == "已批评教育"
    own = svc.status(complaint.reference)
    assert own.found and own.title == "投诉" and own.status == "已答复" and own.note == "已批评教育"
    assert not svc.status(f"YBR1:{result.receipt_no}:00000000").found  # a QR with a wrong verification code
    assert not svc.status("12345").found


def test_no_rating_sends_nothing(ctx: AppContext) -> None:
    before = ctx.records_db.record_count()
    ctx.apply.finalise(_filled(ctx), consent=True)
    assert ctx.records_db.record_count() == before + 1  # just the submission


def test_notice_slip_and_pdfs(ctx: AppContext, vp: VirtualPrinter, tmp_path: Path, qapp: object) -> None:
    # `qapp`: the widgets QApplication pytest-qt shares with the UI tests; without one, app/receipts.py would
    # create a bare QGuiApplication (fine for the CLI) that later widget tests in this process could not use.
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM, channel="counter")
    assert svc.review(s).needs_notice
    out = svc.print_notice(s)
    assert out.printed
    text = vp.wait_for_jobs(1)[0].text
    assert "一次性告知书" in text and "原居民身份证" in text and "居民户口簿" in text
    pdf = svc.receipts.notice_pdf(s, tmp_path / "notice.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    result = svc.finalise(_filled(ctx), consent=True)
    rpdf = svc.receipts.receipt_pdf(result.receipt_no, tmp_path / "receipt.pdf")
    data = rpdf.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 2000


POWER_CUT = textwrap.dedent(
    """
    import os, sys
    from app.context import AppContext
    from tests.integration.apply.test_apply_more import _filled
    ctx = AppContext(sys.argv[1])
    result = ctx.apply.finalise(_filled(ctx), consent=True)
    print(result.receipt_no, flush=True)
    os.kill(os.getpid(), 9)  # the power goes before the receipt is printed
    """
)


def test_power_cut_between_finalising_and_printing(home: Path, vp: VirtualPrinter) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", POWER_CUT, str(home)], capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).resolve().parents[3], env=os.environ.copy(),
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    receipt_no = proc.stdout.split()[0]
    ctx = AppContext(home)
    try:
        rows = ctx.records_db.conn.execute("SELECT COUNT(*) FROM records WHERE receipt_no = ?", (receipt_no,))
        assert rows.fetchone()[0] == 1 and ctx.records_db.record_count() == 1
        assert ctx.apply.reprint(receipt_no).printed
        assert receipt_no in vp.wait_for_jobs(1)[0].text.replace(" ", "")  # printed in groups
    finally:
        ctx.close()


def test_cli_submit_with_card_json_attachments_and_print(
    home: Path, vp: VirtualPrinter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = {"card_type": "resident_id", "name": "李明华", "gender": "女", "birth_date": "1988-03-15",
            "address": "云南省建水县西庄镇团山村12号", "id_number": ID, "valid_to": "2038-04-01",
            "photo": {"format": "wlt", "bytes": 1024}}  # fmt: skip
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(jpeg_page())
    argv = ["submit", "--consent", "--home", str(home), "--item", ID_CARD_ITEM, "--data", str(dump(tmp_path / "d.json",
            id_card_answers())), "--card-json", str(dump(tmp_path / "card.json", card)), "--attach",
            f"id_card={scan}", "--attach", f"material.hukou={scan}", "--json"]  # fmt: skip
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"receipt_no", "record_id", "due_date", "outbox"} <= set(out) and out["outbox"] == "pending"
    assert main(["check", "receipt", out["receipt_no"], "--json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert checked["valid"] and checked["terminal"] == "01" and checked["sequence"] == 1
    bad = out["receipt_no"][:-1] + ("0" if out["receipt_no"][-1] != "0" else "1")
    assert main(["check", "receipt", bad, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["valid"] is False
    # Printing: the receipt reaches the virtual printer.
    assert main([*argv, "--print", vp.uri]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["printed"] is True and printed["receipt_no"] in vp.wait_for_jobs(1)[0].text.replace(" ", "")
    # Missing required materials: refused with a clear message, nothing recorded.
    hukou = argv.index(f"material.hukou={scan}")
    argv_missing = argv[: hukou - 1] + argv[hukou + 1 :]
    assert main(argv_missing) == 2  # UserError
    assert "居民户口簿" in json.loads(capsys.readouterr().out)["error"]
    after = AppContext(home)
    try:
        assert (
            after.apply.kept_drafts.drafts() == [] and after.records_db.record_count() == 2
        )  # nothing left of the failure
    finally:
        after.close()


def test_catalog_show_includes_the_form(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "show", ID_CARD_ITEM, "--home", str(home), "--json"]) == 0
    form = json.loads(capsys.readouterr().out)["form"]
    assert form["version"] >= 1
    for f in form["fields"]:
        assert {"id", "type", "label", "required", "options"} <= set(f)
        assert all(set(o) >= {"value", "label"} for o in f["options"])
