"""The device registry (driver choice, clear states) and the identity service (reads and events as app data)."""

from __future__ import annotations

import queue
import sys
import threading

import pytest

from app.config import CardReaderConfig, Config
from app.devices.cards import CardReadFailed, IdentityService
from app.devices.registry import PROBES, UnknownDriverError, list_devices, open_card_reader, probe_card
from app.model.devices import DeviceEntry
from app.model.identity import CardEventData
from devices.card.base import CardReader, DriverLibraryMissingError
from devices.emulators.demo_cards import foreign_2023_card
from devices.emulators.simulated_reader import SimulatedReader


def config(driver: str, port: str = "") -> Config:
    c = Config()
    c.devices.card = CardReaderConfig(driver=driver, port=port)
    return c


@pytest.mark.parametrize("driver", ["ga467", "pcsc", "simulated"])
def test_every_driver_satisfies_the_interface(driver: str) -> None:
    reader = open_card_reader(CardReaderConfig(driver=driver, port="/dev/null" if driver == "ga467" else ""))
    try:
        assert isinstance(reader, CardReader) and reader.driver == driver
    finally:
        reader.close()


def test_unknown_driver() -> None:
    with pytest.raises(UnknownDriverError):
        open_card_reader(CardReaderConfig(driver="magic"))
    [entry] = probe_card(config("magic"))
    assert entry.state == "error"


def test_missing_pyscard_is_a_state_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "smartcard.System", None)  # makes `import smartcard.System` fail
    reader = open_card_reader(CardReaderConfig(driver="pcsc"))
    with pytest.raises(DriverLibraryMissingError):
        reader.read_card(0.5)
    reader.close()
    [entry] = probe_card(config("pcsc"))
    assert entry.state == "missing_library" and "pyscard" in entry.message


def test_a_failing_probe_becomes_an_error_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: Config, __: str | None) -> list[DeviceEntry]:
        raise RuntimeError("boom")

    monkeypatch.setitem(PROBES, "broken", broken)
    entries = list_devices(Config())
    assert [e.kind for e in entries][:1] == ["card"]
    broken_entry = next(e for e in entries if e.kind == "broken")
    assert broken_entry.state == "error" and "boom" in broken_entry.message
    assert broken_entry.to_json()["state"] == "error"


def test_service_reads_with_the_configured_and_a_one_off_driver() -> None:
    service = IdentityService(CardReaderConfig(driver="simulated", port="hmt_residence_permit"))
    try:
        assert service.read_card(timeout=2).card_type == "hmt_residence_permit"
        one_off = service.read_card(timeout=2, driver="simulated", port="foreign_permanent_2017")
        assert one_off.card_type == "foreign_permanent_2017"
        with pytest.raises(CardReadFailed) as info:
            service.read_card(timeout=1, driver="ga467", port="/dev/yunban-none")
        assert info.value.code == "unavailable"
    finally:
        service.close()


def test_service_events_arrive_as_app_data_in_the_terminal_language() -> None:
    service = IdentityService(CardReaderConfig(driver="simulated"), language="en")
    reader = service.reader
    assert isinstance(reader, SimulatedReader)
    reader.auto_relay = False
    events: queue.Queue[tuple[CardEventData, str]] = queue.Queue()
    service.watch(lambda e: events.put((e, threading.current_thread().name)))
    try:
        event, thread = events.get(timeout=5)
        assert event.kind == "card_read" and event.card is not None and event.card.gender == "female"
        assert thread.startswith("card-simulated")
        reader.lift()
        assert events.get(timeout=5)[0].kind == "card_removed"
        reader.lay(foreign_2023_card())
        event, _ = events.get(timeout=5)
        assert event.card is not None and event.card.name_en == "SMITH-WORTHINGTON, JOHN ALEXANDER BARTHOLOMEW"
    finally:
        service.close()
