"""我要办理, 保留草稿? page: asked when a kiosk citizen leaves with answers not yet kept. 保留 keeps the draft (its code
on screen and on a printed 草稿保存凭条), 不保留 discards it, 继续填写 goes back. Emits `leave_requested` once gone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import primary
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import PrintOutcome

__all__ = ["KeepStep"]


class KeepStep(Step):
    leave_requested = Signal()
    """不保留, or 返回首页 after keeping: the flow resets and goes home."""

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self._before = "form"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 20, 60, 20)
        layout.setSpacing(24)
        layout.addStretch(1)
        self.title = make_label("Big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = make_label("SectionBody")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = make_label("Big")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.hide()
        self.slip = make_label("SectionBody")  # whether the 草稿保存凭条 was printed
        self.slip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slip.setWordWrap(True)
        self.slip.hide()
        for w in (self.title, self.hint, self.code, self.slip):
            layout.addWidget(w)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addStretch(1)
        self.keep_button = primary(parent=self, big=True)
        self.keep_button.clicked.connect(self.keep_draft)
        self.drop_button = primary(parent=self, name="", big=True)
        self.drop_button.clicked.connect(self.leave_requested.emit)
        self.stay_button = primary(parent=self, name="", big=True)
        self.stay_button.clicked.connect(lambda: self.flow.go(self._before))
        self.home_button = primary(parent=self, big=True)
        self.home_button.clicked.connect(self.leave_requested.emit)
        self.home_button.hide()
        for b in (self.keep_button, self.drop_button, self.stay_button, self.home_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def retranslate(self) -> None:
        self.title.setText(self._t("keep_title"))
        self.hint.setText(self._t("keep_hint"))
        self.keep_button.setText(self._t("keep"))
        self.drop_button.setText(self._t("drop"))
        self.stay_button.setText(self._t("stay"))
        self.home_button.setText(self._t("home"))

    def clear(self) -> None:
        self.code.clear()
        self.slip.clear()

    def ask(self) -> None:
        """Put the question, from the step the citizen is leaving (继续填写 returns there)."""
        self._before = self.flow.step
        for label in (self.code, self.slip):
            label.hide()
            label.clear()
        for b in (self.keep_button, self.drop_button, self.stay_button):
            b.show()
        self.home_button.hide()
        self.flow.go("keep")

    def keep_draft(self) -> None:
        session = self.flow.session
        if session is None:
            return
        apply = self.flow.apply
        answers = self.flow.form.answers()  # what is on the page now, not only what the last page change saved

        def keep() -> str:
            if answers:
                apply.save_page(session, answers)
            return apply.keep_draft(session)

        self.flow.run(keep, self._kept)

    def _kept(self, code: str) -> None:
        self.code.setText(self._t("kept", code=code))
        self.code.show()
        for b in (self.keep_button, self.drop_button, self.stay_button):
            b.hide()
        self.home_button.show()
        self._print_slip(code)

    def _print_slip(self, code: str) -> None:
        """Print the 草稿保存凭条 off the GUI thread. The code stays on screen whatever the printer does."""
        apply = self.flow.apply
        self.slip.setText(self._t("draft_slip_printing"))
        self.slip.show()

        def done(outcome: PrintOutcome) -> None:
            self.slip.setText(
                self._t("draft_slip_printed") if outcome.printed else self._t("draft_slip_failed", msg="")
            )

        def failed(error: BaseException) -> None:
            self.slip.setText(self._t("draft_slip_failed", msg=self._error(error)))

        self.flow.run(lambda: apply.print_draft_code(code), done, on_failure=failed)
