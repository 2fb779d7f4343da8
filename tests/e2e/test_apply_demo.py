"""`yunban demo --screenshots DIR` walks 我要办理 on the demo devices: form from the simulated card, scanned
materials, review, the receipt PNG from the virtual printer, and the rating screen."""

from __future__ import annotations

from PIL import Image

from app.demo.screenshots import APPLY_SCREENSHOTS
from tests.conftest import DemoRun


def test_demo_screenshots_walk_the_apply_flow(demo_run: DemoRun) -> None:
    home, out = demo_run.home, demo_run.shots
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
