"""`yunban kiosk`'s window (`app.main.build_kiosk`, built without running the event loop) and leaving the kiosk
behind the technician PIN (Ctrl+Shift+Q, closing a full-screen window)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import app.main
from app.context import AppContext
from app.technician.service import PIN_TRIES, TechnicianService
from tests.integration.ui_tech.conftest import PIN
from tests.support.platform import InProcessPlatform
from ui.kiosk_services import KioskServices, attach_kiosk_services
from ui.screens.provisioning import ProvisioningScreen
from ui.screens.technician import TechnicianScreen
from ui.shell import KioskWindow


@pytest.fixture
def no_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any import of `app.demo` (the demo's platform, printer, keystore and scanner) fails, and so does starting
    the demo services: what follows proves the production path uses none of them."""
    for name in [n for n in sys.modules if n == "app.demo" or n.startswith("app.demo.")] + ["app.demo"]:
        monkeypatch.setitem(sys.modules, name, None)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the kiosk started the demo services")

    monkeypatch.setattr(app.main, "start_demo_services", refuse)


@pytest.fixture
def kiosk(qtbot: QtBot) -> Iterator[Callable[[AppContext], tuple[KioskWindow, KioskServices]]]:
    made: list[KioskServices] = []

    def build(ctx: AppContext) -> tuple[KioskWindow, KioskServices]:
        window = app.main.build_kiosk(ctx)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        services = app.main.attach_services(ctx, window, start=False)
        made.append(services)
        return window, services

    yield build
    for services in made:
        services.close()


def _real_devices(home: Path) -> AppContext:
    """The terminal of `home` with a hardware card reader configured (no simulated reader unless configured)."""
    with (home / "config.toml").open("a", encoding="utf-8") as f:
        f.write('[devices.card]\ndriver = "pcsc"\n')
    return AppContext(home)


def test_unenrolled_kiosk_shows_provisioning_and_the_technician_gate_opens(
    make_ctx: Callable[..., AppContext],
    kiosk: Callable[[AppContext], tuple[KioskWindow, KioskServices]],
    no_demo: None,
) -> None:
    ctx = make_ctx()
    window, services = kiosk(ctx)
    screen = window.current
    assert isinstance(screen, ProvisioningScreen)  # tests/integration/provisioning/ drives it
    assert window.held is screen
    assert "终端开通" in screen.title.text()
    window.go_home()  # home, back and the idle wipe lead to the screen, never to the tiles
    assert window.current is screen
    window.reset_session()
    assert window.current is screen
    services.open_technician()
    assert isinstance(window.current, TechnicianScreen)
    assert not services.technician.unlocked
    assert not (ctx.home / "enrollment.json").exists()  # never enrolls
    assert not (ctx.home / "demo-platform").exists()


def test_enrolled_kiosk_uses_its_platform_and_configured_devices(
    make_ctx: Callable[..., AppContext],
    platform: InProcessPlatform,
    kiosk: Callable[[AppContext], tuple[KioskWindow, KioskServices]],
    no_demo: None,
) -> None:
    enrolled = make_ctx("http://127.0.0.1:9")  # platform.url says another address: the enrollment wins
    enrolled.enrollment.enroll(platform.enroll_code(), platform.url)
    identity = (enrolled.home / "enrollment.json").read_bytes()
    ctx = _real_devices(enrolled.home)
    try:
        window, services = kiosk(ctx)
        assert window.current is window.home
        assert window.held is None
        assert ctx.config.platform.url == platform.url
        assert not services.service.can_simulate_card  # the configured PC/SC reader, no simulated one
        assert not (ctx.home / "demo-platform").exists()  # no embedded platform
        assert (ctx.home / "enrollment.json").read_bytes() == identity  # not re-enrolled
        assert ctx.sync.run_once().delivered == 0  # and it speaks to the enrolled platform
    finally:
        ctx.close()


# -- leaving -------------------------------------------------------------------------------------------------------


@pytest.fixture
def attached(
    make_ctx: Callable[..., AppContext], window: KioskWindow
) -> Iterator[tuple[KioskWindow, KioskServices, TechnicianService]]:
    service = TechnicianService(make_ctx())
    services = attach_kiosk_services(window, service, sync_interval_s=0, network_information=False, start=False)
    yield window, services, service
    services.close()


def _enter(services: KioskServices, pin: str) -> None:
    gate = services.exit_gate.gate
    gate.field.setText(pin)
    gate.submit()


def test_exit_shortcut_needs_the_technician_pin(
    qtbot: QtBot, attached: tuple[KioskWindow, KioskServices, TechnicianService]
) -> None:
    window, services, _ = attached
    window._exit_shortcut.activated.emit()  # Ctrl+Shift+Q
    assert window.current is services.exit_gate
    assert window.isVisible()
    _enter(services, "")
    assert window.isVisible() and not window.exit_allowed
    _enter(services, "111111")
    assert window.isVisible() and not window.exit_allowed
    assert "wrong PIN" in services.exit_gate.gate.message.text()
    services.exit_gate.cancel_button.click()
    assert window.stack.currentWidget() is window.home and window.isVisible()
    window._exit_shortcut.activated.emit()
    _enter(services, PIN)
    assert window.exit_allowed
    qtbot.waitUntil(lambda: not window.isVisible())


def test_wrong_exit_pins_count_toward_the_technician_lock_out(
    attached: tuple[KioskWindow, KioskServices, TechnicianService],
) -> None:
    window, services, _ = attached
    window.request_exit()
    for _ in range(PIN_TRIES):
        _enter(services, "999999")
    _enter(services, PIN)  # locked: even the right PIN is refused
    assert window.isVisible() and not window.exit_allowed
    assert "wrong PIN" not in services.exit_gate.gate.message.text()  # the gate says how long to wait instead
    services.open_technician()  # the technician screen's gate shares the lock-out
    gate = services.technician.gate
    gate.field.setText(PIN)
    gate.submit()
    assert not services.technician.unlocked


def test_full_screen_kiosk_refuses_to_close_unless_authorised(
    qtbot: QtBot, attached: tuple[KioskWindow, KioskServices, TechnicianService]
) -> None:
    window, _, _ = attached
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen)
    assert window.close() is False  # Alt+F4 under a window manager
    assert window.isVisible()
    window.exit_authorised()
    assert not window.isVisible()


def test_demo_exit_without_pin_only_when_set(
    qtbot: QtBot, attached: tuple[KioskWindow, KioskServices, TechnicianService]
) -> None:
    window, _, _ = attached
    assert window.exit_without_pin is False  # the default: the PIN is asked
    window.exit_without_pin = True  # what `yunban demo` sets
    window.request_exit()
    assert not window.isVisible()
