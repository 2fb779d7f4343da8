"""Steps 2–5 of provisioning: 平台 (platform URL and one-time enrollment code, typed or read from a QR; 登记),
设备 (device states, 测试打印, 测试读卡), 技术员密码 (the PIN twice) and 完成 (a summary; into the kiosk).
Contract: service calls through `TaskRunner`, a service's `UserError` shown in the kiosk's language, texts from the
platform and the devices shown as plain text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.identity.masking import mask_id
from ui.errors import error_text
from ui.screens.base import make_label
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.model.provisioning import Enrolled, EnrollmentQr
    from app.model.terminal import TerminalIdentity
    from ui.screens.provisioning.ports import ProvisioningPort

__all__ = ["DevicesPage", "DonePage", "PinPage", "PlatformPage", "field", "show_result"]

Language = Callable[[], str]
OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b71c1c;"


def field(parent: QWidget, hints: Qt.InputMethodHint, *, password: bool = False) -> QLineEdit:
    """A big text field; `hints` tell the on-screen keyboard (Qt Virtual Keyboard) which layout to show."""
    line = QLineEdit(parent)
    line.setObjectName("SearchBox")
    line.setInputMethodHints(hints | Qt.InputMethodHint.ImhNoPredictiveText)
    if password:
        line.setEchoMode(QLineEdit.EchoMode.Password)
        line.setMaxLength(12)
    return line


def button(text: str, parent: QWidget, *, primary: bool = False) -> QPushButton:
    b = QPushButton(text, parent)
    b.setProperty("touch", "action")
    if primary:
        b.setObjectName("Primary")
    return b


def show_result(label: QLabel, text: str, ok: bool | None) -> None:
    """Plain text, green for done, red for a failure, the theme's colour for progress."""
    label.setText(text)
    label.setStyleSheet("" if ok is None else OK_STYLE if ok else ERROR_STYLE)


class _Page(QWidget):
    def __init__(self, service: ProvisioningPort, tasks: TaskRunner, language: Language, parent: QWidget | None):
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self._language = language

    def retranslate(self) -> None:
        """Set every text (construction and language change)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def error(self, error: BaseException) -> str:
        return error_text(error, self._language())


class PlatformPage(_Page):
    """平台: the platform's address and the one-time enrollment code; 扫描二维码 reads the code from a page under
    the document camera; 登记 enrolls on a worker, with a busy bar, and says plainly why it failed."""

    enrolled = Signal(object)
    """An `Enrolled` after a successful 登记."""
    result_shown = Signal(str, bool)

    def __init__(
        self,
        service: ProvisioningPort,
        tasks: TaskRunner,
        language: Language,
        division: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(service, tasks, language, parent)
        self._division = division
        self.identity: TerminalIdentity | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.status = make_label("SectionBody")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.url_title = make_label("SectionTitle")
        layout.addWidget(self.url_title)
        self.url = field(self, Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.url.setText(service.platform_url)
        layout.addWidget(self.url)
        self.code_title = make_label("SectionTitle")
        layout.addWidget(self.code_title)
        row = QHBoxLayout()
        self.code = field(self, Qt.InputMethodHint.ImhPreferUppercase | Qt.InputMethodHint.ImhLatinOnly)
        self.code.setMaxLength(64)
        row.addWidget(self.code, 1)
        self.scan_button = button("", self)
        row.addWidget(self.scan_button)
        layout.addLayout(row)
        actions = QHBoxLayout()
        self.enroll_button = button("", self, primary=True)
        actions.addWidget(self.enroll_button)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # busy: no percentage for one HTTP call
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        actions.addWidget(self.busy, 1)
        layout.addLayout(actions)
        self.result = make_label("SectionBody")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.scan_button.clicked.connect(self.scan_qr)
        self.enroll_button.clicked.connect(self.enroll)
        self.code.returnPressed.connect(self.enroll)
        self.retranslate()

    def retranslate(self) -> None:
        self.url_title.setText(self.tr("平台地址"))
        self.url.setPlaceholderText("https://…")
        self.code_title.setText(self.tr("一次性注册码（平台发放）"))
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.scan_button.setText(self.tr("扫描二维码"))
        self.enroll_button.setText(self.tr("登记"))
        self._show_status()

    def refresh(self) -> None:
        """Ask whether the terminal is enrolled already (a restart after enrolling, a re-run)."""
        self.tasks.run(self.service.identity, on_success=self._identity, on_failure=lambda e: None)

    def _identity(self, identity: TerminalIdentity | None) -> None:
        self.identity = identity
        self._show_status()

    def _show_status(self) -> None:
        identity = self.identity
        if identity is None:
            self.status.setText(self.tr("本终端尚未注册。请填写平台地址和注册码，然后点“登记”。"))
        else:
            self.status.setText(self.tr("本终端已注册：{terminal}（平台 {platform}）").format(
                terminal=identity.terminal_id, platform=identity.platform_url))  # fmt: skip

    def _busy(self, on: bool, text: str = "") -> None:
        for widget in (self.enroll_button, self.scan_button, self.url, self.code):
            widget.setEnabled(not on)
        self.busy.setVisible(on)
        if text:
            show_result(self.result, text, None)

    def _done(self, text: str, ok: bool) -> None:
        self._busy(False)
        show_result(self.result, text, ok)
        self.result_shown.emit(text, ok)

    def scan_qr(self) -> None:
        self._busy(True, self.tr("正在扫描……请把注册码二维码平放在高拍仪下"))

        def read(qr: EnrollmentQr) -> None:
            self.code.setText(qr.code)
            if qr.platform_url:
                self.url.setText(qr.platform_url)
            self._done(self.tr("已读取注册码 {code}").format(code=qr.code), True)

        self.tasks.run(self.service.scan_qr, on_success=read, on_failure=lambda e: self._done(self.error(e), False))

    def enroll(self) -> None:
        division = self._division()
        if division is None:
            self._done(self.tr("请先在第 1 步选择本终端所在的区划"), False)
            return
        url, code = self.url.text().strip(), self.code.text().strip()
        if not code:
            self._done(self.tr("请填写注册码，或点“扫描二维码”"), False)
            return
        self._busy(True, self.tr("正在向平台登记……"))
        service = self.service
        force = self.identity is not None  # enrolled before: a new code re-enrolls on purpose
        self.tasks.run(lambda: service.enroll(url, code, division, force=force), on_success=self._enrolled,
                       on_failure=lambda e: self._done(self.tr("登记失败：{error}").format(error=self.error(e)),
                                                       False))  # fmt: skip

    def _enrolled(self, enrolled: Enrolled) -> None:
        self.code.clear()
        self.refresh()
        self._done(self.tr("登记成功：终端 {terminal}，平台 {platform}；平台地址和区划已保存").format(
            terminal=enrolled.terminal_id, platform=enrolled.platform_url), True)  # fmt: skip
        self.enrolled.emit(enrolled)

    def reset(self) -> None:
        self.code.clear()


class DevicesPage(_Page):
    """设备: each configured device's state; 测试打印 and 测试读卡 with their results."""

    states_shown = Signal()
    result_shown = Signal(str, bool)

    def __init__(
        self, service: ProvisioningPort, tasks: TaskRunner, language: Language, parent: QWidget | None = None
    ) -> None:
        super().__init__(service, tasks, language, parent)
        self.states: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.title = make_label("SectionTitle")
        layout.addWidget(self.title)
        self.list = make_label("SectionBody")  # not touch targets: one line of text per device
        self.list.setTextFormat(Qt.TextFormat.PlainText)
        self.list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.refresh_button = button("", self)
        self.print_button = button("", self, primary=True)
        self.read_button = button("", self, primary=True)
        for b in (self.refresh_button, self.print_button, self.read_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = make_label("SectionBody")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_test)
        self.read_button.clicked.connect(self.read_card)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("检测到的设备"))
        self.refresh_button.setText(self.tr("刷新"))
        self.print_button.setText(self.tr("测试打印"))
        self.read_button.setText(self.tr("测试读卡"))
        self._show_states()

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.tasks.run(self.service.device_states, on_success=self._states,
                       on_failure=lambda e: self._done(self.error(e), False))  # fmt: skip

    def _states(self, states: list[Any]) -> None:
        self.refresh_button.setEnabled(True)
        self.states = list(states)
        self._show_states()
        self.states_shown.emit()

    def _show_states(self) -> None:
        kinds = {"card": self.tr("读卡器"), "printer": self.tr("回执打印机"), "scanner": self.tr("高拍仪 / 扫描仪")}
        lines = []
        for s in self.states:
            mark = "✔" if s.ok else "✘"
            detail = " · ".join(x for x in (s.driver, s.state, s.message) if x)
            lines.append(f"{mark} {kinds.get(s.kind, s.kind)}：{detail}")
        self.list.setText("\n".join(lines))

    def _run(self, busy: str, fn: Callable[[], Any], describe: Callable[[Any], str]) -> None:
        for b in (self.print_button, self.read_button):
            b.setEnabled(False)
        show_result(self.result, busy, None)
        self.tasks.run(fn, on_success=lambda v: self._done(describe(v), True),
                       on_failure=lambda e: self._done(self.tr("失败：{error}").format(error=self.error(e)),
                                                       False))  # fmt: skip

    def _done(self, text: str, ok: bool) -> None:
        self.refresh_button.setEnabled(True)
        for b in (self.print_button, self.read_button):
            b.setEnabled(True)
        show_result(self.result, text, ok)
        self.result_shown.emit(text, ok)

    def print_test(self) -> None:
        self._run(self.tr("正在打印测试页……"), self.service.print_test,
                  lambda r: self.tr("测试页已打印（{size} 字节，{uri}）").format(size=r.size, uri=r.uri))  # fmt: skip

    def read_card(self) -> None:
        service = self.service
        self._run(self.tr("请在读卡器上放一张身份证（10 秒内）……"), lambda: service.read_card(timeout=10.0),
                  self._describe_card)  # fmt: skip

    def _describe_card(self, card: Any) -> str:
        number = card.id_number or card.permit_number or card.card_number or ""
        name = (card.name or card.name_en or "")[:1] + "**"
        return self.tr("读卡成功：{name} {number}").format(name=name, number=mask_id(number))

    def reset(self) -> None:
        self.result.clear()  # a test card's masked number is still personal data


class PinPage(_Page):
    """技术员密码: the technician's PIN typed twice (6–12 digits); saved as an argon2id hash."""

    pin_set = Signal()
    result_shown = Signal(str, bool)

    def __init__(
        self, service: ProvisioningPort, tasks: TaskRunner, language: Language, parent: QWidget | None = None
    ) -> None:
        super().__init__(service, tasks, language, parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.hint = make_label("SectionBody")
        layout.addWidget(self.hint)
        hints = Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        self.first_title = make_label("SectionTitle")
        layout.addWidget(self.first_title)
        self.first = field(self, hints, password=True)
        layout.addWidget(self.first)
        self.second_title = make_label("SectionTitle")
        layout.addWidget(self.second_title)
        self.second = field(self, hints, password=True)
        layout.addWidget(self.second)
        self.save_button = button("", self, primary=True)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = make_label("SectionBody")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.second.returnPressed.connect(self.save)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("维护密码用于进入维护界面和退出自助终端。请输入 6–12 位数字，只保存其加密摘要。"))
        self.first_title.setText(self.tr("新维护密码"))
        self.second_title.setText(self.tr("再输入一次"))
        self.save_button.setText(self.tr("保存密码"))

    def save(self) -> None:
        pin, repeat = self.first.text(), self.second.text()
        self.first.clear()
        self.second.clear()
        self.save_button.setEnabled(False)
        service = self.service

        def done(text: str, ok: bool) -> None:
            self.save_button.setEnabled(True)
            show_result(self.result, text, ok)
            self.result_shown.emit(text, ok)
            if ok:
                self.pin_set.emit()

        self.tasks.run(lambda: service.set_technician_pin(pin, repeat),
                       on_success=lambda _r: done(self.tr("维护密码已保存"), True),
                       on_failure=lambda e: done(self.error(e), False))  # fmt: skip

    def reset(self) -> None:
        self.first.clear()
        self.second.clear()


class DonePage(_Page):
    """完成: what was set up, and the way into the kiosk (at once, or by starting it again)."""

    finish_requested = Signal()

    def __init__(
        self, service: ProvisioningPort, tasks: TaskRunner, language: Language, parent: QWidget | None = None
    ) -> None:
        super().__init__(service, tasks, language, parent)
        self.lines: list[tuple[str, bool]] = []
        self.restart = False
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.summary = make_label("SectionBody")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.note = make_label("Hint")
        layout.addWidget(self.note)
        self.finish_button = button("", self, primary=True)
        self.finish_button.setProperty("touch", "big")
        layout.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.finish_button.clicked.connect(self.finish_requested)
        self.retranslate()

    def show_summary(self, lines: list[tuple[str, bool]], *, ready: bool, restart: bool) -> None:
        self.lines = lines
        self.restart = restart
        self.finish_button.setEnabled(ready)
        self.retranslate()

    def retranslate(self) -> None:
        self.summary.setText("\n".join(("✔ " if ok else "✘ ") + text for text, ok in self.lines))
        if not self.finish_button.isEnabled():
            self.note.setText(self.tr("注册终端并设置维护密码后才能完成。"))
        elif self.restart:
            self.note.setText(self.tr("区划已更改：云办将重新启动以载入本区划的事项（由系统服务自动拉起）。"))
        else:
            self.note.setText(self.tr("点“完成”进入自助终端首页。"))
        self.finish_button.setText(self.tr("重新启动云办") if self.restart else self.tr("完成，进入首页"))
