"""ISO 7816-4 APDUs for the social security card's public identity files (EF05, EF06), as pure functions over bytes.

Contract: pure; the card's files and records are described in docs/card-readers.md. EF05 holds the card's own data
(05 issue date, 06 valid-to date, 07 card number), EF06 the holder's (08 SSN, 09 name, 0A sex, 0B ethnic group,
0D birth date), each record a TLV, per the MOHRSS social security card specification (社会保障（个人）卡规范).
"""

from __future__ import annotations

from devices.card.base import CardError, CardReadError, CardRemovedError, UnsupportedCardError
from devices.errors import Note

SSC_APPLICATION = "sx1.sh.社会保障".encode("gbk")
EF_CARD = b"\xef\x05"
EF_HOLDER = b"\xef\x06"
REC_ISSUE_DATE = 0x05
"""EF05/05 发卡日期: 4 bytes BCD, YYYYMMDD."""
REC_VALID_TO = 0x06
"""EF05/06 卡有效期: 4 bytes BCD, YYYYMMDD (the last day the card is valid)."""
REC_CARD_NUMBER = 0x07
REC_SSN = 0x08
REC_NAME = 0x09
REC_GENDER = 0x0A
REC_ETHNICITY = 0x0B
REC_BIRTH_DATE = 0x0D

SW_OK = (0x90, 0x00)

SW_NAMES: dict[tuple[int, int], str] = {
    (0x62, 0x83): "file_invalidated",
    (0x65, 0x81): "memory_failure",
    (0x67, 0x00): "wrong_length",
    (0x69, 0x82): "security_not_satisfied",
    (0x69, 0x83): "authentication_blocked",
    (0x69, 0x85): "conditions_not_satisfied",
    (0x69, 0x86): "no_current_file",
    (0x6A, 0x81): "function_not_supported",
    (0x6A, 0x82): "file_not_found",
    (0x6A, 0x83): "record_not_found",
    (0x6A, 0x86): "wrong_p1_p2",
    (0x6D, 0x00): "instruction_not_supported",
    (0x6E, 0x00): "class_not_supported",
    (0x6F, 0x00): "internal_error",
}
"""Status words by name; the words are the catalog's `devices.card.sw.<name>` (`.refused` for any other)."""


def select_by_name(name: bytes) -> bytes:
    """SELECT by DF name: `00 A4 04 00 Lc name`."""
    return bytes([0x00, 0xA4, 0x04, 0x00, len(name)]) + name


def select_file(fid: bytes) -> bytes:
    """SELECT an elementary file by identifier under the current DF: `00 A4 02 00 02 fid`."""
    return bytes([0x00, 0xA4, 0x02, 0x00, len(fid)]) + fid


def read_record(number: int, le: int = 0) -> bytes:
    """READ RECORD by number in the current EF: `00 B2 number 04 Le` (Le 0: as long as the record is)."""
    return bytes([0x00, 0xB2, number, 0x04, le])


def get_response(le: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, le])


def sw_error(sw1: int, sw2: int, *, what: str) -> CardError:
    """The error for a status word other than 9000; `what` names the step (`select EF05`, `read EF06/09`)."""
    sw = f"{sw1:02X}{sw2:02X}"
    if (sw1, sw2) == (0x6A, 0x82) and what == "select application":
        return UnsupportedCardError(reason="not_social_security", sw=sw)
    status = Note(f"devices.card.sw.{SW_NAMES.get((sw1, sw2), 'refused')}")
    return CardReadError(reason="card_refused", status=status, sw=sw, step=what)


def parse_tlv(record: bytes, tag: int) -> bytes:
    """The value of a one-record TLV, checking its tag and length."""
    if len(record) < 2 or record[0] != tag:
        raise CardReadError(reason="bad_record", tag=f"{tag:02X}", got=record[:2].hex())
    length = record[1]
    if len(record) < 2 + length:
        raise CardRemovedError(reason="record_truncated", tag=f"{tag:02X}")
    return record[2 : 2 + length]


def encode_tlv(tag: int, value: bytes) -> bytes:
    return bytes([tag, len(value)]) + value


def _text(value: bytes, encoding: str = "ascii") -> str:
    return value.rstrip(b"\x00\xff ").decode(encoding, errors="replace").strip()


def bcd(value: bytes) -> str:
    return value.hex().upper()


def decode_holder(records: dict[int, bytes]) -> dict[str, str]:
    """RawCard fields from the EF05/EF06 record values (already out of their TLV)."""
    fields: dict[str, str] = {}
    if REC_CARD_NUMBER in records:
        fields["card_number"] = _text(records[REC_CARD_NUMBER])
    if REC_SSN in records:
        fields["id_number"] = _text(records[REC_SSN])
    if REC_NAME in records:
        # GB 18030 is a superset of GBK: a rare character written with its four-byte form still decodes.
        fields["name"] = _text(records[REC_NAME], "gb18030")
    gender = records.get(REC_GENDER, b"")
    if gender:
        fields["gender"] = chr(gender[0]) if 0x30 <= gender[0] <= 0x39 else str(gender[0])
    ethnicity = records.get(REC_ETHNICITY, b"")
    if ethnicity:
        fields["ethnicity"] = _text(ethnicity) if len(ethnicity) == 2 else bcd(ethnicity[:1])
    birth = records.get(REC_BIRTH_DATE, b"")
    if birth:
        fields["birth_date"] = bcd(birth) if len(birth) == 4 else _text(birth)
    for record, key in ((REC_ISSUE_DATE, "issue_date"), (REC_VALID_TO, "valid_to")):
        date = bcd_date(records.get(record, b""))
        if date:
            fields[key] = date
    return {k: v for k, v in fields.items() if v}


def bcd_date(value: bytes) -> str | None:
    """`20 30 01 15` → `20300115`; None for anything but 4 bytes of BCD digits (an unwritten `FF FF FF FF`, `00`s)."""
    text = bcd(value)
    if len(value) != 4 or not text.isdigit() or text == "00000000":
        return None
    return text
