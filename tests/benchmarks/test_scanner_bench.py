"""Scanner benchmarks: scan-to-upload-ready time per page at 200 dpi (SANE, the pipeline, the simulated camera).

Contract: skipped by default (`--benchmark-skip` in addopts); run with `QT_QPA_PLATFORM=offscreen .venv/bin/python
-m pytest tests/benchmarks/test_scanner_bench.py --benchmark-enable --benchmark-only`; figures in docs/benchmarks.md.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.config import ScannerConfig
from app.devices.scanning import ScannerService, ScanRequest
from devices.emulators.document_camera import SimulatedCamera, on_desk
from devices.scanner.camera import CameraScanner
from devices.scanner.pipeline import PageOptions, prepare_page
from devices.scanner.qr import decode_qr
from tests.integration.devices.scanner.test_pipeline import document


def test_sane_scan_to_upload_ready(benchmark: Any) -> None:
    """SANE's `test` backend (private SANE_CONFIG_DIR), colour, 200 dpi, through the service: scan, crop,
    grayscale detection, JPEG within the 1 MB budget. The backend's scan area stops at 200 × 200 mm (1574 × 1574 px),
    56 % of an A4 page's pixels."""
    service = ScannerService(ScannerConfig(driver="sane", device="test:0"))
    _, prepared = benchmark(service.scan, ScanRequest(resolution=200))
    benchmark.extra_info["pixels"] = f"{prepared[0].width}x{prepared[0].height}"
    benchmark.extra_info["bytes"] = len(prepared[0].jpeg)


@pytest.mark.parametrize("color", [False, True], ids=["bw-document", "colour-photo"])
def test_pipeline_a4(benchmark: Any, color: bool) -> None:
    """The pipeline alone on a synthetic A4 page at 200 dpi (1654 × 2339): a colour scan of a black and white
    document, and a colour page with a photo."""
    page = document(color=color)
    prepared = benchmark(prepare_page, page, PageOptions(dpi=200))
    benchmark.extra_info["bytes"] = len(prepared.jpeg)
    benchmark.extra_info["gray"] = prepared.gray


@pytest.mark.parametrize("moving", [0, 6], ids=["still", "laid-down"])
def test_camera_capture_to_upload_ready(benchmark: Any, qapp: object, moving: int) -> None:
    """The SIMULATED document camera (no UVC camera on the test machine): 5 MP frames pushed at 15 fps through
    QVideoFrameInput → QMediaCaptureSession → QVideoSink on the camera-io thread, timed from the request to the JPEG:
    4 still frames after the first (a floor of 5 frame intervals, 0.33 s), the frame to Pillow, crop, grayscale
    detection, JPEG within budget. `laid-down`: 6 frames of a hand laying the page down come first (+0.4 s)."""
    camera = CameraScanner(simulator=SimulatedCamera(moving_frames=moving))
    assert camera.simulated is not None
    camera.simulated.frames()  # draw the simulated scene once, outside the timing

    def capture() -> Any:
        (frame,) = camera.scan()
        return prepare_page(frame, PageOptions(dpi=200))

    prepared = benchmark.pedantic(capture, rounds=20, iterations=1, warmup_rounds=1)
    benchmark.extra_info["pixels"] = f"{prepared.width}x{prepared.height}"
    benchmark.extra_info["bytes"] = len(prepared.jpeg)


def _receipt_qr_page() -> Any:
    from tests.integration.devices.scanner.test_camera import _qr_on_a_page

    return _qr_on_a_page("YBR1:R53250100202611270001:7F3KQ2", angle=6.0, scale=1.3)


def test_camera_read_qr(benchmark: Any, qapp: object) -> None:
    """A receipt QR (6° turned) on a page under the simulated camera until zxing-cpp decodes it."""
    camera = CameraScanner(simulator=SimulatedCamera(picture=_receipt_qr_page(), moving_frames=0))
    assert camera.simulated is not None
    camera.simulated.frames()
    text = benchmark.pedantic(camera.read_qr, rounds=20, iterations=1, warmup_rounds=1)
    assert text.startswith("YBR1:")


def test_decode_qr_5mp(benchmark: Any) -> None:
    """Decoding alone on one 5 MP frame."""
    frame = on_desk(_receipt_qr_page())
    assert benchmark(decode_qr, frame) == ["YBR1:R53250100202611270001:7F3KQ2"]
