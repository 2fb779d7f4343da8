"""我要办理, 一次性告知 page: shown instead of the review when required materials are missing and the item does not
allow 容缺; lists what to bring (the ID card read on the reader is not among it) and prints the 一次性告知书.
返回修改表单 goes to the form, 返回补扫材料 to the materials. Emits `home_requested` for 返回首页."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ui.kiosk.reflow import ButtonGrid
from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import primary
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import PrintOutcome, ReviewSummary

__all__ = ["NoticeStep"]


class NoticeStep(Step):
    home_requested = Signal()

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        inner = self._scroll_page()
        self.hint = make_label("SectionBody")
        inner.addWidget(self.hint)
        self.owed = make_label("Big")
        self.owed.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.owed)
        self.message = make_label("Notice")
        self.message.hide()
        inner.addWidget(self.message)
        self.fixes = ButtonGrid(2, spacing=16)  # going back to mend: under the list, scrolled to like it
        inner.addWidget(self.fixes)
        inner.addStretch(1)
        row = self._nav()
        self.back_button = primary(parent=self, name="")
        self.back_button.clicked.connect(self.flow.form.open)
        self.materials_button = primary(parent=self, name="")
        self.materials_button.clicked.connect(lambda: self.flow.go("materials"))
        self.print_button = primary(parent=self)
        self.print_button.clicked.connect(self.print_notice)
        self.home_button = primary(parent=self, name="")
        self.home_button.clicked.connect(self.home_requested.emit)
        # The two ways on stay in the fixed row; the two ways back wrap under the list (four side by side ran off a
        # portrait panel in English 大字模式).
        for button in (self.back_button, self.materials_button):
            self.fixes.add(button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.home_button)

    def retranslate(self) -> None:
        self.hint.setText(self._t("notice_hint"))
        self.back_button.setText(self._t("back_to_form"))
        self.materials_button.setText(self._t("back_to_materials"))
        self.print_button.setText(self._t("print_notice"))
        self.home_button.setText(self._t("home"))
        self.fixes.refit()

    def clear(self) -> None:
        self.owed.clear()
        self.message.clear()

    def show_summary(self, summary: ReviewSummary) -> None:
        """The materials still owed, numbered, on this page."""
        self.owed.setText("\n".join(f"{n}. {name}" for n, name in enumerate(summary.owed, start=1)))
        self.message.hide()
        self.flow.go("notice")

    def print_notice(self) -> None:
        session = self.flow.session
        if session is None:
            return
        apply = self.flow.apply

        def done(outcome: PrintOutcome) -> None:
            self.message.setText(self._t("notice_printed") if outcome.printed else str(outcome.message or ""))
            self.message.show()

        self.flow.run(lambda: apply.print_notice(session), done)
