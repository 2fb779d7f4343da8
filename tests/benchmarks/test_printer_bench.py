"""Receipt printer benchmarks: bytes and time for a typical receipt, text mode vs raster mode.

Contract: skipped by default (`--benchmark-skip` in addopts); run with `QT_QPA_PLATFORM=offscreen .venv/bin/python
-m pytest tests/benchmarks/test_printer_bench.py --benchmark-enable --benchmark-only`; figures in docs/benchmarks.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.config import PrinterConfig
from app.devices.printing import PrinterService
from devices.emulators.virtual_printer import VirtualPrinter
from devices.printer.layout import layout_receipt
from devices.printer.profiles import PROFILES
from devices.printer.raster import default_font
from tests.integration.devices.printer.conftest import typical_receipt

MODES = ["text", "raster"]


@pytest.fixture(scope="module")
def printer() -> Iterator[VirtualPrinter]:
    with VirtualPrinter(render=False) as vp:
        yield vp


@pytest.mark.parametrize("profile", ["58mm", "POS-5890", "80mm"])
@pytest.mark.parametrize("mode", MODES)
def test_layout(benchmark: Any, mode: str, profile: str) -> None:
    receipt = typical_receipt()
    default_font()  # font lookup (fc-list) once, outside the timing
    result = benchmark(layout_receipt, receipt, PROFILES[profile], mode)
    benchmark.extra_info["bytes"] = len(result.data)


@pytest.mark.parametrize("mode", MODES)
def test_print(benchmark: Any, printer: VirtualPrinter, tmp_path: Path, mode: str) -> None:
    """The whole job as the service does it: layout, spool write, TCP connect to the virtual printer, DLE EOT
    before and after, send, close (the emulator's PNG rendering is off so it does not compete for the two cores); the
    bytes are in extra_info."""
    service = PrinterService(PrinterConfig(uri=printer.uri, profile="58mm", mode=mode), tmp_path / "spool")
    receipt = typical_receipt()
    try:
        result = benchmark(service.print_receipt, receipt)
    finally:
        service.close()
    benchmark.extra_info["bytes"] = result.size
