"""Shared test set-up. Qt must be told to render offscreen before it loads, or pytest aborts with no display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Messages follow the CLI's language (YUNBAN_LANG, else LANG): tests read Chinese whatever the machine's locale.
os.environ["YUNBAN_LANG"] = "zh_CN"
os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "yunban-escpos")
)
os.makedirs(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"], exist_ok=True)

import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.support.sane import install_sane_config  # noqa: E402

SANE_CONFIG = install_sane_config()


@pytest.fixture(scope="session", autouse=True)
def _one_qapplication() -> None:
    """The session's one QApplication, made before any test, with the kiosk's font: code under test that needs only
    QtGui (the PDF renderer, the document camera) would otherwise make a QGuiApplication first, and every later
    widget test would abort (QWidget needs a QApplication), depending on which tests ran before it."""
    from PySide6.QtWidgets import QApplication

    from ui.theme import cjk_font

    app = QApplication.instance()
    if app is None:
        app = QApplication([])
    # The kiosk's font, as `app.main.create_application` sets it: every widget test measures what a terminal shows,
    # whichever test ran first (one that starts the app's main loop sets it for all after it).
    assert isinstance(app, QApplication)
    app.setFont(cjk_font())


@pytest.fixture(autouse=True)
def _qt_event_loops_usable() -> Iterator[None]:
    """After each test, Qt's event loops still run. A test that ran the application's main loop and quit it
    (`run_kiosk` with `QApplication.quit()`) can leave Qt's quit flag set; every later `QEventLoop.exec()` (each
    qtbot wait) then returns at once and the tests after it time out, whatever they test. The flag is found by a
    zero-length loop returning -1 and cleared by one more turn of the application's loop."""
    yield
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    probe = QEventLoop()
    QTimer.singleShot(0, probe.quit)
    if probe.exec() == -1:
        QTimer.singleShot(0, app.quit)
        app.exec()


@pytest.fixture(scope="session")
def sane_config() -> Path:
    """The session's SANE_CONFIG_DIR (SANE's `test` backend only), installed before any test runs."""
    return SANE_CONFIG


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch terminal data directory, also exported as YUNBAN_HOME for subprocesses."""
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("YUNBAN_HOME", str(h))
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    return h


@dataclass(frozen=True, slots=True)
class DemoRun:
    home: Path
    shots: Path


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`yunban demo --screenshots DIR` run once per session in a fresh home, as on a terminal without a Secret
    Service (no D-Bus, no provisioned passphrase); the demo tests of several folders check what it left behind."""
    from app.records.keystore import PASSPHRASE_ENV

    root = tmp_path_factory.mktemp("demo-run")
    home, out = root / "home", root / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", PASSPHRASE_ENV)}
    env.update({"QT_QPA_PLATFORM": "offscreen", "YUNBAN_HOME": str(home)})
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))", "demo",
         "--screenshots", str(out)],
        cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True, timeout=400,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return DemoRun(home, out)
