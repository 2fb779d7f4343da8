"""The counter terminal's window (role = counter): the clerk's workspace (`CounterWorkspace`) and, once a clerk is
logged in, 窗口录入 — the kiosk's apply flow on the counter channel, handed in by the composition root with a port that
puts the clerk and the window on every record (`app.counter.service.WalkInApply`). Keyboard and mouse, the system IME.
Ctrl+1..4 decide in the workspace; Ctrl+N opens 窗口录入, Ctrl+W goes back to the workspace.

With a `sync` port (`app.counter.sync.CounterSync`), the window runs the kiosk's background sync loop
(`ui.adapters.SyncLoop`, off the GUI thread): a pass every `sync_interval_s` and when connectivity returns, one at
once after each decision, review and walk-in, and the sync indicator (records waiting, the last sync) under the tabs.
`start_sync()` starts it (the composition root, once the window is up), `stop_sync()` / closing the window stops it."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.adapters import DeviceEvents, SyncLoop
from ui.screens.counter.workspace import CounterWorkspace
from ui.sync_indicator import SyncIndicator, submission_news

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.adapters import SyncPort
    from ui.screens.counter.ports import CounterPort

__all__ = ["CounterWindow"]


class CounterWindow(QWidget):
    def __init__(
        self,
        service: CounterPort,
        *,
        apply_flow: QWidget | None = None,
        language: Callable[[], str] = lambda: "zh_CN",
        sync: SyncPort | None = None,
        sync_interval_s: float = 60,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CounterWindow")
        self.workspace = CounterWorkspace(service, language=language)
        self.apply_flow = apply_flow
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.workspace, "")
        if apply_flow is not None:
            self.tabs.addTab(apply_flow, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tasks = self.workspace.tasks
        self.events = DeviceEvents(self)
        self.sync_loop: SyncLoop | None = None
        self.indicator: SyncIndicator | None = None
        if sync is not None:
            self.sync_loop = SyncLoop(sync, self.events, interval_s=sync_interval_s, parent=self)
            self.indicator = SyncIndicator(self)
            self.indicator.setContentsMargins(8, 2, 8, 2)
            layout.addWidget(self.indicator)
            self.events.sync_progressed.connect(self.indicator.set_status)
            self.sync_loop.pass_finished.connect(lambda _status: self.workspace.refresh_offline())
            self.workspace.decided.connect(lambda _result: self.sync_now())
            self.workspace.reviewed.connect(self.sync_now)
            submission_news().finalised.connect(self.sync_now)  # a walk-in finalised in 窗口录入
        self.shortcuts = [
            QShortcut(QKeySequence("Ctrl+N"), self, self.open_walk_in),
            QShortcut(QKeySequence("Ctrl+W"), self, lambda: self.tabs.setCurrentIndex(0)),
        ]
        self.workspace.loaded.connect(self._gate)
        self.workspace.stack.currentChanged.connect(lambda _i: self._gate())
        self.retranslate()
        self._gate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("云办 · 窗口受理"))
        self.tabs.setTabText(0, self.tr("工作台 (Ctrl+W)"))
        if self.apply_flow is not None:
            self.tabs.setTabText(1, self.tr("窗口录入 (Ctrl+N)"))

    def _gate(self) -> None:
        """窗口录入 only with a clerk logged in (the service refuses it anyway)."""
        if self.apply_flow is not None:
            logged_in = self.workspace.session is not None
            self.tabs.setTabEnabled(1, logged_in)
            if not logged_in and self.tabs.currentIndex() == 1:
                self.tabs.setCurrentIndex(0)

    def start_sync(self, delay_ms: int = 0) -> None:
        """Start the background sync loop (first pass after `delay_ms`); nothing without a sync port."""
        if self.sync_loop is not None:
            QTimer.singleShot(delay_ms, self.sync_loop.start)

    def sync_now(self) -> None:
        """A pass at once (after a decision, a review or a walk-in), off the GUI thread."""
        if self.sync_loop is not None:
            self.sync_loop.run_now()

    def stop_sync(self) -> None:
        if self.sync_loop is not None:
            self.sync_loop.stop()
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                submission_news().finalised.disconnect(self.sync_now)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_sync()
        super().closeEvent(event)

    def open_walk_in(self) -> None:
        if self.apply_flow is not None and self.tabs.isTabEnabled(1):
            self.tabs.setCurrentIndex(1)
