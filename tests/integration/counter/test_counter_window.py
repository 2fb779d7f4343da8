"""The counter terminal's window as the composition root builds it (`app.main.build_counter`): an enrolled terminal
with `role = counter` starts it; 窗口录入 (the kiosk's apply flow) opens only with a clerk logged in, and its port puts
the clerk and the window on the walk-in's signed record."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.counter.service import WalkInApply
from app.errors import UserError
from app.main import build_counter, wants_counter
from tests.integration.apply.conftest import DIBAO_ITEM, SIGNATURE_PNG, dibao_answers, jpeg_page
from tests.integration.counter.conftest import CLERK, CLERK_PW


def test_the_counter_window_and_its_walk_in_port(qtbot: QtBot, counter: AppContext, tmp_path: Path) -> None:
    assert wants_counter(counter)
    window = build_counter(counter)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.tabs.count() == 2 and not window.tabs.isTabEnabled(1)
    window.open_walk_in()
    assert window.tabs.currentIndex() == 0  # nobody logged in: no 窗口录入
    window.workspace.login_page.staff_id.setText(CLERK)
    window.workspace.login_page.secret.setText(CLERK_PW)
    with qtbot.waitSignal(window.workspace.loaded, timeout=30_000):
        window.workspace.login_page.submit()
    assert window.tabs.isTabEnabled(1)
    window.open_walk_in()
    assert window.tabs.currentIndex() == 1 and window.tabs.currentWidget() is window.apply_flow
    shots = Path(os.environ.get("YUNBAN_SCREENSHOTS") or tmp_path)
    assert window.grab().save(str(shots / "counter-window.png"))

    port = WalkInApply(counter.apply, counter.counter)
    session = port.start(DIBAO_ITEM)
    assert session.channel == "counter" and session.operator == {"clerk_id": CLERK, "window": "3"}
    port.apply_card(session, counter.identity.read_card(timeout=10))
    assert port.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG}) == {}
    port.add_page(session, "application_upload", jpeg_page())
    port.add_page(session, "hukou_upload", jpeg_page(shade=180))
    for slot in session.slots:
        if slot.owed:
            port.mark_deferred(session, slot.slot_id)
    result = port.finalise(session, consent=True)
    record = counter.records_db.get_record(result.record_id)
    assert record is not None and json.loads(record.payload)["operator"] == {"clerk_id": CLERK, "window": "3"}
    assert ("decision", CLERK, result.receipt_no) in [
        (e["event"], e["actor"], e["subject"]) for e in counter.audit.recent(50)
    ]
    counter.counter.logout()
    try:
        port.start(DIBAO_ITEM)
    except UserError as exc:
        assert exc.code == "staff.not_logged_in"
    else:
        raise AssertionError("a walk-in without a clerk logged in was started")
