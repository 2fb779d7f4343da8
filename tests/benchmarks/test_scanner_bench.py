"""Scanner benchmarks: scan-to-upload-ready time per page at 200 dpi.

Skipped by default (`--benchmark-skip` in addopts). Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/test_scanner_bench.py \
        --benchmark-enable --benchmark-only --benchmark-columns=min,median,mean,max,rounds

* `test_sane_scan_to_upload_ready`: SANE's `test` backend (private SANE_CONFIG_DIR), colour, 200 dpi, through the
  service: scan, crop, grayscale detection, JPEG within the 1 MB budget. The test backend's scan area stops at
  200 × 200 mm (1574 × 1574 px), 56 % of an A4 page's pixels.
* `test_pipeline_a4`: the pipeline alone on a synthetic A4 page at 200 dpi (1654 × 2339), colour scan of a black and
  white document, and a colour page with a photo.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.config import ScannerConfig
from app.scanning import ScannerService, ScanRequest
from devices.scanner.pipeline import PageOptions, prepare_page
from tests.scanner.conftest import make_sane_config
from tests.scanner.test_pipeline import document


@pytest.fixture(scope="module", autouse=True)
def sane_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_sane_config(tmp_path_factory.mktemp("sane"))
    os.environ.setdefault("SANE_CONFIG_DIR", str(root))
    return root


def test_sane_scan_to_upload_ready(benchmark: Any) -> None:
    service = ScannerService(ScannerConfig(driver="sane", device="test:0"))
    _, prepared = benchmark(service.scan, ScanRequest(resolution=200))
    benchmark.extra_info["pixels"] = f"{prepared[0].width}x{prepared[0].height}"
    benchmark.extra_info["bytes"] = len(prepared[0].jpeg)


@pytest.mark.parametrize("color", [False, True], ids=["bw-document", "colour-photo"])
def test_pipeline_a4(benchmark: Any, color: bool) -> None:
    page = document(color=color)
    prepared = benchmark(prepare_page, page, PageOptions(dpi=200))
    benchmark.extra_info["bytes"] = len(prepared.jpeg)
    benchmark.extra_info["gray"] = prepared.gray
