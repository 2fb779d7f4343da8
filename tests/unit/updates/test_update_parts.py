"""The update's small parts: the journal the recovery script reads, the `[update]` settings, the busy marker and
how a bundle path is recognised."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.apply.busy import SessionLock, is_busy
from app.config import ConfigError, load_config
from app.errors import UserError
from app.updates.bundle import bundle_dir
from app.updates.journal import clear_journal, read_journal, write_journal


def test_journal_round_trip_and_clear(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    assert read_journal(journal) is None
    write_journal(journal, action="apply", target="/x/yunban_0.2.0_amd64.deb", target_version="0.2.0", fallback="")
    entries = read_journal(journal)
    assert entries is not None and entries["action"] == "apply" and entries["target_version"] == "0.2.0"
    assert entries["fallback"] == "" and entries["dpkg_root"] == ""
    assert journal.read_text().splitlines()[0] == "action=apply"  # key=value lines for /bin/sh
    assert not (tmp_path / "journal.tmp").exists()
    clear_journal(journal)
    clear_journal(journal)
    assert read_journal(journal) is None


def test_journal_refuses_entries_the_shell_could_misread(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_journal(tmp_path / "journal", action="apply\ntarget=/etc/passwd")
    with pytest.raises(ValueError):
        write_journal(tmp_path / "journal", command="rm -rf /")


def test_update_settings(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    assert load_config(config).update.bundle_root == "/usr/share/yunban/update-root.json"
    config.write_text('[update]\nbundle_root = "/srv/root.json"\ndpkg_root = "/tmp/r"\n', encoding="utf-8")
    loaded = load_config(config)
    assert loaded.update.bundle_root == "/srv/root.json" and loaded.update.dpkg_root == "/tmp/r"
    config.write_text('[update]\nbundle_root = "root.json"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(config)
    assert refused.value.code == "config.update_path" and "update.bundle_root" in str(refused.value)
    config.write_text("[update]\nhour = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(config)


def test_session_marker_is_seen_from_another_process_and_dies_with_it(tmp_path: Path) -> None:
    lock = tmp_path / "run" / "session.lock"
    assert is_busy(lock) is False  # never created: nobody ever applied
    marker = SessionLock(lock)
    marker.hold("a")
    probe = [sys.executable, "-c", "import sys; from app.apply.busy import is_busy; print(is_busy(sys.argv[1]))"]
    assert subprocess.run([*probe, str(lock)], capture_output=True, text=True).stdout.strip() == "True"
    marker.release("a")
    assert subprocess.run([*probe, str(lock)], capture_output=True, text=True).stdout.strip() == "False"
    code = (
        "import sys, pathlib; from app.apply.busy import SessionLock; "
        "SessionLock(pathlib.Path(sys.argv[1])).hold('x'); print('held', flush=True); sys.stdin.read()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(lock)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert is_busy(lock) is True
    holder.kill()  # a crashed kiosk
    holder.wait()
    assert is_busy(lock) is False  # the lock died with its process


def test_no_marker_path_is_a_no_op() -> None:
    marker = SessionLock(None)
    marker.hold("a")
    marker.release("a")
    assert marker.path is None


def test_bundle_dir_accepts_the_bundle_or_its_parent(tmp_path: Path) -> None:
    bundle = tmp_path / "stick" / "yunban-update"
    (bundle / "metadata").mkdir(parents=True)
    (bundle / "metadata" / "timestamp.json").write_text("{}")
    assert bundle_dir(bundle) == bundle
    assert bundle_dir(tmp_path / "stick") == bundle
    with pytest.raises(UserError) as refused:
        bundle_dir(tmp_path)
    assert refused.value.code == "updates.not_a_bundle"
