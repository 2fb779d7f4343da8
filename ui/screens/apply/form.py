"""我要办理, form page: the item's form (`FormView`, material fields left to the materials page), one question group
per page, autosaved through `ApplyPort.save_page` after every page. Emits `completed(answers)` once the whole form is
valid. Holds the division tree for address pickers, loaded off the GUI thread with the first form that needs one.

The whole flow's step indicator replaces the form's own page count; the last page's button says where it goes
(下一步：提交材料). Values read from the ID card are locked (`ui/screens/apply/locks.py`) until corrected with a
reason (`ApplyPort.correct_card_field`); ID numbers are masked once entered.

Fields per page follow the room (`ui/screens/apply/paging.py`): when the form is shown, and again when the panel's
size or the type size changes (not while the on-screen keyboard is up), the rows are measured and the form is paged
again to hold as many whole fields as the page shows, the answers and the citizen's place kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from app.forms.engine.definition import form_pages
from app.model.forms import Field, FormDefinition
from ui.forms.division import DivisionTree
from ui.forms.view import FieldRow, FormView, _Page
from ui.screens.apply.locks import CardValue, MaskOnLeave
from ui.screens.apply.paging import fit_per_page, room_check
from ui.screens.apply.step import Flow, Step

if TYPE_CHECKING:
    from app.model.apply import ApplySession

__all__ = ["FormStep", "KioskFormView"]


ROW_GAP_PX = 10
"""Between two fields of a page: each row is a white card with its own border and padding, so a narrow gap of the
paper colour separates them."""
NAV_GAP_PX = 8
"""Between the page and its navigation row."""
ROW_PAD_PX = 16
"""Inside a field's row, around its label and input (the renderer's own at standard type)."""
ROW_SPACING_PX = 8
"""Inside a field's row, between its label, help, input and message."""
# In 大字模式 the texts and touch targets grow 1.4× (the renderer's stylesheet); the whitespace above stays at these
# standard sizes, which a larger type does not need grown: on a 1280×800 panel the 1.4× gaps were the height a
# second field needed (docs/kiosk-layout.md).


class KioskFormView(FormView):
    """The form as the apply flow shows it: without its own header (group title, page count, language switch). The
    flow's title, its step indicator (填表（第 1/3 页）) and the top bar's language switch say the same, and on a
    1280×800 panel in 大字模式 that row took the room of a field. It stays hidden when the keyboard comes and goes.

    The page has no margin above or below its fields and narrow gaps (`ROW_GAP_PX`, `NAV_GAP_PX`, `ROW_PAD_PX`,
    `ROW_SPACING_PX`, not scaled with the type), and the navigation row can hold a widget between 上一步 and 下一步
    (`hold`: the flow's status line, which then costs the page no height)."""

    held: QWidget | None = None
    """What `hold` put in the navigation row (None when nothing)."""

    def set_compact(self, compact: bool) -> None:
        super().set_compact(compact)
        self.hide_header()

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.hide_header()

    def hide_header(self) -> None:
        """No header row, and no margin above or below the page: the flow's own margins frame it."""
        for widget in (self.group_title, self.progress, self.language_button):
            widget.hide()
        layout = self.layout()
        if layout is not None:
            side = layout.contentsMargins().left()
            layout.setContentsMargins(side, 0, side, 0)
            if not self._compact:  # with the keyboard up the renderer's compact spacing stands
                layout.setSpacing(NAV_GAP_PX)
        # 上一步 (framed) stands 4 px taller than 下一步 (borderless): all as tall, the navigation row and so a page's
        # room are the same on page 1 (no 上一步) as on the others, where the paging would otherwise cut 4 px.
        buttons = (self.prev_button, self.next_button, self.submit_button)
        for button in buttons:
            button.ensurePolished()
        tallest = max(button.sizeHint().height() for button in buttons)
        for button in buttons:
            button.setMinimumHeight(tallest)
        for page in self.pages:
            body = page.body_layout
            margins = body.contentsMargins()
            body.setContentsMargins(margins.left(), 0, margins.right(), 0)
            body.setSpacing(ROW_GAP_PX)
            for row in page.rows:
                self._tighten(row)

    def _build_page(self, index: int) -> _Page:
        page = super()._build_page(index)
        for row in page.rows:
            self._tighten(row)
        return page

    @staticmethod
    def _tighten(row: FieldRow) -> None:
        layout = row.layout()
        if layout is not None:
            layout.setContentsMargins(ROW_PAD_PX, ROW_PAD_PX, ROW_PAD_PX, ROW_PAD_PX)
            layout.setSpacing(ROW_SPACING_PX)

    def hold(self, widget: QWidget) -> None:
        """`widget` in the navigation row, between 上一步 and 下一步, taking the width between them (word-wrapped
        text, centred on the buttons' line); `release` gives it back to its caller."""
        self.release()
        self.held = widget
        nav = self._nav
        nav.insertWidget(1, widget, 1, Qt.AlignmentFlag.AlignVCenter)
        self._spacer_stretch(0)  # the held widget takes the free width, not the spacer

    def release(self) -> None:
        """Take the held widget out of the navigation row (the caller places it again)."""
        widget, self.held = self.held, None
        if widget is None:
            return
        self._nav.removeWidget(widget)
        self._spacer_stretch(1)

    def _spacer_stretch(self, stretch: int) -> None:
        nav = self._nav
        for index in range(nav.count()):
            item = nav.itemAt(index)
            if item is not None and item.spacerItem() is not None:
                nav.setStretch(index, stretch)


class FormStep(Step):
    completed = Signal(dict)
    """The form is valid and submitted: the answers on it, by field id."""
    view_leaving = Signal()
    """The form view is about to be replaced or dropped: whatever the flow put in it (`KioskFormView.hold`) goes
    back."""

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.view: FormView | None = None
        self.tree: DivisionTree | None = None
        self.locks: dict[str, CardValue] = {}
        """Field id → the value shown in place of its input (read from the card, or an ID number typed by hand)."""
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.per_page = 4
        """Fields per form page, as last fitted to the room (`fit_pages`); the next form starts with it."""
        self._fits: Callable[[tuple[Field, ...]], bool] | None = None
        """The page-room check of the form on show as last measured (`fit_pages`); None for a new form."""
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit_pages)

    def _form_language(self) -> str:
        return "en" if self.flow.language.startswith("en") else "zh_CN"

    def retranslate(self) -> None:
        if self.view is not None:
            self.view.set_language(self._form_language())
            self._label_submit()
        for lock in self.locks.values():
            lock.retranslate()
        session = self.flow.session
        if session is not None and self.view is not None:
            for field_id, lock in list(self.locks.items()):
                field = self.view.definition.field(field_id)
                value = session.answers.get(field_id)
                if lock.locked and field is not None and field.type == "choice" and value not in (None, ""):
                    lock.set_value(self._shown(field, value))

    def _label_submit(self) -> None:
        """The last page's button says where it goes: the materials page (or the review when there is none)."""
        view, session = self.view, self.flow.session
        if view is None:
            return
        view.progress.hide()  # the flow's step indicator counts the pages (填表（第 1/2 页）)
        goes_to = "to_materials" if session is None or session.slots else "to_review"
        view.submit_button.setText(self._t(goes_to))

    def with_tree(self, make: Callable[[], ApplySession]) -> Callable[[], tuple[ApplySession, DivisionTree | None]]:
        """Worker side: make the session, and load the division tree once if its form has an address picker."""
        apply, tree = self.flow.apply, self.tree

        def work() -> tuple[ApplySession, DivisionTree | None]:
            session = make()
            if tree is None and any(f.type == "division" for f in session.form.fields):
                return session, DivisionTree.from_rows(apply.division_rows())
            return session, tree

        return work

    def build(self, session: ApplySession, tree: DivisionTree | None) -> None:
        """A fresh form view for `session` (the previous one goes)."""
        self.tree = tree or self.tree
        # Material fields are handled on the materials page (every slot of the item, with or without a field).
        fields = tuple(f for f in session.form.fields if f.type != "material")
        if self.view is None or self.view.definition.fields != fields:
            self._fits = None  # another form: paged by the count until its rows are measured (`fit_pages`)
        if self.view is not None:
            self.view_leaving.emit()
            # Its clear() goes back to page 1: a page change would autosave the emptied answers over the session's.
            self.view.blockSignals(True)
            self.view.clear()
            self._layout.removeWidget(self.view)
            self.view.deleteLater()
        definition = FormDefinition(version=session.form.version, fields=fields)
        view = KioskFormView(
            definition,
            language=self._form_language(),
            scale=1.4 if self.flow.elder else 1.0,
            per_page=self.per_page,
            fits=self._fits,
            divisions=self.tree,
            parent=self,
        )
        view.hide_header()
        view.page_changed.connect(lambda _i: self.save_page())
        view.page_changed.connect(lambda _i: self.flow.refresh_steps())
        view.language_changed.connect(lambda _lang: self._label_submit())
        view.submitted.connect(self._submitted)
        self._layout.addWidget(view)
        self.view = view
        self.locks = {}
        self._label_submit()

    def open(self) -> None:
        """Show the form with the session's answers so far (from a card, a resumed draft, or nothing)."""
        session, view = self.flow.session, self.view
        if session is None or view is None:
            return
        view.set_answers({k: v for k, v in session.answers.items() if v is not None})
        self._lock_card_values()
        self.flow.go("form")
        self.fit_pages()

    # -- fields per page -------------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit.start()  # another panel size or orientation

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            self._refit.start()  # 大字模式 on or off: every row's height changed

    def _keyboard_up(self) -> bool:
        return bool(getattr(getattr(self.window(), "keyboard", None), "covered", 0))

    def fit_pages(self) -> bool:
        """Page the form again when its page's room holds a different number of whole fields than it shows now.
        Returns whether the form was paged again. Not while the keyboard is up (the room is the keyboard's then) or
        when the form is grouped by its definition (one question group per page)."""
        view, session = self.view, self.flow.session
        if view is None or session is None or self.flow.step != "form" or self._keyboard_up():
            return False
        if any(f.group for f in view.definition.fields) or not view.isVisible():
            return False
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        room, width = self.page_room(view)
        if room <= 0 or width <= 0:
            return False
        page = view.pages[view.current_page()]
        heights = {}
        for f in view.definition.fields:
            row = view.row(f.id)
            row.ensurePolished()  # a page not shown yet: its rows take the stylesheet's sizes first
            heights[f.id] = row.heightForWidth(width) if row.hasHeightForWidth() else row.sizeHint().height()
        spacing = page.body_layout.spacing()
        fits = room_check(heights, room, spacing)
        plan = [tuple(f.id for f in p) for p in form_pages(view.definition, fits=fits)]
        if plan == [tuple(f.id for f in p.fields) for p in view.pages]:
            return False
        self.per_page = fit_per_page(view.definition, heights, room, spacing)
        self._fits = fits
        self._repage(session)
        return True

    @staticmethod
    def page_room(view: FormView) -> tuple[int, int]:
        """The height a page of `view` has for its rows, and the width its rows are measured at: as wide as they are
        beside the page's scroll bar, for a row that wraps only there (a long address beside 信息有误，更正) would
        otherwise bring the bar up on a page measured to fit, and keep it up."""
        page = view.pages[view.current_page()]
        margins = page.body_layout.contentsMargins()
        room = page.height() - 2 * page.frameWidth() - margins.top() - margins.bottom()
        bar = page.verticalScrollBar()
        bar.ensurePolished()
        width = page.width() - 2 * page.frameWidth() - margins.left() - margins.right() - bar.sizeHint().width()
        return room, width

    def _repage(self, session: ApplySession) -> None:
        """A new form view at `per_page`, with the answers on screen and the page of the field the citizen was on."""
        old = self.view
        assert old is not None
        answers = old.answers(include_hidden=True)
        here = old.pages[old.current_page()].fields[0].id
        self.build(session, self.tree)
        view = self.view
        assert view is not None
        view.set_answers(answers)
        self._lock_card_values()
        index = next((i for i, p in enumerate(view.pages) if any(f.id == here for f in p.fields)), 0)
        if index:
            view._show_page(index)  # the view's own page switch: no validation, the answers are the ones just shown
        self.flow.refresh_steps()

    # -- privacy: values from the card, ID numbers -----------------------------------------------------------------

    def _lock_card_values(self) -> None:
        """Show what the card filled as locked values (the input hidden under them), and mask ID numbers."""
        session, view = self.flow.session, self.view
        if session is None or view is None:
            return
        for f in view.definition.fields:
            locked = f.id in session.card_fields and f.id not in session.corrections
            value = session.answers.get(f.id)
            if locked and value not in (None, ""):
                self._show_value(f.id, self._shown(f, value), locked=True)
            elif f.type == "id_number":
                self._watch_id(f.id)
                if value not in (None, ""):
                    self._show_value(f.id, str(value), locked=False)
            elif f.id in self.locks:
                self._edit(f.id)

    def _shown(self, field: Field, value: object) -> str:
        """A value read from the card as shown locked: a chosen option by its label in the kiosk's language (女 is
        Female in English)."""
        option = field.option(value) if field.type == "choice" else None
        if option is not None:
            return option.label_en if self._form_language() == "en" and option.label_en else option.label
        return str(value)

    def _show_value(self, field_id: str, value: str, *, locked: bool) -> None:
        view = self.view
        assert view is not None
        row = view.row(field_id)
        lock = self.locks.get(field_id)
        secret = row.field.type == "id_number"
        if lock is None or lock.locked != locked:
            if lock is not None:
                lock.hide()
                lock.deleteLater()
            lock = CardValue(self._t, secret=secret, locked=locked, parent=row)
            lock.correction_chosen.connect(lambda key, fid=field_id: self.correct(fid, key))
            lock.edit_requested.connect(lambda fid=field_id: self._edit(fid, focus=True))
            layout = row.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(row.widget) + 1, lock)
            self.locks[field_id] = lock
        lock.set_value(value)
        lock.show()
        row.widget.hide()

    def _edit(self, field_id: str, *, focus: bool = False) -> None:
        """The input back in place of the shown value (corrected, or 修改 on a typed ID number)."""
        lock = self.locks.pop(field_id, None)
        if lock is not None:
            lock.hide()
            lock.deleteLater()
        if self.view is None:
            return
        row = self.view.row(field_id)
        row.widget.show()
        if focus:
            row.widget.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def _watch_id(self, field_id: str) -> None:
        view = self.view
        assert view is not None
        edit = view.row(field_id).widget.focus_target()
        if isinstance(edit, QLineEdit) and edit.findChild(MaskOnLeave) is None:
            watcher = MaskOnLeave(edit)
            watcher.left.connect(lambda value, fid=field_id: self._show_value(fid, value, locked=False))

    def correct(self, field_id: str, reason_key: str) -> None:
        """信息有误，更正 with a reason: the service unlocks the field and keeps the reason; the input comes back."""
        session = self.flow.session
        if session is None:
            return
        apply = self.flow.apply
        reason = self._reason_zh(reason_key)

        def done(_none: object) -> None:
            self._edit(field_id, focus=True)
            self.flow.say(lambda: self._t("corrected", reason=self._t(reason_key)))

        self.flow.run(lambda: apply.correct_card_field(session, field_id, reason), done)

    @staticmethod
    def _reason_zh(key: str) -> str:
        """The reason as the record keeps it: in Chinese, whatever the kiosk's language."""
        from ui.screens.apply.texts import t

        return t(key, "zh_CN")

    def answers(self) -> dict[str, Any]:
        """What is on the form now, every field of it (hidden ones as None)."""
        view = self.view
        if view is None:
            return {}
        everything = view.answers(include_hidden=True)
        return {f.id: everything.get(f.id) for f in view.definition.fields}

    def save_page(self) -> None:
        """Autosave: the answers so far into the session and its (encrypted) draft."""
        session = self.flow.session
        if session is None or self.view is None:
            return
        answers, apply = self.answers(), self.flow.apply
        self.flow.run(
            lambda: apply.save_page(session, answers), lambda _errors: self.flow.say(lambda: self._t("saved"))
        )

    def _submitted(self, _answers: dict[str, Any]) -> None:
        if self.flow.session is not None:
            self.completed.emit(self.answers())

    def clear(self) -> None:
        for lock in self.locks.values():
            lock.clear()
        self.locks = {}
        if self.view is not None:
            self.view_leaving.emit()
            self.view.blockSignals(True)  # no autosave of the wiped answers (see build)
            self.view.clear()
            self._layout.removeWidget(self.view)
            self.view.hide()
            self.view.setParent(None)
            self.view.deleteLater()
            self.view = None
