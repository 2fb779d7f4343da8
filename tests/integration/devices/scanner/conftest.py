"""Scanner fixtures: SANE's real `test` backend through a private SANE_CONFIG_DIR.

libsane reads SANE_CONFIG_DIR once, when python-sane first initialises it (on the SANE thread, at the first scan),
so the directory is set up once per session before any test scans. `dll.conf` lists only `test`, which also makes
device listing instant instead of probing every backend.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

TEST_CONF = """\
number_of_devices 2
mode Color
resolution 200
test-picture "Color pattern"
read-limit false
read-delay false
select-fd true
"""


def make_sane_config(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dll.conf").write_text("test\n", encoding="ascii")
    (root / "test.conf").write_text(TEST_CONF, encoding="ascii")
    return root


@pytest.fixture(scope="session", autouse=True)
def sane_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_sane_config(tmp_path_factory.mktemp("sane"))
    os.environ["SANE_CONFIG_DIR"] = str(root)
    return root


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
