"""Prompts for a secret that get no answer: with no terminal to ask on, a command that would prompt says how to pass
the secret instead; at a terminal, Ctrl+D (the input ends) stops the command with a short message, not a traceback.
Nothing is changed either way."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

CLI = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"]
ROOT = Path(__file__).resolve().parents[3]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "YUNBAN_HANDOVER_PASSPHRASE"}
    env["YUNBAN_LANG"] = "zh_CN"
    return env


def test_no_terminal_names_the_other_ways(tmp_path: Path) -> None:
    data = tmp_path / "platform"
    proc = subprocess.run(
        [*CLI, "platform", "handover-passphrase", "--data", str(data)],
        cwd=ROOT, env=_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode != 0
    assert "--passphrase-file" in proc.stderr and "YUNBAN_HANDOVER_PASSPHRASE" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not list(data.rglob("*passphrase*"))


def test_ctrl_d_at_the_prompt_ends_the_command_plainly(tmp_path: Path) -> None:
    data = tmp_path / "platform"
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*CLI, "platform", "handover-passphrase", "--data", str(data)],
        cwd=ROOT, env=_env(), stdin=follower, stdout=follower, stderr=follower, start_new_session=True,
    )  # fmt: skip
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while b"passphrase" not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            seen += os.read(leader, 4096)
    assert b"passphrase" in seen, seen
    os.write(leader, b"\x04")  # Ctrl+D: the terminal's end of input
    code = proc.wait(timeout=60)
    while True:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert code == 2, text
    assert "no hand-over passphrase given: nothing changed" in text and "Traceback" not in text
    assert not list(data.rglob("*passphrase*"))
