"""Formal notices on A4 through a real CUPS scheduler (private cupsd, capture backend): what reaches the printer is
the stored PDF, its pages render (pdftoppm) and read back (pdftotext) with the hall, the number, the catalog's legal
basis and the status QR; a missing or stopped queue keeps the notice and tells the clerk, and it prints when the queue
is back; the counter may choose the receipt printer per document, a kiosk always does; every print is audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from app.context import AppContext
from app.errors import UserError
from app.notices.documents import NoticeRequest
from app.notices.service import NoticeService
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.notices.conftest import QUEUE, make_ctx, submit_dibao
from tests.support.cups import PrivateCups

pytestmark = pytest.mark.slow


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path, out: Path, dpi: int = 100) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out)], check=True)
    return sorted(out.parent.glob(out.name + "-*.png"))


def test_acceptance_notice_printed_through_cups_is_the_stored_pdf(
    counter: AppContext, cups: PrivateCups, tmp_path: Path
) -> None:
    result = submit_dibao(counter)
    notices = counter.notices
    issued, outcome = notices.issue_and_print(
        NoticeRequest("acceptance", receipt_no=result.receipt_no, clerk_id="clerk-0007", window="3号窗口")
    )
    assert outcome.printed and outcome.job is not None and outcome.job.startswith(QUEUE + "-")
    assert outcome.code == "printed" and QUEUE in outcome.text("en")
    captured = cups.wait_job(outcome.job)
    pdf = notices.pdf_bytes(issued.ref)
    assert captured.read_bytes() == pdf and pdf.startswith(b"%PDF-")  # raw queue: byte for byte
    # At rest the notice is sealed with the data key (the applicant's name is in it): no PDF in clear is left.
    folder = counter.home / "notices"
    sealed = Path(issued.pdf)
    assert (
        sealed.parent == folder and sealed.stat().st_mode & 0o777 == 0o600 and (folder.stat().st_mode & 0o777) == 0o700
    )
    assert not list(folder.glob("*.pdf")) and b"%PDF" not in sealed.read_bytes()
    assert "李明华".encode() not in b"".join(p.read_bytes() for p in folder.iterdir())
    text = _text(captured)
    year = counter.notices.today().year
    assert "建水县西庄镇便民服务中心" in text and "受理通知书" in text
    assert f"受字〔{year}〕第0100001号" in text.replace(" ", "")
    assert "《社会救助暂行办法》第九条" in text  # the item's 设定依据 from the catalog
    assert result.receipt_no in text.replace(" ", "") and "李明华" in text and "clerk-0007" in text
    assert "53252419880315002X" not in text
    pages = _pages(captured, tmp_path / "acceptance")
    assert len(pages) == 1
    info = subprocess.run(["pdfinfo", str(captured)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info and re.search(r"^Pages:\s+1$", info, re.M)
    with Image.open(pages[0]) as page:
        assert abs(page.size[0] - 827) <= 1 and abs(page.size[1] - 1169) <= 1  # A4 at 100 dpi
        found = [r.text for r in zxingcpp.read_barcodes(page)]
    assert f"YBR1:{result.receipt_no}:{result.verification}" in found  # the status QR, as the kiosk reads it
    # The audit log names the print by receipt number and notice reference only.
    entry = counter.audit.recent(1)[0]
    assert entry["event"] == "notice.print" and entry["subject"] == result.receipt_no
    assert entry["detail"] == {"ref": issued.ref, "target": "a4", "outcome": "printed"}


def test_each_kind_prints_with_its_own_number_sequence(counter: AppContext, cups: PrivateCups) -> None:
    result = submit_dibao(counter)
    requests = [
        NoticeRequest("refusal", receipt_no=result.receipt_no, reason="家庭人均收入高于当地最低生活保障标准"),
        NoticeRequest(
            "correction",
            receipt_no=result.receipt_no,
            materials=("家庭收入和财产状况申报表",),
            deadline=counter.notices.today() + dt.timedelta(days=5),
        ),
        NoticeRequest("one_time", item_codes=("530000-MZ-0001",)),
        NoticeRequest("receipt", receipt_no=result.receipt_no),
        NoticeRequest("correction", receipt_no=result.receipt_no, materials=("居民户口簿",)),
    ]
    seen = []
    for request in requests:
        issued, outcome = counter.notices.issue_and_print(request)
        assert outcome.printed, outcome.text("en")
        text = _text(cups.wait_job(str(outcome.job)))
        assert issued.title in text.replace(" ", "")
        seen.append(issued.number)
    year = counter.notices.today().year
    assert seen == [
        f"不受字〔{year}〕第0100001号",
        f"补字〔{year}〕第0100001号",
        f"告字〔{year}〕第0100001号",
        f"回字〔{year}〕第0100001号",
        f"补字〔{year}〕第0100002号",
    ]


def test_a_stopped_queue_keeps_the_notice_and_prints_it_when_back(counter: AppContext, cups: PrivateCups) -> None:
    result = submit_dibao(counter)
    cups.stop_queue(QUEUE)
    issued, outcome = counter.notices.issue_and_print(NoticeRequest("acceptance", receipt_no=result.receipt_no))
    assert not outcome.printed and outcome.queued and outcome.code == "stopped"
    assert "已保留" in outcome.text() and "kept" in outcome.text("en").lower()
    assert cups.captured() == []  # nothing handed to CUPS, where the clerk could not see it
    assert [s["ref"] for s in counter.notices.pending()] == [issued.ref]
    assert counter.audit.recent(1)[0]["event"] == "notice.queued"
    assert counter.notices.retry_pending()[0].code == "stopped"  # still stopped: kept again
    cups.start_queue(QUEUE)
    again = counter.notices.retry_pending()  # the counter's call once the queue is back
    assert [o.printed for o in again] == [True]
    assert cups.wait_job(str(again[0].job)).read_bytes() == counter.notices.pdf_bytes(issued.ref)
    assert counter.notices.pending() == []


def test_a_queue_not_accepting_jobs_is_a_stopped_queue(counter: AppContext, cups: PrivateCups) -> None:
    result = submit_dibao(counter)
    cups.reject(QUEUE)
    _issued, outcome = counter.notices.issue_and_print(NoticeRequest("receipt", receipt_no=result.receipt_no))
    assert outcome.queued and outcome.code == "stopped"


def test_a_missing_queue_keeps_the_notice_until_the_queue_exists(
    tmp_path: Path, cups: PrivateCups, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "notices-test")
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    ctx = make_ctx(tmp_path / "home", server=cups.server, queue="hall-laser")
    try:
        issued, outcome = ctx.notices.issue_and_print(NoticeRequest("one_time", item_codes=("530000-MZ-0001",)))
        assert outcome.queued and outcome.code == "no_queue" and "hall-laser" in outcome.text()
        cups.add_queue("hall-laser")
        (printed,) = ctx.notices.retry_pending()
        assert printed.printed and printed.ref == issued.ref
        assert "一次性告知书" in _text(cups.wait_job(str(printed.job))).replace(" ", "")
    finally:
        ctx.close()


def test_no_scheduler_at_all_keeps_the_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "notices-test")
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    ctx = make_ctx(tmp_path / "home", server=str(tmp_path / "no-cupsd.sock"))
    try:
        _issued, outcome = ctx.notices.issue_and_print(NoticeRequest("one_time", item_codes=("530000-MZ-0001",)))
        assert outcome.queued and outcome.code == "unreachable"
    finally:
        ctx.close()


def test_the_counter_chooses_thermal_per_document_and_a_kiosk_always_does(
    counter: AppContext, cups: PrivateCups, vp: VirtualPrinter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = submit_dibao(counter)
    issued, outcome = counter.notices.issue_and_print(
        NoticeRequest("correction", receipt_no=result.receipt_no, materials=("居民户口簿",)), target="thermal"
    )
    assert outcome.printed and outcome.code == "printed_thermal"
    job = vp.wait_for_jobs(1)[0]
    flat = job.text.replace(" ", "").replace("\n", "")  # the 58 mm paper wraps long lines
    assert "补正材料通知书" in flat and "居民户口簿" in flat and issued.number in flat
    assert cups.captured() == []
    # The same notice again on A4 (补打), same number: the choice is per document.
    again = counter.notices.reprint(issued.ref, target="a4")
    assert again.printed and _text(cups.wait_job(str(again.job))).replace(" ", "").count(issued.number) >= 1
    assert counter.audit.recent(1)[0]["event"] == "notice.reprint"
    kiosk = make_ctx(tmp_path / "kiosk", server=cups.server, role="kiosk", thermal=vp.uri)
    try:
        assert kiosk.notices.target_for("a4") == "thermal"
    finally:
        kiosk.close()


def test_a_refusal_without_its_reason_is_refused_and_uses_no_number(counter: AppContext) -> None:
    result = submit_dibao(counter)
    for reason in (None, "", "   ", "。。"):
        with pytest.raises(UserError) as err:
            counter.notices.issue(NoticeRequest("refusal", receipt_no=result.receipt_no, reason=reason))
        assert err.value.code == "notices.reason_required"
    with pytest.raises(UserError) as err:
        counter.notices.issue(NoticeRequest("correction", receipt_no=result.receipt_no, materials=(" ",)))
    assert err.value.code == "notices.materials_required"
    assert counter.notices.counter.last_number("refusal", counter.notices.today().year) == 0
    assert not (counter.home / "notices").exists() or not list((counter.home / "notices").iterdir())


def test_an_item_without_legal_basis_is_named(counter: AppContext) -> None:
    result = submit_dibao(counter)
    real: NoticeService = counter.notices

    def without_basis(code: str):  # type: ignore[no-untyped-def]
        return dataclasses.replace(counter.catalog.get_item(code), basis=())

    real._item = without_basis
    with pytest.raises(UserError) as err:
        real.issue(NoticeRequest("acceptance", receipt_no=result.receipt_no))
    assert err.value.code == "notices.no_legal_basis"
    assert "530000-MZ-0001" in str(err.value) and "最低生活保障申请" in err.value.message("zh_CN")
    assert "530000-MZ-0001" in err.value.message("en")
    # The A4 receipt cites no legal basis: it is still issued.
    issued = real.issue(NoticeRequest("receipt", receipt_no=result.receipt_no))
    assert json.loads((counter.home / "notices" / f"{issued.ref}.json").read_text())["state"] == "issued"


def test_a_receipt_number_of_another_terminal_is_refused(counter: AppContext) -> None:
    with pytest.raises(UserError) as err:
        counter.notices.issue(NoticeRequest("acceptance", receipt_no="5325241032050126120700012"))
    assert err.value.code == "notices.no_such_receipt"


def test_the_next_notice_printed_takes_the_kept_ones_along(counter: AppContext, cups: PrivateCups) -> None:
    result = submit_dibao(counter)
    cups.stop_queue(QUEUE)
    kept, outcome = counter.notices.issue_and_print(NoticeRequest("receipt", receipt_no=result.receipt_no))
    assert outcome.queued
    cups.start_queue(QUEUE)
    _issued, printed = counter.notices.issue_and_print(NoticeRequest("acceptance", receipt_no=result.receipt_no))
    assert printed.printed and counter.notices.pending() == []
    state = counter.notices.get(kept.ref)
    assert state["state"] == "printed" and state["attempts"] == 2
    assert cups.wait_job(str(state["job"])).read_bytes() == counter.notices.pdf_bytes(kept.ref)
    assert cups.wait_job(str(printed.job)).read_bytes() == counter.notices.pdf_bytes(printed.ref)
