"""Qt Virtual Keyboard with Pinyin on a real X server (Xvfb): the panel shows when search opens, the results are
kept above it, and tapping s-f-z then the first candidate puts 身份证 in the box and searches for it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("vk_probe.py")


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("xdotool")), reason="needs xvfb-run and xdotool")
def test_pinyin_on_the_virtual_keyboard_finds_the_id_card_items(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_IM_MODULE", "DISPLAY")}
    env["HOME"] = str(tmp_path)  # the Pinyin engine keeps a user dictionary under ~/.config
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(PROBE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines, proc.stderr[-2000:]
    report = json.loads(lines[-1])
    assert report["im_module"] == "qtvirtualkeyboard"
    assert report["keyboard_visible"] is True
    assert report["keyboard_rect"][3] > 300  # the panel covers the lower part of the 800-px screen
    assert report["compact"] is True
    assert report["preedit"].replace(" ", "") == "sfz"
    assert report["text_during_preedit"] == ""  # "sfz" is only a pre-edit until a candidate is chosen
    assert report["text"] == "身份证"
    assert report["results"] == ["530000-GA-0001", "530000-GA-0002", "530000-GA-0003"]
