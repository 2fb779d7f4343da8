"""大字模式 reaches every text of the citizen's after-service screens (issue 13 §2): 评价 with its reasons and
keypad, 咨询投诉, 进度查询 and the done page. Each label, button and text field shown in the standard type size is shown
again in 大字模式 and must have grown with the kiosk's type scale (`ui.theme.ELDER_SCALE`): a widget's own fixed
pixel size would keep it as small as before. Checked at 1280×800 and 1080×1920 portrait, in Chinese and English."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.model.apply import SubmissionResult
from tests.support.apply_fakes import RECEIPT, FakeApply
from ui.kiosk.fit import clipped_texts, hidden_buttons, text_sizes, unscaled_texts
from ui.shell import KioskWindow
from ui.theme import ELDER_SCALE


def _both_sizes(qtbot: QtBot, window: KioskWindow, screen: QWidget) -> list[str]:
    window.set_elder_mode(False)
    QCoreApplication.processEvents()
    standard = text_sizes(screen)
    window.set_elder_mode(True)
    QCoreApplication.processEvents()
    large = text_sizes(screen)
    problems = unscaled_texts(standard, large, ELDER_SCALE)
    problems += [f"clipped in 大字: {m}" for m in clipped_texts(screen)]
    window.set_elder_mode(False)
    assert len(standard) >= 5 and set(standard) <= set(large)  # the same widgets were measured both times
    return problems


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920)])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_evaluate_complaint_status_and_done_grow_with_large_text(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply, size: tuple[int, int], language: str
) -> None:
    window = kiosk(fake_apply)
    window.resize(*size)
    window.set_language(language)
    problems: list[str] = []

    window.home.tile_chosen.emit("evaluate")
    rating = window.screens.evaluate
    assert rating is not None
    rating.choose("不满意")  # the reasons, the text box and the phone line shown too
    problems += [f"评价: {p}" for p in _both_sizes(qtbot, window, rating)]

    window.go_home()
    window.home.tile_chosen.emit("consult")
    complaint = window.screens.complaint
    assert complaint is not None
    problems += [f"咨询投诉: {p}" for p in _both_sizes(qtbot, window, complaint)]

    window.go_home()
    window.home.tile_chosen.emit("progress")
    status = window.screens.status
    assert status is not None
    problems += [f"进度查询: {p}" for p in _both_sizes(qtbot, window, status)]

    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    done = SubmissionResult(receipt_no=RECEIPT, record_id="r1", due_date="2026-12-25", outbox="pending",
                            verification="ABCD1234", printed=True, card_read=True)  # fmt: skip
    screen.done.show_result(done)  # 请取回您的身份证 and what happens next, read from a step away
    assert screen.done.take_card.isVisibleTo(screen.done)
    problems += [f"回执: {p}" for p in _both_sizes(qtbot, window, screen.done)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920)])
def test_the_notice_page_buttons_wrap_instead_of_running_off_the_panel(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], size: tuple[int, int]
) -> None:
    """The 一次性告知 page's four buttons (返回修改表单, 返回补扫材料, 打印一次性告知书, 返回首页) in English 大字模式:
    on a portrait panel they ran off its edge and under each other; they wrap onto two rows instead."""
    window = kiosk(FakeApply(deferrable=False))
    window.resize(*size)
    window.set_language("en")
    window.set_elder_mode(True)
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    screen.card.fill_manually()
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    screen.show_review()
    qtbot.waitUntil(lambda: screen.step == "notice" and not screen.busy, timeout=5000)
    QCoreApplication.processEvents()
    assert screen.notice.print_button.isVisible()
    assert hidden_buttons(window) == [] and clipped_texts(screen) == []


def test_the_complaint_contact_fields_stack_where_their_prompts_do_not_fit(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    """咨询投诉's three optional lines (相关受理编号, 联系人, 联系电话) sit side by side on a landscape panel and one
    under another where their prompts would be cut (portrait, English, 大字模式)."""
    window = kiosk(fake_apply)
    window.home.tile_chosen.emit("consult")
    complaint = window.screens.complaint
    assert complaint is not None
    QCoreApplication.processEvents()
    assert complaint.contacts.direction() == QBoxLayout.Direction.LeftToRight
    for line in (complaint.receipt, complaint.contact_name, complaint.contact_phone):
        assert line.width() > line.fontMetrics().horizontalAdvance(line.placeholderText())
    window.resize(1080, 1920)
    window.set_language("en")
    window.set_elder_mode(True)
    QCoreApplication.processEvents()
    assert complaint.contacts.direction() == QBoxLayout.Direction.TopToBottom
    for line in (complaint.receipt, complaint.contact_name, complaint.contact_phone):
        assert line.width() > line.fontMetrics().horizontalAdvance(line.placeholderText())
