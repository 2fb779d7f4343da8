"""`yunban demo --screenshots DIR` walks 我要办理 on the demo devices: form from the simulated card, scanned
materials, review, the receipt PNG from the virtual printer, and the rating screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from app.keystore import PASSPHRASE_ENV
from app.main import APPLY_SCREENSHOTS

ROOT = Path(__file__).resolve().parents[2]


def test_demo_screenshots_walk_the_apply_flow(tmp_path: Path) -> None:
    home = tmp_path / "home"
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", PASSPHRASE_ENV)}
    env.update({"QT_QPA_PLATFORM": "offscreen", "YUNBAN_HOME": str(home)})
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))", "demo",
         "--screenshots", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for name in APPLY_SCREENSHOTS:
        png = out / name
        assert png.exists(), name
        assert png.stat().st_size > 10_000, name
    with Image.open(out / "15-receipt.png") as receipt:  # the virtual printer's rendering of the 受理回执
        assert receipt.width in (384, 416, 576) and receipt.height > 600
    with Image.open(out / "12-apply-form-from-card.png") as form:
        assert form.size == (1280, 800)
    log = "\n".join(p.read_text(encoding="utf-8") for p in (home / "logs").glob("*.log*"))
    assert "submission finalised" in log and "Traceback" not in log
    assert "53252419880315002X" not in log and "李明华" not in log  # no personal data in the logs
