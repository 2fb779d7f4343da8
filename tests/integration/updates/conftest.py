from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.integration.updates.helpers import Terminal, make_terminal


@pytest.fixture(autouse=True)
def _needs_dpkg() -> None:
    if not shutil.which("dpkg") or not shutil.which("dpkg-deb"):
        pytest.skip("dpkg is not installed")


@pytest.fixture
def terminal(tmp_path: Path) -> Terminal:
    """A terminal with yunban 0.1.0 installed in a private dpkg root and the test release's keys."""
    return make_terminal(tmp_path)
