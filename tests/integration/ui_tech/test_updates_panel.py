"""The technician screen's 软件更新 tab in the kiosk window, on real services: a terminal with yunban in a private dpkg
root, real TUF bundles on a "USB stick" directory, the request file the kiosk writes for root's updater.

`YUNBAN_UPDATE_SHOTS=DIR` saves the screenshots docs/updates.md shows (1280×800, zh_CN and en)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.technician.service import TechnicianService
from app.updates.handoff import read_request
from app.updates.manager import UpdateManager
from app.updates.publish import build_bundle
from app.updates.status_service import UpdateStatusService
from tests.integration.updates.helpers import Terminal, make_deb, make_terminal
from ui.kiosk_services import KioskServices, attach_kiosk_services
from ui.screens.technician import TechnicianScreen
from ui.shell import KioskWindow


@pytest.fixture(autouse=True)
def _needs_dpkg() -> None:
    if not shutil.which("dpkg") or not shutil.which("dpkg-deb"):
        pytest.skip("dpkg is not installed")


def _shot(widget: QWidget, name: str) -> None:
    out = os.environ.get("YUNBAN_UPDATE_SHOTS")
    if out:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents()
        Path(out).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(out) / name))


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """Where the "USB stick" is mounted (the manager looks for `media/*/yunban-update` under tmp_path)."""
    return tmp_path / "media" / "STICK"


@pytest.fixture
def terminal(tmp_path: Path) -> Terminal:
    return make_terminal(tmp_path / "terminal")


@pytest.fixture
def kiosk(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], window: KioskWindow, terminal: Terminal, tmp_path: Path
) -> Iterator[tuple[KioskServices, TechnicianScreen]]:
    """The kiosk window with the technician screen open, unlocked, on its 软件更新 tab."""
    tech = TechnicianService(make_ctx())
    manager = UpdateManager(terminal.home, terminal.config, media_globs=[str(tmp_path / "media/*/yunban-update")])
    tech.updates = UpdateStatusService(terminal.home, terminal.config, manager=manager)
    services = attach_kiosk_services(window, tech, sync_interval_s=0, network_information=False, sync_delay_ms=0)
    try:
        services.open_technician()
        screen = services.technician
        screen.unlock()
        with qtbot.waitSignal(screen.updates.status_shown, timeout=20000):
            screen.tabs.setCurrentWidget(screen.updates)
        yield services, screen
    finally:
        services.close()
        tech.close()


def _check(qtbot: QtBot, screen: TechnicianScreen, *, ok: bool) -> None:
    page = screen.updates
    with qtbot.waitSignal(page.checked, timeout=60000) as checked:
        page.check_button.click()
    assert checked.args == [ok]


def test_a_good_bundle_can_be_requested_for_install(
    qtbot: QtBot, kiosk: tuple[KioskServices, TechnicianScreen], terminal: Terminal, stick: Path, capsys: Any
) -> None:
    services, screen = kiosk
    page = screen.updates
    assert page.figures["installed"].text() == "0.1.0" and page.figures["previous"].text() == "无（none）"
    assert not page.install_button.isEnabled()
    _check(qtbot, screen, ok=False)  # nothing plugged in yet
    assert "未找到更新包" in page.result.text() and not page.install_button.isEnabled()

    bundle = build_bundle(terminal.keys, make_deb(terminal.debs, "0.2.0"), stick)
    _check(qtbot, screen, ok=True)
    assert "更新包验证通过：yunban 0.2.0（amd64）" in page.result.text() and page.install_button.isEnabled()
    with qtbot.waitSignal(page.status_shown, timeout=20000):  # the request, then the status showing it pending
        page.install_button.click()
    request = read_request(terminal.home)
    assert request is not None and request["bundle"] == str(bundle) and request["version"] == "0.2.0"
    assert json.loads((terminal.home / "update-request").read_text(encoding="utf-8")) == request
    assert "将在空闲时" in page.result.text() and "自动重启" in page.result.text()
    assert "已请求安装 0.2.0" in page.figures["pending"].text()
    assert not page.install_button.isEnabled()  # one request per check

    page.rollback_button.click()  # no previous kept yet
    assert page.result.text() == "没有保留的上一版本，无法回退"

    # Root's updater ran (the path unit): the tab shows the outcome and the kept version; rollback explains sudo.
    code, _ = terminal.cli("update", "apply", "--when-idle", str(bundle), capsys=capsys)
    assert code == 0 and read_request(terminal.home) is None
    with qtbot.waitSignal(page.status_shown, timeout=20000):
        page.refresh_button.click()
    assert page.figures["installed"].text() == "0.2.0" and page.figures["previous"].text() == "0.1.0"
    assert "✔" in page.figures["last_result"].text() and "已更新到 0.2.0" in page.figures["last_result"].text()
    assert page.figures["pending"].text() == "无（none）"
    page.rollback_button.click()
    assert "sudo yunban update rollback" in page.result.text() and "0.1.0" in page.result.text()

    build_bundle(terminal.keys, make_deb(terminal.debs, "0.3.0"), stick)  # the screenshot: a newer bundle checked
    _check(qtbot, screen, ok=True)
    _shot(services.window, "technician-updates-zh.png")


def test_a_tampered_bundle_is_refused_with_its_reason(
    qtbot: QtBot, kiosk: tuple[KioskServices, TechnicianScreen], terminal: Terminal, stick: Path
) -> None:
    services, screen = kiosk
    page = screen.updates
    bundle = build_bundle(terminal.keys, make_deb(terminal.debs, "0.2.0"), stick)
    _check(qtbot, screen, ok=True)
    deb = bundle / "targets" / "yunban_0.2.0_amd64.deb"
    data = bytearray(deb.read_bytes())
    data[len(data) // 2] ^= 0xFF
    deb.write_bytes(bytes(data))
    _check(qtbot, screen, ok=False)  # a good check before does not leave the install button on
    assert "与签名不符（被篡改或不完整）" in page.result.text() and not page.install_button.isEnabled()
    assert page.bundle is None and read_request(terminal.home) is None

    services.window.set_language("en")  # the service's messages follow the kiosk's language
    with qtbot.waitSignal(page.status_shown, timeout=20000):
        page.refresh_button.click()
    _check(qtbot, screen, ok=False)
    assert "tampered" in page.result.text().lower() and not page.install_button.isEnabled()
    _shot(services.window, "technician-updates-en.png")

    screen.reset()  # the screen locks on idle: the next technician checks again
    assert page.result.text() == "" and not page.install_button.isEnabled()


def test_without_updates_the_tab_says_so(qtbot: QtBot, make_ctx: Callable[..., AppContext]) -> None:
    tech = TechnicianService(make_ctx())  # no `updates` set (a tool, not the kiosk's composition)
    try:
        screen = TechnicianScreen(tech)
        qtbot.addWidget(screen)
        screen.pages.setCurrentWidget(screen.tabs)
        with qtbot.waitSignal(screen.tasks.finished, timeout=20000):
            screen.updates.refresh()
        assert "本终端未启用软件更新" in screen.updates.result.text()
    finally:
        tech.close()
