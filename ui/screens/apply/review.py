"""我要办理, review page: every answer (the ID number masked; shown in full only while 按住查看 is held), the materials
received, read from the card, to bring later, missing and 免提交（部门共享）, and what still blocks finalising (a
refused card, in the kiosk's language; the form's errors). The
告知承诺 comes before 确认提交: pressed without 我已阅读并同意, it brings the promise into view and submits nothing; the
consent is recorded with the submission.
确认提交 finalises with a printed 受理回执 (预申请回执 for a pre-application) and discards the in-memory session;
`finalised(SubmissionResult)` follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QScrollArea, QWidget

from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import card, clear_layout, primary
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import ApplySession, ReviewSummary, SubmissionResult
    from app.model.forms import Field

__all__ = ["ReviewStep"]


class ReviewStep(Step):
    finalised = Signal(object)
    """The `SubmissionResult` (the session is already discarded)."""
    shown = Signal()

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.summary: ReviewSummary | None = None
        self._show_full_id = False
        inner = self._scroll_page()
        self.hint = make_label("Hint")
        inner.addWidget(self.hint)
        self.items = make_label("SectionBody")  # a 一件事 names every item it applies for
        self.items.setTextFormat(Qt.TextFormat.PlainText)
        self.items.hide()
        inner.addWidget(self.items)
        frame, box = card(self)
        self.lines = QGridLayout()
        self.lines.setHorizontalSpacing(24)
        self.lines.setVerticalSpacing(10)
        box.addLayout(self.lines)
        self.show_id_button = primary(parent=frame, name="")
        self.show_id_button.setAccessibleName("reveal_id")
        self.show_id_button.pressed.connect(lambda: self._reveal(True))
        self.show_id_button.released.connect(lambda: self._reveal(False))
        box.addWidget(self.show_id_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(frame)
        self.materials = make_label("SectionBody")
        self.materials.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.materials)
        self.errors = make_label("Notice")
        self.errors.hide()
        inner.addWidget(self.errors)
        consent_frame, consent_box = card(self)  # 告知承诺, before 确认提交
        self.consent_title = make_label("SectionTitle")
        consent_box.addWidget(self.consent_title)
        self.consent_text = make_label("SectionBody")
        consent_box.addWidget(self.consent_text)
        self.consent = QPushButton(consent_frame)
        self.consent.setObjectName("")
        self.consent.setProperty("touch", "action")
        self.consent.setCheckable(True)
        self.consent.setAccessibleName("consent")
        self.consent.toggled.connect(lambda _on: self._consent_changed())
        consent_box.addWidget(self.consent, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(consent_frame)
        inner.addStretch(1)
        row = self._nav()
        self.change_button = primary(parent=self, name="")
        self.change_button.clicked.connect(self._change)
        self.confirm_button = primary(parent=self, big=True)
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.change_button)
        row.addStretch(1)
        row.addWidget(self.confirm_button)

    def retranslate(self) -> None:
        self.hint.setText(self._t("review_hint"))
        self.show_id_button.setText(self._t("show_id"))
        self.change_button.setText(self._t("change"))
        self.consent_title.setText(self._t("consent_title"))
        self.consent_text.setText(self._t("consent_text"))
        self._consent_changed()
        pre = self.flow.session is not None and self.flow.session.pre_application
        self.confirm_button.setText(self._t("confirm_pre") if pre else self._t("confirm"))
        if self.flow.step == "review" and self.summary is not None:
            self._render(self.summary)

    def clear(self) -> None:
        clear_layout(self.lines)
        self.items.clear()
        self.materials.clear()
        self.errors.clear()
        self.summary = None
        self._show_full_id = False
        self.consent.setChecked(False)

    def show_summary(self, summary: ReviewSummary) -> None:
        """The service's review of the session, on this page (the ID number masked)."""
        self.summary = summary
        self._show_full_id = False
        self.consent.setChecked(False)  # agreed each time the citizen reaches 确认提交
        self._render(summary)
        self.flow.go("review")
        self.retranslate()
        self.shown.emit()

    def _render(self, summary: ReviewSummary) -> None:
        clear_layout(self.lines)
        session = self.flow.session
        items = session.items if session is not None else ()
        self.items.setText(
            self._t("items_applied", n=len(items)) + self._colon() + "、".join(p.name for p in items)
            if len(items) > 1
            else ""
        )
        self.items.setVisible(len(items) > 1)
        en = self.flow.language.startswith("en")
        has_id = False
        for n, line in enumerate(summary.lines):
            field = session.form.field(line.field_id) if session is not None else None
            value = line.value
            if field is not None and field.type == "id_number":
                has_id = True
                if self._show_full_id and session is not None:
                    value = str(session.answers.get(line.field_id) or value)
            if en and field is not None and session is not None:
                value = self._english_value(field, session.answers.get(line.field_id), value)
            label = make_label("Hint", field.label_en if field and en else line.label)
            shown = make_label("SectionBody", value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            self.lines.addWidget(label, n, 0, Qt.AlignmentFlag.AlignTop)
            self.lines.addWidget(shown, n, 1)
        self.lines.setColumnStretch(1, 1)
        self.show_id_button.setVisible(has_id)
        self.materials.setText("\n".join(self._material_lines(summary)))
        problems = [self._refusal(session)] if session is not None and session.refusal is not None else []
        if summary.errors:
            first = next(iter(summary.errors.values()))
            problems.append(
                self._t("errors_left", n=len(summary.errors)) + self._colon() + first.text(self.flow.language)
            )
        self.errors.setText("\n".join(problems))
        self.errors.setVisible(bool(problems))
        self._consent_changed()

    def _refusal(self, session: ApplySession) -> str:
        """Why the laid card cannot be used (确认提交 stays off while it is so), in the kiosk's language."""
        from app.apply.notes import CardNote  # the refusal's message and parameters (plain data on the session)

        note = session.refusal_note
        return CardNote.from_json(note).render(self.flow.language) if note else str(session.refusal)

    def _consent_changed(self) -> None:
        """确认提交 needs the 告知承诺 and a summary that can be finalised (pressed early, it shows the promise)."""
        agreed = self.consent.isChecked()
        self.consent.setText(("☑ " if agreed else "☐ ") + self._t("consent_agree"))
        summary = self.summary
        self.confirm_button.setEnabled(summary is not None and summary.can_finalise)
        if agreed and self.flow.status.text() == self._t("consent_first"):
            self.flow.status.clear()

    @staticmethod
    def _english_value(field: Field, answer: object, shown: str) -> str:
        """A chosen option, a yes/no or a signature in English (the service's review says 女, 是, （已签名）); anything
        typed as is."""
        if field.type == "choice" and (option := field.option(answer)) is not None and option.label_en:
            return option.label_en
        if field.type == "multichoice" and isinstance(answer, list):
            options = [field.option(v) for v in answer]
            if all(o is not None and o.label_en for o in options):
                return ", ".join(o.label_en for o in options if o is not None)
        if field.type == "yesno" and isinstance(answer, bool):
            return "Yes" if answer else "No"
        if field.type == "signature" and answer:
            return "(signed)"  # the service's review says （已签名）
        return shown

    def _material_lines(self, summary: ReviewSummary) -> list[str]:
        none = self._t("none")
        received = "、".join(self._t("pages_of", name=m, n=c) for m, c in summary.received) or none
        lines = [self._t("received") + self._colon() + received]
        if summary.from_card:
            lines.append(self._t("from_card") + self._colon() + "、".join(summary.from_card))
        if summary.deferred:
            lines.append(self._t("deferred_list") + self._colon() + "、".join(summary.deferred))
        if summary.owed:
            owed = self._t("counter_bring") if summary.pre_application else self._t("owed")
            lines.append(owed + self._colon() + "、".join(summary.owed))
        if summary.shared:
            lines.append(self._t("shared") + self._colon() + "、".join(name for name, _reason in summary.shared))
        if summary.promised_date:
            lines.append(self._t("promised") + self._colon() + summary.promised_date)
        return lines

    def _reveal(self, full: bool) -> None:
        """按住查看: the full ID number only while the button is held."""
        self._show_full_id = full
        if self.summary is not None:
            self._render(self.summary)

    def _change(self) -> None:
        self.flow.go("form")
        view = self.flow.form.view
        if view is not None and self.summary is not None and self.summary.errors:
            view.submit()  # shows every message and goes to the first page with one

    def confirm(self) -> None:
        """确认提交: finalise with a printed receipt, then discard the session (the record holds it now)."""
        session = self.flow.session
        if session is None or self.flow.busy:
            return
        if not self.consent.isChecked():  # the promise first: brought into view, nothing submitted
            self.flow.say(lambda: self._t("consent_first"))
            area = self.findChild(QScrollArea)
            if area is not None:
                area.ensureWidgetVisible(self.consent)
            return
        apply = self.flow.apply

        def finish() -> SubmissionResult:
            result = apply.finalise(session, print_receipt=True, consent=True)
            apply.discard(session)  # finalised: the record holds it; nothing personal stays in memory
            return result

        self.confirm_button.setEnabled(False)
        self.flow.run(finish, self.finalised.emit, busy_text=self._t("submitting"), on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self._consent_changed()
        self.flow.say(lambda: self._t("failed", msg=self._error(error)))
