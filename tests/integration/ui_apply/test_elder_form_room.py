"""The form's room in 大字模式 (issue 13 §2): at 1280×800 a form page held one field, because the flow's chrome (the
title, the step indicator and the status line each on a line of their own, wide margins) took the height a second
one needed. Now the title and the steps share a line where they fit, the status line stands beside 下一步 on the form
(and takes no room elsewhere while empty) and the gaps are narrower, with every text and touch target as large as
大字模式 makes them.

Measured on the demo catalog's 居民身份证换领 read from the card (five locked rows): at 1280×800 in 大字模式 a page's
room holds two locked rows, in Chinese and in English, derived from the rows' measured heights; the 800 px are
accounted for widget by widget; 1366×768 is paged as its measured rows give; a page change or 大字模式 switched on
mid-form keeps the locks and the answers; the head goes to two lines where it does not fit; the status line comes
and goes without being lost with the form view it stood in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.forms.engine.definition import form_pages
from app.model.apply import ApplySession
from tests.integration.ui_apply.test_card_rows import CARD_FIELDS, Renewal, open_form, settle
from tests.support.apply_fakes import CARD
from ui.forms.style import target
from ui.kiosk.fit import clipped_texts
from ui.screens.apply import ApplyScreen
from ui.screens.apply.paging import room_check
from ui.shell import KioskWindow
from ui.theme import BASE_PX, ELDER_SCALE, px


def top(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def elder_form(qtbot: QtBot, kiosk: Callable[..., KioskWindow], size: tuple[int, int], language: str) -> ApplyScreen:
    window = kiosk(Renewal())
    window.resize(*size)
    window.set_language(language)
    window.set_elder_mode(True)
    return open_form(qtbot, window)


def page_room(screen: ApplyScreen) -> tuple[int, int, int, dict[str, int]]:
    """The room of the form's page on show, the width its rows are measured at (beside the page's scroll bar), the
    gap between rows and every row's height at that width."""
    view = screen.form_view
    assert view is not None
    page = view.pages[view.current_page()]
    room, width = screen.form.page_room(view)
    margins = page.body_layout.contentsMargins()
    assert room == page.viewport().height() - margins.top() - margins.bottom()  # the page's whole height is room
    assert width <= page.viewport().width() - margins.left() - margins.right()
    heights = {f.id: view.row(f.id).heightForWidth(width) for f in view.definition.fields}
    return room, width, page.body_layout.spacing(), heights


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_two_locked_rows_fit_a_page_at_1280x800_in_large_text(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], language: str
) -> None:
    screen = elder_form(qtbot, kiosk, (1280, 800), language)
    window = screen.window()
    assert isinstance(window, KioskWindow)
    view = screen.form_view
    assert view is not None
    room, _width, spacing, heights = page_room(screen)
    # Two locked rows of a one-line value each (name and ID number, gender and date of birth), as measured.
    for pair in (("applicant_name", "id_number"), ("gender", "birth_date")):
        assert room >= heights[pair[0]] + spacing + heights[pair[1]], (room, pair, heights, spacing)
    two = [heights["applicant_name"], heights["id_number"]]
    # The first page shows the name and the ID number, both whole inside the page.
    first = view.pages[view.current_page()]
    assert [f.id for f in first.fields][:2] == ["applicant_name", "id_number"]
    for fid in ("applicant_name", "id_number"):
        row = view.row(fid)
        assert row.isVisible() and screen.form.locks[fid].isVisible()
        assert 0 <= row.mapTo(first.viewport(), QPoint(0, row.height())).y() <= first.viewport().height(), fid
    assert not clipped_texts(window), clipped_texts(window)

    # Nothing smaller than 大字模式 makes it: the touch targets, the title, the steps and the status line.
    least_touch = target(ELDER_SCALE)
    for lock in screen.form.locks.values():
        for button in (lock.correct, *([lock.reveal] if lock.secret else [])):
            if button.isVisible():
                assert button.height() >= least_touch and button.width() >= least_touch
    assert view.next_button.height() >= least_touch
    assert screen.title.font().pixelSize() == px(32, ELDER_SCALE)
    assert all(label.font().pixelSize() == px(BASE_PX, ELDER_SCALE) for label in screen.steps.labels)
    assert screen.status.font().pixelSize() >= px(BASE_PX, ELDER_SCALE)  # the form's label size in its row
    # The title and the steps on one line; the status line (已读取身份证…) beside 下一步, in the navigation row.
    assert screen.header.one_line and screen.session is not None and screen.session.title in screen.title.text()
    assert top(screen.steps, window) < top(screen.title, window) + screen.title.height()
    assert screen.status.isVisible() and screen.status.text().startswith(
        "已读取身份证" if language == "zh_CN" else "Card read."
    )
    status, nxt = top(screen.status, window), top(view.next_button, window)
    assert nxt <= status and status + screen.status.height() <= nxt + view.next_button.height()

    # Where the 800 px go, widget by widget (they add up to the window's height).
    bar, bottom = window.top_bar, window.status_bar
    layout = screen.layout()
    assert layout is not None
    margins = layout.contentsMargins()
    parts = {
        "top bar": bar.height(),
        "margin above": margins.top(),
        "title and steps": screen.header.height(),
        "gap": layout.spacing(),
        "form page": first.height(),
        "gap above the buttons": top(view.next_button, window) - (top(first, window) + first.height()),
        "buttons and status line": view.next_button.height(),
        "margin below": margins.bottom(),
        "status bar": bottom.height(),
    }
    assert top(screen.header, window) == bar.height() + margins.top()
    assert top(screen.stack, window) == top(screen.header, window) + screen.header.height() + layout.spacing()
    assert sum(parts.values()) == window.height(), parts
    print(f"1280x800 {language} 大字模式: {parts}; room {room}, locked rows {two}, gap {spacing}")

    # Every page of more than one field shows them all without scrolling (a long address that wraps only beside the
    # scroll bar does not bring the bar up for good).
    for index, page in enumerate(view.pages):
        if len(page.fields) > 1:
            view._show_page(index)
            settle()
            assert not page.verticalScrollBar().isVisible(), [f.id for f in page.fields]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_1366x768_in_large_text_is_paged_as_its_rows_measure(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], language: str
) -> None:
    screen = elder_form(qtbot, kiosk, (1366, 768), language)
    view = screen.form_view
    assert view is not None
    room, _width, spacing, heights = page_room(screen)
    fitted = [tuple(f.id for f in p) for p in form_pages(view.definition, fits=room_check(heights, room, spacing))]
    assert [tuple(f.id for f in p.fields) for p in view.pages] == fitted
    assert not clipped_texts(screen.window()), clipped_texts(screen.window())
    two = sorted(heights[fid] for fid in CARD_FIELDS)[-2:]
    print(f"1366x768 {language} 大字模式: room {room}, two locked rows need {two[0] + spacing + two[1]}; {fitted}")


def test_large_text_switched_on_a_later_page_keeps_the_locks_and_the_answers(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    """Paging again (大字模式 switched on while on page 2) builds a new form view; the old one going back to its first
    page must not autosave its emptied answers over the session's."""
    window = kiosk(Renewal())
    screen = open_form(qtbot, window)
    view = screen.form_view
    assert view is not None and view.page_count() > 1
    view._show_page(1)
    qtbot.waitUntil(lambda: not screen.busy, timeout=5000)
    here = view.pages[1].fields[0].id
    window.set_elder_mode(True)
    qtbot.waitUntil(lambda: screen.form_view is not view and not screen.busy, timeout=5000)
    settle()
    session = screen.session
    assert session is not None
    assert {fid for fid, lock in screen.form.locks.items() if lock.locked} == CARD_FIELDS
    assert all(session.answers.get(fid) not in (None, "") for fid in CARD_FIELDS), session.answers
    assert session.answers["applicant_name"] == CARD["name"]
    repaged = screen.form_view
    assert repaged is not None
    assert here in {f.id for f in repaged.pages[repaged.current_page()].fields}  # the citizen's place kept
    assert not clipped_texts(window), clipped_texts(window)


def test_the_status_line_takes_no_room_while_empty_and_survives_the_form(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    window = kiosk(Renewal())
    window.set_elder_mode(True)
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    settle()
    assert screen.status.text() == "" and screen.status.isHidden()  # the card page: no empty line above it
    stack_top = top(screen.stack, window)
    screen.say(lambda: "请稍候")
    settle()
    assert screen.status.isVisible() and top(screen.stack, window) > stack_top
    screen.on_card_read(dict(CARD))
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    settle()
    view = screen.form_view
    assert view is not None and view.isAncestorOf(screen.status)
    # The idle wipe on the form: the view it stood in goes, the status line stays the screen's, under the steps.
    screen.reset()
    qtbot.waitUntil(lambda: screen.step == "pick" and screen.form_view is None, timeout=5000)
    settle()
    assert screen.status.parentWidget() is screen
    screen.say(lambda: "still here")
    assert screen.status.text() == "still here" and screen.status.isVisible()


def test_the_head_takes_two_lines_where_one_does_not_fit(qtbot: QtBot, kiosk: Callable[..., KioskWindow]) -> None:
    screen = elder_form(qtbot, kiosk, (1080, 1920), "en")
    window = screen.window()
    session = screen.session
    assert session is not None
    assert not screen.header.one_line  # portrait English 大字模式: the title on a line of its own, whole
    assert screen.title.text().endswith(session.title) and screen.title.text() != session.title
    assert top(screen.steps, window) >= top(screen.title, window) + screen.title.height()
    assert not clipped_texts(screen), clipped_texts(screen)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: screen.header.one_line, timeout=3000)
    assert screen.title.text() != session.title  # wide: 我要办理 · (Apply ·) kept beside the steps
    assert not clipped_texts(screen), clipped_texts(screen)


class PreApplication(Renewal):
    """居民身份证换领 as the demo catalog offers it at the kiosk: a 预申请 (the 预申请 tag stands before the steps)."""

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession:
        session = super().start(code, channel=channel)
        session.pre_application = True
        return session


def test_a_pre_application_keeps_two_locked_rows_in_chinese_at_1280x800(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    """With 预申请 before the steps the full title no longer fits beside them: the item's name alone does, and a page
    still holds two locked rows. (In English, Pre-application and the longer step names do not fit one line beside
    even the name at this width: the head takes two lines there, docs/kiosk-layout.md.)"""
    window = kiosk(PreApplication())
    window.set_elder_mode(True)
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "counter" and not screen.busy, timeout=5000)
    screen.counter.pre_apply_requested.emit()
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    screen.on_card_read(dict(CARD))
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    settle()
    screen.form.fit_pages()
    settle()
    session = screen.session
    assert session is not None and session.pre_application
    assert screen.header.one_line and screen.title.text() == session.title
    assert screen.steps.text().startswith(screen.t("pre_tag"))
    room, _width, spacing, heights = page_room(screen)
    assert room >= heights["applicant_name"] + spacing + heights["id_number"]
    assert not clipped_texts(screen), clipped_texts(screen)
