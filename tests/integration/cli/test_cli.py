from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.cli import main


def test_help_lists_commands(capsys: object) -> None:
    assert main([]) == 2


def test_console_script_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "yunban"
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("yunban ")
