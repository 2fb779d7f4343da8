"""The provisioning screen (pytest-qt, offscreen) on the real provisioning service: the division cascade and search
over the real tree, 登记 against the reference platform on loopback (and its failures shown plainly), 扫描二维码,
测试打印 to the virtual printer, the PIN twice, 完成 into the kiosk's home (`app.main.build_kiosk`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import app.main
from app.context import AppContext
from app.provisioning.service import ProvisioningService
from app.technician.credential import TechnicianCredential
from devices.emulators.virtual_printer import VirtualPrinter
from tests.support.platform import DEMO_DIVISION, InProcessPlatform
from ui.i18n import LanguageSwitcher
from ui.screens.provisioning import ProvisioningScreen

PIN = "73519046"
TIMEOUT = 30_000


@pytest.fixture
def make_screen(qtbot: QtBot) -> Iterator[Callable[[AppContext], ProvisioningScreen]]:
    made: list[tuple[ProvisioningScreen, ProvisioningService]] = []

    def make(ctx: AppContext) -> ProvisioningScreen:
        service = ProvisioningService(ctx)
        screen = ProvisioningScreen(service, debounce_ms=10)
        qtbot.addWidget(screen)
        screen.resize(1280, 700)
        screen.show()
        with qtbot.waitSignal(screen.division.levels_shown, timeout=TIMEOUT):
            screen.start()
        made.append((screen, service))
        return screen

    yield make
    for screen, service in made:
        screen.tasks.wait_for_done(TIMEOUT)
        service.close()


def _enroll(qtbot: QtBot, screen: ProvisioningScreen, url: str, code: str) -> tuple[str, bool]:
    screen.show_step("platform")
    screen.platform.url.setText(url)
    screen.platform.code.setText(code)
    with qtbot.waitSignal(screen.platform.result_shown, timeout=TIMEOUT) as shown:
        qtbot.mouseClick(screen.platform.enroll_button, Qt.MouseButton.LeftButton)
    text, ok = shown.args
    return str(text), bool(ok)


def _pick_village(qtbot: QtBot, screen: ProvisioningScreen, village: str = DEMO_DIVISION) -> None:
    page = screen.division
    for level, code in enumerate(["53", "5325", "532524", "532524103", village]):
        with qtbot.waitSignal(page.levels_shown, timeout=TIMEOUT):
            page.pick(level, code)


def test_the_cascade_walks_down_to_a_village_and_gates_the_next_step(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], make_screen: Callable[[AppContext], ProvisioningScreen]
) -> None:
    screen = make_screen(make_ctx())
    page = screen.division
    # the configured (default) division is preselected, all five levels filled
    assert page.code == DEMO_DIVISION and [c.currentData() for c in page.combos][-1] == DEMO_DIVISION
    with qtbot.waitSignal(page.levels_shown, timeout=TIMEOUT):
        page.pick(1, "5301")  # 昆明市: a prefecture cannot hold a terminal
    assert page.code is None and not screen.next_button.isEnabled()
    assert "县（市、区）" in page.message.text()
    assert [c.count() > 0 for c in page.combos] == [True, True, True, False, False]
    _pick_village(qtbot, screen, "532524103201")
    assert page.code == "532524103201" and "马家营" in page.summary.text()
    assert screen.next_button.isEnabled() and screen.step_buttons["division"].text().startswith("✔")
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    assert screen.step == "platform"


def test_the_search_finds_a_village_by_pinyin_and_a_tap_fills_the_cascade(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], make_screen: Callable[[AppContext], ProvisioningScreen]
) -> None:
    screen = make_screen(make_ctx())
    page = screen.division
    with qtbot.waitSignal(page.results_shown, timeout=TIMEOUT):
        qtbot.keyClicks(page.search_box, "majiaying")
    texts = [page.results.item(n).text() for n in range(page.results.count())]
    row = next(n for n, t in enumerate(texts) if "532524103201" in t)
    assert "西庄镇马家营村委会" in texts[row]
    with qtbot.waitSignal(page.levels_shown, timeout=TIMEOUT):
        page.choose_result(row)
    assert page.code == "532524103201"
    assert [c.currentData() for c in page.combos] == ["53", "5325", "532524", "532524103", "532524103201"]
    with qtbot.waitSignal(page.results_shown, timeout=TIMEOUT):
        page.search_box.setText("zzzzqqq")
    assert page.results.count() == 0 and "没有找到" in page.search_status.text()


def test_enrolling_failures_are_said_plainly_and_change_nothing(
    qtbot: QtBot,
    make_ctx: Callable[..., AppContext],
    make_screen: Callable[[AppContext], ProvisioningScreen],
    platform: InProcessPlatform,
) -> None:
    ctx = make_ctx()
    before = (ctx.home / "config.toml").read_bytes()
    screen = make_screen(ctx)
    text, ok = _enroll(qtbot, screen, "http://127.0.0.1:9", "ABCD-EFGH-JKLM")
    assert not ok and text.startswith("登记失败") and "同一注册码" in text, text  # unreachable: retry is safe
    assert screen.platform.enroll_button.isEnabled() and not screen.platform.busy.isVisible()
    text, ok = _enroll(qtbot, screen, platform.url, "WRONG-CODE")
    assert not ok and "注册被拒绝" in text, text
    used = platform.enroll_code()
    ProvisioningService(make_ctx()).enroll(platform.url, used, DEMO_DIVISION)
    text, ok = _enroll(qtbot, screen, platform.url, used)
    assert not ok and "注册被拒绝" in text, text
    assert (ctx.home / "config.toml").read_bytes() == before and not (ctx.home / "enrollment.json").exists()
    assert not screen.next_button.isEnabled() and not screen.enrolled


def test_scan_qr_fills_the_code_or_says_there_is_none(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], make_screen: Callable[[AppContext], ProvisioningScreen]
) -> None:
    screen = make_screen(make_ctx(qr="K7QX-3MPD-W9TA"))
    screen.show_step("platform")
    with qtbot.waitSignal(screen.platform.result_shown, timeout=TIMEOUT) as shown:
        qtbot.mouseClick(screen.platform.scan_button, Qt.MouseButton.LeftButton)
    assert shown.args[1] and screen.platform.code.text() == "K7QX-3MPD-W9TA"
    empty = make_screen(make_ctx(qr=None))
    empty.show_step("platform")
    with qtbot.waitSignal(empty.platform.result_shown, timeout=TIMEOUT) as shown:
        empty.platform.scan_qr()
    assert not shown.args[1] and "没有找到二维码" in shown.args[0] and empty.platform.code.text() == ""


def test_the_whole_walk_test_print_pin_twice_and_finish(
    qtbot: QtBot,
    make_ctx: Callable[..., AppContext],
    make_screen: Callable[[AppContext], ProvisioningScreen],
    platform: InProcessPlatform,
    printer: VirtualPrinter,
) -> None:
    ctx = make_ctx()
    screen = make_screen(ctx)
    _pick_village(qtbot, screen, "532524103201")
    text, ok = _enroll(qtbot, screen, platform.url, platform.enroll_code("532524103201"))
    assert ok and "登记成功" in text, text
    assert screen.enrolled and ctx.config.terminal.division_code == "532524103201"
    assert f'url = "{platform.url}"' in (ctx.home / "config.toml").read_text(encoding="utf-8")
    with qtbot.waitSignal(screen.devices.states_shown, timeout=TIMEOUT):
        screen.show_step("devices")
    assert {s.kind for s in screen.devices.states} >= {"printer", "scanner"}
    with qtbot.waitSignal(screen.devices.result_shown, timeout=TIMEOUT) as shown:
        qtbot.mouseClick(screen.devices.print_button, Qt.MouseButton.LeftButton)
    assert shown.args[1] and "测试页已打印" in shown.args[0]
    qtbot.waitUntil(lambda: len(list(Path(str(printer.out_dir)).glob("*.png"))) >= 1, timeout=TIMEOUT)

    screen.show_step("pin")
    pin_page = screen.pin
    pin_page.first.setText(PIN)
    pin_page.second.setText("73519047")
    with qtbot.waitSignal(pin_page.result_shown, timeout=TIMEOUT) as shown:
        qtbot.mouseClick(pin_page.save_button, Qt.MouseButton.LeftButton)
    assert not shown.args[1] and "不一致" in shown.args[0] and not TechnicianCredential(ctx.home).is_set()
    screen.show_step("done")
    assert not screen.done.finish_button.isEnabled()
    pin_page.first.setText(PIN)
    pin_page.second.setText(PIN)
    with qtbot.waitSignal(pin_page.result_shown, timeout=TIMEOUT) as shown:
        pin_page.save()
    assert shown.args[1] and TechnicianCredential(ctx.home).check(PIN)
    assert pin_page.first.text() == "" and pin_page.second.text() == ""
    assert screen.done.finish_button.isEnabled() and screen.done.restart  # another division than at start
    assert "重新启动" in screen.done.finish_button.text()
    with qtbot.waitSignal(screen.finished) as finished:
        qtbot.mouseClick(screen.done.finish_button, Qt.MouseButton.LeftButton)
    assert finished.args == [True]


def test_a_set_pin_is_asked_first(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], make_screen: Callable[[AppContext], ProvisioningScreen]
) -> None:
    ctx = make_ctx()
    TechnicianCredential(ctx.home).set_pin(PIN)
    screen = make_screen(ctx)
    qtbot.waitUntil(lambda: screen.locked, timeout=TIMEOUT)
    screen.gate.pin.setText("000000")
    with qtbot.waitSignal(screen.tasks.finished, timeout=TIMEOUT):
        screen.gate.ok.click()
    assert screen.locked and "密码错误" in screen.gate.message.text()
    screen.gate.pin.setText(PIN)
    with qtbot.waitSignal(screen.unlocked, timeout=TIMEOUT):
        screen.gate.ok.click()
    assert not screen.locked


def test_the_kiosk_shows_provisioning_and_finishing_goes_home_without_a_restart(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], platform: InProcessPlatform
) -> None:
    ctx = make_ctx()
    window = app.main.build_kiosk(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    services = app.main.attach_services(ctx, window, start=False)
    try:
        screen = window.current
        assert isinstance(screen, ProvisioningScreen) and window.held is screen
        assert isinstance(screen.service, ProvisioningService) and screen.service.technician is services.service
        qtbot.waitUntil(lambda: screen.division.code == DEMO_DIVISION, timeout=TIMEOUT)
        window.go_home()
        assert window.current is screen  # home and the idle wipe lead to it
        text, ok = _enroll(qtbot, screen, platform.url, platform.enroll_code())
        assert ok, text
        screen.pin.first.setText(PIN)
        screen.pin.second.setText(PIN)
        with qtbot.waitSignal(screen.pin.pin_set, timeout=TIMEOUT):
            screen.pin.save()
        screen.show_step("done")
        assert not screen.done.restart and screen.done.finish_button.isEnabled()
        qtbot.mouseClick(screen.done.finish_button, Qt.MouseButton.LeftButton)
        home: QWidget = window.home
        assert window.current is home and window.isVisible()
        window.go_home()
        assert window.current is home
        assert ctx.sync.platform_url == platform.url and ctx.sync.run_once().delivered == 0
    finally:
        services.close()
        window.tasks.wait_for_done(TIMEOUT)


def test_room_for_the_keyboard_the_idle_wipe_and_english(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], make_screen: Callable[[AppContext], ProvisioningScreen]
) -> None:
    screen = make_screen(make_ctx())
    screen.show_step("platform")
    screen.resize(1280, 300)  # what is left above Qt Virtual Keyboard's 1280×400 panel (measured under Xvfb)
    qtbot.waitUntil(lambda: not screen.step_buttons["division"].isVisible(), timeout=TIMEOUT)
    assert not screen.next_button.isVisible() and not screen.back_button.isVisible()
    screen.resize(1280, 700)
    qtbot.waitUntil(lambda: screen.step_buttons["division"].isVisible() and screen.next_button.isVisible())
    screen.pin.first.setText(PIN)
    screen.platform.code.setText("K7QX-3MPD-W9TA")
    screen.reset()  # the idle wipe
    assert screen.pin.first.text() == "" and screen.platform.code.text() == ""
    assert screen.division.code == DEMO_DIVISION  # the steps done stay
    switcher = LanguageSwitcher()  # the kiosk's language switch
    try:
        switcher.set_language("en")
        qtbot.waitUntil(lambda: screen.title.text() == "Terminal set-up (technician)")  # LanguageChange is posted
        assert screen.platform.enroll_button.text() == "Enroll" and screen.division.level_labels[4].text() == "Village"
    finally:
        switcher.set_language("zh_CN")
        switcher.close()
    qtbot.waitUntil(lambda: screen.title.text() == "终端开通（技术员）")
