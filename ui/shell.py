"""The kiosk shell: top bar, the stack of screens, the idle countdown overlay and a status bar.

The shell gets its services through its constructor (from `app.main`, or fakes in tests), routes between screens,
and owns the session rules: an idle visitor is warned with a countdown, then everything they left on screen (search
text, results, the open guide, language, type size) is wiped and the kiosk returns home. A catalog that cannot be
used (missing or corrupt `catalog.db`) puts up the maintenance screen instead of a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import LanguageSwitcher
from ui.idle import IdleWatcher
from ui.ports import ApplyPort, CatalogPort, IdentityPort
from ui.screens.base import Screen, make_label
from ui.screens.browse import BrowseScreen
from ui.screens.guide import GuideScreen
from ui.screens.home import HomeScreen
from ui.screens.labels import level_rank
from ui.screens.maintenance import MaintenanceScreen
from ui.screens.placeholder import PlaceholderScreen
from ui.screens.search import SearchScreen
from ui.tasks import TaskRunner
from ui.theme import CJK_FAMILIES, ELDER_SCALE, build_stylesheet, cjk_font

if TYPE_CHECKING:
    # The apply-side screens are imported when first opened (about 60 ms of start-up otherwise).
    from app.model.catalog import Division
    from ui.screens.apply import ApplyScreen
    from ui.screens.complaint import ComplaintScreen
    from ui.screens.evaluate import EvaluateScreen
    from ui.screens.status import StatusScreen

log = logging.getLogger(__name__)

__all__ = ["IdleOverlay", "KioskWindow"]

PLACEHOLDER_TILES = ("apply", "progress", "evaluate", "consult")


class IdleOverlay(QWidget):
    """The countdown shown over everything before an idle session is wiped; any touch dismisses it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("OverlayCard")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.setSpacing(20)
        self.text = make_label("OverlayText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count = make_label("OverlayCount", wrap=False)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stay = QPushButton(card)
        self.stay.setObjectName("Primary")
        layout.addWidget(self.text)
        layout.addWidget(self.count)
        layout.addWidget(self.stay)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()
        self.retranslate()

    def set_seconds(self, seconds: int) -> None:
        self.count.setText(str(seconds))

    def retranslate(self) -> None:
        self.text.setText(self.tr("您还在使用吗？\n倒计时结束后将清除本页信息并返回首页"))
        self.stay.setText(self.tr("继续使用"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class KioskWindow(QMainWindow):
    """The kiosk's main window.

    `catalog=None`, or a catalog whose calls raise one of `maintenance_errors` (or an error for which
    `is_maintenance_error` is true), shows the maintenance screen.
    """

    screen_changed = Signal(str)
    session_reset = Signal()
    catalog_ready = Signal()
    """The catalog answered its first call (demo flag and place shown)."""

    def __init__(
        self,
        catalog: CatalogPort | None,
        *,
        tasks: TaskRunner | None = None,
        language: str = "zh_CN",
        elder_mode: bool = False,
        idle_timeout_s: float = 120,
        idle_warning_s: int = 15,
        maintenance_errors: tuple[type[BaseException], ...] = (),
        is_maintenance_error: Callable[[BaseException], bool] | None = None,
        unavailable_reason: str = "",
        search_debounce_ms: int = 250,
        maintenance_retry_s: float = 30,
        apply: ApplyPort | None = None,
        identity: IdentityPort | None = None,
        role: str = "kiosk",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("云办 Yunban")
        self.setMinimumSize(1024, 600)  # the smallest hall panel we lay out for; pages may squeeze, never overlap
        self.tasks = tasks if tasks is not None else TaskRunner(parent=self)
        self._maintenance_errors = maintenance_errors
        self._is_maintenance_error = is_maintenance_error
        self._catalog_started = False
        self._default_language = language
        self._default_elder = elder_mode
        self._elder = False
        self._history: list[QWidget] = []
        self._maintenance_mode = False
        self._retry = QTimer(self)
        self._retry.setInterval(int(maintenance_retry_s * 1000))
        self._retry.timeout.connect(self._retry_catalog)
        self.languages = LanguageSwitcher(self)
        app_family = QApplication.font().family()  # app.main sets a CJK font; tests may not
        self._font_family = app_family if app_family in CJK_FAMILIES else cjk_font().family()

        root = QWidget(self)
        root.setObjectName("KioskRoot")
        root.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCentralWidget(root)
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_top_bar(root))
        self.stack = QStackedWidget(root)
        column.addWidget(self.stack, 1)
        # The stack may shrink below its pages' size hints (pages scroll or squeeze) so that room made for the
        # on-screen keyboard never grows the window past the screen.
        self.stack.setMinimumSize(1, 1)
        self._column = column
        self._build_status_bar()

        # Only home is built up front; the other screens are built on first use (polishing every widget of every
        # screen against the stylesheet at start-up was most of the window's cost: see docs/benchmarks.md).
        self.catalog = catalog
        self._debounce_ms = search_debounce_ms
        self.home = HomeScreen()
        self.stack.addWidget(self.home)
        self.home.tile_chosen.connect(self._on_tile)
        self._maintenance: MaintenanceScreen | None = None
        self.placeholders: dict[str, PlaceholderScreen] = {}
        self._search: SearchScreen | None = None
        self._browse: BrowseScreen | None = None
        self._guide: GuideScreen | None = None
        # 我要办理, 进度查询, 评价, 咨询投诉 (ui/screens/apply/ and others); placeholders without apply.
        self.apply_port = apply
        self._identity = identity
        self.role = role
        self._apply: ApplyScreen | None = None
        self._evaluate: EvaluateScreen | None = None
        self._status_screen: StatusScreen | None = None
        self._complaint: ComplaintScreen | None = None
        self.tasks.failed.connect(self._on_failure)

        self.overlay = IdleOverlay(root)
        self.idle = IdleWatcher(idle_timeout_s, idle_warning_s, self)
        self.idle.warning_started.connect(self._on_idle_warning)
        self.idle.countdown.connect(self.overlay.set_seconds)
        self.idle.warning_cancelled.connect(self.overlay.hide)
        self.idle.timed_out.connect(self.reset_session)
        self.overlay.stay.clicked.connect(self.idle.poke)
        self._idle_filter_installed = False
        self.idle.start()

        # Qt Virtual Keyboard (kiosk role) shows its panel as a separate window over the bottom of the screen;
        # reserve that much room so the search results stay visible above it.
        self._input_method = QGuiApplication.inputMethod()
        self._input_method.visibleChanged.connect(self._make_room_for_keyboard)
        self._input_method.keyboardRectangleChanged.connect(self._make_room_for_keyboard)

        # Technician exit; a PIN guard comes with operator log-in (DESIGN §8).
        self._exit_shortcut = QShortcut(QKeySequence("Ctrl+Shift+Q"), self)
        self._exit_shortcut.activated.connect(self.close)

        self.set_language(language)
        self.set_elder_mode(elder_mode)
        self._retranslate()
        if catalog is None:
            self.show_maintenance(unavailable_reason)
        else:
            self._start_catalog()

    # -- building ---------------------------------------------------------------------------------------------

    def _build_top_bar(self, parent: QWidget) -> QWidget:
        bar = QWidget(parent)
        bar.setObjectName("TopBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(14)
        self.home_button = QPushButton(bar)
        self.home_button.clicked.connect(self.go_home)
        self.back_button = QPushButton(bar)
        self.back_button.clicked.connect(self.go_back)
        row.addWidget(self.home_button)
        row.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.app_title = make_label("AppTitle", wrap=False)
        self.place = make_label("Place", wrap=False)
        titles.addWidget(self.app_title)
        titles.addWidget(self.place)
        row.addLayout(titles, 1)
        self.demo_badge = make_label("DemoBadge", wrap=False)
        self.demo_badge.hide()
        row.addWidget(self.demo_badge)
        self.language_button = QPushButton(bar)
        self.language_button.clicked.connect(self.toggle_language)
        self.elder_button = QPushButton(bar)
        self.elder_button.setCheckable(True)
        self.elder_button.clicked.connect(lambda checked: self.set_elder_mode(bool(checked)))
        row.addWidget(self.language_button)
        row.addWidget(self.elder_button)
        return bar

    def _build_status_bar(self) -> None:
        bar = QStatusBar(self)
        bar.setSizeGripEnabled(False)
        self.status_text = QLabel(bar)
        bar.addWidget(self.status_text, 1)
        self.status_slot = QWidget(bar)
        """Slot for later indicators (sync state, devices): see `add_status_widget`."""
        self.status_slot.setObjectName("StatusSlot")
        slot_layout = QHBoxLayout(self.status_slot)
        slot_layout.setContentsMargins(0, 0, 8, 0)
        slot_layout.setSpacing(12)
        bar.addPermanentWidget(self.status_slot)
        self.setStatusBar(bar)

    # -- screens, built on first use --------------------------------------------------------------------------

    @property
    def maintenance(self) -> MaintenanceScreen:
        if self._maintenance is None:
            self._maintenance = MaintenanceScreen()
            self.stack.addWidget(self._maintenance)
        return self._maintenance

    def placeholder(self, key: str) -> PlaceholderScreen:
        screen = self.placeholders.get(key)
        if screen is None:
            screen = self.placeholders[key] = PlaceholderScreen(key)
            self.stack.addWidget(screen)
            screen.home_requested.connect(self.go_home)
        return screen

    @property
    def apply_screen(self) -> ApplyScreen | None:
        if self._apply is None and self.apply_port is not None:
            from ui.screens.apply import ApplyScreen

            self._apply = ApplyScreen(
                self.apply_port,
                self.catalog,
                identity=self._identity,
                language=lambda: self.languages.language,
                elder=lambda: self._elder,
                role=self.role,
            )
            self.stack.addWidget(self._apply)
            self._apply.home_requested.connect(self._home_now)
            self._apply.rate_requested.connect(self.open_evaluation)
        return self._apply

    @property
    def evaluate_screen(self) -> EvaluateScreen | None:
        if self._evaluate is None and self.apply_port is not None:
            from ui.screens.evaluate import EvaluateScreen

            self._evaluate = EvaluateScreen(self.apply_port, language=lambda: self.languages.language)
            self.stack.addWidget(self._evaluate)
            self._evaluate.home_requested.connect(self._home_now)
        return self._evaluate

    @property
    def status_screen(self) -> StatusScreen | None:
        if self._status_screen is None and self.apply_port is not None:
            from ui.screens.status import StatusScreen

            self._status_screen = StatusScreen(self.apply_port, language=lambda: self.languages.language)
            self.stack.addWidget(self._status_screen)
        return self._status_screen

    @property
    def complaint_screen(self) -> ComplaintScreen | None:
        if self._complaint is None and self.apply_port is not None:
            from ui.screens.complaint import ComplaintScreen

            self._complaint = ComplaintScreen(self.apply_port, language=lambda: self.languages.language)
            self.stack.addWidget(self._complaint)
        return self._complaint

    def start_apply(self, code: str | None = None) -> None:
        """我要办理: the item/theme picker, or straight to the card prompt for `code` (from the guide)."""
        screen = self.apply_screen
        if screen is None:
            self.go(self.placeholder("apply"))
            return
        if code:
            screen.begin(code)
        else:
            screen.show_pick()
        self.go(screen)

    def set_identity(self, identity: IdentityPort | None) -> None:
        """The card reader behind the apply flow's 读卡 button (wired by the composition root)."""
        self._identity = identity
        if self._apply is not None:
            self._apply.set_identity(identity)

    def on_card_read(self, card: object) -> None:
        """A card was read (ui/adapters.py `card_read`): the apply flow takes it while it waits for one."""
        if self._apply is not None and self.current is self._apply:
            self._apply.on_card_read(card)

    def prepare_apply_card(self, card: object) -> None:
        """The home banner's 我要办理 after a card was read: the flow starts with it."""
        screen = self.apply_screen
        if screen is not None and card is not None:
            screen.on_card_read(card)

    def open_evaluation(self, receipt_no: str = "") -> None:
        screen = self.evaluate_screen
        if screen is not None:
            screen.start(receipt_no)
            self._history.clear()
            self.go(screen, push=False)

    @property
    def search(self) -> SearchScreen | None:
        if self._search is None and self.catalog is not None:
            self._search = SearchScreen(self.catalog, self.tasks, debounce_ms=self._debounce_ms)
            self.stack.addWidget(self._search)
            self._search.item_chosen.connect(self.open_item)
            self._search.failed.connect(self._on_failure)
        return self._search

    @property
    def browse(self) -> BrowseScreen | None:
        if self._browse is None and self.catalog is not None:
            self._browse = BrowseScreen(self.catalog, self.tasks)
            self.stack.addWidget(self._browse)
            self._browse.item_chosen.connect(self.open_item)
            self._browse.set_apply_enabled(self.apply_port is not None)
            self._browse.apply_requested.connect(self.start_apply)
            self._browse.failed.connect(self._on_failure)
        return self._browse

    @property
    def guide(self) -> GuideScreen | None:
        if self._guide is None and self.catalog is not None:
            self._guide = GuideScreen(self.catalog, self.tasks)
            self.stack.addWidget(self._guide)
            self._guide.set_apply_enabled(self.apply_port is not None)
            self._guide.apply_requested.connect(self.start_apply)
            self._guide.failed.connect(self._on_failure)
        return self._guide

    def _make_room_for_keyboard(self) -> None:
        rect = self._input_method.keyboardRectangle()
        covered = int(rect.height()) if self._input_method.isVisible() and rect.height() > 0 else 0
        if covered:
            # The rectangle is in screen coordinates for the desktop panel: keep only the part over this window.
            bottom = self.mapToGlobal(self.rect().bottomLeft()).y()
            covered = max(0, min(covered, bottom - int(rect.top())))
            status = self.statusBar()
            covered = max(0, covered - (status.height() if status is not None and status.isVisible() else 0))
        self._column.setContentsMargins(0, 0, 0, covered)
        if self._search is not None:
            self._search.set_compact(covered > 0)

    def add_status_widget(self, widget: QWidget) -> None:
        """Place a small indicator (e.g. the sync state) at the right of the status bar."""
        layout = self.status_slot.layout()
        assert layout is not None
        layout.addWidget(widget)
        widget.show()

    def _start_catalog(self) -> None:
        """Home at once; the catalog's demo flag and the terminal's place arrive from a background task (the first
        call may open the database), started once the window is on screen (see `showEvent`)."""
        self.go(self.home, push=False)

    def _ask_catalog(self) -> None:
        catalog = self.catalog
        if catalog is None or self._catalog_started:
            return
        self._catalog_started = True
        self.tasks.run(
            lambda: (bool(catalog.is_demo), catalog.terminal_chain()),
            on_success=self._on_catalog_ready,
            on_failure=self._on_failure,
        )

    def _retry_catalog(self) -> None:
        """In maintenance: ask the catalog again; it answering brings the kiosk back to home."""
        catalog = self.catalog
        if catalog is None or not self._maintenance_mode:
            self._retry.stop()
            return
        self.tasks.run(
            lambda: (bool(catalog.is_demo), catalog.terminal_chain()),
            on_success=self._on_catalog_ready,
            on_failure=lambda error: log.info("catalog still unavailable: %s", error),
        )

    def _on_catalog_ready(self, ready: tuple[bool, list[Division]]) -> None:
        is_demo, chain = ready
        if self._maintenance_mode:
            log.info("catalog available again, leaving the maintenance screen")
            self._retry.stop()
            self._maintenance_mode = False
            self.go_home()
        self.demo_badge.setVisible(is_demo)
        ordered = sorted(chain, key=lambda d: level_rank(d.level))
        self.place.setText(" ".join(d.name for d in ordered[-2:]))
        self.status_text.setText(" › ".join(d.name for d in ordered))
        self.catalog_ready.emit()

    # -- navigation -------------------------------------------------------------------------------------------

    @property
    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    @property
    def in_maintenance(self) -> bool:
        return self._maintenance_mode

    def go(self, screen: QWidget, *, push: bool = True) -> None:
        if self.in_maintenance:
            return
        current = self.stack.currentWidget()
        if push and current is not None and current is not screen:
            self._history.append(current)
        self.stack.setCurrentWidget(screen)
        self.back_button.setEnabled(bool(self._history))
        self.home_button.setEnabled(screen is not self.home)
        self.screen_changed.emit(type(screen).__name__)

    def _leaving_apply(self) -> bool:
        """True when the visitor may leave the current screen now; the apply flow may first ask 保留草稿?"""
        return self._apply is None or self.current is not self._apply or self._apply.leave(notify=False)

    def go_home(self) -> None:
        if not self._leaving_apply():
            return
        self._home_now()

    def _home_now(self) -> None:
        self._history.clear()
        self.go(self.home, push=False)

    def go_back(self) -> None:
        if not self._leaving_apply():
            return
        if self._history:
            self.go(self._history.pop(), push=False)

    def _on_tile(self, key: str) -> None:
        if key == "guide" and self.search is not None:
            self.go(self.search)
            self.search.focus_input()
        elif key == "browse" and self.browse is not None:
            self.go(self.browse)
        elif key == "apply" and self.apply_port is not None:
            self.start_apply()
        elif key == "progress" and self.status_screen is not None:
            self.go(self.status_screen)
        elif key == "evaluate" and self.evaluate_screen is not None:
            self.evaluate_screen.start()
            self.go(self.evaluate_screen)
        elif key == "consult" and self.complaint_screen is not None:
            self.go(self.complaint_screen)
        elif key in PLACEHOLDER_TILES:
            self.go(self.placeholder(key))

    def open_item(self, code: str) -> None:
        guide = self.guide
        if guide is None:
            return
        guide.load(code)
        self.go(guide)

    def show_maintenance(self, reason: str = "") -> None:
        log.error("catalog unavailable, maintenance screen shown: %s", reason)
        if self.catalog is not None:
            self._retry.start()  # a technician may repair the catalog (`yunban catalog import`) while we wait
        self._maintenance_mode = True
        self.maintenance.set_detail(reason)
        self._history.clear()
        self.stack.setCurrentWidget(self.maintenance)
        for button in (self.home_button, self.back_button):
            button.setEnabled(False)
        self.screen_changed.emit(type(self.maintenance).__name__)

    def _on_failure(self, error: object) -> None:
        if not isinstance(error, BaseException):
            return
        if (self._maintenance_errors and isinstance(error, self._maintenance_errors)) or (
            self._is_maintenance_error is not None and self._is_maintenance_error(error)
        ):
            self.show_maintenance(str(error))

    # -- session ----------------------------------------------------------------------------------------------

    def is_pristine(self) -> bool:
        """Nothing a visitor did is left: home, empty search, no guide, default language and type size."""
        return (
            (self.current is self.home or self.in_maintenance)
            and (self._search is None or self._search.is_clear())
            and (self._guide is None or self._guide.guide is None)
            and (self._browse is None or self._browse.items.count() == 0)
            and self.languages.language == self._default_language
            and self._elder == self._default_elder
        )

    def _on_idle_warning(self, seconds: int) -> None:
        if self.is_pristine():
            self.idle.poke()  # nothing to wipe: no countdown in an empty hall
            return
        self.overlay.set_seconds(seconds)
        parent = self.overlay.parentWidget()
        if parent is not None:
            self.overlay.setGeometry(parent.rect())
        self.overlay.raise_()
        self.overlay.show()

    def reset_session(self) -> None:
        """Wipe everything the visitor left and return home (idle timeout)."""
        self.overlay.hide()
        self._input_method.reset()  # drop a half-typed Pinyin syllable
        self._input_method.hide()
        for index in range(self.stack.count()):
            screen = self.stack.widget(index)
            if isinstance(screen, Screen):
                screen.reset()
        self.tasks.cancel_all()
        self.set_language(self._default_language)
        self.set_elder_mode(self._default_elder)
        if not self.in_maintenance:
            self.go_home()
        self.session_reset.emit()

    # -- language and type size -------------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.languages.set_language(language)
        # Qt posts LanguageChange to windows; retranslate now so the switch is visible before the next event turn.
        for index in range(self.stack.count()):
            screen = self.stack.widget(index)
            if isinstance(screen, Screen):
                screen.retranslate()
        self.overlay.retranslate()
        self._retranslate()

    def toggle_language(self) -> None:
        self.set_language("en" if self.languages.language == "zh_CN" else "zh_CN")

    @property
    def elder_mode(self) -> bool:
        return self._elder

    def set_elder_mode(self, on: bool) -> None:
        self._elder = on
        self.elder_button.setChecked(on)
        self.setStyleSheet(build_stylesheet(ELDER_SCALE if on else 1.0, self._font_family))
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        if not hasattr(self, "overlay"):
            return
        self.app_title.setText(self.tr("云办 · 政务服务自助终端"))
        self.home_button.setText(self.tr("首页"))
        self.back_button.setText(self.tr("返回"))
        self.demo_badge.setText(self.tr("演示数据"))
        # The switch names the language it switches to, in that language.
        self.language_button.setText("English" if self.languages.language == "zh_CN" else "中文")
        self.elder_button.setText(self.tr("标准字体") if self._elder else self.tr("大字模式"))

    # -- Qt ---------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._idle_filter_installed:
            # After the first paint: a worker opening the database (importing the catalog modules, ~1 s of Python)
            # competes for the GIL and measurably slowed the first paint when started at once. The timer is a
            # fallback for a window that is never painted.
            central = self.centralWidget()
            if central is not None:
                central.installEventFilter(self)
            QTimer.singleShot(1000, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Work that can wait until home is on screen: ask the catalog, and watch input for the idle timeout (a
        Python event filter on the application sees every event; its first events create PySide's Python wrapper
        types and enums, ~60 ms that used to delay the first paint)."""
        if not self._idle_filter_installed:
            self._idle_filter_installed = True
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self.idle)
        self._ask_catalog()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.centralWidget():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        parent = self.overlay.parentWidget()
        if parent is not None:
            self.overlay.setGeometry(parent.rect())

    def closeEvent(self, event: object) -> None:
        self.idle.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.tasks.cancel_all()
        self.tasks.wait_for_done(3000)
        for screen in (self._apply, self._evaluate, self._status_screen, self._complaint):
            if screen is not None:  # the apply screens run their own workers (see ui/screens/apply/flow.py)
                screen.tasks.cancel_all()
                screen.tasks.wait_for_done(3000)
        self.languages.close()
        super().closeEvent(event)  # type: ignore[arg-type]
