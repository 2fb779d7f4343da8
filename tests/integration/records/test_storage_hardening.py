"""Issue 11 #7, #15, #16 (terminal storage): a garbled records.db or catalog.db is reported at start (exit 2, never
served), an enrolled terminal's emptied catalog is not replaced by the demo, enrollment files with missing, extra or
mistyped keys are clear errors, data files are 0600 and directories 0700 whatever the umask, stale `.tmp-*` files
of a killed writer are removed, status notes are encrypted at rest, and a data key records.db needs is never
silently replaced. Through the real CLI where a technician would meet the case."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import app.main
from app.context import AppContext
from app.errors import UserError
from app.model.terminal import TerminalIdentity
from app.sync.identity_file import read_identity
from tests.support.cli import KEYRING_PASSPHRASE, make_home, terminal_env
from tests.support.platform import REPO, YUNBAN, InProcessPlatform
from ui.screens.maintenance import MaintenanceScreen


def _env(home: Path) -> dict[str, str]:
    env = terminal_env(home, "http://127.0.0.1:9")
    env["YUNBAN_LANG"] = "en"
    return env


def _run(home: Path, *args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*YUNBAN, *args],
        cwd=REPO,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def _error(out: subprocess.CompletedProcess[str]) -> dict[str, str]:
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    doc: dict[str, str] = json.loads(out.stdout or out.stderr)
    return doc


def _garble(path: Path, page: int, page_size: int = 4096) -> None:
    with open(path, "r+b") as f:
        f.seek(page * page_size + 20)
        f.write(os.urandom(page_size - 40))


def _garble_records_table(db: Path) -> None:
    """Garble a page the records table lives on (SQLite's dbstat), not whatever page the middle of the file happens
    to be: the file also holds free pages (migrations leave some), whose damage SQLite rightly ignores."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    leaves = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf'")]
    conn.close()
    assert len(leaves) > 6
    _garble(db, leaves[len(leaves) // 2] - 1)  # dbstat numbers pages from 1


def test_a_records_db_with_a_garbled_page_is_reported_not_served(tmp_path: Path) -> None:
    home = make_home(tmp_path / "t")
    assert _run(home, "records", "make-test", "--count", "200").returncode == 0
    _garble_records_table(home / "records.db")
    for args in (("records", "make-test", "--count", "1"), ("sync", "status")):
        err = _error(_run(home, *args, "--json"))
        assert err["code"] == "records.db_corrupt", err
    human = _run(home, "sync", "status")
    assert human.returncode == 2 and "records.db" in human.stderr and "Traceback" not in human.stderr


def test_a_catalog_db_with_a_garbled_page_is_reported_not_served(tmp_path: Path) -> None:
    home = make_home(tmp_path / "t")
    assert _run(home, "catalog", "stats").returncode == 0  # the demo catalog, filled on first use
    db = home / "catalog.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    pages = db.stat().st_size // 4096
    _garble(db, pages // 2)
    _garble(db, pages // 3)
    err = _error(_run(home, "catalog", "stats", "--json"))
    assert err["code"] == "catalog.db_damaged", err


def _write_identity(home: Path, **extra: object) -> dict[str, object]:
    identity = asdict(
        TerminalIdentity(
            terminal_id="T-test",
            division="532524101001",
            platform_url="http://127.0.0.1:9",
            platform_public_key="AAAA",
            algorithm="ed25519",
            public_key="AAAA",
            enrolled_at="2026-01-01T00:00:00+00:00",
        )
    )
    identity.update(extra)
    (home / "enrollment.json").write_text(json.dumps(identity), encoding="utf-8")
    return identity


@pytest.mark.parametrize("how", ["missing", "emptied-file", "emptied-tables"])
def test_an_enrolled_terminal_never_gets_the_demo_catalog(tmp_path: Path, how: str) -> None:
    home = make_home(tmp_path / "t")
    assert _run(home, "catalog", "stats").returncode == 0
    _write_identity(home)
    db = home / "catalog.db"
    if how == "emptied-tables":
        conn = sqlite3.connect(db)
        conn.execute("DELETE FROM bundle")
        conn.commit()
        conn.close()
    else:
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        if how == "missing":
            db.unlink()
        else:
            db.write_bytes(b"")
    err = _error(_run(home, "catalog", "stats", "--json"))
    assert err["code"] == "catalog.empty_enrolled", err
    human = _run(home, "catalog", "stats")
    assert "yunban catalog update" in human.stderr
    if how != "missing":
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT COUNT(*) FROM bundle").fetchone()[0] == 0  # the demo was not imported over it
        conn.close()


@pytest.mark.parametrize(
    "change",
    [
        {"extra_key": "x"},
        {"terminal_id": None},
        {"terminal_id": 5},
        {"terminal_no": "7"},
        {"terminal_no": ["01"]},
        "drop:public_key",
        "list",
        "number",
    ],
    ids=lambda c: str(c),
)
def test_enrollment_files_with_missing_extra_or_mistyped_keys_are_clear_errors(tmp_path: Path, change: object) -> None:
    home = make_home(tmp_path / "t")
    doc = _write_identity(home)
    if isinstance(change, dict):
        doc.update(change)
    elif change == "drop:public_key":
        doc.pop("public_key")
    path = home / "enrollment.json"
    path.write_text(json.dumps([doc] if change == "list" else 42 if change == "number" else doc), encoding="utf-8")
    with pytest.raises(UserError) as err:
        read_identity(home)
    assert err.value.code == "sync.enrollment_unreadable"
    assert _error(_run(home, "sync", "run", "--json"))["code"] == "sync.enrollment_unreadable"


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_data_files_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    home = make_home(tmp_path / "t")
    assert _run(home, "records", "make-test", "--count", "2", "--attachment-kb", "4", umask=umask).returncode == 0
    assert _run(home, "catalog", "stats", umask=umask).returncode == 0
    files = [home / "records.db", home / "catalog.db", home / "keystore.enc"]
    files += [home / n for n in ("records.db-wal", "records.db-shm", "catalog.db-wal", "catalog.db-shm")]
    attachments = home / "attachments"
    files += [p for p in attachments.rglob("*") if p.is_file()]
    files += list((home / "logs").glob("yunban.log*"))
    dirs = [attachments, home / "logs", *(p for p in attachments.rglob("*") if p.is_dir())]
    checked = 0
    for f in files:
        if f.exists():
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
            checked += 1
    assert checked >= 5
    for d in dirs:
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d


def test_stale_temporary_files_are_removed_at_start(tmp_path: Path) -> None:
    home = make_home(tmp_path / "t")
    assert _run(home, "records", "make-test", "--count", "1", "--attachment-kb", "4").returncode == 0
    store = home / "attachments"
    old, young = store / ".tmp-killedwriter", store / ".tmp-livewriter"
    old.write_bytes(b"half a scan")
    young.write_bytes(b"being written")
    past = time.time() - 120
    os.utime(old, (past, past))
    assert _run(home, "records", "make-test", "--count", "1", "--attachment-kb", "4").returncode == 0
    assert not old.exists() and young.exists()  # a live writer's file (younger than a minute) is left alone


def test_status_notes_are_encrypted_at_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    ctx = AppContext(make_home(tmp_path / "t"))
    try:
        rec = ctx.records.make_test(1)[0]
        note = "申请人张三 材料不全：缺户口簿"
        change = {"cursor": 1, "record_id": rec.record_id, "receipt_no": rec.receipt_no, "status": "rejected"}
        ctx.records_db.apply_status_changes([{**change, "note": note, "at": "2026-01-01T00:00:00Z"}], 1)
        raw = ctx.records_db.conn.execute(
            "SELECT r.status_note, s.note FROM records r JOIN status_changes s USING (record_id)"
        ).fetchone()
        assert all(v.startswith("enc1:") and "张三" not in v for v in raw)
        status = ctx.records.status_of(rec.receipt_no or "")
        assert status is not None and status["note"] == note and status["history"][0]["note"] == note
    finally:
        ctx.close()
    assert "张三".encode() not in (tmp_path / "t" / "records.db").read_bytes()


def test_enrolling_again_keeps_the_data_key_and_a_lost_key_is_not_replaced(
    tmp_path: Path, platform: InProcessPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    monkeypatch.setenv("YUNBAN_PLATFORM_URL", platform.url)
    home = make_home(tmp_path / "t")
    ctx = AppContext(home)
    try:
        ctx.enrollment.enroll(platform.enroll_code(), platform.url)
        before = ctx.records.make_test(3)
        key = ctx.keystore.get("data_key")
        ctx.enrollment.enroll(platform.enroll_code(), platform.url, force=True)
        assert ctx.keystore.get("data_key") == key
    finally:
        ctx.close()
    ctx = AppContext(home)
    try:
        report = ctx.sync.run_until_idle(timeout_s=30)
        assert (report.delivered, report.quarantined) == (3, 0)
        assert {r.record_id for r in before} <= set(platform.store.record_ids())
        ctx.keystore.delete("data_key")  # the keystore lost it (restored from an old copy, say)
    finally:
        ctx.close()
    ctx = AppContext(home)
    try:
        with pytest.raises(UserError) as err:
            ctx.records.make_test(1)
        assert err.value.code == "records.data_key_lost"
        assert ctx.keystore.get("data_key") is None  # no new key made over the old data
    finally:
        ctx.close()


def test_the_kiosk_holds_the_maintenance_screen_on_a_garbled_records_db(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = make_home(tmp_path / "t")
    assert _run(home, "records", "make-test", "--count", "200").returncode == 0
    _garble_records_table(home / "records.db")
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    ctx = AppContext(home)
    try:
        window = app.main.build_kiosk(ctx)
        qtbot.addWidget(window)
        assert isinstance(window.held, MaintenanceScreen) and window.current is window.held
    finally:
        ctx.close()


@pytest.mark.parametrize("case", ["garbled-page", "enrolled-empty"])
def test_the_kiosk_shows_maintenance_for_an_unusable_catalog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    home = make_home(tmp_path / "t")
    assert _run(home, "catalog", "stats").returncode == 0
    db = home / "catalog.db"
    if case == "garbled-page":
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        pages = db.stat().st_size // 4096
        _garble(db, pages // 2)
        _garble(db, pages // 3)
    else:
        _write_identity(home)
        db.write_bytes(b"")
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    ctx = AppContext(home)
    try:
        window = app.main.build_kiosk(ctx)
        qtbot.addWidget(window)
        window.show()  # the catalog opens in the background once the window is up
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.in_maintenance, timeout=15000)
        assert "catalog.db" in window.screens.maintenance.detail.text()
    finally:
        ctx.close()


def test_processes_starting_at_once_share_one_data_key(tmp_path: Path) -> None:
    """A fresh terminal's kiosk, CLI and sync starting together: each asks for the data key on first use. They must
    all get the same one (one made, the others read it), never each their own with one orphaning its data."""
    home = tmp_path / "t"
    home.mkdir()
    go = tmp_path / "go"
    code = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from app.records.keystore import open_keystore\n"
        "from app.records.crypto import KEY_NAME, data_key_cipher\n"
        f"ks = open_keystore('file', Path({str(home)!r}))\n"
        f"while not os.path.exists({str(go)!r}): time.sleep(0.001)\n"
        "data_key_cipher(ks)\n"
        "ks.set('marker-' + str(os.getpid()), 'x')\n"  # concurrent writers of other secrets lose nothing either
        "print(ks.get(KEY_NAME), os.getpid())\n"
    )
    env = {**os.environ, "YUNBAN_KEYRING_PASSPHRASE": KEYRING_PASSPHRASE}
    procs = [
        subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(8)
    ]
    time.sleep(1.0)  # harness timing: let every child reach the starting line
    go.touch()
    outs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len({key for key, _ in outs}) == 1
    from app.records.keystore import open_keystore

    ks = open_keystore("file", home, env)
    assert all(ks.get(f"marker-{pid}") == "x" for _, pid in outs)
