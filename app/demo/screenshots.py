"""`yunban demo --screenshots DIR`: walk the kiosk's screens on this terminal's catalog (then, with the demo services,
the technician screen and 我要办理), save PNGs in walking order and exit. Raises `UserError` when a screen does not
come up; the names saved are `SCREENSHOTS`, `TECHNICIAN_SCREENSHOTS` and `APPLY_SCREENSHOTS`.

Then the layout walk (`walk_layouts`): every kiosk screen (`LAYOUT_SCREENS`) in the `SAMPLE_COMBOS` of panel size
(`SIZES`), language, type size and on-screen keyboard (`Combo`), or in every combination with
`YUNBAN_LAYOUT_SHOTS=all` (`none`: no layout walk), saved under DIR/layout/ as
`<screen>-<w>x<h>-<lang>-<std|elder>[-kb].png`. The clipping test walks the same screens and checks each combination
with ui/kiosk/fit.py instead of saving it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QRect, Qt, QTimer, SignalInstance
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from app.demo import messages
from app.errors import UserError
from app.main import SCREEN_SIZE, attach_services, build_window, close_kiosk, create_application, start_demo_services
from app.technician.service import TechnicianService

if TYPE_CHECKING:
    from app.context import AppContext
    from ui.kiosk_services import KioskServices
    from ui.screens.apply import ApplyScreen
    from ui.shell import KioskWindow

__all__ = [
    "APPLY_SCREENSHOTS",
    "SCREENSHOTS",
    "TECHNICIAN_SCREENSHOTS",
    "save_apply_screenshots",
    "save_screenshots",
    "save_technician_screenshots",
    "take_screenshots",
    "walk_layouts",
]

SCREENSHOTS = (
    "01-home.png",
    "02-search-身份证.png",
    "03-guide.png",
    "04-guide-implementing.png",
    "05-browse.png",
    "06-elder-home.png",
    "07-elder-guide.png",
    "08-home-en.png",
)
"""The catalog walk, in walking order."""

TECHNICIAN_SCREENSHOTS = ("09-home-card-read.png", "10-technician-devices.png", "11-technician-sync.png")
"""Saved after `SCREENSHOTS`, with the demo services running."""

APPLY_SCREENSHOTS = (
    "12-apply-form-from-card.png",
    "13-apply-materials.png",
    "14-apply-review.png",
    "15-receipt.png",
    "16-rating.png",
)
"""The apply walk (with the demo devices): 居民身份证换领 from the demo card."""

DEMO_APPLY_ITEM = "530000-GA-0001"
DEMO_NOTICE_ITEM = "530000-RS-0001"
"""Self-service, and takes no 容缺: reviewed with a material missing, it leads to the 一次性告知."""


def take_screenshots(ctx: AppContext, directory: Path, *, demo: bool = True) -> Iterator[Path]:
    """The whole walk on a window of its own (`demo`: the demo services too); yields each PNG once saved."""
    create_application()
    window = build_window(ctx)
    running: list[object] = []
    attached: list[KioskServices] = []
    try:
        yield from save_screenshots(window, directory)
        if demo:
            start_demo_services(ctx, window, running)
            services = attach_services(ctx, window, running, start=False)
            attached.append(services)
            yield from save_technician_screenshots(window, services, directory)
            yield from save_apply_screenshots(window, services, running, directory)
            yield from save_layout_screenshots(window, services, running, directory / "layout")
    finally:
        close_kiosk(ctx, window, running, attached)


def _wait(*signals: SignalInstance, timeout_ms: int = 10_000) -> bool:
    """Run the event loop until one of `signals` fires (True) or the timeout passes (False)."""
    loop = QEventLoop()
    fired: list[bool] = []

    def done(*_args: object) -> None:
        fired.append(True)
        loop.quit()

    for signal in signals:
        signal.connect(done)
    QTimer.singleShot(timeout_ms, loop.quit)
    try:
        loop.exec()
    finally:
        for signal in signals:
            signal.disconnect(done)
    return bool(fired)


def _until(ready: Callable[[], bool], timeout_ms: int = 30_000) -> bool:
    """Run the event loop until `ready()` (the demo walk, not a test: waits on background tasks of the screens)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not ready():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return True


def _settle(window: KioskWindow) -> None:
    """Let layouts and pending paints finish before a grab."""
    for _ in range(3):
        QCoreApplication.processEvents()
    _layout_now(window)
    window.repaint()


def _shot(window: KioskWindow, path: Path, *, keyboard: int = 0) -> Path:
    """Save the window as shown; `keyboard` pixels at the bottom are drawn as the on-screen keyboard's panel (it is
    a window of its own, not part of the grab)."""
    _settle(window)
    image = window.grab()
    if keyboard:
        painter = QPainter(image)
        panel = QRect(0, image.height() - keyboard, image.width(), keyboard)
        painter.fillRect(panel, QColor("#2b2f36"))
        painter.setPen(QColor("#c9d1dc"))
        font = painter.font()
        font.setPixelSize(28)
        painter.setFont(font)
        painter.drawText(panel, int(Qt.AlignmentFlag.AlignCenter), f"Qt Virtual Keyboard · 拼音 · {keyboard} px")
        painter.end()
    if not image.save(str(path)):
        raise UserError(messages.SCREENSHOT_NOT_WRITTEN, path=path)
    return path


def save_screenshots(window: KioskWindow, directory: Path) -> list[Path]:
    """Walk home, search results for 身份证, a guide, browse, elder mode and English home; save PNGs."""
    directory.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def shot(name: str) -> None:
        saved.append(_shot(window, directory / name))

    window.resize(*SCREEN_SIZE)
    window.show()
    if not window.in_maintenance and not window.top_bar.place.text():
        _wait(window.catalog_ready, window.screen_changed, timeout_ms=60_000)  # first use imports the demo catalog
    search, guide, browse = window.screens.search, window.screens.guide, window.screens.browse
    if window.in_maintenance or search is None or guide is None or browse is None:
        shot("00-maintenance.png")
        raise UserError(messages.CATALOG_UNAVAILABLE, path=saved[0])
    shot(SCREENSHOTS[0])

    window.home.tile_chosen.emit("guide")
    search.set_query("身份证")
    if not _wait(search.results_shown):
        raise UserError(messages.SEARCH_TIMEOUT, query="身份证")
    shot(SCREENSHOTS[1])
    codes = search.result_codes
    if not codes:
        raise UserError(messages.SEARCH_EMPTY, query="身份证")

    window.open_item(codes[0])
    if not _wait(guide.guide_shown):
        raise UserError(messages.GUIDE_TIMEOUT, code=codes[0])
    shot(SCREENSHOTS[2])
    _settle(window)
    guide.scroll_to_implementations()
    shot(SCREENSHOTS[3])

    window.go_home()
    window.home.tile_chosen.emit("browse")
    if browse.groups.count() == 0:
        _wait(browse.groups_shown)
    if browse.groups.count():
        key = browse.groups.item(0)
        browse.groups.setCurrentItem(key)
        browse.groups.itemClicked.emit(key)
        _wait(browse.items_shown)
    shot(SCREENSHOTS[4])

    window.set_elder_mode(True)
    window.go_home()
    shot(SCREENSHOTS[5])
    window.open_item(codes[0])
    _wait(guide.guide_shown)
    shot(SCREENSHOTS[6])
    window.set_elder_mode(False)

    window.set_language("en")
    window.go_home()
    shot(SCREENSHOTS[7])
    window.reset_session()
    return saved


def save_technician_screenshots(window: KioskWindow, services: KioskServices, directory: Path) -> list[Path]:
    """With the demo services running: home after the demo card is laid, then the technician screen's device
    diagnostics (after a test print) and sync figures (after a sync pass against the embedded platform)."""
    saved: list[Path] = []

    def shot(name: str) -> None:
        saved.append(_shot(window, directory / name))

    loop = services.sync_loop
    tech = services.service
    assert isinstance(tech, TechnicianService)  # attach_services hands the kiosk the terminal's technician service
    if tech.sync_status().delivered == 0:
        tech.make_demo_records(2)  # marked test records, so the sync figures show a delivery
    services.start(sync_delay_ms=0)
    _wait(loop.pass_finished, loop.pass_failed, timeout_ms=30_000)
    window.go_home()
    if services.service.can_simulate_card:
        services.simulate_card()
        _wait(services.events.card_read, services.events.card_failed, timeout_ms=10_000)
    shot(TECHNICIAN_SCREENSHOTS[0])

    services.open_technician()
    screen = services.technician
    screen.unlock()  # the PIN gate is tested elsewhere; the screenshot shows what is behind it
    _wait(screen.diagnostics.states_shown, timeout_ms=30_000)
    screen.diagnostics.print_test()
    _wait(screen.diagnostics.result_shown, timeout_ms=30_000)
    shot(TECHNICIAN_SCREENSHOTS[1])

    screen.tabs.setCurrentWidget(screen.sync)
    _wait(screen.sync.status_shown, timeout_ms=10_000)
    shot(TECHNICIAN_SCREENSHOTS[2])
    window.reset_session()
    return saved


def save_apply_screenshots(
    window: KioskWindow, services: KioskServices, running: Sequence[object], directory: Path
) -> list[Path]:
    """我要办理 on the demo devices: the form prefilled from the simulated card, the scanned materials, the review,
    the receipt as the virtual printer rendered it, and the 好差评 screen."""
    saved: list[Path] = []
    screen = window.screens.apply
    if screen is None:
        return saved

    def shot(name: str) -> None:
        saved.append(_shot(window, directory / name))

    def settled(step: str) -> bool:
        return _until(lambda: screen.step == step and not screen.busy)

    printer = next((obj for obj in running if hasattr(obj, "wait_for_jobs")), None)
    jobs_before = len(getattr(printer, "jobs", []))
    window.go_home()
    window.start_apply(DEMO_APPLY_ITEM)
    _past_counter(screen)
    if not settled("card"):
        raise UserError(messages.APPLY_NOT_STARTED, code=DEMO_APPLY_ITEM, status=screen.status.text())
    if services.service.can_simulate_card:
        services.simulate_card()
    else:
        screen.card.fill_manually()
    if not settled("form") or screen.form_view is None:
        raise UserError(messages.CARD_NOT_READ)
    _until(lambda: not screen.busy and screen.tasks.pending == 0)
    shot(APPLY_SCREENSHOTS[0])
    view = screen.form_view
    view.set_answers({"phone": "13800138000", "reason": "expired", "delivery": "window"})
    while view.go_next():
        pass
    if not view.submit() or not settled("materials"):
        raise UserError(messages.FORM_INVALID, errors=view.errors())
    session = screen.session
    assert session is not None
    for slot in list(session.slots):
        if slot.required:
            screen.materials.scan(slot.slot_id)
            _until(lambda s=slot: bool(s.pages) and not screen.busy)  # type: ignore[misc]
    _until(lambda: not screen.busy)
    shot(APPLY_SCREENSHOTS[1])
    screen.show_review()
    if not settled("review"):
        raise UserError(messages.NO_REVIEW, status=screen.status.text())
    shot(APPLY_SCREENSHOTS[2])
    _consent(screen)
    screen.review.confirm()
    if not settled("done"):
        raise UserError(messages.NOT_FINALISED, status=screen.status.text())
    if printer is not None:
        jobs = printer.wait_for_jobs(jobs_before + 1, timeout=10.0)
        png = jobs[-1].png
        if png is not None:
            target = directory / APPLY_SCREENSHOTS[3]
            target.write_bytes(Path(png).read_bytes())
            saved.append(target)
    screen.done.rate_button.click()
    rating = window.screens.evaluate
    if rating is not None:
        rating.choose("不满意")  # shows the reasons a bad rating asks for; nothing is sent
        shot(APPLY_SCREENSHOTS[4])
    window.reset_session()
    return saved


# -- the layout walk ------------------------------------------------------------------------------------------------

SIZES = ((1280, 800), (1366, 768), (1920, 1080), (1080, 1920))
"""Hall panels laid out for: the common kiosk panels, full HD, and a portrait kiosk."""

LAYOUT_SCREENS = (
    "home", "search", "browse", "guide", "pick", "counter", "card", "form", "materials", "review", "done", "evaluate",
    "notice", "status", "complaint", "maintenance",
)  # fmt: skip
"""Walking order. `maintenance` comes last: the window stays in it until the catalog answers again."""


@dataclass(frozen=True)
class Combo:
    """One way a screen may be seen: panel size, language, type size (大字模式), on-screen keyboard up."""

    size: tuple[int, int]
    language: str
    elder: bool
    keyboard: bool

    @property
    def name(self) -> str:
        w, h = self.size
        return f"{w}x{h}-{self.language}-{'elder' if self.elder else 'std'}{'-kb' if self.keyboard else ''}"


LAYOUT_SHOTS_ENV = "YUNBAN_LAYOUT_SHOTS"
"""`all`: every screen in every combination (352 PNGs, a few minutes); `sample` (default): every screen in
`SAMPLE_COMBOS`; `none`: no layout walk."""

SAMPLE_COMBOS = (
    "1280x800-zh_CN-std", "1280x800-en-elder", "1080x1920-en-elder", "1366x768-zh_CN-elder-kb",
)  # fmt: skip
"""The reference panel, English in 大字模式, portrait, and the shortest panel with the keyboard up."""


def combos(keyboard: bool) -> list[Combo]:
    """Every combination, grouped so that the costly switches (type size, then language) happen least often;
    with the keyboard only where the screen has a text field to type into (`keyboard`)."""
    boards = (False, True) if keyboard else (False,)
    return [
        Combo(size, language, elder, board)
        for elder in (False, True)
        for language in ("zh_CN", "en")
        for size in SIZES
        for board in boards
    ]


def text_input(screen: QWidget) -> QWidget | None:
    """The first text field shown on `screen` (the one a visitor would type into), if any."""
    for widget in screen.findChildren(QWidget):
        editable = isinstance(widget, QLineEdit | QPlainTextEdit) and widget.isVisibleTo(screen)
        if editable and widget.isEnabled() and widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
            return widget
    return None


def apply_combo(window: KioskWindow, combo: Combo, field: QWidget | None) -> int:
    """Show the window as `combo` says; with the keyboard, `field` has the focus and the panel covers what Qt Virtual
    Keyboard's would (ui/kiosk/keyboard.py `panel_height`). Returns the pixels the keyboard covers."""
    from ui.kiosk.keyboard import panel_height

    window.visitor.idle.poke()  # the walk is the visitor: no idle countdown over the screens, no wipe
    field = _live_field(window, field)
    if window.appearance.elder != combo.elder:
        window.set_elder_mode(combo.elder)
    if window.appearance.language != combo.language:
        window.set_language(combo.language)
    if window.size().toTuple() != combo.size:
        window.resize(*combo.size)
    covered = panel_height(combo.size[0]) if combo.keyboard and field is not None else 0
    if covered and field is not None:
        field.setFocus(Qt.FocusReason.MouseFocusReason)
    window.keyboard.cover(covered)
    _layout_now(window)
    if covered:
        window.keyboard.reveal_focus()
        _layout_now(window)
    return covered


def _live_field(window: KioskWindow, field: QWidget | None) -> QWidget | None:
    """`field`, or the same question's field on the form paged anew for another panel or type size (the apply flow
    fits its fields per page to the room, ui/screens/apply/form.py, with a new form view)."""
    from shiboken6 import isValid

    if field is None or isValid(field):
        return field
    screen = window.screens.built_apply
    view = screen.form_view if screen is not None else None
    if view is None:
        return None
    phone = next((w for w in view.findChildren(QLineEdit) if w.objectName() == "input_phone"), None)
    return phone or text_input(view)


def _layout_now(window: KioskWindow) -> None:
    """What the event loop does before the next frame: widgets replaced by a retranslation deleted, layouts run."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents()
    # The last turn may have delivered a queued update (the sync indicator's new status from a delivery attempt):
    # its layout runs now, as it would before the next frame, without taking in any further event.
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def walk_layouts(
    window: KioskWindow, services: KioskServices, running: Sequence[object]
) -> Iterator[tuple[str, QWidget | None]]:
    """Bring up every screen of `LAYOUT_SCREENS` on the demo services, in order; yields (name, the text field a
    keyboard would type into, or None) while it is shown. 我要办理 walks 居民身份证换领 from the simulated card."""
    window.resize(*SIZES[0])
    window.show()
    if not window.in_maintenance and not window.top_bar.place.text():
        _wait(window.catalog_ready, window.screen_changed, timeout_ms=60_000)
    screens = window.screens
    search, guide, browse = screens.search, screens.guide, screens.browse
    if window.in_maintenance or search is None or guide is None or browse is None:
        raise UserError(messages.CATALOG_UNAVAILABLE, path="-")
    window.reset_session()
    window.visitor.idle.poke()
    yield "home", None

    window.home.tile_chosen.emit("guide")
    search.set_query("身份证")
    _wait(search.results_shown)
    yield "search", search.box
    codes = search.result_codes

    window.go_home()
    window.home.tile_chosen.emit("browse")
    if browse.groups.count() == 0:
        _wait(browse.groups_shown)
    if browse.groups.count():
        first = browse.groups.item(0)
        browse.groups.setCurrentItem(first)
        browse.groups.itemClicked.emit(first)
        _wait(browse.items_shown)
    yield "browse", None

    if codes:
        window.open_item(codes[0])
        _wait(guide.guide_shown)
        yield "guide", None

    screen = screens.apply
    if screen is not None:
        yield from _walk_apply(window, services, screen)

    status = screens.status
    if status is not None:
        window.go_home()
        window.go(status)
        result = screen.result if screen is not None else None
        if result is not None:
            status.check_code.setText(result.verification)
            status.query(result.receipt_no)
            _until(lambda: status.tasks.pending == 0, 10_000)
        yield "status", status.check_code  # the receipt number has its own keys; the check code takes the keyboard

    complaint = screens.complaint
    if complaint is not None:
        window.go_home()
        window.go(complaint)
        yield "complaint", complaint.content

    window.reset_session()
    window.show_maintenance("演示：目录文件校验失败 (catalog.db)")
    yield "maintenance", None


def _walk_apply(
    window: KioskWindow, services: KioskServices, screen: ApplyScreen
) -> Iterator[tuple[str, QWidget | None]]:
    def settled(step: str) -> bool:
        return _until(lambda: screen.step == step and not screen.busy)

    window.go_home()
    window.start_apply()
    settled("pick")
    _until(lambda: not screen.busy)
    yield "pick", screen.pick.search_box

    window.start_apply(DEMO_APPLY_ITEM)
    _until(lambda: screen.step in ("card", "counter") and not screen.busy)
    if screen.step == "counter":  # not self-service: where to apply, and a pre-application on offer
        yield "counter", None
    _past_counter(screen)
    if not settled("card"):
        return
    yield "card", None
    if services.service.can_simulate_card:
        services.simulate_card()  # read once the services watch the reader (`KioskServices.start`)
    if not _until(lambda: screen.step == "form" and not screen.busy, 10_000):
        screen.card.fill_manually()
    if not settled("form") or screen.form_view is None:
        return
    _until(lambda: not screen.busy and screen.tasks.pending == 0)
    view = screen.form_view
    phone = next((w for w in view.findChildren(QLineEdit) if w.objectName() == "input_phone"), None)
    yield "form", phone or text_input(view)
    view = screen.form_view  # paged again for another panel size or type size: a new view (ui/screens/apply/form.py)
    if view is None:
        return
    view.set_answers({"phone": "13800138000", "reason": "expired", "delivery": "window"})
    while view.go_next():
        pass
    if not view.submit() or not settled("materials"):
        return
    yield "materials", None

    session = screen.session
    if session is None:
        return
    for slot in list(session.slots):
        if slot.required and not slot.pages:
            screen.materials.scan(slot.slot_id)
            _until(lambda s=slot: bool(s.pages) and not screen.busy)  # type: ignore[misc]
    screen.show_review()
    if not settled("review"):
        return
    yield "review", None
    _consent(screen)
    screen.review.confirm()
    if not settled("done"):
        return
    yield "done", None
    screen.done.rate_button.click()
    rating = window.screens.evaluate
    if rating is not None:
        rating.choose("不满意")
        yield "evaluate", rating.text

    # The 一次性告知: an item that takes no 容缺 (城乡居民基本养老保险参保登记), reviewed with nothing scanned.
    window.start_apply(DEMO_NOTICE_ITEM)
    _past_counter(screen)
    if settled("card"):
        screen.show_review()
        if _until(lambda: screen.step == "notice" and not screen.busy, 10_000):
            yield "notice", None
    screen.reset()


def _past_counter(screen: ApplyScreen) -> None:
    """An item the kiosk cannot accept whole opens on where to apply (the counter page): take its pre-application."""
    _until(lambda: screen.step in ("card", "counter") and not screen.busy, 10_000)
    counter = getattr(screen, "counter", None)
    if screen.step == "counter" and counter is not None:
        counter.pre_apply_requested.emit()


def _consent(screen: ApplyScreen) -> None:
    """告知承诺: the walk reads it and agrees (the review's 确认提交 waits for it)."""
    consent = getattr(screen.review, "consent", None)
    if consent is not None and not consent.isChecked():
        consent.click()


def save_layout_screenshots(
    window: KioskWindow, services: KioskServices, running: Sequence[object], directory: Path
) -> list[Path]:
    """The layout walk saved: one PNG per screen and combination (see the module's docstring)."""
    del running
    directory.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    chosen = os.environ.get(LAYOUT_SHOTS_ENV, "sample")
    if chosen == "none":
        return saved
    for name, field in walk_layouts(window, services, ()):
        every = combos(field is not None)
        for combo in every if chosen == "all" else [c for c in every if c.name in SAMPLE_COMBOS]:
            covered = apply_combo(window, combo, field)
            saved.append(_shot(window, directory / f"{name}-{combo.name}.png", keyboard=covered))
        apply_combo(window, Combo(SIZES[0], "zh_CN", False, False), None)
    window.keyboard.cover(0)
    return saved
