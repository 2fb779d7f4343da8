"""The laptop window (role = laptop): a header with the worker and the offline-limit warning, a page list on the left
(Ctrl+1 走访清单, Ctrl+2 草稿箱, Ctrl+3 批量报送, Ctrl+4 办理) and the pages. Keyboard and mouse first, the system IME
(no virtual keyboard), laid out for 1366×768 and up.

Applying on a villager's behalf: 为此人办理 opens the apply flow (the kiosk's `ApplyScreen`, channel `laptop`, handed
in by the composition root); the session is linked to the person as soon as it exists (its draft shows on the
person) and, once finalised, the person gets the application. At start the drafts' and the visit list's retention
purge runs in the background, then every page loads.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ui.errors import error_text
from ui.i18n import LanguageSwitcher
from ui.plain import plain_tooltip
from ui.screens.base import make_label
from ui.screens.counter.workspace import LoginPage
from ui.screens.laptop.common import LAPTOP_STYLE, LaptopPage, shortcut
from ui.screens.laptop.consent import ConsentPanel
from ui.screens.laptop.delivery import DeliveryPage
from ui.screens.laptop.drafts import DraftsPage
from ui.screens.laptop.override import OverrideDialog
from ui.screens.laptop.receipt import ReceiptPage
from ui.screens.laptop.unlock import UnlockPage
from ui.screens.laptop.visits import VisitsPage
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.screens.laptop.ports import LaptopPort

__all__ = ["ApplyFlow", "LaptopWindow"]

log = logging.getLogger(__name__)


class ApplyFlow(Protocol):
    """What the window uses of the apply flow (`ui.screens.apply.flow.ApplyScreen`)."""

    session: Any
    step_changed: SignalInstance
    finalised: SignalInstance
    home_requested: SignalInstance

    def show_pick(self) -> None: ...

    def resume(self, code: str) -> None: ...

    def leave(self, *, notify: bool = True) -> bool: ...


class LaptopWindow(QMainWindow):
    page_changed = Signal(str)
    """The page shown: visits, drafts, delivery, apply."""

    PAGES = ("visits", "drafts", "delivery", "apply", "receipt")
    """The last, 回执 for the villager, has no key: it follows a finished application."""

    def __init__(
        self,
        port: LaptopPort,
        *,
        apply_flow: QWidget | None = None,
        language: str = "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.port = port
        self.languages = LanguageSwitcher(self)
        self.tasks = TaskRunner(parent=self)
        self.applying_for: str | None = None
        """The person the apply flow was opened for (None: nobody on the visit list)."""
        self._linked: set[str] = set()
        self._current: tuple[str, str] | None = None
        root = QWidget(self)
        root.setObjectName("LaptopRoot")
        root.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        root.setStyleSheet(LAPTOP_STYLE)
        self.setCentralWidget(root)
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QWidget(root)
        header.setObjectName("LaptopHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        hl = QHBoxLayout(header)
        hl.setContentsMargins(16, 8, 16, 8)
        self.app_title = make_label("LaptopTitle", wrap=False)
        self.worker = make_label("", wrap=False)
        self.worker.setAccessibleName("worker")
        self.offline = make_label("Notice", wrap=False)
        self.offline.hide()
        self.for_whom = make_label("Notice", wrap=False)
        self.for_whom.setAccessibleName("for_whom")
        self.for_whom.hide()
        self.language_button = QPushButton(header)
        self.language_button.clicked.connect(self.toggle_language)
        self.logout_button = QPushButton(header)
        self.logout_button.clicked.connect(self.logout)
        self.logout_button.hide()
        self.override_button = QPushButton(header)  # 值班长授权, past the offline limit
        self.override_button.clicked.connect(self.ask_override)
        self.override_button.hide()
        hl.addWidget(self.app_title)
        hl.addStretch(1)
        hl.addWidget(self.for_whom)
        hl.addWidget(self.offline)
        hl.addWidget(self.override_button)
        hl.addWidget(self.worker)
        hl.addWidget(self.logout_button)
        hl.addWidget(self.language_button)
        outer.addWidget(header)
        self.gate = QStackedWidget(root)
        self.login = LoginPage(self.gate)  # the counter's staff log-in page (id, then password; cleared each try)
        self.login.submitted.connect(self._login)
        self.workspace = QWidget(self.gate)
        self.gate.addWidget(self.workspace)
        self.gate.addWidget(self.login)
        self.unlock = UnlockPage(self.gate)
        self.unlock.submitted.connect(self._unlock)
        self.gate.addWidget(self.unlock)
        body = QHBoxLayout(self.workspace)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        self.nav = QListWidget(self.workspace)
        self.nav.setObjectName("LaptopNav")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget(self.workspace)
        lang = lambda: self.languages.language  # noqa: E731
        self.visits = VisitsPage(port, language=lang, parent=self.stack)
        self.drafts = DraftsPage(port, language=lang, parent=self.stack)
        self.delivery = DeliveryPage(port, language=lang, parent=self.stack)
        self.apply_flow = apply_flow
        pages: list[QWidget] = [self.visits, self.drafts, self.delivery]
        if apply_flow is not None:
            pages.append(apply_flow)
        for page in pages:
            self.stack.addWidget(page)
        self.receipt = ReceiptPage(port, language=lang, parent=self.stack)
        if apply_flow is not None:
            self.stack.addWidget(self.receipt)  # after the nav's pages: shown when an application is finished
        self.receipt.done.connect(lambda: self.show_page("visits"))
        self.consent = ConsentPanel(port, language=lang, parent=self.workspace)  # beside the review step
        self.consent.hide()
        self.consent.consent_changed.connect(self._consent_changed)
        for _ in pages:
            self.nav.addItem("")
        self.nav.currentRowChanged.connect(self._nav_changed)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        body.addWidget(self.consent)
        outer.addWidget(self.gate, 1)
        for p in (self.visits, self.drafts, self.delivery, self.receipt, self.consent):
            p.login_needed.connect(self.require_login)
        for n, name in enumerate(self.PAGES[: len(pages)]):
            shortcut(f"Ctrl+{n + 1}", self, partial(self.show_page, name))
        shortcut("F5", self, self.refresh)
        self.visits.apply_requested.connect(self.apply_for)
        self.visits.resume_requested.connect(lambda draft, person: self.resume(draft, person))
        self.drafts.resume_requested.connect(self.resume)
        self.delivery.delivered.connect(self._after_delivery)
        if apply_flow is not None:
            flow: ApplyFlow = apply_flow  # type: ignore[assignment]
            flow.step_changed.connect(lambda _s: self._link_session())
            flow.step_changed.connect(self._step_changed)
            flow.finalised.connect(self._finalised)
            flow.home_requested.connect(self._apply_left)
        if language != "zh_CN":
            self.languages.set_language(language)
        self.retranslate()
        self.nav.setCurrentRow(0)

    # -- language -------------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("云办 · 网格员工作台"))
        self.app_title.setText(self.tr("云办 · 网格员工作台（帮办代办）"))
        self.language_button.setText("English" if self.languages.language == "zh_CN" else "中文")
        self.logout_button.setText(self.tr("退出登录"))
        self.override_button.setText(self.tr("值班长授权"))
        self.login.retranslate()
        self.login.title.setText(self.tr("网格员登录（本机离线验证）"))
        self.unlock.retranslate()
        names = [self.tr("走访清单  Ctrl+1"), self.tr("草稿箱  Ctrl+2"), self.tr("批量报送  Ctrl+3"),
                 self.tr("办理  Ctrl+4")]  # fmt: skip
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item is not None:
                item.setText(names[row])
        self._show_for_whom()
        self._load_header()

    def set_language(self, language: str) -> None:
        self.languages.set_language(language)
        # LanguageChange reaches widgets on the next event turn; set the texts now so the switch shows at once.
        self.retranslate()
        for page in (self.visits, self.drafts, self.delivery, self.receipt, self.consent):
            page.retranslate()
        self.refresh()

    def toggle_language(self) -> None:
        self.set_language("en" if self.languages.language == "zh_CN" else "zh_CN")

    def _load_header(self) -> None:
        port, lang = self.port, self.languages.language
        self.tasks.run(lambda: (port.worker_name(), port.offline_message(lang), port.offline_restricted()),
                       on_success=self._header_loaded,
                       on_failure=lambda e: log.warning("worker header: %s", e))  # fmt: skip

    def _header_loaded(self, loaded: tuple[str, str, bool]) -> None:
        name, offline, restricted = loaded
        self.override_button.setVisible(restricted and self.gate.currentWidget() is self.workspace)
        self.logout_button.setVisible(bool(name))
        self.worker.setText(self.tr("网格员：%1").replace("%1", name) if name else self.tr("网格员：本机"))
        if self.gate.currentWidget() is not self.workspace:
            self.worker.setText(self.tr("未登录"))
        # The header keeps to a 1366-pixel panel: a long warning is cut short there, whole in its tooltip.
        self.offline.setText(self.offline.fontMetrics().elidedText(offline, Qt.TextElideMode.ElideRight, 460))
        self.offline.setToolTip(plain_tooltip(offline))
        self.offline.setVisible(bool(offline))

    # -- pages ----------------------------------------------------------------------------------------------------

    def start(self) -> None:
        """At start: the keystore's unlock password when the laptop asks for it (`keyring.unlock = "worker"`), the
        worker's log-in when this laptop holds a staff roster, then the retention purges (drafts, then the visit list)
        in the background, then every page loads."""
        port = self.port

        def state() -> tuple[bool, bool]:
            if port.keystore_locked():
                return True, False
            return False, port.needs_login() and not port.worker_name()

        self.tasks.run(state, on_success=self._started, on_failure=self._purge_failed)

    def _started(self, state: tuple[bool, bool]) -> None:
        locked, login_first = state
        if locked:
            self.gate.setCurrentWidget(self.unlock)
            self.unlock.done()
            self.worker.setText(self.tr("未登录"))
        elif login_first:
            self.require_login()
        else:
            self._open_workspace()

    def _unlock(self, passphrase: str) -> None:
        port = self.port
        self.tasks.run(lambda: port.unlock_keystore(passphrase), on_success=lambda _r: self.start(),
                       on_failure=lambda e: self.unlock.done(error_text(e, self.languages.language)))  # fmt: skip

    def _open_workspace(self) -> None:
        self.gate.setCurrentWidget(self.workspace)
        self._load_header()
        port = self.port
        self.tasks.run(port.purge, on_success=lambda _p: self.refresh(), on_failure=self._purge_failed)

    # -- the worker's log-in --------------------------------------------------------------------------------------

    def require_login(self, message: str = "") -> None:
        """The log-in page (at start with a roster, after a log-out, or when the staff session has timed out)."""
        if self.stack.currentWidget() is self.apply_flow and self.apply_flow is not None:
            flow: ApplyFlow = self.apply_flow  # type: ignore[assignment]
            flow.leave(notify=False)
        self.gate.setCurrentWidget(self.login)
        self.login.done(message)
        self.login.staff_id.setFocus()
        self.logout_button.hide()
        self.worker.setText(self.tr("未登录"))
        self.offline.hide()

    def _login(self, staff_id: str, secret: str) -> None:
        port = self.port

        def ok(name: str) -> None:
            self.login.done()
            self.login.staff_id.clear()
            self.logout_button.show()
            self._open_workspace()

        def failed(error: BaseException) -> None:
            self.login.done(error_text(error, self.languages.language))

        self.tasks.run(lambda: port.login(staff_id, secret), on_success=ok, on_failure=failed)

    def logout(self) -> None:
        port = self.port
        self.tasks.run(port.logout, on_success=lambda _r: self.require_login(),
                       on_failure=lambda e: self.require_login())  # fmt: skip

    def _purge_failed(self, error: BaseException) -> None:
        log.warning("retention purge failed: %s", error)
        self.refresh()

    def refresh(self) -> None:
        for page in (self.visits, self.drafts, self.delivery):
            page.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing mid-delivery pauses it (after the record in flight; the rest goes next time) and waits for the
        pages' background work, so nothing runs on a closed records.db."""
        if self.delivery.running:
            self.port.stop_delivery()
        for runner in (self.delivery.tasks, self.visits.tasks, self.drafts.tasks, self.tasks):
            runner.wait_for_done(30000)
        super().closeEvent(event)

    def _after_delivery(self, _report: object) -> None:
        self.visits.refresh()
        self.drafts.refresh()

    def show_page(self, name: str) -> None:
        index = self.PAGES.index(name)
        if index < self.stack.count():
            self.nav.setCurrentRow(index)

    def current_page(self) -> str:
        return self.PAGES[self.stack.currentIndex()]

    def _step_changed(self, step: str) -> None:
        """The consent panel beside the review step (帮办代办: the villager's consent before 确认提交)."""
        flow: ApplyFlow = self.apply_flow  # type: ignore[assignment]
        on_review = step == "review" and self.stack.currentWidget() is self.apply_flow and flow.session is not None
        self.consent.setVisible(on_review)
        if on_review:
            self.consent.open_for(flow.session)

    def _consent_changed(self, state: Any) -> None:
        """Once the villager consented, the flow's earlier refusal (no consent yet) no longer applies."""
        status = getattr(self.apply_flow, "status", None)
        if state is not None and state.given and status is not None:
            status.clear()

    def _show_receipt(self, result: Any) -> None:
        """回执 for the villager: the QR, the number and the plain-words slip, after the application is finished."""
        self.consent.hide()
        self.consent.open_for(None)
        self.applying_for = None
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.receipt)
        self._show_for_whom()
        self.receipt.show_receipt(str(result.receipt_no), bool(result.printed), result.print_message or "")
        self.page_changed.emit("receipt")

    # -- the offline limit ----------------------------------------------------------------------------------------

    def ask_override(self) -> None:
        """值班长授权: a supervisor types their staff id and password to lift the offline restriction for a while."""
        dialog = OverrideDialog(self)
        dialog.submitted.connect(self._override)
        self._override_dialog = dialog
        dialog.open()

    def _override(self, staff_id: str, secret: str, hours: int) -> None:
        port, dialog = self.port, self._override_dialog

        def ok(_r: object) -> None:
            dialog.accept()
            self._load_header()

        self.tasks.run(lambda: port.override_offline(staff_id, secret, hours), on_success=ok,
                       on_failure=lambda e: dialog.failed(error_text(e, self.languages.language)))  # fmt: skip

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.consent.hide()
        if self.stack.currentWidget() is self.apply_flow and row != self.PAGES.index("apply"):
            flow: ApplyFlow = self.apply_flow  # type: ignore[assignment]
            flow.leave(notify=False)  # a laptop draft stays (counter and laptop drafts persist)
            self.applying_for = None
        self.stack.setCurrentIndex(row)
        self._show_for_whom()
        page = self.stack.currentWidget()
        if isinstance(page, LaptopPage):
            page.refresh()
        if row == self.PAGES.index("apply") and self.apply_flow is not None and self.applying_for is None:
            flow = self.apply_flow  # type: ignore[assignment]
            if flow.session is None:
                flow.show_pick()
        self.page_changed.emit(self.PAGES[row])

    # -- applying on behalf ---------------------------------------------------------------------------------------

    def apply_for(self, person_id: str) -> None:
        """为此人办理: the apply flow's item picker, the session to be linked to `person_id`; refused (on the visit
        list's status line) past the offline limit."""
        port = self.port

        def start(_r: object) -> None:
            flow = self._open_apply(person_id)
            if flow is not None:
                flow.show_pick()

        self.tasks.run(port.check_apply, on_success=start, on_failure=self.visits.show_error)

    def resume(self, draft_id: str, person_id: str | None) -> None:
        """继续办理: the draft reopened in the apply flow, for `person_id` when it was started for someone."""
        flow = self._open_apply(person_id)
        if flow is not None:
            flow.resume(draft_id)
            port = self.port
            self.tasks.run(lambda: port.draft_resumed(draft_id),
                           on_failure=lambda e: log.warning("draft resume not audited: %s", e))  # fmt: skip

    def _open_apply(self, person_id: str | None) -> ApplyFlow | None:
        if self.apply_flow is None:
            return None
        self.show_page("apply")
        self.applying_for = person_id
        self._show_for_whom()
        flow: ApplyFlow = self.apply_flow  # type: ignore[assignment]
        return flow

    def _link_session(self) -> None:
        flow: ApplyFlow = self.apply_flow  # type: ignore[assignment]
        session, person = flow.session, self.applying_for
        if session is None:
            return
        sid, title = str(session.session_id), str(getattr(session, "title", ""))
        self._current = (sid, title)  # the flow forgets its session before it reports the finalised result
        if person is None or sid in self._linked:
            return
        self._linked.add(sid)
        port = self.port
        self.tasks.run(lambda: port.link_draft(person, sid, title),
                       on_failure=lambda e: log.warning("draft not linked to the person: %s", e))  # fmt: skip

    def _finalised(self, result: Any) -> None:
        self._show_receipt(result)
        if self._current is None:
            return
        (sid, title), self._current = self._current, None
        port, rid = self.port, str(result.record_id)
        self.tasks.run(lambda: port.finalised(sid, rid, title), on_success=lambda _p: self.visits.refresh(),
                       on_failure=lambda e: log.warning("application not linked to the person: %s", e))  # fmt: skip

    def _apply_left(self) -> None:
        self.applying_for = None
        self.show_page("visits")

    def _show_for_whom(self) -> None:
        """On the apply page, whom the worker is applying for (from the visit list)."""
        person = None
        if self.applying_for is not None and self.stack.currentWidget() is self.apply_flow:
            person = next(
                (p for h in self.visits.households for p in h.people if p.person_id == self.applying_for), None
            )
        self.for_whom.setText(self.tr("正在为 %1 办理").replace("%1", person.name) if person is not None else "")
        self.for_whom.setVisible(person is not None)
