"""Social security card APDUs and records as pure functions, and the virtual card's applet, over byte fixtures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.devices.messages import render
from devices.card import apdu
from devices.card.base import CardReadError, CardRemovedError, UnsupportedCardError
from devices.emulators.demo_cards import DemoSocialSecurityCard
from devices.emulators.vpcd_card import SocialSecurityApplet


def test_command_bytes() -> None:
    assert apdu.select_by_name(apdu.SSC_APPLICATION).hex().upper() == "00A404000F7378312E73682EC9E7BBE1B1A3D5CF"
    assert apdu.select_file(apdu.EF_HOLDER) == bytes.fromhex("00A4020002EF06")
    assert apdu.read_record(apdu.REC_NAME) == bytes.fromhex("00B2090400")
    assert apdu.get_response(0x20) == bytes.fromhex("00C0000020")


@pytest.mark.parametrize(
    ("sw", "what", "error", "text"),
    [
        ((0x6A, 0x82), "select application", UnsupportedCardError, "不是社会保障卡"),
        ((0x6A, 0x82), "select EF06", CardReadError, "没有这个文件"),
        ((0x69, 0x82), "read EF06/09", CardReadError, "PIN"),
        ((0x6A, 0x83), "read EF06/0D", CardReadError, "6A83"),
        ((0x12, 0x34), "read EF05/07", CardReadError, "1234"),
    ],
)
def test_status_words_become_clear_errors(sw: tuple[int, int], what: str, error: type[Exception], text: str) -> None:
    exc = apdu.sw_error(*sw, what=what)
    assert type(exc) is error
    assert text in render(exc.note, "zh_CN") or text in render(exc.note, "en")


def test_tlv() -> None:
    assert apdu.parse_tlv(bytes.fromhex("0A0131"), 0x0A) == b"1"
    with pytest.raises(CardReadError) as info:
        apdu.parse_tlv(bytes.fromhex("0A0131"), 0x0B)
    assert info.value.reason == "bad_record" and info.value.params == {"tag": "0B", "got": "0a01"}
    with pytest.raises(CardRemovedError):
        apdu.parse_tlv(bytes.fromhex("0904C9E7"), 0x09)


def test_decode_holder_records() -> None:
    records = {
        apdu.REC_CARD_NUMBER: b"Y53250018",
        apdu.REC_SSN: b"53252419880315002X",
        apdu.REC_NAME: "𠮷䶮".encode("gb18030").ljust(30, b"\x00"),
        apdu.REC_GENDER: b"2",
        apdu.REC_ETHNICITY: b"\x16",
        apdu.REC_BIRTH_DATE: bytes.fromhex("19880315"),
    }
    assert apdu.decode_holder(records) == {
        "card_number": "Y53250018",
        "id_number": "53252419880315002X",
        "name": "𠮷䶮",
        "gender": "2",
        "ethnicity": "16",
        "birth_date": "19880315",
    }
    assert apdu.decode_holder({apdu.REC_GENDER: b"\x01", apdu.REC_ETHNICITY: b"07"}) == {
        "gender": "1",
        "ethnicity": "07",
    }


def test_applet_session() -> None:
    applet = SocialSecurityApplet(DemoSocialSecurityCard())
    assert applet.process(apdu.read_record(apdu.REC_NAME)) == b"\x69\x86"  # nothing selected yet
    assert applet.process(apdu.select_file(apdu.EF_HOLDER)) == b"\x6a\x82"  # application not selected
    assert applet.process(apdu.select_by_name(apdu.SSC_APPLICATION)) == b"\x90\x00"
    assert applet.process(apdu.select_file(apdu.EF_HOLDER)) == b"\x90\x00"
    reply = applet.process(apdu.read_record(apdu.REC_GENDER))
    assert reply == bytes.fromhex("0A0132") + b"\x90\x00"  # GB/T 2261.1 code 2: the holder is female
    assert applet.process(apdu.read_record(apdu.REC_SSN, le=5)) == bytes([0x6C, 20])  # wrong Le: told the right one
    assert applet.process(apdu.read_record(0x0E)) == b"\x6a\x83"
    assert applet.process(bytes.fromhex("80CA9F7F00")) == b"\x6e\x00"
    assert applet.process(bytes.fromhex("00840000")) == b"\x6d\x00"


@given(name=st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=15))
def test_property_names_round_trip_through_the_applet(name: str) -> None:
    applet = SocialSecurityApplet(DemoSocialSecurityCard(name=name))
    applet.process(apdu.select_by_name(apdu.SSC_APPLICATION))
    applet.process(apdu.select_file(apdu.EF_HOLDER))
    reply = applet.process(apdu.read_record(apdu.REC_NAME))
    assert reply[-2:] == b"\x90\x00"
    value = apdu.parse_tlv(reply[:-2], apdu.REC_NAME)
    assert apdu.decode_holder({apdu.REC_NAME: value})["name"] == name
