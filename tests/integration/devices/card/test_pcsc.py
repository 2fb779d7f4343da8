"""The PC/SC driver against the real pcscd + vpcd, isolated in their own network and mount namespaces."""

from __future__ import annotations

import errno
import queue
import socket
from collections.abc import Iterator

import pytest

import app.devices.messages  # noqa: F401  (installs the devices' wording: errors read in Chinese)
from app.devices.card_data import to_card_data
from devices.card.base import (
    CardEvent,
    CardNotRelaidError,
    CardRemovedError,
    NoCardError,
    ReaderTimeoutError,
    ReaderUnavailableError,
    UnsupportedCardError,
)
from devices.card.pcsc import PcscReader, list_readers
from devices.emulators.demo_cards import DemoSocialSecurityCard
from devices.emulators.pcscd_sandbox import PcscdSandbox
from devices.emulators.vpcd_card import VPCD_PORT, VpcdCardEmulator
from tests.integration.devices.card.conftest import wait_for

READER = "Virtual PCD 00 00"


def card_present(reader: PcscReader) -> bool:
    return reader._thread.call(reader._io_present)


@pytest.fixture
def pcsc_reader(pcscd: PcscdSandbox) -> Iterator[PcscReader]:
    reader = PcscReader(READER, apdu_timeout=0.5, poll_interval=0.3)
    yield reader
    reader.close()


@pytest.fixture
def pcscd_then_restart(pcscd: PcscdSandbox) -> Iterator[PcscdSandbox]:
    """For tests that cut a card off mid-APDU: vpcd (not pcscd's real readers) then stops reporting insertions, so
    pcscd is restarted afterwards (same socket path, ~35 ms) to keep later tests independent of this one."""
    yield pcscd
    pcscd.restart()


def insert(emulator: VpcdCardEmulator, reader: PcscReader) -> None:
    emulator.insert()
    wait_for(lambda: card_present(reader), what="pcscd to see the card")


def remove(emulator: VpcdCardEmulator, reader: PcscReader) -> None:
    emulator.remove()
    wait_for(lambda: not card_present(reader), what="pcscd to see the card go")


def test_pcscd_starts_isolated_and_lists_the_vpcd_readers(pcscd: PcscdSandbox) -> None:
    assert pcscd.startup_seconds is not None
    assert READER in list_readers()
    # vpcd listens on every interface, but only inside the sandbox's namespace: the host cannot reach it.
    probe = socket.socket()
    try:
        assert probe.connect_ex(("127.0.0.1", VPCD_PORT)) == errno.ECONNREFUSED
    finally:
        probe.close()


def test_reads_the_social_security_card(pcscd: PcscdSandbox, pcsc_reader: PcscReader) -> None:
    card = DemoSocialSecurityCard(name="𠮷䶮", ethnicity="16", gender="2")
    emulator = VpcdCardEmulator(card, netns=pcscd.netns)
    insert(emulator, pcsc_reader)
    try:
        raw = pcsc_reader.read_card(3)
        assert pcsc_reader.atr == emulator.atr
        assert raw.card_type == "social_security"
        assert raw.fields == {
            "card_number": "Y53250018",
            "id_number": "53252419880315002X",
            "name": "𠮷䶮",
            "gender": "2",
            "ethnicity": "16",
            "birth_date": "19880315",
            "issue_date": "20200115",
            "valid_to": "20300115",
        }
        data = to_card_data(raw)
        assert (data.gender, data.ethnicity, data.birth_date, data.card_number) == (
            "女",
            "哈尼族",
            "1988-03-15",
            "Y53250018",
        )
        assert emulator.apdus[0] == bytes.fromhex("00A404000F") + "sx1.sh.社会保障".encode("gbk")
        # lift-and-lay: the same card still inserted is not read twice
        with pytest.raises(CardNotRelaidError):
            pcsc_reader.read_card(0.4)
        remove(emulator, pcsc_reader)
        with pytest.raises(NoCardError):
            pcsc_reader.read_card(0.4)
        insert(emulator, pcsc_reader)
        assert pcsc_reader.read_card(3).fields["name"] == "𠮷䶮"
    finally:
        emulator.remove()


def test_a_card_without_the_application(pcscd: PcscdSandbox, pcsc_reader: PcscReader) -> None:
    emulator = VpcdCardEmulator(netns=pcscd.netns, fault="no_application")
    insert(emulator, pcsc_reader)
    try:
        with pytest.raises(UnsupportedCardError, match="不是社会保障卡"):
            pcsc_reader.read_card(3)
    finally:
        remove(emulator, pcsc_reader)


def test_card_removed_mid_read(pcscd_then_restart: PcscdSandbox, pcsc_reader: PcscReader) -> None:
    emulator = VpcdCardEmulator(netns=pcscd_then_restart.netns, fault="remove_mid_read")
    insert(emulator, pcsc_reader)
    with pytest.raises(CardRemovedError):
        pcsc_reader.read_card(3)
    wait_for(lambda: not card_present(pcsc_reader), what="the card to be gone")


def test_mute_card_times_out(pcscd_then_restart: PcscdSandbox, pcsc_reader: PcscReader) -> None:
    emulator = VpcdCardEmulator(netns=pcscd_then_restart.netns, fault="mute")
    insert(emulator, pcsc_reader)
    try:
        with pytest.raises(ReaderTimeoutError):
            pcsc_reader.read_card(0.5)
    finally:
        emulator.remove()  # unblocks pcscd's transmit, and with it the abandoned device thread
    wait_for(lambda: not card_present(pcsc_reader), what="the card to be gone")


def test_unknown_reader_name(pcscd: PcscdSandbox) -> None:
    reader = PcscReader("Yunban Reader 99")
    try:
        with pytest.raises(ReaderUnavailableError, match="Virtual PCD 00 00"):
            reader.read_card(0.5)
    finally:
        reader.close()


def test_watch_through_card_monitor(pcscd: PcscdSandbox, pcsc_reader: PcscReader) -> None:
    events: queue.Queue[CardEvent] = queue.Queue()
    emulator = VpcdCardEmulator(netns=pcscd.netns)
    pcsc_reader.watch(events.put)
    try:
        emulator.insert()
        event = events.get(timeout=10)
        assert event.kind == "card_read" and event.card is not None and event.card.fields["name"] == "李明华"
        emulator.remove()
        assert events.get(timeout=10).kind == "card_removed"
    finally:
        pcsc_reader.stop_watching()
        emulator.remove()
