"""咨询投诉: a consultation or complaint about an item, a hall or a staff member, queued in the outbox; the answer
comes back through the platform's status feed and is shown under 进度查询 by the related receipt number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.apply import COMPLAINT_KINDS, COMPLAINT_SUBJECTS
from ui.errors import error_text
from ui.screens.apply.texts import Lang, t
from ui.screens.apply.widgets import primary, scroll_body
from ui.screens.base import Screen, make_label
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.ports import ApplyPort

__all__ = ["ComplaintScreen"]


class ComplaintScreen(Screen):
    """Signals: `sent(AfterServiceResult)`."""

    sent = Signal(object)

    def __init__(self, apply: ApplyPort, *, language: Lang = lambda: "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._lang = language
        self.tasks = TaskRunner(parent=self)
        page = QVBoxLayout(self)
        page.setContentsMargins(40, 20, 40, 20)
        page.setSpacing(12)
        # Taller than a 1280×800 panel once the text box has room to write in.
        outer = scroll_body(self, page, spacing=12)
        self.title = make_label("ScreenTitle")
        outer.addWidget(self.title)
        self.kind_label = make_label("SectionTitle")
        outer.addWidget(self.kind_label)
        self.kind_buttons = self._choices(outer, COMPLAINT_KINDS)
        self.subject_label = make_label("SectionTitle")
        outer.addWidget(self.subject_label)
        self.subject_buttons = self._choices(outer, COMPLAINT_SUBJECTS)
        self.subject_ref = self._line(outer, 60)
        self.content_label = make_label("SectionTitle")
        outer.addWidget(self.content_label)
        self.content = QPlainTextEdit(self)
        self.content.setObjectName("TextBox")
        self.content.setProperty("lines", "long")  # room to write in, on the kiosk's type scale (ui/theme.py)
        outer.addWidget(self.content)
        # Side by side where their prompts fit, one under another otherwise (portrait, English, 大字模式).
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(12)
        self.contacts = row
        self.receipt = self._line(row, 80)
        self.contact_name = self._line(row, 30)
        self.contact_phone = self._line(row, 20)
        outer.addLayout(row)
        self.message = make_label("Notice")
        self.message.hide()
        page.addWidget(self.message)
        send_row = QHBoxLayout()
        send_row.addStretch(1)
        self.send_button = primary(parent=self, big=True)
        self.send_button.clicked.connect(self.send)
        send_row.addWidget(self.send_button)
        page.addLayout(send_row)
        self.reset()
        self.retranslate()

    def _choices(self, layout: QVBoxLayout, keys: tuple[str, ...]) -> dict[str, QPushButton]:
        row = QHBoxLayout()
        row.setSpacing(14)
        group = QButtonGroup(self)
        buttons: dict[str, QPushButton] = {}
        for key in keys:
            button = QPushButton(self)
            button.setCheckable(True)
            button.setProperty("touch", "choice")
            button.setAccessibleName(key)
            group.addButton(button)
            row.addWidget(button)
            buttons[key] = button
        row.addStretch(1)
        layout.addLayout(row)
        return buttons

    def _fit_contacts(self) -> None:
        lines = (self.receipt, self.contact_name, self.contact_phone)
        need = sum(line.fontMetrics().horizontalAdvance(line.placeholderText()) + 48 for line in lines)
        room = self.width() - 2 * 40 - 40  # the page's margins and the scroll bar
        wide = need + 2 * self.contacts.spacing() <= room
        self.contacts.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_contacts()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange and hasattr(self, "contacts"):
            self._fit_contacts()  # 大字模式: wider prompts

    def _line(self, layout: QVBoxLayout | QHBoxLayout | QBoxLayout, max_length: int) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName("SearchBox")
        line.setMaxLength(max_length)
        layout.addWidget(line)
        return line

    @property
    def language(self) -> str:
        return self._lang()

    def retranslate(self) -> None:
        if not hasattr(self, "send_button"):
            return
        lang = self.language
        self.title.setText(t("consult_title", lang))
        self.kind_label.setText(t("kind", lang))
        self.subject_label.setText(t("subject", lang))
        for key, button in self.kind_buttons.items():
            button.setText(t(key, lang))
        for key, button in self.subject_buttons.items():
            button.setText(t(f"subject_{key}", lang))
        self.subject_ref.setPlaceholderText(t("subject_ref", lang))
        self.content_label.setText(t("content", lang))
        self.receipt.setPlaceholderText(t("related_receipt", lang))
        self.contact_name.setPlaceholderText(t("contact_name", lang))
        self.contact_phone.setPlaceholderText(t("contact_phone", lang))
        self.send_button.setText(t("send", lang))
        self._fit_contacts()

    @staticmethod
    def _chosen(buttons: dict[str, QPushButton]) -> str:
        return next(k for k, b in buttons.items() if b.isChecked())

    def send(self) -> None:
        text = self.content.toPlainText().strip()
        if not text:
            self._say(t("text_needed", self.language))
            return
        apply = self._apply
        kind, subject = self._chosen(self.kind_buttons), self._chosen(self.subject_buttons)
        ref, receipt = self.subject_ref.text().strip(), self.receipt.text().strip() or None
        name, phone = self.contact_name.text().strip(), self.contact_phone.text().strip()
        self.send_button.setEnabled(False)
        self.tasks.run(
            lambda: apply.complain(
                kind=kind,
                subject=subject,
                subject_ref=ref,
                text=text,
                receipt_no=receipt,
                contact_name=name,
                contact_phone=phone,
            ),
            on_success=self._sent,
            on_failure=self._failed,
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _sent(self, result: object) -> None:
        self.send_button.setEnabled(True)
        reference = getattr(result, "reference", "")
        self.content.clear()
        self.contact_name.clear()
        self.contact_phone.clear()
        self._say(t("queued", self.language, ref=reference))
        self.sent.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        self._say(t("failed", self.language, msg=error_text(error, self.language)))

    def reset(self) -> None:
        self.tasks.cancel_all()
        self.kind_buttons["consultation"].setChecked(True)
        self.subject_buttons["item"].setChecked(True)
        for line in (self.subject_ref, self.receipt, self.contact_name, self.contact_phone):
            line.clear()
        self.content.clear()
        self.message.clear()
        self.message.hide()
        self.send_button.setEnabled(True)
