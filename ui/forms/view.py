"""The form renderer: a `FormDefinition` as pages of large touch controls, one question group per page.

Contract: validation is `app.forms.engine.answers.validate_answers` (as for the CLI and finalisation); an error
never changes an input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.forms.engine.answers import is_required, validate_answers, visible_fields
from app.forms.engine.definition import form_pages
from app.model.forms import Field, FieldError, FormDefinition
from ui.forms.division import DivisionInput, DivisionTree
from ui.forms.inputs import (
    ChoiceInput,
    DateInput,
    FieldInput,
    LineInput,
    MultiChoiceInput,
    TextAreaInput,
    YesNoInput,
)
from ui.forms.material import MaterialInput
from ui.forms.signature import SignatureInput
from ui.forms.style import form_stylesheet, target
from ui.forms.texts import pick, text
from ui.plain import PlainLabel
from ui.touch import enable_touch_scroll_in

__all__ = ["FieldRow", "FormView"]


def _show(widget: QWidget, shown: bool) -> None:
    """setVisible only on a change: each call re-polishes the widget against the stylesheet (≈0.3 ms), which for a
    60-field form was most of its build time."""
    if widget.isHidden() == shown:
        widget.setVisible(shown)


class FieldRow(QFrame):
    """One question: label (with a 必填 tag when required), help, the input, and the error line under it."""

    def __init__(
        self, field: Field, make_input: Callable[[QWidget], FieldInput], *, language: str, scale: float, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("FieldRow")
        # Never squeezed below its full height: a page taller than its room scrolls instead of cutting its fields.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setProperty("invalid", False)
        self.field = field
        # The input is born with its final parent: reparenting a widget tree under a stylesheet re-resolves the style
        # of every widget in it, which doubled the build time of a large form.
        widget = make_input(self)
        self.widget = widget
        self.error: FieldError | None = None
        self.notice: tuple[str, str] | None = None
        self.language = language
        layout = QVBoxLayout(self)
        pad = round(16 * scale)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(round(8 * scale))
        head = QHBoxLayout()
        self.label = PlainLabel(self)
        self.label.setObjectName("FieldLabel")
        self.label.setWordWrap(True)
        self.label.setBuddy(widget.focus_target())
        head.addWidget(self.label, 1)
        self.required_tag = PlainLabel(self)
        self.required_tag.setObjectName("FieldRequired")
        head.addWidget(self.required_tag, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.help = PlainLabel(self)
        self.help.setObjectName("FieldHelp")
        self.help.setWordWrap(True)
        layout.addWidget(self.help)
        layout.addWidget(widget)
        self.error_label = PlainLabel(self)
        self.error_label.setObjectName("FieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(f"error_{field.id}")
        layout.addWidget(self.error_label)
        self.set_required(field.required)
        self.set_language(language)
        self._show_message()

    def set_required(self, required: bool) -> None:
        _show(self.required_tag, required)

    def set_language(self, language: str) -> None:
        self.language = language
        self.label.setText(pick(language, self.field.label, self.field.label_en))
        self.required_tag.setText(text("required", language))
        help_text = pick(language, self.field.help or "", self.field.help_en)
        self.help.setText(help_text)
        _show(self.help, bool(help_text))
        self.widget.set_language(language)
        self._show_message()

    def set_error(self, error: FieldError | None) -> None:
        self.error = error
        self.notice = None
        self._show_message()

    def set_notice(self, zh: str, en: str) -> None:
        """A message about an action that was refused (an oversized paste), shown like an error."""
        self.notice = (zh, en)
        self._show_message()

    def message(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _show_message(self) -> None:
        if self.notice is not None:
            message = pick(self.language, *self.notice)
        elif self.error is not None:
            message = self.error.text(self.language)
        else:
            message = ""
        self.error_label.setText(f"⚠ {message}" if message else "")
        _show(self.error_label, bool(message))
        invalid = bool(message)
        if self.property("invalid") != invalid:
            self.setProperty("invalid", invalid)
            self.style().unpolish(self)
            self.style().polish(self)


class _Page(QScrollArea):
    def __init__(self, index: int, fields: tuple[Field, ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.index = index
        self.fields = fields
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        body.setObjectName("FormPage")
        self.body = body
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setSpacing(18)
        self.setWidget(body)
        self.rows: list[FieldRow] = []
        self.built = False

    def title(self, language: str) -> str:
        first = self.fields[0]
        group = next((f for f in self.fields if f.group), None)
        if group is not None:
            return pick(language, group.group or "", group.group_en)
        if len(self.fields) == 1:
            return pick(language, first.label, first.label_en)
        return text("fill_in", language)


class FormView(QWidget):
    """Pages built from a definition, with 上一步 / 下一步 / 检查并提交 and a language switch.

    Signals: `submitted(dict)` with the answers once the whole form is valid; `answers_changed()`;
    `page_changed(int)`; `language_changed(str)`; material slots' `scan_requested(field_id)`,
    `retake_requested(field_id, ref)`, `delete_requested(field_id, ref)`.

    Messages appear under their field in plain Chinese (or English) and the field is framed in red; nothing typed is
    changed or cleared by an error. `show_if` applies live on every change: hidden fields keep their input (choosing
    the other answer again brings it back) but are left out of `answers()` and not validated.
    """

    submitted = Signal(dict)
    answers_changed = Signal()
    page_changed = Signal(int)
    language_changed = Signal(str)
    scan_requested = Signal(str)
    retake_requested = Signal(str, str)
    delete_requested = Signal(str, str)

    def __init__(
        self,
        definition: FormDefinition,
        *,
        divisions: DivisionTree | None = None,
        division_root: str | None = None,
        language: str = "zh_CN",
        scale: float = 1.0,
        per_page: int = 4,
        fits: Callable[[tuple[Field, ...]], bool] | None = None,
        materials_present: Collection[str] | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("FormView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.definition = definition
        self.language = language
        self.scale = scale
        self.materials_present = materials_present
        self.today = today
        self._divisions = divisions
        self._division_root = division_root
        self._rows: dict[str, FieldRow] = {}
        """Rows of the pages built so far: a page's widgets are made when it is first shown or touched, so a long
        form opens as fast as a short one (polishing ~1,000 widgets against the stylesheet took ~0.25 s)."""
        self._visible: set[str] = set()
        self._current = 0
        self._errors: dict[str, FieldError] = {}
        self._loading = False

        outer = QVBoxLayout(self)
        self._outer = outer
        self._compact = False
        head = QHBoxLayout()
        self.group_title = PlainLabel(self)
        self.group_title.setObjectName("FormGroupTitle")
        self.group_title.setWordWrap(True)  # a long group name in English or 大字模式 takes two lines, never cut
        head.addWidget(self.group_title, 1)
        self.progress = PlainLabel(self)
        self.progress.setObjectName("FormProgress")
        head.addWidget(self.progress)
        self.language_button = QPushButton(self)
        self.language_button.setObjectName("FormLanguage")
        self.language_button.clicked.connect(self._toggle_language)
        head.addWidget(self.language_button)
        outer.addLayout(head)

        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)
        self.pages: list[_Page] = []
        self._page_of: dict[str, int] = {}
        for index, fields in enumerate(form_pages(definition, per_page=per_page, fits=fits)):
            page = _Page(index, fields, self.stack)
            self.stack.addWidget(page)
            self.pages.append(page)
            self._page_of.update((f.id, index) for f in fields)

        self.summary = PlainLabel(self)
        self.summary.setObjectName("FormSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        outer.addWidget(self.summary)
        nav = QHBoxLayout()
        nav.setSpacing(round(16 * scale))
        self.prev_button = QPushButton(self)
        self.prev_button.setObjectName("FormPrev")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("FormPrimary")
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("FormPrimary")
        self.submit_button.setAccessibleName("FormSubmit")
        self._nav = nav
        nav.addWidget(self.prev_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        nav.addWidget(self.submit_button)
        outer.addLayout(nav)
        self.prev_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.submit_button.clicked.connect(self.submit)

        self._restyle()
        self._refresh_visibility()
        self._apply_language()
        self._show_page(self._first_visible_page(0, 1))

    # ------------------------------------------------------------------------------------------------ sizing

    def _restyle(self) -> None:
        scale = self.scale
        margin = round(6 * scale) if self._compact else round(24 * scale)
        self._outer.setContentsMargins(margin, margin, margin, margin)
        self._outer.setSpacing(round(6 * scale) if self._compact else round(14 * scale))
        self._nav.setSpacing(round(16 * scale))
        for button in (self.prev_button, self.next_button, self.submit_button):
            button.setMinimumHeight(max(target(scale), round(76 * scale)))
            button.setMinimumWidth(round(220 * scale))
        self.setStyleSheet(form_stylesheet(scale))

    def set_scale(self, scale: float) -> None:
        """Follow the kiosk's type size (大字模式 turned on or off while the form is open)."""
        if scale != self.scale:
            self.scale = scale
            self._restyle()

    def set_compact(self, compact: bool) -> None:
        """The on-screen keyboard is up: the page header (group title, progress, language switch) gives way and the
        margins narrow, so the focused field and the navigation buttons keep their size above the keyboard."""
        if compact == self._compact:
            return
        self._compact = compact
        for widget in (self.group_title, self.progress, self.language_button):
            widget.setVisible(not compact)
        self._show_summary(len(self._errors))  # the count of errors gives way too (each field shows its own)
        self._restyle()

    # ------------------------------------------------------------------------------------------------ building

    def _build_page(self, index: int) -> _Page:
        page = self.pages[index]
        if page.built:
            return page
        page.built = True
        for field in page.fields:
            row = FieldRow(
                field,
                self._input_maker(field),
                language=self.language,
                scale=self.scale,
                parent=page.body,
            )
            page.body_layout.addWidget(row)
            page.rows.append(row)
            self._rows[field.id] = row
            row.widget.changed.connect(lambda fid=field.id: self._field_changed(fid))
            row.widget.paste_refused.connect(lambda n, cap, fid=field.id: self._paste_refused(fid, n, cap))
            keypad = getattr(row.widget, "keypad", None)
            if keypad is not None:  # an ID number's pad appears under it: scroll the page to show it whole
                keypad.shown.connect(lambda p=page, k=keypad: QTimer.singleShot(0, lambda: p.ensureWidgetVisible(k)))
            if field.id in self._errors:
                row.set_error(self._errors[field.id])
        page.body_layout.addStretch(1)
        enable_touch_scroll_in(page)  # the page and any list inside its fields (choices, division pickers)
        self._apply_row_state(page.rows, self.answers(include_hidden=True))
        return page

    def _input_maker(self, field: Field) -> Callable[[QWidget], FieldInput]:
        return lambda parent: self._make_input(field, self._divisions, self._division_root, parent)

    def build_all(self) -> None:
        """Make every page's widgets now (a counter clerk's review, or to pay the cost before the citizen arrives)."""
        for index in range(len(self.pages)):
            self._build_page(index)

    def row(self, field_id: str) -> FieldRow:
        """The row of a field, building its page if needed."""
        if field_id not in self._rows:
            self._build_page(self._page_of[field_id])
        return self._rows[field_id]

    def _make_input(
        self, field: Field, divisions: DivisionTree | None, division_root: str | None, parent: QWidget
    ) -> FieldInput:
        lang, scale = self.language, self.scale
        if field.type == "textarea":
            return TextAreaInput(field, language=lang, scale=scale, parent=parent)
        if field.type == "date":
            return DateInput(field, language=lang, scale=scale, today=self.today, parent=parent)
        if field.type == "choice":
            return ChoiceInput(field, language=lang, scale=scale, parent=parent)
        if field.type == "multichoice":
            return MultiChoiceInput(field, language=lang, scale=scale, parent=parent)
        if field.type == "yesno":
            return YesNoInput(field, language=lang, scale=scale, parent=parent)
        if field.type == "division":
            return DivisionInput(field, tree=divisions, root=division_root, language=lang, scale=scale, parent=parent)
        if field.type == "signature":
            return SignatureInput(field, language=lang, scale=scale, parent=parent)
        if field.type == "material":
            slot = MaterialInput(field, language=lang, scale=scale, parent=parent)
            slot.scan_requested.connect(self.scan_requested)
            slot.retake_requested.connect(self.retake_requested)
            slot.delete_requested.connect(self.delete_requested)
            return slot
        return LineInput(field, language=lang, scale=scale, parent=parent)

    # ------------------------------------------------------------------------------------------------- answers

    def input(self, field_id: str) -> FieldInput:
        return self.row(field_id).widget

    def answers(self, *, include_hidden: bool = False) -> dict[str, Any]:
        """Answers by field id in definition order, empty fields left out; hidden fields only with `include_hidden`
        (drafts). Fields on pages not built yet have never been touched: they are empty."""
        out: dict[str, Any] = {}
        for field in self.definition.fields:
            row = self._rows.get(field.id)
            if row is None or (not include_hidden and field.id not in self._visible):
                continue
            value = row.widget.value()
            if value is not None:
                out[field.id] = value
        return out

    def set_answers(self, answers: Mapping[str, Any], *, replace: bool = False) -> None:
        """Fill fields from answers (a draft, prefill); unknown ids are ignored. With `replace`, fields missing from
        `answers` are cleared."""
        self._loading = True
        try:
            for field in self.definition.fields:
                fid = field.id
                if fid in answers and answers[fid] not in (None, "", []):
                    self.row(fid).widget.set_value(answers[fid])
                elif (fid in answers or replace) and fid in self._rows:
                    self._rows[fid].widget.clear_value()
        finally:
            self._loading = False
        self._refresh_visibility()
        self.answers_changed.emit()

    def clear(self) -> None:
        """Wipe every answer and message (the idle wipe) and go back to the first page."""
        self.set_answers({}, replace=True)
        self._errors = {}
        for row in self._rows.values():
            row.set_error(None)
        self.summary.hide()
        self._show_page(self._first_visible_page(0, 1))

    def material_input(self, field_id: str) -> MaterialInput:
        widget = self.input(field_id)
        assert isinstance(widget, MaterialInput)
        return widget

    # ---------------------------------------------------------------------------------------------- validation

    def validate(self, *, page_only: bool = False) -> dict[str, FieldError]:
        """Check the answers and show the messages; with `page_only` only the current page's fields are shown and
        returned. Nothing typed is changed."""
        errors = validate_answers(
            self.definition,
            self.answers(),
            materials_present=self.materials_present,
            today=self.today,
        )
        scope = {f.id for f in self.pages[self._current].fields} if page_only else set(self._page_of)
        errors = {fid: e for fid, e in errors.items() if fid in scope}
        for fid in scope:
            if fid in self._rows:
                self._rows[fid].set_error(errors.get(fid))
            if fid in errors:
                self._errors[fid] = errors[fid]
            else:
                self._errors.pop(fid, None)
        self._show_summary(len(errors))
        return errors

    def _show_summary(self, count: int) -> None:
        self.summary.setText(text("fix_errors", self.language, n=count) if count else "")
        self.summary.setVisible(bool(count) and not self._compact)

    def errors(self) -> dict[str, FieldError]:
        """The messages currently shown, by field id."""
        return dict(self._errors)

    def _focus_error(self, errors: Mapping[str, FieldError]) -> None:
        first = next((f.id for p in self.pages for f in p.fields if f.id in errors), None)
        if first is None:
            return
        page = self.pages[self._page_of[first]]
        self._show_page(page.index)
        row = self._rows[first]
        page.ensureWidgetVisible(row)
        row.widget.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def _field_changed(self, field_id: str) -> None:
        if self._loading:
            return
        if field_id in self._errors or self._rows[field_id].notice is not None:
            self._errors.pop(field_id, None)
            self._rows[field_id].set_error(None)  # the person is fixing it: the old message no longer applies
            self._show_summary(len(self._errors))
        self._refresh_visibility()
        self.answers_changed.emit()

    def _paste_refused(self, field_id: str, pasted: int, cap: int) -> None:
        zh, en = (t.format(n=pasted, cap=cap) for t in (text("paste_refused", "zh_CN"), text("paste_refused", "en")))
        self._rows[field_id].set_notice(zh, en)

    # -------------------------------------------------------------------------------------------- conditions

    def _refresh_visibility(self) -> None:
        everything = self.answers(include_hidden=True)
        self._visible = visible_fields(self.definition, everything)
        for fid in [f for f in self._errors if f not in self._visible]:
            self._errors.pop(fid)
            if fid in self._rows:
                self._rows[fid].set_error(None)
        self._apply_row_state(self._rows.values(), everything)
        self._update_nav()

    def _apply_row_state(self, rows: Iterable[FieldRow], everything: Mapping[str, Any]) -> None:
        for row in rows:
            shown = row.field.id in self._visible
            _show(row, shown)
            row.set_required(shown and is_required(row.field, everything, self._visible))

    def visible_field_ids(self) -> set[str]:
        return set(self._visible)

    # ----------------------------------------------------------------------------------------------- paging

    def _page_visible(self, index: int) -> bool:
        return any(f.id in self._visible for f in self.pages[index].fields)

    def _first_visible_page(self, start: int, step: int) -> int:
        index = start
        while 0 <= index < len(self.pages):
            if self._page_visible(index):
                return index
            index += step
        return self._current

    def _visible_pages(self) -> list[int]:
        return [i for i in range(len(self.pages)) if self._page_visible(i)]

    def current_page(self) -> int:
        return self._current

    def page_count(self) -> int:
        return len(self._visible_pages())

    def _show_page(self, index: int) -> None:
        changed = index != self._current
        self._current = index
        self._build_page(index)
        self.stack.setCurrentIndex(index)
        # Layout requests posted while a page was hidden (thumbnails added, rows shown by show_if) are dropped by Qt;
        # recompute the page's geometry now that it is the one on screen.
        body = self.pages[index].body_layout
        body.invalidate()
        body.activate()
        self._update_nav()
        if changed:
            self.page_changed.emit(index)

    def _update_nav(self) -> None:
        if not self.pages:
            return
        visible = self._visible_pages()
        position = visible.index(self._current) if self._current in visible else 0
        last = position >= len(visible) - 1
        self.prev_button.setVisible(position > 0)
        self.next_button.setVisible(not last)
        self.submit_button.setVisible(last)
        self.progress.setText(text("page", self.language, n=position + 1, total=max(1, len(visible))))
        self.group_title.setText(self.pages[self._current].title(self.language))

    def go_next(self) -> bool:
        """Validate this page; move on only when it is clean. Returns whether the page changed."""
        errors = self.validate(page_only=True)
        if errors:
            self._focus_error(errors)
            return False
        target_page = self._first_visible_page(self._current + 1, 1)
        if target_page == self._current:
            return False
        self.summary.hide()
        self._show_page(target_page)
        return True

    def go_back(self) -> None:
        target_page = self._first_visible_page(self._current - 1, -1)
        if target_page != self._current:
            self._show_page(target_page)

    def submit(self) -> bool:
        """Validate everything; on success emit `submitted(answers)`, else show every message and go to the first."""
        errors = self.validate()
        if errors:
            self._focus_error(errors)
            return False
        self.submitted.emit(self.answers())
        return True

    # --------------------------------------------------------------------------------------------- language

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        self._apply_language()
        self.language_changed.emit(language)

    def _toggle_language(self) -> None:
        self.set_language("zh_CN" if self.language.startswith("en") else "en")

    def _apply_language(self) -> None:
        lang = self.language
        for row in self._rows.values():
            row.set_language(lang)
        self.prev_button.setText(text("prev", lang))
        self.next_button.setText(text("next", lang))
        self.submit_button.setText(text("submit", lang))
        self.language_button.setText(text("switch_language", lang))
        self._show_summary(len(self._errors))
        self._update_nav()
