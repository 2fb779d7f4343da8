"""The technician screen and the kiosk glue on real services: a virtual ESC/POS printer on loopback, the simulated
card reader, the file scanner, and the reference platform in a thread."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.errors import UserError
from app.technician.service import PIN_LOCK_S, PIN_TRIES, PinLockedError, TechnicianService
from devices.emulators.virtual_printer import VirtualPrinter
from sync.platform.admin import enroll_code
from tests.integration.ui_tech.conftest import PIN
from tests.support.platform import InProcessPlatform
from ui.kiosk_services import KioskServices, attach_kiosk_services, mask_name
from ui.screens.technician import TechnicianScreen
from ui.shell import KioskWindow


@pytest.fixture
def tech(make_ctx: Callable[..., AppContext]) -> Iterator[TechnicianService]:
    service = TechnicianService(make_ctx())
    yield service
    service.close()


def _screen(qtbot: QtBot, service: TechnicianService) -> TechnicianScreen:
    screen = TechnicianScreen(service)
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    screen.show()
    return screen


def _enter(screen: TechnicianScreen, pin: str) -> None:
    for digit in pin:
        screen.gate.keys[digit].click()
    screen.gate.keys["确定"].click()


def test_pin_gate(qtbot: QtBot, tech: TechnicianService) -> None:
    screen = _screen(qtbot, tech)
    assert not screen.unlocked
    with qtbot.waitSignal(screen.gate.rejected):
        _enter(screen, "0000")
    assert not screen.unlocked
    assert "密码错误" in screen.gate.message.text()
    assert screen.gate.field.text() == ""  # a wrong PIN does not stay in the field
    with qtbot.waitSignal(screen.diagnostics.states_shown, timeout=20000):
        _enter(screen, PIN)
    assert screen.unlocked
    screen.reset()  # idle timeout / session reset locks it again
    assert not screen.unlocked


def test_pin_check_is_exact_and_no_credential_refuses(make_ctx: Callable[..., AppContext]) -> None:
    ctx = make_ctx()
    service = TechnicianService(ctx)
    try:
        assert service.check_pin(PIN)
        assert not service.check_pin(PIN + "0") and not service.check_pin("")
        service.credential.path.unlink()  # no credential set: the gate refuses and says how to set one
        with pytest.raises(UserError) as refused:
            service.check_pin(PIN)
        assert refused.value.code == "technician.no_credential"
        assert "yunban provision --technician-pin" in str(refused.value)
    finally:
        service.close()


def test_pin_lockout_after_five_wrong_pins(qtbot: QtBot, tech: TechnicianService) -> None:
    now = [1000.0]
    tech._clock = lambda: now[0]
    for _ in range(PIN_TRIES - 1):
        assert not tech.check_pin("1")
    assert tech.check_pin(PIN)  # a right PIN resets the count
    for _ in range(PIN_TRIES):
        assert not tech.check_pin("1")
    with pytest.raises(PinLockedError) as locked:
        tech.check_pin(PIN)  # locked: even the right PIN is refused
    assert locked.value.wait_s == PIN_LOCK_S and "1 分钟后再试" in str(locked.value)

    screen = _screen(qtbot, tech)
    with qtbot.waitSignal(screen.gate.rejected):
        _enter(screen, PIN)
    assert not screen.unlocked and "错误次数过多" in screen.gate.message.text()

    now[0] += PIN_LOCK_S
    assert not tech.check_pin("1")  # one more wrong PIN after the lock: twice as long
    with pytest.raises(PinLockedError) as locked:
        tech.check_pin(PIN)
    assert locked.value.wait_s == 2 * PIN_LOCK_S
    now[0] += 2 * PIN_LOCK_S
    with qtbot.waitSignal(screen.diagnostics.states_shown, timeout=20000):
        _enter(screen, PIN)
    assert screen.unlocked


def test_diagnostics_show_device_states_and_a_test_print_lands_on_the_virtual_printer(
    qtbot: QtBot, tech: TechnicianService, printer: VirtualPrinter
) -> None:
    screen = _screen(qtbot, tech)
    with qtbot.waitSignal(screen.diagnostics.states_shown, timeout=20000):
        screen.unlock()
    page = screen.diagnostics
    states = {s.kind: s for s in page.states}
    assert set(states) == {"card", "printer", "scanner"}
    assert all(s.ok and s.state == "ready" for s in states.values()), states
    assert states["printer"].target == printer.uri
    assert page.table.rowCount() == 3
    cell = page.table.item(1, 2)
    assert cell is not None and cell.text() == "✔ ready"

    with qtbot.waitSignal(page.result_shown, timeout=20000) as printed:
        page.print_button.click()
    text, ok = printed.args
    assert ok, text
    assert "打印成功" in text
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10000)
    job = printer.jobs[0]
    assert "打印测试" in job.text and job.count("cut") == 1
    assert job.qr_codes or job.count("raster")  # native QR, or the image fallback of this profile
    assert printer.out_dir is not None and list(printer.out_dir.glob("*.png"))

    with qtbot.waitSignal(page.result_shown, timeout=20000) as scanned:
        page.scan_button.click()
    text, ok = scanned.args
    assert ok and "1 页" in text, text


def test_diagnostics_read_a_simulated_card_and_report_a_missing_printer(
    qtbot: QtBot, tech: TechnicianService, printer: VirtualPrinter
) -> None:
    assert tech.can_simulate_card
    screen = _screen(qtbot, tech)
    page = screen.diagnostics
    assert not page.simulate_button.isHidden()
    with qtbot.waitSignal(page.result_shown, timeout=20000) as read:
        page.read_button.click()
        page.simulate_button.click()  # the technician lays the demo card while the read waits
    text, ok = read.args
    assert ok, text
    assert "resident_id" in text and "*" in text  # the ID number is masked on screen

    printer.stop()
    with qtbot.waitSignal(page.states_shown, timeout=20000):
        page.refresh()
    states = {s.kind: s for s in page.states}
    assert not states["printer"].ok and states["printer"].state in ("refused", "unreachable")
    with qtbot.waitSignal(page.result_shown, timeout=20000) as failed:
        page.print_button.click()
    text, ok = failed.args
    assert not ok and "失败" in text


def _attach(window: KioskWindow, service: TechnicianService) -> KioskServices:
    return attach_kiosk_services(window, service, sync_interval_s=0, network_information=False, sync_delay_ms=0)


def test_sync_indicator_and_sync_screen_after_a_real_sync(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], platform: InProcessPlatform, window: KioskWindow
) -> None:
    ctx = make_ctx(platform.url)
    ctx.enrollment.enroll(enroll_code(platform.store, "532524103205"), platform.url)
    ctx.records.make_test(3, attachment_kb=8)
    service = TechnicianService(ctx)
    services = _attach(window, service)
    try:
        qtbot.waitUntil(lambda: services.indicator.pending == 0, timeout=30000)
        assert services.indicator.last_success
        assert services.indicator.text().startswith("待上传 0 件 · 上次同步 ")
        assert platform.store.stats()["submissions"] == 3

        ctx.records.make_test(1)
        services.open_technician()
        screen = services.technician
        assert window.current is screen and not screen.unlocked
        with qtbot.waitSignals([screen.sync.status_shown, services.events.printer_status_changed], timeout=20000):
            screen.unlock()
        screen.tabs.setCurrentWidget(screen.sync)
        qtbot.waitUntil(lambda: screen.sync.figures["pending"].text() == "1", timeout=10000)
        with qtbot.waitSignal(services.events.outbox_drained, timeout=30000):
            screen.sync.run_button.click()
        qtbot.waitUntil(lambda: screen.sync.figures["delivered"].text() == "4", timeout=10000)
        assert services.indicator.pending == 0
        assert platform.store.stats()["submissions"] == 4
    finally:
        services.close()


def test_a_card_laid_shows_the_home_banner_that_leads_to_apply(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], window: KioskWindow
) -> None:
    service = TechnicianService(make_ctx())
    services = _attach(window, service)
    chosen: list[str] = []
    window.home.tile_chosen.connect(chosen.append)
    try:
        assert services.banner.isHidden()
        with qtbot.waitSignal(services.events.card_read_json, timeout=20000) as read:
            qtbot.keyClick(window, "K", modifier=qtbot_modifiers())  # Ctrl+Shift+K: 模拟放卡
        assert read.args[0]["card_type"] == "resident_id"
        card = services.events.last_card
        assert services.banner.isVisible()
        assert services.banner.text.text() == f"已读取身份证：{mask_name(card.name)} — 选择要办理的事项"
        assert card.name not in services.banner.text.text()
        with qtbot.waitSignal(services.apply_requested) as requested:
            services.banner.button.click()
        assert requested.args[0] is card
        assert chosen == ["apply"]
        assert services.banner.isHidden()

        window.go_home()
        with qtbot.waitSignal(services.events.card_read, timeout=20000):
            services.simulate_card()
        assert services.banner.isVisible()
        window.reset_session()  # the idle wipe forgets the card
        assert services.banner.isHidden() and services.events.last_card is None
    finally:
        services.close()


def qtbot_modifiers() -> object:
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_mask_name() -> None:
    assert mask_name("张三丰") == "张**"
    assert mask_name("李") == "李*"
    assert mask_name("") == ""


def test_pin_lockout_persists_across_a_new_service_and_context(make_ctx: Callable[..., AppContext]) -> None:
    ctx = make_ctx()
    now = [5000.0]
    tech = TechnicianService(ctx)
    tech._clock = lambda: now[0]
    for _ in range(PIN_TRIES):
        assert not tech.check_pin("1")
    tech.close()
    again_ctx = AppContext(ctx.home)  # a restart: a new context and service on the same home
    again = TechnicianService(again_ctx)
    again._clock = lambda: now[0]
    try:
        with pytest.raises(PinLockedError):
            again.check_pin(PIN)
        now[0] += PIN_LOCK_S
        assert again.check_pin(PIN)
    finally:
        again.close()
        again_ctx.close()
