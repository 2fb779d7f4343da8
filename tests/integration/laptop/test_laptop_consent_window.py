"""帮办代办 in the laptop window (pytest-qt, the real widgets): the consent panel beside the review step (确认提交
refused with the reason until the villager signs with the mouse on the pad), the receipt page afterwards (the QR
grabbed off the screen decodes to the receipt number, the plain-words slip, printing on the virtual ESC/POS printer),
a clerk refused at the log-in, and the offline limit in days restricting new applications until a supervisor's
override; screenshots at 1366×768 and 1920×1080 in zh_CN and en (`LAPTOP_SHOTS=DIR` keeps them)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.apply.shared import parse_qr
from app.context import AppContext
from app.model.apply import ApplySession
from app.visits.laptop import LaptopServices
from devices.emulators.virtual_printer import VirtualPrinter
from devices.scanner.qr import decode_qr
from sync.platform import staff as platform_staff
from tests.integration.apply.conftest import DIBAO_ITEM, SIGNATURE_PNG, dibao_answers, jpeg_page
from tests.integration.laptop.conftest import ID, PROXY_ITEM, fill_proxy
from tests.integration.laptop.conftest import shot as _shot
from tests.support.platform import DEMO_DIVISION, InProcessPlatform
from ui.screens.apply.flow import ApplyScreen
from ui.screens.laptop import LaptopWindow

WAIT = 20000
DAY = 86400.0


@pytest.fixture
def staffed(home: Path) -> Path:
    """A laptop configured for field work: warned after 3 days offline, restricted after 7."""
    cfg = home / "config.toml"
    cfg.write_text(cfg.read_text("utf-8") + "\n[staff]\noffline_warn_hours = 72\noffline_limit_hours = 168\n", "utf-8")
    return home


@pytest.fixture
def window(
    staffed: Path, ctx: AppContext, platform: InProcessPlatform, vp: VirtualPrinter, qtbot: QtBot
) -> Iterator[LaptopWindow]:
    from app.main import build_laptop, create_application

    for sid, name, role, pw in (("g01", "张网格", "grid_worker", "grid-pass-01"),
                                ("s01", "值班长甲", "supervisor", "super-pass-01"),
                                ("c01", "窗口乙", "clerk", "clerk-pass-01")):  # fmt: skip
        platform_staff.add_staff(platform.store, division=DEMO_DIVISION, staff_id=sid, name=name, role=role,
                                 secret=pw)  # fmt: skip
    ctx.staff.sync(platform.url, ctx.sync_credentials())
    create_application()
    w = build_laptop(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: w.gate.currentWidget() is w.login, timeout=WAIT)
    yield w
    w.delivery.tasks.wait_for_done(20000)
    w.tasks.wait_for_done(10000)


def _log_in(window: LaptopWindow, qtbot: QtBot, staff_id: str, secret: str) -> None:
    login = window.login
    login.staff_id.setText(staff_id)
    qtbot.keyClick(login.staff_id, Qt.Key.Key_Return)
    login.secret.setText(secret)
    qtbot.keyClick(login.secret, Qt.Key.Key_Return)


def _apply_for(window: LaptopWindow, qtbot: QtBot, person_id: str, item: str) -> tuple[ApplyScreen, ApplySession]:
    """为此人办理 on the person in the visit list, then the item begun in the apply flow: the flow and its session."""
    window.refresh()
    qtbot.waitUntil(lambda: window.visits.select("person", person_id), timeout=WAIT)
    qtbot.mouseClick(window.visits.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "apply", timeout=WAIT)
    flow = window.apply_flow
    assert isinstance(flow, ApplyScreen)
    flow.begin(item)
    qtbot.waitUntil(lambda: flow.session is not None, timeout=WAIT)
    session = flow.session
    assert session is not None
    flow.tasks.wait_for_done(10000)
    return flow, session


def test_consent_then_the_receipt_for_the_villager(
    window: LaptopWindow, qtbot: QtBot, ctx: AppContext, vp: VirtualPrinter, tmp_path: Path
) -> None:
    # A clerk cannot use the laptop window; the grid worker can.
    _log_in(window, qtbot, "c01", "clerk-pass-01")
    qtbot.waitUntil(lambda: "网格员工作台" in window.login.message.text(), timeout=WAIT)
    assert window.gate.currentWidget() is window.login and ctx.staff.current() is None
    _log_in(window, qtbot, "g01", "grid-pass-01")
    qtbot.waitUntil(lambda: window.gate.currentWidget() is window.workspace and "张网格" in window.worker.text(),
                    timeout=WAIT)  # fmt: skip
    laptop: LaptopServices = window.port  # type: ignore[assignment]
    hid = laptop.add_household(head="王德发", village="团山村三组")
    pid = laptop.add_person(hid, name="李明华", id_number=ID, relation="儿媳")
    flow, session = _apply_for(window, qtbot, pid, DIBAO_ITEM)
    svc = ctx.apply
    svc.apply_card(session, {"name": "李明华", "id_number": ID, "card_type": "resident_id", "gender": "女",
                             "birth_date": "1988-03-15", "address": "云南省建水县西庄镇团山村12号",
                             "valid_to": "2038-04-01"})  # fmt: skip
    assert svc.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG}) == {}
    svc.add_page(session, "application_upload", jpeg_page())
    svc.add_page(session, "hukou_upload", jpeg_page(width=80))
    for slot in session.slots:
        if slot.owed:
            svc.mark_deferred(session, slot.slot_id)
    flow.show_review()
    qtbot.waitUntil(lambda: flow.step == "review" and window.consent.isVisible(), timeout=WAIT)
    panel = window.consent
    qtbot.waitUntil(lambda: "张网格（工号 g01，网格员）" in panel.agent.text(), timeout=WAIT)
    assert "尚未取得村民同意" in panel.given.text() and not panel.sign_button.isEnabled()
    # 确认提交 without the villager's consent: refused with the reason, nothing finalised.
    flow.review.consent.setChecked(True)
    qtbot.mouseClick(flow.review.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "村民本人的同意" in flow.status.text(), timeout=WAIT)
    assert ctx.records.db.get_record(session.session_id) is None and flow.session is session
    _shot(window, "consent-1366x768-zh_CN", tmp_path)
    assert window.width() == 1366  # the panel beside the flow fits the common field laptop's panel
    # The villager signs with the mouse on the pad; 确认签名 records it with the worker as agent.
    pad = panel.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 100))
    for x, y in ((80, 60), (120, 120), (170, 50), (220, 110), (260, 70)):
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(260, 70))
    assert not pad.is_empty() and panel.sign_button.isEnabled()
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.given.text().startswith("✓"), timeout=WAIT)
    _shot(window, "consent-signed-1366x768-zh_CN", tmp_path)
    window.set_language("en")
    qtbot.waitUntil(lambda: "Applied for" in panel.agent.text() or "Agent" in panel.agent.text(), timeout=WAIT)
    _shot(window, "consent-signed-1366x768-en", tmp_path)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "代办人" in panel.agent.text(), timeout=WAIT)
    # Now 确认提交 goes through; the receipt page follows, with the QR for the villager's phone.
    flow.review.consent.setChecked(True)
    qtbot.mouseClick(flow.review.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "receipt", timeout=WAIT)
    receipt = window.receipt
    qtbot.waitUntil(lambda: receipt.view is not None and bool(receipt.slip.text()), timeout=WAIT)
    assert not window.consent.isVisible()
    view = receipt.view
    assert view is not None
    # The QR as shown on the screen (grabbed off the widget) decodes to the receipt number.
    grabbed = tmp_path / "qr-on-screen.png"
    assert receipt.qr.grab().save(str(grabbed))
    [text] = decode_qr(Image.open(grabbed))
    assert parse_qr(text)[0] == view.receipt_no and view.grouped in receipt.number.text()
    assert "您的申请已经替您交上去了。" in receipt.slip.text() and "代办人：张网格" in receipt.slip.text()
    # The 受理回执 came out of the portable printer with the agent on it; 打印办事指引 prints the slip.
    [job] = vp.wait_for_jobs(1)
    assert "代办人：张网格（工号g01，网格员）" in "".join(job.text.split())
    assert "已在便携打印机打印" in receipt.printed.text()
    _shot(window, "receipt-1366x768-zh_CN", tmp_path)
    qtbot.keyClick(receipt, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: receipt.status.text() == "已打印", timeout=WAIT)
    jobs = vp.wait_for_jobs(2)
    assert "办事指引" in jobs[1].text and jobs[1].qr_codes == [view.qr_text]
    assert jobs[1].png is not None and jobs[1].png.exists()
    window.resize(1920, 1080)
    _shot(window, "receipt-1920x1080-zh_CN", tmp_path)
    window.set_language("en")
    qtbot.waitUntil(lambda: "handed in for you" in receipt.slip.text(), timeout=WAIT)
    _shot(window, "receipt-1920x1080-en", tmp_path)
    window.resize(1366, 768)
    _shot(window, "receipt-1366x768-en", tmp_path)
    window.set_language("zh_CN")
    # Esc: back to the visit list, where the person has the application.
    qtbot.keyClick(receipt, Qt.Key.Key_Escape)
    assert window.current_page() == "visits"
    qtbot.waitUntil(lambda: window.visits.select("person", pid) and window.visits.apps.rowCount() == 1,
                    timeout=WAIT)  # fmt: skip


def test_past_the_offline_limit_no_new_application_until_an_override(
    window: LaptopWindow, qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    _log_in(window, qtbot, "g01", "grid-pass-01")
    qtbot.waitUntil(lambda: window.gate.currentWidget() is window.workspace, timeout=WAIT)
    laptop: LaptopServices = window.port  # type: ignore[assignment]
    hid = laptop.add_household(head="王德发")
    pid = laptop.add_person(hid, name="李明华")
    base = time.time()
    ctx.staff.clock = lambda: base + 4 * DAY  # the laptop's clock moved four days on: a warning
    ctx.staff.touch()
    window.refresh()
    window._load_header()
    qtbot.waitUntil(lambda: "4 天" in window.offline.text(), timeout=WAIT)
    assert not window.override_button.isVisible()
    ctx.staff.clock = lambda: base + 8 * DAY  # past the 7 days
    ctx.staff.touch()
    window._load_header()
    qtbot.waitUntil(lambda: window.override_button.isVisible() and "暂停代办新申请" in window.offline.text(),
                    timeout=WAIT)  # fmt: skip
    window.refresh()
    # The reload is delivered before the click: its "共 1 户 1 人" must not land on top of the refusal.
    qtbot.waitUntil(lambda: window.visits.tasks.pending == 0 and window.visits.select("person", pid),
                    timeout=WAIT)  # fmt: skip
    qtbot.mouseClick(window.visits.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "暂停代办新申请" in window.visits.status.text(), timeout=WAIT)
    assert window.current_page() == "visits"  # the list stays readable; no new application
    _shot(window, "offline-restricted-1366x768-zh_CN", tmp_path)
    assert window.width() == 1366 and "暂停代办新申请" in window.offline.toolTip()
    window.set_language("en")
    qtbot.waitUntil(lambda: "days" in window.offline.text(), timeout=WAIT)
    window.resize(1920, 1080)
    _shot(window, "offline-restricted-1920x1080-en", tmp_path)
    window.set_language("zh_CN")
    window.resize(1366, 768)
    # 值班长授权: a wrong password first (the field cleared), then the supervisor's.
    qtbot.mouseClick(window.override_button, Qt.MouseButton.LeftButton)
    dialog = window._override_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.staff_id.setText("s01")
    dialog.secret.setText("wrong-password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "还可再试" in dialog.message.text(), timeout=WAIT)
    assert dialog.secret.text() == ""
    dialog.secret.setText("super-pass-01")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible() and "值班长已授权" in window.offline.text(), timeout=WAIT)
    assert not window.override_button.isVisible()
    qtbot.mouseClick(window.visits.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "apply" and window.applying_for == pid, timeout=WAIT)


def test_where_the_item_requires_its_mandate_the_scanned_mandate_is_the_consent(
    window: LaptopWindow, qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    _log_in(window, qtbot, "g01", "grid-pass-01")
    qtbot.waitUntil(lambda: window.gate.currentWidget() is window.workspace, timeout=WAIT)
    laptop: LaptopServices = window.port  # type: ignore[assignment]
    pid = laptop.add_person(laptop.add_household(head="王德发"), name="李明华")
    flow, session = _apply_for(window, qtbot, pid, PROXY_ITEM)
    fill_proxy(ctx, session)
    mandate = next(s for s in session.slots if "委托书" in s.name)
    ctx.apply.scan_into(session, mandate.slot_id)  # on the materials page, through SANE's test scanner
    flow.show_review()
    panel = window.consent
    qtbot.waitUntil(lambda: panel.isVisible() and panel.state is not None, timeout=WAIT)
    # The item requires the signed 代为申请委托书: no pad, the scan is the consent.
    assert not panel.pad.isVisible() and panel.scan_button.isVisible()
    assert "代为申请委托书" in panel.mandate.text() and panel.scan_button.text() == "以已扫描的委托书作为同意"
    _shot(window, "consent-mandate-1366x768-zh_CN", tmp_path)
    qtbot.mouseClick(panel.scan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.given.text().startswith("✓ 已扫描"), timeout=WAIT)
    flow.review.consent.setChecked(True)
    qtbot.mouseClick(flow.review.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "receipt" and window.receipt.view is not None, timeout=WAIT)
    assert "代办人：张网格" in window.receipt.slip.text()
