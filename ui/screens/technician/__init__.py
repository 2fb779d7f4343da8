"""The technician screen (维护): PIN gate (placeholder), device diagnostics, sync, receipt reprint."""

from __future__ import annotations

from ui.screens.technician.screen import DiagnosticsPage, PinGate, ReprintPage, SyncPage, TechnicianScreen

__all__ = ["DiagnosticsPage", "PinGate", "ReprintPage", "SyncPage", "TechnicianScreen"]
