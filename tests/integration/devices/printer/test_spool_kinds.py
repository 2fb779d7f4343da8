"""The spool's job kinds and expiry: a 草稿保存凭条 that did not print while the citizen stood there never comes out
later (expired or cancelled), while a 受理回执 stays reprintable; metadata written atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.config import PrinterConfig
from app.devices.printing import PrinterService, PrintFailedError
from app.errors import UserError
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.devices.printer.conftest import typical_receipt


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _service(tmp_path: Path, uri: str, clock: Clock) -> PrinterService:
    return PrinterService(PrinterConfig(uri=uri, profile="58mm"), tmp_path / "spool", timeout=2.0, clock=clock)


def _failed(svc: PrinterService, **kw: Any) -> str:
    with pytest.raises(PrintFailedError) as exc:
        svc.print_receipt(typical_receipt(), **kw)
    assert exc.value.job_id
    return exc.value.job_id


def test_expired_draft_slip_is_never_printed_but_the_receipt_is(vp: VirtualPrinter, tmp_path: Path) -> None:
    clock = Clock()
    svc = _service(tmp_path, vp.uri, clock)
    try:
        vp.set_paper("out")
        receipt_job = _failed(svc, title="受理回执 X")
        slip_job = _failed(svc, title="草稿保存凭条", kind="draft_code", expires_at=clock.now + 600)
        kinds = {j.job_id: (j.kind, bool(j.expires)) for j in svc.pending()}
        assert kinds == {receipt_job: ("receipt", False), slip_job: ("draft_code", True)}
        vp.set_paper("ok")
        clock.now += 601  # the citizen has gone
        with pytest.raises(UserError, match="已过期"):
            svc.retry(slip_job)
        assert not (tmp_path / "spool" / f"{slip_job}.bin").exists()
        assert [j.job_id for j in svc.pending()] == [receipt_job]
        svc.retry(receipt_job)
        (job,) = vp.wait_for_jobs(1)
        assert "受理回执" in job.text
        assert svc.pending() == [] and list((tmp_path / "spool").iterdir()) == []
    finally:
        svc.close()


def test_pending_drops_expired_jobs_and_cancel_removes_a_job(vp: VirtualPrinter, tmp_path: Path) -> None:
    clock = Clock()
    svc = _service(tmp_path, vp.uri, clock)
    try:
        vp.set_paper("out")
        short = _failed(svc, kind="draft_code", expires_at=clock.now + 60)
        later = _failed(svc, kind="draft_code", expires_at=clock.now + 3600)
        notice = _failed(svc, kind="notice")
        clock.now += 61
        assert {j.job_id for j in svc.pending()} == {later, notice}  # ids order by second only
        assert not (tmp_path / "spool" / f"{short}.json").exists()
        assert svc.cancel(later) and not svc.cancel(later)
        with pytest.raises(UserError, match="没有待打印的任务"):
            svc.retry(later)
        assert [(j.job_id, j.kind) for j in svc.pending()] == [(notice, "notice")]
        with pytest.raises(UserError):
            svc.cancel("../config")  # job ids never leave the spool directory
        with pytest.raises(ValueError, match="unknown print job kind"):
            svc.print_receipt(typical_receipt(), kind="secret")
    finally:
        svc.close()


def test_spool_metadata_is_whole_json_and_old_jobs_read_as_receipts(vp: VirtualPrinter, tmp_path: Path) -> None:
    clock = Clock()
    svc = _service(tmp_path, vp.uri, clock)
    try:
        vp.set_paper("out")
        job = _failed(svc, title="草稿保存凭条", kind="draft_code", expires_at=clock.now + 60)
        spool = tmp_path / "spool"
        meta = json.loads((spool / f"{job}.json").read_text(encoding="utf-8"))
        assert meta["kind"] == "draft_code" and meta["attempts"] == 1 and meta["expires"]
        assert sorted(p.name for p in spool.iterdir()) == [f"{job}.bin", f"{job}.json"]  # no temporary left
        # A job spooled before kinds existed (no kind, no expiry) is a receipt and stays.
        (spool / "20260101-000000-abcdef.bin").write_bytes(b"\x1b@old")
        (spool / "20260101-000000-abcdef.json").write_text(
            json.dumps({"title": "受理回执 old", "created": "2026-01-01T00:00:00", "mode": "text"}), encoding="utf-8"
        )
        clock.now += 10**6
        (old,) = svc.pending()
        assert (old.job_id, old.kind, old.expires) == ("20260101-000000-abcdef", "receipt", "")
    finally:
        svc.close()
