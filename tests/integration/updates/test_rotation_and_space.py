"""Root key rotation (the terminal walks the root chain; the revoked keys sign nothing it accepts afterwards) and a
full disk during an update (refused before anything changes)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.updates.publish import build_bundle, rotate_root
from tests.integration.updates.helpers import Terminal, make_deb, make_terminal


def test_root_rotation_is_followed_and_the_old_keys_are_refused(
    terminal: Terminal, tmp_path: Path, capsys: Any
) -> None:
    first = build_bundle(terminal.keys, make_deb(terminal.debs, "0.2.0"), tmp_path / "usb-1")
    assert terminal.cli("update", "apply", str(first), capsys=capsys)[0] == 0
    stolen = tmp_path / "stolen-keys"
    shutil.copytree(terminal.keys, stolen)  # what an attacker with the old keys holds

    new_root = rotate_root(terminal.keys)
    assert new_root.name == "2.root.json"
    second = build_bundle(terminal.keys, make_deb(terminal.debs, "0.3.0"), tmp_path / "usb-2")
    assert (second / "metadata" / "2.root.json").exists()
    code, data = terminal.cli("update", "apply", str(second), capsys=capsys)
    assert code == 0, data
    assert terminal.installed() == "0.3.0" and terminal.manager().status()["trusted_root_version"] == 2

    forged = build_bundle(stolen, make_deb(terminal.debs, "0.4.0"), tmp_path / "usb-forged")
    code, data = terminal.cli("update", "apply", str(forged), capsys=capsys)
    assert code == 2 and data["code"] == "updates.unknown_keys"
    assert terminal.installed() == "0.3.0" and terminal.probe() == "0.3.0"


def test_a_terminal_still_on_root_1_walks_the_chain(terminal: Terminal, tmp_path: Path, capsys: Any) -> None:
    rotate_root(terminal.keys)
    rotate_root(terminal.keys)
    bundle = build_bundle(terminal.keys, make_deb(terminal.debs, "0.2.0"), tmp_path / "usb")
    code, data = terminal.cli("update", "check", str(bundle), capsys=capsys)
    assert code == 0 and data["root_version"] == 3


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB tmpfs (root only; skipped where mounting is impossible)."""
    mount = tmp_path / "small"
    mount.mkdir()
    out = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {out.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_refused_and_nothing_changes(small_disk: Path, tmp_path: Path, capsys: Any) -> None:
    t = make_terminal(small_disk / "terminal")
    big = make_deb(tmp_path, "0.2.0", payload_kb=4096)  # incompressible: the bundle cannot fit on 3 MiB
    bundle = build_bundle(t.keys, big, tmp_path / "usb")
    code, data = t.cli("update", "apply", str(bundle), capsys=capsys)
    assert code == 2 and data["code"] in ("updates.no_space", "updates.disk_full"), data
    assert "MB" in data["error"] or "磁盘" in data["error"]
    assert t.installed() == "0.1.0" and t.probe() == "0.1.0"
    assert not (t.home / "updates" / "journal").exists()
    assert not (t.home / "updates" / "verify").exists()
