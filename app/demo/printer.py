"""The demo's virtual receipt printer: started on loopback, and the terminal's printer pointed at it."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from devices.printer.profiles import get_profile

if TYPE_CHECKING:
    from app.context import AppContext
    from devices.emulators.virtual_printer import VirtualPrinter

log = logging.getLogger(__name__)

__all__ = ["start_demo_printer"]


def start_demo_printer(ctx: AppContext, window: object = None) -> VirtualPrinter:
    """A demo service (`app.main.register_demo_service`): the virtual printer on a free loopback port, its receipts
    rendered to `<home>/demo-printer/`. A terminal with no printer configured prints to it."""
    from devices.emulators.virtual_printer import VirtualPrinter

    profile = get_profile(ctx.config.devices.printer.profile)
    printer = VirtualPrinter(out_dir=ctx.home / "demo-printer", dots=profile.dots)
    printer.start()
    if not ctx.config.devices.printer.uri:
        ctx.printer.config = replace(ctx.printer.config, uri=printer.uri)
    log.info("demo printer on %s, receipts in %s", printer.uri, printer.out_dir)
    return printer
