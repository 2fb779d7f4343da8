"""The laptop window (role = laptop) with pytest-qt on a real laptop terminal (records.db, keystore, apply flow, the
platform over loopback): keyboard first (Ctrl+N, Ctrl+Shift+N, Enter, Esc, Ctrl+1..4, Delete, Ctrl+R), the visit
list, applying on a person's behalf, the drafts across visits with their retention, batch delivery with progress and
the quarantine's advice; screenshots at 1366×768 and 1920×1080 in zh_CN and en (`LAPTOP_SHOTS` keeps them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.errors import UserError
from app.visits.laptop import LaptopServices
from sync import protocol
from sync.platform import admin
from sync.platform import staff as platform_staff
from tests.integration.apply.conftest import DIBAO_ITEM, SIGNATURE_PNG, dibao_answers, jpeg_page
from tests.integration.laptop.conftest import ID, fill_dibao, finalise
from tests.integration.laptop.conftest import shot as _shot
from tests.support.platform import DEMO_DIVISION, InProcessPlatform
from tests.support.records import stored_outbox
from ui.screens.apply.flow import ApplyScreen
from ui.screens.laptop import LaptopWindow

CTRL = Qt.KeyboardModifier.ControlModifier
WAIT = 20000
"""ms: waits end on their condition; the bound is for a loaded 2-core machine."""


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot) -> Iterator[LaptopWindow]:
    from app.main import build_laptop, create_application, wants_laptop

    create_application()
    assert wants_laptop(ctx)  # role = laptop on an enrolled terminal: app.main starts this window
    w = build_laptop(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: w.visits.status.text().startswith("共") and bool(w.worker.text()), timeout=WAIT)
    # the start-up purge, then every page's first load: nothing may land on a page the test is typing into
    qtbot.waitUntil(lambda: not any(p.tasks.pending for p in (w, w.visits, w.drafts, w.delivery)), timeout=WAIT)
    yield w
    w.delivery.tasks.wait_for_done(20000)
    w.tasks.wait_for_done(10000)


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a worker does: Latin letters and digits as key presses, Chinese as the system IME commits it (a
    QInputMethodEvent with the commit string, what fcitx or ibus sends after the pinyin is chosen)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def test_visit_list_by_keyboard(window: LaptopWindow, qtbot: QtBot, ctx: AppContext) -> None:
    page = window.visits
    assert window.current_page() == "visits" and "本机" in window.worker.text()
    qtbot.keyClick(page, Qt.Key.Key_N, CTRL)
    assert page.side.currentWidget() is page.household_form
    form = page.household_form.edits
    _type(qtbot, form["head"], "王德发")
    _type(qtbot, form["village"], "团山村三组")
    qtbot.keyClick(form["village"], Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.tree.topLevelItemCount() == 1 and page.side.currentWidget() is page.detail, timeout=WAIT
    )
    assert page.who.text() == "王德发" and "团山村三组" in page.facts.text()
    # A member with a wrong ID number: refused with the GB 11643 reason, the form stays open with what was typed.
    qtbot.keyClick(page, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    person = page.person_form.edits
    assert page.side.currentWidget() is page.person_form and person["name"].hasFocus()
    _type(qtbot, person["name"], "李明华")
    _type(qtbot, person["id_number"], ID[:-1] + "1")
    qtbot.keyClick(person["id_number"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "身份证号码有误" in page.status.text(), timeout=20000)
    assert page.side.currentWidget() is page.person_form and person["name"].text() == "李明华"
    person["id_number"].setText(ID)
    _type(qtbot, person["relation"], "儿媳")
    qtbot.keyClick(person["relation"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.selected_person() is not None, timeout=WAIT)
    assert page.who.text() == "李明华" and "5325**********002X" in page.facts.text() and ID not in page.facts.text()
    assert page.apply_button.isEnabled() and "已加密" in page.status.text()
    # Esc leaves a form without saving.
    qtbot.keyClick(page, Qt.Key.Key_N, CTRL)
    qtbot.keyClick(page.household_form.edits["head"], Qt.Key.Key_Escape)
    assert page.side.currentWidget() is page.detail and page.tree.topLevelItemCount() == 1
    # The search narrows the tree.
    page.search.setText("赵")
    assert page.tree.topLevelItemCount() == 0
    page.search.setText("李明")
    assert page.tree.topLevelItemCount() == 1
    page.search.clear()
    [house] = ctx.visits.visit_list()
    assert house.people[0].id_number == ID
    # F2 corrects the selected person (the form comes filled); Enter saves.
    pid = house.people[0].person_id
    assert page.select("person", pid)
    qtbot.keyClick(page, Qt.Key.Key_F2)
    assert page.side.currentWidget() is page.person_form and person["name"].text() == "李明华"
    assert person["id_number"].text() == ID
    person["phone"].setText("13987654321")
    qtbot.keyClick(person["phone"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "13987654321" in page.facts.text(), timeout=WAIT)
    assert ctx.visits.visit_list()[0].people[0].phone == "13987654321" and len(ctx.visits.visit_list()[0].people) == 1
    # Delete asks, the second press takes the person off the list (nothing open).
    page.tree.setFocus()
    assert page.select("person", pid)
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert "确认移出" in page.remove_button.text() and ctx.visits.visit_list()[0].people
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.status.text() == "已移出走访清单", timeout=WAIT)
    assert ctx.visits.visit_list()[0].people == ()


def test_applying_on_behalf_then_drafts_list(
    window: LaptopWindow, qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    laptop: LaptopServices = window.port  # type: ignore[assignment]
    hid = laptop.add_household(head="王德发", village="团山村三组")
    pid = laptop.add_person(hid, name="李明华", id_number=ID, relation="儿媳")
    window.refresh()
    page = window.visits
    qtbot.waitUntil(lambda: page.select("person", pid), timeout=WAIT)
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)  # the offline limit checked off the GUI thread
    qtbot.waitUntil(lambda: window.current_page() == "apply" and window.applying_for == pid, timeout=WAIT)
    assert window.for_whom.isVisible() and window.for_whom.text() == "正在为 李明华 办理"
    flow = window.apply_flow
    assert isinstance(flow, ApplyScreen) and flow.channel == "laptop"
    flow.begin(DIBAO_ITEM)
    qtbot.waitUntil(lambda: flow.session is not None, timeout=20000)
    session = flow.session
    assert session is not None
    qtbot.waitUntil(lambda: ctx.visits.table.owner("draft", session.session_id) == pid, timeout=WAIT)
    flow.tasks.wait_for_done(10000)
    _shot(window, "apply-1366x768-zh_CN", tmp_path)
    ctx.apply.save_page(session, dibao_answers())  # the worker typed the first page: autosaved as a draft
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # back to the visit list: a laptop draft stays
    assert window.current_page() == "visits" and window.applying_for is None and not window.for_whom.isVisible()
    qtbot.waitUntil(lambda: page.select("person", pid) and page.drafts.rowCount() == 1, timeout=WAIT)
    assert _cell(page.drafts, 0, 0) == "最低生活保障申请" and _cell(page.drafts, 0, 2) == "保存中"
    # The drafts list across visits: the person, the keep-until date, the retention in words.
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    drafts = window.drafts
    qtbot.waitUntil(lambda: drafts.table.rowCount() == 1, timeout=WAIT)
    assert _cell(drafts.table, 0, 1) == "李明华 · 王德发"
    assert "还剩 90 天" in _cell(drafts.table, 0, 3) or "还剩 89 天" in _cell(drafts.table, 0, 3)
    assert "保留 90 天" in drafts.retention.text()
    # Enter resumes it in the apply flow, for the person it was started for.
    drafts.table.setFocus()
    drafts.table.setCurrentCell(0, 0)
    qtbot.keyClick(drafts.table, Qt.Key.Key_Return)
    assert window.current_page() == "apply" and window.for_whom.text() == "正在为 李明华 办理"
    qtbot.waitUntil(lambda: flow.session is not None and flow.session.session_id == session.session_id,
                    timeout=WAIT)  # fmt: skip
    flow.tasks.wait_for_done(10000)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: drafts.table.rowCount() == 1 and bool(ctx.apply.kept_drafts.drafts()), timeout=WAIT)
    _shot(window, "drafts-one-1366x768-zh_CN", tmp_path)
    # Delete asks first; the second press discards through the apply service.
    drafts.table.setFocus()
    qtbot.keyClick(drafts.table, Qt.Key.Key_Delete)
    assert "确认删除" in drafts.discard_button.text() and ctx.apply.kept_drafts.drafts()
    qtbot.keyClick(drafts.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: drafts.status.text() == "草稿已删除", timeout=20000)
    assert ctx.apply.kept_drafts.drafts() == [] and drafts.table.rowCount() == 0


def test_batch_delivery_progress_and_quarantine(
    window: LaptopWindow, qtbot: QtBot, ctx: AppContext, tmp_path: Path, platform: InProcessPlatform
) -> None:
    laptop: LaptopServices = window.port  # type: ignore[assignment]
    hid = laptop.add_household(head="王德发", village="团山村三组", address="团山村 12 号")
    ids = []
    for n, name in enumerate(["李明华", "王小梅", "王德发"]):
        pid = laptop.add_person(hid, name=name, relation=["儿媳", "孙女", "户主"][n])
        session = fill_dibao(ctx.apply, shade=40 + 60 * n)
        laptop.link_draft(pid, session.session_id, session.title)
        result = finalise(ctx.apply, session)
        laptop.finalised(session.session_id, result.record_id, session.title)
        ids.append(result.record_id)
    draft = fill_dibao(ctx.apply, shade=250)
    laptop.link_draft(pid, draft.session_id, draft.title)
    ctx.attachment_store.remove(stored_outbox(ctx.records_db, ids[1]).attachments[0].sha256)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.delivery
    qtbot.waitUntil(lambda: page.figures.text().startswith("待报送 3 条") and page.start_button.isEnabled(),
                    timeout=WAIT)  # fmt: skip
    assert page.start_button.text() == "开始报送 (Ctrl+R)"
    qtbot.keyClick(page, Qt.Key.Key_R, CTRL)
    assert page.running and page.stop_button.isEnabled()
    qtbot.waitUntil(lambda: page.report is not None and not page.running and bool(page.advice), timeout=60000)
    assert page.records_bar.value() == page.records_bar.maximum() == 3
    assert page.records_bar.text() == "3 / 3 条" and "剩余时间约 0:00" in page.time_line.text()
    assert "本次送达 2 条，隔离 1 条，还剩 0 条待报送" in page.result.text()
    assert page.quarantine.isVisible() and page.quarantine.rowCount() == 1
    assert _cell(page.quarantine, 0, 2) == "王小梅 · 王德发" and "技术人员" in _cell(page.quarantine, 0, 4)
    for size in ((1366, 768), (1920, 1080)):
        window.resize(*size)
        _shot(window, f"delivery-{size[0]}x{size[1]}-zh_CN", tmp_path)
    # Nothing left to send: the same key fetches the platform's 办件状态 for the visit list.
    qtbot.waitUntil(lambda: page.start_button.isEnabled() and page.start_button.text() == "更新办理状态 (Ctrl+R)",
                    timeout=WAIT)  # fmt: skip
    receipt = stored_outbox(ctx.records_db, ids[0]).record.receipt_no
    assert receipt is not None and admin.set_status(platform.store, receipt, protocol.STATUS_ACCEPTED)
    qtbot.keyClick(page, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: not page.running and "更新了 1 条办理状态" in page.result.text(), timeout=WAIT)
    statuses = {a.record_id: a.status for h in ctx.visits.visit_list() for p in h.people for a in p.applications}
    assert statuses[ids[0]] == "已受理"
    # The visit list shows each application's state; screenshots of every page in both languages and sizes.
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(lambda: window.visits.select("person", pid) and window.visits.apps.rowCount() == 1, timeout=WAIT)
    for language in ("zh_CN", "en"):
        window.set_language(language)
        qtbot.waitUntil(lambda: window.visits.select("person", pid) and window.visits.apps.rowCount() == 1,
                        timeout=WAIT)  # fmt: skip
        for size in ((1366, 768), (1920, 1080)):
            window.resize(*size)
            for name in ("visits", "drafts", "delivery"):
                window.show_page(name)
                qtbot.waitUntil(lambda: not (window.delivery.tasks.pending or window.drafts.tasks.pending),
                                timeout=WAIT)  # fmt: skip
                shot = _shot(window, f"{name}-{size[0]}x{size[1]}-{language}", tmp_path)
                assert shot.stat().st_size > 10_000
    assert window.language_button.text() == "中文" and window.delivery.title.text() == "Batch delivery"
    assert "Quarantined" in window.delivery.q_title.text() or "quarantined" in window.delivery.q_title.text()


def test_the_villagers_card_is_read_on_the_laptops_reader(
    window: LaptopWindow, qtbot: QtBot, ctx: AppContext, emulator: object
) -> None:
    laptop: LaptopServices = window.port  # type: ignore[assignment]
    hid = laptop.add_household(head="李明华")
    pid = laptop.add_person(hid, name="李明华", relation="户主")
    window.refresh()
    qtbot.waitUntil(lambda: window.visits.select("person", pid), timeout=WAIT)
    window.visits.apply_requested.emit(pid)
    qtbot.waitUntil(lambda: window.applying_for == pid, timeout=WAIT)
    flow = window.apply_flow
    assert isinstance(flow, ApplyScreen)
    flow.begin(DIBAO_ITEM)
    qtbot.waitUntil(lambda: flow.session is not None, timeout=WAIT)
    qtbot.mouseClick(flow.card.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(flow.session and flow.session.card), timeout=WAIT)
    session = flow.session
    assert session is not None and session.card is not None
    assert session.card["name"] == "李明华" and session.answers["id_number"] == ID and session.channel == "laptop"
    qtbot.waitUntil(lambda: ctx.visits.table.owner("draft", session.session_id) == pid, timeout=WAIT)
    # The worker completes it (form, scans, 容缺) and the review step finalises: the person has the application.
    flow.tasks.wait_for_done(10000)
    svc = ctx.apply
    assert svc.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG}) == {}
    svc.add_page(session, "application_upload", jpeg_page())
    svc.add_page(session, "hukou_upload", jpeg_page(width=80))
    for slot in session.slots:
        if slot.owed:
            svc.mark_deferred(session, slot.slot_id)
    result = finalise(svc, session)  # the villager's signature as consent, then 提交
    flow.review.finalised.emit(result)  # what the review step's 提交 emits
    qtbot.waitUntil(lambda: ctx.visits.table.owner("record", result.record_id) == pid, timeout=WAIT)
    [person] = ctx.visits.visit_list()[0].people
    assert [a.receipt_no for a in person.applications] == [result.receipt_no] and person.drafts == ()


def test_with_a_roster_the_worker_logs_in_and_sees_only_their_own(
    ctx: AppContext, platform: InProcessPlatform, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.main import build_laptop, create_application

    for sid, name, pw in (("g01", "网格员甲", "grid-pass-01"), ("g02", "网格员乙", "grid-pass-02")):
        platform_staff.add_staff(platform.store, division=DEMO_DIVISION, staff_id=sid, name=name,
                                 role="grid_worker", secret=pw)  # fmt: skip
    ctx.staff.sync(platform.url, ctx.sync_credentials())
    create_application()
    window = build_laptop(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.gate.currentWidget() is window.login, timeout=WAIT)
    login = window.login
    qtbot.waitUntil(lambda: window.worker.text() == "未登录", timeout=WAIT)
    # Without a log-in nothing of the list is served.
    with pytest.raises(UserError) as err:
        ctx.visits.visit_list()
    assert err.value.msg.code == "staff.not_logged_in"
    _type(qtbot, login.staff_id, "g01")
    qtbot.keyClick(login.staff_id, Qt.Key.Key_Return)
    _type(qtbot, login.secret, "wrong-password")
    qtbot.keyClick(login.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "还可再试" in login.message.text(), timeout=WAIT)
    assert login.secret.text() == "" and window.gate.currentWidget() is login
    _shot(window, "login-1366x768-zh_CN", tmp_path)
    _type(qtbot, login.secret, "grid-pass-01")
    qtbot.keyClick(login.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.gate.currentWidget() is window.workspace and "网格员甲" in window.worker.text(),
                    timeout=WAIT)  # fmt: skip
    assert window.logout_button.isVisible()
    _shot(window, "login-done-1366x768-zh_CN", tmp_path)
    hid = ctx.visits.add_household(head="王德发")
    assert [h.household_id for h in ctx.visits.table.households("g01")] == [hid]
    laptop: LaptopServices = window.port  # type: ignore[assignment]
    pid = ctx.visits.add_person(hid, name="李明华")
    draft = fill_dibao(ctx.apply)
    ctx.visits.link_draft(pid, draft.session_id, draft.title)
    assert [d.person for d in laptop.drafts()] == ["李明华 · 王德发"]
    window.refresh()
    qtbot.waitUntil(lambda: window.visits.tree.topLevelItemCount() == 1, timeout=WAIT)
    # Log out: the log-in page again; the other worker sees an empty list.
    qtbot.mouseClick(window.logout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.gate.currentWidget() is login, timeout=WAIT)
    ctx.staff.login("g02", "grid-pass-02")
    assert ctx.visits.visit_list() == [] and laptop.drafts() == []  # nor the other worker's villager's draft
    ctx.staff.logout()
    # A session that ends under a page sends the worker back to the log-in page with the reason.
    window.gate.setCurrentWidget(window.workspace)
    window.visits.refresh()
    qtbot.waitUntil(lambda: window.gate.currentWidget() is login and login.message.text() == "请先登录", timeout=WAIT)


def test_closing_mid_delivery_pauses_it_and_loses_nothing(
    window: LaptopWindow, qtbot: QtBot, ctx: AppContext, platform: InProcessPlatform
) -> None:
    laptop: LaptopServices = window.port  # type: ignore[assignment]
    hid = laptop.add_household(head="王德发")
    for n in range(3):
        pid = laptop.add_person(hid, name=f"村民{n}")
        session = fill_dibao(ctx.apply, shade=30 + 70 * n)
        laptop.link_draft(pid, session.session_id, session.title)
        laptop.finalised(session.session_id, finalise(ctx.apply, session).record_id)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.delivery
    qtbot.waitUntil(lambda: page.figures.text().startswith("待报送 3 条") and page.start_button.isEnabled(),
                    timeout=WAIT)  # fmt: skip
    qtbot.keyClick(page, Qt.Key.Key_R, CTRL)
    assert page.running
    window.close()  # returns once the delivery has stopped after the record in flight
    status = ctx.sync.status()
    assert status.pending + status.delivered == 3 and status.quarantined == 0
    assert platform.store.stats()["submissions"] == status.delivered
    report = laptop.deliver(lambda p: None)  # the rest goes next time
    assert report.pending == 0 and platform.store.stats()["submissions"] == 3


def test_a_laptop_locked_by_its_worker_asks_for_the_unlock_password(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.main import build_laptop, create_application
    from app.records.keystore import lock_worker_keystore
    from tests.integration.laptop.conftest import PASSPHRASE

    home = ctx.home
    ctx.close()
    text = (
        (home / "config.toml")
        .read_text(encoding="utf-8")
        .replace('[keyring]\nbackend = "file"\n', '[keyring]\nbackend = "file"\nunlock = "worker"\n')
    )
    (home / "config.toml").write_text(text, encoding="utf-8")
    monkeypatch.delenv("YUNBAN_KEYRING_PASSPHRASE")  # the passphrase lives in the worker's head, not on the disk
    locked = AppContext(home)
    try:
        create_application()
        window = build_laptop(locked)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.start()
        qtbot.waitUntil(lambda: window.gate.currentWidget() is window.unlock, timeout=WAIT)
        with pytest.raises(UserError) as err:
            locked.visits.add_household(head="王德发")  # nothing personal is sealed (or opened) before the unlock
        assert err.value.msg.code == "records.keystore_worker_locked"
        _type(qtbot, window.unlock.secret, "not-the-password")
        qtbot.keyClick(window.unlock.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(window.unlock.message.text()) and window.worker.text() == "未登录", timeout=WAIT)
        assert window.gate.currentWidget() is window.unlock and window.unlock.secret.text() == ""
        _shot(window, "unlock-1366x768-zh_CN", tmp_path)
        _type(qtbot, window.unlock.secret, PASSPHRASE)
        qtbot.keyClick(window.unlock.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.gate.currentWidget() is window.workspace, timeout=WAIT)
        hid = locked.visits.add_household(head="王德发")
        assert [h.household_id for h in locked.visits.visit_list()] == [hid]
        qtbot.waitUntil(lambda: not any(p.tasks.pending for p in (window, window.visits)), timeout=WAIT)
        window.close()
    finally:
        lock_worker_keystore(home)
        locked.close()


def test_yunban_kiosk_on_a_laptop_starts_the_laptop_window(ctx: AppContext, qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer

    from app.main import create_application, run_kiosk

    create_application()
    seen: list[tuple[str, tuple[int, int]]] = []

    def look_then_quit() -> None:
        seen.extend((type(w).__name__, w.size().toTuple()) for w in QApplication.topLevelWidgets() if w.isVisible())
        QApplication.quit()

    QTimer.singleShot(3000, look_then_quit)
    assert run_kiosk(ctx, windowed=True) == 0  # the `yunban kiosk` path: role = laptop, enrolled
    assert ("LaptopWindow", (1366, 768)) in seen and not any(name == "KioskWindow" for name, _ in seen)
