"""Kiosk cold start vs a bare PySide6 window showing one label, each in a fresh interpreter.

Skipped by default (`--benchmark-skip` in addopts). Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/test_startup_bench.py \
        --benchmark-enable --benchmark-only -s

"Cold start" is the time from just before the parent spawns the child to the child's first event-loop turn after
its window is shown, once `grab()` has rendered it in full (painted, input accepted). Both children print
`time.monotonic()` (one system-wide clock on Linux) at that moment, so interpreter start, imports, QApplication,
fonts and the window are counted and process teardown is not. The kiosk child runs the real start-up path
(`app.main.run_kiosk`) on a data directory whose demo catalog was imported beforehand (first-use import is a
one-off, not a start-up cost); it also reports when the catalog answered its first call (demo badge and place
shown: search usable), which happens in the background after home is up. Runs alternate bare/kiosk so machine
load hits both alike. docs/benchmarks.md ("Kiosk start-up") holds the figures.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 9

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("hello")
label.resize(1280, 800)
label.show()
def ready():
    label.grab()
    print(time.monotonic(), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

KIOSK = """
import sys, time
from app.context import AppContext
from app.main import run_kiosk
from PySide6.QtWidgets import QApplication

def ready(window):
    window.grab()
    print(time.monotonic(), flush=True)
    def catalog_up():
        print(time.monotonic(), flush=True)
        QApplication.quit()
    if window.top_bar.place.text():
        catalog_up()
    else:
        window.catalog_ready.connect(catalog_up)

sys.exit(run_kiosk(AppContext(sys.argv[1]), windowed=True, on_ready=ready))
"""


def _run(code: str, *args: str, display: str | None = None) -> list[float]:
    """Seconds from spawning the child to each time it printed (offscreen, or xcb on `display`)."""
    # Bytecode caches on, as in an installed kiosk (this machine's shell sets PYTHONDONTWRITEBYTECODE=1, which
    # alone made every start recompile our modules: ~65 ms for ui/ and ~1 s with the catalog's imports).
    drop = {"PYTHONDONTWRITEBYTECODE", "QT_IM_MODULE", "DISPLAY", "QT_QPA_PLATFORM"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    if display is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:
        env["QT_QPA_PLATFORM"] = "xcb"
        env["DISPLAY"] = display
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return [float(line) - start for line in proc.stdout.split()]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A provisioned terminal (enrolled with a reference platform, file keystore), so `run_kiosk` shows home as a
    production kiosk does; the platform is gone by the time the kiosk starts (start-up never waits for it)."""
    from app.context import AppContext
    from tests.support.platform import InProcessPlatform

    path = tmp_path_factory.mktemp("startup-home")
    (path / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("YUNBAN_KEYRING_PASSPHRASE", "startup-bench")
        ctx = AppContext(path)
        try:
            assert ctx.catalog.is_demo  # import the demo catalog now, not inside a measured start
            with InProcessPlatform(tmp_path_factory.mktemp("startup-platform")) as platform:
                ctx.enrollment.enroll(platform.enroll_code(), platform.url)
        finally:
            ctx.close()
        yield path


def test_kiosk_cold_start_vs_bare_qt(benchmark: Any, home: Path) -> None:
    _run(BARE)  # warm the OS file cache and write bytecode caches before measuring
    _run(KIOSK, str(home))
    bare: list[float] = []
    kiosk_home: list[float] = []
    kiosk_catalog: list[float] = []

    def one_round() -> None:
        bare.append(_run(BARE)[0])
        home_up, catalog_up = _run(KIOSK, str(home))
        kiosk_home.append(home_up)
        kiosk_catalog.append(catalog_up)

    benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
    figures = {
        "bare_median_s": statistics.median(bare),
        "kiosk_home_median_s": statistics.median(kiosk_home),
        "kiosk_catalog_median_s": statistics.median(kiosk_catalog),
        "bare_min_s": min(bare),
        "kiosk_home_min_s": min(kiosk_home),
        "kiosk_catalog_min_s": min(kiosk_catalog),
    }
    figures["ratio_home_median"] = figures["kiosk_home_median_s"] / figures["bare_median_s"]
    figures["ratio_home_min"] = figures["kiosk_home_min_s"] / figures["bare_min_s"]
    figures["ratio_catalog_median"] = figures["kiosk_catalog_median_s"] / figures["bare_median_s"]
    benchmark.extra_info.update(figures)
    print()
    for key, value in figures.items():
        print(f"{key:>24}: {value:.3f}")
    print(" bare runs:", " ".join(f"{v:.3f}" for v in bare))
    print(" kiosk home:", " ".join(f"{v:.3f}" for v in kiosk_home))
    print(" kiosk catalog:", " ".join(f"{v:.3f}" for v in kiosk_catalog))
    assert len(bare) == len(kiosk_home) == ROUNDS


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    """A private X server (Xvfb, 1280×800) for the xcb measurements."""
    if not shutil.which("Xvfb"):
        pytest.skip("needs Xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        number = os.read(read, 16).decode().strip()
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
        os.close(read)  # only now: Xvfb dies ("Cannot write display number") if the pipe closes under it


def test_kiosk_cold_start_on_x_with_and_without_the_virtual_keyboard(
    benchmark: Any, home: Path, xvfb: str, tmp_path: Path
) -> None:
    """Same measurement on the xcb platform: bare label, kiosk with Qt Virtual Keyboard (the kiosk default, its
    input-context plugin loads with QApplication), kiosk without it (counter role's system keyboard)."""
    plain = tmp_path / "no-vk"
    shutil.copytree(home, plain)
    (plain / "config.toml").write_text("[kiosk]\nvirtual_keyboard = false\n", encoding="utf-8")
    warm_ups: tuple[Callable[[], list[float]], ...] = (
        lambda: _run(BARE, display=xvfb),
        lambda: _run(KIOSK, str(home), display=xvfb),
    )
    for run in warm_ups:
        run()  # warm caches
    bare: list[float] = []
    with_vk: list[float] = []
    without_vk: list[float] = []

    def one_round() -> None:
        bare.append(_run(BARE, display=xvfb)[0])
        with_vk.append(_run(KIOSK, str(home), display=xvfb)[0])
        without_vk.append(_run(KIOSK, str(plain), display=xvfb)[0])

    benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
    figures = {
        "x_bare_median_s": statistics.median(bare),
        "x_kiosk_vk_median_s": statistics.median(with_vk),
        "x_kiosk_no_vk_median_s": statistics.median(without_vk),
    }
    figures["x_ratio_vk"] = figures["x_kiosk_vk_median_s"] / figures["x_bare_median_s"]
    figures["x_ratio_no_vk"] = figures["x_kiosk_no_vk_median_s"] / figures["x_bare_median_s"]
    benchmark.extra_info.update(figures)
    print()
    for key, value in figures.items():
        print(f"{key:>24}: {value:.3f}")
    print(" x bare:", " ".join(f"{v:.3f}" for v in bare))
    print(" x kiosk vk:", " ".join(f"{v:.3f}" for v in with_vk))
    print(" x kiosk no vk:", " ".join(f"{v:.3f}" for v in without_vk))
    assert len(bare) == len(with_vk) == len(without_vk) == ROUNDS
