"""The background-task idiom: functions run on a pool thread, callbacks come back on the GUI thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from ui.tasks import TaskRunner


def test_success_runs_off_the_gui_thread_and_is_delivered_on_it(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    results: list[int] = []

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        results.append(value)

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(work, on_success=done)
    assert results == [42]
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert runner.pending == 0


def test_failure_goes_to_on_failure(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("bad input")

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(boom, on_success=lambda _v: None, on_failure=errors.append)
    assert len(errors) == 1 and isinstance(errors[0], ValueError)


def test_unhandled_failure_is_emitted_for_the_shell(qtbot: QtBot) -> None:
    runner = TaskRunner()

    def boom() -> None:
        raise RuntimeError("catalog gone")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.run(boom)
    assert isinstance(blocker.args[0], RuntimeError)


def test_cancelled_task_result_is_dropped(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    results: list[str] = []

    def slow() -> str:
        gate.wait(5)
        return "stale"

    task = runner.run(slow, on_success=results.append)
    task.cancel()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        gate.set()
    assert results == []
    assert runner.pending == 0


def test_result_of_a_task_whose_runner_was_deleted_is_dropped_quietly(qtbot: QtBot) -> None:
    """A screen torn down while its search still runs: the worker must not raise 'Signal source has been deleted'
    (pytest-qt would report it as an exception in a Qt virtual method)."""
    from PySide6.QtCore import QThreadPool
    from shiboken6 import Shiboken

    pool = QThreadPool()
    runner = TaskRunner(pool)
    release = threading.Event()
    seen: list[object] = []
    runner.run(lambda: release.wait(5) and "late", on_success=seen.append)
    Shiboken.delete(runner)
    release.set()
    assert pool.waitForDone(5000)
    assert seen == []
