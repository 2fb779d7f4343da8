"""The small sync indicator in the kiosk's status bar: records waiting to be sent and the last successful sync."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from ui.plain import PlainLabel, plain_tooltip

__all__ = ["SyncIndicator", "short_time"]


def short_time(iso: str | None) -> str:
    """`2026-11-27T01:02:03+00:00` → `11-27 01:02` (the indicator has little room); '' for None."""
    if not iso:
        return ""
    date, _, rest = iso.partition("T")
    return f"{date[5:]} {rest[:5]}".strip() if rest else date


class SyncIndicator(PlainLabel):
    """Shows `待上传 N · 上次同步 MM-DD HH:MM` (or that nothing has reached the platform yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncIndicator")
        self.pending: int | None = None
        self.last_success: str | None = None
        self.last_error: str | None = None
        self._render()

    def set_status(self, status: Any) -> None:
        """Slot for `DeviceEvents.sync_progressed` (an `app.model.records.SyncStatus`)."""
        self.pending = int(status.pending)
        self.last_success = status.last_success
        self.last_error = status.last_error
        self._render()

    def _render(self) -> None:
        if self.pending is None:
            self.setText(self.tr("同步：检查中"))
            return
        pending = self.tr("待上传 %n 件", "", self.pending)
        if self.last_success:
            last = self.tr("上次同步 %1").replace("%1", short_time(self.last_success))
        else:
            last = self.tr("尚未同步")
        self.setText(f"{pending} · {last}")
        self.setToolTip(plain_tooltip(self.last_error or ""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
