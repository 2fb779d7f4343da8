"""村民同意: the panel beside the apply flow's review step on the laptop. The villager signs on the screen (mouse,
touchpad or touch screen: the kiosk's signature pad) or the worker scans the villager's signed 委托书 into the item's
委托书 material; either is recorded with the worker as the agent (代办人) before 确认提交 can finish. Where the item
requires its 委托书, the pad is not offered. Service calls run off the GUI thread (`LaptopPage.call`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.forms.signature import SignaturePad
from ui.screens.base import make_label
from ui.screens.laptop.common import Language, LaptopPage

if TYPE_CHECKING:
    from app.visits.model import ConsentState
    from ui.screens.laptop.ports import LaptopPort

__all__ = ["ConsentPanel"]


class ConsentPanel(LaptopPage):
    consent_changed = Signal(object)
    """The `ConsentState` after the panel loaded it or the villager consented."""

    def __init__(self, port: LaptopPort, *, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(port, language=language, parent=parent)
        self.session: Any = None
        self.state: ConsentState | None = None
        self.setFixedWidth(330)  # beside the apply flow within a 1366-pixel panel
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 12, 12, 12)
        frame = QFrame(self)
        frame.setObjectName("Panel")
        box = QVBoxLayout(frame)
        box.setContentsMargins(12, 12, 12, 12)
        box.setSpacing(8)
        self.title = make_label("PageTitle")
        self.hint = make_label("Hint")
        self.agent = make_label("")
        self.agent.setAccessibleName("agent")
        self.given = make_label("Notice")
        self.given.setAccessibleName("consent_given")
        self.pad = SignaturePad(0.5, frame)
        self.pad.setAccessibleName("signature_pad")
        self.pad.drawn.connect(self._drawn)
        row = QHBoxLayout()
        self.clear_button = QPushButton(frame)
        self.clear_button.clicked.connect(self.pad.clear)
        self.sign_button = QPushButton(frame)
        self.sign_button.setObjectName("Primary")
        self.sign_button.clicked.connect(self.sign)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.sign_button)
        self.mandate = make_label("Hint")
        self.scan_button = QPushButton(frame)
        self.scan_button.clicked.connect(self.scan)
        for w in (self.title, self.hint, self.agent, self.given, self.pad):
            box.addWidget(w)
        box.addLayout(row)
        box.addWidget(self.mandate)
        box.addWidget(self.scan_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.status)
        box.addStretch(1)
        outer.addWidget(frame)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("村民同意（帮办代办）"))
        self.hint.setText(
            self.tr("请村民本人在框内签名（或按手印），表示同意由网格员代为申请；也可以扫描村民签字的委托书。")
        )
        self.clear_button.setText(self.tr("清除"))
        self.sign_button.setText(self.tr("确认签名"))
        self._show_state()
        self.say("")
        if self.session is not None:
            self.open_for(self.session)  # the agent line in the new language

    def open_for(self, session: Any) -> None:
        """The review step of `session` is shown: load who applies and whether the villager consented yet."""
        if session is not self.session:
            self.pad.clear()
        self.session = session
        if session is None:
            self.state = None
            self._show_state()
            return
        port = self.port
        self.call(lambda: (port.agent_label(), port.consent_state(session)), self._loaded)

    def _loaded(self, loaded: tuple[str, ConsentState]) -> None:
        agent, state = loaded
        self.agent.setText(self.tr("代办人：%1").replace("%1", agent))
        self._set_state(state)

    def _set_state(self, state: ConsentState) -> None:
        self.state = state
        self._show_state()
        self.consent_changed.emit(state)

    def _drawn(self) -> None:
        self.sign_button.setEnabled(not self.pad.is_empty() and not self._signature_refused())

    def _signature_refused(self) -> bool:
        return self.state is not None and self.state.mandate_required

    def _show_state(self) -> None:
        state = self.state
        if state is not None and state.given == "signature":
            self.given.setText(self.tr("✓ 村民已签名同意，可以确认提交"))
        elif state is not None and state.given == "mandate":
            self.given.setText(self.tr("✓ 已扫描村民签字的委托书，可以确认提交"))
        else:
            self.given.setText(self.tr("尚未取得村民同意：签名或扫描委托书之后才能提交"))
        refused = self._signature_refused()
        self.hint.setVisible(not refused)  # the 委托书 line below says what is asked instead
        self.pad.setVisible(not refused)
        self.clear_button.setVisible(not refused)
        self.sign_button.setVisible(not refused)
        self.sign_button.setEnabled(not self.pad.is_empty() and not refused)
        has_mandate = state is not None and bool(state.mandate)
        self.scan_button.setVisible(has_mandate)
        scanned = state is not None and state.mandate_pages > 0  # scanned on the materials page already
        self.scan_button.setText(self.tr("以已扫描的委托书作为同意") if scanned else self.tr("扫描委托书"))
        if state is not None and state.mandate_required:
            self.mandate.setText(self.tr("本事项要求“%1”原件：请扫描村民签字的委托书。").replace("%1", state.mandate))
        elif has_mandate:
            assert state is not None
            self.mandate.setText(self.tr("也可扫描“%1”。").replace("%1", state.mandate))
        self.mandate.setVisible(has_mandate)

    def sign(self) -> None:
        """确认签名: the drawing, as a PNG, is the villager's consent."""
        session, port = self.session, self.port
        if session is None or self.pad.is_empty():
            return
        png = self.pad.to_png()
        self.say(self.tr("正在保存签名…"))
        self.call(lambda: port.sign_consent(session, png), self._consented)

    def scan(self) -> None:
        """扫描委托书: scanned into the item's 委托书 material (or, already scanned there, taken as the consent)."""
        session, port = self.session, self.port
        if session is None:
            return
        already = self.state is not None and self.state.mandate_pages > 0
        self.say(self.tr("正在扫描委托书，请不要移动…"))
        self.call(lambda: port.mandate_given(session) if already else port.scan_mandate(session), self._consented)

    def _consented(self, state: ConsentState) -> None:
        self.say(self.tr("已记录村民的同意"))
        self._set_state(state)
