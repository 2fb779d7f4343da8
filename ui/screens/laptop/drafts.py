"""草稿箱: every draft on the laptop across visits, with the person it was started for and how long it is kept
(the draft retention); 继续办理 (Enter or double-click) reopens it in the apply flow, 删除草稿 (Delete, then
confirm) discards it with the pages only it used, through the apply service."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.model.clock import local_date
from ui.screens.base import make_label
from ui.screens.laptop.common import Language, LaptopPage, local, make_table, set_rows, shortcut

if TYPE_CHECKING:
    from app.visits.model import LaptopDraft
    from ui.screens.laptop.ports import LaptopPort

__all__ = ["DraftsPage"]


class DraftsPage(LaptopPage):
    resume_requested = Signal(str, object)
    """(draft id, the person it was started for or None): reopen it in the apply flow."""

    def __init__(self, port: LaptopPort, *, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(port, language=language, parent=parent)
        self.drafts: list[LaptopDraft] = []
        self.retention_days: int | None = None
        self._confirming: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        self.title = make_label("PageTitle")
        self.retention = make_label("Hint")
        self.retention.setAccessibleName("retention")
        outer.addWidget(self.title)
        outer.addWidget(self.retention)
        self.table = make_table(self, 5, stretch=0)
        self.table.itemActivated.connect(lambda *_: self.resume_selected())
        self.table.currentCellChanged.connect(lambda *_: self._cancel_confirm())
        outer.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.resume_button = QPushButton(self)
        self.resume_button.setObjectName("Primary")
        self.resume_button.clicked.connect(self.resume_selected)
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("Danger")
        self.discard_button.clicked.connect(self.discard_selected)
        row.addWidget(self.resume_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addWidget(self.status)
        shortcut(Qt.Key.Key_Delete, self.table, self.discard_selected)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("草稿箱（所有走访）"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("事项"), self.tr("为谁办理"), self.tr("最后修改"), self.tr("保留至"), self.tr("草稿号")]
        )
        self.resume_button.setText(self.tr("继续办理 (Enter)"))
        self._cancel_confirm()
        self._show_retention()
        self._fill()

    def _show_retention(self) -> None:
        days = self.retention_days
        if days is None:
            self.retention.setText("")
        elif days > 0:
            self.retention.setText(
                self.tr("草稿在最后一次修改后保留 %1 天，到期自动清除（连同只属于它的扫描材料）。").replace(
                    "%1", str(days)
                )
            )
        else:
            self.retention.setText(self.tr("草稿一直保留，直到提交或删除。"))

    def refresh(self) -> None:
        port = self.port
        self.call(lambda: (port.draft_retention_days(), port.drafts()), self._loaded)

    def _loaded(self, loaded: tuple[int, list[LaptopDraft]]) -> None:
        self.retention_days, self.drafts = loaded
        self._show_retention()
        self._fill()

    def _keep_text(self, d: LaptopDraft) -> str:
        if d.keep_until is None:
            return self.tr("提交或删除前一直保留")
        days = (dt.date.fromisoformat(d.keep_until) - local_date()).days
        if days < 0:
            return self.tr("%1（已到期，下次清理时删除）").replace("%1", d.keep_until)
        return self.tr("%1（还剩 %2 天）").replace("%1", d.keep_until).replace("%2", str(days))

    def _fill(self) -> None:
        nobody = self.tr("（未关联走访对象）")
        set_rows(
            self.table,
            [
                [
                    d.title,
                    d.person or nobody,
                    local(d.updated_at),
                    self._keep_text(d),
                    d.code or "-",
                ]
                for d in self.drafts
            ],
            [d.draft_id for d in self.drafts],
        )
        if self.drafts and self.table.currentRow() < 0:
            self.table.selectRow(0)
        enabled = bool(self.drafts)
        self.resume_button.setEnabled(enabled)
        self.discard_button.setEnabled(enabled)
        self.say(self.tr("共 %1 份草稿").replace("%1", str(len(self.drafts))))

    def selected(self) -> LaptopDraft | None:
        row = self.table.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def resume_selected(self) -> None:
        draft = self.selected()
        if draft is not None:
            self.resume_requested.emit(draft.draft_id, draft.person_id if draft.person else None)

    def _cancel_confirm(self) -> None:
        self._confirming = None
        self.discard_button.setText(self.tr("删除草稿 (Delete)"))

    def discard_selected(self) -> None:
        """First press asks, the second (on the same draft) discards."""
        draft = self.selected()
        if draft is None:
            return
        if self._confirming != draft.draft_id:
            self._confirming = draft.draft_id
            self.discard_button.setText(self.tr("确认删除？再按一次"))
            self.say(self.tr("删除后无法恢复：“%1”的草稿和只属于它的扫描材料都会清除。").replace("%1", draft.title))
            return
        self._cancel_confirm()
        port, draft_id = self.port, draft.draft_id

        def discard() -> tuple[int, list[LaptopDraft]]:
            port.discard_draft(draft_id)
            return port.draft_retention_days(), port.drafts()

        def done(loaded: tuple[int, list[LaptopDraft]]) -> None:
            self._loaded(loaded)
            self.say(self.tr("草稿已删除"))

        self.call(discard, done)
