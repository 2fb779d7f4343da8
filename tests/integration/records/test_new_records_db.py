"""Issue 11 #7: an emptied, deleted or replaced records.db is noticed on any terminal, enrolled or not. The keystore
keeps records.db's identity and the last receipt sequence issued; numbering refuses (`records.db_new`, exit 2)
until a technician runs `yunban records acknowledge-new-db`, after which the day's numbers continue after the last
one issued, never repeating. Run through the real CLI with a file keystore."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.context import AppContext
from app.errors import UserError
from tests.support.cli import KEYRING_PASSPHRASE, make_home, terminal_env, yb, yb_json


def _env(home: Path) -> dict[str, str]:
    env = terminal_env(home, "http://127.0.0.1:9")  # never contacted: nothing here syncs
    env["YUNBAN_LANG"] = "en"
    return env


def _sequences(receipts: list[str]) -> list[int]:
    return [int(r[20:24]) for r in receipts]


def _lose(home: Path, how: str) -> None:
    db = home / "records.db"
    if how == "deleted":
        for name in ("records.db", "records.db-wal", "records.db-shm"):
            (home / name).unlink(missing_ok=True)
    elif how == "emptied":
        for name in ("records.db-wal", "records.db-shm"):
            (home / name).unlink(missing_ok=True)
        db.write_bytes(b"")
    elif how == "tables-emptied":
        conn = sqlite3.connect(db)
        conn.executescript(
            "DELETE FROM record_attachments; DELETE FROM outbox; DELETE FROM receipts; DELETE FROM record_links;"
            "DELETE FROM records; DELETE FROM receipt_counters; DELETE FROM sync_meta;"
        )
        conn.close()
    elif how == "swapped":  # another terminal's (or a fresh) records.db put in its place
        other = make_home(home.parent / "other")
        yb_json(_env(other), "records", "make-test", "--count", "1")
        for name in ("records.db", "records.db-wal", "records.db-shm"):
            (home / name).unlink(missing_ok=True)
        (other / "records.db").replace(db)


@pytest.mark.parametrize("how", ["deleted", "emptied", "tables-emptied", "swapped"])
def test_a_new_records_db_blocks_numbering_until_acknowledged(tmp_path: Path, how: str) -> None:
    home = make_home(tmp_path / "terminal")
    env = _env(home)
    first = yb_json(env, "records", "make-test", "--count", "3")
    assert _sequences(first["receipts"]) == [1, 2, 3]
    _lose(home, how)

    refused = yb(env, "records", "make-test", "--count", "1", "--json")
    assert refused.returncode == 2, refused.stderr
    assert json.loads(refused.stdout or refused.stderr)["code"] == "records.db_new"
    human = yb(env, "records", "make-test", "--count", "1")
    assert human.returncode == 2 and "acknowledge-new-db" in human.stderr and "Traceback" not in human.stderr

    ack = yb_json(env, "records", "acknowledge-new-db")
    assert ack["next_sequence"] == 4 and ack["day"] is not None
    again = yb_json(env, "records", "make-test", "--count", "2")
    assert _sequences(again["receipts"]) == [4, 5]  # no receipt number issued twice
    nothing = yb(env, "records", "acknowledge-new-db", "--json")
    assert nothing.returncode == 2 and "records.db_nothing_to_acknowledge" in (nothing.stdout + nothing.stderr)


def test_the_marker_follows_a_database_that_never_numbered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records without receipt numbers (evaluations) cannot collide: a new database is followed, not refused."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    home = make_home(tmp_path / "terminal")
    ctx = AppContext(home)
    try:
        ctx.records.finalise(kind="evaluation", payload={"rating": "满意"})
        assert not ctx.records_db_replaced()
    finally:
        ctx.close()
    _lose(home, "deleted")
    ctx = AppContext(home)
    try:
        assert not ctx.records_db_replaced()
        receipt = ctx.records.make_test(1)[0].receipt_no
        assert receipt is not None and _sequences([receipt]) == [1]
    finally:
        ctx.close()


def test_in_process_refusal_and_kiosk_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    home = make_home(tmp_path / "terminal")
    ctx = AppContext(home)
    try:
        ctx.records.make_test(2)
    finally:
        ctx.close()
    _lose(home, "deleted")
    ctx = AppContext(home)
    try:
        assert ctx.records_db_replaced()  # the kiosk starts into the provisioning screen on this
        with pytest.raises(UserError) as err:
            ctx.records.make_test(1)
        assert err.value.code == "records.db_new"
        assert ctx.records_db.record_count() == 0  # nothing half-stored
        assert ctx.records.finalise(kind="evaluation", payload={"rating": "满意"}).receipt_no is None  # unnumbered
        _day, nxt = ctx.numbering_marker.acknowledge()
        assert nxt == 3 and not ctx.records_db_replaced()
    finally:
        ctx.close()
