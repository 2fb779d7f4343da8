"""The social security card's issue date and validity through the real pcscd + vpcd, and an expired card flagged
by the apply flow exactly like an expired ID card.

MOHRSS social security card specification (社会保障（个人）卡规范), public application `sx1.sh.社会保障`, file EF05
(card information): record 05 发卡日期 and record 06 卡有效期, each 4 bytes of BCD `YYYYMMDD` in a TLV (tag = record
number, length 04); read with READ RECORD `00 B2 05 04` / `00 B2 06 04`, as card-reading tools do
(`00 B2 05 04 06` for the issue date, `00 B2 06 04 06` for the validity, Le = the 6-byte TLV).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.context import AppContext
from app.devices.card_data import to_card_data
from app.model.identity import CardData
from devices.card import apdu
from devices.card.pcsc import PcscReader
from devices.emulators.demo_cards import DemoSocialSecurityCard
from devices.emulators.pcscd_sandbox import PcscdSandbox
from devices.emulators.vpcd_card import VpcdCardEmulator
from tests.integration.apply.conftest import DIBAO_ITEM, PASSPHRASE, service_today, write_config
from tests.integration.devices.card.conftest import wait_for

READER = "Virtual PCD 00 00"
PASSPORT = "530000-GA-0011"
"""普通护照签发: the demo catalog's item that refuses an expired card."""


@pytest.fixture
def pcsc_reader(pcscd: PcscdSandbox) -> Iterator[PcscReader]:
    reader = PcscReader(READER, apdu_timeout=0.5, poll_interval=0.3)
    yield reader
    reader.close()


@pytest.fixture
def apply_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    write_config(home)
    ctx = AppContext(home)
    yield ctx
    ctx.close()


def read(pcscd: PcscdSandbox, reader: PcscReader, card: DemoSocialSecurityCard) -> tuple[CardData, list[bytes]]:
    emulator = VpcdCardEmulator(card, netns=pcscd.netns)
    emulator.insert()
    try:
        wait_for(lambda: reader._thread.call(reader._io_present), what="pcscd to see the card")
        raw = reader.read_card(3)
    finally:
        emulator.remove()
        wait_for(lambda: not reader._thread.call(reader._io_present), what="pcscd to see the card go")
    assert raw.card_type == "social_security"
    return to_card_data(raw), emulator.apdus


def test_issue_date_and_validity_are_read_from_ef05(pcscd: PcscdSandbox, pcsc_reader: PcscReader) -> None:
    card = DemoSocialSecurityCard(issue_date="20190930", valid_to="20291231")
    data, apdus = read(pcscd, pcsc_reader, card)
    assert data.issue_date == "2019-09-30" and data.valid_to == "2029-12-31"
    assert data.to_json()["issue_date"] == "2019-09-30" and data.to_json()["valid_to"] == "2029-12-31"
    assert bytes.fromhex("00A4020002EF05") in apdus
    assert bytes.fromhex("00B2050400") in apdus and bytes.fromhex("00B2060400") in apdus


def test_a_card_without_the_records_still_reads(pcscd: PcscdSandbox, pcsc_reader: PcscReader) -> None:
    """A card whose EF05 lacks 05/06 (6A83, record not found) reads without them: nothing to flag."""
    data, _ = read(pcscd, pcsc_reader, DemoSocialSecurityCard(issue_date="", valid_to=""))
    assert data.issue_date is None and data.valid_to is None
    assert data.card_number == "Y53250018" and data.id_number == "53252419880315002X"


def test_bcd_dates_unwritten_or_malformed_are_dropped() -> None:
    """EF05 dates are 4 BCD bytes; an unwritten record (FF…) or zeros carries no date."""
    assert apdu.bcd_date(bytes.fromhex("20291231")) == "20291231"
    assert apdu.bcd_date(bytes.fromhex("FFFFFFFF")) is None
    assert apdu.bcd_date(bytes(4)) is None
    assert apdu.bcd_date(bytes.fromhex("202912")) is None


def test_an_expired_social_security_card_is_flagged_like_an_id_card(
    pcscd: PcscdSandbox, pcsc_reader: PcscReader, apply_ctx: AppContext
) -> None:
    svc = apply_ctx.apply
    yesterday = service_today(svc) - dt.timedelta(days=1)
    card = DemoSocialSecurityCard(issue_date="20100101", valid_to=yesterday.strftime("%Y%m%d"))
    data, _ = read(pcscd, pcsc_reader, card)
    assert data.valid_to == yesterday.isoformat()

    # The same rule and the same words as for an expired resident ID card whose valid_to is the same date.
    id_card = {"card_type": "resident_id", "name": "李明华", "id_number": data.id_number,
               "valid_to": yesterday.isoformat()}  # fmt: skip
    warned = svc.apply_card(svc.start(DIBAO_ITEM), data)
    warned_id = svc.apply_card(svc.start(DIBAO_ITEM), id_card)
    assert warned.expired and not warned.refused and warned_id.expired
    day = yesterday.isoformat()
    assert warned.warnings == (f"您的社会保障卡已过期（有效期至 {day}），请尽快换领；本事项仍可申请。",)
    assert warned_id.warnings == (warned.warnings[0].replace("社会保障卡", "身份证", 1),)

    session = svc.start(PASSPORT, channel="counter")
    refused = svc.apply_card(session, data)
    assert refused.expired and refused.refused and refused.answers == {}
    assert session.refusal == refused.warnings[0] and "须持有效期内的证件" in session.refusal
    assert "补换社会保障卡" in session.refusal and "居民身份证换领" not in session.refusal  # the card's own renewal
    assert not svc.review(session).can_finalise

    # A valid card is not flagged (read by a second reader: the first insists the card it read is lifted first).
    other = PcscReader(READER, apdu_timeout=0.5, poll_interval=0.3)
    try:
        ok, _ = read(pcscd, other, DemoSocialSecurityCard(valid_to="20991231"))
    finally:
        other.close()
    fresh = svc.apply_card(svc.start(DIBAO_ITEM), ok)
    assert not fresh.expired and not fresh.refused
