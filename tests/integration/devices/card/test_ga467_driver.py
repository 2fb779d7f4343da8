"""The GA 467 driver against the pty emulator: every layout over the real wire, the lift-and-lay rule, faults."""

from __future__ import annotations

import os
import queue
import threading

import pytest

from app.devices.card_data import to_card_data
from app.devices.messages import render
from devices.card import ga467_frames as f
from devices.card.base import (
    CardEvent,
    CardReadError,
    CardRemovedError,
    ChecksumError,
    NoCardError,
    ReaderGoneError,
    ReaderTimeoutError,
    ReaderUnavailableError,
    SamFaultError,
)
from devices.card.ga467 import Ga467Reader
from devices.emulators.demo_cards import DEMO_ID_CARDS, resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from devices.errors import Note
from tests.integration.devices.card.conftest import wait_for


@pytest.mark.parametrize("kind", list(DEMO_ID_CARDS))
def test_reads_every_layout_over_the_wire(emulator: Ga467PtyEmulator, reader: Ga467Reader, kind: str) -> None:
    card = DEMO_ID_CARDS[kind]()
    emulator.lay(card)
    raw = reader.read_card(2)
    assert raw.source == "ga467" and raw.card_type == card.card_type
    assert raw.fields == {k: v for k, v in card.fields.items() if v}
    assert raw.photo == card.photo and raw.photo_format == "wlt"
    extra = [f.READ_ADDITIONAL_ADDRESS] if card.card_type in f.ADDRESS_CARD_TYPES else []  # 追加住址 (30 03)
    assert emulator.commands == [f.FIND_CARD, f.SELECT_CARD, f.READ_BASE, *extra]


def test_rare_characters_in_a_name(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.lay(resident_card(name="𠮷䶮"))
    assert to_card_data(reader.read_card(2)).name == "𠮷䶮"


def test_a_card_must_be_lifted_and_laid_again(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    reader.read_card(2)
    assert emulator.card_state == "halted"
    with pytest.raises(NoCardError) as info:
        reader.read_card(0.4)
    assert info.value.reason == "no_new_card_within" and info.value.params == {"timeout": 0.4}
    assert "重新放置" in render(info.value.note, "zh_CN") and "lifted and laid again" in render(info.value.note, "en")
    assert emulator.reads == 1
    emulator.lift()
    emulator.lay(resident_card(name="王芳"))
    assert reader.read_card(2).fields["name"] == "王芳"


def test_polling_is_never_faster_than_300_ms(emulator: Ga467PtyEmulator) -> None:
    emulator.lift()
    fast = Ga467Reader(emulator.port, reply_timeout=0.5, poll_interval=0.05)
    try:
        assert fast.poll_interval == 0.3
        with pytest.raises(NoCardError):
            fast.read_card(0.95)
        # polls at 0, >=0.3, >=0.6, >=0.9 s: at most four finds fit in 0.95 s
        assert 1 <= emulator.commands.count(f.FIND_CARD) <= 4
    finally:
        fast.close()


def test_card_lifted_mid_read(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.set_fault("lift_mid_read", once=True)
    with pytest.raises(CardRemovedError) as info:
        reader.read_card(2)
    assert info.value.params == {"sw3": 0x41} and "保持不动" in render(info.value.note, "zh_CN")
    emulator.lay(resident_card())
    assert reader.read_card(2).card_type == "resident_id"


def test_one_bad_checksum_is_retried(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.set_fault("bad_checksum", once=True)
    assert reader.read_card(2).fields["name"] == "李明华"
    assert emulator.commands[:2] == [f.FIND_CARD, f.FIND_CARD]  # the garbled reply's command was sent again


def test_persistent_bad_checksum_is_reported(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.set_fault("bad_checksum")
    with pytest.raises(ChecksumError):
        reader.read_card(2)


def test_truncated_reply(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.set_fault("truncated")
    with pytest.raises(ReaderTimeoutError) as info:
        reader.read_card(2)
    assert "不完整" in render(info.value.note, "zh_CN") and "truncated" in render(info.value.note, "en")


def test_silent_reader(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.set_fault("silence")
    with pytest.raises(ReaderTimeoutError) as info:
        reader.read_card(2)
    assert "无应答" in render(info.value.note, "zh_CN")


def test_reader_unplugged_mid_read(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.set_fault("vanish_mid_read")
    with pytest.raises(ReaderGoneError) as info:
        reader.read_card(2)
    assert "断开" in render(info.value.note, "zh_CN")
    assert not os.path.exists(emulator.port)


def test_reader_unplugged_between_reads(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    reader.read_card(2)
    emulator.unplug()
    with pytest.raises((ReaderGoneError, ReaderUnavailableError)):
        reader.read_card(1)


def test_missing_port() -> None:
    reader = Ga467Reader("/dev/ttyUSB-yunban-missing")
    try:
        with pytest.raises(ReaderUnavailableError) as info:
            reader.read_card(1)
        assert info.value.reason == "port_unavailable" and info.value.params["port"] == "/dev/ttyUSB-yunban-missing"
    finally:
        reader.close()


def test_sam_status_id_and_fault(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    assert reader.status_note() == Note("devices.card.ready_sam")
    assert reader.sam_id() == "05.01-20101231-0012345678-0987654321"
    emulator.set_fault("sam_fault")
    with pytest.raises(SamFaultError) as info:
        reader.status()
    assert "安全模块自检失败" in render(info.value.note, "zh_CN") and "self-test" in render(info.value.note, "en")


def test_watch_reports_reads_on_the_device_thread(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    events: queue.Queue[tuple[CardEvent, str]] = queue.Queue()
    reader.watch(lambda e: events.put((e, threading.current_thread().name)))
    try:
        event, thread = events.get(timeout=5)
        assert event.kind == "card_read" and event.card is not None
        assert thread.startswith("card-ga467-")
        emulator.set_fault("lift_mid_read", once=True)
        emulator.lay(resident_card(name="赵雷"))
        event, _ = events.get(timeout=5)
        assert event.kind == "card_read_failed" and isinstance(event.error, CardRemovedError)
        emulator.lay(resident_card(name="赵雷"))
        event, _ = events.get(timeout=5)
        assert event.kind == "card_read" and event.card is not None and event.card.fields["name"] == "赵雷"
        with pytest.raises(CardReadError, match="自动读卡"):
            reader.read_card(1)
        emulator.unplug()
        event, _ = events.get(timeout=5)
        assert event.kind == "reader_lost" and isinstance(event.error, ReaderGoneError)
    finally:
        reader.stop_watching()
    assert events.empty()


def test_stop_watching_returns_promptly(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.lift()
    seen: list[CardEvent] = []
    reader.watch(seen.append)
    wait_for(lambda: f.FIND_CARD in emulator.commands, what="the first poll")
    reader.stop_watching()
    count = len(emulator.commands)
    emulator.lay(resident_card())
    reader.close()
    assert len(emulator.commands) == count and seen == []


def test_reader_reporting_our_frames_garbled(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.set_fault("reject_checksum", once=True)
    assert reader.read_card(2).card_type == "resident_id"  # resent once
    emulator.lay(resident_card())
    emulator.set_fault("reject_checksum")
    with pytest.raises(ChecksumError, match="串口"):
        reader.read_card(2)


def test_sam_reset(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    reader.reset_sam()
    assert emulator.commands == [f.SAM_RESET]
