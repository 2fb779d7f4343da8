"""The audit log on a real terminal: the events hooked in the services (technician PIN log-in, failures and lock-out,
reprint, provisioning and configuration, enrollment, sync export), batches delivered to the reference platform through
the outbox, `yunban audit verify` proving the chain and naming the first broken link, and the technician screen
showing a broken chain."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.errors import UserError
from app.provisioning.service import ProvisioningService
from app.technician.credential import PIN_TRIES
from app.technician.service import PinLockedError, TechnicianService
from sync.audit_chain import verify_batches
from tests.support.cli import make_home, terminal_env, yb, yb_json
from tests.support.platform import InProcessPlatform
from ui.screens.technician import TechnicianScreen

PIN = "246810"


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "audit-test")
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    c = AppContext(make_home(tmp_path / "home"))
    yield c
    c.close()


def _events(ctx: AppContext) -> list[tuple[str, str | None, str | None]]:
    return [(e["event"], e["actor"], e["subject"]) for e in reversed(ctx.audit.recent(100))]


def test_technician_log_ins_failures_lockout_and_provisioning_are_audited(ctx: AppContext) -> None:
    provisioning = ProvisioningService(ctx)
    provisioning.set_technician_pin(PIN)
    provisioning.save_config({("terminal", "hall_name"): "西庄镇便民服务中心"})
    tech = TechnicianService(ctx)
    try:
        assert tech.check_pin(PIN)
        for _ in range(PIN_TRIES):
            assert not tech.check_pin("000000")
        with pytest.raises(PinLockedError):
            tech.check_pin(PIN)
        with pytest.raises(UserError):  # typed with spaces; no such receipt here: the attempt is audited
            tech.reprint("5325 2410 3205 0126 1207 0001 2")
    finally:
        tech.close()
    events = _events(ctx)
    assert events[:3] == [
        ("key.technician_pin", "technician", None),
        ("config.change", "technician", None),
        ("login", "technician", None),
    ]
    assert events[3 : 3 + PIN_TRIES] == [("login.failed", "technician", None)] * PIN_TRIES
    assert events[3 + PIN_TRIES] == ("login.locked", "technician", None)
    assert events[-1] == ("receipt.reprint", "technician", "5325241032050126120700012")
    config_entry = next(e for e in ctx.audit.recent(100) if e["event"] == "config.change")
    assert config_entry["detail"] == {"keys": "terminal.hall_name"}  # the key, never the value
    text = json.dumps(ctx.audit.recent(100), ensure_ascii=False)
    assert PIN not in text and "西庄镇" not in text
    report = ctx.audit.verify()
    assert report.ok and report.entries == len(events) and report.anchored_seq == 0  # waiting for a batch
    ctx.audit.flush()
    assert ctx.audit.verify().anchored_seq == len(events)


def test_batches_are_delivered_to_the_platform_and_verify_as_a_chain(tmp_path: Path) -> None:
    with InProcessPlatform(tmp_path / "platform") as platform:
        home = make_home(tmp_path / "terminal")
        env = terminal_env(home, platform.url)
        code = platform.enroll_code()
        yb_json(env, "enroll", "--platform", platform.url, "--code", code)
        yb_json(env, "provision", "--technician-pin", PIN)
        exported = yb_json(env, "sync", "export", str(tmp_path / "usb"), "--passphrase-file",
                           str(_write(tmp_path / "pass.txt", "export-pass-1234")))  # fmt: skip
        assert exported["records"] == 0  # nothing to export yet: the few entries wait for their batch
        assert yb_json(env, "audit", "send")["sent"] >= 3
        yb_json(env, "sync", "run", "--until-idle")
        verify = yb_json(env, "audit", "verify")
        assert verify["ok"] and verify["first_broken"] is None
        assert verify["entries"] >= 3 and verify["delivered_seq"] == verify["head"]["seq"]
        # On the platform: records of kind audit whose entries chain from 64 zeros to the terminal's head.
        store = platform.store
        stored = [store.record(rid) for rid in store.record_ids()]
        batches = sorted(
            (b for b in stored if b and b["kind"] == "audit"), key=lambda b: b["payload"]["audit"]["first_seq"]
        )
        entries = [e for b in batches for e in b["payload"]["audit"]["entries"]]
        assert [e["seq"] for e in entries] == list(range(1, verify["head"]["seq"] + 1))
        assert entries[0]["prev"] == "0" * 64 and entries[-1]["hash"] == verify["head"]["hash"]
        assert all(b["receipt_no"] is None for b in batches)
        # The platform proves them with the shared code (sync.audit_chain), from what it stored alone.
        assert verify_batches(b["payload"] for b in batches) == (len(entries), verify["head"]["seq"], None)
        events = [e["event"] for e in entries]
        assert "key.enroll" in events and "key.technician_pin" in events and "sync.export" in events
        shown = yb_json(env, "audit", "show", "--limit", "2")["entries"]
        assert [e["seq"] for e in shown] == [verify["head"]["seq"], verify["head"]["seq"] - 1]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_names_the_first_broken_link_and_exits_1(tmp_path: Path) -> None:
    home = make_home(tmp_path / "terminal")
    env = terminal_env(home, "http://127.0.0.1:9")
    env["YUNBAN_LANG"] = "en"
    for _ in range(3):
        yb_json(env, "provision", "--technician-pin", PIN)
    assert yb_json(env, "audit", "verify")["ok"]  # and anchors the three in a batch
    conn = sqlite3.connect(home / "records.db")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 2")
    conn.commit()
    conn.close()
    out = yb(env, "audit", "verify", "--json")
    assert out.returncode == 1, out.stderr
    broken = json.loads(out.stdout)["first_broken"]
    assert broken["seq"] == 2 and broken["reason"] == "hash_mismatch"
    text = yb(env, "audit", "verify")
    assert text.returncode == 1 and "2" in text.stdout and "broken" in text.stdout.lower()


def test_truncated_tail_is_reported_by_the_cli(tmp_path: Path) -> None:
    home = make_home(tmp_path / "terminal")
    env = terminal_env(home, "http://127.0.0.1:9")
    for _ in range(4):
        yb_json(env, "provision", "--technician-pin", PIN)
    assert yb_json(env, "audit", "send")["sent"] == 4
    conn = sqlite3.connect(home / "records.db")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq >= 3")
    conn.commit()
    conn.close()
    out = yb(env, "audit", "verify", "--json")
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report["first_broken"]["reason"] == "truncated" and report["first_broken"]["seq"] == 3
    assert report["head"]["seq"] == 2 and report["anchored_seq"] == 4


def test_the_technician_screen_shows_a_broken_chain(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    ProvisioningService(ctx).set_technician_pin(PIN)
    tech = TechnicianService(ctx)
    screen = TechnicianScreen(tech)
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    screen.show()
    try:
        assert tech.check_pin(PIN)
        with qtbot.waitSignal(screen.sync.audit_shown, timeout=20000) as shown:
            screen.unlock()
        assert shown.args is not None and shown.args[0] is True
        conn = sqlite3.connect(ctx.paths.records_db)
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET event = 'login.failed' WHERE seq = 2")
        conn.commit()
        conn.close()
        screen.tabs.setCurrentWidget(screen.sync)
        with qtbot.waitSignal(screen.sync.audit_shown, timeout=20000) as shown:
            screen.sync.refresh()
        assert shown.args is not None
        ok, text = shown.args
        assert ok is False and "第 2 条" in text and "审计日志链断裂" in text
        assert screen.sync.audit_line.objectName() == "Notice"
        screen.grab().save(str(tmp_path / "technician-audit-broken.png"))
    finally:
        tech.close()


def test_update_commands_audit_only_into_a_records_db_their_user_owns(tmp_path: Path) -> None:
    """`yunban update apply|rollback` run as root: the entry goes into a records.db root owns; a kiosk user's
    records.db is never written (nor created) by root."""
    import argparse
    import os

    from app.audit.service import AuditLog
    from app.cli.update import _audit
    from local_db.records.store import RecordsDB

    home = make_home(tmp_path / "terminal")
    args = argparse.Namespace(home=str(home))
    _audit(args, "update.apply", version="0.2.0-1", previous="0.1.0-1")
    assert not (home / "records.db").exists()  # none yet: not created by the updater
    RecordsDB(home / "records.db").close()
    _audit(args, "update.apply", version="0.2.0-1", previous="0.1.0-1")
    _audit(args, "update.rollback", version="0.1.0-1", previous="0.2.0-1")
    db = RecordsDB(home / "records.db")
    try:
        entries = AuditLog(db).recent(10)
        assert [(e["event"], e["detail"]) for e in reversed(entries)] == [
            ("update.apply", {"version": "0.2.0-1", "previous": "0.1.0-1"}),
            ("update.rollback", {"version": "0.1.0-1", "previous": "0.2.0-1"}),
        ]
    finally:
        db.close()
    if os.geteuid() == 0:  # another user's records.db (the kiosk's): left alone
        os.chown(home / "records.db", 65534, 65534)
        _audit(args, "update.apply", version="0.3.0-1", previous="0.2.0-1")
        os.chown(home / "records.db", 0, 0)
        db = RecordsDB(home / "records.db")
        try:
            assert AuditLog(db).table.count() == 2
        finally:
            db.close()


def test_a_broken_chain_is_never_anchored(tmp_path: Path) -> None:
    """Entries waiting for their batch, one of them changed: neither verify nor send puts them into a batch (that
    would sign what was changed and send it to the platform as the terminal's log)."""
    home = make_home(tmp_path / "terminal")
    env = terminal_env(home, "http://127.0.0.1:9")
    for _ in range(3):
        yb_json(env, "provision", "--technician-pin", PIN)
    conn = sqlite3.connect(home / "records.db")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 3")
    conn.commit()
    for command in ("verify", "send"):
        out = yb(env, "audit", command, "--json")
        assert out.returncode == 1, (command, out.stdout, out.stderr)
        report = json.loads(out.stdout)
        assert report["first_broken"]["seq"] == 3 and report["anchored_seq"] == 0
    assert conn.execute("SELECT COUNT(*) FROM records WHERE kind = 'audit'").fetchone() == (0,)
    conn.close()


def test_a_removed_tail_no_batch_holds_is_caught_by_the_keystore_head(tmp_path: Path) -> None:
    home = make_home(tmp_path / "terminal")
    env = terminal_env(home, "http://127.0.0.1:9")
    for _ in range(4):
        yb_json(env, "provision", "--technician-pin", PIN)
    conn = sqlite3.connect(home / "records.db")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq >= 3")
    conn.commit()
    conn.close()
    out = yb(env, "audit", "verify", "--json")
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report["anchored_seq"] == 0  # no batch yet: the keystore's head is what remembers entry 4
    assert (report["first_broken"]["seq"], report["first_broken"]["reason"]) == (3, "truncated")
