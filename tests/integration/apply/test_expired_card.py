"""An expired ID card, per item rule (`expired_id_card: allow | warn | refuse`): catalog import, demo data, the
catalog JSON, and what the apply flow and `yunban submit` do with it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.apply.session import CardNotes
from app.catalog.bundle.load import CatalogImportError, load_bundle
from app.catalog.bundle.validate import validate_bundle
from app.cli import main
from app.context import AppContext
from app.errors import UserError
from tests.integration.apply.conftest import (
    DIBAO_ITEM,
    ID_CARD_ITEM,
    SIGNATURE_PNG,
    dibao_answers,
    dump,
    service_today,
)
from tests.integration.catalog.conftest import FIXTURE_BUNDLE

ID = "53252419880315002X"
PASSPORT = "530000-GA-0011"
"""普通护照签发: needs a valid ID (refuse)."""
TEMP_ID = "530000-GA-0003"
"""临时居民身份证申领 (allow)."""


def _card(valid_to: str) -> dict[str, str]:
    return {"card_type": "resident_id", "name": "赵六", "id_number": ID, "gender": "女", "birth_date": "1988-03-15",
            "address": "云南省建水县西庄镇团山村12号", "valid_to": valid_to}  # fmt: skip


def test_unknown_rule_is_refused_at_import_naming_file_item_and_field() -> None:
    bundle = load_bundle(FIXTURE_BUNDLE)
    file, item = bundle.items[0]
    item["expired_id_card"] = "maybe"
    with pytest.raises(CatalogImportError) as info:
        validate_bundle(bundle)
    message = str(info.value)
    assert file in message and item["basic_code"] in message and item["name"] in message
    assert "expired_id_card: 'maybe' is not one of allow, warn, refuse" in message
    item["expired_id_card"] = "refuse"
    validate_bundle(bundle)


def test_demo_items_carry_their_rules_and_catalog_json_shows_them(
    ctx: AppContext, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = {code: ctx.catalog.get_item(code).expired_id_card for code in (ID_CARD_ITEM, TEMP_ID, PASSPORT,
                                                                           DIBAO_ITEM)}  # fmt: skip
    assert rules == {ID_CARD_ITEM: "allow", TEMP_ID: "allow", PASSPORT: "refuse", DIBAO_ITEM: "warn"}
    ctx.close()
    assert main(["catalog", "show", PASSPORT, "--home", str(home), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["expired_id_card"] == "refuse" and "form" in shown and "allows_deferred_materials" in shown


def test_allow_warn_refuse_and_a_valid_card_afterwards(ctx: AppContext) -> None:
    svc = ctx.apply
    expired = _card("2020-01-01")
    renew = svc.apply_card(svc.start(ID_CARD_ITEM), expired)
    assert renew.expired and not renew.refused and renew.answers["id_number"] == ID
    warn = svc.apply_card(svc.start(DIBAO_ITEM), expired)
    assert warn.expired and not warn.refused and warn.answers["id_number"] == ID
    assert warn.warnings == ("您的身份证已过期（有效期至 2020-01-01），请尽快换领；本事项仍可申请。",)
    s = svc.start(PASSPORT, channel="counter")
    refused = svc.apply_card(s, expired)
    assert refused.refused and refused.expired and refused.answers == {}
    (message,) = refused.warnings
    assert "2020-01-01" in message and "普通护照签发" in message and "须持有效期内的证件" in message
    assert "请先办理居民身份证换领" in message and "临时居民身份证" in message
    assert s.answers == {} and s.card is None and s.refusal == message
    assert not svc.review(s).can_finalise
    with pytest.raises(UserError, match="须持有效期内的证件"):
        svc.finalise(s, consent=True)
    # The citizen comes back with a valid card: prefilled, the refusal is gone.
    ok = svc.apply_card(s, _card("长期"))
    assert not ok.refused and not ok.expired and ok.warnings == () and s.refusal is None
    assert s.answers["id_number"] == ID


def test_near_expiry_gets_a_gentle_notice(ctx: AppContext) -> None:
    svc = ctx.apply
    soon = (service_today(svc) + dt.timedelta(days=30)).isoformat()
    pre = svc.apply_card(svc.start(DIBAO_ITEM), _card(soon))
    assert pre.near_expiry and not pre.expired and pre.warnings == (f"您的身份证将于 {soon} 到期，请留意及时换领。",)
    passport = svc.apply_card(svc.start(PASSPORT), _card(soon))
    assert passport.near_expiry and not passport.refused and passport.answers["id_number"] == ID
    renew = svc.apply_card(svc.start(ID_CARD_ITEM), _card(soon))  # renewing is what the citizen came for
    assert not renew.near_expiry and renew.warnings == ()
    far = (service_today(svc) + dt.timedelta(days=400)).isoformat()
    assert svc.apply_card(svc.start(DIBAO_ITEM), _card(far)).warnings == ()


def test_cli_submit_with_an_expired_card_for_a_refusing_item_records_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["submit", "--consent", "--home", str(home), "--item", DIBAO_ITEM, "--channel", "counter", "--json",
            "--data", str(dump(tmp_path / "d.json", {**dibao_answers(), "signature": SIGNATURE_PNG})),
            "--card-json", str(dump(tmp_path / "card.json", _card("2020-01-01")))]  # fmt: skip
    for slot in ("application", "id_card", "hukou", "income_statement", "authorization", "bank_account"):
        argv += ["--defer", slot]  # 容缺: this item allows every material to be brought later
    assert main(argv) == 0  # warn: the application goes on, the warning goes to stderr
    captured = capsys.readouterr()
    assert "请尽快换领" in captured.err and json.loads(captured.out)["outbox"] == "pending"
    typed = {"applicant_name": "赵六", "id_number": ID, "phone": "13800138000"}
    refused = ["submit", "--consent", "--home", str(home), "--item", PASSPORT, "--json",
               "--data", str(dump(tmp_path / "p.json", typed)),
               "--card-json", str(dump(tmp_path / "card.json", _card("2020-01-01")))]  # fmt: skip
    assert main(refused) == 2
    assert "须持有效期内的证件" in json.loads(capsys.readouterr().out)["error"]
    after = AppContext(home)
    try:
        assert after.apply.kept_drafts.drafts() == [] and after.records_db.record_count() == 1
    finally:
        after.close()


def test_the_card_warnings_speak_english_on_an_english_kiosk(ctx: AppContext) -> None:
    """The warnings stay Chinese for the record and the CLI (`warnings`), and come as notes the screens render in the
    kiosk's language (they were shown in Chinese on an English kiosk)."""
    svc = ctx.apply
    expired = _card("2020-01-01")
    warn = svc.apply_card(svc.start(DIBAO_ITEM), expired)
    assert isinstance(warn, CardNotes)
    (note,) = warn.notes
    assert note.render("zh_CN") == warn.warnings[0]
    assert note.render("en") == (
        "Your ID card has expired (valid until 2020-01-01); please renew it soon. You can still apply for this service."
    )
    refused = svc.apply_card(svc.start(PASSPORT, channel="counter"), expired)
    assert isinstance(refused, CardNotes)
    (note,) = refused.notes
    english = note.render("en")
    assert english.startswith("Your ID card has expired (valid until 2020-01-01)") and "普通护照签发" in english
    assert "Please renew your resident ID card first" in english and "过期" not in english
