"""Fields per form page follow the room (issue 13 §2): a fixed four questions a page left ~600 px blank on a portrait
1080×1920 kiosk and cut a field in 大字模式 at 1280×800. The form holds as many whole fields as its page shows (at
least one): every field of the page on show is wholly inside the page's view, and the next page's first field would
not have fitted. Checked at 1280×800 and 1366×768 landscape and 1080×1920 portrait, standard and 大字模式, and the
form is paged again (answers and place kept) when the panel or the type size changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint
from pytestqt.qtbot import QtBot

from app.forms.engine.definition import form_pages, parse_form
from app.model.apply import ApplySession
from tests.support.apply_fakes import CARD, FakeApply
from ui.screens.apply import ApplyScreen
from ui.screens.apply.paging import fit_per_page
from ui.shell import KioskWindow

LONG_FORM: dict[str, Any] = {
    "version": 1,
    "fields": [
        {"id": "applicant_name", "type": "text", "label": "申请人姓名", "label_en": "Name", "required": True,
         "prefill": "card.name"},
        {"id": "id_number", "type": "id_number", "label": "公民身份号码", "label_en": "ID number", "required": True,
         "prefill": "card.id_number", "validation": {"validator": "gb11643"}},
        {"id": "phone", "type": "phone", "label": "联系电话", "label_en": "Phone", "required": True,
         "validation": {"validator": "phone"}},
        {"id": "reason", "type": "choice", "label": "换领原因", "label_en": "Reason", "required": True,
         "options": [{"value": "expired", "label": "有效期满", "label_en": "Expired"},
                     {"value": "damaged", "label": "证件损坏", "label_en": "Damaged"}]},
        *({"id": f"note{n}", "type": "text", "label": f"补充说明{n}", "label_en": f"Note {n}"} for n in range(1, 11)),
    ],
}  # fmt: skip


class LongForm(FakeApply):
    """The fake service with a 14-question form and no question groups (as the demo catalog's forms)."""

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession:
        session = super().start(code, channel=channel)
        session.form = parse_form(LONG_FORM, material_ids=["hukou", "old_card"])
        return session


def settle() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents()


def check_page(screen: ApplyScreen) -> tuple[int, int]:
    """(fields on the page, the page's room): every row wholly inside the page's view; the next field did not fit."""
    view = screen.form_view
    assert view is not None
    page = view.pages[view.current_page()]
    rows = [view.row(f.id) for f in page.fields]
    viewport = page.viewport()
    for row in rows:
        top = row.mapTo(viewport, QPoint(0, 0)).y()
        if len(rows) == 1 and row.height() > viewport.height():
            continue  # a question taller than the room: its own page, scrolled (nothing else is cut with it)
        assert top >= 0 and top + row.height() <= viewport.height(), (row.field.id, top, row.height())
    following = view.pages[view.current_page() + 1].fields if view.current_page() + 1 < len(view.pages) else ()
    if following:
        spacing = page.body_layout.spacing()
        bottom = rows[-1].mapTo(viewport, QPoint(0, 0)).y() + rows[-1].height()
        nxt = view.row(following[0].id)
        assert bottom + spacing + nxt.heightForWidth(rows[-1].width()) > viewport.height() - 2, "room left for more"
    return len(rows), viewport.height()


@pytest.mark.parametrize("elder", [False, True])
def test_fields_per_page_fit_the_room_in_landscape_and_portrait(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], elder: bool
) -> None:
    window = kiosk(LongForm())
    window.set_elder_mode(elder)
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    screen.on_card_read(dict(CARD))
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    settle()
    counts = {}
    for size in ((1280, 800), (1366, 768), (1080, 1920)):
        window.resize(*size)
        qtbot.waitUntil(lambda: not screen.busy, timeout=5000)
        settle()
        screen.form.fit_pages()  # what the resize's timer does, at once
        settle()
        counts[size] = check_page(screen)[0]
        assert counts[size] >= 1
    # Portrait holds more questions than landscape; 大字模式 fewer than standard at the same size.
    assert counts[(1080, 1920)] > counts[(1280, 800)]
    view = screen.form_view
    assert view is not None
    assert view.input("applicant_name").value() == CARD["name"]  # the answers survived the paging
    assert "applicant_name" in screen.form.locks  # and the card's values are still locked


def test_large_text_pages_hold_fewer_fields_and_the_citizen_keeps_their_place(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    window = kiosk(LongForm())
    window.resize(1080, 1920)
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    screen.card.fill_manually()
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    settle()
    standard = check_page(screen)[0]
    view = screen.form_view
    assert view is not None
    view.input("phone").set_value("13800138000")
    window.set_elder_mode(True)
    qtbot.waitUntil(lambda: not screen.busy, timeout=5000)
    settle()
    screen.form.fit_pages()
    settle()
    large = check_page(screen)[0]
    assert 1 <= large < standard
    view = screen.form_view
    assert view is not None and view.input("phone").value() == "13800138000"


def test_fit_per_page_is_the_largest_count_whose_every_page_fits() -> None:
    form = parse_form(LONG_FORM, material_ids=[])
    heights = {f.id: 100 for f in form.fields}
    assert fit_per_page(form, heights, room=100, spacing=10) == 1
    assert fit_per_page(form, heights, room=320, spacing=10) == 3  # 3 × 100 + 2 × 10
    assert fit_per_page(form, heights, room=10_000, spacing=10) == len(form.fields)
    heights["reason"] = 250  # a tall choice: every page that holds it must still fit
    per_page = fit_per_page(form, heights, room=470, spacing=10)
    for page in form_pages(form, per_page=per_page):
        assert sum(heights[f.id] for f in page) + 10 * (len(page) - 1) <= 470
    assert all(
        sum(heights[f.id] for f in p) + 10 * (len(p) - 1) > 470 for p in form_pages(form, per_page=per_page + 1)[:1]
    ) or any(sum(heights[f.id] for f in p) + 10 * (len(p) - 1) > 470 for p in form_pages(form, per_page=per_page + 1))
    assert fit_per_page(form, {f.id: 900 for f in form.fields}, room=500, spacing=10) == 1  # at least one
