"""The counter workspace (一窗受理, role = counter): a staff log-in page, then the queue of today's work with filters
and search, a case's detail with its scanned pages (zoom, rotate), the four decisions with their notices, reprints, and
the supervisor's review list.

Contract: every service call goes through `TaskRunner` (`CounterPort`); applicants appear masked as the service gives
them; a session that timed out or was never opened sends the workspace back to the log-in page; the offline warning
is shown above the queue. Keyboard first: Enter logs in, Ctrl+F searches, F5 reloads, Ctrl+1..4 decide.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.model.clock import format_local, local_date
from app.model.counter import QUEUE_FILTERS, CaseDetail, DecisionResult, DecisionView, QueueEntry, StaffLogin
from ui.errors import error_text
from ui.screens.base import Screen, make_label
from ui.screens.counter.decision import DecisionDialog
from ui.screens.counter.pages import PageViewer
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.screens.counter.ports import CounterPort

log = logging.getLogger(__name__)

__all__ = ["CounterWorkspace", "LoginPage"]

LOGGED_OUT_CODES = ("staff.session_expired", "staff.not_logged_in")


class LoginPage(QWidget):
    """Staff id and password; `submitted(staff_id, secret)`; the password field is cleared on every attempt."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(280, 60, 280, 60)
        layout.setSpacing(14)
        self.title = make_label("ScreenTitle", "")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.staff_id = QLineEdit(self)
        self.staff_id.setObjectName("StaffId")
        self.staff_id.setMaxLength(32)
        self.secret = QLineEdit(self)
        self.secret.setObjectName("StaffSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMaxLength(128)
        self.secret.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.login_button = QPushButton(self)
        self.login_button.setObjectName("Primary")
        self.message = make_label("Error", "")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.staff_id, self.secret, self.login_button, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        self.staff_id.returnPressed.connect(self.secret.setFocus)
        self.secret.returnPressed.connect(self.submit)
        self.login_button.clicked.connect(self.submit)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("窗口工作人员登录"))
        self.staff_id.setPlaceholderText(self.tr("工号"))
        self.secret.setPlaceholderText(self.tr("密码或 PIN"))
        self.login_button.setText(self.tr("登录 (Enter)"))

    def submit(self) -> None:
        staff_id, secret = self.staff_id.text().strip(), self.secret.text()
        self.secret.clear()
        if not staff_id or not secret:
            self.message.setText(self.tr("请输入工号和密码"))
            return
        self.login_button.setEnabled(False)
        self.submitted.emit(staff_id, secret)

    def done(self, error: str = "") -> None:
        self.login_button.setEnabled(True)
        self.message.setText(error)
        if error:
            self.secret.setFocus()


class CounterWorkspace(Screen):
    """The clerk's screen. `loaded` is emitted after each queue load, `decided(DecisionResult)` after a decision,
    `status(text)` with every status line (tests wait on these)."""

    loaded = Signal()
    decided = Signal(object)
    reviewed = Signal()
    """A supervisor's review was recorded (the window syncs it at once)."""
    detail_shown = Signal()
    status = Signal(str)

    def __init__(
        self,
        service: CounterPort,
        parent: QWidget | None = None,
        *,
        language: Callable[[], str] = lambda: "zh_CN",
        today: Callable[[], dt.date] = local_date,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._language = language
        self._today = today
        self.tasks = TaskRunner(parent=self)
        self.session: StaffLogin | None = None
        self.entries: list[QueueEntry] = []
        self.detail: CaseDetail | None = None
        self.dialog: DecisionDialog | None = None
        self._page_task: Any = None
        layout = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        self.login_page = LoginPage(self)
        self.login_page.submitted.connect(self._login)
        self.stack.addWidget(self.login_page)
        self.work = QWidget(self)
        self.stack.addWidget(self.work)
        self._build_work()
        self.retranslate()

    # -- layout ---------------------------------------------------------------------------------------------------

    def _build_work(self) -> None:
        outer = QVBoxLayout(self.work)
        top = QHBoxLayout()
        self.who = make_label("Hint", "", wrap=False)
        self.sync_state = make_label("Warning", "")
        self.sync_state.setObjectName("OfflineWarning")
        self.review_button = QPushButton(self.work)
        self.logout_button = QPushButton(self.work)
        top.addWidget(self.who)
        top.addWidget(self.sync_state, 1)
        top.addWidget(self.review_button)
        top.addWidget(self.logout_button)
        outer.addLayout(top)
        filters = QHBoxLayout()
        self.filter = QComboBox(self.work)
        self.filter.setObjectName("QueueFilter")
        self.search = QLineEdit(self.work)
        self.search.setObjectName("QueueSearch")
        self.search.setClearButtonEnabled(True)
        self.reload_button = QPushButton(self.work)
        filters.addWidget(self.filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.reload_button)
        outer.addLayout(filters)
        split = QSplitter(Qt.Orientation.Horizontal, self.work)
        self.table = QTableWidget(0, 6, split)
        self.table.setObjectName("Queue")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        right = QWidget(split)
        rl = QVBoxLayout(right)
        self.case_title = make_label("SectionTitle", "")
        self.case_lines = make_label("", "")
        self.case_lines.setObjectName("CaseLines")
        self.viewer = PageViewer(right)
        actions = QHBoxLayout()
        self.decide_buttons: dict[str, QPushButton] = {}
        for kind in ("accept", "refuse", "correct", "defer"):
            b = QPushButton(right)
            b.setObjectName("Primary" if kind == "accept" else "")
            b.clicked.connect(lambda _c=False, k=kind: self.open_decision(k))
            actions.addWidget(b)
            self.decide_buttons[kind] = b
        self.reprint_button = QPushButton(right)
        actions.addWidget(self.reprint_button)
        self.reprint_notice_button = QPushButton(right)
        self.reprint_notice_button.setObjectName("ReprintNotice")
        actions.addWidget(self.reprint_notice_button)
        self.history = make_label("", "")
        self.history.setObjectName("CaseHistory")
        rl.addWidget(self.case_title)
        rl.addWidget(self.case_lines)
        rl.addWidget(self.viewer, 1)
        rl.addLayout(actions)
        rl.addWidget(self.history)
        self.review_list = QListWidget(right)
        self.review_list.setObjectName("ReviewList")
        self.review_list.hide()
        review_actions = QHBoxLayout()
        self.approve_button = QPushButton(right)
        self.return_button = QPushButton(right)
        self.review_note = QLineEdit(right)
        for w in (self.approve_button, self.return_button):
            w.hide()
        self.review_note.hide()
        review_actions.addWidget(self.review_note, 1)
        review_actions.addWidget(self.approve_button)
        review_actions.addWidget(self.return_button)
        rl.addWidget(self.review_list)
        rl.addLayout(review_actions)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)
        self.message = make_label("Hint", "")
        self.message.setObjectName("CounterMessage")
        outer.addWidget(self.message)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.returnPressed.connect(self.reload)
        self.reload_button.clicked.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._selected)
        self.viewer.page_requested.connect(self._load_page)
        self.logout_button.clicked.connect(self.logout)
        self.reprint_button.clicked.connect(self.reprint)
        self.reprint_notice_button.clicked.connect(self.reprint_notice)
        self.review_button.clicked.connect(self.show_review)
        self.approve_button.clicked.connect(lambda: self._review(True))
        self.return_button.clicked.connect(lambda: self._review(False))
        self.shortcuts = [
            QShortcut(QKeySequence("Ctrl+F"), self.work, lambda: self.search.setFocus()),
            QShortcut(QKeySequence("F5"), self.work, self.reload),
        ]
        for n, kind in enumerate(("accept", "refuse", "correct", "defer"), start=1):
            self.shortcuts.append(QShortcut(QKeySequence(f"Ctrl+{n}"), self.work, lambda k=kind: self.open_decision(k)))
        self._case_buttons(False)

    def retranslate(self) -> None:
        self.login_page.retranslate()
        names = {
            "all": self.tr("全部"),
            "waiting": self.tr("待受理"),
            "kiosk": self.tr("自助终端提交"),
            "walk_in": self.tr("窗口录入"),
            "draft": self.tr("草稿"),
            "correction": self.tr("待补正 / 容缺"),
            "decided": self.tr("已办结"),
        }
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        for key in QUEUE_FILTERS:
            self.filter.addItem(names[key], key)
        self.filter.setCurrentIndex(max(0, self.filter.findData(current)))
        self.filter.blockSignals(False)
        self.search.setPlaceholderText(self.tr("受理编号或申请人姓名 (Ctrl+F)"))
        self.reload_button.setText(self.tr("刷新 (F5)"))
        self.logout_button.setText(self.tr("退出登录"))
        self.review_button.setText(self.tr("复核"))
        self.reprint_button.setText(self.tr("补打回执"))
        self.reprint_notice_button.setText(self.tr("补打通知书"))
        self.approve_button.setText(self.tr("复核通过"))
        self.return_button.setText(self.tr("退回"))
        self.review_note.setPlaceholderText(self.tr("退回理由"))
        labels = {
            "accept": self.tr("受理 (Ctrl+1)"),
            "refuse": self.tr("不予受理 (Ctrl+2)"),
            "correct": self.tr("补正 (Ctrl+3)"),
            "defer": self.tr("容缺受理 (Ctrl+4)"),
        }
        for kind, b in self.decide_buttons.items():
            b.setText(labels[kind])
        self.table.setHorizontalHeaderLabels(
            [self.tr("受理编号"), self.tr("事项"), self.tr("申请人"), self.tr("来源"), self.tr("状态"), self.tr("时间")]
        )
        self._fill()

    def _texts(self) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        channels = {"kiosk": self.tr("自助终端"), "counter": self.tr("窗口"), "laptop": self.tr("帮办代办"),
                    "draft": self.tr("草稿")}  # fmt: skip
        states = {
            "waiting": self.tr("待受理"),
            "correction": self.tr("待补正"),
            "deferred": self.tr("容缺受理"),
            "accepted": self.tr("已受理"),
            "refused": self.tr("不予受理"),
            "draft": self.tr("草稿"),
        }
        kinds = {"accept": self.tr("受理"), "refuse": self.tr("不予受理"), "correct": self.tr("补正"),
                 "defer": self.tr("容缺受理")}  # fmt: skip
        return channels, states, kinds

    # -- helpers --------------------------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.status.emit(text)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError) and error.code in LOGGED_OUT_CODES:
            self.session = None
            self.stack.setCurrentWidget(self.login_page)
            self.login_page.done(error_text(error, self._language()))
        self._say(error_text(error, self._language()))
        if not isinstance(error, UserError):
            log.error("counter workspace task failed", exc_info=error)

    def _case_buttons(self, enabled: bool) -> None:
        for b in self.decide_buttons.values():
            b.setEnabled(enabled)
        self.reprint_button.setEnabled(enabled and bool(self.detail and self.detail.entry.receipt_no))
        self.reprint_notice_button.setEnabled(
            enabled and bool(self.detail and any(v.notice_no for v in self.detail.decisions))
        )

    # -- log-in ---------------------------------------------------------------------------------------------------

    def _login(self, staff_id: str, secret: str) -> None:
        def ok(login: StaffLogin) -> None:
            self.session = login
            self.login_page.done()
            self.login_page.staff_id.clear()
            self.who.setText(
                self.tr("%1（%2）· 窗口 %3").replace("%1", login.staff_id).replace("%2", login.name)
                .replace("%3", login.window or "-")
            )  # fmt: skip
            self.sync_state.setText(login.offline_message)
            self.review_button.setVisible(login.role == "supervisor")
            self.stack.setCurrentWidget(self.work)
            self.reload()

        def failed(error: BaseException) -> None:
            self.login_page.done(error_text(error, self._language()))

        self.tasks.run(lambda: self.service.login(staff_id, secret), on_success=ok, on_failure=failed)

    def logout(self) -> None:
        self.tasks.run(self.service.logout, on_success=lambda _r: None, on_failure=self._failed)
        self.reset()

    def refresh_offline(self) -> None:
        """After a sync pass: the offline warning again (a roster fetched clears it), off the GUI thread."""
        if self.session is None:
            return
        self.tasks.run(self.service.offline_message, on_success=self.sync_state.setText,
                       on_failure=lambda _e: None)  # fmt: skip

    def reset(self) -> None:
        self.session = None
        self.entries, self.detail = [], None
        self.table.setRowCount(0)
        self.viewer.clear()
        self.case_title.setText("")
        self.case_lines.setText("")
        self.history.setText("")
        self.stack.setCurrentWidget(self.login_page)

    # -- queue ----------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.session is None:
            return
        which, text = str(self.filter.currentData() or "all"), self.search.text()

        def ok(entries: list[QueueEntry]) -> None:
            self.entries = entries
            self._fill()
            self._say(self.tr("共 %1 件").replace("%1", str(len(entries))))
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            self._failed(error)
            self.loaded.emit()

        self.tasks.run(lambda: self.service.queue(which, text), on_success=ok, on_failure=failed)

    def _fill(self) -> None:
        if not hasattr(self, "table"):
            return
        channels, states, _kinds = self._texts()
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            cells = [
                e.receipt_no or e.title,
                e.title if e.receipt_no else "",
                e.applicant,
                channels.get(e.channel, e.channel),
                states.get(e.state, e.state),
                format_local(e.created_at),
            ]
            if e.pre_application:
                cells[4] += self.tr("（预申请）")
            if e.returned_note is not None:
                cells[4] += self.tr("（复核退回）")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.key)
                self.table.setItem(row, col, item)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.entries[rows[0].row()]
        if entry.channel == "draft":
            self.detail = None
            self._case_buttons(False)
            self.case_title.setText(self.tr("草稿 %1").replace("%1", entry.title or entry.key))
            self.case_lines.setText(self.tr("草稿在“办理”中继续填写后提交"))
            self.viewer.clear()
            return
        self.open_case(entry.key)

    # -- detail ---------------------------------------------------------------------------------------------------

    def open_case(self, key: str) -> None:
        def ok(detail: CaseDetail) -> None:
            self.detail = detail
            self._show_detail()
            self.detail_shown.emit()
            if detail.pages:
                self._load_page(0)
            else:
                self.viewer.clear()

        self.tasks.run(lambda: self.service.detail(key), on_success=ok, on_failure=self._failed)

    def _show_detail(self) -> None:
        d = self.detail
        if d is None:
            return
        _channels, states, kinds = self._texts()
        e = d.entry
        self.case_title.setText(f"{e.receipt_no or ''} {e.title}".strip())
        lines = [
            self.tr("申请人：%1").replace("%1", e.applicant),
            self.tr("事项：%1").replace("%1", "、".join(f"{name}（{code}）" for code, name in d.items)),
            self.tr("已收材料：%1").replace("%1", "、".join(f"{n}×{c}" for n, c in d.received) or "-"),
        ]
        if d.owed or d.deferred:
            lines.append(self.tr("待补材料：%1").replace("%1", "、".join(dict.fromkeys((*d.owed, *d.deferred)))))
        if d.due_date:
            lines.append(self.tr("承诺办结：%1").replace("%1", d.due_date))
        lines.append(self.tr("状态：%1").replace("%1", states.get(e.state, e.state)))
        if e.returned_note is not None:
            lines.append(
                self.tr("复核退回（%1）：%2").replace("%1", e.returned_by or "-").replace("%2", e.returned_note or "-")
            )
        self.case_lines.setText("\n".join(lines))
        self.history.setText("\n".join(self._history_line(v, kinds) for v in d.decisions))
        closed = e.state in ("accepted", "refused")
        self._case_buttons(True)
        for b in self.decide_buttons.values():
            b.setEnabled(not closed)

    def _history_line(self, v: DecisionView, kinds: dict[str, str]) -> str:
        line = f"{format_local(v.decided_at)} {kinds.get(v.kind, v.kind)} · {v.clerk_id} · {v.notice_no or ''}"
        if v.reason:
            line += f" · {v.reason}"
        if v.materials:
            line += " · " + "、".join(v.materials)
        if v.review_state:
            line += " · " + (self.tr("复核通过") if v.review_state == "approved" else self.tr("已退回"))
            if v.review_state == "returned" and v.review_note:
                line += f"：{v.review_note}"
        return line

    def _load_page(self, position: int) -> None:
        d = self.detail
        if d is None:
            return
        key, count = d.entry.key, len(d.pages)
        if self._page_task is not None:
            self._page_task.cancel()
        self._page_task = self.tasks.run(
            lambda: self.service.page(key, position),
            on_success=lambda data: self._show_page(data, position, count),
            on_failure=self._failed,
        )

    def _show_page(self, data: bytes, position: int, count: int) -> None:
        self.viewer.show_page(data, position, count)

    # -- decisions ------------------------------------------------------------------------------------------------

    def open_decision(self, kind: str) -> None:
        if self.detail is None or not self.decide_buttons[kind].isEnabled():
            return
        self.dialog = DecisionDialog(kind, self.detail, self._today(), self)
        self.dialog.accepted.connect(lambda k=kind: self._decide(k))
        self.dialog.open()

    def _decide(self, kind: str) -> None:
        assert self.dialog is not None and self.detail is not None
        values, key = self.dialog.values(), self.detail.entry.key

        def run() -> DecisionResult:
            return self.service.decide(key, kind, **values)  # type: ignore[arg-type]

        def ok(result: DecisionResult) -> None:
            _channels, _states, kinds = self._texts()
            self._say(f"{kinds.get(kind, kind)} {result.notice_number or ''} · {result.message}")
            self.decided.emit(result)
            self.reload()
            self.open_case(key)

        self.tasks.run(run, on_success=ok, on_failure=self._failed)

    def reprint(self) -> None:
        if self.detail is None or not self.detail.entry.receipt_no:
            return
        number = self.detail.entry.receipt_no
        self.tasks.run(lambda: self.service.reprint_receipt(number), on_success=self._say, on_failure=self._failed)

    def reprint_notice(self) -> None:
        """补打 the notice of the case's latest decision that has one."""
        if self.detail is None:
            return
        latest = [v for v in self.detail.decisions if v.notice_no]
        if not latest:
            return
        decision_id = latest[-1].decision_id
        self.tasks.run(lambda: self.service.reprint_decision_notice(decision_id), on_success=self._say,
                       on_failure=self._failed)  # fmt: skip

    # -- review ---------------------------------------------------------------------------------------------------

    def show_review(self) -> None:
        def ok(views: list[DecisionView]) -> None:
            _channels, _states, kinds = self._texts()
            self.review_list.clear()
            for v in views:
                item = QListWidgetItem(f"{v.notice_no or v.decision_id[:8]} · {self._history_line(v, kinds)}")
                item.setData(Qt.ItemDataRole.UserRole, v.decision_id)
                self.review_list.addItem(item)
            for w in (self.review_list, self.review_note, self.approve_button, self.return_button):
                w.show()
            self._say(self.tr("待复核 %1 项").replace("%1", str(len(views))))
            self.loaded.emit()

        self.tasks.run(self.service.unreviewed, on_success=ok, on_failure=self._failed)

    def _review(self, approve: bool) -> None:
        item = self.review_list.currentItem()
        if item is None:
            return
        decision_id, note = str(item.data(Qt.ItemDataRole.UserRole)), self.review_note.text()

        def ok(view: DecisionView) -> None:
            self.review_note.clear()
            self._say(self.tr("复核通过") if view.review_state == "approved" else self.tr("已退回"))
            self.show_review()
            self.reviewed.emit()

        self.tasks.run(lambda: self.service.review(decision_id, approve=approve, note=note), on_success=ok,
                       on_failure=self._failed)  # fmt: skip
