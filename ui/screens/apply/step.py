"""What every step page of 我要办理 shares: the `Flow` it works for (session, service, language, the one task runner,
navigation) and the `Step` base widget. Steps never call the service on the GUI thread: they go through `Flow.run`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.errors import error_text
from ui.screens.apply.widgets import scroll_body

if TYPE_CHECKING:
    from app.model.apply import ApplySession
    from ui.forms.view import FormView
    from ui.ports import ApplyPort

__all__ = ["Flow", "Step"]


class FormPart(Protocol):
    """The form step as the other steps use it (`FormStep` implements it; a Protocol keeps step.py below form.py)."""

    view: FormView | None

    def open(self) -> None: ...

    def answers(self) -> dict[str, Any]: ...


class Flow(Protocol):
    """The apply screen as its steps see it (`ApplyScreen` implements it)."""

    apply: ApplyPort
    session: ApplySession | None
    role: str
    channel: str
    status: QLabel

    @property
    def form(self) -> FormPart: ...

    @property
    def language(self) -> str: ...

    @property
    def elder(self) -> bool: ...

    @property
    def step(self) -> str: ...

    @property
    def busy(self) -> bool: ...

    def t(self, key: str, **values: object) -> str: ...

    def say(self, render: Callable[[], str]) -> None: ...

    def go(self, step: str) -> None: ...

    def refresh_steps(self) -> None: ...

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        *,
        busy_text: str = "",
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None: ...


class Step(QWidget):
    """One page of the apply screen's stack. `retranslate` sets its texts, `clear` forgets what a visitor left on it,
    `entered` runs each time the flow shows it."""

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.flow = flow

    def _t(self, key: str, **values: object) -> str:
        return self.flow.t(key, **values)

    def _colon(self) -> str:
        """ "：" after a label in Chinese, ": " in English."""
        return ": " if self.flow.language.startswith("en") else "："

    def _error(self, error: BaseException) -> str:
        return error_text(error, self.flow.language)

    def retranslate(self) -> None:
        """Set every text of the page (the kiosk's language changed, or the page was built)."""

    def clear(self) -> None:
        """Forget what the visitor left on the page (idle wipe, leaving, a finalised session)."""

    def entered(self) -> None:
        """The flow has just shown this page."""

    def _scroll_page(self) -> QVBoxLayout:
        """A scrolling body over the page's navigation row (see `_nav`); returns the body's layout."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        return scroll_body(self, outer)

    def _nav(self) -> QHBoxLayout:
        """The row of buttons under a `_scroll_page` body."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        row = QHBoxLayout()
        row.setSpacing(24)
        layout.addLayout(row)
        return row
