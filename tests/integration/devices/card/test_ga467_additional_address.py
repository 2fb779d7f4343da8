"""GA 467 `30 03` (读追加住址信息, the additional address) through the real serial driver and the pty emulator.

The command follows the base message while the card is still selected, as the vendors' SDKs do (e.g. Synjones
`IDcardReader.readAppendAdd`: CMD 30, PARA 03; status 0x90 with 70 bytes of UCS-2LE text, 0x91 when the card has
no additional address). A reader that does not know the command (0x21) is not asked again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.devices.card_data import to_card_data
from devices.card import ga467_frames as f
from devices.card.ga467 import Ga467Reader
from devices.emulators.demo_cards import foreign_2017_card, hmt_permit_card, resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator

EXTRA = "云南省昆明市盘龙区拓东街道拓东路一号"


@pytest.fixture
def old_reader_emulator() -> Iterator[Ga467PtyEmulator]:
    with Ga467PtyEmulator(resident_card(), reads_additional_address=False) as emu:
        yield emu


def _reader(emulator: Ga467PtyEmulator) -> Ga467Reader:
    return Ga467Reader(emulator.port, reply_timeout=0.5, poll_interval=0.3)


def test_resident_card_with_an_additional_address(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    card = resident_card()
    card.additional_address = EXTRA
    emulator.lay(card)
    raw = reader.read_card(3)
    assert raw.fields["additional_address"] == EXTRA
    assert raw.fields["address"] == card.fields["address"]
    assert emulator.commands[-2:] == [f.READ_BASE, f.READ_ADDITIONAL_ADDRESS]
    data = to_card_data(raw)
    assert data.additional_address == EXTRA
    assert data.to_json()["additional_address"] == EXTRA
    assert reader.reads_additional_address is True


def test_residence_permit_with_an_additional_address(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    card = hmt_permit_card()
    card.additional_address = EXTRA
    emulator.lay(card)
    assert reader.read_card(3).fields["additional_address"] == EXTRA


def test_no_additional_address_is_status_91(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    raw = reader.read_card(3)
    assert "additional_address" not in raw.fields
    assert emulator.commands[-1] == f.READ_ADDITIONAL_ADDRESS
    assert to_card_data(raw).to_json()["additional_address"] is None
    assert reader.reads_additional_address is True


def test_card_without_an_address_is_not_asked(emulator: Ga467PtyEmulator, reader: Ga467Reader) -> None:
    emulator.lay(foreign_2017_card())
    raw = reader.read_card(3)
    assert raw.card_type == "foreign_permanent_2017"
    assert f.READ_ADDITIONAL_ADDRESS not in emulator.commands
    assert reader.reads_additional_address is None


def test_a_reader_without_the_command_is_asked_once(old_reader_emulator: Ga467PtyEmulator) -> None:
    reader = _reader(old_reader_emulator)
    try:
        first = reader.read_card(3)
        assert "additional_address" not in first.fields and first.fields["name"] == "李明华"
        assert reader.reads_additional_address is False
        old_reader_emulator.lift()
        card = resident_card()
        card.additional_address = EXTRA  # on the card, but this reader cannot read it
        old_reader_emulator.lay(card)
        second = reader.read_card(3)
        assert "additional_address" not in second.fields
        assert old_reader_emulator.commands.count(f.READ_ADDITIONAL_ADDRESS) == 1
    finally:
        reader.close()
