"""Applying on a villager's behalf (帮办代办, issue 15) on a real laptop terminal: the villager's consent (a signature
drawn on the screen, or a scanned signed 委托书 through SANE's test scanner where the item names one), the worker as
the agent on the signed record and on the receipt printed by the virtual ESC/POS printer, the receipt's QR for the
villager's phone decoded back to the receipt number, the plain-words slip, the grid-worker role, the offline limit in
days with a clock moved forward, and the visit list's audit events."""

from __future__ import annotations

import hashlib
import io
import json
import time
from pathlib import Path

import pytest
from PIL import Image

from app.apply.shared import parse_qr
from app.cli import main
from app.context import AppContext
from app.errors import UserError
from app.visits.laptop import LaptopServices
from devices.emulators.virtual_printer import VirtualPrinter
from devices.scanner.qr import decode_qr
from sync.platform import staff as platform_staff
from tests.integration.laptop.conftest import CARD, ID, PROXY_ITEM, fill_dibao, fill_proxy, signature_png
from tests.support.platform import DEMO_DIVISION, InProcessPlatform

DAY = 86400.0


def _roster(ctx: AppContext, platform: InProcessPlatform) -> None:
    for sid, name, role, pw in (
        ("g01", "张网格", "grid_worker", "grid-pass-01"),
        ("s01", "值班长甲", "supervisor", "super-pass-01"),
        ("c01", "窗口乙", "clerk", "clerk-pass-01"),
    ):
        platform_staff.add_staff(platform.store, division=DEMO_DIVISION, staff_id=sid, name=name, role=role,
                                 secret=pw)  # fmt: skip
    ctx.staff.sync(platform.url, ctx.sync_credentials())


def _payload(ctx: AppContext, record_id: str) -> dict[str, object]:
    row = ctx.records.db.get_record(record_id)
    assert row is not None
    payload: dict[str, object] = json.loads(row.payload)
    return payload


def test_signed_on_screen_the_worker_is_the_agent_on_the_record_and_the_printed_receipt(
    ctx: AppContext, platform: InProcessPlatform, laptop: LaptopServices, vp: VirtualPrinter, tmp_path: Path
) -> None:
    _roster(ctx, platform)
    assert laptop.login("g01", "grid-pass-01") == "张网格"
    svc = ctx.apply
    session = fill_dibao(svc)
    # No consent yet: finishing is refused with the reason, nothing is written.
    with pytest.raises(UserError) as err:
        svc.finalise(session, consent=True)
    assert err.value.msg.code == "apply.agent_consent_missing"
    assert "签名" in err.value.message("zh_CN") and "entrustment" in err.value.message("en").lower()
    # A blank pad is not a signature.
    with pytest.raises(UserError) as err:
        laptop.sign_consent(session, signature_png(ink=False))
    assert err.value.msg.code == "visits.no_signature"
    state = laptop.sign_consent(session, signature_png())
    assert state.given == "signature" and state.mandate == ""
    result = svc.finalise(session, print_receipt=True, consent=True)
    payload = _payload(ctx, result.record_id)
    agent = payload["agent"]
    assert isinstance(agent, dict)
    assert (agent["staff_id"], agent["name"], agent["role"], agent["consent"]) == (
        "g01", "张网格", "grid_worker", "signature")  # fmt: skip
    # The signature is an attachment of the signed record (sealed in the store like the scanned pages).
    record = ctx.records.get(result.record_id)
    assert record is not None
    [sig] = [a for a in record.attachments if a.name == "agent-consent-signature.png"]
    assert sig.sha256 == hashlib.sha256(signature_png()).hexdigest() == agent["consent_sha256"]
    # The receipt on the portable printer names the agent; its PNG shows it (looked at: tmp_path/jobs).
    [job] = vp.wait_for_jobs(1)
    flat = "".join(job.text.split())  # a long field wraps onto an indented line on 58 mm paper
    assert "代办人：张网格（工号g01，网格员）" in flat
    assert job.png is not None and job.png.exists()
    [qr] = job.qr_codes
    assert parse_qr(qr)[0] == result.receipt_no


def test_the_receipt_qr_and_the_plain_words_slip(
    ctx: AppContext, laptop: LaptopServices, vp: VirtualPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    svc = ctx.apply
    session = fill_dibao(svc)
    laptop.sign_consent(session, signature_png())
    result = svc.finalise(session, consent=True)
    view = laptop.receipt_view(result.receipt_no)
    # The QR on the screen decodes (zxing-cpp) to the receipt number and the verification code ...
    [text] = decode_qr(Image.open(io.BytesIO(view.qr_png)))
    assert text == view.qr_text and parse_qr(text) == (result.receipt_no, result.verification)
    # ... which `yunban check receipt` and the status lookup read.
    assert main(["check", "receipt", text, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["normalized"] == result.receipt_no
    assert svc.status(text).receipt_no == result.receipt_no
    # The slip: short sentences, what happens next, the fee, the agent; no name or ID number of the villager.
    lines = view.lines
    joined = "\n".join(lines)
    assert lines[0] == "您的申请已经替您交上去了。" and "受理编号" in joined and result.verification in joined
    assert any(line.startswith(("费用：", "不收钱")) for line in lines)
    assert "代办人：" in joined and "扫二维码" in joined
    assert CARD["name"] not in joined and ID not in joined
    assert all(len(line) <= 60 for line in lines), lines
    english = laptop.receipt_view(result.receipt_no, "en").lines
    assert english[0] == "Your application has been handed in for you." and english[0] != lines[0]
    # Printed on the portable printer: the slip's text and its QR.
    outcome = laptop.print_slip(result.receipt_no)
    assert outcome.printed, outcome
    [job] = vp.wait_for_jobs(1)
    assert "办事指引" in job.text and "您的申请已经替您交上去了" in job.text
    # The grouped receipt number is never cut by the paper's width: one printed line holds it whole.
    assert any(view.grouped in line for line in job.text.splitlines()), job.text
    assert job.qr_codes == [view.qr_text] and job.png is not None


def test_a_required_mandate_is_scanned_not_signed(ctx: AppContext, laptop: LaptopServices) -> None:
    svc = ctx.apply
    session = fill_proxy(ctx, ctx.apply.start(PROXY_ITEM, channel="laptop"))
    state = laptop.consent_state(session)
    assert state.mandate == "代为申请委托书" and state.mandate_required and state.given is None
    # The item asks for the signed 委托书 itself: a signature on the screen cannot stand in for it.
    with pytest.raises(UserError) as err:
        laptop.sign_consent(session, signature_png())
    assert err.value.msg.code == "visits.mandate_required" and "代为申请委托书" in err.value.message("zh_CN")
    with pytest.raises(UserError) as err:
        laptop.mandate_given(session)
    assert err.value.msg.code == "visits.mandate_not_scanned"
    with pytest.raises(UserError) as err:
        svc.finalise(session, consent=True)
    assert err.value.msg.code == "apply.agent_consent_missing"
    # Scanned through SANE's test scanner into the 委托书's own material slot: that is the consent.
    state = laptop.scan_mandate(session)
    assert state.given == "mandate" and state.mandate_pages >= 1
    result = svc.finalise(session, consent=True)
    agent = _payload(ctx, result.record_id)["agent"]
    assert isinstance(agent, dict) and agent["consent"] == "mandate" and agent["staff_id"] == "local"
    record = ctx.records.get(result.record_id)
    assert record is not None and any(a.name.startswith("entrust-p1") for a in record.attachments)


def test_taking_the_mandate_pages_away_withdraws_the_consent(ctx: AppContext, laptop: LaptopServices) -> None:
    svc = ctx.apply
    session = fill_proxy(ctx, ctx.apply.start(PROXY_ITEM, channel="laptop"))
    laptop.scan_mandate(session)
    slot = next(s for s in session.slots if "委托书" in s.name)
    while slot.pages:
        svc.remove_page(session, slot.slot_id, 0)
    assert laptop.consent_state(session).given is None
    with pytest.raises(UserError) as err:
        svc.finalise(session, consent=True)
    assert err.value.msg.code == "apply.agent_consent_missing"


def test_only_grid_workers_and_supervisors_use_the_laptop(
    ctx: AppContext, platform: InProcessPlatform, laptop: LaptopServices
) -> None:
    _roster(ctx, platform)
    with pytest.raises(UserError) as err:
        laptop.login("c01", "clerk-pass-01")
    assert err.value.msg.code == "visits.role_refused" and ctx.staff.current() is None
    assert laptop.login("s01", "super-pass-01") == "值班长甲"
    laptop.logout()
    assert laptop.login("g01", "grid-pass-01") == "张网格"
    assert laptop.agent().role == "grid_worker"
    laptop.logout()
    # A deployment that lets clerks take a laptop out says so in config.toml ([staff] laptop_clerks = true).
    from app.main import laptop_services

    ctx.config.staff.laptop_clerks = True
    clerks = laptop_services(ctx)
    assert clerks.login("c01", "clerk-pass-01") == "窗口乙"


def test_the_offline_limit_in_days_warns_then_restricts_until_an_override(
    home: Path, platform: InProcessPlatform
) -> None:
    cfg = home / "config.toml"
    cfg.write_text(cfg.read_text("utf-8") + "\n[staff]\noffline_warn_hours = 72\noffline_limit_hours = 168\n", "utf-8")
    ctx = AppContext(home)
    try:
        _ = ctx.catalog
        ctx.enrollment.enroll(platform.enroll_code(), platform.url)
        from app.main import laptop_services

        laptop = laptop_services(ctx)
        _roster(ctx, platform)
        laptop.login("g01", "grid-pass-01")
        svc = ctx.apply
        hid = laptop.add_household(head="王德发")
        pid = laptop.add_person(hid, name="李明华")
        draft = fill_dibao(svc)
        laptop.link_draft(pid, draft.session_id, draft.title)
        assert laptop.offline_message("zh_CN") == "" and not laptop.offline_restricted()
        base = time.time()
        ctx.staff.clock = lambda: base + 4 * DAY  # four days out of coverage: a warning in days
        ctx.visits.clock = ctx.staff.clock
        warn = laptop.offline_message("zh_CN")
        assert "4 天" in warn and "7 天" in warn and not laptop.offline_restricted()
        assert "4 days" in laptop.offline_message("en")
        laptop.check_apply()
        ctx.staff.clock = lambda: base + 8 * DAY  # past the 7 days: restricted
        ctx.staff.touch()
        assert laptop.offline_restricted() and "8 天" in laptop.offline_message("zh_CN")
        with pytest.raises(UserError) as err:
            laptop.check_apply()
        assert err.value.msg.code == "visits.offline_restricted"
        with pytest.raises(UserError) as err:
            laptop.sign_consent(draft, signature_png())  # nor can a draft be finished on someone's behalf
        assert err.value.msg.code == "visits.offline_restricted"
        # The visit list and the drafts stay readable, and changeable.
        assert [p.name for h in laptop.visit_list() for p in h.people] == ["李明华"]
        assert [d.draft_id for d in laptop.drafts()] == [draft.session_id]
        laptop.add_person(hid, name="王小花")
        # A worker is no supervisor; a supervisor's override lifts it for the hours given (audited).
        with pytest.raises(UserError) as err:
            laptop.override_offline("g01", "grid-pass-01", 24)
        assert err.value.msg.code == "staff.not_supervisor"
        laptop.override_offline("s01", "super-pass-01", 24)
        assert not laptop.offline_restricted() and "值班长已授权" in laptop.offline_message("zh_CN")
        laptop.check_apply()
        assert laptop.sign_consent(draft, signature_png()).given == "signature"
        ctx.staff.clock = lambda: base + 9 * DAY + 3600  # the override has run out
        ctx.staff.touch()
        assert laptop.offline_restricted()
        # The next sync in coverage lifts it.
        real = time.time
        ctx.staff.clock = lambda: real() + 9 * DAY + 3600
        ctx.staff.sync(platform.url, ctx.sync_credentials())
        assert not laptop.offline_restricted() and laptop.offline_message("zh_CN") == ""
        events = [json.loads(e.detail) for e in ctx.audit.table.entries() if e.event == "override"]
        assert events and events[-1]["hours"] == 24
    finally:
        ctx.close()


def test_visit_list_changes_are_audited_without_personal_data(ctx: AppContext, laptop: LaptopServices) -> None:
    hid = laptop.add_household(head="王德发", village="团山村三组", address="团山村 12 号")
    laptop.update_household(hid, head="王德发", village="团山村三组", address="团山村 14 号")
    pid = laptop.add_person(hid, name="李明华", id_number=ID, phone="13800138000")
    laptop.update_person(pid, name="李明华", id_number=ID, phone="13800138001")
    other = laptop.add_person(hid, name="王小花")
    laptop.remove_person(other)
    draft = fill_dibao(ctx.apply)
    laptop.link_draft(pid, draft.session_id, draft.title)
    laptop.draft_resumed(draft.session_id)
    laptop.discard_draft(draft.session_id)
    spare = laptop.add_household(head="空户")
    laptop.remove_household(spare)
    rows = [e for e in ctx.audit.table.entries() if e.event == "visit.change"]
    actions = [(json.loads(e.detail)["action"], e.subject) for e in rows]
    assert actions == [
        ("household.add", hid),
        ("household.edit", hid),
        ("person.add", pid),
        ("person.edit", pid),
        ("person.add", other),
        ("person.remove", other),
        ("draft.open", draft.session_id),
        ("draft.resume", draft.session_id),
        ("draft.discard", draft.session_id),
        ("household.add", spare),
        ("household.remove", spare),
    ]
    assert {e.actor for e in rows} == {"local"}
    text = json.dumps([(e.event, e.actor, e.subject, e.detail) for e in rows], ensure_ascii=False)
    for personal in ("王德发", "团山村", "李明华", ID, "13800138000", "13800138001", "王小花", "空户"):
        assert personal not in text
    assert ctx.audit.verify().ok


def test_yunban_submit_on_the_laptop_channel_needs_the_villagers_signature(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.integration.apply.conftest import DIBAO_ITEM, SIGNATURE_PNG, dibao_answers, dump, jpeg_page

    scan = tmp_path / "id-card.jpg"
    scan.write_bytes(jpeg_page())
    argv = ["submit", "--consent", "--home", str(home), "--item", DIBAO_ITEM, "--channel", "laptop", "--json",
            "--data", str(dump(tmp_path / "d.json", {**dibao_answers(), "signature": SIGNATURE_PNG})),
            "--card-json", str(dump(tmp_path / "card.json", CARD)), "--attach", f"id_card={scan}"]  # fmt: skip
    for slot in ("application", "hukou", "income_statement", "authorization", "bank_account"):
        argv += ["--defer", slot]
    assert main(argv) != 0
    refused = json.loads(capsys.readouterr().out)
    assert refused["code"] == "apply.agent_consent_missing"
    villager = tmp_path / "villager.png"
    villager.write_bytes(signature_png())
    assert main([*argv, "--agent-signature", str(villager)]) == 0
    done = json.loads(capsys.readouterr().out)
    ctx = AppContext(home)
    try:
        agent = _payload(ctx, done["record_id"])["agent"]
        assert isinstance(agent, dict) and (agent["staff_id"], agent["consent"]) == ("local", "signature")
    finally:
        ctx.close()
