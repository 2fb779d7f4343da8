"""Shared test set-up. Qt must be told to render offscreen before it loads, or pytest aborts with no display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "yunban-escpos")
)
os.makedirs(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"], exist_ok=True)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch terminal data directory, also exported as YUNBAN_HOME for subprocesses."""
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("YUNBAN_HOME", str(h))
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    return h
