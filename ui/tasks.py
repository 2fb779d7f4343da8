"""The UI's one background-task idiom (after Anki's `aqt/taskman.py`): `TaskRunner.run(fn)` runs `fn` on a worker and
calls back on the GUI thread. Contract: no screen calls a service that may touch the disk on the GUI thread."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

log = logging.getLogger(__name__)

__all__ = ["Task", "TaskRunner"]


@dataclass(slots=True)
class Task:
    """A handle on a submitted function: `cancel()` drops its result."""

    id: int
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class _Runnable(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], deliver: SignalInstance) -> None:
        super().__init__()
        self._task_id = task_id
        self._fn = fn
        self._deliver = deliver
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread: compute, then only forward
        try:
            result: Any = self._fn()
            error: BaseException | None = None
        except BaseException as exc:  # delivered to on_failure on the GUI thread
            result, error = None, exc
        try:
            self._deliver.emit(self._task_id, result, error)
        except RuntimeError:
            # The runner (and the screen that owned it) was deleted while this function ran, e.g. the kiosk
            # closed or a test tore the screen down: nobody is left to show the result, so it is dropped.
            log.debug("task %d finished after its runner was deleted; result dropped", self._task_id)


class TaskRunner(QObject):
    """Runs functions off the GUI thread and calls back on it.

    The result or exception comes back to the GUI thread through one queued signal, where `on_success` /
    `on_failure` run. A cancelled task's result is dropped (the function is not interrupted, it finishes unseen):
    that is how a debounced search discards the answer to a query the person has already typed past.
    `finished` is emitted after each task's callbacks (cancelled ones included), which tests wait on with
    `qtbot.waitSignal`.
    """

    _delivered = Signal(int, object, object)
    finished = Signal(int)
    failed = Signal(object)
    """A task failed and had no `on_failure` of its own: the shell decides (dialog or maintenance screen)."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool(self)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Task, Callable[[Any], None] | None, Callable[[BaseException], None] | None]] = {}
        # The signal lives in this (GUI-thread) object: emitted from a worker it is queued to the GUI thread.
        self._delivered.connect(self._on_delivered)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Task:
        task = Task(next(self._ids))
        self._pending[task.id] = (task, on_success, on_failure)
        self._pool.start(_Runnable(task.id, fn, self._delivered))
        return task

    @property
    def pending(self) -> int:
        return len(self._pending)

    def cancel_all(self) -> None:
        for task, _, _ in self._pending.values():
            task.cancel()

    def wait_for_done(self, msecs: int = 5000) -> bool:
        """Block until running functions end (at shutdown), then deliver what is queued."""
        return bool(self._pool.waitForDone(msecs))

    @Slot(int, object, object)
    def _on_delivered(self, task_id: int, result: Any, error: BaseException | None) -> None:
        entry = self._pending.pop(task_id, None)
        if entry is None:
            return
        task, on_success, on_failure = entry
        try:
            if task.cancelled:
                return
            if error is None:
                if on_success is not None:
                    on_success(result)
            elif on_failure is not None:
                on_failure(error)
            else:
                log.error("background task failed", exc_info=error)
                self.failed.emit(error)
        finally:
            self.finished.emit(task_id)
