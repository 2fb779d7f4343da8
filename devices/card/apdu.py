"""ISO 7816-4 APDUs for the social security card's public identity files, as pure functions over bytes.

The card (社会保障卡, MOHRSS card specification) exposes, without a PIN, the application `sx1.sh.社会保障` (DF name
in GBK) with EF05 (card information: record 07 card number) and EF06 (holder: 08 social security number, 09 name in
GBK, 0A sex, 0B ethnic group, 0D birth date). Records are TLV: tag (1 byte), length (1 byte), value.
"""

from __future__ import annotations

from devices.card.base import CardError, CardReadError, CardRemovedError, UnsupportedCardError

SSC_APPLICATION = "sx1.sh.社会保障".encode("gbk")
EF_CARD = b"\xef\x05"
EF_HOLDER = b"\xef\x06"
REC_CARD_NUMBER = 0x07
REC_SSN = 0x08
REC_NAME = 0x09
REC_GENDER = 0x0A
REC_ETHNICITY = 0x0B
REC_BIRTH_DATE = 0x0D

SW_OK = (0x90, 0x00)

SW_MESSAGES: dict[tuple[int, int], tuple[str, str]] = {
    (0x62, 0x83): ("所选文件已失效", "selected file invalidated"),
    (0x65, 0x81): ("卡片存储器故障", "card memory failure"),
    (0x67, 0x00): ("命令长度错误", "wrong length"),
    (0x69, 0x82): ("安全状态不满足（需要PIN或认证）", "security status not satisfied (PIN or authentication needed)"),
    (0x69, 0x83): ("认证方法已锁定", "authentication method blocked"),
    (0x69, 0x85): ("使用条件不满足", "conditions of use not satisfied"),
    (0x69, 0x86): ("当前没有选中文件", "no current file selected"),
    (0x6A, 0x81): ("卡片不支持此功能", "function not supported by the card"),
    (0x6A, 0x82): ("卡片上没有这个文件或应用", "file or application not found on the card"),
    (0x6A, 0x83): ("卡片上没有这条记录", "record not found"),
    (0x6A, 0x86): ("参数P1、P2错误", "incorrect parameters P1-P2"),
    (0x6D, 0x00): ("卡片不支持此指令", "instruction not supported by the card"),
    (0x6E, 0x00): ("卡片不支持此指令类别", "class not supported by the card"),
    (0x6F, 0x00): ("卡片内部错误", "card internal error"),
}


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
    """The error for a status word other than 9000; `what` says which step (English, for the message)."""
    zh, en = SW_MESSAGES.get((sw1, sw2), ("卡片拒绝了指令", "the card refused the command"))
    text_zh = f"读取社会保障卡失败：{zh}（状态字{sw1:02X}{sw2:02X}，{what}）"
    text_en = f"reading the social security card failed: {en} (SW {sw1:02X}{sw2:02X}, {what})"
    if (sw1, sw2) == (0x6A, 0x82) and what == "select application":
        return UnsupportedCardError(
            f"这张卡不是社会保障卡，或未开通公共信息应用（状态字{sw1:02X}{sw2:02X}）",
            f"not a social security card, or its public application is missing (SW {sw1:02X}{sw2:02X})",
        )
    return CardReadError(text_zh, text_en)


def parse_tlv(record: bytes, tag: int) -> bytes:
    """The value of a one-record TLV, checking its tag and length."""
    if len(record) < 2 or record[0] != tag:
        raise CardReadError(
            f"记录格式错误（应为标签{tag:02X}）", f"malformed record (expected tag {tag:02X}, got {record[:2].hex()})"
        )
    length = record[1]
    if len(record) < 2 + length:
        raise CardRemovedError("记录不完整，证件可能被移开", f"record {tag:02X} truncated; was the card lifted?")
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
    return {k: v for k, v in fields.items() if v}
