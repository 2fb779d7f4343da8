"""告知承诺 on every channel (issue 13 §3): the apply service submits nothing without the citizen's consent, and
`yunban submit` refuses without `--consent`, naming the flag in the CLI's language, before reading any file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.context import AppContext
from app.errors import UserError
from app.model.apply import CONSENT_TEXT, CONSENT_VERSION
from tests.integration.apply.conftest import ID_CARD_ITEM, dump, id_card_answers
from tests.support.records import stored_record

CARD: dict[str, Any] = {
    "card_type": "resident_id", "name": "李明华", "id_number": "53252419880315002X", "gender": "女",
    "birth_date": "1988-03-15", "address": "云南省建水县西庄镇团山村12号",
}  # fmt: skip


@pytest.mark.parametrize("channel", ["kiosk", "counter"])  # laptop: the agent consent comes first (app/apply/agent.py)
def test_the_service_submits_nothing_without_consent_on_any_channel(ctx: AppContext, channel: str) -> None:
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM, channel=channel)
    svc.apply_card(session, CARD)
    svc.save_page(session, id_card_answers())
    svc.add_page(session, "hukou", b"\xff\xd8 hukou page")
    with pytest.raises(UserError) as refused:
        svc.finalise(session)
    assert refused.value.code == "apply.consent_required"
    assert "告知承诺" in refused.value.message("zh_CN") and "declaration" in refused.value.message("en")
    assert ctx.records_db.record_count() == 0  # nothing numbered, signed or queued
    result = svc.finalise(session, consent=True)
    consent = json.loads(stored_record(ctx.records_db, result.record_id).payload)["consent"]
    assert consent["version"] == CONSENT_VERSION and consent["text"] == CONSENT_TEXT and consent["at"]


def test_cli_submit_refuses_without_consent_naming_the_flag_in_both_languages(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = dump(tmp_path / "d.json", id_card_answers())
    card = dump(tmp_path / "card.json", CARD)
    argv = ["submit", "--home", str(home), "--item", ID_CARD_ITEM, "--data", str(data), "--card-json", str(card),
            "--attach", "material.hukou=/nonexistent.jpg"]  # fmt: skip
    monkeypatch.setenv("YUNBAN_LANG", "zh_CN")
    assert main([*argv, "--json"]) == 2
    refusal = json.loads(capsys.readouterr().out)
    assert refusal["code"] == "cli.consent_needed" and refusal["fix"] == "--consent"
    assert "--consent" in refusal["error"] and "告知承诺" in refusal["error"]
    assert refusal["consent_text"] == CONSENT_TEXT  # what the applicant agrees to
    monkeypatch.setenv("YUNBAN_LANG", "en")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--consent" in err and "declaration" in err and CONSENT_TEXT in err
    # Nothing was read or written: the missing attachment was never looked at, no record exists.
    ctx = AppContext(home)
    try:
        assert ctx.records_db.record_count() == 0
    finally:
        ctx.close()
