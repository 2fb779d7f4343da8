"""The adapter forwards events from foreign threads to the GUI thread; the sync loop and indicator."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from app.model.identity import CardData, CardEventData
from app.model.records import DeliveryReport, SyncStatus
from ui.adapters import DeviceEvents, SyncLoop, SyncPort
from ui.sync_indicator import SyncIndicator, short_time

CARD = CardData("resident_id", name="张三丰", id_number="532524199001011234")


def test_card_events_from_a_foreign_thread_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    events = DeviceEvents()
    seen: list[tuple[str, bool]] = []
    app = QCoreApplication.instance()
    assert app is not None
    gui = app.thread()
    events.card_read.connect(lambda card: seen.append((card.name, QThread.currentThread() is gui)))
    events.card_read_json.connect(lambda data: seen.append((data["id_number"], QThread.currentThread() is gui)))
    events.card_failed.connect(lambda code, msg: seen.append((code, QThread.currentThread() is gui)))
    events.card_removed.connect(lambda: seen.append(("removed", QThread.currentThread() is gui)))
    events.reader_lost.connect(lambda code, msg: seen.append((code, QThread.currentThread() is gui)))

    def device_thread() -> None:
        events.forward_card_event(CardEventData("card_read", card=CARD))
        events.forward_card_event(CardEventData("card_read_failed", error="证件已移开", error_code="card_removed"))
        events.forward_card_event(CardEventData("card_removed"))
        events.forward_card_event(CardEventData("reader_lost", error="读卡器已断开", error_code="reader_gone"))

    with qtbot.waitSignal(events.reader_lost, timeout=5000):
        t = threading.Thread(target=device_thread, name="card-test")
        t.start()
        t.join()
    assert seen == [
        ("张三丰", True),
        ("532524199001011234", True),
        ("card_removed", True),
        ("removed", True),
        ("reader_gone", True),
    ]
    assert events.last_card is CARD
    events.forget_card()
    assert events.last_card is None


def test_sync_indicator_text() -> None:
    indicator = SyncIndicator()
    assert "检查中" in indicator.text()
    indicator.set_status(SyncStatus(3, 0, 0, None, "platform unreachable"))
    assert indicator.text() == "待上传 3 件 · 尚未同步"
    assert indicator.toolTip() == "platform unreachable"
    indicator.set_status(SyncStatus(0, 3, 0, "2026-11-27T01:02:03+00:00", None))
    assert indicator.text() == "待上传 0 件 · 上次同步 11-27 09:02"  # UTC 01:02 is 09:02 in Asia/Shanghai
    assert short_time(None) == ""


@dataclass
class FlakyPlatform:
    """A sync port whose link is down until `up` is set; counts what the loop asked for."""

    up: bool = False
    pending: int = 2
    calls: list[str] | None = None

    def __post_init__(self) -> None:
        self.calls = []

    def _log(self, what: str) -> None:
        assert self.calls is not None
        self.calls.append(what)
        assert threading.current_thread() is not threading.main_thread(), "sync work ran on the GUI thread"

    def run_sync(self) -> DeliveryReport:
        self._log("run")
        if not self.up:
            return DeliveryReport(failures=1, pending=self.pending, last_error="unreachable")
        delivered, self.pending = self.pending, 0
        return DeliveryReport(delivered=delivered)

    def sync_status(self) -> SyncStatus:
        return SyncStatus(self.pending, 2 - self.pending, 0, "2026-11-27T01:00:00" if not self.pending else None, None)

    def probe(self) -> bool:
        self._log("probe")
        return self.up

    def connectivity_returned(self) -> DeliveryReport:
        self._log("online")
        return self.run_sync()


_sync_port: SyncPort = FlakyPlatform()
"""mypy checks the fake against the port the sync loop uses."""


def test_sync_loop_probes_after_link_trouble_and_syncs_when_the_link_returns(qtbot: QtBot) -> None:
    port = FlakyPlatform()
    events = DeviceEvents()
    loop = SyncLoop(port, events, interval_s=0, use_network_information=False)
    with qtbot.waitSignal(loop.pass_finished, timeout=5000):
        loop.start()
    assert port.calls == ["run"]
    with qtbot.waitSignal(loop.pass_finished, timeout=5000):
        loop.tick()  # link trouble last time: probe first, no delivery attempt while it does not answer
    assert port.calls == ["run", "probe"]
    port.up = True
    with qtbot.waitSignal(events.outbox_drained, timeout=5000):
        loop.tick()
    assert port.calls == ["run", "probe", "probe", "online", "run"]
    assert port.pending == 0
    loop.stop()


def test_sync_loop_runs_one_pass_at_a_time(qtbot: QtBot) -> None:
    port = FlakyPlatform(up=True)
    events = DeviceEvents()
    loop = SyncLoop(port, events, interval_s=0, use_network_information=False)
    statuses: list[SyncStatus] = []
    events.sync_progressed.connect(statuses.append)
    loop.run_now()
    loop.run_now()  # while the first is in flight: queued, not concurrent
    loop.connectivity_returned()  # replaces the queued one
    qtbot.waitUntil(lambda: loop.passes == 2 and not loop.busy, timeout=5000)
    assert port.calls == ["run", "online", "run"]
    assert [s.pending for s in statuses] == [0, 0]


def test_qt_network_information_coming_online_triggers_an_immediate_sync(qtbot: QtBot) -> None:
    from PySide6.QtNetwork import QNetworkInformation

    port = FlakyPlatform(up=True)
    events = DeviceEvents()
    loop = SyncLoop(port, events, interval_s=0, use_network_information=True)
    # Where a backend loads (glib here; NetworkManager or connman on terminals) the loop listens to it.
    if loop.network_backend:
        info = QNetworkInformation.instance()
        assert info is not None and loop.network_backend == info.backendName()
    reach = QNetworkInformation.Reachability
    loop._on_reachability(reach.Disconnected)
    assert port.calls == []
    with qtbot.waitSignal(events.outbox_drained, timeout=5000):
        loop._on_reachability(reach.Online)  # what the backend emits when the link returns
    assert port.calls == ["online", "run"]
    loop._on_reachability(reach.Online)  # still online: no new pass
    assert not loop.busy and port.calls == ["online", "run"]
    loop.stop()
