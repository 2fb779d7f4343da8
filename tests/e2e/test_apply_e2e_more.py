"""End to end through the screens on the real AppContext services, with SANE's `test` backend as the scanner: the
GA 467 card reader emulator on a pty, the virtual ESC/POS printer on 127.0.0.1, records.db and its outbox, then the
reference platform over loopback receiving what was finalised offline.

- 最低生活保障申请 (容缺 allowed): search → guide → 我要办理 → card → form (signed on the pad) → every material
  scanned but one brought to the counter later → review → receipt → 好差评.
- 新生儿出生一件事 (five items, one merged form): the 我要办理 tile's theme button → card → merged form (shared
  fields asked once) → materials → review → receipt naming every item → a bad rating with a reason.
- A jammed and an empty feeder while scanning a material: told on the screen, answers kept, the next scan works.
- The platform, started afterwards, receives exactly those submissions and ratings, attachments byte for byte.

`YUNBAN_E2E_SHOTS=DIR` saves screenshots of the 低保 form, its materials page and the theme's review page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.identity.masking import mask_id
from app.lazy import LazyServices
from devices.emulators.demo_cards import resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from devices.emulators.virtual_printer import Job, VirtualPrinter
from devices.scanner.qr import decode_qr
from tests.integration.apply.conftest import (
    DIBAO_ITEM,
    PASSPHRASE,
    THEME,
    dibao_answers,
    newborn_answers,
    write_config,
)
from tests.support.platform import InProcessPlatform
from tests.support.screens import current_screen
from ui.forms import SignatureInput
from ui.forms.signature import SignaturePad
from ui.screens.apply import ApplyScreen
from ui.shell import KioskWindow

ID = "53252419880315002X"
NAME = "李明华"
MASKED = mask_id(ID)
MOTHER_ID = "53252419900101002X"
DEFERRED = "material.authorization"
"""家庭经济状况核对授权书: every adult of the household signs it, so it is brought to the counter (容缺)."""
THEME_ITEMS = {
    "530000-WJ-0002": "出生医学证明",
    "530000-GA-0005": "出生登记",
    "530000-YB-0012": "参保",
    "530000-RS-0007": "社会保障卡",
    "530000-WJ-0012": "预防接种",
}
"""The five items of 新生儿出生一件事 and a word of each item's name."""


def texts(root: QWidget) -> str:
    return "\n".join(w.text() for w in root.findChildren(QLabel))


def shoot(widget: QWidget, name: str) -> None:
    """Save a screenshot when YUNBAN_E2E_SHOTS names a directory (for people looking at the screens)."""
    out = os.environ.get("YUNBAN_E2E_SHOTS")
    if out:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # laid out as the next frame will be
        QCoreApplication.processEvents()
        Path(out).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(out) / name))


@pytest.fixture
def sane_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vp: VirtualPrinter, emulator: Ga467PtyEmulator) -> Path:
    """A terminal home: SANE `test:0` flatbed, the virtual printer, the GA 467 emulator, a file keystore."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    write_config(home, printer=vp.uri, card_port=emulator.port)
    return home


@contextmanager
def real_kiosk(qtbot: QtBot, home: Path) -> Iterator[tuple[KioskWindow, AppContext]]:
    """The kiosk window over the terminal's real services, wired the way `yunban kiosk` wires them."""
    ctx = AppContext(home)
    lazy = LazyServices(ctx)
    window = KioskWindow(lazy.catalog, apply=lazy.apply, identity=ctx.identity, search_debounce_ms=10)
    qtbot.addWidget(window)
    try:
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        yield window, ctx
    finally:
        window.close()
        ctx.close()


def set_test_backend(**options: Any) -> None:
    """Options of the `test` backend on test:0 (python-sane names). The backend keeps option values across
    open/close, so they reach the scans the screen starts (the flow sets neither of these):
    `read_return_value` is the status its next reads return (a jammed or empty feeder), `tl_x` where the page lies
    on the glass (mm from the left edge; its pattern is the same every time, so a page laid elsewhere is another
    image, as two real documents are)."""
    from devices.scanner import sane_driver

    def put() -> None:
        dev = sane_driver._sane().open("test:0")
        try:
            for name, value in options.items():
                setattr(dev, name, value)
        finally:
            dev.close()

    sane_driver.run_on_sane_thread(put)


@pytest.fixture
def test_backend_reset(sane_config: Path) -> Iterator[None]:
    """Default options before (a test elsewhere may have left a fault set) and after each test."""
    set_test_backend(read_return_value="Default", tl_x=0.0)
    yield
    set_test_backend(read_return_value="Default", tl_x=0.0)


# ------------------------------------------------------------------------------------------------ screen steps


def wait_step(qtbot: QtBot, screen: ApplyScreen, step: str) -> None:
    qtbot.waitUntil(lambda: screen.step == step and not screen.busy, timeout=30_000)


def read_card(qtbot: QtBot, screen: ApplyScreen) -> None:
    qtbot.waitUntil(lambda: screen.step in ("card", "counter") and not screen.busy, timeout=30_000)
    if screen.step == "counter":  # not offered on self-service terminals: the kiosk takes a 预申请
        assert "办理地点" in texts(screen.counter)
        screen.counter.pre_button.click()
    wait_step(qtbot, screen, "card")
    screen.card.read_button.click()  # the identity service reads the emulated card
    wait_step(qtbot, screen, "form")


def sign(qtbot: QtBot, screen: ApplyScreen, field_id: str) -> None:
    """A signature drawn with the mouse (a finger on the kiosk) across the pad."""

    def pad_now() -> SignaturePad | None:
        view = screen.form_view
        signature = view.input(field_id) if view is not None else None
        return signature.pad if isinstance(signature, SignatureInput) else None

    # The pad taken once the form's paging has settled: a page change can resize the form, whose zero-interval timer
    # may page it again (a new view, new widgets) on the next turn of the event loop.
    qtbot.waitUntil(lambda: (p := pad_now()) is not None and p.isVisible() and not screen.form._refit.isActive(),
                    timeout=10_000)  # fmt: skip
    pad = pad_now()
    assert pad is not None
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 150))
    for x, y in ((90, 110), (140, 170), (200, 100), (260, 160), (330, 120), (400, 150)):
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(420, 140))


def fill_form(qtbot: QtBot, screen: ApplyScreen, answers: dict[str, Any], *, shot: tuple[str, str] = ("", "")) -> None:
    """Answer page by page (each page change autosaves through the service), sign where asked, then submit;
    `shot` (field id, file name): a screenshot of the page asking that field."""
    view = screen.form_view
    assert view is not None
    signature = [f.id for f in view.definition.fields if f.type == "signature"]
    view.set_answers(answers)
    while True:
        view = screen.form_view  # the form may have been paged again (a new view) while signing
        assert view is not None
        on_page = {f.id for f in view.pages[view.current_page()].fields}
        for fid in signature:
            if fid in on_page:
                sign(qtbot, screen, fid)
                view = screen.form_view
                assert view is not None
        if shot[0] in on_page:
            shoot(screen.window(), shot[1])
        if not view.go_next():
            break
    assert view.errors() == {}, view.errors()
    assert view.submit()
    wait_step(qtbot, screen, "materials")


def scan_slot(qtbot: QtBot, screen: ApplyScreen, slot_id: str, place: int = 0) -> None:
    """The slot's 扫描 button; the page, laid `place` × 3 mm from the glass's left edge, comes from SANE's test
    backend and its thumbnail is shown."""
    set_test_backend(tl_x=3.0 * place)
    session = screen.session
    assert session is not None
    slot = session.slot(slot_id)
    assert slot is not None
    before = len(slot.pages)
    button = screen.materials.cards[slot_id].scan
    qtbot.waitUntil(button.isVisible, timeout=10_000)
    button.click()
    qtbot.waitUntil(lambda: len(slot.pages) > before and not screen.busy, timeout=30_000)
    qtbot.waitUntil(lambda: len(screen.materials.cards[slot_id].page_buttons) == len(slot.pages), timeout=10_000)


def thumbnails(screen: ApplyScreen, slot_id: str) -> list[QPixmap]:
    card = screen.materials.cards[slot_id]
    return [p for label in card.findChildren(QLabel) if (p := label.pixmap()) is not None and not p.isNull()]


def review_text(screen: ApplyScreen) -> str:
    return texts(screen.review)


def confirm(qtbot: QtBot, screen: ApplyScreen) -> Any:
    screen.review.consent.click()  # 告知承诺 before 确认提交
    assert screen.review.confirm_button.isEnabled()
    with qtbot.waitSignal(screen.finalised, timeout=30_000) as finalised:
        screen.review.confirm_button.click()
    return finalised.args[0]


def rate(qtbot: QtBot, window: KioskWindow, screen: ApplyScreen, level: str, reason: str = "") -> str:
    screen.done.rate_button.click()
    rating = window.screens.evaluate
    assert rating is not None and window.current is rating
    rating.level_buttons[level].click()
    if reason:
        assert rating.reasons_box.isVisibleTo(rating)  # a bad rating asks why
        rating.reason_buttons[reason].click()
    with qtbot.waitSignal(rating.sent, timeout=20_000) as sent:
        rating.send_button.click()
    return str(sent.args[0].record_id)


def check_receipt_png(job: Job, receipt_no: str) -> None:
    """The virtual printer's rendering: a 58 mm strip (384 dots and a 16-pixel paper margin each side), long enough
    for a receipt, ink on paper, and its QR code readable from the picture (zxing-cpp, as under the document camera)."""
    assert job.png is not None and job.png.is_file()
    image = Image.open(io.BytesIO(job.png.read_bytes())).convert("L")
    width, height = image.size
    assert width == 384 + 2 * 16 and height > 600, image.size
    dark = image.histogram()[0] / (width * height)  # the rendering is pure black or white
    assert 0.02 < dark < 0.5, dark  # neither blank nor a black block
    assert decode_qr(image) == job.qr_codes and job.qr_codes[0].startswith(f"YBR1:{receipt_no}:")


def one_line(job: Job) -> str:
    """The receipt text with the printer's line breaks removed (long lines wrap on 58 mm paper)."""
    return job.text.replace("\n", "")


# ------------------------------------------------------------------------------------------------ the flows


@dataclass
class Applied:
    result: Any
    rating_id: str
    pages: dict[str, list[bytes]] = field(default_factory=dict)
    """Each material slot's page bytes as the screen showed them (decrypted from the attachment store)."""


def apply_dibao(qtbot: QtBot, window: KioskWindow, ctx: AppContext, vp: VirtualPrinter) -> Applied:
    """最低生活保障申请 from the home screen's 办事指南 search to the rating."""
    window.home.tiles["guide"].click()
    search = window.screens.search
    assert search is not None and window.current is search
    with qtbot.waitSignal(search.results_shown, timeout=60_000):  # first use imports the demo catalog
        search.set_query("低保")
    row = next(
        search.results.item(i) for i in range(search.results.count()) if "最低生活保障" in search.results.item(i).text()
    )
    rect = search.results.visualItemRect(row)
    guide = window.screens.guide
    assert guide is not None
    with qtbot.waitSignal(guide.guide_shown, timeout=20_000):
        qtbot.mouseClick(search.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(guide.apply_button.isVisible, timeout=10_000)
    guide.apply_button.click()
    screen = window.screens.apply
    assert screen is not None and current_screen(window) is screen

    read_card(qtbot, screen)
    view = screen.form_view
    session = screen.session
    assert view is not None and session is not None and session.item_codes == (DIBAO_ITEM,)
    assert "最低生活保障申请" in screen.title.text()
    assert view.input("applicant_name").value() == NAME and view.input("id_number").value() == ID
    assert view.input("division").value() == ctx.config.terminal.division_code  # the terminal's village
    answers = dibao_answers()
    fill_form(qtbot, screen, answers, shot=("household_size", "dibao-form.png"))
    assert {k: session.answers[k] for k in answers} == answers  # autosaved through the service

    # Materials: every required slot scanned but the authorisation (容缺), and the optional medical proof too
    # (the reason given is illness).
    slots = {s.slot_id: s for s in session.slots}
    assert slots[DEFERRED].required and slots[DEFERRED].deferrable
    to_scan = [sid for sid, s in slots.items() if (s.required and sid != DEFERRED) or s.material_id == "medical_proof"]
    assert len(to_scan) == 6
    for n, sid in enumerate(to_scan):
        scan_slot(qtbot, screen, sid, place=n)
        pictures = thumbnails(screen, sid)
        assert len(pictures) == 1 and pictures[0].width() > 100  # the scanned page, not a grey placeholder
    card = screen.materials.cards[DEFERRED]
    qtbot.waitUntil(card.defer.isVisible, timeout=10_000)
    card.defer.click()
    qtbot.waitUntil(lambda: slots[DEFERRED].deferred and not screen.busy, timeout=20_000)
    assert "补交" in card.detail.text()
    qtbot.waitUntil(lambda: screen.step == "materials", timeout=10_000)
    shoot(screen.window(), "dibao-materials.png")
    pages = {sid: [ctx.apply.page_bytes(session, sid, 0)] for sid in to_scan}
    assert all(p[0][:2] == b"\xff\xd8" for p in pages.values())  # JPEG pages, upload-ready

    screen.materials.to_review.click()
    wait_step(qtbot, screen, "review")
    review = review_text(screen)
    assert MASKED in review and ID not in review
    assert "因病致贫" in review and "820.00" in review and "13987654321" in review
    materials = screen.review.materials.text()
    assert "家庭经济状况核对授权书" in materials.split("容缺补交")[1]
    assert "《最低生活保障申请书》（1 页）" in materials and "还缺少" not in materials
    result = confirm(qtbot, screen)
    # 最低生活保障 is not offered on self-service terminals (catalog): a 预申请, no promised date until accepted.
    assert result.printed and screen.done.number.text().replace(" ", "") == result.receipt_no
    assert result.pre_application and result.due_date is None

    job = vp.wait_for_jobs(1)[-1]
    check_receipt_png(job, result.receipt_no)
    printed = one_line(job)
    assert result.receipt_no in printed.replace(" ", "") and "最低生活保障申请" in printed and "李*华" in printed
    assert MASKED in printed and ID not in printed and NAME not in printed and "预申请回执" in printed
    assert "到窗口时请带上：" in printed and "家庭经济状况核对授权书" in printed and "居民户口簿（1页）" in printed
    assert "0873-7644760" in printed
    assert any(qr.startswith(f"YBR1:{result.receipt_no}:") for qr in job.qr_codes) and job.count("cut") == 1
    assert screen.session is None and ID not in texts(window)

    rating_id = rate(qtbot, window, screen, "满意")
    return Applied(result, rating_id, pages)


def apply_theme(
    qtbot: QtBot, window: KioskWindow, ctx: AppContext, vp: VirtualPrinter, printed_before: int, *, via: str = "apply"
) -> Applied:
    """新生儿出生一件事 to a bad rating with its reason, started from the 我要办理 tile's theme buttons (`via`
    "apply") or from 分类浏览 → 一件事 (`via` "browse")."""
    window.go_home()
    if via == "browse":
        browse = window.screens.browse
        assert browse is not None
        window.home.tiles["browse"].click()
        with qtbot.waitSignal(browse.groups_shown, timeout=60_000):
            browse.mode_buttons["bundle"].click()
        qtbot.waitUntil(lambda: browse.groups.count() > 0, timeout=60_000)
        names = [browse.groups.item(i).text() for i in range(browse.groups.count())]
        row = next(i for i, name in enumerate(names) if name.startswith("新生儿出生一件事"))
        with qtbot.waitSignal(browse.items_shown, timeout=20_000):
            rect = browse.groups.visualItemRect(browse.groups.item(row))
            qtbot.mouseClick(browse.groups.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert browse.items.count() == 5 and browse.apply_bundle.isVisibleTo(browse)
        browse.apply_bundle.click()
        screen = window.screens.apply
        assert screen is not None and window.current is screen
    else:
        window.home.tiles["apply"].click()
        screen = window.screens.apply
        assert screen is not None and window.current is screen and screen.step == "pick"

        def theme_button() -> QPushButton | None:
            buttons = screen.pick.findChildren(QPushButton)
            return next((b for b in buttons if b.text() == "新生儿出生一件事"), None)

        qtbot.waitUntil(lambda: theme_button() is not None, timeout=60_000)  # the bundles, from the catalog
        button = theme_button()
        assert button is not None
        button.click()
    read_card(qtbot, screen)
    view, session = screen.form_view, screen.session
    assert view is not None and session is not None
    assert session.theme_code == THEME and session.item_codes == tuple(THEME_ITEMS)
    assert "新生儿出生一件事" in screen.title.text()

    # One merged form: a field several items ask is one question, asked once, mapped back to each item. The card
    # holder (李明华, a father) is the 申请人; the 社保卡 item's name and sex are the newborn's (the theme's mapping).
    ids = [f.id for f in view.definition.fields]
    assert len(ids) == len(set(ids))
    asked_by = {fid: [p.code for p in session.items if fid in p.field_map] for fid in ids}
    assert len(asked_by["applicant_name"]) == 4 and len(asked_by["phone"]) == 5 and len(asked_by["child_name"]) == 5
    assert "530000-RS-0007" in asked_by["child_gender"] and not any(fid.startswith("530000-") for fid in ids)
    seen = {f.id: view.row(f.id).label.text() for f in view.definition.fields if f.type != "material"}
    assert (
        seen["applicant_name"] == "申请人（父亲或母亲）姓名" and seen["id_number"] == "申请人（父亲或母亲）公民身份号码"
    )
    assert (seen["mother_name"], seen["father_name"]) == ("母亲姓名", "父亲姓名")
    assert (seen["child_name"], seen["child_gender"], seen["child_id_number"]) == (
        "新生儿姓名", "新生儿性别", "新生儿公民身份号码")  # fmt: skip
    assert list(seen.values()).count("联系电话") == 1
    assert view.input("applicant_name").value() == NAME and view.input("id_number").value() == ID  # from the card
    for newborn in ("child_name", "child_gender", "child_id_number", "mother_name", "mother_id"):
        assert view.input(newborn).value() in (None, ""), newborn  # nothing of the card holder's lands there

    born = (dt.date.today() - dt.timedelta(days=6)).isoformat()
    fill_form(qtbot, screen, {**newborn_answers(), "child_birth": born, "birth_weight": 3250})

    # Materials: seven slots; one paper asked by several items is scanned once, whatever each item calls it (the
    # theme joins 父或母居民身份证 and 监护人身份证 to 父母双方居民身份证), and the 社保卡 asks nothing of the newborn's
    # identity: 出生登记 in this same 一件事 produces it (免提交（部门共享）, shown under the slots).
    shared = session.slot("birth_medical_cert_upload")
    assert shared is not None and len(shared.item_codes) == 3
    assert [s.name for s in session.slots] == [
        "父母双方居民身份证", "分娩记录或新生儿出生记录", "《出生医学证明》首次签发登记表", "出生医学证明",
        "居民户口簿", "结婚证", "新生儿近期正面免冠彩色电子照片"]  # fmt: skip
    parents = next(s for s in session.slots if s.material_id == "parents_id")
    assert len(parents.item_codes) == 4 and ("530000-WJ-0012", "guardian_id") in parents.members
    assert not any("申请人" in s.name for s in session.slots)  # the 申请人 is a parent: nothing of theirs asked twice
    assert screen.materials.shared.isVisibleTo(screen) and "新生儿的户籍身份信息" in screen.materials.shared.text()
    assert all(s.required and not s.deferrable for s in session.slots)  # one item refuses 容缺: no defer button
    pages: dict[str, list[bytes]] = {}
    for n, slot in enumerate(session.slots):
        assert not screen.materials.cards[slot.slot_id].defer.isVisibleTo(screen)
        scan_slot(qtbot, screen, slot.slot_id, place=n + 1)
        assert len(thumbnails(screen, slot.slot_id)) == 1
        pages[slot.slot_id] = [ctx.apply.page_bytes(session, slot.slot_id, 0)]

    screen.materials.to_review.click()
    wait_step(qtbot, screen, "review")
    shoot(screen.window(), "theme-review.png")
    review = review_text(screen)
    assert MASKED in review and ID not in review and "李小米" in review and born in review
    names = [p.name for p in ctx.catalog.items_of_theme(THEME)]
    assert len(names) == 5 and screen.review.items.text().endswith("：" + "、".join(names))  # every item, by name
    assert review.count("13800138000") == 1  # asked once, shown once
    assert "还缺少" not in screen.review.materials.text()
    assert "免提交（部门共享）：新生儿的户籍身份信息" in screen.review.materials.text()
    result = confirm(qtbot, screen)
    assert result.printed

    job = vp.wait_for_jobs(printed_before + 1)[-1]
    check_receipt_png(job, result.receipt_no)
    printed = one_line(job)
    assert result.receipt_no in printed.replace(" ", "") and MASKED in printed and ID not in printed
    assert all(f"办理事项{n}" in printed.replace(" ", "").replace("：", "") for n in names)
    assert "出生医学证明（1页）" in printed and "尚需补交" not in printed
    assert "免提交（部门共享）：新生儿的户籍身份信息" in printed

    rating_id = rate(qtbot, window, screen, "不满意", reason=_first_reason(window))
    return Applied(result, rating_id, pages)


def _first_reason(window: KioskWindow) -> str:
    rating = window.screens.evaluate
    assert rating is not None
    return next(iter(rating.reason_buttons))


def outbox(ctx: AppContext) -> dict[str, Any]:
    """The outbox as the sync service sees it, by record id."""
    return {item.record_id: item for item in ctx.sync.outbox.pending_items(100)}


# ------------------------------------------------------------------------------------------------ the tests


def test_dibao_through_the_screens_with_the_sane_scanner(
    qtbot: QtBot, sane_home: Path, vp: VirtualPrinter, test_backend_reset: None
) -> None:
    with real_kiosk(qtbot, sane_home) as (window, ctx):
        done = apply_dibao(qtbot, window, ctx, vp)

        # records.db: exactly the submission and its rating, both waiting in the outbox.
        pending = outbox(ctx)
        assert set(pending) == {done.result.record_id, done.rating_id}
        assert ctx.sync.status().pending == 2
        record = ctx.records.get(done.result.record_id)
        assert record is not None and record.kind == "submission" and record.receipt_no == done.result.receipt_no
        payload = json.loads(pending[done.result.record_id].payload)
        photo = payload["applicant_photo"]  # the card's portrait (WLT) travels with the record, encrypted at rest
        scanned = {hashlib.sha256(p).hexdigest() for ps in done.pages.values() for p in ps}
        assert {a.sha256 for a in record.attachments} == scanned | {photo["sha256"]} and len(scanned) == 6
        assert payload["item_code"] == DIBAO_ITEM and payload["applicant"] == {"name": NAME, "id_number": ID}
        form = payload["form"]
        assert (form["household_size"], form["monthly_income"], form["reason"]) == (3, "820.00", "illness")
        assert form["division"] == ctx.config.terminal.division_code
        assert str(form["signature"]).startswith("data:image/png;base64,")
        deferred = [m["material_id"] for m in payload["materials"] if m["deferred"]]
        assert deferred == ["authorization"]
        rating = json.loads(pending[done.rating_id].payload)
        assert (rating["receipt_no"], rating["level"]) == (done.result.receipt_no, "满意")
        assert ctx.apply.kept_drafts.drafts() == []  # the finalised session's draft is gone


def test_theme_through_the_screens_with_the_sane_scanner(
    qtbot: QtBot, sane_home: Path, vp: VirtualPrinter, test_backend_reset: None
) -> None:
    with real_kiosk(qtbot, sane_home) as (window, ctx):
        done = apply_theme(qtbot, window, ctx, vp, printed_before=0)
        pending = outbox(ctx)
        assert set(pending) == {done.result.record_id, done.rating_id}
        payload = json.loads(pending[done.result.record_id].payload)
        assert payload["theme_code"] == THEME and payload["item_codes"] == list(THEME_ITEMS)
        assert [p["code"] for p in payload["items"]] == list(THEME_ITEMS)
        by_code = {p["code"]: p["answers"] for p in payload["items"]}
        for code, answers in by_code.items():  # shared answers mapped back to every item's own field ids
            assert answers["phone"] == "13800138000"
            assert answers["applicant_name"] == ("李小米" if code == "530000-RS-0007" else NAME)
        assert payload["applicant"] == {"name": NAME, "id_number": ID}
        assert by_code["530000-GA-0005"]["birth_cert_no"] == "Q530012345"
        assert (
            by_code["530000-WJ-0002"]["mother_name"] == "王芳" and by_code["530000-WJ-0002"]["mother_id"] == MOTHER_ID
        )
        # The newborn's 社保卡: the newborn's name and sex under the item's own ids, no ID number yet (出生登记).
        assert by_code["530000-RS-0007"]["gender"] == "女" and by_code["530000-RS-0007"].get("id_number") is None
        assert by_code["530000-YB-0012"]["id_number"] == ID  # the 参保 item's 监护人 is the applying parent
        rating = json.loads(pending[done.rating_id].payload)
        assert rating["level"] == "不满意" and rating["reasons"] and rating["receipt_no"] == done.result.receipt_no


def test_a_jammed_or_empty_feeder_is_told_and_the_answers_stay(
    qtbot: QtBot, sane_home: Path, vp: VirtualPrinter, test_backend_reset: None
) -> None:
    with real_kiosk(qtbot, sane_home) as (window, _ctx):
        window.start_apply(DIBAO_ITEM)
        screen = window.screens.apply
        assert screen is not None
        qtbot.waitUntil(lambda: screen.step in ("card", "counter") and not screen.busy, timeout=60_000)
        read_card(qtbot, screen)
        fill_form(qtbot, screen, dibao_answers())
        session = screen.session
        assert session is not None
        slot = session.slot("application_upload")
        assert slot is not None
        for status, words in (("SANE_STATUS_JAMMED", "卡纸"), ("SANE_STATUS_NO_DOCS", "没有文件")):
            set_test_backend(read_return_value=status)
            with qtbot.waitSignal(screen.failed, timeout=30_000):
                screen.materials.cards["application_upload"].scan.click()
            qtbot.waitUntil(lambda: not screen.busy, timeout=10_000)
            assert "扫描失败" in screen.status.text() and words in screen.status.text(), screen.status.text()
            assert screen.step == "materials" and slot.pages == [] and thumbnails(screen, "application_upload") == []
            assert screen.session is session and session.answers["phone"] == "13987654321"
            assert session.answers["applicant_name"] == NAME and session.answers["household_size"] == 3
        set_test_backend(read_return_value="Default")  # the paper is cleared
        scan_slot(qtbot, screen, "application_upload")
        assert len(slot.pages) == 1 and len(thumbnails(screen, "application_upload")) == 1
        assert "扫描失败" not in screen.status.text()
        screen.materials.back_button.click()  # the form still holds every answer
        assert screen.form_view is not None and screen.form_view.input("phone").value() == "13987654321"


def test_the_platform_receives_the_screens_submissions_afterwards(
    qtbot: QtBot,
    sane_home: Path,
    vp: VirtualPrinter,
    emulator: Ga467PtyEmulator,
    tmp_path: Path,
    test_backend_reset: None,
) -> None:
    with real_kiosk(qtbot, sane_home) as (window, ctx):
        dibao = apply_dibao(qtbot, window, ctx, vp)
        emulator.lift()  # the first citizen takes the card; the next one lays theirs
        emulator.lay(resident_card())
        theme = apply_theme(qtbot, window, ctx, vp, printed_before=1, via="browse")
        pending = outbox(ctx)
        local = {
            a.sha256: ctx.records.store.read_range(a.sha256, 0, a.size)
            for item in pending.values()
            for a in item.attachments
        }
    assert len(pending) == 4
    for applied in (dibao, theme):  # what the screen showed is what is queued
        for data in (p for ps in applied.pages.values() for p in ps):
            assert local[hashlib.sha256(data).hexdigest()] == data

    with InProcessPlatform(tmp_path / "platform") as platform:
        write_config(sane_home, printer=vp.uri, platform=platform.url)
        online = AppContext(sane_home)
        try:
            identity = online.enrollment.enroll(platform.enroll_code())
            report = online.sync.run_until_idle(timeout_s=120)
            assert report.pending == 0 and report.delivered == 4, report
            assert set(platform.store.record_ids()) == set(pending)
            for applied in (dibao, theme):
                stored = platform.store.record(applied.result.record_id)
                assert stored["terminal_id"] == identity.terminal_id
                assert stored["receipt_no"] == applied.result.receipt_no and stored["kind"] == "submission"
                assert stored["payload"]["applicant"]["id_number"] == ID
                assert sorted(stored["attachments"]) == sorted(
                    a.sha256 for a in pending[applied.result.record_id].attachments
                )
                for sha in stored["attachments"]:
                    blob = (platform.data / "blobs" / sha).read_bytes()
                    assert hashlib.sha256(blob).hexdigest() == sha and blob == local[sha]
                rating = platform.store.record(applied.rating_id)
                assert rating["kind"] == "evaluation" and rating["payload"]["receipt_no"] == applied.result.receipt_no
            assert platform.store.record(theme.result.record_id)["payload"]["item_codes"] == list(THEME_ITEMS)
            stats = platform.store.stats()
            assert (stats["submissions"], stats["records"]) == (2, 4)
            assert stats["attachments"] == len(local)
            assert online.apply.status(dibao.result.receipt_no, dibao.result.verification).outbox == "delivered"
        finally:
            online.close()
