"""我要办理, form page: the item's form (`FormView`, material fields left to the materials page), one question group
per page, autosaved through `ApplyPort.save_page` after every page. Emits `completed(answers)` once the whole form is
valid. Holds the division tree for address pickers, loaded off the GUI thread with the first form that needs one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.model.forms import FormDefinition
from ui.forms.division import DivisionTree
from ui.forms.view import FormView
from ui.screens.apply.step import Flow, Step

if TYPE_CHECKING:
    from app.model.apply import ApplySession

__all__ = ["FormStep"]


class FormStep(Step):
    completed = Signal(dict)
    """The form is valid and submitted: the answers on it, by field id."""

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.view: FormView | None = None
        self.tree: DivisionTree | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def _form_language(self) -> str:
        return "en" if self.flow.language.startswith("en") else "zh_CN"

    def retranslate(self) -> None:
        if self.view is not None:
            self.view.set_language(self._form_language())

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
        if self.view is not None:
            self.view.clear()
            self._layout.removeWidget(self.view)
            self.view.deleteLater()
        # Material fields are handled on the materials page (every slot of the item, with or without a field).
        fields = tuple(f for f in session.form.fields if f.type != "material")
        definition = FormDefinition(version=session.form.version, fields=fields)
        view = FormView(
            definition,
            language=self._form_language(),
            scale=1.4 if self.flow.elder else 1.0,
            divisions=self.tree,
            parent=self,
        )
        view.page_changed.connect(lambda _i: self.save_page())
        view.submitted.connect(self._submitted)
        self._layout.addWidget(view)
        self.view = view

    def open(self) -> None:
        """Show the form with the session's answers so far (from a card, a resumed draft, or nothing)."""
        session, view = self.flow.session, self.view
        if session is None or view is None:
            return
        view.set_answers({k: v for k, v in session.answers.items() if v is not None})
        self.flow.go("form")

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
            lambda: apply.save_page(session, answers), lambda _errors: self.flow.status.setText(self._t("saved"))
        )

    def _submitted(self, _answers: dict[str, Any]) -> None:
        if self.flow.session is not None:
            self.completed.emit(self.answers())

    def clear(self) -> None:
        if self.view is not None:
            self.view.clear()
            self._layout.removeWidget(self.view)
            self.view.hide()
            self.view.setParent(None)
            self.view.deleteLater()
            self.view = None
