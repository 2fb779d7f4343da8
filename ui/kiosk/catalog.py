"""The kiosk's view of its catalog's health: asks for the demo flag and the terminal's place once the window is up
(`ready`), tells which failures mean the catalog is unusable (`unusable(error)`: the window shows its maintenance
screen), and while in maintenance asks again every `retry_s` until the catalog answers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from app.model.catalog import Division
    from ui.ports import CatalogPort
    from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

__all__ = ["CatalogWatch"]


class CatalogWatch(QObject):
    ready = Signal(bool, object)
    """The catalog answered: its demo flag and the terminal's division chain (`list[Division]`)."""
    unusable = Signal(object)
    """A failure that means the catalog cannot be used (the exception)."""

    def __init__(
        self,
        catalog: CatalogPort | None,
        tasks: TaskRunner,
        *,
        maintenance_errors: tuple[type[BaseException], ...] = (),
        is_maintenance_error: Callable[[BaseException], bool] | None = None,
        retry_s: float = 30,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._tasks = tasks
        self._errors = maintenance_errors
        self._is_error = is_maintenance_error
        self._asked = False
        self._retry = QTimer(self)
        self._retry.setInterval(int(retry_s * 1000))
        self._retry.timeout.connect(self._ask_again)

    def ask(self) -> None:
        """The first question, once (the first call may open the database: on a worker)."""
        catalog = self._catalog
        if catalog is None or self._asked:
            return
        self._asked = True
        self._tasks.run(lambda: (bool(catalog.is_demo), catalog.terminal_chain()), on_success=self._answered,
                        on_failure=self.check)  # fmt: skip

    def is_unusable(self, error: BaseException) -> bool:
        return bool(self._errors and isinstance(error, self._errors)) or (
            self._is_error is not None and self._is_error(error)
        )

    def check(self, error: object) -> None:
        """A screen's failure: `unusable(error)` when it means the catalog cannot be used."""
        if isinstance(error, BaseException) and self.is_unusable(error):
            self.unusable.emit(error)

    def retry(self) -> None:
        """Ask again every `retry_s` until the catalog answers (a technician may repair it meanwhile)."""
        if self._catalog is not None:
            self._retry.start()

    def _ask_again(self) -> None:
        catalog = self._catalog
        if catalog is None:
            self._retry.stop()
            return
        self._tasks.run(
            lambda: (bool(catalog.is_demo), catalog.terminal_chain()),
            on_success=self._answered,
            on_failure=lambda error: log.info("catalog still unavailable: %s", error),
        )

    def _answered(self, answer: tuple[bool, list[Division]]) -> None:
        self._retry.stop()
        self.ready.emit(*answer)
