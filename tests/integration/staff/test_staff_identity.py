"""Staff identity end to end (issue 14 §1) on the real reference platform over loopback: accounts made with
`yunban platform staff`, the signed roster fetched by `yunban staff sync`, offline log-in with a lock-out that survives
a restart, supervisor unlock, an account revoked while the terminal was offline refused at the next sync, tampered
rosters refused, the offline limit with its audited override; every step in the audit log, no secret anywhere."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from app.errors import UserError
from app.staff.service import LOCK_TRIES
from sync import protocol
from sync.platform import staff as platform_staff
from tests.support.cli import KEYRING_PASSPHRASE, InProcessCli, make_home
from tests.support.platform import DEMO_DIVISION, InProcessPlatform

CLERK_PW = "窗口-Clerk-2026"
SUPERVISOR_PIN = "73915064"


class Terminal:
    def __init__(self, cli: InProcessCli, monkeypatch: pytest.MonkeyPatch) -> None:
        self.cli = cli
        self.monkeypatch = monkeypatch

    def run(self, *argv: str, stdin: str | None = None) -> tuple[int, Any]:
        if stdin is not None:
            self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
        code, out, err = self.cli(*argv, "--json")
        return code, json.loads(out or err)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[InProcessPlatform]:
    with InProcessPlatform(tmp_path / "platform") as p:
        platform_staff.add_staff(
            p.store, division=DEMO_DIVISION, staff_id="c01", name="李窗口", role="clerk", secret=CLERK_PW
        )
        platform_staff.add_staff(
            p.store, division=DEMO_DIVISION, staff_id="s01", name="王值班", role="supervisor", secret=SUPERVISOR_PIN
        )
        platform_staff.add_staff(
            p.store, division="532524103206", staff_id="other1", name="别处", role="clerk", secret="another-hall-pw"
        )
        yield p


@pytest.fixture
def terminal(
    tmp_path: Path, platform: InProcessPlatform, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Terminal:
    home = make_home(tmp_path / "home")
    cli = InProcessCli(capsys, monkeypatch, home, platform_url=platform.url)
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    return Terminal(cli, monkeypatch)


def _audit(home: Path) -> list[dict[str, Any]]:
    ctx = AppContext(home)
    try:
        return list(reversed(ctx.audit.recent(500)))
    finally:
        ctx.close()


def test_roster_log_in_lockout_across_restart_unlock_and_revocation(
    terminal: Terminal, platform: InProcessPlatform, tmp_path: Path
) -> None:
    code, synced = terminal.run("staff", "sync")
    assert code == 0 and synced["changed"] and synced["accounts"] == 2  # the other hall's account is not sent
    code, listed = terminal.run("staff", "list")
    assert {a["staff_id"]: a["role"] for a in listed["staff"]} == {"c01": "clerk", "s01": "supervisor"}
    assert listed["offline"]["level"] == "ok"

    code, ok = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin=CLERK_PW)
    assert code == 0 and ok["staff_id"] == "c01" and ok["role"] == "clerk"

    for n in range(1, LOCK_TRIES):
        code, err = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin="wrong-password")
        assert code == 2 and err["code"] == "staff.wrong_secret", err
        assert str(LOCK_TRIES - n) in err["error"]
    code, err = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin="wrong-password")
    assert code == 2 and err["code"] == "staff.locked"
    # a new process (a restart) still refuses the right password
    code, err = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin=CLERK_PW)
    assert code == 2 and err["code"] == "staff.locked"
    # a clerk cannot unlock; the supervisor can
    code, err = terminal.run("staff", "unlock", "c01", "--supervisor", "c01", "--password-stdin", stdin=CLERK_PW)
    assert code == 2 and err["code"] == "staff.locked"
    code, out = terminal.run("staff", "unlock", "c01", "--supervisor", "s01", "--password-stdin", stdin=SUPERVISOR_PIN)
    assert code == 0 and out == {"unlocked": "c01"}
    code, ok = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin=CLERK_PW)
    assert code == 0

    # revoked on the platform while the terminal is offline: still accepted offline, refused after the next sync
    platform_staff.revoke_staff(platform.store, "c01")
    code, ok = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin=CLERK_PW)
    assert code == 0
    code, synced = terminal.run("staff", "sync")
    assert code == 0 and synced["revoked"] == ["c01"]
    code, err = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin=CLERK_PW)
    assert code == 2 and err["code"] == "staff.revoked"

    # a reset on the platform reinstates it with a new password; the old one no longer works
    platform_staff.reset_staff(platform.store, "c01", "a-new-password")
    terminal.run("staff", "sync")
    code, err = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin=CLERK_PW)
    assert code == 2 and err["code"] == "staff.wrong_secret"
    code, ok = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin="a-new-password")
    assert code == 0

    entries = _audit(terminal.cli.home)
    events = [(e["event"], e["actor"], e["subject"], e["detail"].get("reason")) for e in entries]
    assert ("login", "c01", None, None) in events
    assert events.count(("login.failed", "c01", None, "wrong_secret")) == LOCK_TRIES - 1 + 1
    assert ("login.locked", "c01", None, None) in events
    assert ("login.failed", "c01", None, "locked") in events
    assert ("unlock", "s01", "c01", None) in events
    assert ("config.change", None, "c01", None) in events  # staff_revoked
    assert ("login.failed", "c01", None, "revoked") in events
    text = json.dumps(entries, ensure_ascii=False)
    for secret in (CLERK_PW, SUPERVISOR_PIN, "wrong-password", "a-new-password", "李窗口", "$argon2id$"):
        assert secret not in text
    # no plaintext in records.db either
    raw = (terminal.cli.home / "records.db").read_bytes()
    for secret in (CLERK_PW, SUPERVISOR_PIN, "a-new-password"):
        assert secret.encode() not in raw


def test_tampered_rosters_are_refused(terminal: Terminal, platform: InProcessPlatform) -> None:
    code, _ = terminal.run("staff", "sync")
    assert code == 0
    home = terminal.cli.home
    ctx = AppContext(home)
    try:
        # a roster signed by the platform, then edited: the attacker's own hash for c01
        creds = ctx.sync_credentials()
        assert creds is not None
        reply = __import__("httpx").get(
            platform.url + "/v1/staff/roster",
            headers={"Authorization": f"Bearer {creds.token}", protocol.HEADER_TERMINAL: creds.terminal_id},
        )
        envelope = reply.json()
        assert reply.status_code == 200 and envelope["page"]["kind"] == "staff_roster"
        forged = json.loads(json.dumps(envelope))
        forged["page"]["staff"][0]["secret_hash"] = platform_staff.hash_secret("attacker-pass")
        with pytest.raises(UserError) as refused:
            ctx.staff.apply_roster(forged)
        assert refused.value.code == "staff.roster_tampered"
        # signed with another key: refused the same way
        other = protocol.generate_signer()
        with pytest.raises(UserError) as refused:
            ctx.staff.apply_roster(protocol.sign_envelope(other, envelope["page"]))
        assert refused.value.code == "staff.roster_tampered"
        # an older roster (rollback) is refused
        old = dict(envelope["page"], version=envelope["page"]["version"] - 1)
        assert ctx.staff.table.roster_version() == envelope["page"]["version"]
        signer = protocol.load_signer("ed25519", platform.store.signing_key())
        with pytest.raises(UserError) as refused:
            ctx.staff.apply_roster(protocol.sign_envelope(signer, old))
        assert refused.value.code == "staff.roster_refused"
    finally:
        ctx.close()
    # the hash edited in records.db itself: the log-in re-verifies the signed roster and refuses
    conn = sqlite3.connect(home / "records.db")
    with conn:
        conn.execute(
            "UPDATE staff_accounts SET secret_hash = ? WHERE staff_id = 'c01'",
            (platform_staff.hash_secret("attacker-pass"),),
        )
    conn.close()
    code, err = terminal.run("staff", "login-test", "c01", "--password-stdin", stdin="attacker-pass")
    assert code == 2 and err["code"] == "staff.roster_tampered"
    refusals = [e for e in _audit(home) if e["detail"].get("change") == "staff_roster_refused"]
    assert len(refusals) == 3


def test_offline_limit_warns_then_restricts_and_supervisor_override_is_audited(
    terminal: Terminal, platform: InProcessPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert terminal.run("staff", "sync")[0] == 0
    ctx = AppContext(terminal.cli.home)
    try:
        staff = ctx.staff
        start = staff.table.synced_at()
        assert start is not None
        now = [start]
        staff.clock = lambda: now[0]
        session = staff.login("c01", CLERK_PW)
        assert session.window == ctx.config.staff.window
        assert staff.require("counter.decide").staff_id == "c01"
        with pytest.raises(UserError) as refused:
            staff.require("counter.review")  # a clerk does not review
        assert refused.value.code == "staff.role_refused"

        now[0] = start + 30 * 3600  # past the warning (24 h), before the limit (72 h)
        staff.touch()
        assert staff.offline_state().level == "warn" and staff.offline_message()
        assert staff.require("counter.decide")

        now[0] = start + 80 * 3600
        staff.touch()
        assert staff.offline_state().level == "restricted"
        with pytest.raises(UserError) as refused:
            staff.require("counter.decide")
        assert refused.value.code == "staff.offline_restricted"
        assert staff.require("counter.reprint")  # safe offline
        with pytest.raises(UserError) as refused:
            staff.override_offline("c01", CLERK_PW, 8)
        assert refused.value.code == "staff.not_supervisor"
        state = staff.override_offline("s01", SUPERVISOR_PIN, 8)
        assert state.level == "override" and state.override_by == "s01"
        assert staff.require("counter.decide")
        now[0] = start + 89 * 3600  # the override ran out
        staff.touch()
        with pytest.raises(UserError):
            staff.require("counter.decide")
        # session timeout: nothing for longer than staff.session_timeout_min
        now[0] += ctx.config.staff.session_timeout_min * 60 + 1
        with pytest.raises(UserError) as refused:
            staff.require("counter.view")
        assert refused.value.code == "staff.session_expired"
        assert staff.current() is None
        overrides = [e for e in ctx.audit.recent(100) if e["event"] == "override"]
        assert overrides and overrides[0]["actor"] == "s01" and overrides[0]["detail"]["hours"] == 8
    finally:
        ctx.close()
    # a sync is a contact with the platform: the restriction lifts
    assert terminal.run("staff", "sync")[0] == 0
    code, status = terminal.run("staff", "status")
    assert code == 0 and status["offline"]["level"] == "ok"


def test_platform_staff_cli_and_roster_route(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "pdata"
    cli = InProcessCli(capsys, monkeypatch, tmp_path / "home", passphrase=KEYRING_PASSPHRASE)

    def admin(*argv: str, stdin: str | None = None) -> tuple[int, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
        code, out, err = cli("platform", "staff", *argv, "--data", str(data))
        return code, out + err

    code, out = admin(
        "add",
        "--division",
        DEMO_DIVISION,
        "--id",
        "c09",
        "--name",
        "赵",
        "--role",
        "clerk",
        "--password-stdin",
        "--json",
        stdin="password-9",
    )
    account = json.loads(out)
    assert code == 0 and account["staff_id"] == "c09" and "secret_hash" not in account
    code, out = admin(
        "add",
        "--division",
        DEMO_DIVISION,
        "--id",
        "c10",
        "--name",
        "钱",
        "--role",
        "clerk",
        "--password-stdin",
        stdin="12345",
    )  # a 5-digit PIN
    assert code == 2 and "6-12 digits" in out
    code, out = admin(
        "add",
        "--division",
        DEMO_DIVISION,
        "--id",
        "c09",
        "--name",
        "孙",
        "--role",
        "clerk",
        "--password-stdin",
        stdin="password-10",
    )
    assert code == 2 and "taken" in out
    code, out = admin(
        "add",
        "--division",
        DEMO_DIVISION,
        "--id",
        "110101199003074477",
        "--name",
        "孙",
        "--role",
        "clerk",
        "--password-stdin",
        stdin="password-10",
    )
    assert code == 2 and "personal data" in out  # an ID number is never a staff id
    code, out = admin("revoke", "c09", "--json")
    assert code == 0 and json.loads(out)["revoked_at"]
    code, out = admin("list", "--division", DEMO_DIVISION, "--json")
    listed = json.loads(out)["staff"]
    assert [a["staff_id"] for a in listed] == ["c09"] and listed[0]["version"] == 2
    code, out = admin("reset", "c09", "--password-stdin", "--json", stdin="password-11")
    assert code == 0 and json.loads(out)["revoked_at"] is None and json.loads(out)["version"] == 3
    db = sqlite3.connect(data / "platform.db")
    stored = db.execute("SELECT secret_hash FROM staff").fetchall()
    db.close()
    assert stored[0][0].startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert b"password-11" not in (data / "platform.db").read_bytes()
