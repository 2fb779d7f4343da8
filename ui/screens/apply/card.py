"""我要办理, card page (请将身份证放在读卡区): 读卡 asks the identity port for one blocking read on the flow's
worker and emits `card_read(card)`; 手工填写 opens the empty form. `prefilled` shows what the service made of a card."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.kiosk.card_reader import CardReaderPicture
from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import primary, scroll_body
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import CardPrefill
    from ui.ports import IdentityPort

__all__ = ["CardStep"]


class CardStep(Step):
    card_read = Signal(object)
    """The 读卡 button's read (`CardData`)."""

    def __init__(self, flow: Flow, identity: IdentityPort | None, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.identity = identity
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 10, 60, 10)
        outer.setSpacing(16)
        # The prompt and the picture scroll when taller than the room (大字模式, English); the two buttons stay.
        layout = scroll_body(self, outer, spacing=20)
        layout.addStretch(1)
        self.title = make_label("Big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = make_label("SectionBody")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = make_label("Notice")
        self.message.hide()
        self._problem: Callable[[], str] | None = None
        """What `message` says, rendered again in the other language when the citizen switches."""
        layout.addWidget(self.title)
        self.picture = CardReaderPicture(self)  # where the reader is on the terminal, the card going down onto it
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addStretch(1)
        self.read_button = primary(parent=self, big=True)
        self.read_button.clicked.connect(self.read_card)
        self.manual_button = primary(parent=self, name="", big=True)
        self.manual_button.clicked.connect(self.fill_manually)
        row.addWidget(self.read_button)
        row.addWidget(self.manual_button)
        row.addStretch(1)
        layout.addStretch(1)
        outer.addLayout(row)

    def retranslate(self) -> None:
        self.title.setText(self._t("card_title"))
        self.hint.setText(self._t("card_hint"))
        self.read_button.setText(self._t("read_card"))
        self.manual_button.setText(self._t("manual"))
        if self._problem is not None:
            self.message.setText(self._problem())

    def clear(self) -> None:
        self._problem = None
        self.message.clear()

    def read_card(self) -> None:
        identity = self.identity
        if identity is None or self.flow.session is None:
            self.problem(lambda: self._t("card_failed", msg="—"))
            return
        self.problem(lambda: self._t("reading"))
        self.flow.run(
            lambda: identity.read_card(timeout=10.0),
            self.card_read.emit,
            on_failure=lambda e: self.problem(lambda: self._t("card_failed", msg=self._error(e))),
        )

    def fill_manually(self) -> None:
        if self.flow.session is not None:
            self.flow.form.open()

    def problem(self, render: Callable[[], str]) -> None:
        """Say `render()` on this page, and again in the other language after a switch (a refused card, a failed
        read)."""
        self._problem = render
        self.message.setText(render())
        self.message.show()

    def prefilled(self, prefill: CardPrefill) -> None:
        """The service's answer to a card: the form opens prefilled, or the card is refused (an expired ID card
        where the item needs a valid one) and the page says why."""
        notes = getattr(prefill, "notes", ())  # the warnings in any language (app.apply.session.CardNote)

        def warnings() -> list[str]:
            if notes:
                return [note.render(self.flow.language) for note in notes]
            return list(getattr(prefill, "warnings", ()))

        if getattr(prefill, "refused", False):  # the refusal is one of the notes, in the kiosk's language
            self.problem(lambda: " ".join(warnings()))
            return
        self.flow.form.open()
        card = getattr(self.flow.session, "card", None) or {}
        extra = card.get("additional_address")  # 追加住址, shown beside the card's address the form now holds

        def shown() -> list[str]:
            return [self._t("card_additional_address", address=extra)] if extra else []

        self.flow.say(lambda: " ".join([self._t("card_ok"), *shown(), *warnings()]))
