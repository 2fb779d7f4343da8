"""On a real counter terminal (loopback platform, private CUPS, the apply flow): a supervisor's returned review
reopens the case in the clerk's queue with the reviewer's reason; the decisions' free text is sealed at rest in
records.db (rows from before migration 0008 sealed when the counter starts); and the staff events are in the audit
log with the staff id (never a password), as `yunban audit show` prints them."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.errors import UserError
from tests.integration.apply.conftest import PASSPHRASE
from tests.integration.counter.conftest import CLERK, CLERK2, CLERK2_PW, CLERK_PW, SUPER, SUPER_PW, dibao
from tests.support.cli import InProcessCli
from ui.screens.counter import CounterWorkspace

REASON = "申请人户籍不在本镇（王家村三组）"
NOTE = "理由中的村名有误，请核实户籍后重新决定"


def _raw(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.glob("records.db*"))


def test_a_returned_decision_reopens_the_case_with_the_reviewers_reason(
    counter: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    work = counter.counter
    sub = dibao(counter)
    work.login(CLERK, CLERK_PW)
    refused = work.decide(sub.record_id, "refuse", reason=REASON)
    [entry] = work.queue("decided")
    assert entry.state == "refused" and entry.returned_note is None
    assert work.queue("waiting") == []

    work.login(SUPER, SUPER_PW)
    work.review(refused.decision_id, approve=False, note=NOTE)

    work.login(CLERK, CLERK_PW)
    [entry] = work.queue("waiting")  # back in the clerk's queue, waiting, with who returned it and why
    assert entry.receipt_no == sub.receipt_no and entry.state == "waiting"
    assert (entry.returned_note, entry.returned_by) == (NOTE, SUPER)
    assert work.queue("decided") == []
    detail = work.detail(sub.record_id)
    assert detail.entry.returned_note == NOTE
    assert detail.decisions[-1].reason == REASON and detail.decisions[-1].review_note == NOTE

    # on the clerk's screen: the row says 复核退回, the case shows who returned it and why, the decisions are open
    screen = CounterWorkspace(work)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    screen.login_page.staff_id.setText(CLERK)
    screen.login_page.secret.setText(CLERK_PW)
    with qtbot.waitSignal(screen.loaded, timeout=30_000):
        screen.login_page.submit()
    cell = screen.table.item(0, 4)
    state = cell.text() if cell is not None else ""
    assert screen.table.rowCount() == 1 and state.startswith("待受理") and state.endswith("（复核退回）")
    with qtbot.waitSignal(screen.detail_shown, timeout=30_000):
        screen.table.selectRow(0)
    assert f"复核退回（{SUPER}）：{NOTE}" in screen.case_lines.text()
    assert f"已退回：{NOTE}" in screen.history.text()
    assert screen.decide_buttons["accept"].isEnabled()
    qtbot.wait(300)  # the layout settles before the picture
    shots = Path(os.environ.get("YUNBAN_SCREENSHOTS") or tmp_path)
    assert screen.grab().save(str(shots / "counter-returned-case.png"))

    again = work.decide(sub.record_id, "accept")  # decided again, and this decision waits for its own review
    [entry] = work.queue("decided")
    assert entry.state == "accepted" and entry.returned_note is None
    with pytest.raises(UserError) as closed:
        work.decide(sub.record_id, "refuse", reason=REASON)
    assert closed.value.code == "counter.already_decided"
    work.login(SUPER, SUPER_PW)
    assert [d.decision_id for d in work.unreviewed()] == [again.decision_id]

    # the reason and the note are sealed at rest: not in records.db's bytes, the clear columns empty
    db = sqlite3.connect(counter.home / "records.db")
    try:
        rows = db.execute(
            "SELECT reason, reason_sealed, review_note, review_note_sealed FROM counter_decisions "
            "WHERE decision_id = ?",
            (refused.decision_id,),
        ).fetchall()
    finally:
        db.close()
    [(reason, reason_sealed, note, note_sealed)] = rows
    assert reason == "" and note == ""
    assert str(reason_sealed).startswith("enc1:") and str(note_sealed).startswith("enc1:")
    raw = _raw(counter.home)
    assert REASON.encode() not in raw and NOTE.encode() not in raw


def test_clear_text_of_earlier_decisions_is_sealed_when_the_counter_starts(counter: AppContext) -> None:
    sub = dibao(counter)
    counter.counter.login(CLERK, CLERK_PW)
    decided = counter.counter.decide(sub.record_id, "refuse", reason=REASON)
    home = counter.home
    counter.close()
    # a row as a terminal before migration 0008 wrote it: the reason in the clear column
    db = sqlite3.connect(home / "records.db")
    db.execute(
        "UPDATE counter_decisions SET reason = ?, reason_sealed = NULL WHERE decision_id = ?",
        (REASON, decided.decision_id),
    )
    db.commit()
    db.close()
    ctx = AppContext(home)
    try:
        assert ctx.counter.table.decision(decided.decision_id).reason == REASON  # type: ignore[union-attr]
        db = sqlite3.connect(home / "records.db")
        try:
            row = db.execute(
                "SELECT reason, reason_sealed FROM counter_decisions WHERE decision_id = ?", (decided.decision_id,)
            ).fetchone()
        finally:
            db.close()
        assert row[0] == "" and str(row[1]).startswith("enc1:")
    finally:
        ctx.close()
    db = sqlite3.connect(home / "records.db")
    db.execute("VACUUM")  # the freed pages and WAL frames that held the clear text (written by this test) go too
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert REASON.encode() not in _raw(home)


def test_staff_events_are_audited_with_the_staff_id_and_shown_by_audit_show(
    counter: AppContext, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    work, staff = counter.counter, counter.staff
    sub = dibao(counter)
    work.login(CLERK, CLERK_PW)
    decided = work.decide(sub.record_id, "correct", materials=("收入证明",))
    assert sub.receipt_no and work.reprint_receipt(sub.receipt_no)
    assert work.reprint_decision_notice(decided.decision_id)
    work.logout()
    for _ in range(5):
        with pytest.raises(UserError):
            work.login(CLERK2, "wrong-password")
    staff.unlock(SUPER, SUPER_PW, CLERK2)
    staff.override_offline(SUPER, SUPER_PW, 2)
    work.login(CLERK2, CLERK2_PW)
    real = staff.clock
    staff.clock = lambda: real() + 3600  # an hour without activity: the session times out
    try:
        with pytest.raises(UserError) as expired:
            work.queue()
        assert expired.value.code == "staff.session_expired"
    finally:
        staff.clock = real
    counter.close()

    cli = InProcessCli(capsys, monkeypatch, counter.home, passphrase=PASSPHRASE)
    shown = cli.json("audit", "show", "--limit", "200")["entries"]
    events = [(e["event"], e["actor"], e["subject"]) for e in reversed(shown)]
    expected = [
        ("login", CLERK, None),
        ("decision", CLERK, sub.receipt_no),
        ("receipt.reprint", CLERK, sub.receipt_no),
        ("notice.reprint", CLERK, sub.receipt_no),
        ("logout", CLERK, None),
        ("login.failed", CLERK2, None),
        ("login.locked", CLERK2, None),
        ("unlock", SUPER, CLERK2),
        ("override", SUPER, None),
        ("login", CLERK2, None),
        ("session.timeout", CLERK2, None),
    ]
    it = iter(events)
    assert all(step in it for step in expected), events  # in this order
    timeout = next(e for e in shown if e["event"] == "session.timeout")
    assert timeout["detail"] == {"minutes": 15}
    text = json.dumps(shown, ensure_ascii=False)
    for secret in (CLERK_PW, CLERK2_PW, SUPER_PW, "wrong-password", "$argon2id$"):
        assert secret not in text
    code, out, _err = cli("audit", "show", "--limit", "200")
    assert code == 0 and "session.timeout" in out and "logout" in out
    assert cli.json("audit", "verify")["ok"]
