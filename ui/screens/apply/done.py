"""我要办理, last page: the receipt number, the promised date and whether the 受理回执 was printed (paper out: the
submission stands, the counter reprints). Emits `rate_requested(receipt_no)` for 评价 and `home_requested`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import primary
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import SubmissionResult

__all__ = ["DoneStep"]


class DoneStep(Step):
    rate_requested = Signal(str)
    home_requested = Signal()

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.receipt_no = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 10, 60, 10)
        layout.setSpacing(18)
        self.title = make_label("Big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = make_label("SectionTitle")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = make_label("Big")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.due = make_label("SectionBody")
        self.due.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = make_label("Notice")
        self.message.setStyleSheet("font-size: 26px; padding: 14px;")  # what to do next: read from a step away
        for w in (self.title, self.label, self.number, self.due, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addStretch(1)
        self.rate_button = primary(parent=self, big=True)
        self.rate_button.clicked.connect(lambda: self.rate_requested.emit(self.receipt_no))
        self.home_button = primary(parent=self, name="", big=True)
        self.home_button.clicked.connect(self.home_requested.emit)
        row.addWidget(self.rate_button)
        row.addWidget(self.home_button)
        row.addStretch(1)
        layout.addLayout(row)

    def retranslate(self) -> None:
        self.title.setText(self._t("done_title"))
        self.label.setText(self._t("receipt_no"))
        self.rate_button.setText(self._t("rate"))
        self.home_button.setText(self._t("home"))

    def clear(self) -> None:
        self.receipt_no = ""
        self.number.clear()
        self.due.clear()
        self.message.clear()

    def show_result(self, result: SubmissionResult) -> None:
        self.receipt_no = result.receipt_no
        self.number.setText(result.receipt_no)
        self.due.setText(self._t("promised") + "：" + result.due_date if result.due_date else "")
        self.message.setText(self._t("printed") if result.printed else self._t("paper_out"))
        self.flow.go("done")
