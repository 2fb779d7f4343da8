"""The counter workspace on screen (pytest-qt) over the real service: staff log-in (a wrong password refused, the
right one opens the queue), filters and search with masked applicants, the detail view's scanned page with zoom and
rotate, a 不予受理 decided through the dialog (reason required, legal basis shown) printing its notice through CUPS,
reprint, the supervisor's review list, and the session timeout sending the clerk back to the log-in page. A
screenshot of the workspace is saved for review."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.model.counter import DecisionResult
from tests.integration.counter.conftest import CLERK, CLERK_PW, SUPER, SUPER_PW, dibao
from ui.screens.counter import CounterWorkspace

SHOTS = Path(os.environ.get("YUNBAN_SCREENSHOTS", "")) if os.environ.get("YUNBAN_SCREENSHOTS") else None


def _login(qtbot: QtBot, screen: CounterWorkspace, staff_id: str, secret: str) -> None:
    screen.login_page.staff_id.setText(staff_id)
    screen.login_page.secret.setText(secret)
    with qtbot.waitSignal(screen.loaded, timeout=30_000):
        screen.login_page.submit()


def test_counter_workspace_on_the_real_service(qtbot: QtBot, counter: AppContext, tmp_path: Path) -> None:
    kiosk = dibao(counter)
    screen = CounterWorkspace(counter.counter)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    assert screen.stack.currentWidget() is screen.login_page

    screen.login_page.staff_id.setText(CLERK)
    screen.login_page.secret.setText("not-the-password")
    screen.login_page.submit()
    qtbot.waitUntil(lambda: screen.login_page.login_button.isEnabled(), timeout=30_000)
    assert "4" in screen.login_page.message.text()  # 还可再试 4 次
    assert screen.login_page.secret.text() == "" and screen.stack.currentWidget() is screen.login_page

    _login(qtbot, screen, CLERK, CLERK_PW)
    assert screen.stack.currentWidget() is screen.work
    assert CLERK in screen.who.text() and not screen.review_button.isVisible()
    assert screen.table.rowCount() == 1
    name = str(counter.identity.read_card(timeout=10).name)
    cells = [screen.table.item(0, c) for c in range(3)]
    assert cells[2] is not None and cells[2].text() == name[0] + "*" * (len(name) - 1)
    assert cells[0] is not None and cells[0].text() == kiosk.receipt_no

    # filters and search
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        screen.filter.setCurrentIndex(screen.filter.findData("walk_in"))
    assert screen.table.rowCount() == 0
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        screen.filter.setCurrentIndex(screen.filter.findData("all"))
    screen.search.setText(name)
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        screen.reload()
    assert screen.table.rowCount() == 1
    screen.search.clear()

    # the detail with its scanned pages: zoom and rotate
    with qtbot.waitSignal(screen.detail_shown, timeout=10_000):
        screen.table.selectRow(0)
    qtbot.waitUntil(lambda: screen.viewer.count > 0 and not screen.viewer.item.pixmap().isNull(), timeout=10_000)
    assert name not in screen.case_lines.text()
    zoom = screen.viewer.zoom  # fitted to the view (a small test scan: the largest zoom)
    qtbot.mouseClick(screen.viewer.zoom_out_button, Qt.MouseButton.LeftButton)
    assert screen.viewer.zoom < zoom
    qtbot.mouseClick(screen.viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert screen.viewer.zoom == zoom
    screen.viewer.rotate()
    assert screen.viewer.rotation == 90 and "90°" in screen.viewer.caption.text()
    if screen.viewer.count > 1:
        with qtbot.waitSignal(screen.viewer.page_requested, timeout=5_000):
            screen.viewer.next_button.click()
        qtbot.waitUntil(lambda: screen.viewer.position == 1, timeout=10_000)

    # 不予受理 through the dialog: the reason is required, the legal basis is shown
    screen.open_decision("refuse")
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    basis_shown = [w.text() for w in dialog.findChildren(type(screen.case_lines)) if w.objectName() == "Basis"]
    assert basis_shown and basis_shown[0]
    dialog.try_accept()
    assert dialog.isVisible() and dialog.error.text()  # no reason: not accepted
    dialog.reason.setPlainText("申请人户籍不在本乡镇，请到户籍所在地申请")
    with qtbot.waitSignal(screen.decided, timeout=60_000) as decided:
        dialog.try_accept()
    result = decided.args[0]
    assert isinstance(result, DecisionResult) and result.kind == "refuse" and result.printed, result.message
    qtbot.waitUntil(lambda: "不予受理" in screen.history.text(), timeout=10_000)
    assert not screen.decide_buttons["accept"].isEnabled()  # closed
    shot = screen.grab()
    out = SHOTS or tmp_path
    assert shot.save(str(out / "counter-workspace.png"))

    with qtbot.waitSignal(screen.status, timeout=30_000) as said:
        screen.reprint()
    assert said.args[0]
    assert screen.reprint_notice_button.isEnabled()
    with qtbot.waitSignal(screen.status, timeout=30_000) as said:
        screen.reprint_notice_button.click()
    assert result.notice_number and result.notice_number in said.args[0]  # the same number, printed again

    # the supervisor's review list
    screen.logout()
    assert screen.stack.currentWidget() is screen.login_page
    _login(qtbot, screen, SUPER, SUPER_PW)
    assert screen.review_button.isVisible()
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        screen.show_review()
    assert screen.review_list.count() == 1
    screen.review_list.setCurrentRow(0)
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        screen._review(True)
    assert screen.review_list.count() == 0

    # the session times out: the next action sends the clerk back to the log-in page
    staff = counter.staff
    later = staff.clock() + counter.config.staff.session_timeout_min * 60 + 5
    staff.clock = lambda: later
    screen.reload()
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.login_page, timeout=10_000)
    assert screen.login_page.message.text()
