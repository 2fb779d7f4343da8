"""The counter terminal's window (role = counter): the clerk's workspace (`CounterWorkspace`) and, once a clerk is
logged in, 窗口录入 — the kiosk's apply flow on the counter channel, handed in by the composition root with a port that
puts the clerk and the window on every record (`app.counter.service.WalkInApply`). Keyboard and mouse, the system IME.
Ctrl+1..4 decide in the workspace; Ctrl+N opens 窗口录入, Ctrl+W goes back to the workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.screens.counter.workspace import CounterWorkspace

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.screens.counter.ports import CounterPort

__all__ = ["CounterWindow"]


class CounterWindow(QWidget):
    def __init__(
        self,
        service: CounterPort,
        *,
        apply_flow: QWidget | None = None,
        language: Callable[[], str] = lambda: "zh_CN",
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

    def open_walk_in(self) -> None:
        if self.apply_flow is not None and self.tabs.isTabEnabled(1):
            self.tabs.setCurrentIndex(1)
