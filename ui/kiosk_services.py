"""Device and sync glue attached to a running kiosk window by `attach_kiosk_services`: card events and watching,
the home card banner, the sync indicator and loop, the technician screen (维护). Contract: `close()` what it returns."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton, QWidget

from ui.adapters import DeviceEvents, SyncLoop
from ui.screens.base import make_label
from ui.screens.technician import TechnicianScreen
from ui.screens.technician.exit import ExitGate
from ui.screens.technician.ports import TechnicianPort
from ui.sync_indicator import SyncIndicator, submission_news
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.model.identity import CardEventData
    from app.model.records import DeliveryReport
    from ui.shell import KioskWindow

log = logging.getLogger(__name__)

__all__ = ["CardBanner", "KioskServicePort", "KioskServices", "attach_kiosk_services", "mask_name"]


class KioskServicePort(TechnicianPort, Protocol):
    """`TechnicianPort` plus card watching and the connectivity hooks of `ui.adapters.SyncPort`."""

    def watch_cards(self, listener: Callable[[CardEventData], None]) -> None: ...

    def stop_watching_cards(self) -> None: ...

    def probe(self) -> bool: ...

    def connectivity_returned(self) -> DeliveryReport: ...


def mask_name(name: str) -> str:
    """张三丰 → 张**: the banner is seen by whoever stands behind the visitor."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


class CardBanner(QFrame):
    """Shown on home when a card is read: "已读取身份证：张** — 选择要办理的事项" and a 我要办理 button."""

    apply_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CardBanner")
        self.setStyleSheet("QFrame#CardBanner { background: #e8f4ea; border: 2px solid #2e7d32; border-radius: 10px; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        self.text = make_label("SectionBody")
        row.addWidget(self.text, 1)
        self.button = QPushButton(self)
        self.button.setObjectName("Primary")
        self.button.clicked.connect(self.apply_requested.emit)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.card: Any = None
        self.hide()

    def show_card(self, card: Any) -> None:
        self.card = card
        self.retranslate()
        self.show()

    def clear(self) -> None:
        self.card = None
        self.text.clear()
        self.hide()

    def retranslate(self) -> None:
        self.button.setText(self.tr("我要办理"))
        if self.card is None:
            return
        kinds = {
            "resident_id": self.tr("身份证"),
            "hmt_residence_permit": self.tr("居住证"),
            "foreign_permanent_2017": self.tr("永久居留身份证"),
            "foreign_permanent_2023": self.tr("永久居留身份证"),
            "social_security": self.tr("社会保障卡"),
        }
        name = mask_name(self.card.name or self.card.name_en or "")
        kind = kinds.get(self.card.card_type, self.tr("证件"))
        self.text.setText(self.tr("已读取%1：%2 — 选择要办理的事项").replace("%1", kind).replace("%2", name))


class KioskServices(QObject):
    """What `attach_kiosk_services` built; `close()` stops the loop and card watching.

    The technician screen opens from the small 维护 button at the right of the status bar or Ctrl+Shift+T (both lead
    to the PIN gate); Ctrl+Shift+K lays the demo card on a simulated reader. The apply flow connects to
    `events.card_read(CardData)` for live reads and to `apply_requested(CardData)` (the banner's 我要办理 after a
    card was read; home's `tile_chosen("apply")` follows, so the shell routes as usual)."""

    apply_requested = Signal(object)
    """The visitor chose 我要办理 from the card banner: the `CardData` just read."""

    def __init__(
        self, window: KioskWindow, service: KioskServicePort, *, sync_interval_s: float, network: bool
    ) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.events = DeviceEvents(self)
        self.tasks = TaskRunner(parent=self)
        """Our own runner: the shell cancels its tasks on a session reset, which must not drop a sync result."""
        self.sync_loop = SyncLoop(
            service, self.events, interval_s=sync_interval_s, tasks=self.tasks, use_network_information=network,
            parent=self,
        )  # fmt: skip
        self.indicator = SyncIndicator()
        window.add_status_widget(self.indicator)
        self.events.sync_progressed.connect(self.indicator.set_status)
        # A submission just finalised: deliver at once (the loop's worker, off the GUI thread), not at the next tick.
        submission_news().finalised.connect(self.sync_loop.run_now)
        self.tech_button = QPushButton()
        self.tech_button.setObjectName("TechEntry")
        self._name_tech_button()
        window.appearance.changed.connect(self._name_tech_button)
        self.tech_button.setFlat(True)
        # Small and quiet in the status bar (the theme's buttons are finger-sized); a PIN guards what is behind it.
        self.tech_button.setStyleSheet(
            "QPushButton { min-height: 0; min-width: 0; padding: 0 10px; font-size: 14px; border: 1px solid #9aa5b4;"
            " border-radius: 4px; background: transparent; color: #5a6472; }"
        )
        self.tech_button.clicked.connect(self.open_technician)
        window.add_status_widget(self.tech_button)
        self._technician: TechnicianScreen | None = None
        self._exit_gate: ExitGate | None = None
        window.exit_requested.connect(self.request_exit)
        self.banner = CardBanner()
        layout = window.home.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(2, self.banner)
        self.banner.apply_requested.connect(self._apply_from_banner)
        self.events.card_read.connect(self._on_card_read)
        window.session_reset.connect(self._on_session_reset)
        self._shortcuts = [
            QShortcut(QKeySequence("Ctrl+Shift+T"), window, self.open_technician),
            QShortcut(QKeySequence("Ctrl+Shift+K"), window, self.simulate_card),
        ]
        self._closed = False

    def _name_tech_button(self) -> None:
        self.tech_button.setText(QCoreApplication.translate("KioskWindow", "维护"))

    # -- technician -----------------------------------------------------------------------------------------------

    @property
    def technician(self) -> TechnicianScreen:
        if self._technician is None:
            self._technician = TechnicianScreen(
                self.service,
                tasks=self.tasks,
                sync_loop=self.sync_loop,
                language=lambda: self.window.appearance.language,
            )
            self.window.stack.addWidget(self._technician)
            self._technician.diagnostics.states_shown.connect(self._forward_printer_state)
        return self._technician

    def open_technician(self) -> None:
        screen = self.technician
        screen.lock()
        self.window.go(screen)
        screen.gate.field.setFocus()

    @property
    def exit_gate(self) -> ExitGate:
        if self._exit_gate is None:
            self._exit_gate = ExitGate(self.service, language=lambda: self.window.appearance.language)
            self.window.stack.addWidget(self._exit_gate)
            self._exit_gate.authorised.connect(self.window.exit_authorised)
            self._exit_gate.cancelled.connect(self.window.leave_gate)
        return self._exit_gate

    def request_exit(self) -> None:
        """Ctrl+Shift+Q: the window closes only after the technician PIN (the same check and lock-out as 维护)."""
        gate = self.exit_gate
        gate.reset()
        self.window.show_gate(gate)
        gate.gate.field.setFocus()

    def simulate_card(self) -> None:
        """模拟放卡 (demo): lay the demo resident ID card on the simulated reader."""
        if self.service.can_simulate_card:
            self.tasks.run(lambda: self.service.simulate_card("resident_id"))

    def _forward_printer_state(self) -> None:
        if self._technician is None:
            return
        for state in self._technician.diagnostics.states:
            if state.kind == "printer":
                self.events.printer_status_changed.emit(state)

    # -- cards ----------------------------------------------------------------------------------------------------

    def start(self, *, sync_delay_ms: int = 0) -> None:
        """Start watching cards (opening the reader may block: on a worker) and the sync loop."""
        self.tasks.run(lambda: self.service.watch_cards(self.events.forward_card_event))
        QTimer.singleShot(sync_delay_ms, self.sync_loop.start)

    def _on_card_read(self, card: Any) -> None:
        """On home: the banner. Elsewhere the screen on show consumes the card (the apply flow prefills its form);
        a banner waiting at home for later would show a card from another moment."""
        if self.window.current is self.window.home:
            self.banner.show_card(card)
        else:
            self.banner.clear()

    def _apply_from_banner(self) -> None:
        card = self.banner.card
        self.banner.clear()
        self.apply_requested.emit(card)
        self.window.home.tile_chosen.emit("apply")

    def _on_session_reset(self) -> None:
        if self._exit_gate is not None and self.window.current is self._exit_gate:
            self.window.leave_gate()
        self.banner.clear()
        self.events.forget_card()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.sync_loop.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the loop
            submission_news().finalised.disconnect(self.sync_loop.run_now)
        try:
            self.service.stop_watching_cards()
        except Exception:
            log.exception("stopping card watching failed")
        self.tasks.wait_for_done(5000)


def attach_kiosk_services(
    window: KioskWindow,
    service: KioskServicePort,
    *,
    sync_interval_s: float = 60,
    network_information: bool = True,
    start: bool = True,
    sync_delay_ms: int = 2000,
) -> KioskServices:
    """Wire device events, the sync loop and the technician screen into `window`; `close()` the result at exit."""
    services = KioskServices(window, service, sync_interval_s=sync_interval_s, network=network_information)
    if start:
        services.start(sync_delay_ms=sync_delay_ms)
    return services
