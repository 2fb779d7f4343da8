"""The composition root on the real catalog service: window wiring, maintenance on a corrupt catalog.db,
input-method choice, translations up to date, and `yunban demo --screenshots`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config import Config
from app.context import AppContext
from app.demo.screenshots import SCREENSHOTS
from app.i18n import qm_path, ts_path
from app.main import build_window, configure_input_method
from ui.shell import KioskWindow

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def ctx(demo_home: Path, tmp_path: Path) -> Iterator[AppContext]:
    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    context = AppContext(home)
    yield context
    context.close()


def _show(qtbot: QtBot, window: KioskWindow) -> KioskWindow:
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_kiosk_on_the_real_demo_catalog(ctx: AppContext, qtbot: QtBot) -> None:
    window = _show(qtbot, build_window(ctx))
    qtbot.waitUntil(lambda: "团山村委会" in window.top_bar.place.text(), timeout=10000)
    assert not window.in_maintenance
    assert window.top_bar.demo_badge.isVisible()
    assert window.screens.search is not None and window.screens.guide is not None
    window.go(window.screens.search)
    for query in ("身份证", "sfz", "shenfenzheng"):
        window.screens.search.reset()
        with qtbot.waitSignal(window.screens.search.results_shown, timeout=10000):
            window.screens.search.set_query(query)
        names = [window.screens.search.results.item(i).text() for i in range(window.screens.search.results.count())]
        assert any("居民身份证换领" in n for n in names), (query, names)
    code = window.screens.search.result_codes[0]
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=10000):
        window.open_item(code)
    text = window.screens.guide.plain_text()
    assert "一次告知" in text and "实施主体" in text and "演示数据" in text


@pytest.mark.parametrize("query", ['"NEAR(身份证', "身" * 200, "😀😀", "*", "AND"])
def test_real_catalog_survives_odd_queries(ctx: AppContext, qtbot: QtBot, query: str) -> None:
    window = _show(qtbot, build_window(ctx))
    assert window.screens.search is not None
    window.go(window.screens.search)
    with (
        qtbot.assertNotEmitted(window.screens.search.failed),
        qtbot.waitSignal(window.screens.search.results_shown, timeout=10000),
    ):
        window.screens.search.set_query(query)
    assert not window.in_maintenance


def test_corrupt_catalog_shows_the_maintenance_screen(tmp_path: Path, qtbot: QtBot) -> None:
    home = tmp_path / "broken"
    home.mkdir()
    (home / "catalog.db").write_bytes(b"this is not a database" * 100)
    context = AppContext(home)
    try:
        window = _show(qtbot, build_window(context))
        assert window.current is window.home  # up at once; the catalog opens in the background
        qtbot.waitUntil(lambda: window.in_maintenance, timeout=15000)
        assert window.screens.maintenance.title.text() == "系统维护中"
        assert "catalog.db" in window.screens.maintenance.detail.text()
    finally:
        context.close()


def test_input_method_choice() -> None:
    kiosk = Config()
    assert configure_input_method(kiosk, env := {"QT_QPA_PLATFORM": "xcb"}) == "qtvirtualkeyboard"
    assert env["QT_IM_MODULE"] == "qtvirtualkeyboard"
    counter = Config()
    counter.terminal.role = "counter"
    assert configure_input_method(counter, env := {"QT_QPA_PLATFORM": "xcb"}) == "system"
    assert "QT_IM_MODULE" not in env
    off = Config()
    off.kiosk.virtual_keyboard = False
    assert configure_input_method(off, {}) == "system"
    assert configure_input_method(kiosk, {"QT_QPA_PLATFORM": "offscreen"}) == "system"
    assert configure_input_method(counter, {"QT_IM_MODULE": "ibus"}) == "ibus"  # the technician's choice wins


def test_virtual_keyboard_plugin_ships_with_pyside6() -> None:
    import PySide6

    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforminputcontexts"
    assert any("qtvirtualkeyboard" in p.name for p in plugins.iterdir())


def test_committed_translation_is_compiled_from_the_ts(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    out = tmp_path / "en.qm"
    subprocess.run([str(lrelease), str(ts_path("en")), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == qm_path("en").read_bytes(), "run scripts/i18n.sh"
    assert "unfinished" not in ts_path("en").read_text(encoding="utf-8")


def test_every_tr_string_of_the_ui_is_in_the_ts(tmp_path: Path) -> None:
    """lupdate over the UI and the services finds no string the committed .ts lacks (an untranslated banner or
    error stays Chinese in English mode). Same file list as scripts/i18n.sh: of ui/forms/ only its texts.py."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    root = Path(__file__).resolve().parents[3]
    forms = root / "ui" / "forms"
    sources = sorted(
        str(p)
        for top in ("ui", "app")
        for p in (root / top).rglob("*.py")
        if not p.is_relative_to(forms) or p == forms / "texts.py"
    )
    ts = tmp_path / "check.ts"
    shutil.copy(ts_path("en"), ts)
    args = ["-ts", str(ts), "-no-obsolete", "-source-language", "zh_CN", "-target-language", "en"]
    subprocess.run([str(lupdate), *sources, *args], check=True, capture_output=True)
    assert 'type="unfinished"' not in ts.read_text(encoding="utf-8"), (
        "translate the new strings, then run scripts/i18n.sh"
    )


def test_demo_screenshots_command(demo_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    out = tmp_path / "shots"
    # The layout walk's sample is checked on the session's demo run (tests/conftest.py) and, in full, by
    # tests/integration/ui/test_layout_walk.py: here only the demo walk itself.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "YUNBAN_HOME": str(home), "YUNBAN_LAYOUT_SHOTS": "none"}
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "yunban"), "demo", "--screenshots", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for name in SCREENSHOTS:
        png = out / name
        assert png.exists(), name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 10_000, name  # a blank grab compresses to a few hundred bytes


def test_demo_screenshots_with_a_corrupt_catalog_fails_clearly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "catalog.db").write_bytes(b"garbage" * 100)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "YUNBAN_HOME": str(home)}
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "yunban"), "demo", "--screenshots", str(tmp_path / "shots")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "事项目录不可用，仅保存了维护页面" in proc.stderr  # the CLI's language (YUNBAN_LANG=zh_CN in tests)
    assert (tmp_path / "shots" / "00-maintenance.png").exists()


def test_demo_services_start_with_the_kiosk_and_close_after(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QApplication

    import app.main

    class Service:
        closed = False

        def close(self) -> None:
            self.closed = True

    service = Service()
    windows: list[KioskWindow] = []

    def start(context: AppContext, window: KioskWindow) -> Service:
        assert context is ctx
        windows.append(window)
        return service

    def broken(context: AppContext, window: KioskWindow) -> Service:
        raise RuntimeError("no keyring")

    monkeypatch.setattr(app.main, "_DEMO_SERVICES", [("broken", broken), ("fake", start)])
    ready: list[bool] = []

    def on_ready(window: KioskWindow) -> None:
        ready.append(window.isVisible() and window.current is window.home)
        QApplication.exit(0)  # not quit(): in Qt 6 that also closes every window of the test session

    font = QApplication.font()  # run_kiosk sets the CJK application font; leave the session as it was
    try:
        assert app.main.run_kiosk(ctx, windowed=True, demo=True, on_ready=on_ready) == 0
    finally:
        QApplication.setFont(font)
    assert ready == [True]
    assert len(windows) == 1
    assert service.closed  # stopped when the kiosk exits, although the other service failed to start
