"""The composition root of the kiosk: QApplication and fonts, the window on the terminal's services (`build_window`),
the production kiosk's window (`build_kiosk`: the enrolled platform, or the provisioning screen), device and sync
glue (`attach_services`), the demo services (`_DEMO_SERVICES`, started only with `run_kiosk(demo=True)`), and
`run_kiosk`. Contract: the one module of `app` that imports `ui`; a catalog that cannot be opened shows the
maintenance screen, never a crash; the production path never imports `app.demo`."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.config import Config
from app.context import AppContext
from app.errors import UserError
from app.lazy import LazyServices

if TYPE_CHECKING:
    from app.model.identity import CardData
    from app.visits.laptop import LaptopServices
    from ui.kiosk_services import KioskServices
    from ui.screens.counter import CounterWindow
    from ui.screens.laptop import LaptopWindow
    from ui.shell import KioskWindow

log = logging.getLogger(__name__)

__all__ = [
    "EXIT_RESTART",
    "SCREEN_SIZE",
    "attach_services",
    "build_kiosk",
    "build_window",
    "close_kiosk",
    "configure_input_method",
    "create_application",
    "hold_provisioning",
    "register_demo_service",
    "run_kiosk",
    "start_demo_services",
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
    """`app.catalog.service.CatalogUnavailable`, checked without importing it on the GUI thread: the catalog stack
    (pypinyin, the bundle importer, ~1 s) is first imported by the worker that opens the catalog; an
    instance of it can only exist once that import has happened."""
    module = sys.modules.get("app.catalog.service")
    return module is not None and isinstance(error, module.CatalogUnavailable)


def build_window(ctx: AppContext) -> KioskWindow:
    """The main window on the terminal's catalog (opened in the background on first use); the window switches to
    its maintenance screen if the catalog turns out to be unavailable."""
    from ui.shell import KioskWindow

    kiosk = ctx.config.kiosk
    services = LazyServices(ctx)
    return KioskWindow(
        services.catalog,
        apply=services.apply,
        role=ctx.config.terminal.role,
        language="en" if ctx.config.terminal.language == "en" else "zh_CN",
        elder_mode=kiosk.elder_mode,
        idle_timeout_s=kiosk.idle_timeout_s,
        idle_warning_s=kiosk.idle_warning_s,
        is_maintenance_error=is_catalog_unavailable,
    )


def build_kiosk(ctx: AppContext) -> KioskWindow:
    """`yunban kiosk`'s window: never enrolls, starts no platform and no demo service. An enrolled terminal gets the
    normal kiosk, syncing with the platform it enrolled with (`enrollment.json`, over `platform.url` if the two
    differ); a terminal not enrolled gets the provisioning screen in place of home (the technician gate still
    opens: `attach_services` as usual)."""
    from app.sync.identity_file import read_identity  # not ctx.enrollment: its httpx and crypto cost ~0.1 s

    identity = read_identity(ctx.home)
    if identity is not None and identity.platform_url and identity.platform_url != ctx.config.platform.url:
        log.info("syncing with the enrolled platform %s (platform.url is %s)", identity.platform_url,
                 ctx.config.platform.url)  # fmt: skip
        ctx.config.platform.url = identity.platform_url
    window = build_window(ctx)
    try:
        _ = ctx.records_db  # opened (quick_check) at start: a damaged records.db or a full disk is not served
    except UserError as exc:
        log.error("records.db unusable, holding the maintenance screen: %s", exc)
        window.screens.maintenance.set_detail(exc.message(window.appearance.language))
        window.hold(window.screens.maintenance)
        return window
    if identity is None:
        log.warning("terminal not enrolled: showing the provisioning screen (or yunban provision ...)")
        hold_provisioning(ctx, window)
    elif ctx.records_db_replaced():
        log.warning("records.db was replaced since enrollment: enroll again (provisioning screen) so receipt numbers "
                    "never repeat")  # fmt: skip
        hold_provisioning(ctx, window)
    return window


EXIT_RESTART = 75
"""`yunban kiosk`'s exit status when provisioning changed the division: systemd (Restart=on-failure) starts the
kiosk again, now for the new division's catalog."""


def hold_provisioning(ctx: AppContext, window: KioskWindow) -> None:
    """The provisioning screen in place of home until its 完成: then home at once, or (the division changed, and the
    catalog was opened for the old one) the kiosk exits with `EXIT_RESTART` to be started again."""
    from app.provisioning.service import ProvisioningService
    from ui.screens.provisioning import ProvisioningScreen

    service = ProvisioningService(ctx)
    screen = ProvisioningScreen(service, language=lambda: window.appearance.language)

    def finished(restart: bool) -> None:
        if restart:
            log.warning("provisioned for division %s: restarting the kiosk", ctx.config.terminal.division_code)
            window.exit_authorised()
            QApplication.exit(EXIT_RESTART)
        else:
            log.info("provisioned: the kiosk's home")
            window.hold(window.home)  # home is "held" again: the tiles

    screen.finished.connect(finished)
    window.hold(screen)
    screen.start()


def start_demo_services(ctx: AppContext, window: KioskWindow, running: list[object]) -> None:
    """Start each of `_DEMO_SERVICES` in turn, appending what it returns to `running`."""
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
    on the terminal's `TechnicianService`. What demo services report (the virtual printer's output folder, how the
    demo keeps its keys) is shown on the technician screen."""
    from app.technician.service import TechnicianService
    from app.updates.status_service import UpdateStatusService
    from ui.kiosk_services import attach_kiosk_services

    tech = TechnicianService(ctx)
    tech.updates = UpdateStatusService(ctx.home, ctx.config.update)  # the technician screen's 软件更新
    if window.held is not None:
        from app.provisioning.service import ProvisioningService
        from ui.screens.provisioning import ProvisioningScreen

        held = window.held
        if isinstance(held, ProvisioningScreen) and isinstance(held.service, ProvisioningService):
            held.service.technician = tech  # its test card read pauses this service's card watching
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
    # 帮助 › 呼叫工作人员: a chime on the kiosk's speaker and a `staff_call` audit event (which also offers the button).
    from app.apply.staff_call import record_staff_call
    from ui.kiosk.staff_call import StaffCall

    StaffCall(window, lambda cancelled: record_staff_call(lambda: ctx.audit, ctx.records.terminal_code,
                                                          cancelled=cancelled))  # fmt: skip
    return services


def run_kiosk(
    ctx: AppContext,
    *,
    windowed: bool = False,
    demo: bool = False,
    exit_without_pin: bool = False,
    on_ready: Callable[[KioskWindow], object] | None = None,
) -> int:
    """Start the kiosk and run it until it is closed. `demo`: the demo services beside it (`yunban demo`); otherwise
    the production kiosk of `build_kiosk`. Ctrl+Shift+Q asks the technician PIN unless `exit_without_pin` (which only
    `yunban demo` sets). `on_ready(window)` runs on the first event-loop turn after the window is shown (the start-up
    benchmark uses it)."""
    started = time.perf_counter()
    chosen_im = configure_input_method(ctx.config)
    app = create_application()
    if not demo and wants_laptop(ctx):
        return run_laptop(ctx, app, windowed=windowed)
    if not demo and wants_counter(ctx):
        return run_counter(ctx, app, windowed=windowed)
    window = build_window(ctx) if demo else build_kiosk(ctx)
    window.exit_without_pin = exit_without_pin
    running: list[object] = []
    attached: list[KioskServices] = []
    try:
        if demo:
            start_demo_services(ctx, window, running)
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
        start_watchdog(window)  # the timer is the window's child
        return int(app.exec())
    finally:
        close_kiosk(ctx, window, running, attached)


LAPTOP_SIZE = (1366, 768)
"""The laptop window's size when not maximised: the common 1366×768 panel of field laptops."""


def wants_laptop(ctx: AppContext) -> bool:
    """`terminal.role = laptop` on an enrolled terminal starts the grid worker's laptop window (a laptop not yet
    enrolled starts like any terminal: into the provisioning screen)."""
    from app.sync.identity_file import read_identity

    if ctx.config.terminal.role != "laptop":
        return False
    try:
        return read_identity(ctx.home) is not None
    except UserError:
        return False


def laptop_services(ctx: AppContext) -> LaptopServices:
    """The laptop screens' port (app/visits/laptop.py) over the terminal's services."""
    from app.visits.delivery import BatchDelivery
    from app.visits.laptop import LAPTOP_ROLES, LaptopServices

    visits = ctx.visits
    delivery = BatchDelivery(ctx.sync, enrolled=lambda: ctx.sync_credentials() is not None,
                             person_of=lambda record_id: visits.person_label("record", record_id))  # fmt: skip

    def keystore_locked() -> bool:
        from app.records.keystore import worker_passphrase

        keyring = ctx.config.keyring
        return (keyring.unlock == "worker" and keyring.backend in ("file", "auto")
                and worker_passphrase(ctx.home, os.environ) is None)  # fmt: skip

    def unlock_keystore(passphrase: str) -> None:
        from app.records.keystore import unlock_worker_keystore

        unlock_worker_keystore(ctx.home, passphrase)

    roles = (*LAPTOP_ROLES, "clerk") if ctx.config.staff.laptop_clerks else LAPTOP_ROLES
    return LaptopServices(visits, lambda: ctx.apply, delivery, staff=lambda: ctx.staff, roles=roles,
                          keystore_locked=keystore_locked, unlock_keystore=unlock_keystore)  # fmt: skip


class _LaptopCardReader:
    """The laptop's USB ID-card reader for the apply flow's 读卡 button, opened on the first read (on a worker)."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def read_card(self, *, timeout: float = 10.0) -> CardData:
        return self._ctx.identity.read_card(timeout=timeout)


def build_laptop(ctx: AppContext) -> LaptopWindow:
    """The grid worker's laptop window (ui/screens/laptop/) with the apply flow on channel `laptop`."""
    from ui.screens.apply.flow import ApplyScreen
    from ui.screens.laptop import LaptopWindow

    services = LazyServices(ctx)
    language = "en" if ctx.config.terminal.language == "en" else "zh_CN"
    holder: list[LaptopWindow] = []
    flow = ApplyScreen(services.apply, services.catalog, role="laptop", identity=_LaptopCardReader(ctx),
                       language=lambda: holder[0].languages.language if holder else language)  # fmt: skip
    window = LaptopWindow(laptop_services(ctx), apply_flow=flow, language=language)
    holder.append(window)
    return window


def run_laptop(ctx: AppContext, app: QApplication, *, windowed: bool = False) -> int:
    """Run the laptop window until it is closed (a normal window: the worker's own laptop, no kiosk lock)."""
    window = build_laptop(ctx)
    try:
        window.resize(*LAPTOP_SIZE)
        if windowed or not ctx.config.kiosk.fullscreen:
            window.show()
        else:
            window.showMaximized()
        window.start()
        return int(app.exec())
    finally:
        window.tasks.wait_for_done(5000)
        ctx.close()


def wants_counter(ctx: AppContext) -> bool:
    """`terminal.role = counter` on an enrolled terminal starts the counter window (issue 14: staff log-in, the queue,
    decisions, 窗口录入); a counter not yet enrolled starts like any terminal, into the provisioning screen."""
    from app.sync.identity_file import read_identity

    if ctx.config.terminal.role != "counter":
        return False
    try:
        return read_identity(ctx.home) is not None
    except UserError:
        return False


def build_counter(ctx: AppContext) -> CounterWindow:
    """The counter window (ui/screens/counter/): the clerk's workspace over `ctx.counter`, and 窗口录入, the kiosk's
    apply flow on the counter channel through `WalkInApply` (the clerk and the window on every record)."""
    from app.counter.service import WalkInApply
    from ui.screens.apply.flow import ApplyScreen
    from ui.screens.counter import CounterWindow

    services = LazyServices(ctx)
    language = "en" if ctx.config.terminal.language == "en" else "zh_CN"
    walk_in = WalkInApply(services.apply, ctx.counter)
    flow = ApplyScreen(walk_in, services.catalog, role="counter", identity=_LaptopCardReader(ctx),
                       language=lambda: language)  # fmt: skip
    from app.counter.sync import CounterSync  # the kiosk's background sync loop, for the counter (issue 14 §2)

    sync = CounterSync(ctx.counter, lambda: ctx.sync, platform_url=lambda: ctx.config.platform.url,
                       credentials=ctx.sync_credentials)  # fmt: skip
    return CounterWindow(ctx.counter, apply_flow=flow, language=lambda: language, sync=sync,
                         sync_interval_s=ctx.config.kiosk.sync_interval_s)  # fmt: skip


def run_counter(ctx: AppContext, app: QApplication, *, windowed: bool = False) -> int:
    """Run the counter window until it is closed (a clerk's desktop window, no kiosk lock)."""
    window = build_counter(ctx)
    try:
        window.resize(*LAPTOP_SIZE)
        if windowed or not ctx.config.kiosk.fullscreen:
            window.show()
        else:
            window.showMaximized()
        window.start_sync(delay_ms=2000)  # after the first event-loop turns: the log-in is on screen first
        return int(app.exec())
    finally:
        window.stop_sync()
        if window.sync_loop is not None:
            window.sync_loop.tasks.wait_for_done(5000)
        window.tasks.wait_for_done(5000)
        ctx.close()


def start_watchdog(window: KioskWindow) -> QTimer | None:
    """Under systemd (`Type=notify`, app/systemd_notify.py): READY=1 on the first event-loop turn, then WATCHDOG=1
    from a timer on this (the GUI) thread, so a hung GUI stops the pings and systemd restarts the kiosk."""
    from app import systemd_notify

    QTimer.singleShot(0, lambda: systemd_notify.notify("READY=1\nSTATUS=kiosk up"))
    interval = systemd_notify.watchdog_interval()
    if interval is None:
        return None
    timer = QTimer(window)
    timer.setInterval(max(100, int(interval * 1000)))
    timer.timeout.connect(lambda: systemd_notify.notify("WATCHDOG=1"))
    timer.start()
    log.info("systemd watchdog: pinging every %.1f s", interval)
    return timer


def close_kiosk(
    ctx: AppContext, window: KioskWindow, running: Sequence[object], attached: Sequence[KioskServices]
) -> None:
    """At exit: card watching and the sync loop stop first (before the demo platform they talk to goes), then the
    window, the demo services in the reverse order of their start, and the context's services."""
    for services in attached:
        services.close()
    window.exit_authorised()  # the event loop has ended: a full-screen window must now close
    for obj in reversed(running):
        close = getattr(obj, "close", None)
        if callable(close):
            try:
                close()
            except Exception:
                log.exception("stopping a demo service failed")
    QGuiApplication.processEvents()
    ctx.close()
