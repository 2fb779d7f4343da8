"""我要办理 (apply): choose an item or a 一件事 theme → lay the ID card (or fill in by hand) → the form, one question
group per page, autosaved after every page → the materials (scan, import a file on counters/laptops, or 容缺) → review
→ confirm → finalised with a printed 受理回执 → on to the 好差评 rating.

Every service call goes through the screen's `TaskRunner` (off the GUI thread); the screen only shows what the
`ApplyPort` returns. The session object (personal data, in memory only) lives here between steps and is handed to
`ApplyPort.discard` on every way out that does not finalise: the idle wipe, 不保留 when leaving early, a counter or
laptop session closed (their drafts persist in records.db, the in-memory copy is dropped all the same).

Card events from the reader's adapter reach `on_card_read(mapping)` (a Qt slot; the mapping is the read-card JSON of
`yunban devices read-card --json`). The 读卡 button asks the identity port for one blocking read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.model.forms import FormDefinition
from ui.forms.division import DivisionTree
from ui.forms.view import FormView
from ui.screens.apply.texts import Lang, t
from ui.screens.apply.widgets import card, clear_layout, primary, scroll_body
from ui.screens.base import Screen, make_label
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.model.apply import ApplySession, PrintOutcome, ReviewSummary, SubmissionResult
    from app.model.catalog import ItemSummary, Theme
    from ui.ports import ApplyPort, CatalogPort, IdentityPort

log = logging.getLogger(__name__)

__all__ = ["STEPS", "ApplyScreen", "CardSink"]

STEPS = ("pick", "card", "form", "materials", "review", "notice", "done", "keep")
THUMBS_PER_ROW = 4
"""Page tiles to a row (three in 大字模式, whose wider buttons make wider tiles)."""
THUMB_TILE_WIDTH = 240
"""A page's tile at least: the 150 × 200 thumbnail over its 重拍 and 删除 buttons (wider when they need it)."""


class CardSink(Protocol):
    """What the card-event adapter (ui/card_events.py) needs from a screen: a slot taking the read-card mapping."""

    def on_card_read(self, card: Mapping[str, Any]) -> None: ...


def _message(error: BaseException) -> str:
    return str(error) or type(error).__name__


class _SlotCard(QFrame):
    """One material slot on the materials page: name, what is asked, thumbnails, and the actions."""

    def __init__(self, screen: ApplyScreen, slot_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.slot_id = slot_id
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.setSpacing(10)
        self.title = make_label("SectionTitle")
        self.detail = make_label("SectionBody")
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.detail)
        self.thumbs = QGridLayout()
        self.thumbs.setSpacing(12)
        self.thumbs.setColumnStretch(THUMBS_PER_ROW, 1)  # tiles keep their width, packed from the left
        self.layout_.addLayout(self.thumbs)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.scan = primary(parent=self)
        self.scan.setObjectName("Primary")
        self.scan.setAccessibleName(f"scan_{slot_id}")
        self.scan.clicked.connect(lambda: screen.scan(slot_id))
        row.addWidget(self.scan)
        self.import_ = primary(parent=self, name="")
        self.import_.setAccessibleName(f"import_{slot_id}")
        self.import_.clicked.connect(lambda: screen.import_file(slot_id))
        row.addWidget(self.import_)
        self.defer = primary(parent=self, name="")
        self.defer.setAccessibleName(f"defer_{slot_id}")
        self.defer.clicked.connect(lambda: screen.toggle_deferred(slot_id))
        row.addWidget(self.defer)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.page_buttons: list[tuple[QPushButton, QPushButton]] = []


class ApplyScreen(Screen):
    """The apply flow. Signals: `step_changed(str)` (one of STEPS), `home_requested`, `rate_requested(receipt_no)`,
    `finalised(SubmissionResult)`, `wiped` (the discarded session's data is cleared), `failed(error)`."""

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
        self._apply = apply
        self._catalog = catalog
        self._identity = identity
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
        self._division_tree: DivisionTree | None = None
        """The division tree for address pickers: loaded off the GUI thread with the first form that needs it."""
        self.form_view: FormView | None = None
        self.result: SubmissionResult | None = None
        self.summary: ReviewSummary | None = None
        self._code: str | None = None
        self._step = "pick"
        self._before_keep = "form"
        self._show_full_id = False
        self._themes: list[Theme] = []
        self._slot_cards: dict[str, _SlotCard] = {}
        self._thumbs: dict[str, list[bytes]] = {}
        self._pending_card: dict[str, Any] | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 20, 40, 20)
        outer.setSpacing(12)
        self.title = make_label("ScreenTitle")
        outer.addWidget(self.title)
        self.status = make_label("Status")
        self.status.setAccessibleName("apply_status")
        outer.addWidget(self.status)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)
        self._pages: dict[str, QWidget] = {}
        for step in STEPS:
            page = QWidget(self.stack)
            page.setObjectName("Screen")
            self.stack.addWidget(page)
            self._pages[step] = page
        self._build_pick()
        self._build_card()
        self._form_layout = QVBoxLayout(self._pages["form"])
        self._form_layout.setContentsMargins(0, 0, 0, 0)
        self._build_materials()
        self._build_review()
        self._build_notice()
        self._build_done()
        self._build_keep()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._search)
        self.retranslate()
        self._set_step("pick")

    # -------------------------------------------------------------------------------------------- building

    @property
    def language(self) -> str:
        return self._lang()

    def _t(self, key: str, **values: object) -> str:
        return t(key, self.language, **values)

    def _build_pick(self) -> None:
        layout = QVBoxLayout(self._pages["pick"])
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.pick_hint = make_label("Hint")
        layout.addWidget(self.pick_hint)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("SearchBox")
        self.search_box.setMaxLength(60)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        layout.addWidget(self.search_box)
        self.results = QListWidget(self)
        self.results.itemClicked.connect(self._on_result)
        layout.addWidget(self.results, 2)
        self.themes_title = make_label("SectionTitle")
        layout.addWidget(self.themes_title)
        self.theme_grid = QGridLayout()
        self.theme_grid.setSpacing(12)
        layout.addLayout(self.theme_grid)
        draft_row = QHBoxLayout()
        self.draft_label = make_label("Hint", wrap=False)
        self.draft_box = QLineEdit(self)
        self.draft_box.setObjectName("SearchBox")
        self.draft_box.setMaxLength(12)
        self.open_draft = primary(parent=self, name="")
        self.open_draft.clicked.connect(lambda: self.resume(self.draft_box.text()))
        draft_row.addWidget(self.draft_label)
        draft_row.addWidget(self.draft_box, 1)
        draft_row.addWidget(self.open_draft)
        layout.addLayout(draft_row)

    def _build_card(self) -> None:
        layout = QVBoxLayout(self._pages["card"])
        layout.setContentsMargins(60, 20, 60, 20)
        layout.setSpacing(28)
        layout.addStretch(1)
        self.card_title = make_label("Big")
        self.card_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_hint = make_label("SectionBody")
        self.card_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_message = make_label("Notice")
        self.card_message.hide()
        layout.addWidget(self.card_title)
        layout.addWidget(self.card_hint)
        layout.addWidget(self.card_message)
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
        layout.addLayout(row)
        layout.addStretch(2)

    def _scroll_page(self, step: str) -> QVBoxLayout:
        outer = QVBoxLayout(self._pages[step])
        outer.setContentsMargins(0, 0, 0, 0)
        return scroll_body(self._pages[step], outer)

    def _nav(self, step: str) -> QHBoxLayout:
        layout = self._pages[step].layout()
        assert isinstance(layout, QVBoxLayout)
        row = QHBoxLayout()
        row.setSpacing(24)
        layout.addLayout(row)
        return row

    def _build_materials(self) -> None:
        inner = self._scroll_page("materials")
        self.materials_hint = make_label("Hint")
        inner.addWidget(self.materials_hint)
        self.slots_layout = QVBoxLayout()
        self.slots_layout.setSpacing(14)
        inner.addLayout(self.slots_layout)
        self.shared_materials = make_label("SectionBody")  # 免提交（部门共享）: what a 一件事 does not ask for
        self.shared_materials.setTextFormat(Qt.TextFormat.PlainText)
        self.shared_materials.setWordWrap(True)
        inner.addWidget(self.shared_materials)
        inner.addStretch(1)
        row = self._nav("materials")
        self.materials_back = primary(parent=self, name="")
        self.materials_back.clicked.connect(lambda: self._set_step("form"))
        self.to_review = primary(parent=self)
        self.to_review.clicked.connect(self.show_review)
        row.addWidget(self.materials_back)
        row.addStretch(1)
        row.addWidget(self.to_review)

    def _build_review(self) -> None:
        inner = self._scroll_page("review")
        self.review_hint = make_label("Hint")
        inner.addWidget(self.review_hint)
        self.review_items = make_label("SectionBody")  # a 一件事 names every item it applies for
        self.review_items.setTextFormat(Qt.TextFormat.PlainText)
        self.review_items.hide()
        inner.addWidget(self.review_items)
        frame, box = card(self)
        self.review_lines = QGridLayout()
        self.review_lines.setHorizontalSpacing(24)
        self.review_lines.setVerticalSpacing(10)
        box.addLayout(self.review_lines)
        self.show_id_button = primary(parent=frame, name="")
        self.show_id_button.clicked.connect(self._toggle_id)
        box.addWidget(self.show_id_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(frame)
        self.review_materials = make_label("SectionBody")
        self.review_materials.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.review_materials)
        self.review_errors = make_label("Notice")
        self.review_errors.hide()
        inner.addWidget(self.review_errors)
        inner.addStretch(1)
        row = self._nav("review")
        self.change_button = primary(parent=self, name="")
        self.change_button.clicked.connect(self._change)
        self.confirm_button = primary(parent=self, big=True)
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.change_button)
        row.addStretch(1)
        row.addWidget(self.confirm_button)

    def _build_notice(self) -> None:
        inner = self._scroll_page("notice")
        self.notice_hint = make_label("SectionBody")
        inner.addWidget(self.notice_hint)
        self.notice_list = make_label("Big")
        self.notice_list.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.notice_list)
        self.notice_message = make_label("Notice")
        self.notice_message.hide()
        inner.addWidget(self.notice_message)
        inner.addStretch(1)
        row = self._nav("notice")
        self.notice_back = primary(parent=self, name="")
        self.notice_back.clicked.connect(lambda: self._set_step("materials"))
        self.print_notice_button = primary(parent=self)
        self.print_notice_button.clicked.connect(self.print_notice)
        self.notice_home = primary(parent=self, name="")
        self.notice_home.clicked.connect(self.leave)
        row.addWidget(self.notice_back)
        row.addStretch(1)
        row.addWidget(self.print_notice_button)
        row.addWidget(self.notice_home)

    def _build_done(self) -> None:
        layout = QVBoxLayout(self._pages["done"])
        layout.setContentsMargins(60, 10, 60, 10)
        layout.setSpacing(18)
        self.done_title = make_label("Big")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_label = make_label("SectionTitle")
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_number = make_label("Big")
        self.done_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.done_due = make_label("SectionBody")
        self.done_due.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_message = make_label("Notice")
        self.done_message.setStyleSheet("font-size: 26px; padding: 14px;")  # what to do next: read from a step away
        for w in (self.done_title, self.done_label, self.done_number, self.done_due, self.done_message):
            layout.addWidget(w)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addStretch(1)
        self.rate_button = primary(parent=self, big=True)
        self.rate_button.clicked.connect(self._rate)
        self.done_home = primary(parent=self, name="", big=True)
        self.done_home.clicked.connect(self.leave)
        row.addWidget(self.rate_button)
        row.addWidget(self.done_home)
        row.addStretch(1)
        layout.addLayout(row)

    def _build_keep(self) -> None:
        layout = QVBoxLayout(self._pages["keep"])
        layout.setContentsMargins(60, 20, 60, 20)
        layout.setSpacing(24)
        layout.addStretch(1)
        self.keep_title = make_label("Big")
        self.keep_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keep_hint = make_label("SectionBody")
        self.keep_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keep_code = make_label("Big")
        self.keep_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keep_code.hide()
        self.keep_slip = make_label("SectionBody")  # whether the 草稿保存凭条 was printed
        self.keep_slip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keep_slip.setWordWrap(True)
        self.keep_slip.hide()
        layout.addWidget(self.keep_title)
        layout.addWidget(self.keep_hint)
        layout.addWidget(self.keep_code)
        layout.addWidget(self.keep_slip)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addStretch(1)
        self.keep_button = primary(parent=self, big=True)
        self.keep_button.clicked.connect(self.keep_draft)
        self.drop_button = primary(parent=self, name="", big=True)
        self.drop_button.clicked.connect(self.drop_and_leave)
        self.stay_button = primary(parent=self, name="", big=True)
        self.stay_button.clicked.connect(lambda: self._set_step(self._before_keep))
        self.kept_home = primary(parent=self, big=True)
        self.kept_home.clicked.connect(self._finish_leave)
        self.kept_home.hide()
        for b in (self.keep_button, self.drop_button, self.stay_button, self.kept_home):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    # ------------------------------------------------------------------------------------------- texts

    def retranslate(self) -> None:
        if not hasattr(self, "kept_home"):
            return
        tx = self._t
        self.pick_hint.setText(tx("pick_hint"))
        self.search_box.setPlaceholderText(tx("pick_search"))
        self.themes_title.setText(tx("themes"))
        self.draft_label.setText(tx("draft_code"))
        self.open_draft.setText(tx("open_draft"))
        self.card_title.setText(tx("card_title"))
        self.card_hint.setText(tx("card_hint"))
        self.read_button.setText(tx("read_card"))
        self.manual_button.setText(tx("manual"))
        self.materials_hint.setText(tx("materials_hint"))
        self.materials_back.setText(tx("back_to_form"))
        self.to_review.setText(tx("to_review"))
        self.review_hint.setText(tx("review_hint"))
        self.show_id_button.setText(tx("hide_id") if self._show_full_id else tx("show_id"))
        self.change_button.setText(tx("change"))
        self.confirm_button.setText(tx("confirm"))
        self.notice_hint.setText(tx("notice_hint"))
        self.notice_back.setText(tx("back_to_form"))
        self.print_notice_button.setText(tx("print_notice"))
        self.notice_home.setText(tx("home"))
        self.done_title.setText(tx("done_title"))
        self.done_label.setText(tx("receipt_no"))
        self.rate_button.setText(tx("rate"))
        self.done_home.setText(tx("home"))
        self.keep_title.setText(tx("keep_title"))
        self.keep_hint.setText(tx("keep_hint"))
        self.keep_button.setText(tx("keep"))
        self.drop_button.setText(tx("drop"))
        self.stay_button.setText(tx("stay"))
        self.kept_home.setText(tx("home"))
        self._retitle()
        if self.form_view is not None:
            self.form_view.set_language("en" if self.language.startswith("en") else "zh_CN")
        for slot_id in self._slot_cards:
            self._render_slot(slot_id)
        if self._step == "review" and self.summary is not None:
            self._render_review(self.summary)

    def _retitle(self) -> None:
        name = self.session.title if self.session is not None else ""
        self.title.setText(self._t("apply_title") + (f" · {name}" if name else ""))

    # ------------------------------------------------------------------------------------------- steps

    @property
    def step(self) -> str:
        return self._step

    def _set_step(self, step: str) -> None:
        self._step = step
        self.stack.setCurrentWidget(self._pages[step])
        self.status.clear()
        self._retitle()
        if step == "materials":
            self._render_slots()
        self.step_changed.emit(step)

    def _run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        *,
        busy_text: str = "",
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        if busy_text:
            self.status.setText(busy_text)

        def ok(result: Any) -> None:
            self.status.clear()
            on_success(result)

        def bad(error: BaseException) -> None:
            log.info("apply step failed: %s", type(error).__name__)
            if on_failure is not None:
                on_failure(error)
            else:
                self.status.setText(self._t("failed", msg=_message(error)))
            self.failed.emit(error)

        self.tasks.run(fn, on_success=ok, on_failure=bad)

    @property
    def busy(self) -> bool:
        """A service call of this screen is still running (or its answer not yet shown)."""
        return self.tasks.pending > 0

    # ---------------------------------------------------------------------------------------------- pick

    def show_pick(self) -> None:
        """The 我要办理 tile: search box, 一件事 themes, a kept draft's code."""
        self._set_step("pick")
        if not self._themes and self._catalog is not None:
            catalog = self._catalog
            self._run(lambda: [th for th in catalog.list_themes() if th.kind == "bundle"], self._show_themes)

    def _show_themes(self, themes: list[Theme]) -> None:
        self._themes = themes
        clear_layout(self.theme_grid)
        for n, theme in enumerate(themes):
            button = primary(theme.name, self, name="")
            button.setMinimumHeight(72)
            button.clicked.connect(lambda _c=False, code=theme.code: self.begin(code))
            self.theme_grid.addWidget(button, n // 4, n % 4)

    def _search(self) -> None:
        query = self.search_box.text().strip()
        if not query or self._catalog is None:
            self.results.clear()
            return
        catalog = self._catalog
        self._run(lambda: catalog.search(query, limit=12), self._show_results)

    def _show_results(self, items: list[ItemSummary]) -> None:
        self.results.clear()
        for item in items:
            entry = QListWidgetItem(item.name)
            entry.setData(Qt.ItemDataRole.UserRole, item.code)
            self.results.addItem(entry)

    def _on_result(self, entry: QListWidgetItem) -> None:
        code = entry.data(Qt.ItemDataRole.UserRole)
        if code:
            self.begin(str(code))

    def begin(self, code: str) -> None:
        """Start a session for an item or 一件事 theme code (from the guide, search or a theme button)."""
        if self.session is not None:
            self._discard(self.session)
            self.session = None
        self._code = code
        apply, channel = self._apply, self.channel
        self._set_step("pick")
        self._run(
            self._with_tree(lambda: apply.start(code, channel=channel)),
            self._started_with_tree,
            busy_text=self._t("loading"),
        )

    def resume(self, code: str) -> None:
        code = code.strip()
        if not code:
            return
        apply = self._apply
        self._run(
            self._with_tree(lambda: apply.resume_draft(code)), self._resumed_with_tree, busy_text=self._t("loading")
        )

    def _with_tree(self, make: Callable[[], ApplySession]) -> Callable[[], tuple[ApplySession, DivisionTree | None]]:
        """Worker-side: make the session, and load the division tree once if its form has an address picker."""
        apply, tree = self._apply, self._division_tree

        def work() -> tuple[ApplySession, DivisionTree | None]:
            session = make()
            if tree is None and any(f.type == "division" for f in session.form.fields):
                return session, DivisionTree.from_rows(apply.division_rows())
            return session, tree

        return work

    def _started_with_tree(self, result: tuple[ApplySession, DivisionTree | None]) -> None:
        self._division_tree = result[1] or self._division_tree
        self._started(result[0])

    def _resumed_with_tree(self, result: tuple[ApplySession, DivisionTree | None]) -> None:
        self._division_tree = result[1] or self._division_tree
        self._resumed(result[0])

    def _resumed(self, session: ApplySession) -> None:
        self.draft_box.clear()
        self._started(session)
        self._open_form()

    def _started(self, session: ApplySession) -> None:
        self.session = session
        self._thumbs = {}
        self.card_message.hide()
        self._build_form(session)
        self._set_step("card")
        pending, self._pending_card = self._pending_card, None
        if pending is not None:
            self.on_card_read(pending)

    def _build_form(self, session: ApplySession) -> None:
        if self.form_view is not None:
            self.form_view.clear()
            self._form_layout.removeWidget(self.form_view)
            self.form_view.deleteLater()
        # Material fields are handled on the materials page (every slot of the item, with or without a field).
        fields = tuple(f for f in session.form.fields if f.type != "material")
        definition = FormDefinition(version=session.form.version, fields=fields)
        view = FormView(
            definition,
            language="en" if self.language.startswith("en") else "zh_CN",
            scale=1.4 if self._elder() else 1.0,
            divisions=self._division_tree,
            parent=self._pages["form"],
        )
        view.page_changed.connect(lambda _i: self.save_page())
        view.submitted.connect(self._form_done)
        self._form_layout.addWidget(view)
        self.form_view = view

    # ---------------------------------------------------------------------------------------------- card

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
        apply = self._apply
        self._run(lambda: apply.apply_card(session, data), self._prefilled)

    def set_identity(self, identity: IdentityPort | None) -> None:
        self._identity = identity

    def read_card(self) -> None:
        identity = self._identity
        if identity is None or self.session is None:
            self._card_problem(self._t("card_failed", msg="—"))
            return
        self.card_message.setText(self._t("reading"))
        self.card_message.show()
        self._run(
            lambda: identity.read_card(timeout=10.0),
            self.on_card_read,
            on_failure=lambda e: self._card_problem(self._t("card_failed", msg=_message(e))),
        )

    def _card_problem(self, text: str) -> None:
        self.card_message.setText(text)
        self.card_message.show()

    def _prefilled(self, prefill: Any) -> None:
        warnings = list(getattr(prefill, "warnings", ()))
        if getattr(prefill, "refused", False):  # expired ID card where the item needs a valid one: stay, say why
            self._card_problem(" ".join(warnings))
            return
        self._open_form()
        self.status.setText(" ".join([self._t("card_ok"), *warnings]))

    def fill_manually(self) -> None:
        if self.session is not None:
            self._open_form()

    def _open_form(self) -> None:
        session, view = self.session, self.form_view
        if session is None or view is None:
            return
        view.set_answers({k: v for k, v in session.answers.items() if v is not None})
        self._set_step("form")

    # ---------------------------------------------------------------------------------------------- form

    def _form_answers(self) -> dict[str, Any]:
        view = self.form_view
        if view is None:
            return {}
        everything = view.answers(include_hidden=True)
        return {f.id: everything.get(f.id) for f in view.definition.fields}

    def save_page(self) -> None:
        """Autosave: the answers so far into the session and its (encrypted) draft."""
        session = self.session
        if session is None or self.form_view is None:
            return
        answers = self._form_answers()
        apply = self._apply
        self._run(lambda: apply.save_page(session, answers), lambda _errors: self.status.setText(self._t("saved")))

    def _form_done(self, _answers: dict[str, Any]) -> None:
        session = self.session
        if session is None:
            return
        answers = self._form_answers()
        apply = self._apply
        self._run(lambda: (apply.save_page(session, answers), self._load_thumbs(session))[1], self._to_materials)

    def _to_materials(self, thumbs: dict[str, list[bytes]]) -> None:
        self._thumbs = thumbs
        self._set_step("materials")

    # ----------------------------------------------------------------------------------------- materials

    def _load_thumbs(self, session: ApplySession) -> dict[str, list[bytes]]:
        """Worker side: every page's decrypted bytes for the thumbnails."""
        return {
            s.slot_id: [self._apply.page_bytes(session, s.slot_id, i) for i in range(len(s.pages))]
            for s in session.slots
        }

    def _render_slots(self) -> None:
        session = self.session
        if session is None:
            return
        if set(self._slot_cards) != {s.slot_id for s in session.slots}:
            clear_layout(self.slots_layout)
            self._slot_cards = {}
            for s in session.slots:
                box = _SlotCard(self, s.slot_id, self.slots_layout.parentWidget() or self._pages["materials"])
                self.slots_layout.addWidget(box)
                self._slot_cards[s.slot_id] = box
        for slot_id in self._slot_cards:
            self._render_slot(slot_id)
        en = self.language.startswith("en")
        shared = [f"· {m.name}：{(m.reason_en if en and m.reason_en else m.reason)}" for m in session.shared]
        self.shared_materials.setText("\n".join([self._t("shared") + "：", *shared]) if shared else "")
        self.shared_materials.setVisible(bool(shared))
        self.thumbnails_shown.emit()

    def _render_slot(self, slot_id: str) -> None:
        session, box = self.session, self._slot_cards.get(slot_id)
        if session is None or box is None:
            return
        s = session.slot(slot_id)
        if s is None:
            return
        tag = self._t("required") if s.required else self._t("optional")
        box.title.setText(f"{s.name}（{tag}）" if not self.language.startswith("en") else f"{s.name} ({tag})")
        if self.language.startswith("en"):
            copies = f"{s.copies} {'copy' if s.copies == 1 else 'copies'}"
        else:
            copies = f"{s.copies} 份"
        lines = [f"{s.form} · {s.medium} · {copies}"]
        if s.deferred:
            lines.append(self._t("deferred"))
        elif s.pages:
            lines.append(self._t("pages", n=len(s.pages)))
        elif s.required and not s.deferrable:
            lines.append(self._t("no_defer"))
        box.detail.setText("\n".join(lines))
        clear_layout(box.thumbs)
        box.page_buttons = []
        images = self._thumbs.get(slot_id, [])
        per_row = THUMBS_PER_ROW - 1 if self._elder() else THUMBS_PER_ROW
        for index in range(len(s.pages)):
            tile = QWidget(box)
            tile.setMinimumWidth(THUMB_TILE_WIDTH)
            tile.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            col = QVBoxLayout(tile)
            col.setContentsMargins(0, 0, 0, 0)
            picture = QLabel(tile)
            picture.setFixedSize(150, 200)
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image = QImage.fromData(images[index]) if index < len(images) else QImage()
            if not image.isNull():
                picture.setPixmap(
                    QPixmap.fromImage(image).scaled(
                        150, 200, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                    )
                )
            else:
                picture.setStyleSheet("background: #d5dbe3;")
            col.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
            caption = make_label("", self._t("page_n", n=index + 1))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            col.addWidget(caption)
            buttons = QHBoxLayout()
            retake = QPushButton(self._t("retake"), tile)
            retake.setAccessibleName(f"retake_{slot_id}_{index}")
            retake.clicked.connect(lambda _c=False, i=index: self.retake(slot_id, i))
            delete = QPushButton(self._t("delete"), tile)
            delete.setAccessibleName(f"delete_{slot_id}_{index}")
            delete.clicked.connect(lambda _c=False, i=index: self.delete_page(slot_id, i))
            buttons.addWidget(retake)
            buttons.addWidget(delete)
            col.addLayout(buttons)
            box.thumbs.addWidget(tile, index // per_row, index % per_row, Qt.AlignmentFlag.AlignTop)
            box.page_buttons.append((retake, delete))
        box.scan.setText(self._t("scan"))
        box.import_.setText(self._t("import"))
        box.import_.setVisible(self.role != "kiosk")
        box.defer.setText(self._t("undefer") if s.deferred else self._t("defer"))
        box.defer.setVisible(s.deferrable)

    def _material_op(self, op: Callable[[ApplySession], Any], busy_key: str = "", failure_key: str = "failed") -> None:
        session = self.session
        if session is None or self.busy:
            return

        def work() -> dict[str, list[bytes]]:
            op(session)
            return self._load_thumbs(session)

        def failed(error: BaseException) -> None:
            self.status.setText(self._t(failure_key, msg=_message(error)))

        self._run(work, self._to_materials, busy_text=self._t(busy_key) if busy_key else "", on_failure=failed)

    def scan(self, slot_id: str) -> None:
        apply = self._apply
        self._material_op(lambda s: apply.scan_into(s, slot_id), "scanning", "scan_failed")

    def retake(self, slot_id: str, index: int) -> None:
        apply = self._apply

        def redo(s: ApplySession) -> None:
            apply.scan_into(s, slot_id)  # scan first: a failing scan leaves the old page in place
            apply.remove_page(s, slot_id, index)

        self._material_op(redo, "scanning", "scan_failed")

    def delete_page(self, slot_id: str, index: int) -> None:
        apply = self._apply
        self._material_op(lambda s: apply.remove_page(s, slot_id, index))

    def toggle_deferred(self, slot_id: str) -> None:
        session = self.session
        slot = session.slot(slot_id) if session is not None else None
        if slot is None:
            return
        apply, on = self._apply, not slot.deferred
        self._material_op(lambda s: apply.mark_deferred(s, slot_id, on))

    def import_file(self, slot_id: str, path: Path | None = None) -> None:
        """Counters and laptops: add a file (image or PDF) as a page; `path` skips the file dialog (tests)."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, self._t("import"), "", "Images/PDF (*.jpg *.jpeg *.png *.pdf)")
            if not name:
                return
            path = Path(name)
        apply, chosen = self._apply, path
        self._material_op(lambda s: apply.add_page(s, slot_id, chosen))

    # ------------------------------------------------------------------------------------------- review

    def show_review(self) -> None:
        session = self.session
        if session is None:
            return
        apply = self._apply
        self._run(lambda: apply.review(session), self._reviewed)

    def _reviewed(self, summary: ReviewSummary) -> None:
        self.summary = summary
        if summary.needs_notice and summary.owed:
            self.notice_list.setText("\n".join(f"{n}. {name}" for n, name in enumerate(summary.owed, start=1)))
            self.notice_message.hide()
            self._set_step("notice")
            return
        self._show_full_id = False
        self._render_review(summary)
        self._set_step("review")
        self.review_shown.emit()

    def _render_review(self, summary: ReviewSummary) -> None:
        clear_layout(self.review_lines)
        session = self.session
        items = session.items if session is not None else ()
        self.review_items.setText(
            self._t("items_applied", n=len(items)) + "：" + "、".join(p.name for p in items) if len(items) > 1 else ""
        )
        self.review_items.setVisible(len(items) > 1)
        has_id = False
        for n, line in enumerate(summary.lines):
            field = session.form.field(line.field_id) if session is not None else None
            value = line.value
            if field is not None and field.type == "id_number":
                has_id = True
                if self._show_full_id and session is not None:
                    value = str(session.answers.get(line.field_id) or value)
            label = make_label("Hint", field.label_en if field and self.language.startswith("en") else line.label)
            shown = make_label("SectionBody", value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            self.review_lines.addWidget(label, n, 0, Qt.AlignmentFlag.AlignTop)
            self.review_lines.addWidget(shown, n, 1)
        self.review_lines.setColumnStretch(1, 1)
        self.show_id_button.setVisible(has_id)
        self.show_id_button.setText(self._t("hide_id") if self._show_full_id else self._t("show_id"))
        none = self._t("none")
        parts = [
            self._t("received")
            + "："
            + ("、".join(self._t("pages_of", name=m, n=c) for m, c in summary.received) or none)
        ]
        if summary.deferred:
            parts.append(self._t("deferred_list") + "：" + "、".join(summary.deferred))
        if summary.owed:
            parts.append(self._t("owed") + "：" + "、".join(summary.owed))
        if summary.shared:
            parts.append(self._t("shared") + "：" + "、".join(name for name, _reason in summary.shared))
        if summary.promised_date:
            parts.append(self._t("promised") + "：" + summary.promised_date)
        self.review_materials.setText("\n".join(parts))
        if summary.errors:
            first = next(iter(summary.errors.values()))
            self.review_errors.setText(self._t("errors_left", n=len(summary.errors)) + "：" + first.text(self.language))
        self.review_errors.setVisible(bool(summary.errors))
        self.confirm_button.setEnabled(summary.can_finalise)

    def _toggle_id(self) -> None:
        self._show_full_id = not self._show_full_id
        if self.summary is not None:
            self._render_review(self.summary)

    def _change(self) -> None:
        self._set_step("form")
        if self.form_view is not None and self.summary is not None and self.summary.errors:
            self.form_view.submit()  # shows every message and goes to the first page with one

    def confirm(self) -> None:
        session = self.session
        if session is None or self.busy:
            return
        apply = self._apply

        def finish() -> SubmissionResult:
            result = apply.finalise(session, print_receipt=True)
            apply.discard(session)  # finalised: the record holds it; nothing personal stays in memory
            return result

        self.confirm_button.setEnabled(False)
        self._run(finish, self._finalised, busy_text=self._t("submitting"), on_failure=self._finalise_failed)

    def _finalise_failed(self, error: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.status.setText(self._t("failed", msg=_message(error)))

    def _finalised(self, result: SubmissionResult) -> None:
        self.result = result
        self.session = None
        self._wipe_widgets()
        self.done_number.setText(result.receipt_no)
        self.done_due.setText(self._t("promised") + "：" + result.due_date if result.due_date else "")
        self.done_message.setText(self._t("printed") if result.printed else self._t("paper_out"))
        self._set_step("done")
        self.finalised.emit(result)

    def _rate(self) -> None:
        receipt = self.result.receipt_no if self.result is not None else ""
        self.rate_requested.emit(receipt)

    # ------------------------------------------------------------------------------------------- notice

    def print_notice(self) -> None:
        session = self.session
        if session is None:
            return
        apply = self._apply

        def done(outcome: Any) -> None:
            self.notice_message.setText(self._t("notice_printed") if outcome.printed else str(outcome.message or ""))
            self.notice_message.show()

        self._run(lambda: apply.print_notice(session), done)

    # ------------------------------------------------------------------------------------------- leaving

    def needs_keep_prompt(self) -> bool:
        """Leaving now would lose typed answers of a kiosk session: ask 保留草稿? first."""
        return (
            self.channel == "kiosk"
            and self.session is not None
            and self._step in ("form", "materials", "review", "notice")
            and self.session.draft_code is None
        )

    def leave(self, *, notify: bool = True) -> bool:
        """The citizen leaves (home, back, 返回首页). Returns True when gone (`home_requested` emitted with `notify`);
        False when the keep-draft question is shown first (its answer then emits `home_requested`)."""
        if self.needs_keep_prompt():
            self._before_keep = self._step
            self.keep_code.hide()
            self.keep_code.clear()
            self.keep_slip.hide()
            self.keep_slip.clear()
            for b in (self.keep_button, self.drop_button, self.stay_button):
                b.show()
            self.kept_home.hide()
            self._set_step("keep")
            return False
        self.reset()
        if notify:
            self.home_requested.emit()
        return True

    def keep_draft(self) -> None:
        session = self.session
        if session is None:
            return
        apply = self._apply
        answers = self._form_answers()  # what is on the page now, not only what the last page change saved

        def keep() -> str:
            if answers:
                apply.save_page(session, answers)
            return apply.keep_draft(session)

        self._run(keep, self._kept)

    def _kept(self, code: str) -> None:
        self.keep_code.setText(self._t("kept", code=code))
        self.keep_code.show()
        for b in (self.keep_button, self.drop_button, self.stay_button):
            b.hide()
        self.kept_home.show()
        self._print_draft_slip(code)

    def _print_draft_slip(self, code: str) -> None:
        """Print the 草稿保存凭条 off the GUI thread. The code stays on screen whatever the printer does."""
        apply = self._apply
        self.keep_slip.setText(self._t("draft_slip_printing"))
        self.keep_slip.show()

        def done(outcome: PrintOutcome) -> None:
            self.keep_slip.setText(
                self._t("draft_slip_printed") if outcome.printed else self._t("draft_slip_failed", msg="")
            )

        def failed(error: BaseException) -> None:
            self.keep_slip.setText(self._t("draft_slip_failed", msg=_message(error)))

        self._run(lambda: apply.print_draft_code(code), done, on_failure=failed)

    def drop_and_leave(self) -> None:
        self._finish_leave()

    def _finish_leave(self) -> None:
        self.reset()
        self.home_requested.emit()

    # ---------------------------------------------------------------------------------------------- wipe

    def _discard(self, session: ApplySession) -> None:
        apply = self._apply

        def gone(_r: object) -> None:
            self.wiped.emit()

        self.wipe_tasks.run(lambda: apply.discard(session), on_success=gone, on_failure=lambda _e: self.wiped.emit())

    def _wipe_widgets(self) -> None:
        if self.form_view is not None:
            self.form_view.clear()
            self._form_layout.removeWidget(self.form_view)
            self.form_view.hide()
            self.form_view.setParent(None)
            self.form_view.deleteLater()
            self.form_view = None
        clear_layout(self.slots_layout)
        self._slot_cards = {}
        self._thumbs = {}
        clear_layout(self.review_lines)
        self.review_items.clear()
        self.review_materials.clear()
        self.shared_materials.clear()
        self.review_errors.clear()
        self.notice_list.clear()
        self.notice_message.clear()
        self.card_message.clear()
        self.summary = None
        self._show_full_id = False

    def reset(self) -> None:
        """Idle wipe / leaving: widgets cleared, the session discarded (a kept draft survives in records.db)."""
        self.tasks.cancel_all()
        session, self.session = self.session, None
        if session is not None:
            self._discard(session)
        self._wipe_widgets()
        self.result = None
        self.done_number.clear()
        self.done_due.clear()
        self.done_message.clear()
        self.keep_code.clear()
        self.keep_slip.clear()
        self.search_box.clear()
        self.results.clear()
        self.draft_box.clear()
        self._code = None
        self._pending_card = None
        self._set_step("pick")
