"""Compact locked rows (issue 13 §2, elder mode): a value read from the ID card is shown locked with a finger-sized
信息有误，更正 button. Under the value, that button made each locked row about 200 px tall, so at 1280×800 a form page
held one of them and 居民身份证换领 read from the card was five pages of one field each. The button now stands
beside the value when the row is wide enough (`ui/screens/apply/beside.py`) and under it when not (a narrow portrait
panel in 大字模式, long English, a long address that wraps).

Checked on the demo catalog's 居民身份证换领 form (five fields filled from the card): at 1280×800 every locked row
is side by side, the pages are the ones the measured heights give, and fewer than the same rows stacked would take
(measured on the same widgets), which were already fewer than one field a page; 更正 still asks a reason, unlocks the
field and records the correction; in portrait English 大字模式 the ID number's row falls back to the stacked
arrangement and nothing is cut."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.data import DEMO_CATALOG
from app.forms.engine.definition import form_pages, parse_form
from app.model.apply import ApplySession
from tests.support.apply_fakes import CARD, FakeApply
from ui.kiosk.fit import clipped_texts
from ui.screens.apply import ApplyScreen
from ui.screens.apply.beside import BesideLayout
from ui.screens.apply.locks import CardValue
from ui.screens.apply.paging import room_check
from ui.screens.apply.texts import t
from ui.screens.base import make_label
from ui.shell import KioskWindow
from ui.theme import MIN_TARGET_PX

RENEWAL = "530000-GA-0001"
CARD_FIELDS = {"applicant_name", "id_number", "gender", "birth_date", "address"}


def renewal_form() -> dict[str, Any]:
    """居民身份证换领's form as the demo catalog ships it."""
    items = yaml.safe_load((DEMO_CATALOG / "items" / "public_security.yaml").read_text(encoding="utf-8"))
    return dict(next(i for i in items if i["basic_code"] == RENEWAL)["form"])


class Renewal(FakeApply):
    """The fake service with the demo's 居民身份证换领 form (no question groups, five fields from the card)."""

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession:
        session = super().start(code, channel=channel)
        session.form = parse_form(renewal_form(), material_ids=["photo_receipt", "hukou", "old_card"])
        return session


def settle() -> None:
    for _ in range(4):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents()


def open_form(qtbot: QtBot, window: KioskWindow) -> ApplyScreen:
    window.start_apply(RENEWAL)
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    screen.on_card_read(dict(CARD))
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    settle()
    screen.form.fit_pages()  # what the resize's timer does, at once
    settle()
    return screen


def within(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def side_by_side(lock: CardValue) -> bool:
    """The buttons to the right of the value and its tag, on the same line."""
    value, button = within(lock.shown, lock), within(lock.correct, lock)
    return button.left() >= value.right() and button.top() < value.bottom() and value.top() < button.bottom()


def below(lock: CardValue) -> bool:
    """The buttons on a line under the value."""
    return within(lock.correct, lock).top() >= within(lock.shown, lock).bottom()


def test_locked_rows_side_by_side_take_fewer_pages_at_1280x800(qtbot: QtBot, kiosk: Callable[..., KioskWindow]) -> None:
    fake = Renewal()
    window = kiosk(fake)  # 1280×800, Chinese, standard type
    screen = open_form(qtbot, window)
    view = screen.form_view
    assert view is not None
    locks = screen.form.locks
    assert set(locks) == CARD_FIELDS and all(lock.locked for lock in locks.values())
    first = view.pages[view.current_page()]
    shown = [locks[f.id] for f in first.fields if f.id in locks]
    assert len(shown) >= 2  # the first page holds more than one locked row
    for lock in shown:
        assert lock.beside and side_by_side(lock), lock.shown.text()
        for button in (lock.correct, *([lock.reveal] if lock.secret else [])):
            assert button.height() >= MIN_TARGET_PX and button.width() >= MIN_TARGET_PX  # still finger-sized
            assert within(button, lock).bottom() < lock.height()  # wholly inside its row

    # The pages as the measured rows give them (the room of a page, every row's height at the page's width) ...
    margins = first.body_layout.contentsMargins()
    room = first.viewport().height() - margins.top() - margins.bottom()
    width = first.viewport().width() - margins.left() - margins.right()
    spacing = first.body_layout.spacing()
    heights = {f.id: view.row(f.id).heightForWidth(width) for f in view.definition.fields}
    after = [tuple(f.id for f in p) for p in form_pages(view.definition, fits=room_check(heights, room, spacing))]
    assert [tuple(f.id for f in p.fields) for p in view.pages] == after
    # ... against the same rows with their buttons under the value (as before), measured on the same widgets.
    sample = shown[0]
    lock_width = sample.width() + (width - view.row(next(iter(CARD_FIELDS & {f.id for f in first.fields}))).width())
    stacked = {
        fid: heights[fid] - lock.heightForWidth(lock_width) + lock.arrangement.stacked_height(lock_width)
        for fid, lock in locks.items()
    }
    assert all(stacked[fid] > heights[fid] for fid in CARD_FIELDS)
    before = form_pages(view.definition, fits=room_check({**heights, **stacked}, room, spacing))
    one_per_page = len(view.definition.fields)
    assert len(after) < len(before) <= one_per_page
    card_pages_after = sum(1 for p in after if CARD_FIELDS & set(p))
    card_pages_before = sum(1 for p in before if CARD_FIELDS & {f.id for f in p})
    assert card_pages_after < card_pages_before <= len(CARD_FIELDS)
    print(f"1280x800 pages: {len(before)} stacked -> {len(after)} side by side; card fields on "
          f"{card_pages_before} -> {card_pages_after} pages; {after}")  # fmt: skip


def test_correct_still_unlocks_the_field_with_a_reason(qtbot: QtBot, kiosk: Callable[..., KioskWindow]) -> None:
    fake = Renewal()
    window = kiosk(fake)
    screen = open_form(qtbot, window)
    view = screen.form_view
    assert view is not None
    view._show_page(view._page_of["address"])
    settle()
    lock = screen.form.locks["address"]
    assert lock.beside and not view.input("address").isVisible()
    qtbot.mouseClick(lock.correct, Qt.MouseButton.LeftButton)  # 信息有误，更正
    qtbot.waitUntil(lambda: lock.reasons.isVisible(), timeout=3000)
    settle()
    assert not clipped_texts(lock)  # 请选择更正的原因 and the reasons, wrapped to the row's width
    moved = lock.reason_buttons["reason_moved"]
    qtbot.mouseClick(moved, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.input("address").isVisible() and not screen.busy, timeout=5000)
    assert "address" not in screen.form.locks
    assert fake.corrections == [("address", t("reason_moved", "zh_CN"))]  # the record keeps the Chinese reason
    session = screen.session
    assert session is not None and session.corrections == {"address": t("reason_moved", "zh_CN")}
    assert "address" not in session.card_fields
    edit = view.input("address").focus_target()
    assert edit.isEnabled() and window.focusWidget() is edit  # the cursor in it (once the window is active)
    assert isinstance(edit, QLineEdit)
    edit.selectAll()
    qtbot.keyClicks(edit, "No. 8 Xinjie, Jianshui")  # the moved address, typed (QTest types ASCII keys only)
    assert view.input("address").value() == "No. 8 Xinjie, Jianshui"
    assert {fid for fid, other in screen.form.locks.items() if other.locked} == CARD_FIELDS - {"address"}


def test_portrait_english_large_text_falls_back_to_stacked_without_cutting(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    window = kiosk(Renewal())
    window.resize(1080, 1920)
    window.set_language("en")
    window.set_elder_mode(True)
    screen = open_form(qtbot, window)
    view = screen.form_view
    assert view is not None
    locks = screen.form.locks
    page_fields = {f.id for f in view.pages[view.current_page()].fields}
    assert "id_number" in page_fields
    # The ID number's two buttons and its tag do not fit beside it at this width: stacked, the buttons below.
    id_lock = locks["id_number"]
    assert not id_lock.beside and below(id_lock)
    for fid in page_fields & set(locks):
        lock = locks[fid]
        assert side_by_side(lock) if lock.beside else below(lock), fid
        assert within(lock.correct, lock).bottom() < lock.height(), fid  # the row is as tall as what it holds
        row = view.row(fid)
        assert row.height() == row.heightForWidth(row.width()), fid
    assert not clipped_texts(view), clipped_texts(view)


def test_the_arrangement_follows_the_width(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    value = make_label("SectionBody", "云南省红河哈尼族彝族自治州建水县临安镇翰林街1号")
    tag = make_label("Hint", "读自身份证（已锁定）", wrap=False)
    button = QPushButton("信息有误，更正")
    layout = BesideLayout(holder, value=value, tag=tag, buttons=(button,))
    holder.show()
    settle()
    side = button.sizeHint().width() + tag.sizeHint().width()
    wide, narrow = 3 * side, side  # beside the value the button leaves the tag no room at `narrow`
    for width in (wide, narrow, wide):
        holder.resize(width, 400)
        settle()
        layout.setGeometry(holder.rect())
        assert layout.beside == (width == wide)
        lowest = max(w.geometry().bottom() + 1 for w in (value, tag, button))
        assert layout.heightForWidth(width) == lowest + layout.contentsMargins().bottom()  # as tall as laid out
        assert (button.x() > value.x() + value.width()) == layout.beside
        assert not clipped_texts(holder)
    assert layout.heightForWidth(wide) < layout.stacked_height(wide)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_masked_id_reveal_beside_the_value(qtbot: QtBot, kiosk: Callable[..., KioskWindow], language: str) -> None:
    window = kiosk(Renewal())
    window.set_language(language)
    screen = open_form(qtbot, window)
    lock = screen.form.locks["id_number"]
    assert lock.beside and side_by_side(lock)
    assert within(lock.reveal, lock).right() < within(lock.correct, lock).left()
    masked = lock.shown.text()
    assert masked != CARD["id_number"] and masked.endswith(CARD["id_number"][-4:])
    lock.reveal.pressed.emit()
    assert lock.shown.text() == CARD["id_number"]
    lock.reveal.released.emit()
    assert lock.shown.text() == masked
