"""GA 467 frames and card text as pure functions over bytes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.devices.messages import render
from devices.card import ga467_frames as f
from devices.card.base import (
    CardReadError,
    CardRemovedError,
    ChecksumError,
    NoCardError,
    ReaderTimeoutError,
    SamFaultError,
    UnsupportedCardError,
)
from devices.emulators.demo_cards import DEMO_ID_CARDS, resident_card


def test_commands_are_the_documented_bytes() -> None:
    assert f.build_command(f.FIND_CARD) == bytes.fromhex("AAAAAA9669 0003 2001 22")
    assert f.build_command(f.SELECT_CARD) == bytes.fromhex("AAAAAA9669 0003 2002 21")
    assert f.build_command(f.READ_BASE) == bytes.fromhex("AAAAAA9669 0003 3001 32")
    assert f.build_command(f.SAM_STATUS) == bytes.fromhex("AAAAAA9669 0003 11FF ED")


def test_reply_parsing_verifies_length_and_checksum() -> None:
    frame = f.build_reply(f.SW_FOUND, b"\x00\x00\x00\x00")
    assert frame == bytes.fromhex("AAAAAA9669 0008 00009F 00000000 97")
    reply = f.parse_reply(frame)
    assert (reply.sw1, reply.sw2, reply.sw3, reply.data) == (0, 0, 0x9F, b"\x00" * 4)
    with pytest.raises(ChecksumError):
        f.parse_reply(frame[:-1] + bytes([frame[-1] ^ 1]))
    with pytest.raises(ReaderTimeoutError) as info:
        f.parse_reply(frame[:-3])
    assert info.value.reason == "truncated_frame" and "不完整" in render(info.value.note, "zh_CN")
    with pytest.raises(CardReadError):
        f.parse_reply(b"\x00" + frame[1:])


def test_assembler_skips_noise_and_joins_split_frames() -> None:
    a = f.build_reply(f.SW_OK)
    b = f.build_reply(f.SW_NO_CARD)
    assembler = f.FrameAssembler()
    stream = b"\x00\xff" + a + b"\x13" + b
    frames: list[bytes] = []
    for i in range(0, len(stream), 3):
        frames.extend(assembler.feed(stream[i : i + 3]))
    assert frames == [a, b]


@pytest.mark.parametrize(
    ("sw3", "during", "error"),
    [
        (0x80, "find", NoCardError),
        (0x41, "read", CardRemovedError),
        (0x80, "read", CardRemovedError),
        (0x60, "sam", SamFaultError),
        (0x66, "read", SamFaultError),
        (0x10, "find", ChecksumError),
        (0x40, "read", UnsupportedCardError),
        (0x24, "read", CardReadError),
        (0x77, "read", CardReadError),
    ],
)
def test_status_words_map_to_clear_errors(sw3: int, during: str, error: type[Exception]) -> None:
    exc = f.status_error(sw3, during=during)
    assert type(exc) is error
    zh, en = render(exc.note, "zh_CN"), render(exc.note, "en")
    assert zh and en and zh != en and "devices." not in zh + en  # worded in both languages, none left as a key


def test_layouts_are_256_bytes_with_the_type_byte_at_248() -> None:
    for name, layout in f.LAYOUTS.items():
        assert sum(size for _, size in layout) == 256, name
        offset = 0
        for field, size in layout:
            if field == "card_type":
                assert offset == f.CARD_TYPE_OFFSET
            offset += size


@pytest.mark.parametrize("kind", list(DEMO_ID_CARDS))
def test_text_round_trip_for_every_layout(kind: str) -> None:
    card = DEMO_ID_CARDS[kind]()
    text = f.encode_text(card.card_type, card.fields)
    assert len(text) == 256
    card_type, fields = f.parse_text(text)
    assert card_type == card.card_type
    assert fields == {k: v for k, v in card.fields.items() if v}


def test_type_letters_and_an_unknown_one() -> None:
    text = bytearray(f.encode_text("hmt_residence_permit", DEMO_ID_CARDS["hmt_residence_permit"]().fields))
    assert text[248:250] == b"J\x00"
    text[248] = ord("Q")
    with pytest.raises(UnsupportedCardError) as info:
        f.parse_text(bytes(text))
    assert info.value.params == {"letter": "Q"} and "“Q”" in render(info.value.note, "en")


def test_rare_characters_survive_the_ucs2_text() -> None:
    """䶮 (U+4DAE, CJK Ext. A) is one UCS-2 unit; 𠮷 (U+20BB7) is stored as a surrogate pair."""
    card = resident_card(name="𠮷䶮龑", address="云南省𠮷县䶮乡")
    _, fields = f.parse_text(f.encode_text(card.card_type, card.fields))
    assert fields["name"] == "𠮷䶮龑" and fields["address"] == "云南省𠮷县䶮乡"


def test_too_long_field_is_refused_by_the_encoder() -> None:
    with pytest.raises(ValueError, match="name"):
        f.encode_text("resident_id", {"name": "一" * 16})


@given(name=st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=15))
def test_property_any_cjk_name_round_trips(name: str) -> None:
    _, fields = f.parse_text(f.encode_text("resident_id", {"name": name}))
    assert fields["name"] == name


def test_base_message_split_and_length_check() -> None:
    text = f.encode_text("resident_id", resident_card().fields)
    data = f.build_base_message(text, b"P" * 1024)
    message = f.parse_base_message(data)
    assert message.text == text and message.photo == b"P" * 1024
    with pytest.raises(CardReadError):
        f.parse_base_message(data[:-1])


def test_sam_id_format() -> None:
    data = (5).to_bytes(2, "little") + (1).to_bytes(2, "little") + (20101231).to_bytes(4, "little")
    data += (12345678).to_bytes(4, "little") + (987654321).to_bytes(4, "little")
    assert f.format_sam_id(data) == "05.01-20101231-0012345678-0987654321"


@given(
    payloads=st.lists(st.binary(max_size=40), min_size=1, max_size=5),
    noise=st.binary(max_size=8).filter(lambda b: b"\xaa" not in b),
    cuts=st.lists(st.integers(1, 17), min_size=1, max_size=30),
)
def test_property_assembler_recovers_frames_from_any_chunking(
    payloads: list[bytes], noise: bytes, cuts: list[int]
) -> None:
    frames = [f.build_reply(f.SW_OK, p) for p in payloads]
    stream = noise + b"".join(frames)
    assembler = f.FrameAssembler()
    got: list[bytes] = []
    i = 0
    for n in cuts * (len(stream) // sum(cuts) + 1):
        got.extend(assembler.feed(stream[i : i + n]))
        i += n
        if i >= len(stream):
            break
    assert got == frames
    assert [f.parse_reply(g).data for g in got] == payloads
