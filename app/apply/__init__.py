"""Applying for an item (申请) and what comes after it: `ApplyService` (app/apply/service.py) and `TerminalInfo`,
loaded on first use so importing a part of this package stays light."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.apply.service import ApplyService, TerminalInfo

__all__ = ["ApplyService", "TerminalInfo"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from app.apply import service

        return getattr(service, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
