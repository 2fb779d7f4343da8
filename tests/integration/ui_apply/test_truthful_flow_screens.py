"""A flow that tells the truth, through the screens (issue 13 §3), as a citizen at the kiosk meets it:

- 居民身份证换领 (on-site photo, fingerprints, a fee): the first page says where and how to apply in person; the kiosk
  offers only a 预申请, labelled on every page, on the done page and on the paper;
- the whole flow's steps (读卡 › 填表 › 材料 › 核对 › 回执) instead of a count of form pages; the last form page's
  button says where it goes; 返回修改表单 goes to the form;
- the materials page says what is missing and what its button will do (容缺, 一次性告知书, or brought to the window);
  the ID card on the reader is not asked for again;
- the ID number masked on every screen (held to reveal), card values locked unless corrected with a reason, the
  告知承诺 before 确认提交; the done page reminds 请取回您的身份证 and says where, when, which window and fee.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.lazy import LazyServices
from app.model.apply import CONSENT_TEXT
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import id_card_answers
from tests.support.apply_fakes import CARD, FakeApply
from ui.screens.apply import ApplyScreen
from ui.screens.apply.texts import t
from ui.shell import KioskWindow

ID = "53252419880315002X"
MASKED = "5325**********002X"
RENEWAL = "530000-GA-0001"
SOCIAL_CARD = "530000-RS-0007"
SHOTS = Path("/tmp/yunban-flow-shots")


def seen(root: QWidget) -> str:
    """Every text a person standing at the kiosk can read now (visible labels, buttons and fields)."""
    parts = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root.window()) or not w.isVisible():
            continue
        if isinstance(w, QLabel | QPushButton | QLineEdit):
            parts.append(w.text())
    return "\n".join(parts)


def wait_step(qtbot: QtBot, screen: ApplyScreen, step: str) -> None:
    qtbot.waitUntil(lambda: screen.step == step and not screen.busy, timeout=20_000)


def shot(qtbot: QtBot, window: QWidget, name: str) -> None:
    """A picture of the window once its layout has settled (looked at by the person running the test)."""
    qtbot.wait(300)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / name))


@pytest.fixture
def real_kiosk(qtbot: QtBot, real_home: Path) -> Iterator[Callable[[str], tuple[KioskWindow, ApplyScreen, AppContext]]]:
    made: list[tuple[KioskWindow, AppContext]] = []

    def open_item(code: str) -> tuple[KioskWindow, ApplyScreen, AppContext]:
        ctx = AppContext(real_home)
        lazy = LazyServices(ctx)
        window = KioskWindow(lazy.catalog, apply=lazy.apply, identity=ctx.identity, search_debounce_ms=10)
        qtbot.addWidget(window)
        made.append((window, ctx))
        window.resize(1280, 800)
        window.show()
        window.open_item(code)
        guide = window.screens.guide
        assert guide is not None
        qtbot.waitUntil(lambda: guide.guide is not None, timeout=60_000)  # first use imports the demo catalog
        guide.apply_button.click()  # 我要办理 on the guide
        screen = window.screens.apply
        assert screen is not None
        qtbot.waitUntil(lambda: screen.step in ("card", "counter") and not screen.busy, timeout=20_000)
        return window, screen, ctx

    yield open_item
    for window, ctx in made:
        window.close()
        ctx.close()


def test_an_item_needing_the_window_says_where_and_takes_only_a_labelled_pre_application(
    qtbot: QtBot, real_kiosk: Callable[[str], tuple[KioskWindow, ApplyScreen, AppContext]], vp: VirtualPrinter
) -> None:
    window, screen, ctx = real_kiosk(RENEWAL)
    # First: where and how to apply in person, from the catalog; no card, no form yet.
    assert screen.step == "counter" and not screen.steps.isVisible()
    where = seen(screen.counter)
    for words in ("本事项需要到窗口办理", "建水县政务服务中心公安窗口", "9:00-12:00", "换领每证20元", "0873-7653391",
                  "相片、指纹", "居民户口簿", "先填写预申请"):  # fmt: skip
        assert words in where, words
    shot(qtbot, window, "counter.png")
    screen.counter.pre_button.click()
    wait_step(qtbot, screen, "card")
    assert screen.steps.text() == "预申请 [读卡] › 填表 › 材料 › 核对 › 回执"

    screen.card.read_button.click()  # the GA 467 reader emulator holds 李明华's card
    wait_step(qtbot, screen, "form")
    view = screen.form_view
    assert view is not None
    pages = view.page_count()  # as many whole fields a page as the panel shows (ui/screens/apply/paging.py)
    assert pages > 1 and screen.steps.text() == f"预申请 读卡 › [填表（第 1/{pages} 页）] › 材料 › 核对 › 回执"
    assert not view.progress.isVisible()  # no "第 1 步，共 2 步" counting form pages
    # Read from the card: locked, the ID number masked; the whole number is nowhere on the screen.
    assert set(screen.form.locks) >= {"applicant_name", "id_number", "address"}
    gender = screen.form.locks["gender"].shown  # an option read from the card: its label in the kiosk's language
    assert gender.text() == "女"
    window.set_language("en")
    assert gender.text() == "Female"
    window.set_language("zh_CN")
    assert gender.text() == "女"
    view._show_page(view._page_of["id_number"])  # the ID number's page (how many a page holds follows the panel)
    qtbot.waitUntil(lambda: MASKED in seen(window), timeout=3000)
    assert ID not in seen(window)
    assert not view.input("id_number").isVisible() and view.input("id_number").value() == ID
    shot(qtbot, window, "form-locked.png")
    lock = screen.form.locks["id_number"]
    lock.reveal.pressed.emit()  # held: the citizen checks the number
    assert ID in seen(window)
    lock.reveal.released.emit()
    assert ID not in seen(window)
    # The address changed since the card was issued: corrected with a reason, which goes on the record.
    screen.form.locks["address"].correct.click()
    assert not screen.form.locks["address"].reasons.isHidden()  # 请选择更正的原因
    screen.form.locks["address"].reason_buttons["reason_moved"].click()
    qtbot.waitUntil(lambda: not view.input("address").isHidden() and not screen.busy, timeout=10_000)
    assert screen.session is not None and screen.session.corrections == {"address": t("reason_moved", "zh_CN")}
    view.set_answers({**id_card_answers(), "address": "云南省建水县临安镇新街8号"})
    while view.go_next():
        pass
    assert screen.steps.text().endswith(f"[填表（第 {pages}/{pages} 页）] › 材料 › 核对 › 回执")
    assert view.submit_button.isVisible() and view.submit_button.text() == "下一步：提交材料"  # says where it goes
    assert view.submit()
    wait_step(qtbot, screen, "materials")

    # Materials: the card on the reader is the ID card; the 户口簿 is missing and will be brought to the window.
    assert "[材料]" in screen.steps.text()
    assert screen.materials.missing.text() == "还缺 1 项：居民户口簿"
    assert any("已读卡核验" in c.detail.text() for c in screen.materials.cards.values())
    assert screen.materials.to_review.text() == "下一步：核对（缺的 1 项到窗口时带上）"
    shot(qtbot, window, "materials.png")
    screen.materials.back_button.click()  # 返回修改表单: the form, answers kept
    assert screen.step == "form" and view.input("phone").value() == "13800138000"
    assert view.submit()
    wait_step(qtbot, screen, "materials")
    screen.materials.to_review.click()
    wait_step(qtbot, screen, "review")

    # 告知承诺 before 确认提交.
    assert "[核对]" in screen.steps.text() and CONSENT_TEXT in seen(screen.review)
    assert screen.review.confirm_button.text() == "确认提交预申请"
    qtbot.waitUntil(lambda: MASKED in seen(screen.review), timeout=3000)  # the lines appear once laid out
    assert ID not in seen(screen.review)
    screen.review.confirm_button.click()  # before agreeing: the promise is shown, nothing is submitted
    assert screen.step == "review" and "请先阅读告知承诺" in screen.status.text() and screen.session is not None
    assert screen.review.consent.isVisible()
    screen.review.consent.click()
    assert "请先阅读告知承诺" not in screen.status.text()
    shot(qtbot, window, "review.png")
    with qtbot.waitSignal(screen.finalised, timeout=30_000) as finalised:
        screen.review.confirm_button.click()
    result = finalised.args[0]
    wait_step(qtbot, screen, "done")
    done = seen(screen.done)
    assert "[回执]" in screen.steps.text() and "预申请已提交（尚未受理）" in done and "预申请编号" in done
    assert screen.done.take_card.isVisible() and "请取回您的身份证" in done
    for words in ("下一步", "正式受理", "建水县公安局", "建水县政务服务中心公安窗口", "换领每证20元", "领取地点"):
        assert words in done, words
    assert "承诺办结日期" not in done  # nothing promised before the window accepts it
    shot(qtbot, window, "done.png")

    job = vp.wait_for_jobs(1)[0]
    flat = "".join(job.text.split())
    assert "预申请回执" in flat and "不是受理凭证" in flat and "演示" in flat and ID not in flat
    assert job.png is not None
    shutil.copy(job.png, SHOTS / "pre-application-receipt.png")
    payload = json.loads(ctx.records_db.get_record(result.record_id).payload)  # type: ignore[union-attr]
    assert payload["pre_application"] is True and payload["consent"]["text"] == CONSENT_TEXT
    assert payload["card_corrections"] == [{"field_id": "address", "reason": t("reason_moved", "zh_CN")}]


def test_the_notice_never_lists_the_id_card_lying_on_the_reader(
    qtbot: QtBot, real_kiosk: Callable[[str], tuple[KioskWindow, ApplyScreen, AppContext]], vp: VirtualPrinter
) -> None:
    _window, screen, _ctx = real_kiosk(SOCIAL_CARD)  # self-service: no counter page, no 预申请
    assert screen.step == "card" and screen.steps.text() == "[读卡] › 填表 › 材料 › 核对 › 回执"
    screen.card.read_button.click()
    wait_step(qtbot, screen, "form")
    view = screen.form_view
    assert view is not None
    view.set_answers({"phone": "13800138000", "bank": "rcc"})
    while view.go_next():
        pass
    assert view.submit()
    wait_step(qtbot, screen, "materials")
    # 申请人居民身份证 is on the reader; the photo is missing and this item takes no 容缺: the button says so.
    assert screen.materials.missing.text() == "还缺 1 项：近期正面免冠彩色电子照片"
    assert screen.materials.to_review.text() == "还缺 1 项：查看并打印一次性告知书"
    screen.materials.to_review.click()
    wait_step(qtbot, screen, "notice")
    assert "近期正面免冠彩色电子照片" in screen.notice.owed.text() and "身份证" not in screen.notice.owed.text()
    screen.notice.print_button.click()
    qtbot.waitUntil(lambda: screen.notice.message.isVisible(), timeout=20_000)
    assert "一次性告知书已打印" in screen.notice.message.text()
    printed = "".join(vp.wait_for_jobs(1)[0].text.split())
    owed = printed.split("请备齐后再来办理：")[1].split("已读卡核验")[0]
    assert "近期正面免冠彩色电子照片" in owed and "身份证" not in owed and "一次性告知书" in printed
    screen.notice.back_button.click()  # 返回修改表单 goes to the form (not the materials page)
    assert screen.step == "form"


def test_the_materials_button_says_what_happens_to_what_is_missing(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    for deferrable, label, then in ((True, "容缺受理：2 项以后到窗口补交", "review"),
                                     (False, "还缺 2 项：查看并打印一次性告知书", "notice")):  # fmt: skip
        fake = FakeApply(deferrable=deferrable)
        window = kiosk(fake)
        window.start_apply("530000-GA-0001")
        screen = window.screens.apply
        assert screen is not None
        wait_step(qtbot, screen, "card")
        screen.on_card_read(dict(CARD))
        wait_step(qtbot, screen, "form")
        view = screen.form_view
        assert view is not None
        view.input("phone").set_value("13800138000")
        assert view.go_next()
        assert view.submit_button.text() == "下一步：提交材料"
        view.input("reason").set_value("expired")
        assert view.submit()
        wait_step(qtbot, screen, "materials")
        assert screen.materials.missing.text() == "还缺 2 项：居民户口簿、原居民身份证"
        assert screen.materials.to_review.text() == label
        screen.materials.to_review.click()
        wait_step(qtbot, screen, then)
        session = screen.session
        assert session is not None
        assert all(s.deferred for s in session.slots) == deferrable  # 容缺 chosen by the button that said so
        window.reset_session()


def test_an_id_number_typed_by_hand_is_masked_once_the_field_is_left(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    window = kiosk(FakeApply())
    window.start_apply("530000-GA-0001")
    screen = window.screens.apply
    assert screen is not None
    wait_step(qtbot, screen, "card")
    screen.card.fill_manually()
    wait_step(qtbot, screen, "form")
    view = screen.form_view
    assert view is not None
    edit = view.input("id_number").focus_target()
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    qtbot.keyClicks(edit, ID)
    assert ID in seen(window)  # while typing, the citizen sees what they type
    phone = view.input("phone").focus_target()
    phone.setFocus()  # on to the next field
    qtbot.waitUntil(lambda: "id_number" in screen.form.locks and MASKED in seen(window), timeout=3000)
    assert ID not in seen(window)
    assert view.input("id_number").value() == ID  # the answer itself is whole
    screen.form.locks["id_number"].correct.click()  # 修改
    assert view.input("id_number").isVisible() and "id_number" not in screen.form.locks


def test_the_consent_text_shown_is_the_one_recorded() -> None:
    assert t("consent_text", "zh_CN") == CONSENT_TEXT


def test_the_status_lookup_says_a_pre_application_is_not_accepted_yet(qtbot: QtBot) -> None:
    from app.model.apply import StatusView
    from ui.screens.status import StatusScreen

    screen = StatusScreen(FakeApply())
    qtbot.addWidget(screen)
    view = StatusView("5325241032050126120700018", True, "居民身份证换领", (RENEWAL,), "2026-12-06T23:30:00Z", None,
                      None, None, (), "pending", None, pre_application=True)  # fmt: skip
    screen._render(view)
    text = screen.answer.text()
    assert "预申请，尚未受理" in text and "到窗口办理" in text and "已在本终端受理" not in text
    assert "2026-12-07 07:30" in text  # the submission time in the terminal's zone


def test_the_guide_button_of_a_window_only_item_says_where_it_leads(qtbot: QtBot, real_home: Path) -> None:
    """我要办理 on a guide is only for what the kiosk accepts: a window-only item's button says 须到窗口办理 and 预申请
    (in either language), a note says why, and it leads to where to apply; a self-service item keeps 我要办理."""
    ctx = AppContext(real_home)
    lazy = LazyServices(ctx)
    window = KioskWindow(lazy.catalog, apply=lazy.apply, identity=ctx.identity, search_debounce_ms=10)
    qtbot.addWidget(window)
    try:
        window.resize(1280, 800)
        window.show()
        guide = window.screens.guide
        assert guide is not None
        window.open_item(RENEWAL)
        qtbot.waitUntil(lambda: guide.guide is not None and guide.guide.code == RENEWAL, timeout=60_000)
        assert guide.pre_application_only() and guide.window_only.isVisible()
        button = guide.apply_button.text()
        assert button != "我要办理" and "窗口" in button and "预申请" in button
        assert "不是受理" in guide.window_only.text()
        window.set_language("en")
        assert "window" in guide.apply_button.text() and "pre-appl" in guide.apply_button.text().lower()
        assert "not an application" in guide.window_only.text()
        window.set_language("zh_CN")
        guide.apply_button.click()
        screen = window.screens.apply
        assert screen is not None
        wait_step(qtbot, screen, "counter")  # where, when, which window: before anything is typed
        assert screen.session is not None and screen.session.pre_application

        window.open_item(SOCIAL_CARD)  # offered on self-service terminals: a plain 我要办理
        qtbot.waitUntil(lambda: guide.guide is not None and guide.guide.code == SOCIAL_CARD, timeout=20_000)
        assert guide.apply_button.text() == "我要办理" and not guide.window_only.isVisible()
        guide.apply_button.click()
        wait_step(qtbot, screen, "card")
        assert screen.session is not None and not screen.session.pre_application
    finally:
        window.close()
        ctx.close()
