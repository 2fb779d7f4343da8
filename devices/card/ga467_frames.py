"""GA 467 (居民身份证验证安全控制模块接口技术规范) serial frames and the 256-byte card text, as pure functions.

Contract: pure functions over bytes; framing, the status bytes (`STATUS`) and the four text layouts are described
in docs/card-readers.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from devices.card.base import (
    CardError,
    CardReadError,
    CardRemovedError,
    ChecksumError,
    NoCardError,
    ReaderTimeoutError,
    SamFaultError,
    UnsupportedCardError,
)
from devices.errors import Note

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"

FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_BASE = (0x30, 0x01)
READ_BASE_FP = (0x30, 0x10)
READ_ADDITIONAL_ADDRESS = (0x30, 0x03)
"""读追加住址信息: 70 bytes of UCS-2LE text, or status 0x91 when the card carries none."""
SAM_RESET = (0x10, 0xFF)
SAM_STATUS = (0x11, 0xFF)
SAM_ID = (0x12, 0xFF)

SW_OK = 0x90
SW_FOUND = 0x9F
SW_NO_CARD = 0x80
SW_SELECT_FAILED = 0x81
SW_READ_FAILED = 0x41
SW_BAD_CHECKSUM = 0x10
SW_NO_CONTENT = 0x91
SW_UNKNOWN_COMMAND = 0x21
SW_NOT_PERMITTED = 0x23

STATUS: dict[int, str] = {
    0x90: "success",
    0x9F: "card_found",
    0x10: "command_checksum",
    0x11: "command_length",
    0x21: "unknown_command",
    0x23: "not_permitted",
    0x24: "internal_error",
    0x31: "card_rejected_sam",
    0x32: "sam_rejected_card",
    0x33: "verification_failed",
    0x40: "unknown_card_type",
    0x41: "read_failed",
    0x47: "no_random_number",
    0x60: "sam_self_test_failed",
    0x66: "sam_not_authorised",
    0x80: "no_card",
    0x81: "select_failed",
    0x91: "no_such_content",
}
"""SW3 status bytes by name; the words are the catalog's `devices.card.ga467_status.<name>`."""

SAM_FAULTS = {0x31, 0x32, 0x60, 0x66}


def xor(data: bytes) -> int:
    value = 0
    for b in data:
        value ^= b
    return value


def build_frame(body: bytes) -> bytes:
    """Wrap a body (CMD PARA DATA, or SW1 SW2 SW3 DATA) with preamble, length and checksum."""
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([xor(length + body)])


def build_command(command: tuple[int, int], data: bytes = b"") -> bytes:
    """`build_command(FIND_CARD)` → `AA AA AA 96 69 00 03 20 01 22`."""
    return build_frame(bytes(command) + data)


def build_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return build_frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True, slots=True)
class Reply:
    sw1: int
    sw2: int
    sw3: int
    data: bytes


def split_frame(frame: bytes) -> bytes:
    """The body of one complete frame (between length and checksum), after checking preamble, length and XOR."""
    if not frame.startswith(PREAMBLE):
        raise CardReadError(reason="bad_preamble")
    if len(frame) < len(PREAMBLE) + 3:
        raise ReaderTimeoutError(reason="truncated")
    length = int.from_bytes(frame[5:7], "big")
    expected = len(PREAMBLE) + 2 + length
    if len(frame) < expected:
        raise ReaderTimeoutError(reason="truncated_frame", got=len(frame), expected=expected)
    body = frame[7 : expected - 1]
    if xor(frame[5 : expected - 1]) != frame[expected - 1]:
        raise ChecksumError()
    return body


def parse_reply(frame: bytes) -> Reply:
    body = split_frame(frame)
    if len(body) < 3:
        raise CardReadError(reason="reply_too_short")
    return Reply(body[0], body[1], body[2], body[3:])


def parse_command(frame: bytes) -> tuple[tuple[int, int], bytes]:
    """(CMD, PARA), DATA of a command frame (used by the emulator)."""
    body = split_frame(frame)
    if len(body) < 2:
        raise CardReadError(reason="command_too_short")
    return (body[0], body[1]), body[2:]


class FrameAssembler:
    """Feed bytes as they arrive; iterate complete frames. Bytes before a preamble are dropped (line noise)."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._buffer += data
        while True:
            start = self._buffer.find(PREAMBLE)
            if start < 0:
                del self._buffer[: max(0, len(self._buffer) - len(PREAMBLE) + 1)]
                return
            del self._buffer[:start]
            if len(self._buffer) < 7:
                return
            total = 7 + int.from_bytes(self._buffer[5:7], "big")
            if len(self._buffer) < total:
                return
            frame = bytes(self._buffer[:total])
            del self._buffer[:total]
            yield frame


def status_note(sw3: int) -> Note:
    """The name of a status byte, for a message (`devices.card.ga467_status.<name>`, or `.unknown` with `sw3`)."""
    name = STATUS.get(sw3)
    if name is None:
        return Note("devices.card.ga467_status.unknown", {"sw3": sw3})
    return Note(f"devices.card.ga467_status.{name}")


def status_error(sw3: int, *, during: str) -> CardError:
    """The error for a status other than success; `during` is `find`, `select`, `read` or `sam`."""
    if sw3 in SAM_FAULTS:
        return SamFaultError(status=status_note(sw3), sw3=sw3)
    if sw3 == SW_BAD_CHECKSUM:
        return ChecksumError(reason="checksum_rejected", status=status_note(sw3), sw3=sw3)
    if sw3 == SW_NO_CARD and during in ("find", "select"):
        return NoCardError()
    if during == "read" and sw3 in (SW_READ_FAILED, SW_NO_CARD, SW_SELECT_FAILED):
        return CardRemovedError(reason="lifted_during_read", sw3=sw3)
    if sw3 == 0x40:
        return UnsupportedCardError(reason="reader_status", status=status_note(sw3), sw3=sw3)
    return CardReadError(reason="reader_status", status=status_note(sw3), sw3=sw3)


# --- base message -------------------------------------------------------------------------------------------------

TEXT_LENGTH = 256
PHOTO_LENGTH = 1024
CARD_TYPE_OFFSET = 248

# (field, byte length) in order; "" is a reserved gap. Each sums to 256 bytes.
LAYOUTS: dict[str, tuple[tuple[str, int], ...]] = {
    # 居民身份证 (GA 467 base text).
    "resident_id": (
        ("name", 30),
        ("gender", 2),
        ("ethnicity", 4),
        ("birth_date", 16),
        ("address", 70),
        ("id_number", 36),
        ("authority", 30),
        ("valid_from", 16),
        ("valid_to", 16),
        ("", 36),
    ),
    # 港澳台居民居住证, card type 'J': 通行证号码 and 签发次数 after the validity.
    "hmt_residence_permit": (
        ("name", 30),
        ("gender", 2),
        ("", 4),
        ("birth_date", 16),
        ("address", 70),
        ("id_number", 36),
        ("authority", 30),
        ("valid_from", 16),
        ("valid_to", 16),
        ("permit_number", 18),
        ("issue_count", 4),
        ("", 6),
        ("card_type", 2),
        ("", 6),
    ),
    # 外国人永久居留身份证 (2017), card type 'I'.
    "foreign_permanent_2017": (
        ("name_en", 120),
        ("gender", 2),
        ("id_number", 30),
        ("nationality", 6),
        ("name", 30),
        ("valid_from", 16),
        ("valid_to", 16),
        ("birth_date", 16),
        ("card_version", 4),
        ("authority_code", 8),
        ("card_type", 2),
        ("", 6),
    ),
    # 外国人永久居留身份证 (2023), card type 'Y': mirrors the resident layout; English name in two parts.
    "foreign_permanent_2023": (
        ("name", 30),
        ("gender", 2),
        ("issue_count", 4),
        ("birth_date", 16),
        ("name_en", 70),
        ("id_number", 36),
        ("", 30),
        ("valid_from", 16),
        ("valid_to", 16),
        ("name_en_more", 22),
        ("nationality", 6),
        ("card_type", 2),
        ("previous_number", 6),
    ),
}
TYPE_LETTERS = {"J": "hmt_residence_permit", "I": "foreign_permanent_2017", "Y": "foreign_permanent_2023"}
LETTER_OF_TYPE = {v: k for k, v in TYPE_LETTERS.items()}


def _decode(raw: bytes) -> str:
    text = raw.decode("utf-16-le", errors="replace")
    return text.rstrip(" \x00").strip()


def card_type_of(text: bytes) -> str:
    """The layout key for a 256-byte text by its card-type byte (offset 248)."""
    letter = chr(text[CARD_TYPE_OFFSET]) if text[CARD_TYPE_OFFSET + 1] == 0 else "?"
    if letter in TYPE_LETTERS:
        return TYPE_LETTERS[letter]
    if letter in (" ", "\x00"):
        return "resident_id"
    raise UnsupportedCardError(reason="card_type_letter", letter=letter)


def parse_text(text: bytes) -> tuple[str, dict[str, str]]:
    """(card type, fields) of a base-message text. Empty fields are left out."""
    if len(text) != TEXT_LENGTH:
        raise CardReadError(reason="text_length", length=len(text))
    card_type = card_type_of(text)
    fields: dict[str, str] = {}
    spans: dict[str, bytes] = {}
    offset = 0
    for name, size in LAYOUTS[card_type]:
        if name and name != "card_type":
            spans[name] = text[offset : offset + size]
            value = _decode(spans[name])
            if value:
                fields[name] = value
        offset += size
    if "name_en_more" in spans:
        # The 2023 card's English name is one name stored in two places (35 + 11 characters): join the raw parts
        # first, then trim, so a space at the boundary ("...ALEXANDER" + " BART...") is kept.
        fields.pop("name_en_more", None)
        joined = _decode(spans["name_en"] + spans["name_en_more"])
        if joined:
            fields["name_en"] = joined
        else:
            fields.pop("name_en", None)
    return card_type, fields


ADDRESS_CARD_TYPES = frozenset({"resident_id", "hmt_residence_permit"})
"""Card types with an address on the chip, and so possibly an additional address (追加住址)."""


def parse_additional_address(data: bytes) -> str | None:
    """The text of a `30 03` reply (UCS-2LE, space or NUL padded, normally 70 bytes); None when it is blank. A stray
    odd byte at the end is dropped."""
    return _decode(data[: len(data) - len(data) % 2]) or None


def encode_additional_address(address: str) -> bytes:
    """The emulator's `30 03` reply data: the address in UCS-2LE padded with spaces to 70 bytes (longer refused)."""
    raw = address.encode("utf-16-le")
    if len(raw) > 70:
        raise ValueError(f"additional address does not fit in 70 bytes: {address!r}")
    return raw + " ".encode("utf-16-le") * ((70 - len(raw)) // 2)


def encode_text(card_type: str, fields: dict[str, str]) -> bytes:
    """The inverse of `parse_text`, used by the emulator: fields padded with UCS-2 spaces, too long refused."""
    out = bytearray()
    fields = dict(fields)
    if card_type == "foreign_permanent_2023":
        name_en = fields.get("name_en", "")
        fields["name_en"], fields["name_en_more"] = name_en[:35], name_en[35:]
    for name, size in LAYOUTS[card_type]:
        value = LETTER_OF_TYPE[card_type] if name == "card_type" else fields.get(name, "") if name else ""
        raw = value.encode("utf-16-le")
        if len(raw) > size:
            raise ValueError(f"{name} does not fit in {size} bytes: {value!r}")
        out += raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)
    assert len(out) == TEXT_LENGTH
    return bytes(out)


@dataclass(frozen=True, slots=True)
class BaseMessage:
    text: bytes
    photo: bytes
    fingerprint: bytes = b""


def parse_base_message(data: bytes, *, with_fingerprint: bool = False) -> BaseMessage:
    """Split the data of a `30 01` (or `30 10`) reply into text, photo (and fingerprint)."""
    header = 6 if with_fingerprint else 4
    if len(data) < header:
        raise CardReadError(reason="base_too_short")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    fp_len = int.from_bytes(data[4:6], "big") if with_fingerprint else 0
    if len(data) != header + text_len + photo_len + fp_len:
        raise CardReadError(reason="base_length", length=len(data))
    text = data[header : header + text_len]
    photo = data[header + text_len : header + text_len + photo_len]
    return BaseMessage(text, photo, data[header + text_len + photo_len :])


def build_base_message(text: bytes, photo: bytes) -> bytes:
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


def format_sam_id(data: bytes) -> str:
    """The SAM serial as vendors print it: `05.01-20101231-0012345678-1234567890` (little-endian fields)."""
    if len(data) < 16:
        return data.hex()
    a = int.from_bytes(data[0:2], "little")
    b = int.from_bytes(data[2:4], "little")
    c = int.from_bytes(data[4:8], "little")
    d = int.from_bytes(data[8:12], "little")
    e = int.from_bytes(data[12:16], "little")
    return f"{a:02d}.{b:02d}-{c:08d}-{d:010d}-{e:010d}"
