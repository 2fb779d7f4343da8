"""`yunban demo`: a keystore that never prompts, the scanner's demo page, and the technician screenshots taken with
the embedded platform, virtual printer and simulated card reader running."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.demo.home import PASSPHRASE_FILE, prepare_demo_keyring, prepare_demo_scanner
from app.demo.screenshots import SCREENSHOTS, TECHNICIAN_SCREENSHOTS
from app.records.keystore import PASSPHRASE_ENV
from app.technician.service import TechnicianService
from tests.conftest import DemoRun
from ui.adapters import DeviceEvents, SyncLoop
from ui.screens.technician import TechnicianScreen


def test_demo_keyring_provisions_a_passphrase_without_a_secret_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # no Secret Service reachable
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)  # and nothing provisioned: a bare demo machine
    home = tmp_path / "home"
    home.mkdir()
    ctx = AppContext(home)
    try:
        result = prepare_demo_keyring(ctx)
        passphrase = os.environ[PASSPHRASE_ENV]
        assert (home / PASSPHRASE_FILE).read_text(encoding="utf-8") == passphrase
        assert (home / PASSPHRASE_FILE).stat().st_mode & 0o777 == 0o600
        assert ctx.keystore.backend_name == "file"
        assert "Secret Service" in result.note
        ctx.keystore.set("probe", "value")
        monkeypatch.delenv(PASSPHRASE_ENV)
        again = AppContext(home)
        try:
            prepare_demo_keyring(again)  # the next run reuses the passphrase: the keys stay readable
            assert os.environ[PASSPHRASE_ENV] == passphrase
            assert again.keystore.get("probe") == "value"
        finally:
            again.close()
    finally:
        ctx.close()


def test_demo_keyring_leaves_a_provisioned_passphrase_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, "provisioned-by-the-system")
    ctx = AppContext(tmp_path)
    try:
        env = {PASSPHRASE_ENV: "provisioned-by-the-system"}
        prepare_demo_keyring(ctx, env)
        assert env == {PASSPHRASE_ENV: "provisioned-by-the-system"}
        assert not (tmp_path / PASSPHRASE_FILE).exists()
    finally:
        ctx.close()


def test_demo_scanner_page(tmp_path: Path) -> None:
    ctx = AppContext(tmp_path)
    try:
        path = prepare_demo_scanner(ctx)
        assert path is not None and path.exists()
        assert ctx.scanner.config.device == str(path)
        result, pages = ctx.scanner.scan()
        assert len(result.pages) == 1 and pages[0].jpeg[:2] == b"\xff\xd8"
        assert prepare_demo_scanner(ctx) is None  # a configured file is left alone
    finally:
        ctx.close()


def test_reprint_of_an_unknown_receipt_says_so(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    service = TechnicianService(make_ctx())
    try:
        screen = TechnicianScreen(service)
        qtbot.addWidget(screen)
        screen.reprint.field.setText("5325241032050120261127000001X")
        with qtbot.waitSignal(screen.reprint.result_shown, timeout=20000) as shown:
            screen.reprint.button.click()
        text, ok = shown.args
        assert not ok and text.startswith("补打失败"), text
        assert screen.reprint.button.isEnabled()
    finally:
        service.close()


def test_periodic_sync_loop_keeps_running(qtbot: QtBot) -> None:
    from tests.integration.ui_tech.test_adapter import FlakyPlatform

    port = FlakyPlatform(up=True)
    loop = SyncLoop(port, DeviceEvents(), interval_s=0.05, use_network_information=False)
    loop.start()
    qtbot.waitUntil(lambda: loop.passes >= 3, timeout=10000)
    loop.stop()
    assert not loop.timer.isActive()


def test_demo_screenshots_include_the_technician_screens(demo_run: DemoRun) -> None:
    home, out = demo_run.home, demo_run.shots
    for name in (*SCREENSHOTS, *TECHNICIAN_SCREENSHOTS):
        png = out / name
        assert png.exists(), name
        assert png.stat().st_size > 10_000, name
    receipts = list((home / "demo-printer").glob("*.png"))
    assert receipts  # the technician's test print (and any receipt of the walk) reached the virtual printer
    log = "\n".join(p.read_text(encoding="utf-8") for p in (home / "logs").glob("*.log*"))
    assert "encrypted file keystore" in log
    assert "enrolled as terminal" in log
    assert "Traceback" not in log
    # The two marked test records went to the embedded platform
    from sync.platform.admin import open_store

    store = open_store(home / "demo-platform")
    try:
        assert store.stats()["submissions"] >= 2
    finally:
        store.close()


def test_the_demo_home_gets_the_demo_pin(demo_run: DemoRun, tmp_path: Path) -> None:
    from app.demo.home import DEMO_PIN, prepare_demo_technician
    from app.technician.credential import TechnicianCredential

    assert DEMO_PIN == "000000"
    assert TechnicianCredential(demo_run.home).check(DEMO_PIN)

    class Home:
        home = tmp_path

    TechnicianCredential(tmp_path).set_pin("13572468")  # a credential already set is left alone
    assert not prepare_demo_technician(Home())  # type: ignore[arg-type]
    assert TechnicianCredential(tmp_path).check("13572468")
