"""Fictitious demo cards for the emulators and the simulated reader: one of each GA 467 layout and a social
security card. Every number passes its check (GB 11643 MOD 11-2); no person has these details.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def fake_wlt_photo(seed: str) -> bytes:
    """1,024 bytes shaped like a WLT photo header followed by noise (not decodable: no real WLT data here)."""
    out = bytearray(b"WLf\x00~2\x00\x00")
    block = seed.encode("utf-8")
    while len(out) < 1024:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:1024])


@dataclass(slots=True)
class DemoIdCard:
    """A card as a GA 467 reader sees it: layout key, text fields, photo, and the additional address (追加住址,
    read with `30 03`; empty: none on the card)."""

    card_type: str
    fields: dict[str, str]
    photo: bytes = field(default=b"", repr=False)
    additional_address: str = ""


def resident_card(**overrides: str) -> DemoIdCard:
    fields = {
        "name": "李明华",
        "gender": "2",
        "ethnicity": "07",
        "birth_date": "19880315",
        "address": "云南省建水县西庄镇团山村委会团山村12号",
        "id_number": "53252419880315002X",
        "authority": "建水县公安局",
        "valid_from": "20180401",
        "valid_to": "20380401",
    }
    fields.update(overrides)
    return DemoIdCard("resident_id", fields, fake_wlt_photo(fields["id_number"]))


def hmt_permit_card(**overrides: str) -> DemoIdCard:
    fields = {
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
    }
    fields.update(overrides)
    return DemoIdCard("hmt_residence_permit", fields, fake_wlt_photo(fields["id_number"]))


def foreign_2017_card(**overrides: str) -> DemoIdCard:
    fields = {
        "name_en": "SMITH, JOHN ALEXANDER",
        "gender": "1",
        "id_number": "CAN530085061501",
        "nationality": "CAN",
        "name": "史密斯",
        "valid_from": "20190601",
        "valid_to": "20290601",
        "birth_date": "19850615",
        "card_version": "01",
        "authority_code": "5300",
    }
    fields.update(overrides)
    return DemoIdCard("foreign_permanent_2017", fields, fake_wlt_photo(fields["id_number"]))


def foreign_2023_card(**overrides: str) -> DemoIdCard:
    fields = {
        "name": "史密斯",
        "gender": "1",
        "issue_count": "01",
        "birth_date": "19850615",
        "name_en": "SMITH-WORTHINGTON, JOHN ALEXANDER BARTHOLOMEW",
        "id_number": "953124198506150012",
        "valid_from": "20240301",
        "valid_to": "20340301",
        "nationality": "CAN",
        "previous_number": "",
    }
    fields.update(overrides)
    return DemoIdCard("foreign_permanent_2023", fields, fake_wlt_photo(fields["id_number"]))


DEMO_ID_CARDS = {
    "resident_id": resident_card,
    "hmt_residence_permit": hmt_permit_card,
    "foreign_permanent_2017": foreign_2017_card,
    "foreign_permanent_2023": foreign_2023_card,
}


@dataclass(slots=True)
class DemoSocialSecurityCard:
    """The public files of a social security card (社会保障卡): EF05 card number, EF06 identity records."""

    card_number: str = "Y53250018"
    ssn: str = "53252419880315002X"
    name: str = "李明华"
    gender: str = "2"
    ethnicity: str = "07"
    birth_date: str = "19880315"
    issue_date: str = "20200115"
    """EF05/05 发卡日期, YYYYMMDD (BCD on the card)."""
    valid_to: str = "20300115"
    """EF05/06 卡有效期, YYYYMMDD (BCD on the card)."""
