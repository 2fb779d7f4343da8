"""Issue 11 #15: a nearly full disk during submit, make-test, sync and at catalog start is a clear error naming the
true reason (disk full, never "catalog.db is corrupt"), exit 2, no traceback, nothing half-stored, and everything
works again once space is freed. The disk is a small tmpfs (root only: the test is skipped, saying why, when the
mount is not possible)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import make_home, terminal_env
from tests.support.platform import REPO, YUNBAN, InProcessPlatform


def _mounted(mount: Path, size: str) -> Iterator[Path]:
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    cmd = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from _mounted(tmp_path / "disk", "16m")  # the demo catalog.db (3.4 MiB with search tables) and its WAL


@pytest.fixture
def catalog_disk(tmp_path: Path) -> Iterator[Path]:
    """Room for the demo catalog (a submit needs it) and not much more."""
    yield from _mounted(tmp_path / "disk", "48m")


def _fill(disk: Path) -> Path:
    """Take every free byte of the disk (a filler file); returns it, so the test can free the space again."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)

        except OSError:
            pass
    with open(filler, "ab", buffering=0) as f:  # the last bytes below one block
        try:
            while True:
                f.write(b"\0" * 512)

        except OSError:
            pass
    assert os.statvfs(disk).f_bavail == 0
    return filler


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*YUNBAN, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def _refused(out: subprocess.CompletedProcess[str]) -> dict[str, str]:
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    doc: dict[str, str] = json.loads(out.stdout or out.stderr)
    return doc


def test_full_disk_during_make_test_and_catalog_start(small_disk: Path) -> None:
    home = make_home(small_disk / "home")
    env = {**terminal_env(home, "http://127.0.0.1:9"), "YUNBAN_LANG": "en"}
    assert _run(env, "records", "make-test", "--count", "1").returncode == 0
    filler = _fill(small_disk)
    made = _refused(_run(env, "records", "make-test", "--count", "3", "--attachment-kb", "256", "--json"))
    assert made["code"] in {"records.attachment_disk_full", "records.disk_full", "records.not_saved"}, made
    assert "space" in made["error"] or "disk" in made["error"].lower(), made
    catalog = _refused(_run(env, "catalog", "stats", "--json"))  # a fresh catalog cannot be built on a full disk
    assert catalog["code"] in {"catalog.disk_full", "catalog.db_unavailable"}, catalog
    assert "corrupt" not in catalog["error"], catalog
    assert not list((home / "attachments").glob(".tmp-*"))
    filler.unlink()
    conn = sqlite3.connect(home / "records.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 1  # nothing half-stored
    finally:
        conn.close()
    again = _run(env, "records", "make-test", "--count", "2", "--attachment-kb", "64", "--json")
    assert again.returncode == 0, again.stderr
    assert _run(env, "catalog", "stats").returncode == 0


def test_full_disk_during_sync(small_disk: Path, platform: InProcessPlatform) -> None:
    home = make_home(small_disk / "home")
    env = {**terminal_env(home, platform.url), "YUNBAN_LANG": "en"}
    enrolled = _run(env, "enroll", "--platform", platform.url, "--code", platform.enroll_code(), "--json")
    assert enrolled.returncode == 0, enrolled.stderr
    assert _run(env, "records", "make-test", "--count", "30", "--attachment-kb", "16").returncode == 0
    conn = sqlite3.connect(home / "records.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no spare WAL space to write delivery marks into
    conn.close()
    filler = _fill(small_disk)
    out = _run(env, "sync", "run", "--until-idle", "--timeout", "30", "--json")
    doc = _refused(out)  # the delivery mark cannot be stored: said so, and the next run repeats that step
    assert doc["code"] == "records.disk_full" and "Disk full" in doc["error"], doc
    filler.unlink()
    done = _run(env, "sync", "run", "--until-idle", "--timeout", "60", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pending"] == 0
    held = platform.store.record_ids()
    assert len(held) == len(set(held)) == 30  # exactly once, whatever the full disk interrupted


def test_full_disk_during_submit(catalog_disk: Path, tmp_path: Path) -> None:
    from tests.integration.apply.conftest import ID_CARD_ITEM, dump, id_card_answers, jpeg_page
    from tests.integration.records.test_kill_campaign import CARD

    home = make_home(catalog_disk / "home")
    env = {**terminal_env(home, "http://127.0.0.1:9"), "YUNBAN_LANG": "en"}
    assert _run(env, "catalog", "stats").returncode == 0
    assert _run(env, "records", "make-test", "--count", "1").returncode == 0
    scan = tmp_path / "scan.jpg"  # outside the full disk: the citizen's material is readable
    scan.write_bytes(jpeg_page(1600, 1200, 120))
    submit = ["submit", "--consent", "--item", ID_CARD_ITEM,
              "--data", str(dump(tmp_path / "d.json", id_card_answers())),
              "--card-json", str(dump(tmp_path / "card.json", CARD)), "--attach", f"id_card={scan}",
              "--attach", f"material.hukou={scan}", "--json"]  # fmt: skip
    filler = _fill(catalog_disk)
    refused = _refused(_run(env, *submit))
    assert "disk" in refused["error"].lower() or "space" in refused["error"].lower(), refused
    filler.unlink()
    conn = sqlite3.connect(home / "records.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 1  # nothing half-stored
        assert conn.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 0  # no draft left holding card data
    finally:
        conn.close()
    done = _run(env, *submit)
    assert done.returncode == 0, done.stdout + done.stderr
