"""The technician screen (维护): a PIN gate, then device diagnostics, sync figures, receipt reprint and software
updates (`ui.screens.technician.updates`). Contract: service calls through `TaskRunner`; Chinese texts with the English
term beside (for hall technicians, not visitors), a service's `UserError` shown in the kiosk's language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.identity.masking import mask_id
from ui.errors import error_text
from ui.screens.base import Screen, make_label
from ui.screens.technician.updates import UpdatesPage
from ui.sync_indicator import short_time
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.adapters import SyncLoop
    from ui.screens.technician.ports import TechnicianPort

log = logging.getLogger(__name__)

__all__ = ["DiagnosticsPage", "PinGate", "ReprintPage", "SyncPage", "TechnicianScreen"]

Language = Callable[[], str]
"""The kiosk's current language (`zh_CN` or `en`), for the text of a service's `UserError`."""

KIND_NAMES = {"card": "读卡器 Card reader", "printer": "回执打印机 Printer", "scanner": "扫描仪 Scanner"}


def _button(text: str, parent: QWidget, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text, parent)
    if primary:
        button.setObjectName("Primary")
    return button


class PinGate(QWidget):
    """A numeric keypad and a masked field; `unlocked` when the PIN matches (the check is a placeholder: see
    `app.technician.service.TechnicianService.check_pin`)."""

    unlocked = Signal()
    rejected = Signal()

    def __init__(
        self,
        service: TechnicianPort,
        parent: QWidget | None = None,
        *,
        language: Language = lambda: "zh_CN",
        title: str = "技术员维护 · Technician",
        prompt: str = "请输入维护密码（Enter the technician PIN）",
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._language = language
        self.prompt = prompt
        layout = QVBoxLayout(self)
        layout.setContentsMargins(240, 30, 240, 30)
        layout.setSpacing(14)
        self.title = make_label("ScreenTitle", title)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.message = make_label("Hint", prompt)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMaxLength(12)
        # A virtual keyboard, if one shows, offers digits only and learns nothing from what is typed.
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.field.returnPressed.connect(self.submit)
        layout.addWidget(self.field)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        for n, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "清除", "0", "确定"]):
            button = _button(key, self, primary=key == "确定")
            button.setMinimumHeight(56)
            button.clicked.connect(lambda _c=False, k=key: self._key(k))
            grid.addWidget(button, n // 3, n % 3)
            self.keys[key] = button
        layout.addLayout(grid)
        layout.addStretch(1)

    def _key(self, key: str) -> None:
        if key == "清除":
            self.field.clear()
        elif key == "确定":
            self.submit()
        else:
            self.field.insert(key)

    def submit(self) -> None:
        pin, ok = self.field.text(), False
        self.field.clear()
        try:
            ok = self.service.check_pin(pin)
        except UserError as exc:  # locked out after too many wrong PINs
            self.message.setText(error_text(exc, self._language()))
            self.rejected.emit()
            return
        except Exception:
            log.exception("PIN check failed")
        if ok:
            self.message.setText(self.prompt)
            self.unlocked.emit()
        else:
            self.message.setText("密码错误，请重试（wrong PIN）")
            self.rejected.emit()


class DiagnosticsPage(QWidget):
    """设备诊断: each device's status; read a card, print a test receipt, scan a page; results shown."""

    states_shown = Signal()
    result_shown = Signal(str, bool)
    """(text, ok) after an action."""

    def __init__(
        self,
        service: TechnicianPort,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        language: Language = lambda: "zh_CN",
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self._language = language
        self.states: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["设备 Device", "驱动 Driver", "状态 State", "说明 Details"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 2)
        row = QHBoxLayout()
        self.refresh_button = _button("刷新状态 Refresh", self)
        self.read_button = _button("读卡 Read card", self)
        self.print_button = _button("打印测试页 Test print", self)
        self.scan_button = _button("扫描一页 Scan a page", self)
        self.simulate_button = _button("模拟放卡 Lay demo card", self, primary=True)
        for button in (self.refresh_button, self.read_button, self.print_button, self.scan_button):
            row.addWidget(button)
        row.addWidget(self.simulate_button)
        self.simulate_button.setVisible(service.can_simulate_card)
        layout.addLayout(row)
        self.result = make_label("SectionBody")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result, 1)
        self.notes = make_label("Hint")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes)
        self.refresh_button.clicked.connect(self.refresh)
        self.read_button.clicked.connect(self.read_card)
        self.print_button.clicked.connect(self.print_test)
        self.scan_button.clicked.connect(self.scan_page)
        self.simulate_button.clicked.connect(self.simulate_card)
        self._actions = (self.read_button, self.print_button, self.scan_button)
        self.show_notes()

    def show_notes(self) -> None:
        notes = []
        if self.service.printer_output:
            notes.append(f"虚拟打印机输出（virtual printer receipts）：{self.service.printer_output}")
        if self.service.keystore_note:
            notes.append(self.service.keystore_note)
        self.notes.setText("\n".join(notes))

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.tasks.run(self.service.device_states, on_success=self._show_states, on_failure=self._states_failed)

    def _show_states(self, states: list[Any]) -> None:
        self.refresh_button.setEnabled(True)
        self.states = list(states)
        self.table.setRowCount(len(states))
        for n, s in enumerate(states):
            cells = [KIND_NAMES.get(s.kind, s.kind), s.driver, ("✔ " if s.ok else "✘ ") + s.state, s.message]
            for col, text in enumerate(cells):
                self.table.setItem(n, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.show_notes()
        self.states_shown.emit()

    def _states_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self._show_result(f"无法读取设备状态：{error_text(error, self._language())}", False)

    def _run(self, label: str, fn: Any, describe: Any) -> None:
        for button in self._actions:
            button.setEnabled(False)
        self.result.setText(label)

        def ok(value: Any) -> None:
            self._enable()
            self._show_result(describe(value), True)

        def failed(error: BaseException) -> None:
            self._enable()
            self._show_result(f"失败（failed）：{error_text(error, self._language())}", False)

        self.tasks.run(fn, on_success=ok, on_failure=failed)

    def _enable(self) -> None:
        for button in self._actions:
            button.setEnabled(True)

    def _show_result(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        self.result_shown.emit(text, ok)

    def read_card(self) -> None:
        self._run("请放置证件……（lay a card on the reader, 10 s）", lambda: self.service.read_card(timeout=10.0),
                  _describe_card)  # fmt: skip

    def print_test(self) -> None:
        self._run("正在打印测试页……（printing）", self.service.print_test, _describe_print)

    def scan_page(self) -> None:
        self._run("正在扫描……（scanning）", self.service.scan_page, _describe_scan)

    def simulate_card(self) -> None:
        self.tasks.run(lambda: self.service.simulate_card("resident_id"))


def _describe_card(card: Any) -> str:
    name = card.name or card.name_en or ""
    number = card.id_number or card.permit_number or card.card_number or ""
    return f"读卡成功（card read）：{card.card_type} · {name} · {mask_id(number)}"


def _describe_print(result: Any) -> str:
    return (
        f"打印成功（printed）：{result.size} 字节 bytes，{result.seconds:.2f} s，"
        f"{result.uri}，打印机状态 {result.status.state}"
    )


def _describe_scan(result: Any) -> str:
    pages = "；".join(f"{p.width}×{p.height} {p.dpi}dpi {p.size // 1024} KB" for p in result.pages)
    return f"扫描成功（scanned）：{len(result.pages)} 页 page(s)，{pages}，{result.seconds:.2f} s"


class SyncPage(QWidget):
    """数据同步: pending / delivered / quarantined / last success / last error, 立即同步, the quarantine list."""

    status_shown = Signal(object)
    audit_shown = Signal(bool, str)

    def __init__(
        self,
        service: TechnicianPort,
        tasks: TaskRunner,
        loop: SyncLoop | None = None,
        parent: QWidget | None = None,
        *,
        language: Language = lambda: "zh_CN",
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.loop = loop
        self._language = language
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.figures: dict[str, Any] = {}
        names = [
            ("pending", "待上传 Pending"),
            ("delivered", "已送达 Delivered"),
            ("quarantined", "已隔离 Quarantined"),
            ("last_success", "上次成功 Last success"),
            ("last_error", "上次错误 Last error"),
        ]
        for n, (key, title) in enumerate(names):
            grid.addWidget(make_label("SectionTitle", title), n, 0)
            value = make_label("SectionBody", "—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, n, 1)
            self.figures[key] = value
        # 审计日志: the audit chain's state (`yunban audit verify`); a broken chain is shown, highlighted.
        grid.addWidget(make_label("SectionTitle", "审计日志 Audit log"), len(names), 0)
        self.audit_line = make_label("SectionBody", "—")
        grid.addWidget(self.audit_line, len(names), 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.refresh_button = _button("刷新 Refresh", self)
        self.run_button = _button("立即同步 Sync now", self, primary=True)
        row.addWidget(self.refresh_button)
        row.addWidget(self.run_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = make_label("Hint")
        layout.addWidget(self.message)
        layout.addWidget(make_label("SectionTitle", "隔离记录 Quarantined records"))
        self.quarantine = QListWidget(self)
        layout.addWidget(self.quarantine, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.run_button.clicked.connect(self.run_now)
        if loop is not None:
            loop.pass_finished.connect(lambda _status: self.refresh())
            loop.pass_failed.connect(self._pass_failed)

    def refresh(self) -> None:
        service = self.service
        self.tasks.run(lambda: (service.sync_status(), service.quarantined()), on_success=self._show,
                       on_failure=lambda e: self.message.setText(f"无法读取同步状态：{self._error(e)}"))  # fmt: skip
        self.tasks.run(service.audit_health, on_success=self._show_audit,
                       on_failure=lambda e: self._show_audit((False, self._error(e))))  # fmt: skip

    def _show_audit(self, result: tuple[bool, str]) -> None:
        ok, text = result
        self.audit_line.setText(text if ok else f"⚠ 审计日志链断裂（audit chain broken）：{text}")
        self.audit_line.setObjectName("SectionBody" if ok else "Notice")
        self.audit_line.style().unpolish(self.audit_line)
        self.audit_line.style().polish(self.audit_line)
        self.audit_shown.emit(ok, self.audit_line.text())

    def _show(self, result: tuple[Any, list[Any]]) -> None:
        status, quarantined = result
        self.figures["pending"].setText(str(status.pending))
        self.figures["delivered"].setText(str(status.delivered))
        self.figures["quarantined"].setText(str(status.quarantined))
        self.figures["last_success"].setText(short_time(status.last_success) or "尚未同步（never）")
        self.figures["last_error"].setText(status.last_error or "无（none）")
        self.quarantine.clear()
        for q in quarantined:
            number = q.receipt_no or q.record_id
            self.quarantine.addItem(f"{number} · {q.kind} · {q.quarantine_kind} {q.http_status or ''} · {q.reason}")
        self.run_button.setEnabled(True)
        self.status_shown.emit(status)

    def run_now(self) -> None:
        self.run_button.setEnabled(False)
        self.message.setText("正在同步……（syncing）")
        if self.loop is not None:
            self.loop.run_now()
            return
        self.tasks.run(self.service.run_sync, on_success=self._ran, on_failure=self._pass_failed)

    def _ran(self, report: Any) -> None:
        self.message.setText(f"送达 {report.delivered}，隔离 {report.quarantined}，失败 {report.failures}")
        self.refresh()

    def _error(self, error: object) -> str:
        return error_text(error, self._language()) if isinstance(error, BaseException) else str(error)

    def _pass_failed(self, error: object) -> None:
        self.run_button.setEnabled(True)
        self.message.setText(f"同步失败（sync failed）：{self._error(error)}")


class ReprintPage(QWidget):
    """补打回执: reprint a receipt by its number (or the receipt QR's text)."""

    result_shown = Signal(str, bool)

    def __init__(
        self,
        service: TechnicianPort,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        language: Language = lambda: "zh_CN",
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self._language = language
        layout = QVBoxLayout(self)
        layout.addWidget(make_label("SectionTitle", "回执编号 Receipt number"))
        self.field = QLineEdit(self)
        self.field.returnPressed.connect(self.reprint)
        layout.addWidget(self.field)
        self.button = _button("补打回执 Reprint", self, primary=True)
        self.button.clicked.connect(self.reprint)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = make_label("SectionBody")
        layout.addWidget(self.result)
        layout.addStretch(1)

    def reprint(self) -> None:
        number = self.field.text().strip()
        if not number:
            return
        self.button.setEnabled(False)

        def done(text: str, ok: bool) -> None:
            self.button.setEnabled(True)
            self.result.setText(text)
            self.result_shown.emit(text, ok)

        def failed(error: BaseException) -> None:
            done(f"补打失败（failed）：{error_text(error, self._language())}", False)

        self.tasks.run(lambda: self.service.reprint(number), on_success=lambda t: done(str(t), True), on_failure=failed)


class TechnicianScreen(Screen):
    """PIN gate, then tabs: 设备诊断 / 数据同步 / 补打回执 / 软件更新. Locks again on reset (idle timeout, leaving)."""

    def __init__(
        self,
        service: TechnicianPort,
        *,
        tasks: TaskRunner | None = None,
        sync_loop: SyncLoop | None = None,
        language: Language = lambda: "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks if tasks is not None else TaskRunner(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        self.gate = PinGate(service, self, language=language)
        self.tabs = QTabWidget(self)
        self.diagnostics = DiagnosticsPage(service, self.tasks, self.tabs, language=language)
        self.sync = SyncPage(service, self.tasks, sync_loop, self.tabs, language=language)
        self.reprint = ReprintPage(service, self.tasks, self.tabs, language=language)
        self.updates = UpdatesPage(service, self.tasks, self.tabs, language=language)
        self.tabs.addTab(self.diagnostics, "设备诊断 Devices")
        self.tabs.addTab(self.sync, "数据同步 Sync")
        self.tabs.addTab(self.reprint, "补打回执 Reprint")
        self.tabs.addTab(self.updates, "软件更新 Updates")
        self.pages.addWidget(self.gate)
        self.pages.addWidget(self.tabs)
        self.gate.unlocked.connect(self.unlock)
        self.tabs.currentChanged.connect(self._tab_changed)

    @property
    def unlocked(self) -> bool:
        return self.pages.currentWidget() is self.tabs

    def unlock(self) -> None:
        self.pages.setCurrentWidget(self.tabs)
        self.diagnostics.refresh()
        self.sync.refresh()

    def lock(self) -> None:
        self.pages.setCurrentWidget(self.gate)
        self.gate.field.clear()

    def _tab_changed(self, index: int) -> None:
        if self.unlocked and self.tabs.widget(index) is self.sync:
            self.sync.refresh()
        if self.unlocked and self.tabs.widget(index) is self.updates:
            self.updates.refresh()

    def reset(self) -> None:
        self.lock()
        self.diagnostics.result.clear()
        self.reprint.field.clear()
        self.reprint.result.clear()
        self.updates.reset()
