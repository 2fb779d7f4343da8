"""The small sync indicator in the kiosk's status bar: records waiting to be sent and the last successful sync, in the
terminal's configured time zone (`app.model.clock`). A submission finalised anywhere in the kiosk
(`submission_news().finalised`) counts at once, before the delivery attempt it starts reports back."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.model.clock import format_local
from ui.plain import PlainLabel, plain_tooltip

__all__ = ["SubmissionNews", "SyncIndicator", "short_time", "submission_news"]


class SubmissionNews(QObject):
    """`finalised`: a submission was just finalised on this terminal (the apply flow emits it; the sync indicator
    counts it and the kiosk services start a delivery attempt at once, off the GUI thread)."""

    finalised = Signal()


_news: SubmissionNews | None = None


def submission_news() -> SubmissionNews:
    """The kiosk's one `SubmissionNews`, made on first use in the GUI thread as a child of the application (so it
    goes with it at exit, never after it; a later application gets a new one)."""
    global _news
    if _news is None or not shiboken6.isValid(_news):
        _news = SubmissionNews(QCoreApplication.instance())
    return _news


def short_time(iso: str | None) -> str:
    """A UTC instant `2026-11-27T01:02:03+00:00` → `11-27 09:02` in the terminal's zone (the indicator has little
    room); '' for None."""
    return format_local(iso, "%m-%d %H:%M") if iso else ""


class SyncIndicator(PlainLabel):
    """Shows `待上传 N · 上次同步 MM-DD HH:MM` (or that nothing has reached the platform yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncIndicator")
        self.pending: int | None = None
        self.last_success: str | None = None
        self.last_error: str | None = None
        submission_news().finalised.connect(self.count_submission)
        self._render()

    def set_status(self, status: Any) -> None:
        """Slot for `DeviceEvents.sync_progressed` (an `app.model.records.SyncStatus`)."""
        self.pending = int(status.pending)
        self.last_success = status.last_success
        self.last_error = status.last_error
        self._render()

    def count_submission(self) -> None:
        """A submission was just finalised: one more waits to be sent until the delivery attempt reports back."""
        self.pending = (self.pending or 0) + 1
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
