"""Scanner fixtures: SANE's real `test` backend (its config is the session's, tests/support/sane.py), put back to
its defaults after each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.sane import make_sane_config


@pytest.fixture(autouse=True)
def reset_test_backend(sane_config: Path) -> Iterator[None]:
    """The `test` backend keeps option values across open/close: put its fault option back after each test."""
    yield
    from devices.scanner import sane_driver

    def reset() -> None:
        sane = sane_driver._sane()
        for name in ("test:0", "test:1"):
            dev = sane.open(name)
            try:
                dev.read_return_value = "Default"
            finally:
                dev.close()

    sane_driver.run_on_sane_thread(reset)


__all__ = ["make_sane_config", "reset_test_backend"]
