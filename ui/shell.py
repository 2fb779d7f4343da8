"""The kiosk's main window: navigation between the screens of its stack, under the top bar, over the status bar.
Contract: services come through the constructor (from `app.main`, or fakes in tests); the parts it composes live in
ui/kiosk/ (bars, catalog watch, screens built on first use, visitor session, language and type size)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ui.errors import error_text
from ui.kiosk.appearance import Appearance
from ui.kiosk.bars import KioskStatusBar, TopBar
from ui.kiosk.catalog import CatalogWatch
from ui.kiosk.info import InfoOverlay
from ui.kiosk.keyboard import KeyboardRoom
from ui.kiosk.screens import KioskScreens
from ui.kiosk.session import IdleOverlay, VisitorSession
from ui.ports import ApplyPort, CatalogPort, IdentityPort
from ui.screens.home import HomeScreen
from ui.tasks import TaskRunner
from ui.theme import ELDER_SCALE
from ui.touch import enable_touch_scroll_in
from ui.touch import set_role as set_touch_role

if TYPE_CHECKING:
    from app.model.catalog import Division

log = logging.getLogger(__name__)

__all__ = ["IdleOverlay", "KioskWindow"]

PLACEHOLDER_TILES = ("apply", "progress", "evaluate", "consult")


class KioskWindow(QMainWindow):
    """The kiosk's main window.

    `catalog=None`, or a catalog whose calls raise one of `maintenance_errors` (or an error for which
    `is_maintenance_error` is true), shows the maintenance screen. Screens other than home are in `screens`.
    """

    screen_changed = Signal(str)
    session_reset = Signal()
    catalog_ready = Signal()
    """The catalog answered its first call (demo flag and place shown)."""
    staff_called = Signal()
    """帮助 › 呼叫工作人员 (offered only while something is connected: a bell or the hall's paging system)."""
    exit_requested = Signal()
    """Ctrl+Shift+Q when leaving needs the technician PIN: the technician glue (ui/kiosk_services.py) asks for it
    and calls `exit_authorised()`; with nothing connected the window stays."""

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
        self.catalog = catalog
        self.apply_port = apply
        self.role = role
        self._history: list[QWidget] = []
        self._maintenance_mode = False
        self._first_paint_done = False
        self._held: QWidget | None = None
        self.exit_without_pin = False
        """True only where the composition root says so (`yunban demo`): Ctrl+Shift+Q then closes at once."""
        self._exit_allowed = False

        root = QWidget(self)
        root.setObjectName("KioskRoot")
        root.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCentralWidget(root)
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.top_bar = TopBar(root)
        column.addWidget(self.top_bar)
        self.stack = QStackedWidget(root)
        column.addWidget(self.stack, 1)
        # The stack may shrink below its pages' size hints (pages scroll or squeeze) so that room made for the
        # on-screen keyboard never grows the window past the screen.
        self.stack.setMinimumSize(1, 1)
        self._column = column
        self.status_bar = KioskStatusBar(self)
        self.setStatusBar(self.status_bar)

        self.appearance = Appearance(self, self.stack, language=language, elder=elder_mode)
        self.home = HomeScreen()
        self.stack.addWidget(self.home)
        self.screens = KioskScreens(
            self.stack, catalog, self.tasks, apply=apply, identity=identity, role=role,
            language=lambda: self.appearance.language, elder=lambda: self.appearance.elder,
            search_debounce_ms=search_debounce_ms, parent=self,
        )  # fmt: skip
        self.catalog_watch = CatalogWatch(
            catalog, self.tasks, maintenance_errors=maintenance_errors, is_maintenance_error=is_maintenance_error,
            retry_s=maintenance_retry_s, parent=self,
        )  # fmt: skip
        self.visitor = VisitorSession(
            root, self.stack, self.tasks, self.appearance, timeout_s=idle_timeout_s, warning_s=idle_warning_s,
            is_pristine=self.is_pristine,
        )  # fmt: skip
        self.info = InfoOverlay(root)
        self._connect()

        # Qt Virtual Keyboard (kiosk role) shows its panel as a separate window over the bottom of the screen: the
        # layout follows it (ui/kiosk/keyboard.py), the focused field and the primary button stay above it.
        self.keyboard = KeyboardRoom(
            self, column, self.top_bar, self.stack, bottom_reserved=self._status_height, compact=self._set_compact
        )
        self.keyboard.changed.connect(self._fit_overlays)
        # Kinetic touch scrolling on every scrolling area of every screen shown (ui/touch.py).
        set_touch_role(role)
        self.stack.currentChanged.connect(self._screen_shown)
        self._screen_shown(self.stack.currentIndex())

        # Technician exit: behind the technician PIN (`request_exit`).
        self._exit_shortcut = QShortcut(QKeySequence("Ctrl+Shift+Q"), self)
        self._exit_shortcut.activated.connect(self.request_exit)

        self.appearance.restore_defaults()
        if catalog is None:
            self.show_maintenance(unavailable_reason)
        else:
            # Home at once; the catalog's demo flag and the terminal's place arrive from a background task (the
            # first call may open the database), started once the window is on screen (see `showEvent`).
            self.go(self.home, push=False)

    def _connect(self) -> None:
        bar = self.top_bar
        bar.home_button.clicked.connect(self.go_home)
        bar.back_button.clicked.connect(self.go_back)
        bar.language_button.clicked.connect(self.appearance.toggle_language)
        bar.elder_button.clicked.connect(lambda checked: self.set_elder_mode(bool(checked)))
        bar.demo_badge.clicked.connect(self.info.show_demo)
        bar.help_button.clicked.connect(self.show_help)
        self.info.call_requested.connect(self._call_staff)
        self.appearance.changed.connect(self._retranslate)
        self.home.tile_chosen.connect(self._on_tile)
        screens = self.screens
        screens.item_chosen.connect(self.open_item)
        screens.apply_requested.connect(self.start_apply)
        screens.home_requested.connect(self.go_home)
        screens.left.connect(self._home_now)
        screens.rate_requested.connect(self.open_evaluation)
        screens.failed.connect(self.catalog_watch.check)
        self.tasks.failed.connect(self.catalog_watch.check)
        self.catalog_watch.ready.connect(self._on_catalog_ready)
        self.catalog_watch.unusable.connect(lambda error: self.show_maintenance(self._error_text(error)))
        self.visitor.idle.timed_out.connect(self.reset_session)

    def _error_text(self, error: object) -> str:
        return error_text(error, self.appearance.language) if isinstance(error, BaseException) else str(error)

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
        if screen is self.home and self._held is not None:
            screen = self._held
        current = self.stack.currentWidget()
        if push and current is not None and current is not screen:
            self._history.append(current)
        self.stack.setCurrentWidget(screen)
        self.top_bar.back_button.setEnabled(bool(self._history))
        self.top_bar.home_button.setEnabled(screen is not self.home)
        self.screen_changed.emit(type(screen).__name__)

    def _leaving_apply(self) -> bool:
        """True when the visitor may leave the current screen now; the apply flow may first ask 保留草稿?"""
        screen = self.screens.built_apply
        return screen is None or self.current is not screen or screen.leave(notify=False)

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
        screens = self.screens
        if key == "guide" and screens.search is not None:
            self.go(screens.search)
            screens.search.focus_input()
        elif key == "browse" and screens.browse is not None:
            self.go(screens.browse)
        elif key == "apply" and self.apply_port is not None:
            self.start_apply()
        elif key == "progress" and screens.status is not None:
            self.go(screens.status)
        elif key == "evaluate" and screens.evaluate is not None:
            screens.evaluate.start()
            self.go(screens.evaluate)
        elif key == "consult" and screens.complaint is not None:
            self.go(screens.complaint)
        elif key in PLACEHOLDER_TILES:
            self.go(screens.placeholder(key))

    def open_item(self, code: str) -> None:
        guide = self.screens.guide
        if guide is None:
            return
        guide.load(code)
        self.go(guide)

    def start_apply(self, code: str | None = None) -> None:
        """我要办理: the item/theme picker, or straight to the card prompt for `code` (from the guide)."""
        screen = self.screens.apply
        if screen is None:
            self.go(self.screens.placeholder("apply"))
            return
        if code:
            screen.begin(code)
        else:
            screen.show_pick()
        self.go(screen)

    def open_evaluation(self, receipt_no: str = "") -> None:
        screen = self.screens.evaluate
        if screen is not None:
            screen.start(receipt_no)
            self._history.clear()
            self.go(screen, push=False)

    def show_maintenance(self, reason: str = "") -> None:
        log.error("catalog unavailable, maintenance screen shown: %s", reason)
        self.catalog_watch.retry()  # a technician may repair the catalog (`yunban catalog import`) while we wait
        self._maintenance_mode = True
        maintenance = self.screens.maintenance
        maintenance.set_detail(reason)
        self._history.clear()
        self.stack.setCurrentWidget(maintenance)
        for button in (self.top_bar.home_button, self.top_bar.back_button):
            button.setEnabled(False)
        self.screen_changed.emit(type(maintenance).__name__)

    def hold(self, screen: QWidget) -> None:
        """Show `screen` in place of home from now on (the not-provisioned screen of `yunban kiosk`): home, back and
        the idle wipe lead to it; other screens (the technician's) can still be shown over it."""
        if self.stack.indexOf(screen) < 0:
            self.stack.addWidget(screen)
        self._held = screen
        self._history.clear()
        self.go(self.home, push=False)

    @property
    def held(self) -> QWidget | None:
        return self._held

    def _on_catalog_ready(self, is_demo: bool, chain: list[Division]) -> None:
        if self._maintenance_mode:
            log.info("catalog available again, leaving the maintenance screen")
            self._maintenance_mode = False
            self.go_home()
        self.top_bar.show_catalog(is_demo, chain)
        self.status_bar.show_chain(chain)
        self.catalog_ready.emit()

    def show_help(self) -> None:
        """帮助: how to use the kiosk; 呼叫工作人员 only where the hall wired `staff_called` to something."""
        self.info.show_help(can_call=self.isSignalConnected(self.metaObject().method(
            self.metaObject().indexOfSignal("staff_called()"))))  # fmt: skip

    def _call_staff(self) -> None:
        log.info("a visitor called the staff from the help card")
        self.staff_called.emit()

    # -- cards (wired by the composition root) ----------------------------------------------------------------

    def set_identity(self, identity: IdentityPort | None) -> None:
        """The card reader behind the apply flow's 读卡 button."""
        self.screens.set_identity(identity)

    def on_card_read(self, card: object) -> None:
        """A card was read (ui/adapters.py `card_read`): the apply flow takes it while it waits for one."""
        screen = self.screens.built_apply
        if screen is not None and self.current is screen:
            screen.on_card_read(card)

    def prepare_apply_card(self, card: object) -> None:
        """The home banner's 我要办理 after a card was read: the flow starts with it."""
        screen = self.screens.apply
        if screen is not None and card is not None:
            screen.on_card_read(card)

    def add_status_widget(self, widget: QWidget) -> None:
        """Place a small indicator (e.g. the sync state) at the right of the status bar."""
        self.status_bar.add_indicator(widget)

    # -- the visitor ------------------------------------------------------------------------------------------

    def is_pristine(self) -> bool:
        """Nothing a visitor did is left: home, empty search, no guide, default language and type size."""
        return (
            (
                self.current is self.home
                or self.in_maintenance
                or (self._held is not None and self.current is self._held)
            )
            and self.screens.untouched()
            and self.appearance.at_defaults()
        )

    def reset_session(self) -> None:
        """Wipe everything the visitor left and return home (idle timeout)."""
        self.visitor.wipe()
        self.info.hide()
        if not self.in_maintenance:
            self.go_home()
        self.session_reset.emit()

    def set_language(self, language: str) -> None:
        self.appearance.set_language(language)

    @property
    def elder_mode(self) -> bool:
        return self.appearance.elder

    def set_elder_mode(self, on: bool) -> None:
        self.appearance.set_elder(on)

    def _retranslate(self) -> None:
        self.visitor.overlay.retranslate()
        self.info.retranslate()
        self.top_bar.retranslate(self.appearance.language, self.appearance.elder)
        scale = ELDER_SCALE if self.appearance.elder else 1.0
        self.home.set_scale(scale)
        for form in self._forms():
            form.set_scale(scale)  # type: ignore[attr-defined]

    def _fit_overlays(self, _covered: int = 0) -> None:
        """The idle countdown and the information card cover the window above the keyboard."""
        self.visitor.overlay.fit()
        self.info.fit()

    def _status_height(self) -> int:
        status = self.statusBar()
        return status.height() if status is not None and status.isVisible() else 0

    def _set_compact(self, compact: bool) -> None:
        self.screens.set_compact(compact)
        for form in self._forms():
            form.set_compact(compact)  # type: ignore[attr-defined]

    def _forms(self) -> list[QWidget]:
        """The apply flow's form views built so far (ui/forms/view.py; found by name: that module loads with the
        apply screens, on first use)."""
        return [w for w in self.findChildren(QWidget, "FormView") if hasattr(w, "set_scale")]

    def _screen_shown(self, index: int) -> None:
        screen = self.stack.widget(index)
        if screen is not None:
            enable_touch_scroll_in(screen)
        # Home, the held screen and maintenance have nowhere to go back to: no 首页 / 返回 there.
        self.top_bar.set_home(
            screen is self.home or (self._held is not None and screen is self._held) or self.in_maintenance
        )

    # -- Qt ---------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._first_paint_done:
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
        self._first_paint_done = True
        self.visitor.watch_input()
        self.catalog_watch.ask()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.centralWidget():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_overlays()

    # -- leaving ----------------------------------------------------------------------------------------------

    def request_exit(self) -> None:
        """Ctrl+Shift+Q: close at once only where `exit_without_pin` was set; otherwise ask for the technician PIN
        (`exit_requested`)."""
        if self.exit_without_pin:
            self.exit_authorised()
        else:
            self.exit_requested.emit()

    def show_gate(self, screen: QWidget) -> None:
        """A PIN gate of the technician's (the exit gate): shown over any screen, the maintenance screen too."""
        if not self.in_maintenance:
            self.go(screen)
            return
        if self.stack.indexOf(screen) < 0:
            self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.screen_changed.emit(type(screen).__name__)

    def leave_gate(self) -> None:
        """Back from a PIN gate to where the visitor was (home, or the maintenance screen)."""
        if self.in_maintenance:
            self.stack.setCurrentWidget(self.screens.maintenance)
            self.screen_changed.emit(type(self.screens.maintenance).__name__)
        elif self._history:
            self.go_back()
        else:
            self.go_home()

    def exit_authorised(self) -> None:
        """Close for good (the PIN was right, or the composition root is shutting down)."""
        self._exit_allowed = True
        self.close()

    @property
    def exit_allowed(self) -> bool:
        return self._exit_allowed

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isFullScreen() and not self._exit_allowed:
            # A full-screen kiosk closes only through `exit_authorised` (Alt+F4 under a window manager is ignored).
            log.warning("refused to close the full-screen kiosk without the technician PIN")
            event.ignore()
            return
        self.visitor.stop()
        self.tasks.cancel_all()
        self.tasks.wait_for_done(3000)
        self.screens.close()  # the apply screens run their own workers (see ui/screens/apply/flow.py)
        self.appearance.close()
        super().closeEvent(event)
