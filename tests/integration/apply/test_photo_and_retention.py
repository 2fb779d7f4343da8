"""Card photos at rest (encrypted, content-addressed, sent with the record), draft retention and purge, and the
draft slip's spool job (kind draft_code, expiring, cancelled when the citizen leaves)."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.apply.service import ApplyService
from app.cli import main
from app.config import ConfigError, load_config
from app.context import AppContext
from app.errors import UserError
from app.model.identity import CardData, PhotoData
from app.records.service import CHINA_TZ
from devices.emulators.demo_cards import fake_wlt_photo
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import ID_CARD_ITEM, id_card_answers, service_today, write_config
from tests.support.platform import InProcessPlatform
from tests.support.records import stored_record

ID = "53252419880315002X"
DAY = 86_400.0


def _marker(photo: bytes) -> bytes:
    """32 bytes from the photo's body (past the WLT header): must never appear on disk in clear."""
    return photo[40:72]


def _disk(home: Path) -> list[tuple[Path, bytes]]:
    out = []
    for path in sorted(home.rglob("*")):
        if path.is_file() and (path.name.startswith("records.db") or "attachments" in path.parts):
            out.append((path, path.read_bytes()))
    return out


_CARDS: dict[int, CardData] = {}


def _card(ctx: AppContext) -> CardData:
    """The card on the GA 467 emulator (pty), read once per terminal: the reader reports a card once per lay."""
    if id(ctx) not in _CARDS:
        card = ctx.identity.read_card(timeout=10)
        assert card.photo is not None and card.photo.format == "wlt" and len(card.photo.data) == 1024
        _CARDS.clear()
        _CARDS[id(ctx)] = card
    return _CARDS[id(ctx)]


def _card_session(ctx: AppContext, channel: str = "kiosk") -> tuple[Any, bytes]:
    svc = ctx.apply
    s = svc.start(ID_CARD_ITEM, channel=channel)
    card = _card(ctx)
    assert card.photo is not None
    svc.apply_card(s, card)
    svc.save_page(s, id_card_answers())
    return s, card.photo.data


def _at(svc: ApplyService, now: float) -> ApplyService:
    """The same service reading another time (the retention clock)."""
    other = copy.copy(svc)
    other._clock = lambda: now
    return other


def test_card_photo_is_stored_encrypted_and_comes_back_byte_identical(ctx: AppContext, home: Path) -> None:
    svc = ctx.apply
    s, photo = _card_session(ctx)
    sha = hashlib.sha256(photo).hexdigest()
    assert s.photo == {"format": "wlt", "sha256": sha, "size": 1024}
    assert svc.store.read_all(sha) == photo
    # Kept past the wipe with the draft, back on resume.
    code = svc.keep_draft(s)
    svc.discard(s)
    back = svc.resume_draft(code)
    assert back.photo == {"format": "wlt", "sha256": sha, "size": 1024}
    svc.add_page(back, "id_card", b"\xff\xd8 id page")
    svc.add_page(back, "hukou", b"\xff\xd8 hukou page")
    result = svc.finalise(back, consent=True)
    payload = json.loads(stored_record(ctx.records_db, result.record_id).payload)
    assert payload["applicant_photo"] == {"format": "wlt", "sha256": sha, "size": 1024}
    assert {"sha256": sha, "name": "applicant-photo.wlt", "size": 1024} in payload["attachments"]
    assert svc.store.read_all(sha) == photo
    # Nowhere in clear: not in the attachment store, not in records.db or its WAL.
    files = _disk(home)
    assert any(p.name == sha for p, _ in files) and any(p.name == "records.db" for p, _ in files)
    for path, raw in files:
        assert _marker(photo) not in raw, path
    assert (home / "attachments" / sha[:2] / sha).read_bytes()[:4] == b"YBE1"


def test_platform_receives_the_card_photo(ctx: AppContext, home: Path, tmp_path: Path) -> None:
    svc = ctx.apply
    s, photo = _card_session(ctx, channel="counter")
    svc.add_page(s, "id_card", b"\xff\xd8 id page")
    svc.add_page(s, "hukou", b"\xff\xd8 hukou page")
    result = svc.finalise(s, consent=True)
    sha = hashlib.sha256(photo).hexdigest()
    with InProcessPlatform(tmp_path / "platform") as platform:
        ctx.close()
        write_config(home, platform=platform.url)
        online = AppContext(home)
        try:
            online.enrollment.enroll(platform.enroll_code())
            report = online.sync.run_until_idle(timeout_s=60)
            assert report.pending == 0 and report.delivered == 1, report
            stored = platform.store.record(result.record_id)
            assert stored["payload"]["applicant_photo"]["sha256"] == sha
            assert (platform.data / "blobs" / sha).read_bytes() == photo
        finally:
            online.close()


def test_discarded_kiosk_draft_releases_photo_and_pages_but_shared_blobs_stay(ctx: AppContext) -> None:
    svc = ctx.apply
    s, photo = _card_session(ctx)
    sha = hashlib.sha256(photo).hexdigest()
    svc.add_page(s, "id_card", b"\xff\xd8 only in this draft")
    page = next(p.sha256 for sl in s.slots for p in sl.pages)
    assert svc.store.exists(sha) and svc.store.exists(page)
    svc.discard(s)  # idle wipe of a kiosk draft nobody kept
    assert not svc.store.exists(sha) and not svc.store.exists(page)
    assert svc.kept_drafts.drafts() == []
    # The same citizen finalises at the counter: the photo then belongs to a record and survives a later wipe.
    done, _ = _card_session(ctx, channel="counter")
    svc.add_page(done, "id_card", b"\xff\xd8 id page")
    svc.add_page(done, "hukou", b"\xff\xd8 hukou page")
    svc.finalise(done, consent=True)
    again, _ = _card_session(ctx)
    svc.discard(again)
    assert svc.store.read_all(sha) == photo
    # A removed page nothing else refers to goes at once.
    s3, _ = _card_session(ctx, channel="counter")
    svc.add_page(s3, "id_card", b"\xff\xd8 taken badly")
    bad = next(p.sha256 for sl in s3.slots for p in sl.pages)
    svc.remove_page(s3, next(sl.slot_id for sl in s3.slots if sl.pages), 0)
    assert not svc.store.exists(bad)


def test_photo_from_card_json_base64_and_the_portrait_seam(ctx: AppContext) -> None:
    svc = ctx.apply
    photo = fake_wlt_photo("json-card")
    s = svc.start(ID_CARD_ITEM, channel="counter")
    card = {"card_type": "resident_id", "name": "李明华", "id_number": ID,
            "photo": {"format": "wlt", "base64": base64.b64encode(photo).decode()}}  # fmt: skip
    svc.apply_card(s, card)
    assert s.photo is not None and svc.store.read_all(s.photo["sha256"]) == photo
    image, decoded = svc.sessions.applicant_portrait(s)
    assert not decoded and image[:8] == b"\x89PNG\r\n\x1a\n"  # no licensed decoder: the placeholder

    class VendorDecoder:  # stands in for a licensed WLT decoder behind app.identity.photo.PhotoDecoder
        def __init__(self) -> None:
            self.seen: list[PhotoData] = []

        def decode(self, p: PhotoData) -> bytes:
            self.seen.append(p)
            return b"BM decoded"

    decoder = VendorDecoder()
    licensed = copy.copy(svc)
    licensed.photo_decoder = decoder
    assert licensed.sessions.applicant_portrait(s) == (b"BM decoded", True)
    assert decoder.seen == [PhotoData("wlt", photo)]
    # The read-card JSON summary ({format, bytes: N}) carries no bytes: nothing stored, no error.
    s2 = svc.start(ID_CARD_ITEM, channel="counter")
    svc.apply_card(s2, {**card, "photo": {"format": "wlt", "bytes": 1024}})
    assert s2.photo is None
    with pytest.raises(UserError, match="base64"):
        svc.apply_card(s2, {**card, "photo": {"format": "wlt", "base64": "not base64!"}})
    with pytest.raises(UserError, match=r"证件照片格式「\.\./x」不对") as bad_format:
        svc.apply_card(s2, {**card, "photo": {"format": "../x", "base64": base64.b64encode(photo).decode()}})
    assert bad_format.value.code == "apply.photo_format" and "'../x'" in bad_format.value.message("en")
    # Another card laid on the same session without a photo: the first card's photo is dropped and released.
    first = s.photo["sha256"]
    svc.apply_card(s, {**card, "photo": None})
    assert s.photo is None and not svc.store.exists(first)


# ------------------------------------------------------------------------------------------------ retention


def test_kept_draft_slip_states_keep_until_and_expired_code_is_refused(ctx: AppContext, vp: VirtualPrinter) -> None:
    svc = ctx.apply
    s, photo = _card_session(ctx)
    code = svc.keep_draft(s)
    until = service_today(svc) + dt.timedelta(days=30)
    (info,) = svc.kept_drafts.drafts()
    assert info.keep_until == until.isoformat() and info.kept
    assert svc.print_draft_code(code).printed
    assert f"草稿保留至 {until.isoformat()}" in vp.wait_for_jobs(1)[0].text.replace("\n", "")
    svc.discard(s)
    now = svc._clock()
    # The last day it is kept: still there.
    last_day = dt.datetime.combine(until, dt.time(23, 0), CHINA_TZ).timestamp()
    assert _at(svc, last_day).resume_draft(code).answers["id_number"] == ID
    later = _at(svc, last_day + 2 * 3600)
    with pytest.raises(UserError, match=f"已超过保留期限（保留至 {until}）"):
        later.resume_draft(code)
    assert svc.kept_drafts.drafts() == [] and not svc.store.exists(hashlib.sha256(photo).hexdigest())
    with pytest.raises(UserError, match="没有找到草稿"):
        later.resume_draft(code)
    assert now < last_day


def test_purge_drafts_by_channel_and_setting(ctx: AppContext) -> None:
    svc = ctx.apply
    now = svc._clock()
    kept, _ = _card_session(ctx)
    code = svc.keep_draft(kept)
    counter, _ = _card_session(ctx, channel="counter")
    _card_session(ctx)  # a kiosk draft nobody kept, left behind by a crash (never discarded)
    assert len(svc.kept_drafts.drafts()) == 3
    # Two hours on: only the crash leftover goes.
    result = _at(svc, now + 2 * 3600).kept_drafts.purge_drafts()
    assert result.drafts == 1 and {d.draft_id for d in svc.kept_drafts.drafts()} == {
        kept.session_id,
        counter.session_id,
    }
    # 40 days on: the kept kiosk draft (30 days) goes, the counter draft (90 days) stays.
    result = _at(svc, now + 40 * DAY).kept_drafts.purge_drafts()
    assert result.drafts == 1 and result.draft_codes == (code,)
    assert [d.channel for d in svc.kept_drafts.drafts()] == ["counter"]
    # counter_draft_retention_days = 0: counter drafts are kept until finalised or deleted.
    forever = _at(svc, now + 4000 * DAY)
    forever.counter_draft_retention_days = 0
    assert forever.kept_drafts.purge_drafts().drafts == 0 and svc.kept_drafts.drafts()[0].channel == "counter"
    assert forever.kept_drafts.drafts()[0].keep_until is None
    assert _at(svc, now + 91 * DAY).kept_drafts.purge_drafts().drafts == 1 and svc.kept_drafts.drafts() == []


def test_orphan_blobs_are_collected_after_the_grace(ctx: AppContext, home: Path) -> None:
    svc = ctx.apply
    _, photo = _card_session(ctx, channel="counter")
    orphan, _ = svc.store.put_bytes(b"\xff\xd8 a page whose draft vanished with a crash")
    old = svc._clock() - 2 * 3600
    for sha in (orphan, hashlib.sha256(photo).hexdigest()):
        os.utime(svc.store.path(sha), (old, old))
    fresh, _ = svc.store.put_bytes(b"\xff\xd8 stored a moment ago for a live session")
    assert svc.kept_drafts.collect_orphans() == 1
    assert not svc.store.exists(orphan) and svc.store.exists(fresh)
    assert svc.store.read_all(hashlib.sha256(photo).hexdigest()) == photo  # the counter draft refers to it


def test_cli_purge_drafts_and_config(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = home / "config.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n[apply]\ndraft_retention_days = 7\n", encoding="utf-8")
    ctx = AppContext(home)
    try:
        s, _ = _card_session(ctx)
        ctx.apply.keep_draft(s)
        _card_session(ctx, channel="laptop")
        draft_id = s.session_id
    finally:
        ctx.close()
    stale = (dt.datetime.now(dt.UTC) - dt.timedelta(days=8)).isoformat(timespec="seconds").replace("+00:00", "Z")
    conn = sqlite3.connect(home / "records.db")
    conn.execute("UPDATE drafts SET updated_at = ? WHERE draft_id = ?", (stale, draft_id))
    conn.commit()
    conn.close()
    assert main(["records", "purge-drafts", "--home", str(home), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["drafts_purged"] == 1 and out["drafts_left"] == 1
    assert (out["draft_retention_days"], out["counter_draft_retention_days"]) == (7, 90)
    cfg.write_text("[apply]\ndraft_retention_days = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"apply\.draft_retention_days .* 1"):
        load_config(cfg)
    cfg.write_text('[apply]\ncounter_draft_retention_days = "forever"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"apply\.counter_draft_retention_days .* int"):
        load_config(cfg)


# ------------------------------------------------------------------------------------------------ draft slip spool


def test_unprinted_draft_slip_expires_and_is_cancelled_when_the_citizen_leaves(
    ctx: AppContext, vp: VirtualPrinter
) -> None:
    svc = ctx.apply
    s, _ = _card_session(ctx)
    code = svc.keep_draft(s)
    vp.set_paper("out")
    out = svc.print_draft_code(code)
    assert not out.printed and out.queued and out.job_id
    (job,) = [j for j in ctx.printer.pending() if j.job_id == out.job_id]
    assert job.kind == "draft_code"
    expires = dt.datetime.fromisoformat(job.expires).timestamp()
    assert 0 < expires - svc._clock() <= 600
    # A receipt that failed too stays reprintable; the slip is cancelled with the wipe.
    done, _ = _card_session(ctx, channel="counter")
    svc.add_page(done, "id_card", b"\xff\xd8 id page")
    svc.add_page(done, "hukou", b"\xff\xd8 hukou page")
    result = svc.finalise(done, print_receipt=True, consent=True)
    assert result.print_queued
    svc.discard(s)
    kinds = [(j.kind, j.title) for j in ctx.printer.pending()]
    assert kinds == [("receipt", f"受理回执 {result.receipt_no}")]
    vp.set_paper("ok")
    assert svc.reprint(result.receipt_no).printed
    (printed,) = vp.wait_for_jobs(1)
    assert result.receipt_no in printed.text.replace(" ", "") and code not in printed.text  # number in groups
    assert svc.resume_draft(code).draft_code == code  # the draft itself is kept; only its slip was dropped


def test_purge_cancels_draft_slips_left_in_the_spool_by_a_restart(home: Path, vp: VirtualPrinter) -> None:
    first = AppContext(home)
    try:
        s, _ = _card_session(first)
        code = first.apply.keep_draft(s)
        vp.set_paper("out")
        job = first.apply.print_draft_code(code).job_id
        assert job in [j.job_id for j in first.printer.pending()]
    finally:
        first.close()  # the kiosk restarts (power cut): the citizen who wanted that slip is gone
    again = AppContext(home)
    try:
        svc = again.apply
        svc.start(ID_CARD_ITEM)  # the first session after start-up runs the purge
        assert [j for j in again.printer.pending() if j.kind == "draft_code"] == []
        assert svc.resume_draft(code).draft_code == code
    finally:
        again.close()
