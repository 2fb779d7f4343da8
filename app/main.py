"""The composition root of the kiosk: QApplication, fonts, translations, services and the main window.

This is the one module of `app` allowed to import `ui` (DESIGN §1). It reads the terminal's configuration through
`AppContext`, builds the services and hands them to the window through its constructor. A catalog that cannot be
opened does not stop the kiosk: the window shows its maintenance screen.

Demo hook: `yunban demo` also starts the embedded reference platform and simulated devices: `_DEMO_SERVICES` lists
them (each imported lazily; more can be added with `register_demo_service`). Each is started after the window exists,
a failing one is logged and skipped, and its returned object is closed (if it has `close()`) when the kiosk exits.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, QTimer, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.config import Config
from app.context import AppContext
from app.errors import UserError

if TYPE_CHECKING:
    from app.model.catalog import Department, Division, ItemGuide, ItemSummary, Theme

if TYPE_CHECKING:
    from app.apply.service import ApplyService
    from app.catalog.service import CatalogService
    from ui.kiosk_services import KioskServices
    from ui.shell import KioskWindow

log = logging.getLogger(__name__)

__all__ = [
    "SCREENSHOTS",
    "TECHNICIAN_SCREENSHOTS",
    "attach_services",
    "build_window",
    "configure_input_method",
    "create_application",
    "register_demo_service",
    "run_kiosk",
    "save_screenshots",
]

DemoService = Callable[[AppContext, "KioskWindow"], object]


def _demo_platform(ctx: AppContext, window: KioskWindow) -> object:
    from app.demo.platform import start_demo_platform

    return start_demo_platform(ctx)


def _demo_printer(ctx: AppContext, window: KioskWindow) -> object:
    from app.demo.printer import start_demo_printer

    return start_demo_printer(ctx, window)


def _demo_keyring(ctx: AppContext, window: KioskWindow) -> object:
    from app.demo.home import prepare_demo_keyring

    return prepare_demo_keyring(ctx)  # first: enrolling with the platform stores credentials in the keystore


def _demo_scanner(ctx: AppContext, window: KioskWindow) -> object:
    from app.demo.home import prepare_demo_scanner

    return prepare_demo_scanner(ctx)


_DEMO_SERVICES: list[tuple[str, DemoService]] = [
    ("keyring", _demo_keyring),
    ("platform", _demo_platform),
    ("printer", _demo_printer),
    ("scanner", _demo_scanner),
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
"""What `yunban demo --screenshots DIR` saves, in walking order."""

TECHNICIAN_SCREENSHOTS = ("09-home-card-read.png", "10-technician-devices.png", "11-technician-sync.png")
"""Saved after `SCREENSHOTS` by `yunban demo --screenshots DIR`, with the demo services running."""

SCREEN_SIZE = (1280, 800)
"""The demo's window size: the common 1280×800 panel of hall kiosks."""


def register_demo_service(name: str, start: DemoService) -> None:
    """Add something `yunban demo` starts beside the kiosk (embedded platform, simulated card reader, printer…)."""
    _DEMO_SERVICES.append((name, start))


def configure_input_method(config: Config, env: dict[str, str] | None = None) -> str:
    """Choose the input method before QApplication exists; returns what was chosen (for the log and tests).

    Touch kiosks get Qt Virtual Keyboard with Pinyin (the zh_CN locale selects it). It shows its own input panel
    window when a QWidget text field takes focus (measured under Xvfb: a 1280×400 panel at the bottom; on the
    offscreen platform it never shows). It needs Debian's libpulse0: without it Qt reports, misleadingly, that the
    QML module is missing, so we check and fall back to the system input method with a log line. Counters and
    laptops use the physical keyboard and the system IME.
    """
    env = os.environ if env is None else env  # type: ignore[assignment]
    assert env is not None
    if env.get("QT_IM_MODULE"):
        return env["QT_IM_MODULE"]
    if config.terminal.role != "kiosk" or not config.kiosk.virtual_keyboard:
        return "system"
    if env.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return "system"  # no input panel can show offscreen; skip loading QML for nothing
    if not _have_libpulse():
        log.warning("Qt Virtual Keyboard needs libpulse0 (apt install libpulse0); using the system input method")
        return "system"
    env["QT_IM_MODULE"] = "qtvirtualkeyboard"
    return "qtvirtualkeyboard"


def _have_libpulse() -> bool:
    import glob

    return any(glob.glob(f"{d}/libpulse.so.0") for d in ("/usr/lib/*-linux-gnu", "/usr/lib64", "/usr/lib"))


class LazyCatalog:
    """The terminal's catalog, opened on first use, which is on a `TaskRunner` worker: the kiosk shows its home
    screen without waiting for the database (opening it, and a first-use demo import, take from 0.3 s to
    seconds). `CatalogUnavailable` from opening surfaces from that first call, so the shell's maintenance
    handling covers it like any other failure."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._lock = threading.Lock()  # AppContext's cached_property is not thread-safe

    def open(self) -> CatalogService:
        with self._lock:
            return self._ctx.catalog

    @property
    def is_demo(self) -> bool:
        return self.open().is_demo

    @property
    def notice(self) -> str:
        return self.open().notice

    def search(self, query: str, *, limit: int = 20) -> list[ItemSummary]:
        return self.open().search(query, limit=limit)

    def get_item(self, code: str) -> ItemGuide:
        return self.open().get_item(code)

    def list_departments(self) -> list[Department]:
        return self.open().list_departments()

    def list_themes(self) -> list[Theme]:
        return self.open().list_themes()

    def items_of_theme(self, code: str) -> list[ItemSummary]:
        return self.open().items_of_theme(code)

    def browse(self, *, department: str | None = None, theme: str | None = None) -> list[ItemSummary]:
        return self.open().browse(department=department, theme=theme)

    def record_view(self, code: str) -> int:
        return self.open().record_view(code)

    def terminal_chain(self) -> list[Division]:
        return self.open().terminal_chain()


class LazyApply:
    """The terminal's ApplyService (`AppContext.apply`), built on first use, which is on a screen's `TaskRunner`
    worker: it opens records.db and the keystore holding the data key, which must not delay the home screen (and
    whose failure then reaches the screen as a message, not a crash at start-up)."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._lock = threading.Lock()

    def open(self) -> ApplyService:
        with self._lock:
            return self._ctx.apply

    def __getattr__(self, name: str) -> Any:
        return getattr(self.open(), name)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with the kiosk's locale and CJK font (set explicitly: Qt's fallback shows tofu)."""
    from ui.theme import cjk_font

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        app = QApplication(list(argv) if argv is not None else ["yunban"])
    app.setApplicationName("yunban")
    app.setApplicationDisplayName("云办 Yunban")
    app.setFont(cjk_font())
    return app


def is_catalog_unavailable(error: BaseException) -> bool:
    """`app.catalog.service.CatalogUnavailable`, checked without importing it on the GUI thread: it pulls in
    pypinyin and the bundle importer (~1 s), so it is first imported by the worker that opens the catalog; an
    instance of it can only exist once that import has happened."""
    module = sys.modules.get("app.catalog.service")
    return module is not None and isinstance(error, module.CatalogUnavailable)


def build_window(ctx: AppContext) -> KioskWindow:
    """The main window on the terminal's catalog (opened in the background on first use); the window switches to
    its maintenance screen if the catalog turns out to be unavailable."""
    from ui.shell import KioskWindow

    kiosk = ctx.config.kiosk
    common: dict[str, Any] = {
        "language": "en" if ctx.config.terminal.language == "en" else "zh_CN",
        "elder_mode": kiosk.elder_mode,
        "idle_timeout_s": kiosk.idle_timeout_s,
        "idle_warning_s": kiosk.idle_warning_s,
        "is_maintenance_error": is_catalog_unavailable,
    }
    return KioskWindow(LazyCatalog(ctx), apply=LazyApply(ctx), role=ctx.config.terminal.role, **common)


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


def _settle(window: KioskWindow) -> None:
    """Let layouts and pending paints finish before a grab."""
    for _ in range(3):
        QCoreApplication.processEvents()
    window.repaint()


def save_screenshots(window: KioskWindow, directory: Path) -> list[Path]:
    """Walk home, search results for 身份证, a guide, browse, elder mode and English home; save PNGs."""
    directory.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def shot(name: str) -> None:
        _settle(window)
        path = directory / name
        if not window.grab().save(str(path)):
            raise UserError(f"cannot write screenshot {path}")
        saved.append(path)

    window.resize(*SCREEN_SIZE)
    window.show()
    if not window.in_maintenance and not window.place.text():
        _wait(window.catalog_ready, window.screen_changed, timeout_ms=60_000)  # first use imports the demo catalog
    if window.in_maintenance or window.search is None or window.guide is None or window.browse is None:
        shot("00-maintenance.png")
        raise UserError(f"目录不可用，仅保存了维护页面 (catalog unavailable; saved {saved[0]})")
    shot(SCREENSHOTS[0])

    window.home.tile_chosen.emit("guide")
    window.search.set_query("身份证")
    if not _wait(window.search.results_shown):
        raise UserError("search for 身份证 did not answer within 10 s")
    shot(SCREENSHOTS[1])
    codes = window.search.result_codes
    if not codes:
        raise UserError("search for 身份证 found nothing in this catalog")

    window.open_item(codes[0])
    if not _wait(window.guide.guide_shown):
        raise UserError(f"guide {codes[0]} did not load within 10 s")
    shot(SCREENSHOTS[2])
    _settle(window)
    window.guide.scroll_to_implementations()
    shot(SCREENSHOTS[3])

    window.go_home()
    window.home.tile_chosen.emit("browse")
    if window.browse.groups.count() == 0:
        _wait(window.browse.groups_shown)
    if window.browse.groups.count():
        key = window.browse.groups.item(0)
        window.browse.groups.setCurrentItem(key)
        window.browse.groups.itemClicked.emit(key)
        _wait(window.browse.items_shown)
    shot(SCREENSHOTS[4])

    window.set_elder_mode(True)
    window.go_home()
    shot(SCREENSHOTS[5])
    window.open_item(codes[0])
    _wait(window.guide.guide_shown)
    shot(SCREENSHOTS[6])
    window.set_elder_mode(False)

    window.set_language("en")
    window.go_home()
    shot(SCREENSHOTS[7])
    window.reset_session()
    return saved


def _start_demo_services(ctx: AppContext, window: KioskWindow, running: list[object]) -> None:
    for name, start in _DEMO_SERVICES:
        log.info("starting demo service %s", name)
        try:
            running.append(start(ctx, window))
        except Exception:  # a demo without its printer is still a demo of the kiosk
            log.exception("demo service %s did not start", name)
            print(f"yunban demo: {name} did not start (see the log in {ctx.paths.logs})", file=sys.stderr)


def attach_services(
    ctx: AppContext, window: KioskWindow, running: Sequence[object] = (), *, start: bool = True
) -> KioskServices:
    """Device events, card watching, the sync indicator and loop, and the technician screen (ui/kiosk_services.py),
    on the terminal's services (app/technician.py). What demo services report (the virtual printer's output folder,
    how the demo keeps its keys) is shown on the technician screen."""
    from app.technician.service import TechnicianService
    from ui.kiosk_services import attach_kiosk_services

    tech = TechnicianService(ctx)
    for obj in running:
        out_dir = getattr(obj, "out_dir", None)
        if out_dir:
            tech.printer_output = str(out_dir)
        note = getattr(obj, "note", None)
        if isinstance(note, str):
            tech.keystore_note = note
    services = attach_kiosk_services(window, tech, sync_interval_s=ctx.config.kiosk.sync_interval_s, start=start)
    # The apply flow: live card reads prefill its form; the 读卡 button reads through the same service (watching
    # pauses meanwhile); the home banner's 我要办理 hands over the card just read.
    window.set_identity(tech)
    services.events.card_read.connect(window.on_card_read)
    services.apply_requested.connect(window.prepare_apply_card)
    return services


def save_technician_screenshots(window: KioskWindow, services: KioskServices, directory: Path) -> list[Path]:
    """With the demo services running: home after the demo card is laid, then the technician screen's device
    diagnostics (after a test print) and sync figures (after a sync pass against the embedded platform)."""
    saved: list[Path] = []

    def shot(name: str) -> None:
        _settle(window)
        path = directory / name
        if not window.grab().save(str(path)):
            raise UserError(f"cannot write screenshot {path}")
        saved.append(path)

    loop = services.sync_loop
    tech = services.service
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


APPLY_SCREENSHOTS = (
    "12-apply-form-from-card.png",
    "13-apply-materials.png",
    "14-apply-review.png",
    "15-receipt.png",
    "16-rating.png",
)
"""The apply walk of `yunban demo --screenshots DIR` (with the demo devices): 居民身份证换领 from the demo card."""

DEMO_APPLY_ITEM = "530000-GA-0001"


def _until(ready: Callable[[], bool], timeout_ms: int = 30_000) -> bool:
    """Run the event loop until `ready()` (the demo walk, not a test: waits on background tasks of the screens)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not ready():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return True


def save_apply_screenshots(
    window: KioskWindow, services: KioskServices, running: Sequence[object], directory: Path
) -> list[Path]:
    """我要办理 on the demo devices: the form prefilled from the simulated card, the scanned materials, the review,
    the receipt as the virtual printer rendered it, and the 好差评 screen."""
    saved: list[Path] = []
    screen = window.apply_screen
    if screen is None:
        return saved

    def shot(name: str) -> None:
        _settle(window)
        path = directory / name
        if not window.grab().save(str(path)):
            raise UserError(f"cannot write screenshot {path}")
        saved.append(path)

    def settled(step: str) -> bool:
        return _until(lambda: screen.step == step and not screen.busy)

    printer = next((obj for obj in running if hasattr(obj, "wait_for_jobs")), None)
    jobs_before = len(getattr(printer, "jobs", []))
    window.go_home()
    window.start_apply(DEMO_APPLY_ITEM)
    if not settled("card"):
        raise UserError(f"apply: {DEMO_APPLY_ITEM} did not start ({screen.status.text()})")
    if services.service.can_simulate_card:
        services.simulate_card()
    else:
        screen.fill_manually()
    if not settled("form") or screen.form_view is None:
        raise UserError("apply: the card was not read within 30 s")
    _until(lambda: not screen.busy and screen.tasks.pending == 0)
    shot(APPLY_SCREENSHOTS[0])
    view = screen.form_view
    view.set_answers({"phone": "13800138000", "reason": "expired", "delivery": "window"})
    while view.go_next():
        pass
    if not view.submit() or not settled("materials"):
        raise UserError(f"apply: the form did not validate: {view.errors()}")
    session = screen.session
    assert session is not None
    for slot in list(session.slots):
        if slot.required:
            screen.scan(slot.slot_id)
            _until(lambda s=slot: bool(s.pages) and not screen.busy)  # type: ignore[misc]
    _until(lambda: not screen.busy)
    shot(APPLY_SCREENSHOTS[1])
    screen.show_review()
    if not settled("review"):
        raise UserError(f"apply: no review ({screen.status.text()})")
    shot(APPLY_SCREENSHOTS[2])
    screen.confirm()
    if not settled("done"):
        raise UserError(f"apply: not finalised ({screen.status.text()})")
    if printer is not None:
        jobs = printer.wait_for_jobs(jobs_before + 1, timeout=10.0)
        png = jobs[-1].png
        if png is not None:
            target = directory / APPLY_SCREENSHOTS[3]
            target.write_bytes(Path(png).read_bytes())
            saved.append(target)
    screen.rate_button.click()
    rating = window.evaluate_screen
    if rating is not None:
        rating.choose("不满意")  # shows the reasons a bad rating asks for; nothing is sent
        shot(APPLY_SCREENSHOTS[4])
    window.reset_session()
    return saved


def run_kiosk(
    ctx: AppContext,
    *,
    windowed: bool = False,
    screenshots: Path | None = None,
    demo: bool = False,
    on_ready: Callable[[KioskWindow], object] | None = None,
) -> int:
    """Start the kiosk. `screenshots`: walk the screens, save PNGs and exit. `on_ready(window)` runs on the first
    event-loop turn after the window is shown (the start-up benchmark uses it)."""
    started = time.perf_counter()
    chosen_im = configure_input_method(ctx.config) if screenshots is None else "system"
    app = create_application()
    window = build_window(ctx)
    running: list[object] = []
    services: KioskServices | None = None
    attached: list[KioskServices] = []
    try:
        if screenshots is not None:
            for path in save_screenshots(window, screenshots):
                print(path)
            if demo:
                _start_demo_services(ctx, window, running)
                services = attach_services(ctx, window, running, start=False)
                for path in save_technician_screenshots(window, services, screenshots):
                    print(path)
                for path in save_apply_screenshots(window, services, running, screenshots):
                    print(path)
            return 0
        if demo:
            _start_demo_services(ctx, window, running)
        if windowed or not ctx.config.kiosk.fullscreen:
            window.resize(*SCREEN_SIZE)
            window.show()
        else:
            # Size it to the screen first: without a window manager (a bare kiosk X session) the fullscreen
            # request alone leaves the window at its size hint.
            screen = app.primaryScreen()
            if screen is not None:
                window.setGeometry(screen.geometry())
            window.showFullScreen()
        log.info("kiosk up in %.0f ms (input method: %s)", (time.perf_counter() - started) * 1000, chosen_im)
        if on_ready is not None:
            QTimer.singleShot(0, lambda: on_ready(window))
        # Card watching, the sync loop and the network monitor attach on the first event-loop turns after home is
        # on screen (they import the device and sync stacks: ~0.2 s that a citizen would otherwise wait through).
        QTimer.singleShot(0, lambda: attached.append(attach_services(ctx, window, running)))
        return int(app.exec())
    finally:
        for attached_services in [*attached, *([services] if services is not None else [])]:
            attached_services.close()  # card watching and the sync loop stop before the demo platform goes
        window.close()
        for obj in reversed(running):
            close = getattr(obj, "close", None)
            if callable(close):
                try:
                    close()
                except Exception:
                    log.exception("stopping a demo service failed")
        QGuiApplication.processEvents()
        ctx.close()
