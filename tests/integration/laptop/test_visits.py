"""The visit list (走访清单, issue 15) on a real laptop terminal: the worker's own entries only, sealed at rest with the
data key, each person's drafts and applications followed from draft to delivery and platform status, the drafts
across visits with their retention, and the retention purge."""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from pathlib import Path

import pytest

from app.context import AppContext
from app.errors import UserError
from app.records.crypto import AesGcmCipher
from app.visits.laptop import LaptopServices
from app.visits.service import LINK_GRACE_S, VisitsService
from local_db.records.store import RecordsDB
from sync import protocol
from sync.platform import admin
from tests.integration.laptop.conftest import ID, fill_dibao, finalise
from tests.support.platform import InProcessPlatform

DAY = 86400.0


def _family(laptop: LaptopServices) -> tuple[str, str]:
    hid = laptop.add_household(head="王德发", village="团山村三组", address="团山村 12 号", note="行动不便")
    pid = laptop.add_person(hid, name="李明华", id_number=ID, phone="138-0013-8000", relation="儿媳")
    return hid, pid


def test_the_list_is_the_workers_own_and_sealed_at_rest(ctx: AppContext, laptop: LaptopServices) -> None:
    hid, pid = _family(laptop)
    [house] = laptop.visit_list()
    assert (house.household_id, house.head, house.village, house.address, house.note) == (
        hid, "王德发", "团山村三组", "团山村 12 号", "行动不便")  # fmt: skip
    [person] = house.people
    assert (person.person_id, person.name, person.id_number, person.phone, person.relation) == (
        pid, "李明华", ID, "138-0013-8000", "儿媳")  # fmt: skip
    assert person.applications == () and person.drafts == () and house.open_count == 0
    # At rest: nothing personal in clear, in the rows or anywhere in the database files.
    conn = ctx.records_db.conn
    rows = conn.execute("SELECT blob FROM visit_households UNION ALL SELECT blob FROM visit_people")
    blobs = [bytes(r[0]) for r in rows]
    assert len(blobs) == 2
    ctx.records_db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    disk = b"".join(p.read_bytes() for p in ctx.home.glob("records.db*"))
    for secret in ("王德发", "李明华", ID, "团山村 12 号", "138-0013-8000", "行动不便"):
        assert all(secret.encode() not in blob for blob in blobs)
        assert secret.encode() not in disk, secret
    # Another worker on the same laptop sees nothing of it and cannot add to it.
    other = VisitsService(ctx.records_db, lambda: ctx.data_cipher, worker=lambda: "W0002")
    assert other.visit_list() == []
    with pytest.raises(UserError) as err:
        other.add_person(hid, name="张三")
    assert err.value.msg.code == "visits.no_such_household"
    with pytest.raises(UserError):
        other.remove_person(pid)
    # Without the data key (a copied disk): no name, no number.
    thief = VisitsService(ctx.records_db, lambda: AesGcmCipher(secrets.token_bytes(32)))
    [stolen] = thief.visit_list()
    assert stolen.head == stolen.people[0].name == "（无法解密）" and stolen.people[0].id_number == ""


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "  "}, "visits.no_name"),
        ({"name": "张三", "id_number": "532524198803150021"}, "visits.bad_id"),
        ({"name": "张三", "phone": "call me"}, "visits.bad_phone"),
        ({"name": "张" * 51}, "visits.too_long"),
    ],
)
def test_bad_entries_are_refused_with_the_reason(laptop: LaptopServices, fields: dict[str, str], code: str) -> None:
    hid = laptop.add_household(head="王德发")
    with pytest.raises(UserError) as err:
        laptop.add_person(hid, **fields)
    assert err.value.msg.code == code
    if code == "visits.bad_id":
        assert "校验" in str(err.value.message("zh_CN"))
    assert laptop.visit_list()[0].people == ()
    with pytest.raises(UserError) as err:
        laptop.add_household(head="")
    assert err.value.msg.code == "visits.no_head"


def test_a_person_follows_draft_application_delivery_and_status(
    ctx: AppContext, laptop: LaptopServices, platform: InProcessPlatform
) -> None:
    _, pid = _family(laptop)
    svc = ctx.apply
    session = fill_dibao(svc)
    laptop.link_draft(pid, session.session_id, session.title)
    [person] = laptop.visit_list()[0].people
    [draft] = person.drafts
    assert draft.draft_id == session.session_id and draft.title == "最低生活保障申请" and draft.updated_at
    assert person.open_count == 1
    # The drafts list across visits names the person and the retention date (laptop drafts: 90 days by default).
    [listed] = laptop.drafts()
    assert listed.person == "李明华 · 王德发" and listed.channel == "laptop"
    assert listed.keep_until is not None and laptop.draft_retention_days() == 90
    # Finalised: the draft's link becomes the application.
    result = finalise(svc, session)
    assert laptop.finalised(session.session_id, result.record_id, session.title) == pid
    [person] = laptop.visit_list()[0].people
    assert person.drafts == ()
    [app] = person.applications
    assert (app.record_id, app.receipt_no, app.stage, app.status, app.open) == (
        result.record_id, result.receipt_no, "pending", None, True)  # fmt: skip
    # Delivered over loopback, then the platform's status comes back.
    report = laptop.deliver(lambda p: None)
    assert report.delivered == 1 and report.pending == 0
    app = laptop.visit_list()[0].people[0].applications[0]
    assert app.stage == "delivered" and app.open  # no final status yet: the worker follows it up
    assert admin.set_status(platform.store, result.receipt_no, protocol.STATUS_ACCEPTED)
    assert admin.set_status(platform.store, result.receipt_no, protocol.STATUS_DONE)
    ctx.sync.run_once()
    app = laptop.visit_list()[0].people[0].applications[0]
    assert app.status == "已办结" and not app.open
    assert laptop.visit_list()[0].open_count == 0
    # Closed entries go after the retention period (counted from the last change, the status included).
    visits = ctx.visits
    visits.clock = lambda: time.time() + 89 * DAY
    assert visits.purge().people == 0 and laptop.visit_list()
    visits.clock = lambda: time.time() + 92 * DAY
    purge = visits.purge()
    assert (purge.households, purge.people) == (1, 1)
    assert laptop.visit_list() == [] and ctx.visits.table.counts() == {
        "visit_households": 0, "visit_people": 0, "visit_links": 0}  # fmt: skip


def test_open_entries_are_kept_and_dead_links_dropped(ctx: AppContext, laptop: LaptopServices) -> None:
    _, pid = _family(laptop)
    idle_hid = laptop.add_household(head="赵大妈")
    laptop.add_person(idle_hid, name="赵大妈")
    svc = ctx.apply
    pending = finalise(svc, fill_dibao(svc))
    ctx.visits.link_record(pid, pending.record_id, "最低生活保障申请")
    draft = fill_dibao(svc, shade=90)
    laptop.link_draft(pid, draft.session_id, draft.title)
    # Discarded from the drafts list (through the apply service): the draft is gone, its link goes after the grace.
    laptop.discard_draft(draft.session_id)
    assert [d.draft_id for d in svc.kept_drafts.drafts()] == []
    [person] = next(h for h in laptop.visit_list() if h.head == "王德发").people
    assert person.drafts[0].updated_at is None and person.applications[0].open
    visits = ctx.visits
    visits.clock = lambda: time.time() + LINK_GRACE_S + 60
    assert visits.purge().links == 1
    visits.clock = lambda: time.time() + 400 * DAY
    purge = visits.purge()
    # The idle household goes; the one with an application still in the outbox stays, whatever its age.
    assert (purge.households, purge.people) == (1, 1)
    [house] = laptop.visit_list()
    assert house.head == "王德发" and house.people[0].drafts == () and house.open_count == 1
    with pytest.raises(UserError) as err:
        laptop.remove_person(pid)
    assert err.value.msg.code == "visits.has_open"
    # retention 0: closed entries stay until the worker removes them.
    visits.retention_days = 0
    other = laptop.add_household(head="钱大爷")
    assert visits.purge().households == 0 and len(laptop.visit_list()) == 2
    visits.remove_household(other)
    assert len(laptop.visit_list()) == 1


def test_the_cli_purge_runs_the_visit_lists_retention_too(
    ctx: AppContext, laptop: LaptopServices, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    visits = ctx.visits
    visits.clock = lambda: time.time() - 100 * DAY  # entered 100 days ago, nothing open since
    old = laptop.add_household(head="赵大妈")
    laptop.add_person(old, name="赵大妈")
    visits.clock = time.time
    kept = laptop.add_household(head="王德发")
    capsys.readouterr()
    assert main(["records", "purge-drafts", "--json", "--home", str(ctx.home)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["visit_households_purged"], out["visit_people_purged"], out["visit_links_dropped"]) == (1, 1, 0)
    assert [h.household_id for h in laptop.visit_list()] == [kept]


def test_a_full_disk_in_the_field_is_said_and_loses_nothing(tmp_path: Path) -> None:
    from tests.integration.records.test_full_disk import _fill, _mounted

    with contextlib.contextmanager(_mounted)(tmp_path / "disk", "4m") as disk:
        db = RecordsDB(disk / "records.db")
        cipher = AesGcmCipher(secrets.token_bytes(32))
        visits = VisitsService(db, lambda: cipher)
        hid = visits.add_household(head="王德发")
        first = visits.add_person(hid, name="李明华", note="行动不便")
        filler = _fill(disk)
        with pytest.raises(UserError) as err:
            for n in range(200):  # SQLite's free pages absorb a few rows; the disk then says no
                visits.add_person(hid, name=f"村民{n}", note="备注" * 200)
        assert err.value.msg.code == "records.disk_full" and "磁盘空间不足" in err.value.message("zh_CN")
        saved = [p.person_id for p in visits.visit_list()[0].people]
        assert saved[0] == first  # what was saved before stays, readable
        filler.unlink()
        later = visits.add_person(hid, name="王小梅")
        assert [p.person_id for p in visits.visit_list()[0].people] == [*saved, later]
        db.close()
