"""我要办理, last page: 请取回您的身份证 when a card was read, the receipt number (in its printed groups), the promised
date, what happens next (where, when, which window, which fee; the pickup window for 窗口领取; for a 预申请, that
the window finishes it) and whether the receipt was printed (paper out: the submission stands, the counter
reprints). Emits `rate_requested(receipt_no)` for 评价 and `home_requested`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ui.screens.apply.counter import counter_lines
from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import primary
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import SubmissionResult

__all__ = ["DoneStep", "grouped"]


def grouped(number: str) -> str:
    """The receipt number in the groups the receipt prints (division, terminal, date, sequence, check)."""
    if len(number) != 25:
        return number
    return " ".join((number[:12], number[12:14], number[14:20], number[20:24], number[24:]))


class DoneStep(Step):
    rate_requested = Signal(str)
    home_requested = Signal()

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.receipt_no = ""
        self.pre_application = False
        self.result: SubmissionResult | None = None
        layout = self._scroll_page()  # the next steps can be long: they scroll, the buttons stay
        layout.setContentsMargins(60, 10, 60, 10)
        layout.setSpacing(18)
        self.title = make_label("Big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.take_card = make_label("Notice")  # 请取回您的身份证: the card is still on the reader
        self.take_card.setAccessibleName("take_card")
        self.take_card.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.take_card.setProperty("emphasis", "large")  # on the kiosk's type scale (ui/theme.py)
        self.take_card.hide()
        self.label = make_label("SectionTitle")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = make_label("Big")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.due = make_label("SectionBody")
        self.due.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = make_label("Notice")
        self.message.setProperty("emphasis", "next")  # what to do next: read from a step away
        self.next = make_label("SectionBody")  # 下一步: where, when, which window, which fee
        self.next.setAccessibleName("next_steps")
        self.next.setTextFormat(Qt.TextFormat.PlainText)
        for w in (self.title, self.take_card, self.label, self.number, self.due, self.next, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        row = self._nav()
        row.setSpacing(32)
        row.addStretch(1)
        self.rate_button = primary(parent=self, big=True)
        self.rate_button.clicked.connect(lambda: self.rate_requested.emit(self.receipt_no))
        self.home_button = primary(parent=self, name="", big=True)
        self.home_button.clicked.connect(self.home_requested.emit)
        row.addWidget(self.rate_button)
        row.addWidget(self.home_button)
        row.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self._t("done_pre_title") if self.pre_application else self._t("done_title"))
        self.label.setText(self._t("pre_no") if self.pre_application else self._t("receipt_no"))
        self.take_card.setText(self._t("take_card"))
        self.rate_button.setText(self._t("rate"))
        self.home_button.setText(self._t("home"))
        if self.result is not None:
            self._render(self.result)

    def clear(self) -> None:
        self.receipt_no = ""
        self.pre_application = False
        self.result = None
        self.number.clear()
        self.due.clear()
        self.next.clear()
        self.message.clear()
        self.take_card.hide()

    def show_result(self, result: SubmissionResult) -> None:
        self.receipt_no = result.receipt_no
        self.pre_application = result.pre_application
        self.result = result
        self.retranslate()
        self.flow.go("done")

    def _render(self, result: SubmissionResult) -> None:
        self.number.setText(grouped(result.receipt_no))
        self.take_card.setVisible(result.card_read)
        self.due.setText(self._t("promised") + self._colon() + result.due_date if result.due_date else "")
        self.due.setVisible(bool(result.due_date))
        self.next.setText("\n".join(self._next_lines(result)))
        if result.printed:
            self.message.setText(self._t("printed_pre") if result.pre_application else self._t("printed"))
        else:
            self.message.setText(self._t("paper_out"))

    def _next_lines(self, result: SubmissionResult) -> list[str]:
        colon = ": " if self.flow.language.startswith("en") else "："
        lines = [self._t("next_title") + colon]
        if result.pre_application:
            lines.append(self._t("next_pre"))
        elif result.due_date:
            lines.append(self._t("next_wait", date=result.due_date))
        else:
            lines.append(self._t("next_wait_nodate"))
        if result.counter is not None:
            lines += counter_lines(result.counter, self.flow)
        if result.pickup:
            lines.append(self._t("pickup") + colon + result.pickup)
        return lines
