"""我要办理, review page: every answer (the ID number masked unless the citizen asks to see it), the materials received,
to bring later, missing and 免提交（部门共享）, and what still blocks finalising. 确认提交 finalises with a printed
受理回执 and discards the in-memory session; `finalised(SubmissionResult)` follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import card, clear_layout, primary
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import ReviewSummary, SubmissionResult

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
        self.show_id_button.clicked.connect(self._toggle_id)
        box.addWidget(self.show_id_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(frame)
        self.materials = make_label("SectionBody")
        self.materials.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.materials)
        self.errors = make_label("Notice")
        self.errors.hide()
        inner.addWidget(self.errors)
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
        self.show_id_button.setText(self._t("hide_id") if self._show_full_id else self._t("show_id"))
        self.change_button.setText(self._t("change"))
        self.confirm_button.setText(self._t("confirm"))
        if self.flow.step == "review" and self.summary is not None:
            self._render(self.summary)

    def clear(self) -> None:
        clear_layout(self.lines)
        self.items.clear()
        self.materials.clear()
        self.errors.clear()
        self.summary = None
        self._show_full_id = False

    def show_summary(self, summary: ReviewSummary) -> None:
        """The service's review of the session, on this page (the ID number masked)."""
        self.summary = summary
        self._show_full_id = False
        self._render(summary)
        self.flow.go("review")
        self.shown.emit()

    def _render(self, summary: ReviewSummary) -> None:
        clear_layout(self.lines)
        session = self.flow.session
        items = session.items if session is not None else ()
        self.items.setText(
            self._t("items_applied", n=len(items)) + "：" + "、".join(p.name for p in items) if len(items) > 1 else ""
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
            label = make_label("Hint", field.label_en if field and en else line.label)
            shown = make_label("SectionBody", value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            self.lines.addWidget(label, n, 0, Qt.AlignmentFlag.AlignTop)
            self.lines.addWidget(shown, n, 1)
        self.lines.setColumnStretch(1, 1)
        self.show_id_button.setVisible(has_id)
        self.show_id_button.setText(self._t("hide_id") if self._show_full_id else self._t("show_id"))
        self.materials.setText("\n".join(self._material_lines(summary)))
        if summary.errors:
            first = next(iter(summary.errors.values()))
            self.errors.setText(self._t("errors_left", n=len(summary.errors)) + "：" + first.text(self.flow.language))
        self.errors.setVisible(bool(summary.errors))
        self.confirm_button.setEnabled(summary.can_finalise)

    def _material_lines(self, summary: ReviewSummary) -> list[str]:
        none = self._t("none")
        received = "、".join(self._t("pages_of", name=m, n=c) for m, c in summary.received) or none
        lines = [self._t("received") + "：" + received]
        if summary.deferred:
            lines.append(self._t("deferred_list") + "：" + "、".join(summary.deferred))
        if summary.owed:
            lines.append(self._t("owed") + "：" + "、".join(summary.owed))
        if summary.shared:
            lines.append(self._t("shared") + "：" + "、".join(name for name, _reason in summary.shared))
        if summary.promised_date:
            lines.append(self._t("promised") + "：" + summary.promised_date)
        return lines

    def _toggle_id(self) -> None:
        self._show_full_id = not self._show_full_id
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
        apply = self.flow.apply

        def finish() -> SubmissionResult:
            result = apply.finalise(session, print_receipt=True)
            apply.discard(session)  # finalised: the record holds it; nothing personal stays in memory
            return result

        self.confirm_button.setEnabled(False)
        self.flow.run(finish, self.finalised.emit, busy_text=self._t("submitting"), on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.flow.status.setText(self._t("failed", msg=self._error(error)))
