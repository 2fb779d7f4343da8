"""The grid worker's role (`grid_worker`, 网格员; issue 14 §1 for issue 15's laptop): made on the platform with
`yunban platform staff add --role grid_worker`, delivered in the signed roster, logged in offline; may do the laptop's
visits and applications on behalf, never a counter decision, a review or a supervisor's unlock. And records.db
migration 0008 keeps the accounts a terminal already held."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.context import AppContext
from app.errors import UserError
from app.staff.service import LOCK_TRIES, ROLE_ACTIONS
from local_db.records.schema import migrations
from sync.platform import staff as platform_staff
from tests.support.cli import InProcessCli, make_home
from tests.support.platform import DEMO_DIVISION, InProcessPlatform

GRID_PW = "网格-Grid-2026"
CLERK_PW = "窗口-Clerk-2026"
SUPERVISOR_PW = "值班-Super-2026"


def test_grid_worker_made_on_the_platform_logs_in_offline_with_the_laptop_actions_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with InProcessPlatform(tmp_path / "platform") as platform:
        cli = InProcessCli(capsys, monkeypatch, make_home(tmp_path / "home"), platform_url=platform.url)
        monkeypatch.setattr("sys.stdin", io.StringIO(GRID_PW + "\n"))
        code, out, err = cli(
            "platform", "staff", "add", "--division", DEMO_DIVISION, "--id", "g01", "--name", "网格员甲",
            "--role", "grid_worker", "--password-stdin", "--json", "--data", str(platform.data),
        )  # fmt: skip
        assert code == 0, err
        assert json.loads(out)["role"] == "grid_worker"
        platform_staff.add_staff(
            platform.store, division=DEMO_DIVISION, staff_id="c01", name="李窗口", role="clerk", secret=CLERK_PW
        )
        cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
        synced = cli.json("staff", "sync")
        assert synced["accounts"] == 2

    # the platform is gone: the log-in is offline, against the stored signed roster
    ctx = AppContext(cli.home)
    try:
        roles = {a.staff_id: a.role for a in ctx.staff.accounts()}
        assert roles == {"c01": "clerk", "g01": "grid_worker"}
        session = ctx.staff.login("g01", GRID_PW)
        assert session.role == "grid_worker"
        assert ctx.staff.require("laptop.visits").staff_id == "g01"
        assert ctx.staff.require("laptop.apply").staff_id == "g01"
        for action in ("counter.decide", "counter.review", "counter.view", "staff.unlock", "staff.override"):
            with pytest.raises(UserError) as refused:
                ctx.staff.require(action)
            assert refused.value.code == "staff.role_refused", action
        # a grid worker is no supervisor: they cannot unlock a locked-out clerk
        for _ in range(LOCK_TRIES):
            with pytest.raises(UserError):
                ctx.staff.login("c01", "not-the-password")
        with pytest.raises(UserError) as refused:
            ctx.staff.unlock("g01", GRID_PW, "c01")
        assert refused.value.code == "staff.not_supervisor"
        assert ctx.staff.table.lockout("c01").failures == LOCK_TRIES
    finally:
        ctx.close()


def test_role_table_names_every_role_of_the_platform() -> None:
    from sync.platform.store_staff import ROLES as PLATFORM_ROLES

    assert set(ROLE_ACTIONS) == set(PLATFORM_ROLES)
    assert "counter.decide" not in ROLE_ACTIONS["grid_worker"]


def test_migration_0008_keeps_the_held_accounts_and_accepts_the_new_role(tmp_path: Path) -> None:
    path = tmp_path / "records.db"
    db = Database(path)
    migrations.apply(db, stop_before="0008_staff_grid_worker_sealed_decision_text")
    db.conn.execute(
        "INSERT INTO staff_accounts (staff_id, name, role, secret_hash, revoked_at, updated_at, version) "
        "VALUES ('c01', '李窗口', 'clerk', '$argon2id$v=19$m=65536,t=3,p=4$x$y', NULL, '2026-12-01T00:00:00Z', 4)"
    )
    db.conn.execute(
        "INSERT INTO counter_decisions (decision_id, record_id, kind, reason, clerk_id, window, decided_at) "
        "VALUES ('d1', 'r1', 'refuse', '材料不全', 'c01', 'W1', '2026-12-01T00:00:00Z')"
    )
    db.conn.commit()
    with pytest.raises(sqlite3.IntegrityError):  # before 0008 the role is refused by the table itself
        db.conn.execute(
            "INSERT INTO staff_accounts (staff_id, name, role, secret_hash, updated_at, version) "
            "VALUES ('g01', '网格员', 'grid_worker', '$argon2id$x', 'now', 5)"
        )
    db.conn.rollback()
    migrations.apply(db)
    rows = db.conn.execute("SELECT staff_id, role, version FROM staff_accounts ORDER BY staff_id").fetchall()
    assert rows == [("c01", "clerk", 4)]
    db.conn.execute(
        "INSERT INTO staff_accounts (staff_id, name, role, secret_hash, updated_at, version) "
        "VALUES ('g01', '网格员', 'grid_worker', '$argon2id$x', 'now', 5)"
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute(
            "INSERT INTO staff_accounts (staff_id, name, role, secret_hash, updated_at, version) "
            "VALUES ('x01', 'x', 'janitor', '$argon2id$x', 'now', 5)"
        )
    cols = {r[1] for r in db.conn.execute("PRAGMA table_info(counter_decisions)")}
    assert {"reason_sealed", "review_note_sealed"} <= cols
    assert db.conn.execute("SELECT reason FROM counter_decisions").fetchone() == ("材料不全",)
    db.close()
