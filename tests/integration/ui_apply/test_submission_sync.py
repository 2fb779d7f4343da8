"""Finishing a submission at the kiosk counts it in the status bar's sync indicator at once and starts a delivery
attempt at once, on a worker thread, instead of waiting for the next sync tick (issue 13 §3): a citizen's
application reaches the platform while they are still taking their receipt."""

from __future__ import annotations

import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from app.catalog.updates import pull_from_platform
from app.context import AppContext
from app.lazy import LazyServices
from app.model.records import DeliveryReport
from app.technician.service import TechnicianService
from sync.platform.admin import enroll_code
from tests.integration.ui_tech.conftest import make_ctx, platform, printer  # noqa: F401  (fixtures)
from tests.support.platform import InProcessPlatform
from ui.kiosk_services import attach_kiosk_services
from ui.shell import KioskWindow
from ui.sync_indicator import submission_news

CARD = {"card_type": "resident_id", "name": "李明华", "id_number": "53252419880315002X", "gender": "女",
        "birth_date": "1988-03-15", "address": "云南省建水县西庄镇团山村12号"}  # fmt: skip


def test_a_finished_submission_is_counted_and_delivered_at_once(
    qtbot: QtBot,
    make_ctx: Callable[..., AppContext],  # noqa: F811
    platform: InProcessPlatform,  # noqa: F811
) -> None:
    ctx = make_ctx(platform.url)
    ctx.enrollment.enroll(enroll_code(platform.store, "532524103205"), platform.url)
    pull_from_platform(ctx)  # an enrolled terminal's catalog comes from its platform
    lazy = LazyServices(ctx)
    window = KioskWindow(lazy.catalog, apply=lazy.apply, identity=ctx.identity, search_debounce_ms=10)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    service = TechnicianService(ctx)
    syncs: list[str] = []
    run_sync = service.run_sync

    def recorded() -> DeliveryReport:
        syncs.append(threading.current_thread().name)
        return run_sync()

    service.run_sync = recorded  # type: ignore[method-assign]
    # No periodic sync (interval 0) and no first pass (start=False): only the submission can start a delivery.
    services = attach_kiosk_services(window, service, sync_interval_s=0, network_information=False, start=False)
    counted: list[int | None] = []
    submission_news().finalised.connect(lambda: counted.append(services.indicator.pending))
    try:
        window.start_apply("530000-RS-0007")  # 社会保障卡申领, offered on self-service terminals
        screen = window.screens.apply
        assert screen is not None
        qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=60_000)
        screen.on_card_read(dict(CARD))
        qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=20_000)
        view = screen.form_view
        assert view is not None
        view.set_answers({"phone": "13800138000", "bank": "rcc"})
        while view.go_next():
            pass
        assert view.submit()
        qtbot.waitUntil(lambda: screen.step == "materials" and not screen.busy, timeout=20_000)
        screen.materials.scan("photo_upload")  # the file scanner's page
        qtbot.waitUntil(lambda: screen.materials.missing.text() == "必交材料已齐全" and not screen.busy, timeout=20_000)
        screen.materials.to_review.click()
        qtbot.waitUntil(lambda: screen.step == "review" and not screen.busy, timeout=20_000)
        screen.review.consent.click()
        assert syncs == [] and platform.store.stats()["submissions"] == 0
        with qtbot.waitSignal(screen.finalised, timeout=30_000):
            screen.review.confirm_button.click()
        assert counted == [1]  # the indicator counted it the moment it was finalised
        assert "待上传 1 件" in services.indicator.text()
        qtbot.waitUntil(lambda: platform.store.stats()["submissions"] == 1, timeout=30_000)  # delivered at once
        qtbot.waitUntil(lambda: services.indicator.pending == 0, timeout=10_000)
        assert "待上传 0 件 · 上次同步" in services.indicator.text()
        assert syncs and all(name != threading.main_thread().name for name in syncs)  # off the GUI thread
    finally:
        services.close()
        window.close()
