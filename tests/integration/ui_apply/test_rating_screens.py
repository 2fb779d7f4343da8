"""The evaluate and status screens on the real ApplyService (Qt offscreen), case by case from 国办发〔2019〕51号:
差评必须说明理由 (refused on screen before anything is sent), 评价对象 (a typed number needs the receipt's printed
check code, on both screens, and the message says where it is printed), 一事一评 (a second rating says it replaced
the first), 整改反馈 (the follow-up state of a 差评 shown in the status lookup)."""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot

from app.context import AppContext
from tests.integration.apply.conftest import ctx, home  # noqa: F401 — fixtures
from tests.integration.apply.test_rating_rules import _filled
from ui.screens.evaluate import EvaluateScreen
from ui.screens.status import StatusScreen


def _evaluate(qtbot: QtBot, ctx: AppContext) -> EvaluateScreen:  # noqa: F811
    screen = EvaluateScreen(ctx.apply)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    return screen


def _send_and_wait(qtbot: QtBot, screen: EvaluateScreen) -> None:
    screen.send()
    qtbot.waitUntil(lambda: screen.send_button.isEnabled() and screen.message.isVisible(), timeout=10_000)


def _evaluations(ctx: AppContext) -> list[Any]:  # noqa: F811
    return [e for e in ctx.records_db.pending() if e.record.kind == "evaluation"]


def test_blank_reason_is_refused_on_screen(qtbot: QtBot, ctx: AppContext) -> None:  # noqa: F811
    """51号 差评必须说明理由: 不满意 with no reason, a reason of spaces or punctuation, or 其他 alone sends nothing."""
    result = ctx.apply.finalise(_filled(ctx), consent=True)
    screen = _evaluate(qtbot, ctx)
    screen.start(result.receipt_no)  # right after applying: this terminal's own receipt
    assert not screen.check_code.isVisible()  # the terminal issued it to the person in front of it
    screen.level_buttons["不满意"].click()
    assert screen.reasons_box.isVisible() and screen.phone.isVisible()
    for text in ("", "   ", "。。。"):
        screen.text.setPlainText(text)
        screen.send()
        assert screen.message.text() == "请至少选择一个原因" and screen.send_button.isEnabled()
    screen.reason_buttons["其他"].click()
    _send_and_wait(qtbot, screen)
    assert "其他" in screen.message.text() and "具体原因" in screen.message.text()
    assert _evaluations(ctx) == []
    screen.text.setPlainText("窗口中午无人")
    screen.phone.setText("139-8765-4321")
    with qtbot.waitSignal(screen.sent, timeout=10_000) as sent:
        screen.send()
    record = ctx.records_db.get_record(sent.args[0].record_id)
    assert record is not None and json.loads(record.payload)["contact_phone"] == "13987654321"


def test_typed_number_needs_the_check_code_and_a_second_rating_replaces(
    qtbot: QtBot,
    ctx: AppContext,  # noqa: F811
) -> None:
    """51号 评价对象 and 一事一评 on the 评价 tile: the typed number is proven by the printed 校验码."""
    result = ctx.apply.finalise(_filled(ctx), consent=True)
    screen = _evaluate(qtbot, ctx)
    screen.start()
    assert screen.check_code.isVisible() and "二维码下方" in screen.check_label.text()
    screen.keypad.line.setText(result.receipt_no)
    screen.level_buttons["满意"].click()
    _send_and_wait(qtbot, screen)
    assert "校验码" in screen.message.text() and "二维码下方" in screen.message.text()
    assert _evaluations(ctx) == []
    screen.check_code.setText(result.verification.lower())
    with qtbot.waitSignal(screen.sent, timeout=10_000):
        screen.send()
    assert screen.message.text() == "感谢您的评价！"
    screen.level_buttons["非常满意"].click()
    with qtbot.waitSignal(screen.sent, timeout=10_000) as second:
        screen.send()
    assert "已替换" in screen.message.text()
    assert [e.record.record_id for e in _evaluations(ctx)] == [second.args[0].record_id]


def test_status_lookup_needs_the_check_code_and_shows_the_follow_up(
    qtbot: QtBot,
    ctx: AppContext,  # noqa: F811
) -> None:
    """Receipt numbers are sequential: no status without the printed code; with it, the 差评's 整改 state shows."""
    result = ctx.apply.finalise(_filled(ctx), consent=True)
    bad = ctx.apply.evaluate(result.receipt_no, "不满意", ["等候时间长"])
    ctx.records_db.apply_status_changes(
        [{"cursor": 1, "record_id": bad.record_id, "receipt_no": result.receipt_no, "status": "followup.resolved",
          "note": "高峰期增开窗口", "at": "2026-11-28T02:00:00Z"}],
        1,
    )  # fmt: skip
    screen = StatusScreen(ctx.apply)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    assert "校验码" in screen.hint.text()
    screen.keypad.line.setText(result.receipt_no)
    screen.query()
    qtbot.waitUntil(screen.answer_card.isVisible, timeout=10_000)
    assert "二维码下方" in screen.answer.text() and "居民身份证" not in screen.answer.text()
    assert screen.view is None
    screen.check_code.setText(result.verification)
    with qtbot.waitSignal(screen.shown, timeout=10_000) as shown:
        screen.query()
    assert shown.args[0].found
    assert "评价 差评已整改（高峰期增开窗口）" in screen.answer.text()
