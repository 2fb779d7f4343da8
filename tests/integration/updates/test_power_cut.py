"""A power cut during `yunban update apply`: the whole process group (yunban and the dpkg it runs) is SIGKILLed while
dpkg is in the middle of installing; `yunban-update-recover` (the POSIX shell script the kiosk unit runs first)
then leaves exactly the old or the new version installed and working, never neither."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from app.updates.publish import build_bundle
from tests.integration.updates.helpers import RECOVER, REPO, Terminal, make_deb


def _kill_mid_dpkg(t: Terminal, tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    gate.mkdir()
    (gate / "hold").touch()
    bundle = build_bundle(t.keys, make_deb(t.debs, "0.2.0", preinst_wait=gate), tmp_path / "usb")
    proc = subprocess.Popen(
        t.command("update", "apply", str(bundle)),
        cwd=REPO,
        env=t.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120  # a bound on the wait, not a timing assertion
        while not (gate / "started").exists():
            if proc.poll() is not None:
                pytest.fail(
                    f"apply ended before dpkg ran its preinst: {proc.stderr.read().decode() if proc.stderr else ''}"
                )
            if time.monotonic() > deadline:
                pytest.fail("dpkg never reached the preinst")
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the power cut: yunban, dpkg and the maintainer script at once
        proc.wait()
        (gate / "hold").unlink(missing_ok=True)
    assert proc.returncode == -signal.SIGKILL
    assert (t.home / "updates" / "journal").exists()
    assert t.manager().status()["dpkg_state"] != "ii"  # dpkg was cut in the middle


def _recover(t: Terminal) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(RECOVER), str(t.home)], capture_output=True, text=True, check=False)


def test_power_cut_then_recovery_finishes_the_new_version(terminal: Terminal, tmp_path: Path, capsys: Any) -> None:
    _kill_mid_dpkg(terminal, tmp_path)
    code, data = terminal.cli("update", "apply", str(tmp_path / "usb"), capsys=capsys)
    assert code == 2 and data["code"] == "updates.journal_pending"
    out = _recover(terminal)
    assert out.returncode == 0, out.stderr
    assert terminal.installed() == "0.2.0" and terminal.probe() == "0.2.0"
    status = terminal.manager().status()
    assert status["dpkg_state"] == "ii" and status["journal"] is None
    assert _recover(terminal).returncode == 0  # nothing pending: a no-op


def test_power_cut_without_the_staged_package_restores_the_old_version(terminal: Terminal, tmp_path: Path) -> None:
    _kill_mid_dpkg(terminal, tmp_path)
    for staged in (terminal.home / "updates" / "staging").glob("*.deb"):
        staged.unlink()
    out = _recover(terminal)
    assert out.returncode == 0, out.stderr
    assert terminal.installed() == "0.1.0" and terminal.probe() == "0.1.0"
    assert terminal.manager().status()["dpkg_state"] == "ii"
    assert not (terminal.home / "updates" / "journal").exists()
