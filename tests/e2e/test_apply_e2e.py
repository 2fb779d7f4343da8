"""End to end through the screens on the real AppContext services: demo catalog, the GA 467 card reader emulator,
the `file` scanner, the virtual printer on 127.0.0.1, records.db and its outbox (社会保障卡申领, an item the catalog
offers on self-service terminals; 居民身份证换领, which needs the window, is walked in
tests/integration/ui_apply/test_truthful_flow_screens.py)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.lazy import LazyServices
from app.model.apply import MaterialSlot
from devices.emulators.virtual_printer import VirtualPrinter
from ui.shell import KioskWindow

ITEM = "530000-RS-0007"
"""社会保障卡申领: self-service; the ID card read on the reader is its 申请人居民身份证, the photo is scanned."""
ANSWERS = {"phone": "13800138000", "bank": "rcc"}
ID = "53252419880315002X"


def texts(root: QWidget) -> str:
    return "\n".join(w.text() for w in root.findChildren(QLabel))


def test_social_security_card_through_the_screens(qtbot: QtBot, real_home: Path, vp: VirtualPrinter) -> None:
    ctx = AppContext(real_home)
    lazy = LazyServices(ctx)
    window = KioskWindow(lazy.catalog, apply=lazy.apply, identity=ctx.identity, search_debounce_ms=10)
    qtbot.addWidget(window)
    try:
        window.resize(1280, 800)
        window.show()
        window.open_item(ITEM)
        guide = window.screens.guide
        assert guide is not None
        qtbot.waitUntil(lambda: guide.guide is not None, timeout=60_000)  # first use imports the demo catalog
        guide.apply_button.click()
        screen = window.screens.apply
        assert screen is not None
        qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=20_000)

        screen.card.read_button.click()  # the identity service reads the emulated card
        qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=20_000)
        view = screen.form_view
        assert view is not None
        assert view.input("applicant_name").value() == "李明华" and view.input("id_number").value() == ID
        view.set_answers(ANSWERS)
        while view.go_next():
            pass
        assert view.submit()
        qtbot.waitUntil(lambda: screen.step == "materials" and not screen.busy, timeout=20_000)
        session = screen.session
        assert session is not None
        for slot in [s for s in session.slots if s.required]:
            screen.materials.scan(slot.slot_id)

            def scanned(s: MaterialSlot = slot) -> bool:
                return bool(s.pages) and not screen.busy

            qtbot.waitUntil(scanned, timeout=20_000)
            assert screen.materials.cards[slot.slot_id].page_buttons  # its thumbnail is shown
        screen.show_review()
        qtbot.waitUntil(lambda: screen.step == "review" and not screen.busy, timeout=20_000)
        review = texts(screen.review)
        assert "5325**********002X" in review and ID not in review
        screen.review.consent.click()  # 告知承诺
        assert screen.review.confirm_button.isEnabled()
        with qtbot.waitSignal(screen.finalised, timeout=30_000) as finalised:
            screen.review.confirm()
        result = finalised.args[0]
        assert result.printed and screen.done.number.text().replace(" ", "") == result.receipt_no
        assert screen.done.take_card.isVisibleTo(screen)  # 请取回您的身份证

        # The receipt as the virtual printer rendered it.
        job = vp.wait_for_jobs(1)[0]
        assert job.png is not None and job.png.is_file() and job.png.stat().st_size > 1000
        assert (
            result.receipt_no in job.text.replace(" ", "") and "5325**********002X" in job.text and ID not in job.text
        )
        assert "社会保障卡申领" in job.text and any(result.receipt_no in qr for qr in job.qr_codes)

        # The record and its outbox row.
        rec = ctx.records_db.get_record(result.record_id)
        assert rec is not None and rec.receipt_no == result.receipt_no
        assert ctx.records_db.outbox_entry(result.record_id) is not None
        payload = json.loads(rec.payload)
        assert payload["applicant"]["id_number"] == ID and payload["form"]["phone"] == "13800138000"
        assert len(payload["attachments"]) >= 2
        assert screen.session is None and ID not in texts(window)

        # 好差评 linked to the receipt number, queued in the outbox too.
        screen.done.rate_button.click()
        rating = window.screens.evaluate
        assert rating is not None and window.current is rating
        rating.level_buttons["非常满意"].click()
        with qtbot.waitSignal(rating.sent, timeout=20_000) as sent:
            rating.send_button.click()
        evaluation = ctx.records_db.get_record(sent.args[0].record_id)
        assert evaluation is not None and json.loads(evaluation.payload)["receipt_no"] == result.receipt_no
        assert ctx.records_db.outbox_entry(sent.args[0].record_id) is not None

        # A kiosk draft kept when leaving early comes back by its code, answers decrypted from records.db.
        window.go_home()
        window.start_apply(ITEM)
        qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=20_000)
        screen.card.manual_button.click()
        assert screen.form_view is not None
        screen.form_view.input("phone").set_value("13912345678")
        window.go_home()
        assert screen.step == "keep"
        screen.keep.keep_button.click()
        qtbot.waitUntil(lambda: screen.keep.code.isVisibleTo(screen), timeout=20_000)
        code = screen.session.draft_code if screen.session is not None else None
        assert code and code in screen.keep.code.text()
        with qtbot.waitSignal(screen.wiped, timeout=20_000):
            screen.keep.home_button.click()
        window.start_apply()
        screen.resume(code)
        qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=20_000)
        assert screen.form_view is not None and screen.form_view.input("phone").value() == "13912345678"
    finally:
        window.close()
        ctx.close()
