"""进度查询 by the receipt QR under the document camera, on the real services: a 最低生活保障 application finalised
on the real ApplyService prints its 受理回执 on the virtual ESC/POS printer; that printed receipt (the printer's own
rendering, QR included) is laid slightly turned on a page under the simulated camera; the status screen reads the
QR through the real QtMultimedia pipeline and shows that submission's status."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from app.context import AppContext
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import (  # noqa: F401 — fixtures
    DIBAO_ITEM,
    SIGNATURE_PNG,
    ctx,
    dibao_answers,
    emulator,
    home,
    vp,
)
from ui.screens.status import StatusScreen


def _finalise_with_receipt(ctx: AppContext, vp: VirtualPrinter) -> tuple[str, Path]:  # noqa: F811
    svc = ctx.apply
    session = svc.start(DIBAO_ITEM)
    svc.apply_card(session, ctx.identity.read_card(timeout=10))
    assert svc.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG}) == {}
    page = b"\xff\xd8\xff" + bytes(range(256)) * 40
    svc.add_page(session, "application_upload", page)
    for slot in session.slots:
        if slot.owed:
            svc.mark_deferred(session, slot.slot_id)
    result = svc.finalise(session, print_receipt=True, consent=True)
    assert result.printed
    job = vp.wait_for_jobs(1)[0]
    assert job.png is not None
    return result.receipt_no, job.png


def _receipt_on_the_camera(receipt_png: Path, out: Path) -> Path:
    """The printed slip (384 dots wide) at about the size a 5 MP camera sees it, turned 4°, on a desk blotter."""
    slip = Image.open(receipt_png).convert("RGB")
    slip = slip.resize((slip.width * 2, slip.height * 2), Image.Resampling.NEAREST)
    slip = slip.rotate(4.0, expand=True, fillcolor=(235, 235, 230), resample=Image.Resampling.BILINEAR)
    blotter = Image.new("RGB", (max(2400, slip.width + 200), max(1800, slip.height + 200)), (235, 235, 230))
    blotter.paste(slip, ((blotter.width - slip.width) // 2, (blotter.height - slip.height) // 2))
    blotter.save(out)
    return out


def _use_camera(ctx: AppContext, device: str) -> None:  # noqa: F811
    ctx.scanner.config = replace(ctx.scanner.config, driver="camera", device=device)


def _screen(qtbot: QtBot, ctx: AppContext) -> StatusScreen:  # noqa: F811
    screen = StatusScreen(ctx.apply)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    return screen


def test_scan_the_receipt_qr_shows_its_status(
    qtbot: QtBot,
    ctx: AppContext,  # noqa: F811
    vp: VirtualPrinter,  # noqa: F811
    tmp_path: Path,
) -> None:
    receipt_no, png = _finalise_with_receipt(ctx, vp)
    _use_camera(ctx, "simulated:" + str(_receipt_on_the_camera(png, tmp_path / "on-camera.png")))
    screen = _screen(qtbot, ctx)
    with qtbot.waitSignal(screen.qr_available, timeout=10_000) as available:
        screen.show()
    assert available.args == [True]
    qtbot.waitUntil(screen.qr_button.isVisible, timeout=5_000)
    assert screen.qr_button.text() == "扫描回执二维码"
    with qtbot.waitSignal(screen.shown, timeout=60_000) as shown:
        screen.qr_button.click()
        assert screen.qr_prompt.isVisible() and "高拍仪" in screen.qr_prompt.text()
        assert screen.qr_cancel_button.isVisible() and not screen.qr_button.isVisible()
    view = shown.args[0]
    assert view.found and view.receipt_no == receipt_no
    assert receipt_no in screen.answer.text() and "最低生活保障" in screen.answer.text()
    assert screen.keypad.text() == receipt_no  # filled in as if typed
    assert screen.qr_button.isVisible() and not screen.qr_prompt.isVisible()


def test_no_qr_under_the_camera_is_said_plainly(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    _use_camera(ctx, "simulated")  # the demo page: text lines, no QR code
    monkeypatch.setattr(StatusScreen, "QR_TIMEOUT", 1.5)
    screen = _screen(qtbot, ctx)
    with qtbot.waitSignal(screen.qr_available, timeout=10_000):
        screen.show()
    qtbot.waitUntil(screen.qr_button.isVisible, timeout=5_000)
    with qtbot.waitSignal(screen.qr_failed, timeout=30_000) as failed:
        screen.qr_button.click()
    assert "没有读到二维码" in failed.args[0] and "请将回执二维码放在高拍仪下" in screen.answer.text()
    assert screen.qr_button.isVisible()


def test_cancel_ends_the_read_and_a_missing_camera_hides_the_button(
    qtbot: QtBot,
    ctx: AppContext,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _use_camera(ctx, "simulated")
    monkeypatch.setattr(StatusScreen, "QR_TIMEOUT", 600.0)  # only the cancel can end this read
    screen = _screen(qtbot, ctx)
    with qtbot.waitSignal(screen.qr_available, timeout=10_000):
        screen.show()
    qtbot.waitUntil(screen.qr_button.isVisible, timeout=5_000)
    screen.qr_button.click()
    qtbot.waitUntil(screen.qr_cancel_button.isVisible, timeout=5_000)
    with qtbot.waitSignal(screen.tasks.finished, timeout=60_000):  # the read's worker returns (result dropped)
        screen.qr_cancel_button.click()
        assert screen.qr_button.isVisible() and not screen.qr_prompt.isVisible()
    # The camera is free again: a scan right after the cancel succeeds.
    (page,) = ctx.scanner.acquire()
    assert page.size == (2592, 1944)
    # Leaving the screen during a read frees the camera too.
    screen.qr_button.click()
    qtbot.waitUntil(screen.qr_cancel_button.isVisible, timeout=5_000)
    with qtbot.waitSignal(screen.tasks.finished, timeout=60_000):
        screen.hide()
    assert not screen.qr_cancel_button.isVisibleTo(screen) and screen.qr_button.isVisibleTo(screen)
    # A real camera that is not attached: the button goes away.
    _use_camera(ctx, "Eloam S500")
    with qtbot.waitSignal(screen.qr_available, timeout=10_000) as available:
        screen.show()
    assert available.args == [False]
    assert not screen.qr_button.isVisible()
