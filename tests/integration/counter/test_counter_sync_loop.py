"""The counter window's background sync (issue 14 §2): built by the composition root (`app.main.build_counter`) on a
counter terminal enrolled with the reference platform over loopback, it delivers a decision made through the screen
at once, off the GUI thread, without anyone running `yunban sync`; the sync indicator shows nothing waiting; a
staff account revoked on the platform is refused after the loop's next pass (the roster comes with it); and a
walk-in finalised in 窗口录入 starts a pass too."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.counter.sync import NOTICE_RETRY_S, CounterSync
from app.errors import UserError
from app.main import build_counter
from app.model.records import DeliveryReport
from sync.platform import staff as platform_staff
from tests.integration.counter.conftest import CLERK, CLERK2, CLERK2_PW, CLERK_PW, dibao
from tests.integration.notices.conftest import QUEUE
from tests.support.cups import PrivateCups
from tests.support.platform import InProcessPlatform, query
from ui.sync_indicator import submission_news

WAIT = 60_000


def _decisions(platform: InProcessPlatform) -> list[dict[str, object]]:
    rows = query(platform.store, "SELECT payload FROM records WHERE kind = 'decision' ORDER BY rowid")
    return [json.loads(r[0]) for r in rows]


def test_the_counter_window_syncs_in_the_background(
    qtbot: QtBot, counter: AppContext, platform: InProcessPlatform, tmp_path: Path
) -> None:
    kiosk = dibao(counter)
    counter.sync.run_until_idle(timeout_s=60)  # the submission is on the platform already (as a kiosk's would be)
    window = build_counter(counter)
    qtbot.addWidget(window)
    assert window.sync_loop is not None and window.indicator is not None
    assert isinstance(window.sync_loop.service, CounterSync)
    window.sync_loop.timer.setInterval(3_600_000)  # only the first pass and the passes the clerk's work starts
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.sync_loop.pass_finished, timeout=WAIT):
        window.start_sync()
    assert "待上传 0" in window.indicator.text()

    ran_on: list[bool] = []
    real_run = window.sync_loop.service.run_sync

    def watched() -> DeliveryReport:
        ran_on.append(QThread.currentThread() is window.thread())
        return real_run()

    window.sync_loop.service.run_sync = watched  # type: ignore[method-assign]

    ws = window.workspace
    ws.login_page.staff_id.setText(CLERK)
    ws.login_page.secret.setText(CLERK_PW)
    with qtbot.waitSignal(ws.loaded, timeout=WAIT):
        ws.login_page.submit()
    with qtbot.waitSignal(ws.detail_shown, timeout=WAIT):
        ws.open_case(kiosk.record_id)
    with qtbot.waitSignal(ws.decided, timeout=WAIT):
        ws.open_decision("accept")
        assert ws.dialog is not None
        ws.dialog.try_accept()
    # delivered by the window's own loop: nobody called sync
    qtbot.waitUntil(lambda: [p["decision"] for p in _decisions(platform)] == ["accept"], timeout=WAIT)
    qtbot.waitUntil(lambda: "待上传 0" in window.indicator.text(), timeout=WAIT)  # type: ignore[union-attr]
    assert ran_on and not any(ran_on)  # every pass ran off the GUI thread
    status = counter.records_db.get_record(kiosk.record_id)
    assert status is not None
    # the platform moved the kiosk submission's status; the same pass pulled it back to this terminal
    qtbot.waitUntil(lambda: counter.records_db.get_record(kiosk.record_id).status == "已受理", timeout=WAIT)  # type: ignore[union-attr]
    shots = Path(os.environ.get("YUNBAN_SCREENSHOTS") or tmp_path)
    assert window.grab().save(str(shots / "counter-window-sync.png"))

    # revoked on the platform: the roster comes with the next pass (a walk-in's news starts one at once)
    platform_staff.revoke_staff(platform.store, CLERK2)
    assert counter.staff.login(CLERK2, CLERK2_PW).staff_id == CLERK2
    counter.staff.login(CLERK, CLERK_PW)
    submission_news().finalised.emit()

    def revoked() -> bool:
        return any(a.staff_id == CLERK2 and a.revoked for a in counter.staff.accounts())

    qtbot.waitUntil(revoked, timeout=WAIT)
    try:
        counter.staff.login(CLERK2, CLERK2_PW)
    except UserError as exc:
        assert exc.code == "staff.revoked"
    else:
        raise AssertionError("a revoked account still logged in after the window's sync")

    window.close()
    assert not window.sync_loop.timer.isActive()


def test_a_pass_prints_the_kept_notices_again_but_not_every_minute(
    counter: AppContext, platform: InProcessPlatform, cups: PrivateCups
) -> None:
    """A stopped A4 queue keeps the decision's notice; the sync passes try it again at most every NOTICE_RETRY_S
    (each try is audited) and print it once the queue is back; the decision reached the platform meanwhile."""
    sub = dibao(counter)
    now = [1000.0]
    sync = CounterSync(counter.counter, lambda: counter.sync, platform_url=lambda: counter.config.platform.url,
                       credentials=counter.sync_credentials, clock=lambda: now[0])  # fmt: skip
    cups.stop_queue(QUEUE)
    counter.counter.login(CLERK, CLERK_PW)
    decided = counter.counter.decide(sub.record_id, "accept")
    assert decided.queued and not decided.printed

    def tries() -> int:
        return sum(e["event"] == "notice.queued" for e in counter.audit.recent(200))

    before = tries()
    sync.run_sync()
    sync.run_sync()  # a minute later: not tried again
    assert tries() == before + 1
    assert [p["decision"] for p in _decisions(platform)] == ["accept"]
    cups.start_queue(QUEUE)
    sync.run_sync()
    assert counter.notices.pending() != []  # the queue is back, but the next try is not due yet
    now[0] += NOTICE_RETRY_S
    sync.run_sync()
    assert counter.notices.pending() == [] and len(cups.captured()) >= 1
