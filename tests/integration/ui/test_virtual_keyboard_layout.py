"""The layout follows the real Qt Virtual Keyboard (on Xvfb): in 大字模式 at 1280×800 a tap on a form field brings up
the Pinyin panel over the lower half of the screen, and the field and the 下一步 button stay whole above it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("vk_form_probe.py")


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("xdotool")), reason="needs xvfb-run and xdotool")
def test_the_field_and_the_next_button_stay_above_the_virtual_keyboard(tmp_path: Path) -> None:
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
    assert report["keyboard_visible"] is True, report
    _x, keyboard_top, _width, height = report["keyboard_rect"]
    assert height >= 300 and keyboard_top + height == 800  # the panel covers the lower half of the screen
    assert report["covered"] == height  # the window made that much room
    assert report["focus"] == report["field"]  # the tapped field has the focus
    _fx, fy, _fw, fh = report["focus_rect"]
    _bx, by, _bw, bh = report["button_rect"]
    assert fy >= 0 and fy + fh <= keyboard_top and report["focus_unclipped"], report  # the whole field is in view
    assert by >= 0 and by + bh <= keyboard_top and report["button_unclipped"], report  # and the primary button
    assert report["top_bar_visible"] is False  # the top bar gave its room to the page
