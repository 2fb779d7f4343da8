"""评价 (好差评, 国办发〔2019〕51号): five levels, 非常满意 … 非常不满意; the last two ask for reasons (choices + text;
「其他」 needs the text) and offer an optional contact phone for the follow-up call (回访).

Opened for the receipt just issued (`start(receipt_no)`), the rating is this terminal's own service event. Opened
from the 评价 tile, the citizen types the receipt number and its printed 校验码 (or the receipt QR text, which carries
it): the service refuses a typed number without its code, so nobody rates a neighbour's service. A reason that is
blank or only punctuation is refused on screen before anything is sent, and by the service.
Nothing is sent until 提交评价: leaving without rating sends nothing (the platform applies its default).
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.apply import BAD_LEVELS, BAD_RATING_REASONS, EVALUATION_LEVELS, EVALUATION_LEVELS_EN
from ui.errors import error_text
from ui.kiosk.reflow import ButtonGrid
from ui.ports import ApplyPort
from ui.screens.apply.texts import Lang, t
from ui.screens.apply.widgets import ReceiptKeypad, primary, scroll_body
from ui.screens.base import Screen, make_label
from ui.tasks import TaskRunner

__all__ = ["EvaluateScreen"]

_REASONS_EN = {
    "办事指南不清楚": "The guide was unclear",
    "材料要求反复": "Materials asked for again and again",
    "等候时间长": "Long wait",
    "工作人员态度不好": "Unfriendly staff",
    "系统操作困难": "Hard to use",
    "超过承诺时限": "Later than promised",
    "其他": "Other",
}


def _says_something(text: str) -> bool:
    """A written reason with at least one letter, digit or CJK character (the service applies the same rule)."""
    return any(ch.isalnum() for ch in unicodedata.normalize("NFKC", text))


class EvaluateScreen(Screen):
    """Signals: `home_requested`, `sent(AfterServiceResult)`."""

    home_requested = Signal()
    sent = Signal(object)

    def __init__(self, apply: ApplyPort, *, language: Lang = lambda: "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._lang = language
        self.tasks = TaskRunner(parent=self)
        self.level: str | None = None
        self._typed = True
        page = QVBoxLayout(self)
        page.setContentsMargins(40, 20, 40, 20)
        page.setSpacing(14)
        # Everything above the two buttons scrolls: with the keypad or the reasons shown it is taller than a panel.
        outer = scroll_body(self, page, spacing=14)
        self.title = make_label("ScreenTitle")
        self.hint = make_label("Hint")
        outer.addWidget(self.title)
        outer.addWidget(self.hint)
        self.receipt_label = make_label("SectionTitle")
        outer.addWidget(self.receipt_label)
        self.keypad = ReceiptKeypad(self)
        outer.addWidget(self.keypad)
        self.check_label = make_label("Hint")
        outer.addWidget(self.check_label)
        self.check_code = QLineEdit(self)
        self.check_code.setObjectName("SearchBox")
        self.check_code.setMaxLength(20)
        self.check_code.setAccessibleName("check_code")
        outer.addWidget(self.check_code)
        levels = ButtonGrid(len(EVALUATION_LEVELS), spacing=14)  # wraps in English, 大字模式 or portrait
        self.level_group = QButtonGroup(self)
        self.level_group.setExclusive(True)
        self.level_buttons: dict[str, QPushButton] = {}
        for level in EVALUATION_LEVELS:
            button = QPushButton(self)
            button.setCheckable(True)
            button.setProperty("touch", "level")  # big and bold, on the kiosk's type scale (ui/theme.py)
            button.setAccessibleName(f"level_{level}")
            button.clicked.connect(lambda _c=False, lv=level: self.choose(lv))
            self.level_group.addButton(button)
            levels.add(button)
            self.level_buttons[level] = button
        outer.addWidget(levels)
        self.level_grid = levels
        self.reasons_box = QWidget(self)
        box = QVBoxLayout(self.reasons_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.reasons_title = make_label("SectionTitle")
        box.addWidget(self.reasons_title)
        grid = ButtonGrid(4, spacing=10)
        self.reason_buttons: dict[str, QPushButton] = {}
        for reason in BAD_RATING_REASONS:
            button = QPushButton(self.reasons_box)
            button.setCheckable(True)
            button.setProperty("touch", "choice")
            button.setAccessibleName(f"reason_{reason}")
            grid.add(button)
            self.reason_buttons[reason] = button
        box.addWidget(grid)
        self.reason_grid = grid
        box.addSpacing(8)
        self.text_label = make_label("Hint")
        box.addWidget(self.text_label)
        self.text = QPlainTextEdit(self.reasons_box)
        self.text.setObjectName("TextBox")
        self.text.setProperty("lines", "short")
        box.addWidget(self.text)
        self.phone_label = make_label("Hint")
        box.addWidget(self.phone_label)
        self.phone = QLineEdit(self.reasons_box)
        self.phone.setObjectName("TextLine")
        self.phone.setMaxLength(20)
        self.phone.setAccessibleName("contact_phone")
        box.addWidget(self.phone)
        self.reasons_box.hide()
        outer.addWidget(self.reasons_box)
        self.message = make_label("Notice")
        self.message.hide()
        outer.addWidget(self.message)
        outer.addStretch(1)
        row = QHBoxLayout()
        self.skip_button = primary(parent=self, name="")
        self.skip_button.clicked.connect(self._skip)
        self.send_button = primary(parent=self, big=True)
        self.send_button.clicked.connect(self.send)
        row.addWidget(self.skip_button)
        row.addStretch(1)
        row.addWidget(self.send_button)
        page.addLayout(row)
        self.retranslate()

    @property
    def language(self) -> str:
        return self._lang()

    def retranslate(self) -> None:
        if not hasattr(self, "send_button"):
            return
        lang = self.language
        en = lang.startswith("en")
        self.title.setText(t("eval_title", lang))
        self.hint.setText(t("eval_hint", lang))
        number = self.keypad.text() if self.keypad.isHidden() else ""
        colon = ": " if en else "："
        self.receipt_label.setText(t("eval_receipt", lang) + (f"{colon}{number}" if number else ""))
        for level, button in self.level_buttons.items():
            button.setText(EVALUATION_LEVELS_EN[EVALUATION_LEVELS.index(level)] if en else level)
        for reason, button in self.reason_buttons.items():
            button.setText(_REASONS_EN.get(reason, reason) if en else reason)
        self.level_grid.refit()
        self.reason_grid.refit()
        self.reasons_title.setText(t("reasons", lang))
        self.text_label.setText(t("eval_text", lang))
        self.check_label.setText(t("check_code", lang))
        self.phone_label.setText(t("rating_phone", lang))
        self.skip_button.setText(t("skip", lang))
        self.send_button.setText(t("submit_rating", lang))

    def start(self, receipt_no: str = "") -> None:
        """Open for a receipt (after an application) or empty (the 评价 tile: the citizen types the number)."""
        self.reset()
        self.keypad.line.setText(receipt_no)
        self.keypad.setVisible(not receipt_no)
        self._typed = not receipt_no
        self.check_label.setVisible(self._typed)
        self.check_code.setVisible(self._typed)
        self.retranslate()

    def choose(self, level: str) -> None:
        self.level = level
        self.level_buttons[level].setChecked(True)
        self.reasons_box.setVisible(level in BAD_LEVELS)
        self.message.hide()

    def reasons(self) -> list[str]:
        return [r for r, b in self.reason_buttons.items() if b.isChecked()]

    def send(self) -> None:
        lang = self.language
        if self.level is None:
            self._say(t("level_needed", lang))
            return
        reasons = self.reasons() if self.level in BAD_LEVELS else []
        text = self.text.toPlainText().strip() if self.level in BAD_LEVELS else ""
        if self.level in BAD_LEVELS and not reasons and not _says_something(text):
            self._say(t("reason_needed", lang))
            return
        apply, receipt, level = self._apply, self.keypad.text(), self.level
        # A typed number is proven by the printed code (empty: the service says where it is printed).
        code: str | None = self.check_code.text() if self._typed else None
        phone = self.phone.text() if self.level in BAD_LEVELS else ""
        self.send_button.setEnabled(False)
        self.tasks.run(
            lambda: apply.evaluate(receipt, level, reasons, text, check_code=code, contact_phone=phone),
            on_success=self._sent,
            on_failure=self._failed,
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _sent(self, result: object) -> None:
        self.send_button.setEnabled(True)
        replaced = getattr(result, "replaced", None)
        self._say(t("replaced" if replaced else "thanks", self.language))
        self.sent.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        self._say(t("failed", self.language, msg=error_text(error, self.language)))

    def _skip(self) -> None:
        self.reset()
        self.home_requested.emit()

    def reset(self) -> None:
        self.tasks.cancel_all()
        self.level = None
        self.level_group.setExclusive(False)
        for button in (*self.level_buttons.values(), *self.reason_buttons.values()):
            button.setChecked(False)
        self.level_group.setExclusive(True)
        self.text.clear()
        self.phone.clear()
        self.check_code.clear()
        self._typed = True
        self.check_label.show()
        self.check_code.show()
        self.keypad.clear()
        self.keypad.show()
        self.retranslate()
        self.reasons_box.hide()
        self.message.clear()
        self.message.hide()
        self.send_button.setEnabled(True)
