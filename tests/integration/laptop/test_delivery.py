"""Batch delivery from the laptop (issue 15) over loopback to the reference platform: progress by records and bytes
with time left, the quarantine told as what the worker must do (and for whom), a laptop not enrolled refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.context import AppContext
from app.errors import UserError
from app.visits.delivery import BatchDelivery
from app.visits.laptop import LaptopServices
from app.visits.model import DeliveryProgress
from tests.integration.laptop.conftest import fill_dibao, finalise
from tests.support.platform import InProcessPlatform
from tests.support.records import stored_outbox


def _applications(ctx: AppContext, laptop: LaptopServices, count: int) -> list[str]:
    hid = laptop.add_household(head="王德发")
    out = []
    for n in range(count):
        pid = laptop.add_person(hid, name=f"村民{n}")
        session = fill_dibao(ctx.apply, shade=40 + 50 * n)  # distinct pages: distinct attachments
        laptop.link_draft(pid, session.session_id, session.title)
        result = finalise(ctx.apply, session)
        laptop.finalised(session.session_id, result.record_id)
        out.append(result.record_id)
    return out


def test_progress_counts_records_and_bytes_to_the_end(ctx: AppContext, laptop: LaptopServices) -> None:
    _applications(ctx, laptop, 3)
    before = laptop.delivery_summary()
    assert before.enrolled and before.pending == 3 and before.pending_bytes > 0 and before.delivered == 0
    seen: list[DeliveryProgress] = []
    laptop.delivery.every_s = 0.0  # every step reported, so the test sees each count
    report = laptop.deliver(seen.append)
    assert report.delivered == 3 and report.pending == 0 and report.quarantined == 0
    first, last = seen[0], seen[-1]
    assert (first.records_done, first.records_total, first.bytes_done) == (0, 3, 0)
    assert first.bytes_total == before.pending_bytes
    assert (last.records_done, last.bytes_done, last.eta_s) == (3, before.pending_bytes, 0.0)
    assert [p.records_done for p in seen] == sorted(p.records_done for p in seen)
    assert [p.bytes_done for p in seen] == sorted(p.bytes_done for p in seen)
    assert any(0 < p.bytes_done < p.bytes_total for p in seen)  # bytes move within a record, not only at its end
    assert any(p.eta_s is not None and p.eta_s > 0 for p in seen if p.records_done < 3)
    after = laptop.delivery_summary()
    assert (after.pending, after.pending_bytes, after.delivered, after.quarantined) == (0, 0, 3, 0)
    assert after.last_success is not None
    assert all(a.stage == "delivered" for h in laptop.visit_list() for p in h.people for a in p.applications)


def test_quarantined_records_say_what_to_do_and_for_whom(ctx: AppContext, laptop: LaptopServices) -> None:
    good, damaged = _applications(ctx, laptop, 2)
    sha = stored_outbox(ctx.records_db, damaged).attachments[0].sha256
    assert ctx.attachment_store.remove(sha)  # a scan lost on the laptop's disk
    report = laptop.deliver(lambda p: None)
    assert (report.delivered, report.quarantined, report.pending) == (1, 1, 0)
    [advice] = laptop.quarantined("zh_CN")
    assert advice.record_id == damaged and advice.quarantine_kind == "local_damage"
    assert advice.kind_label == "申请" and advice.receipt_no and advice.person == "村民1 · 王德发"
    assert "技术人员" in advice.action and "再次上门" in advice.action
    [en] = laptop.quarantined("en")
    assert en.kind_label.lower() == "application" and "technician" in en.action
    # On the visit list the person's application says it is quarantined; the other one is delivered.
    stages = {a.record_id: a.stage for h in laptop.visit_list() for p in h.people for a in p.applications}
    assert stages == {good: "delivered", damaged: "quarantined"}


def test_a_laptop_not_enrolled_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "x")
    home = tmp_path / "fresh"
    home.mkdir()
    (home / "config.toml").write_text('[terminal]\nrole = "laptop"\n[keyring]\nbackend = "file"\n', encoding="utf-8")
    ctx = AppContext(home)
    try:
        delivery = BatchDelivery(ctx.sync, enrolled=lambda: ctx.sync_credentials() is not None)
        assert not delivery.summary().enrolled
        with pytest.raises(UserError) as err:
            delivery.deliver(lambda p: None)
        assert err.value.msg.code == "visits.not_enrolled"
    finally:
        ctx.close()


def test_paused_then_resumed_delivers_each_record_once(
    ctx: AppContext, laptop: LaptopServices, platform: InProcessPlatform
) -> None:
    _applications(ctx, laptop, 3)
    laptop.delivery.every_s = 0.0
    seen: list[DeliveryProgress] = []

    def pause_after_the_first(p: DeliveryProgress) -> None:
        seen.append(p)
        if p.records_done == 1:
            laptop.stop_delivery()  # 暂停: the loop returns after the record in flight

    first = laptop.deliver(pause_after_the_first)
    assert first.delivered == 1 and first.pending == 2
    assert laptop.delivery_summary().pending == 2
    second = laptop.deliver(lambda p: None)  # 开始报送 again: only what is left
    assert second.delivered == 2 and second.pending == 0 and second.duplicates == 0
    assert platform.store.stats()["submissions"] == 3
