"""The keep-draft answer prints the 草稿保存凭条 off the GUI thread; a failed print keeps the code on screen."""

from __future__ import annotations

import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from tests.integration.ui_apply.test_apply_screens import start
from tests.support.apply_fakes import FakeApply
from ui.screens.apply import ApplyScreen
from ui.shell import KioskWindow


def _keep(qtbot: QtBot, window: KioskWindow) -> ApplyScreen:
    screen = start(qtbot, window)
    window.go_home()
    assert screen.step == "keep"
    screen.keep.keep_button.click()
    qtbot.waitUntil(lambda: screen.keep.code.isVisibleTo(screen), timeout=5000)
    return screen


def test_keep_prints_the_draft_slip_off_the_gui_thread(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow], fake_apply: FakeApply
) -> None:
    window = kiosk(fake_apply)
    screen = _keep(qtbot, window)
    qtbot.waitUntil(lambda: "已打印" in screen.keep.slip.text(), timeout=5000)
    assert fake_apply.draft_slips == ["D123456785"]
    names = [n for n, _ in fake_apply.calls]
    assert names.index("print_draft_code") > names.index("keep_draft")
    threads = {t for n, t in fake_apply.calls if n == "print_draft_code"}
    assert threading.current_thread().name not in threads
    assert "D123456785" in screen.keep.code.text()


def test_failed_draft_slip_keeps_the_code_and_tells_the_citizen(
    qtbot: QtBot, kiosk: Callable[..., KioskWindow]
) -> None:
    fake = FakeApply(paper=False)
    window = kiosk(fake)
    screen = _keep(qtbot, window)
    qtbot.waitUntil(lambda: "未能打印" in screen.keep.slip.text(), timeout=5000)
    assert screen.keep.slip.isVisibleTo(screen) and "D123456785" in screen.keep.code.text()
    assert fake.draft_slips == [] and "D123456785" in fake.kept
    session = screen.session
    assert session is not None
    with qtbot.waitSignal(screen.wiped, timeout=5000):
        screen.keep.home_button.click()
    assert session.session_id in fake.drafts  # the kept draft survives the wipe despite the failed slip
