"""A terminal's data directory read at another path (a broken terminal's disk mounted on a technician's machine, or
restored to a new folder) still delivers its undelivered records as that terminal, exactly once: the file keystore
belongs to one directory, so its secrets are found although they were stored under the old path's service name
(docs/deploy.md, "Replacing a broken terminal")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.context import AppContext
from app.records.keystore import EncryptedFileBackend
from tests.support.cli import KEYRING_PASSPHRASE, make_home
from tests.support.platform import InProcessPlatform


def test_a_moved_home_delivers_its_records_once(
    tmp_path: Path, platform: InProcessPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    monkeypatch.setenv("YUNBAN_PLATFORM_URL", platform.url)
    old = make_home(tmp_path / "terminal")
    ctx = AppContext(old)
    try:
        ctx.enrollment.enroll(platform.enroll_code(), platform.url)
        ctx.records.make_test(2)
        assert ctx.sync.run_until_idle(timeout_s=30).delivered == 2
        ctx.records.make_test(1)  # then the terminal dies with this one undelivered
    finally:
        ctx.close()
    moved = tmp_path / "mnt" / "old-terminal"
    shutil.copytree(old, moved)
    recovered = AppContext(moved)
    try:
        report = recovered.sync.run_until_idle(timeout_s=30)
        assert (report.delivered, recovered.sync.status().pending) == (1, 0)
    finally:
        recovered.close()
    assert platform.store.stats()["submissions"] == 3
    # The old terminal, were it to come back, delivers nothing twice.
    ctx = AppContext(old)
    try:
        report = ctx.sync.run_until_idle(timeout_s=30)
        assert (report.duplicates, report.quarantined, ctx.sync.status().pending) == (1, 0, 0)
    finally:
        ctx.close()
    assert platform.store.stats()["submissions"] == 3


def test_the_moved_lookup_never_mixes_two_homes(tmp_path: Path) -> None:
    store = EncryptedFileBackend(tmp_path / "keystore.enc", "pass")
    store.set_password("yunban:/a", "token", "A")
    assert store.get_password("yunban:/b", "token") == "A"  # one home's file, read at another path
    store.set_password("yunban:/c", "token", "C")
    assert store.get_password("yunban:/b", "token") is None  # two candidates: refuse to guess
    assert store.get_password("yunban:/a", "token") == "A"
    assert store.get_password("other:/a", "token") is None
