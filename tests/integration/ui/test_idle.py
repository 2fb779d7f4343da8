"""The idle watcher: warning, countdown, timeout; any input restarts the clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from ui.idle import IdleWatcher


def _watcher(timeout_s: float, warning_s: int) -> IdleWatcher:
    watcher = IdleWatcher(timeout_s, warning_s)
    watcher.set_tick_interval(20)
    return watcher


def test_warns_counts_down_then_times_out(qtbot: QtBot) -> None:
    watcher = _watcher(0.02, 3)
    started: list[int] = []
    counts: list[int] = []
    watcher.warning_started.connect(started.append)
    watcher.countdown.connect(counts.append)
    with qtbot.waitSignals([watcher.warning_started, watcher.timed_out], order="strict", timeout=5000):
        watcher.start()
    assert started == [3]
    assert counts == [2, 1]
    watcher.stop()


def test_input_anywhere_cancels_the_countdown(qtbot: QtBot) -> None:
    watcher = _watcher(0.02, 50)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    try:
        with qtbot.waitSignal(watcher.warning_started, timeout=5000):
            watcher.start()
        assert watcher.warning
        with qtbot.waitSignal(watcher.warning_cancelled, timeout=5000):
            qtbot.keyClick(edit, Qt.Key.Key_A)
        assert not watcher.warning
    finally:
        app.removeEventFilter(watcher)
        watcher.stop()


def test_zero_warning_times_out_directly(qtbot: QtBot) -> None:
    watcher = _watcher(0.02, 0)
    with qtbot.assertNotEmitted(watcher.warning_started), qtbot.waitSignal(watcher.timed_out, timeout=5000):
        watcher.start()
    watcher.stop()


def test_zero_timeout_disables_the_watcher(qtbot: QtBot) -> None:
    watcher = _watcher(0, 5)
    watcher.start()
    watcher.poke()
    assert not watcher.enabled
    with qtbot.assertNotEmitted(watcher.warning_started, wait=100):
        pass
