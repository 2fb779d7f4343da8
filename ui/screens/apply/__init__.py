"""我要办理: the citizen's apply flow on the kiosk, `flow.ApplyScreen` over one page per step."""

from __future__ import annotations

from ui.screens.apply.flow import STEPS, ApplyScreen, CardSink

__all__ = ["STEPS", "ApplyScreen", "CardSink"]
