"""帮助 › 呼叫工作人员 really calls (issue 13): the kiosk rings the bundled chime (Qt Multimedia's QSoundEffect; this
machine has no audio output, so nothing is heard, and the call is recorded all the same) and records a `staff_call`
event in the terminal's audit log, through the same wiring `yunban kiosk` uses (`app.main.attach_services`). The card
then says 已通知工作人员，请稍候 with 取消呼叫, which stops the chime and records the cancellation."""

from __future__ import annotations

import runpy
import shutil
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.main import attach_services, build_window, close_kiosk
from ui.kiosk.staff_call import BELL, StaffCall


def test_the_bundled_chime_is_a_short_wav_made_by_the_script(tmp_path: Path) -> None:
    with wave.open(str(BELL), "rb") as bell:
        assert bell.getnchannels() == 1 and bell.getsampwidth() == 2 and bell.getframerate() == 22_050
        assert 0.5 < bell.getnframes() / bell.getframerate() < 2.0  # a chime, not a siren
    script = Path(__file__).resolve().parents[3] / "scripts" / "make_bell.py"
    made = runpy.run_path(str(script))
    made["write"](tmp_path / "bell.wav")
    assert (tmp_path / "bell.wav").read_bytes() == BELL.read_bytes()  # regenerated, byte for byte


def test_call_staff_rings_and_records_a_staff_call_and_can_be_cancelled(
    demo_home: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # the demo's file keystore
    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    ctx = AppContext(home)
    window = build_window(ctx)
    qtbot.addWidget(window)
    attached = []
    try:
        services = attach_services(ctx, window, start=False)
        attached.append(services)
        window.resize(1280, 800)
        window.show()
        call = window.findChild(StaffCall)
        assert call is not None
        window.show_help()
        info = window.info
        assert info.call_button.isVisible() and not info.cancel_button.isVisible()  # wired: the button is offered
        with qtbot.waitSignal(call.recorded, timeout=10_000) as recorded:
            qtbot.mouseClick(info.call_button, Qt.MouseButton.LeftButton)
        assert recorded.args == [False] and call.calls == 1
        assert call.bell is not None and call.bell.source().toLocalFile() == str(BELL)  # the chime was started
        assert info.title.text() == "已通知工作人员，请稍候" and info.cancel_button.isVisible()
        assert not info.call_button.isVisible()
        entry = ctx.audit.recent(1)[0]
        assert entry["event"] == "staff_call" and entry["actor"] == "kiosk"
        assert entry["subject"] == ctx.records.terminal_code and entry["detail"] == {"cancelled": False}
        window.set_language("en")
        assert "staff" in info.title.text().lower() and info.cancel_button.text() == "Cancel the call"
        window.set_language("zh_CN")

        with qtbot.waitSignal(call.recorded, timeout=10_000) as recorded:
            qtbot.mouseClick(info.cancel_button, Qt.MouseButton.LeftButton)
        assert recorded.args == [True]
        assert [e["detail"] for e in ctx.audit.recent(2)] == [{"cancelled": True}, {"cancelled": False}]
        assert info.call_button.isVisible() and "已取消呼叫" in info.body.text()
        assert ctx.audit.verify().ok  # the calls are links of the terminal's hash chain like any other event
    finally:
        close_kiosk(ctx, window, [], attached)
