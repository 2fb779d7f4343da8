"""USB software update benchmarks (docs/updates.md):

- verification of a bundle (`UpdateManager.check`: TUF root/timestamp/snapshot/targets signatures and versions, the
  target copied off the "stick" with its length and SHA-256 checked, the .deb's control read with dpkg-deb), for a
  tiny package and for a 64 MiB one (incompressible payload; the real 252 MB .deb scales from it);
- apply (`UpdateManager.apply`: verification, keeping the previous .deb, journal, `dpkg -i` into a private root,
  trusting the new metadata) of the tiny package and of the 64 MiB one.

Run: .venv/bin/python -m pytest tests/benchmarks/test_update_bench.py --benchmark-enable --benchmark-only -s
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.updates.publish import build_bundle
from tests.integration.updates.helpers import Terminal, make_deb, make_terminal

pytestmark = pytest.mark.skipif(not shutil.which("dpkg"), reason="dpkg is not installed")

SIZES = {"tiny": 0, "64MiB": 64 * 1024}


@pytest.mark.parametrize("size", SIZES)
def test_verify_bundle(benchmark: Any, tmp_path: Path, size: str) -> None:
    t = make_terminal(tmp_path / "t")
    bundle = build_bundle(t.keys, make_deb(t.debs, "0.2.0", payload_kb=SIZES[size]), tmp_path / "usb")
    manager = t.manager()
    result = benchmark.pedantic(lambda: manager.check(bundle), rounds=5, iterations=1, warmup_rounds=1)
    assert result["version"] == "0.2.0"


@pytest.mark.parametrize("size", SIZES)
def test_apply_bundle(benchmark: Any, tmp_path: Path, size: str) -> None:
    counter = itertools.count()
    deb_dir = tmp_path / "debs"
    deb_dir.mkdir()
    new_deb = make_deb(deb_dir, "0.2.0", payload_kb=SIZES[size])

    def setup() -> tuple[tuple[Terminal, Path], dict[str, Any]]:
        base = tmp_path / f"round-{next(counter)}"
        t = make_terminal(base)
        return (t, build_bundle(t.keys, new_deb, base / "usb")), {}

    def apply(t: Terminal, bundle: Path) -> dict[str, object]:
        return t.manager().apply(bundle)

    result = benchmark.pedantic(apply, setup=setup, rounds=5, iterations=1)
    assert result["version"] == "0.2.0"
