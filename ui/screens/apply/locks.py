"""Privacy on a public screen, for the form page: a value read from the ID card is shown locked in place of its input
(an ID number masked, shown in full only while 按住查看 is held), and changes only after the citizen says why
(信息有误，更正 → a reason); an ID number typed by hand is masked again as soon as the field is left."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton, QWidget

from app.identity.masking import mask_id
from ui.screens.apply.beside import BesideLayout
from ui.screens.apply.widgets import primary
from ui.screens.base import make_label

__all__ = ["REASON_KEYS", "CardValue", "MaskOnLeave"]

REASON_KEYS = ("reason_moved", "reason_misread", "reason_other")
"""Reasons offered for correcting a value read from the card (their Chinese text is what the record keeps)."""


class CardValue(QFrame):
    """A value shown instead of its input. `locked` (read from the card): 🔒 and 信息有误，更正, which asks a reason and
    emits `correction_chosen(reason key)`. Not locked (an ID number typed by hand): 修改 emits `edit_requested`. An ID
    number is masked; 按住查看 shows it while pressed (`revealed`). The buttons stand beside the value when the row's
    width allows it (`beside`), under it otherwise (`ui/screens/apply/beside.py`)."""

    correction_chosen = Signal(str)
    edit_requested = Signal()

    def __init__(self, t: Callable[[str], str], *, secret: bool, locked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CardValue")
        self.setStyleSheet("QFrame#CardValue { background: #eef3f9; border: 1px solid #b8c7da; border-radius: 8px; }")
        self._t = t
        self.secret = secret
        self.locked = locked
        self.value = ""
        self.shown = make_label("SectionBody")
        self.shown.setAccessibleName("card_value")
        self.tag = make_label("Hint", wrap=False)
        self.tag.setVisible(locked)
        self.reveal = primary(parent=self, name="")
        self.reveal.setAccessibleName("reveal_id")
        self.reveal.pressed.connect(lambda: self._show(True))
        self.reveal.released.connect(lambda: self._show(False))
        self.reveal.setVisible(secret)
        self.correct = primary(parent=self, name="")
        self.correct.setAccessibleName("correct_card_value")
        self.correct.clicked.connect(self._ask)
        # 请选择更正的原因: the reasons (and 取消) under the value once 更正 is tapped, as many a line as fit.
        self.reasons = QWidget(self)
        self.reasons_label = make_label("Hint")
        self.reason_buttons: dict[str, QPushButton] = {}
        for key in REASON_KEYS:
            button = primary(parent=self.reasons, name="")
            button.clicked.connect(lambda _c=False, k=key: self.correction_chosen.emit(k))
            self.reason_buttons[key] = button
        self.cancel = primary(parent=self.reasons, name="")
        self.cancel.clicked.connect(lambda: self.reasons.hide())
        reasons = BesideLayout(
            self.reasons, value=self.reasons_label, buttons=(*self.reason_buttons.values(), self.cancel)
        )
        reasons.setContentsMargins(0, 6, 0, 0)
        self.reasons.hide()
        # The buttons beside the value when the row is wide enough (a page then holds about twice the locked rows),
        # on a line of their own below it when not (a narrow portrait panel in 大字模式, long English or addresses).
        self.arrangement = BesideLayout(
            self, value=self.shown, tag=self.tag, buttons=(self.reveal, self.correct), below=self.reasons
        )
        self.arrangement.setContentsMargins(14, 6, 14, 6)  # the buttons keep their size; the frame hugs them
        self.retranslate()

    @property
    def beside(self) -> bool:
        """Whether the buttons are laid out beside the value (as last laid out)."""
        return self.arrangement.beside

    def retranslate(self) -> None:
        self.reveal.setText(self._t("show_id"))
        self.tag.setText(self._t("locked"))
        self.correct.setText(self._t("correct") if self.locked else self._t("edit_id"))
        self.reasons_label.setText(self._t("correct_why"))
        for key, button in self.reason_buttons.items():
            button.setText(self._t(key))
        self.cancel.setText(self._t("cancel"))

    def set_value(self, value: str) -> None:
        self.value = value
        self._show(False)

    def _show(self, full: bool) -> None:
        self.shown.setText(self.value if full or not self.secret else mask_id(self.value))

    def _ask(self) -> None:
        if self.locked:
            self.reasons.show()
        else:
            self.edit_requested.emit()

    def clear(self) -> None:
        self.value = ""
        self.shown.clear()


class MaskOnLeave(QObject):
    """Watches an ID-number line edit typed by hand: when it loses focus with a value, `left(value)` is emitted so
    the page shows it masked instead."""

    left = Signal(str)

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and self.edit.text().strip():
            self.left.emit(self.edit.text().strip())
        return False
