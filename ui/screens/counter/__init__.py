"""The counter workspace (一窗受理, role = counter): staff log-in, the queue of today's work, a case's detail with its
scanned pages, decisions with their notices, reprints and the supervisor's review (docs/counter-workspace.md)."""

from __future__ import annotations

from ui.screens.counter.ports import CounterPort
from ui.screens.counter.window import CounterWindow
from ui.screens.counter.workspace import CounterWorkspace, LoginPage

__all__ = ["CounterPort", "CounterWindow", "CounterWorkspace", "LoginPage"]
