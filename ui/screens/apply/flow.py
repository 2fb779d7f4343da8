"""我要办理: `ApplyScreen` coordinates one page per step (pick, counter, card, form, materials, review, notice,
done, keep) under the whole flow's step indicator (读卡 › 填表 › 材料 › 核对 › 回执) around the in-memory
`ApplySession`, discarded on every way out that does not finalise. Every service call runs on the screen's own
one-thread `TaskRunner`; see docs/apply-screens.md."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QThreadPool, Signal, Slot
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ui.errors import error_text
from ui.screens.apply.card import CardStep
from ui.screens.apply.counter import CounterStep
from ui.screens.apply.done import DoneStep
from ui.screens.apply.form import FormStep, KioskFormView
from ui.screens.apply.header import FlowHeader, StatusLine
from ui.screens.apply.indicator import FLOW_STEPS, STEP_OF_PAGE, StepIndicator
from ui.screens.apply.keep import KeepStep
from ui.screens.apply.materials import MaterialsStep
from ui.screens.apply.notice import NoticeStep
from ui.screens.apply.pick import PickStep
from ui.screens.apply.review import ReviewStep
from ui.screens.apply.texts import Lang, t
from ui.screens.base import Screen, make_label
from ui.sync_indicator import submission_news
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.model.apply import ApplySession, ReviewSummary, SubmissionResult
    from ui.forms.division import DivisionTree
    from ui.forms.view import FormView
    from ui.ports import ApplyPort, CatalogPort, IdentityPort
    from ui.screens.apply.step import Step

log = logging.getLogger(__name__)

__all__ = ["STEPS", "ApplyScreen", "CardSink"]

STEPS = ("pick", "card", "form", "materials", "review", "notice", "done", "keep", "counter")
MARGIN_PX = 10
"""The screen's margin above its head and below its pages."""
LEAVING_LOSES_ANSWERS = ("form", "materials", "review", "notice")
"""Steps where a kiosk session holds typed answers that only a kept draft would save."""


class CardSink(Protocol):
    """What the card-event adapter needs from a screen: a slot taking the read-card mapping."""

    def on_card_read(self, card: Mapping[str, Any]) -> None: ...


class ApplyScreen(Screen):
    """The apply flow. Signals: `step_changed(str)` (one of STEPS), `home_requested`, `rate_requested(receipt_no)`,
    `finalised(SubmissionResult)`, `wiped` (the discarded session's data is cleared), `failed(error)`.
    Its pages are the attributes `pick`, `card`, `form`, `materials`, `review`, `notice`, `done` and `keep`."""

    step_changed = Signal(str)
    home_requested = Signal()
    rate_requested = Signal(str)
    finalised = Signal(object)
    wiped = Signal()
    failed = Signal(object)
    thumbnails_shown = Signal()
    review_shown = Signal()

    def __init__(
        self,
        apply: ApplyPort,
        catalog: CatalogPort | None,
        *,
        identity: IdentityPort | None = None,
        language: Lang = lambda: "zh_CN",
        elder: Callable[[], bool] = lambda: False,
        role: str = "kiosk",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.apply = apply
        self._lang = language
        self._elder = elder
        self.role = role
        self.channel = role if role in ("kiosk", "counter", "laptop") else "kiosk"
        # One worker thread for this screen: the session object is not thread-safe, and calls must reach the service
        # in the order they were made (an autosave of page 1 must not land after the save of the last page).
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.tasks = TaskRunner(self._pool, parent=self)
        """The screen's own runner: the shell's `cancel_all` on a wipe must not drop the discard that follows."""
        self.wipe_tasks = TaskRunner(self._pool, parent=self)
        """Discards only: never cancelled (a second reset must not drop the first one's discard)."""
        self.session: ApplySession | None = None
        self.result: SubmissionResult | None = None
        self._step = "pick"
        self._pending_card: dict[str, Any] | None = None
        self._said: Callable[[], str] | None = None
        """What the status line says, to render again in another language (`say`)."""

        outer = QVBoxLayout(self)
        # Narrow margins above and below: the top bar and the status bar frame the screen, and on a 1280×800 panel in
        # 大字模式 every pixel of height is a form page's (docs/kiosk-layout.md).
        outer.setContentsMargins(40, MARGIN_PX, 40, MARGIN_PX)
        outer.setSpacing(12)
        self._outer = outer
        self.title = make_label("ScreenTitle")
        self.steps = StepIndicator(self)
        self.steps.hide()
        self.header = FlowHeader(self.title, self.steps, parent=self)
        outer.addWidget(self.header)
        self.status: QLabel = StatusLine(self)
        self.status.setAccessibleName("apply_status")
        outer.addWidget(self.status)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)
        self.pick = PickStep(self, catalog, self.stack)
        self.card = CardStep(self, identity, self.stack)
        self.form = FormStep(self, self.stack)
        self.materials = MaterialsStep(self, self.stack)
        self.review = ReviewStep(self, self.stack)
        self.notice = NoticeStep(self, self.stack)
        self.done = DoneStep(self, self.stack)
        self.keep = KeepStep(self, self.stack)
        self.counter = CounterStep(self, self.stack)
        pages: tuple[Step, ...] = (
            self.pick, self.card, self.form, self.materials, self.review, self.notice, self.done, self.keep,
            self.counter,
        )  # fmt: skip
        self._steps: dict[str, Step] = dict(zip(STEPS, pages, strict=True))
        for page in pages:
            self.stack.addWidget(page)
        self.pick.chosen.connect(self.begin)
        self.pick.resume_requested.connect(self.resume)
        self.card.card_read.connect(self.on_card_read)
        self.form.completed.connect(self._form_completed)
        self.form.view_leaving.connect(self._status_home)
        self.materials.review_requested.connect(self.show_review)
        self.materials.thumbnails_shown.connect(self.thumbnails_shown)
        self.review.finalised.connect(self._finalised)
        self.review.shown.connect(self.review_shown)
        self.notice.home_requested.connect(lambda: self.leave())
        self.counter.pre_apply_requested.connect(self._pre_apply)
        self.counter.home_requested.connect(lambda: self.leave())
        self.done.rate_requested.connect(self.rate_requested)
        self.done.home_requested.connect(lambda: self.leave())
        self.keep.leave_requested.connect(self._finish_leave)
        self.retranslate()
        self.go("pick")

    # -- what the steps share ------------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self._lang()

    @property
    def elder(self) -> bool:
        """大字模式 is on."""
        return self._elder()

    @property
    def step(self) -> str:
        return self._step

    @property
    def busy(self) -> bool:
        """A service call of this screen is still running (or its answer not yet shown)."""
        return self.tasks.pending > 0

    @property
    def form_view(self) -> FormView | None:
        return self.form.view

    def t(self, key: str, **values: object) -> str:
        return t(key, self.language, **values)

    def say(self, render: Callable[[], str]) -> None:
        """Show `render()` in the status line, rendered again when the kiosk's language changes (a card read, then
        English chosen: the note follows)."""
        self._said = render
        self._show_status(render())

    def _clear_status(self) -> None:
        self._said = None
        self._show_status("")

    def _show_status(self, text: str) -> None:
        """The status line's text; it takes room only with one (while the keyboard is up it stays as the keyboard
        left it: hidden, and shown again with its text when the keyboard goes)."""
        self.status.setText(text)
        if not text or not getattr(getattr(self.window(), "keyboard", None), "covered", 0):
            self.status.setVisible(bool(text))

    def _place_status(self) -> None:
        """On the form the status line stands in the navigation row, between 上一步 and 下一步 (the row is as tall as
        its buttons, so the line costs the page no height); on every other page it stands under the steps."""
        view = self.form.view
        if self._step == "form" and isinstance(view, KioskFormView):
            if view.held is not self.status:
                self._status_home()
                view.hold(self.status)
        else:
            self._status_home()

    def _status_home(self) -> None:
        """The status line back under the steps (leaving the form, or its view about to be replaced)."""
        if self.status.parentWidget() is self:
            return
        view = self.form.view
        if isinstance(view, KioskFormView) and view.held is self.status:
            view.release()
        self.status.setParent(self)
        self._outer.insertWidget(self._outer.indexOf(self.stack), self.status)
        self._show_status(self.status.text())

    def go(self, step: str) -> None:
        """Show the page of `step` (one of STEPS)."""
        self._step = step
        page = self._steps[step]
        self.stack.setCurrentWidget(page)
        self._clear_status()
        self._retitle()
        self.refresh_steps()
        page.entered()
        self.step_changed.emit(step)

    def refresh_steps(self) -> None:
        """The step indicator for the page on show (hidden where no step applies: choosing, 到窗口办理, keep)."""
        self._place_status()
        index = STEP_OF_PAGE.get(self._step)
        if index is None or (self.session is None and self._step != "done"):
            self.steps.hide()
            self.header.arrange()
            return
        names = [self.t(f"step_{name}") for name in FLOW_STEPS]
        view = self.form.view
        page = ""
        if self._step == "form" and view is not None and view.page_count() > 1:
            ids = view.visible_field_ids()
            shown = [i for i, p in enumerate(view.pages) if any(f.id in ids for f in p.fields)]
            n = sum(1 for i in shown if i <= view.current_page()) or 1
            page = self.t("form_page", n=n, total=view.page_count())
        pre = self.session.pre_application if self.session is not None else self.done.pre_application
        self.steps.show_step(index, names, form_page=page, tag=self.t("pre_tag") if pre else "")
        self.steps.show()
        self.header.arrange()

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        *,
        busy_text: str = "",
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """`fn` on the screen's worker; `on_success(result)` on the GUI thread. A failure is shown in the status line
        (or handed to `on_failure`) and emitted as `failed(error)`."""
        if busy_text:
            self.say(lambda: busy_text)

        def ok(result: Any) -> None:
            self._clear_status()
            on_success(result)

        def bad(error: BaseException) -> None:
            log.info("apply step failed: %s", type(error).__name__)
            if on_failure is not None:
                on_failure(error)
            else:
                self.say(lambda: self.t("failed", msg=error_text(error, self.language)))
            self.failed.emit(error)

        self.tasks.run(fn, on_success=ok, on_failure=bad)

    def retranslate(self) -> None:
        steps = getattr(self, "_steps", None)  # Qt may ask before the pages exist
        if steps is None:
            return
        self._retitle()
        for page in steps.values():
            page.retranslate()
        self.refresh_steps()
        if self._said is not None:
            self._show_status(self._said())

    def _retitle(self) -> None:
        name = self.session.title if self.session is not None else ""
        self.header.set_titles(self.t("apply_title") + (f" · {name}" if name else ""), name)

    # -- starting ------------------------------------------------------------------------------------------------

    def show_pick(self) -> None:
        """The 我要办理 tile: search box, 一件事 themes, a kept draft's code."""
        self.go("pick")
        self.pick.load_themes()

    def begin(self, code: str) -> None:
        """Start a session for an item or 一件事 theme code (from the guide, search or a theme button)."""
        if self.session is not None:
            self._discard(self.session)
            self.session = None
        apply, channel = self.apply, self.channel
        self.go("pick")
        self.run(
            self.form.with_tree(lambda: apply.start(code, channel=channel)), self._started, busy_text=self.t("loading")
        )

    def resume(self, code: str) -> None:
        """Open a kept draft by its code."""
        code = code.strip()
        if not code:
            return
        apply = self.apply
        self.run(self.form.with_tree(lambda: apply.resume_draft(code)), self._resumed, busy_text=self.t("loading"))

    def _started(self, started: tuple[ApplySession, DivisionTree | None]) -> None:
        session, tree = started
        self.session = session
        self.materials.thumbs = {}
        self.card.message.hide()
        self.form.build(session, tree)
        if session.pre_application:  # the kiosk cannot accept it whole: say where to apply before anything else
            self.go("counter")
            return
        self._to_card()

    def _pre_apply(self) -> None:
        """先填写预申请: on to the card page, the pre-application labelled as such on every page."""
        if self.session is not None:
            self._to_card()

    def _to_card(self) -> None:
        self.go("card")
        pending, self._pending_card = self._pending_card, None
        if pending is not None:
            self.on_card_read(pending)

    def _resumed(self, started: tuple[ApplySession, DivisionTree | None]) -> None:
        self.pick.draft_box.clear()
        session, tree = started
        self.session = session
        self.materials.thumbs = {}
        self.card.message.hide()
        self.form.build(session, tree)
        self.form.open()

    # -- the card ------------------------------------------------------------------------------------------------

    @Slot(object)
    def on_card_read(self, card: Mapping[str, Any] | Any) -> None:
        """A card was read (the adapter's `card_read(CardData)`, the read-card JSON mapping, or the 读卡 button):
        prefill the form from it and open it. A card read before an item is chosen waits for the session."""
        data = dict(card.to_json()) if hasattr(card, "to_json") else dict(card)
        data.pop("photo", None)
        photo = getattr(card, "photo", None)
        if photo is not None:  # CardData: the portrait bytes go to the service (stored encrypted with the draft)
            data["photo"] = {"format": photo.format, "data": photo.data}
        session = self.session
        if session is None:
            self._pending_card = data
            return
        if self._step not in ("card", "form"):
            return
        apply = self.apply
        self.run(lambda: apply.apply_card(session, data), self.card.prefilled)

    def set_identity(self, identity: IdentityPort | None) -> None:
        """The card reader behind 读卡."""
        self.card.identity = identity

    # -- on to the review ----------------------------------------------------------------------------------------

    def _form_completed(self, answers: dict[str, Any]) -> None:
        apply = self.apply
        self.materials.open(lambda session: apply.save_page(session, answers))

    def show_review(self) -> None:
        """The review, or the 一次性告知 page when required materials are missing and 容缺 is not allowed."""
        session = self.session
        if session is None:
            return
        apply = self.apply
        self.run(lambda: apply.review(session), self._reviewed)

    def _reviewed(self, summary: ReviewSummary) -> None:
        if summary.needs_notice and summary.owed:
            self.notice.show_summary(summary)
        else:
            self.review.show_summary(summary)

    def _finalised(self, result: SubmissionResult) -> None:
        self.result = result
        self.session = None
        self._wipe_widgets()
        self.done.show_result(result)
        self.finalised.emit(result)
        submission_news().finalised.emit()  # the sync indicator counts it and a delivery attempt starts at once

    # -- leaving -------------------------------------------------------------------------------------------------

    def needs_keep_prompt(self) -> bool:
        """Leaving now would lose typed answers of a kiosk session: ask 保留草稿? first."""
        return (
            self.channel == "kiosk"
            and self.session is not None
            and self._step in LEAVING_LOSES_ANSWERS
            and self.session.draft_code is None
        )

    def leave(self, *, notify: bool = True) -> bool:
        """The citizen leaves (home, back, 返回首页). Returns True when gone (`home_requested` emitted with `notify`);
        False when the keep-draft question is shown first (its answer then emits `home_requested`)."""
        if self.needs_keep_prompt():
            self.keep.ask()
            return False
        self.reset()
        if notify:
            self.home_requested.emit()
        return True

    def _finish_leave(self) -> None:
        self.reset()
        self.home_requested.emit()

    def _discard(self, session: ApplySession) -> None:
        apply = self.apply
        gone = self.wiped.emit
        self.wipe_tasks.run(lambda: apply.discard(session), on_success=lambda _r: gone(), on_failure=lambda _e: gone())

    def _wipe_widgets(self) -> None:
        for page in (self.form, self.materials, self.review, self.notice, self.card):
            page.clear()

    def reset(self) -> None:
        """Idle wipe / leaving: widgets cleared, the session discarded (a kept draft survives in records.db)."""
        self.tasks.cancel_all()
        session, self.session = self.session, None
        if session is not None:
            self._discard(session)
        self._wipe_widgets()
        self.result = None
        for page in (self.done, self.keep, self.pick):
            page.clear()
        self._pending_card = None
        self.go("pick")
