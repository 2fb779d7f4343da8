"""GA 467-2013 card text layouts, decoded from blocks built by an independent writer.

Each card's 256-byte text block (the `text` part of the `30 01` base message) is written here from the published
layouts, as byte offset and byte length per field, UCS-2LE with space padding; the project's parser
(`devices.card.ga467_frames.parse_text`) must read every field back. Nothing here uses the project's encoder.

Layout sources (byte offsets within the 256-byte text):
- Resident ID card (居民身份证), GA 467-2013 base text: name 0/30, sex 30/2, ethnic group 32/4, birth date 36/16,
  address 52/70, number 122/36, issuing authority 158/30, valid from 188/16, valid to 204/16, reserved 220/36; as
  decoded by public reader code, e.g. lixd17820/readcard `app/src/main/java/com/card/bean/ID2Txt.java` and the
  Synjones Android SDK `IDcardReader.getIDCard`.
- HK/Macao/Taiwan residence permit (港澳台居民居住证, type flag 'J' at 248): the resident layout with ethnic group
  reserved, 通行证号码 220/18 and 签发次数 238/4, reserved 242/6, type flag 248/2, reserved 250/6 (Synjones SDK
  `getIdcardInfo`, the 'J' branch; vendors' field list 姓名|性别|预留项|出生日期|住址|公民身份号码|签发机关|有效期起始
  日期|有效期截止日期|通行证号码|签发次数|预留区|证件类型标识|预留区).
- Foreign permanent resident ID card, 2017 (外国人永久居留身份证, flag 'I'): English name 0/120, sex 120/2,
  number 122/30, nationality 152/6, Chinese name 158/30, valid from 188/16, valid to 204/16, birth date 220/16,
  card version 236/4, authority code 240/8, type flag 248/2, reserved 250/6 (vendors' field list 英文姓名|性别|
  永久居留证号码|国籍或所在地区代码|中文姓名|证件签发日期|证件终止日期|出生日期|证件版本号|当次申请受理机关代码|证件类型
  标识|预留项, with the offsets a vendor sample reader uses: number at 122, nationality at 152, birth date at 220,
  authority at 240).
- Foreign permanent resident ID card, 2023 (flag 'Y'): Chinese name 0/30, sex 30/2, 换证次数 32/4, birth date 36/16,
  English name 52/70 (characters 1-35), number 122/36, reserved 158/30, valid from 188/16, valid to 204/16, English
  name continued (英文姓名备用, characters 36-46) 220/22, nationality 242/6, type flag 248/2, link to the previous
  card number (既往版本证件号码关联项) 250/6 (a vendor sample reader's offsets: 32, 52 ×35 chars, 220 ×11 chars, 242,
  248, 250).
"""

from __future__ import annotations

import pytest

from devices.card import ga467_frames as f

PAD = " ".encode("utf-16-le")

# (field, byte offset, byte length), written from the sources above, not from ga467_frames.LAYOUTS.
RESIDENT = (
    ("name", 0, 30),
    ("gender", 30, 2),
    ("ethnicity", 32, 4),
    ("birth_date", 36, 16),
    ("address", 52, 70),
    ("id_number", 122, 36),
    ("authority", 158, 30),
    ("valid_from", 188, 16),
    ("valid_to", 204, 16),
)
HMT_PERMIT = (
    ("name", 0, 30),
    ("gender", 30, 2),
    ("birth_date", 36, 16),
    ("address", 52, 70),
    ("id_number", 122, 36),
    ("authority", 158, 30),
    ("valid_from", 188, 16),
    ("valid_to", 204, 16),
    ("permit_number", 220, 18),
    ("issue_count", 238, 4),
    ("type_flag", 248, 2),
)
FOREIGN_2017 = (
    ("name_en", 0, 120),
    ("gender", 120, 2),
    ("id_number", 122, 30),
    ("nationality", 152, 6),
    ("name", 158, 30),
    ("valid_from", 188, 16),
    ("valid_to", 204, 16),
    ("birth_date", 220, 16),
    ("card_version", 236, 4),
    ("authority_code", 240, 8),
    ("type_flag", 248, 2),
)
FOREIGN_2023 = (
    ("name", 0, 30),
    ("gender", 30, 2),
    ("issue_count", 32, 4),
    ("birth_date", 36, 16),
    ("name_en_1", 52, 70),
    ("id_number", 122, 36),
    ("valid_from", 188, 16),
    ("valid_to", 204, 16),
    ("name_en_2", 220, 22),
    ("nationality", 242, 6),
    ("type_flag", 248, 2),
    ("previous_number", 250, 6),
)


def write_text(layout: tuple[tuple[str, int, int], ...], values: dict[str, str]) -> bytes:
    """A 256-byte text block: every field at its offset in UCS-2LE, the rest UCS-2 spaces."""
    block = bytearray(PAD * 128)
    taken: set[int] = set()
    for name, offset, length in layout:
        span = set(range(offset, offset + length))
        assert not span & taken and offset + length <= 256, name  # the written layout itself is consistent
        taken |= span
        raw = values.get(name, "").encode("utf-16-le")
        assert len(raw) <= length, (name, values.get(name))
        block[offset : offset + len(raw)] = raw
    return bytes(block)


def test_resident_card_layout() -> None:
    """GA 467-2013 base text of the resident ID card; card type byte at 248 is a space."""
    values = {
        "name": "李明华",
        "gender": "1",
        "ethnicity": "07",
        "birth_date": "19880315",
        "address": "云南省建水县西庄镇团山村委会团山村十二号院内东侧第三间房屋",
        "id_number": "53252419880315002X",
        "authority": "建水县公安局",
        "valid_from": "20180401",
        "valid_to": "长期",
    }
    card_type, fields = f.parse_text(write_text(RESIDENT, values))
    assert card_type == "resident_id"
    assert fields == values


def test_resident_card_rare_character_and_full_width_fields() -> None:
    """A name filling all 15 UCS-2 units, a surrogate-pair character (𠮷) and a 35-character address."""
    values = {
        "name": "𠮷" + "欧阳" * 6 + "娜",  # 2 + 12 + 1 = 15 UTF-16 units = 30 bytes
        "gender": "2",
        "ethnicity": "16",
        "birth_date": "20000229",
        "address": "云" * 35,
        "id_number": "532524200002290028",
        "authority": "红河哈尼族彝族自治州公安局",
        "valid_from": "20160101",
        "valid_to": "20260101",
    }
    _, fields = f.parse_text(write_text(RESIDENT, values))
    assert fields == values


def test_hmt_residence_permit_layout() -> None:
    """港澳台居民居住证: type flag 'J' at 248, 通行证号码 at 220, 签发次数 at 238."""
    values = {
        "name": "陈嘉欣",
        "gender": "2",
        "birth_date": "19950704",
        "address": "云南省昆明市五华区华山街道翠湖社区",
        "id_number": "810000199507040047",
        "authority": "昆明市公安局",
        "valid_from": "20210110",
        "valid_to": "20260110",
        "permit_number": "H10293847",
        "issue_count": "02",
        "type_flag": "J",
    }
    card_type, fields = f.parse_text(write_text(HMT_PERMIT, values))
    assert card_type == "hmt_residence_permit"
    expected = {k: v for k, v in values.items() if k != "type_flag"}
    assert fields == expected


def test_foreign_permanent_2017_layout() -> None:
    """外国人永久居留身份证 (2017): flag 'I'; 120-byte English name first, 15-character number at 122."""
    values = {
        "name_en": "ZHANG-SMITH, ELIZABETH " + "X" * 37,  # 60 characters: the whole 120 bytes
        "gender": "2",
        "id_number": "CAN530085061501",
        "nationality": "CAN",
        "name": "张史密斯",
        "valid_from": "20190601",
        "valid_to": "20290601",
        "birth_date": "19850615",
        "card_version": "01",
        "authority_code": "5300",
        "type_flag": "I",
    }
    card_type, fields = f.parse_text(write_text(FOREIGN_2017, values))
    assert card_type == "foreign_permanent_2017"
    assert fields == {k: v for k, v in values.items() if k != "type_flag"}


def _read_2023(name_en_1: str, name_en_2: str) -> dict[str, str]:
    values = {
        "name": "史密斯",
        "gender": "1",
        "issue_count": "01",
        "birth_date": "19850615",
        "name_en_1": name_en_1,
        "id_number": "953124198506150012",
        "valid_from": "20240301",
        "valid_to": "20340301",
        "name_en_2": name_en_2,
        "nationality": "CAN",
        "type_flag": "Y",
    }
    card_type, fields = f.parse_text(write_text(FOREIGN_2023, values))
    assert card_type == "foreign_permanent_2023"
    assert fields["id_number"] == "953124198506150012" and fields["nationality"] == "CAN"
    assert fields["valid_to"] == "20340301" and fields["issue_count"] == "01" and fields["name"] == "史密斯"
    return fields


@pytest.mark.parametrize(
    "name",
    [
        "MONTGOMERY-WORTHINGTON, ALEXANDRAS BARTHOLOMEW",  # character 35 is a space: the first part ends with it
        "MONTGOMERY-WORTHINGTON, ALEXANDRIAS JOHN",  # character 36 is a space: the second part starts with it
        "MONTGOMERY-WORTHINGTON, ALEXANDRIASBARTHOLOMEW",  # 46 characters, both parts full
    ],
)
def test_foreign_permanent_2023_english_name_joined_then_trimmed(name: str) -> None:
    """2023 card: the English name is characters 1-35 at 52 and 36-46 at 220; one name, so a space at the boundary
    belongs to it."""
    assert len(name) > 35
    fields = _read_2023(name[:35], name[35:])
    assert fields["name_en"] == name
    assert "name_en_more" not in fields


def test_foreign_permanent_2023_short_english_name() -> None:
    """A name of 35 characters or fewer leaves the continuation blank: no padding leaks into the name."""
    assert _read_2023("SMITH, JOHN", "")["name_en"] == "SMITH, JOHN"
    exactly = "SMITH-WORTHINGTON, JOHN ALEXANDER B"
    assert len(exactly) == 35
    assert _read_2023(exactly, "")["name_en"] == exactly


def test_additional_address_reply() -> None:
    """`30 03` (读追加住址信息) answers 70 bytes of UCS-2LE text, space padded (vendors' SDKs: 70-byte buffer)."""
    text = "云南省昆明市盘龙区拓东街道拓东路一号"
    raw = text.encode("utf-16-le")
    data = raw + PAD * ((70 - len(raw)) // 2)
    assert len(data) == 70
    assert f.parse_additional_address(data) == text
    assert f.parse_additional_address(PAD * 35) is None
    assert f.parse_additional_address(bytes(70)) is None  # NUL padding: blank as well
