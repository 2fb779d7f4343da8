"""The provisioning screen (终端开通): what `yunban kiosk` shows on a terminal that is not enrolled, in place of
home. Five steps, each a page, reachable from the step bar: 1 区划, 2 平台 (登记), 3 设备, 4 技术员密码, 5 完成.
A terminal whose technician PIN is already set asks for it first (re-provisioning). Contract: services through the
port on a `TaskRunner`; `finished(restart)` when the technician taps 完成 (`restart`: the division changed, the
kiosk must start again for its catalog); the idle wipe clears the PIN and code fields and the card-read result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.screens.base import Screen, make_label
from ui.screens.provisioning.division_page import DivisionPage, full_code
from ui.screens.provisioning.pages import DevicesPage, DonePage, PinPage, PlatformPage, button, field, show_result
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.model.provisioning import DivisionOption
    from ui.screens.provisioning.ports import ProvisioningPort

__all__ = ["STEPS", "ProvisioningScreen"]

STEPS = ("division", "platform", "devices", "pin", "done")
STYLE = (
    "QComboBox { min-height: 64px; font-size: 22px; padding: 0 12px; }"
    " QScrollArea, QWidget#qt_scrollarea_viewport, QWidget#ProvisioningPage { background: transparent; }"
)


class _Gate(QWidget):
    """The technician's current PIN, when one is set already."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(200, 40, 200, 40)
        layout.setSpacing(16)
        self.prompt = make_label("SectionTitle")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)
        hints = Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        self.pin = field(self, hints, password=True)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.pin)
        self.ok = button("", self, primary=True)
        layout.addWidget(self.ok, 0, Qt.AlignmentFlag.AlignCenter)
        self.message = make_label("SectionBody")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        layout.addStretch(1)


def _scrolled(page: QWidget, parent: QWidget) -> QScrollArea:
    """`page` in a vertical scroll area: on the smallest panel (1024×600) a page scrolls rather than squeezes."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    page.setAutoFillBackground(False)
    page.setObjectName("ProvisioningPage")
    area.setWidget(page)
    return area


class ProvisioningScreen(Screen):
    """Steps of first-boot provisioning; see the module docstring."""

    finished = Signal(bool)
    """完成 tapped: True when the kiosk must start again (the division changed), else go home at once."""
    step_changed = Signal(str)
    unlocked = Signal()

    def __init__(
        self,
        service: ProvisioningPort,
        *,
        tasks: TaskRunner | None = None,
        language: Callable[[], str] = lambda: "zh_CN",
        debounce_ms: int = 300,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks if tasks is not None else TaskRunner(parent=self)
        self._language = language
        self.division_option: DivisionOption | None = None
        self.enrolled = False
        self.pin_done = False
        self._started_division = service.division
        self._compact = False
        """The on-screen keyboard leaves little room: the page alone (no step bar, no 上一步/下一步)."""
        """The division the kiosk's catalog was opened for: a different pick means starting again."""
        self.setStyleSheet(STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        outer.setSpacing(10)
        self.title = make_label("ScreenTitle")
        outer.addWidget(self.title)
        self.outer_pages = QStackedWidget(self)
        outer.addWidget(self.outer_pages, 1)

        self.gate = _Gate(self)
        self.outer_pages.addWidget(self.gate)
        body = QWidget(self)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(20)
        self.step_bar = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.step_bar.setSpacing(8)
        self.step_buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        for n, key in enumerate(STEPS):
            b = QPushButton(body)
            b.setCheckable(True)
            b.setStyleSheet("QPushButton { min-width: 170px; }")  # the column keeps its width as ✔ marks appear
            self._group.addButton(b, n)
            self.step_bar.addWidget(b)
            self.step_buttons[key] = b
        self.step_bar.addStretch(1)
        self.body.addLayout(self.step_bar)
        column = QVBoxLayout()
        self.pages = QStackedWidget(body)
        self.division = DivisionPage(service, self.tasks, language, body, debounce_ms=debounce_ms)
        self.platform = PlatformPage(service, self.tasks, language, lambda: self.division.code, body)
        self.devices = DevicesPage(service, self.tasks, language, body)
        self.pin = PinPage(service, self.tasks, language, body)
        self.done = DonePage(service, self.tasks, language, body)
        for page in (self.division, self.platform, self.devices, self.pin, self.done):
            self.pages.addWidget(_scrolled(page, body))
        for shown, result in ((self.platform.result_shown, self.platform.result),
                              (self.devices.result_shown, self.devices.result),
                              (self.pin.result_shown, self.pin.result)):  # fmt: skip
            # on the smallest panel a page scrolls: an outcome below the fold is brought into view
            shown.connect(lambda _t, _ok, r=result: self._reveal(r))
        column.addWidget(self.pages, 1)
        nav = QHBoxLayout()
        self.back_button = button("", body)
        self.next_button = button("", body, primary=True)
        for b in (self.back_button, self.next_button):
            b.setProperty("touch", None)  # the theme's 64 px target: the pages need the height
            b.setStyleSheet("QPushButton { min-width: 220px; font-size: 24px; }")
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        column.addLayout(nav)
        self.body.addLayout(column, 1)
        self.outer_pages.addWidget(body)
        self._body = body

        self._group.idClicked.connect(lambda n: self.show_step(STEPS[n]))
        self.back_button.clicked.connect(lambda: self._move(-1))
        self.next_button.clicked.connect(lambda: self._move(1))
        self.division.chosen.connect(self._division_chosen)
        self.platform.enrolled.connect(self._enrolled)
        self.pin.pin_set.connect(self._pin_set)
        self.done.finish_requested.connect(self.finish)
        self.gate.ok.clicked.connect(self._check_gate)
        self.gate.pin.returnPressed.connect(self._check_gate)
        qapp = QApplication.instance()
        if isinstance(qapp, QApplication):
            qapp.focusChanged.connect(self._keep_focus_visible)
        self.retranslate()
        self.show_step("division")
        self.outer_pages.setCurrentWidget(self._body)

    def start(self) -> None:
        """Load what the terminal already has (division, enrollment, PIN) and the first drop-downs; a set PIN is
        asked for first. Call once the screen is in the window."""
        service = self.service
        self.division.load(service.division)
        self.platform.refresh()
        self.tasks.run(lambda: (service.identity() is not None, service.pin_is_set(), service.division),
                       on_success=self._started)  # fmt: skip

    def _started(self, state: tuple[bool, bool, str]) -> None:
        self.enrolled, self.pin_done, self._started_division = state
        if self.pin_done:
            self.outer_pages.setCurrentWidget(self.gate)
        self._update()

    def _keep_focus_visible(self, *_: object) -> None:
        focused = QApplication.focusWidget()
        area = self.pages.currentWidget()
        if focused is not None and isinstance(area, QScrollArea) and area.isAncestorOf(focused):
            self._reveal(focused)

    def _reveal(self, widget: QWidget) -> None:
        area = self.pages.currentWidget()
        if isinstance(area, QScrollArea):

            def show(*_: object) -> None:
                area.ensureWidgetVisible(widget, 0, 20)

            QTimer.singleShot(0, show)
            # and once more when the layout has made room for the new text (the page grew)
            area.verticalScrollBar().rangeChanged.connect(show, Qt.ConnectionType.SingleShotConnection)

    @property
    def locked(self) -> bool:
        return self.outer_pages.currentWidget() is self.gate

    def _check_gate(self) -> None:
        pin = self.gate.pin.text()
        self.gate.pin.clear()
        service = self.service

        def checked(ok: bool) -> None:
            if ok:
                self.outer_pages.setCurrentWidget(self._body)
                self.gate.message.clear()
                self.unlocked.emit()
            else:
                show_result(self.gate.message, self.tr("密码错误，请重试"), False)

        self.tasks.run(lambda: service.check_pin(pin), on_success=checked,
                       on_failure=lambda e: show_result(self.gate.message, self.platform.error(e), False))  # fmt: skip

    # -- steps ------------------------------------------------------------------------------------------------

    @property
    def step(self) -> str:
        return STEPS[self.pages.currentIndex()]

    def show_step(self, key: str) -> None:
        index = STEPS.index(key)
        self.pages.setCurrentIndex(index)
        self.step_buttons[key].setChecked(True)
        if key == "devices" and not self.devices.states:
            self.devices.refresh()
        self._update()
        self.step_changed.emit(key)

    def _move(self, delta: int) -> None:
        index = self.pages.currentIndex() + delta
        if 0 <= index < len(STEPS):
            self.show_step(STEPS[index])

    def _division_chosen(self, option: DivisionOption | None) -> None:
        self.division_option = option
        self._update()

    def _enrolled(self, _enrolled: object) -> None:
        self.enrolled = True
        self._update()

    def _pin_set(self) -> None:
        self.pin_done = True
        self._update()

    def _update(self) -> None:
        """Step marks, the 下一步 gate (a division before the platform, an enrollment before the PIN) and the
        summary of 完成."""
        done = {"division": self.division_option is not None, "platform": self.enrolled,
                "devices": bool(self.devices.states) and all(s.ok for s in self.devices.states),
                "pin": self.pin_done, "done": False}  # fmt: skip
        names = {"division": self.tr("1 区划"), "platform": self.tr("2 平台"), "devices": self.tr("3 设备"),
                 "pin": self.tr("4 技术员密码"), "done": self.tr("5 完成")}  # fmt: skip
        for key, b in self.step_buttons.items():
            b.setText(("✔ " if done[key] else "") + names[key])
        step = self.step
        self.back_button.setEnabled(step != "division")
        self.next_button.setVisible(step != "done" and not self._compact)
        self.next_button.setEnabled({"division": done["division"], "platform": self.enrolled}.get(step, True))
        option = self.division_option
        lines = [
            (self.tr("区划：{name}（{code}）").format(name=option.full_name, code=full_code(option.code))
             if option else self.tr("区划：未选择"), option is not None),
            (self.tr("平台：已注册") if self.enrolled else self.tr("平台：未注册"), self.enrolled),
            (self.tr("设备：全部正常") if done["devices"] else self.tr("设备：请在第 3 步检测"), done["devices"]),
            (self.tr("维护密码：已设置") if self.pin_done else self.tr("维护密码：未设置"), self.pin_done),
        ]  # fmt: skip
        self.done.show_summary(lines, ready=self.enrolled and self.pin_done, restart=self._restart_needed())

    def _restart_needed(self) -> bool:
        option = self.division_option
        return option is not None and full_code(option.code) != self._started_division

    def finish(self) -> None:
        if self.enrolled and self.pin_done:
            self.finished.emit(self._restart_needed())

    # -- the kiosk --------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("终端开通（技术员）"))
        self.gate.prompt.setText(self.tr("本终端已设置维护密码：请先输入维护密码"))
        self.gate.ok.setText(self.tr("确定"))
        self.back_button.setText(self.tr("上一步"))
        self.next_button.setText(self.tr("下一步"))
        self._update()

    def reset(self) -> None:
        """The idle wipe: secrets and personal data go; the steps done stay (they are on disk already)."""
        self.gate.pin.clear()
        self.platform.reset()
        self.pin.reset()
        self.devices.reset()
        self.division.reset()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        portrait = event.size().height() > event.size().width()
        self.title.setVisible(event.size().height() >= 560)  # the smallest panel needs the room for the page
        # The on-screen keyboard covers the lower half (the window makes room for it): the page alone, scrolled to
        # the field being typed in; the step bar and 上一步/下一步 come back with the room.
        self._compact = event.size().height() < 450
        for b in [*self.step_buttons.values(), self.back_button]:
            b.setVisible(not self._compact)
        self._update()
        self._keep_focus_visible()
        self.division.set_portrait(portrait)
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self.step_bar.setDirection(QBoxLayout.Direction.LeftToRight if portrait else QBoxLayout.Direction.TopToBottom)
