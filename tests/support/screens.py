"""The kiosk window's current screen, read afresh (for assertions after the screen changed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.shell import KioskWindow


def current_screen(window: KioskWindow) -> QWidget | None:
    """`window.current`. After `assert window.current is screen`, mypy keeps that narrowing of the property across the
    clicks that change the screen and would call a later `window.current is window.home` impossible; a call's result
    is not narrowed."""
    return window.current
