"""A card of information over the whole window: what the 演示数据 badge means, and 帮助 (how to use the kiosk, and a
call to the staff where the hall has wired one: ui/kiosk/staff_call.py rings a chime and records it). Once called, the
card says 已通知工作人员，请稍候 with 取消呼叫. A tap on 知道了 or outside the card closes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.kiosk.keyboard import room_above_keyboard
from ui.screens.base import make_label

__all__ = ["InfoOverlay"]


class InfoOverlay(QWidget):
    """`show_demo()` or `show_help(can_call)`; `call_requested` when the visitor taps 呼叫工作人员, `call_cancelled`
    when they tap 取消呼叫 after it."""

    call_requested = Signal()
    call_cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.kind = ""
        self._can_call = False
        self._called = False
        self._cancelled = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        self.card = QFrame(self)
        self.card.setObjectName("OverlayCard")
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(18)
        self.title = make_label("OverlayTitle")
        self.body = make_label("OverlayBody")
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        buttons.addStretch(1)
        self.call_button = QPushButton(self.card)
        self.call_button.setProperty("touch", "action")
        self.call_button.clicked.connect(self._call)
        self.cancel_button = QPushButton(self.card)
        self.cancel_button.setProperty("touch", "action")
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button = QPushButton(self.card)
        self.close_button.setObjectName("Primary")
        self.close_button.setProperty("touch", "action")
        self.close_button.clicked.connect(self.hide)
        buttons.addWidget(self.call_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()

    def fit(self) -> None:
        """Cover the parent above the on-screen keyboard (the room its layout leaves at the bottom for the panel)."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(room_above_keyboard(parent))

    def show_demo(self) -> None:
        self.kind = "demo"
        self._present()

    def show_help(self, can_call: bool) -> None:
        """`can_call`: something listens to `call_requested` (a bell or the hall's paging system)."""
        self.kind = "help"
        self._can_call = can_call
        if not self._called:  # a call still standing stays on the card (with 取消呼叫) when help is opened again
            self._cancelled = False
        self._present()

    def _present(self) -> None:
        self.retranslate()
        self.fit()
        self.raise_()
        self.show()

    def _call(self) -> None:
        self._called = True
        self._cancelled = False
        self.call_requested.emit()
        self.retranslate()

    def forget_call(self) -> None:
        """A new visitor (the idle wipe): the card offers the call again."""
        self._called = False
        self._cancelled = False
        self.retranslate()

    def _cancel(self) -> None:
        self._called = False
        self._cancelled = True
        self.call_cancelled.emit()
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("知道了"))
        self.call_button.setText(self.tr("呼叫工作人员"))
        self.call_button.setVisible(self.kind == "help" and self._can_call and not self._called)
        self.cancel_button.setText(self.tr("取消呼叫"))
        self.cancel_button.setVisible(self.kind == "help" and self._called)
        if self.kind == "demo":
            self.title.setText(self.tr("演示数据"))
            self.body.setText(
                self.tr(
                    "本终端正在使用演示用的事项目录：事项、办事指南和办理结果都是示例，仅供演示和培训，"
                    "在这里提交的申请不会被正式受理，打印的回执标有“演示”。\n如需正式办理，请到服务窗口。"
                )
            )
        elif self.kind == "help" and self._called:
            self.title.setText(self.tr("已通知工作人员，请稍候"))
            self.body.setText(self.tr("工作人员会到这台终端旁来帮您，请不要走开。不需要了可以点“取消呼叫”。"))
        elif self.kind == "help":
            self.title.setText(self.tr("使用帮助"))
            lines = [
                self.tr("点击首页上的大按钮选择服务；查看办事指南无需登录。"),
                self.tr("看不清字？点右上角的“大字模式”。"),
                self.tr("页面较长时，用手指按住页面上下拖动即可翻看。"),
                self.tr("办理业务时，请把身份证平放在读卡区（办理页面上有图示）。"),
            ]
            if self._cancelled:
                lines.append(self.tr("已取消呼叫。需要时可以再次呼叫工作人员。"))
            elif self._can_call:
                lines.append(self.tr("需要人帮忙：点下方“呼叫工作人员”，或到咨询窗口。"))
            else:
                lines.append(self.tr("需要人帮忙：请向大厅工作人员示意，或到咨询窗口。"))
            self.body.setText("\n".join(f"• {line}" for line in lines))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.card.geometry().contains(event.position().toPoint()):
            self.hide()
        super().mousePressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
