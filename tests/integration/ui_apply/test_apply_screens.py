"""The apply screens on a fake apply service: happy path, validation keeps input, paper out, 容缺, 一次性告知,
rating (bad → reason required, none → nothing sent), keep-draft on leaving, idle wipe, status and complaint."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.errors import UserError
from app.model.apply import ApplySession, MaterialSlot
from app.model.identity import CardData
from tests.support.apply_fakes import CARD, ID, PNG, RECEIPT, FakeApply
from tests.support.screens import current_screen
from ui.ports import IdentityPort
from ui.screens.apply import ApplyScreen
from ui.shell import KioskWindow

ITEM = "530000-GA-0001"


def wait_step(qtbot: QtBot, screen: ApplyScreen, step: str) -> None:
    qtbot.waitUntil(lambda: screen.step == step and not screen.busy, timeout=5000)


def idle(qtbot: QtBot, screen: ApplyScreen) -> None:
    qtbot.waitUntil(lambda: screen.tasks.pending == 0 and screen.wipe_tasks.pending == 0, timeout=5000)


def start(qtbot: QtBot, window: KioskWindow, *, card: bool = True) -> ApplyScreen:
    window.start_apply(ITEM)
    screen = window.screens.apply
    assert screen is not None and window.current is screen
    wait_step(qtbot, screen, "card")
    if card:
        screen.on_card_read(dict(CARD))  # what the card adapter delivers
    else:
        screen.card.fill_manually()
    wait_step(qtbot, screen, "form")
    return screen


def fill_form(qtbot: QtBot, screen: ApplyScreen) -> None:
    view = screen.form_view
    assert view is not None
    view.input("phone").set_value("13800138000")
    assert view.go_next()
    view.input("reason").set_value("expired")
    assert view.submit()
    wait_step(qtbot, screen, "materials")


def scan_all(qtbot: QtBot, screen: ApplyScreen) -> None:
    assert screen.session is not None
    for slot in list(screen.session.slots):
        screen.materials.scan(slot.slot_id)

        def scanned(s: MaterialSlot = slot) -> bool:
            return len(s.pages) == 1 and not screen.busy

        qtbot.waitUntil(scanned, timeout=5000)


def hold(qtbot: QtBot, button: QPushButton, down: bool) -> None:
    """A finger pressing (or lifting from) the button, scrolled into view first. The page's touch scroller passes a
    press on after a short delay (it waits to see whether the finger drags): callers wait for the effect."""
    parent = button.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(button)
        qtbot.wait(100)  # the scroll settles before the finger lands
    if down:
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)


def all_texts(root: QWidget) -> str:
    parts = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel | QPushButton | QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            parts.append(w.currentText())
            parts.extend(w.itemText(i) for i in range(w.count()))
    return "\n".join(parts)


def test_happy_path_card_form_scan_review_receipt_rating(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    window = kiosk(fake_apply)
    screen = start(qtbot, window)
    view = screen.form_view
    assert view is not None
    assert view.input("applicant_name").value() == "李明华" and view.input("id_number").value() == ID
    fill_form(qtbot, screen)
    # Autosave: the first page was saved when the form moved on (page_changed), before the materials page.
    assert [c for c, _ in fake_apply.calls].count("save_page") >= 2
    assert fake_apply.drafts and next(iter(fake_apply.drafts.values()))["phone"] == "13800138000"
    scan_all(qtbot, screen)
    assert all(len(b.page_buttons) == 1 for b in screen.materials.cards.values())  # thumbnails with re-take/delete
    qtbot.waitUntil(lambda: not screen.materials.cards["hukou_upload"].import_.isVisibleTo(screen))  # kiosk: no import
    screen.show_review()
    wait_step(qtbot, screen, "review")
    shown = all_texts(screen.review)
    assert "5325**********002X" in shown and ID not in shown  # masked on review
    hold(qtbot, screen.review.show_id_button, True)
    qtbot.waitUntil(lambda: ID in all_texts(screen.review), timeout=3000)  # shown whole only while 按住查看 is held
    hold(qtbot, screen.review.show_id_button, False)
    qtbot.waitUntil(lambda: ID not in all_texts(screen.review), timeout=3000)
    # 告知承诺 before 确认提交: pressed without it, nothing is submitted; the consent goes with the submission.
    screen.review.confirm()
    assert screen.step == "review" and fake_apply.finalised == [] and "告知承诺" in screen.status.text()
    screen.review.consent.click()
    assert screen.review.confirm_button.isEnabled()
    with qtbot.waitSignal(screen.finalised, timeout=5000) as sig:
        screen.review.confirm()
    assert sig.args[0].receipt_no == RECEIPT
    wait_step(qtbot, screen, "done")
    assert screen.done.number.text().replace(" ", "") == RECEIPT and "请取走" in screen.done.message.text()
    assert fake_apply.finalised[0]["id_number"] == ID and fake_apply.consents == [True]
    assert screen.session is None and ID not in all_texts(window)
    # Every service call ran on a worker thread.
    assert all(thread != threading.main_thread().name for _, thread in fake_apply.calls)
    screen.done.rate_button.click()
    rating = window.screens.evaluate
    assert rating is not None and window.current is rating
    assert rating.keypad.text() == RECEIPT
    rating.level_buttons["满意"].click()
    with qtbot.waitSignal(rating.sent, timeout=5000):
        rating.send_button.click()
    assert fake_apply.evaluations == [(RECEIPT, "满意", (), "")]
    rating.skip_button.click()
    assert current_screen(window) is window.home


def test_validation_error_keeps_input(qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply) -> None:
    window = kiosk(fake_apply)
    screen = start(qtbot, window, card=False)
    view = screen.form_view
    assert view is not None
    view.input("applicant_name").set_value("王芳")
    view.input("id_number").set_value("532524198803150021")  # wrong check character (GB 11643)
    view.input("phone").set_value("12345")
    assert not view.go_next()
    errors = view.errors()
    assert set(errors) == {"id_number", "phone"}
    assert view.row("phone").message() and view.current_page() == 0
    assert view.input("applicant_name").value() == "王芳"
    assert view.input("id_number").value() == "532524198803150021" and view.input("phone").value() == "12345"


def test_paper_out_submission_stands_and_citizen_told(qtbot: QtBot, kiosk: Callable[..., KioskWindow]) -> None:
    fake = FakeApply(paper=False)
    window = kiosk(fake)
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    scan_all(qtbot, screen)
    screen.show_review()
    wait_step(qtbot, screen, "review")
    screen.review.consent.click()
    screen.review.confirm()
    wait_step(qtbot, screen, "done")
    assert len(fake.finalised) == 1
    assert screen.done.number.text().replace(" ", "") == RECEIPT
    assert "已经提交成功" in screen.done.message.text() and "补打" in screen.done.message.text()


def test_deferred_material_then_notice_where_not_allowed(qtbot: QtBot, kiosk: Callable[..., KioskWindow]) -> None:
    fake = FakeApply(deferrable=True)
    window = kiosk(fake)
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    box = screen.materials.cards["material.old_card"]
    qtbot.waitUntil(lambda: box.defer.isVisibleTo(screen), timeout=5000)
    screen.materials.scan("hukou_upload")
    qtbot.waitUntil(lambda: not screen.busy and bool(screen.materials.cards["hukou_upload"].page_buttons), timeout=5000)
    box.defer.click()
    qtbot.waitUntil(
        lambda: not screen.busy and screen.session is not None and screen.session.slots[1].deferred, timeout=5000
    )
    card = screen.materials.cards["material.old_card"]
    assert "已选择容缺，请在承诺时间内到窗口补交。" in card.detail.text()  # the slot itself says what was chosen …
    assert card.defer.text() == "取消容缺"  # … and its button now undoes it
    screen.show_review()
    wait_step(qtbot, screen, "review")
    screen.review.consent.click()
    assert "原居民身份证" in screen.review.materials.text() and screen.review.confirm_button.isEnabled()

    # An item without 容缺: no defer button, and the review becomes the 一次性告知 list with a printed slip.
    strict = FakeApply(deferrable=False)
    window2 = kiosk(strict)
    screen2 = start(qtbot, window2)
    fill_form(qtbot, screen2)
    qtbot.waitUntil(lambda: not screen2.materials.cards["material.old_card"].defer.isVisibleTo(screen2))
    screen2.show_review()
    wait_step(qtbot, screen2, "notice")
    assert "居民户口簿" in screen2.notice.owed.text() and "原居民身份证" in screen2.notice.owed.text()
    screen2.notice.print_button.click()
    qtbot.waitUntil(lambda: strict.notices == 1 and screen2.notice.message.isVisibleTo(screen2), timeout=5000)
    assert strict.finalised == []


def test_scan_failure_is_told_and_slot_unchanged(qtbot: QtBot, kiosk: Callable[..., KioskWindow]) -> None:
    fake = FakeApply(scan_fails=True)
    window = kiosk(fake)
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    with qtbot.waitSignal(screen.failed, timeout=5000):
        screen.materials.scan("hukou_upload")
    assert "扫描失败" in screen.status.text() and screen.session is not None
    slot = screen.session.slot("hukou_upload")
    assert slot is not None and slot.pages == []


def test_bad_rating_needs_a_reason_and_no_rating_sends_nothing(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    window = kiosk(fake_apply)
    window.home.tile_chosen.emit("evaluate")
    rating = window.screens.evaluate
    assert rating is not None and window.current is rating
    for key in RECEIPT:
        rating.keypad.press(key)
    rating.level_buttons["不满意"].click()
    assert rating.reasons_box.isVisibleTo(rating)
    rating.send_button.click()
    assert "至少选择一个原因" in rating.message.text() and fake_apply.evaluations == []
    rating.reason_buttons["等候时间长"].click()
    rating.text.setPlainText("排队一个小时")
    with qtbot.waitSignal(rating.sent, timeout=5000):
        rating.send_button.click()
    assert fake_apply.evaluations == [(RECEIPT, "不满意", ("等候时间长",), "排队一个小时")]
    # No rating: leaving sends nothing.
    rating.start(RECEIPT)
    rating.skip_button.click()
    assert current_screen(window) is window.home and len(fake_apply.evaluations) == 1


def test_leaving_early_asks_to_keep_the_draft(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    window = kiosk(fake_apply)
    screen = start(qtbot, window)
    window.go_home()
    assert window.current is screen and screen.step == "keep"
    screen.keep.stay_button.click()
    assert screen.step == "form" and screen.session is not None
    window.go_home()
    screen.keep.keep_button.click()
    qtbot.waitUntil(lambda: screen.keep.code.isVisibleTo(screen), timeout=5000)
    assert "D123456785" in screen.keep.code.text()
    session = screen.session
    assert session is not None
    with qtbot.waitSignal(screen.wiped, timeout=5000):
        screen.keep.home_button.click()
    assert current_screen(window) is window.home
    assert session.session_id in fake_apply.drafts  # a kept draft survives the wipe
    # Not kept: the draft is gone.
    screen = start(qtbot, window)
    assert screen.session is not None
    sid = screen.session.session_id
    window.go_home()
    with qtbot.waitSignal(screen.wiped, timeout=5000):
        screen.keep.drop_button.click()
    assert sid not in fake_apply.drafts and current_screen(window) is window.home


def test_idle_wipe_leaves_no_id_number_in_widgets_or_sessions(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    window = kiosk(fake_apply)
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    scan_all(qtbot, screen)
    screen.show_review()
    wait_step(qtbot, screen, "review")
    hold(qtbot, screen.review.show_id_button, True)  # held when the wipe comes
    qtbot.waitUntil(lambda: ID in all_texts(window), timeout=3000)
    with qtbot.waitSignal(screen.wiped, timeout=5000):
        window.reset_session()  # what the idle timeout does
    idle(qtbot, screen)
    qtbot.wait(0)
    assert window.current is window.home and screen.session is None and screen.form_view is None
    assert ID not in all_texts(window) and "李明华" not in all_texts(window)
    gc.collect()
    ours = {s.session_id for s in fake_apply.sessions}
    live = [o for o in gc.get_objects() if isinstance(o, ApplySession) and o.session_id in ours]
    assert live  # the fake service itself still holds them
    for obj in live:
        assert obj.wiped and ID not in repr(obj) and obj.card is None
    assert fake_apply.discarded and not fake_apply.drafts


def test_status_and_complaint(qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply) -> None:
    window = kiosk(fake_apply)
    window.home.tile_chosen.emit("progress")
    status = window.screens.status
    assert status is not None and window.current is status
    for key in RECEIPT:
        status.keypad.keys[key].click()
    with qtbot.waitSignal(status.shown, timeout=5000):
        status.query_button.click()
    text = status.answer.text()
    assert "居民身份证换领" in text and "2026-12-25" in text
    assert "2026-11-26 16:30" in status.heard.text()  # the last time the terminal heard from the platform
    status.keypad.keys["⌫"].click()
    with qtbot.waitSignal(status.shown, timeout=5000):
        status.query_button.click()
    assert "没有找到" in status.answer.text()

    window.go_home()
    window.home.tile_chosen.emit("consult")
    form = window.screens.complaint
    assert form is not None and current_screen(window) is form
    form.kind_buttons["complaint"].click()
    form.subject_buttons["staff"].click()
    form.subject_ref.setText("A017")
    form.send_button.click()
    assert "请填写内容" in form.message.text() and fake_apply.complaints == []
    form.content.setPlainText("窗口工作人员未按时到岗")
    form.receipt.setText(RECEIPT)
    with qtbot.waitSignal(form.sent, timeout=5000):
        form.send_button.click()
    sent = fake_apply.complaints[0]
    assert sent["kind"] == "complaint" and sent["subject"] == "staff" and sent["subject_ref"] == "A017"
    assert sent["receipt_no"] == RECEIPT and "Z0123456789" in form.message.text()


def test_guide_offers_apply_and_english(qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply) -> None:
    window = kiosk(fake_apply)
    window.open_item(ITEM)
    guide = window.screens.guide
    assert guide is not None
    qtbot.waitUntil(lambda: guide.guide is not None, timeout=5000)
    assert guide.apply_button.isVisibleTo(guide)
    guide.apply_button.click()
    screen = window.screens.apply
    assert screen is not None
    wait_step(qtbot, screen, "card")
    window.set_language("en")
    assert screen.card.title.text() == "Please place your ID card on the reader"
    assert screen.card.manual_button.text() == "Fill in by hand"


def test_counter_imports_files_and_keeps_its_draft_without_asking(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply, tmp_path: Path
) -> None:
    window = kiosk(fake_apply, role="counter")
    screen = start(qtbot, window)
    fill_form(qtbot, screen)
    box = screen.materials.cards["hukou_upload"]
    qtbot.waitUntil(lambda: box.import_.isVisibleTo(screen), timeout=5000)
    scan = tmp_path / "户口簿.png"
    scan.write_bytes(PNG)
    screen.materials.import_file("hukou_upload", scan)
    qtbot.waitUntil(lambda: bool(screen.materials.cards["hukou_upload"].page_buttons) and not screen.busy, timeout=5000)
    session = screen.session
    assert session is not None and session.channel == "counter" and len(session.slots[0].pages) == 1
    # Re-take replaces the page (scan first, then the old one goes); delete removes it.
    old = session.slots[0].pages[0].sha256
    screen.materials.cards["hukou_upload"].page_buttons[0][0].click()
    qtbot.waitUntil(lambda: not screen.busy and session.slots[0].pages[0].sha256 != old, timeout=5000)
    assert len(session.slots[0].pages) == 1
    screen.materials.cards["hukou_upload"].page_buttons[0][1].click()
    qtbot.waitUntil(lambda: not screen.busy and not session.slots[0].pages, timeout=5000)
    # A counter draft persists: leaving asks nothing and does not delete it (the in-memory copy is dropped).
    with qtbot.waitSignal(screen.wiped, timeout=5000):
        window.go_home()
    assert window.current is window.home and session.session_id in fake_apply.drafts and screen.session is None


class _LiftedCard:
    """An identity port whose read fails as when the card is lifted mid-read."""

    def __init__(self) -> None:
        self.reads = 0

    def read_card(self, *, timeout: float = 10.0) -> CardData:
        self.reads += 1
        raise UserError("读卡中断：证件被移开，请重新放置 / card removed during the read")


_identity_port: IdentityPort = _LiftedCard()
"""mypy checks the fake against the port the card step uses."""


def test_card_lifted_mid_read_is_told_and_manual_entry_still_works(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    identity = _LiftedCard()
    window = kiosk(fake_apply, identity=identity)
    window.start_apply(ITEM)
    screen = window.screens.apply
    assert screen is not None
    wait_step(qtbot, screen, "card")
    with qtbot.waitSignal(screen.failed, timeout=5000):
        screen.card.read_button.click()
    assert identity.reads == 1 and screen.step == "card"
    assert "读卡失败" in screen.card.message.text() and "重新放置" in screen.card.message.text()
    screen.card.manual_button.click()
    wait_step(qtbot, screen, "form")
    assert screen.form_view is not None and screen.form_view.input("applicant_name").value() is None


def test_address_field_gets_the_real_division_picker(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], monkeypatch: object
) -> None:
    """A `division` field is a cascading picker over the division tree, loaded once off the GUI thread, not the
    type-the-code fallback."""
    import pytest

    from tests.support import apply_fakes as fakes
    from ui.forms.division import DivisionInput

    mp = pytest.MonkeyPatch()
    try:
        form = dict(fakes.FORM)
        form["fields"] = [
            *fakes.FORM["fields"],
            {"id": "address_division", "type": "division", "label": "户籍地址", "label_en": "Registered address",
             "group": "申请人", "group_en": "Applicant"},
        ]  # fmt: skip
        mp.setattr(fakes, "FORM", form)
        fake = FakeApply()
        window = kiosk(fake)
        screen = start(qtbot, window)
        assert screen.form_view is not None
        picker = screen.form_view.input("address_division")
        assert isinstance(picker, DivisionInput)
        assert picker.fallback is None and picker.combos
        assert picker.combos[0].findText("云南省") >= 0
        assert [c for c, _ in fake.calls].count("division_rows") == 1
    finally:
        mp.undo()
