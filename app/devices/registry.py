"""The device registry: the kinds a terminal has, each kind's settings translated from the configuration, and every
configured device with its state (`yunban devices list`, the technician's screen).

Contract: each kind (devices/card, devices/printer, devices/scanner) opens and probes its own devices; this module
only lists the kinds in `PROBES`, builds their settings from `Config` and words their probes. Probes never raise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Literal

from app.config import CardReaderConfig, Config, PrinterConfig, ScannerConfig
from app.devices.messages import render
from app.model.devices import DeviceEntry
from devices import card, printer, scanner
from devices.card.base import CardReader
from devices.errors import UnknownDriverError
from devices.probe import Probe

__all__ = [
    "PROBES",
    "KindProbe",
    "UnknownDriverError",
    "card_settings",
    "list_devices",
    "open_card_reader",
    "printer_settings",
    "probe_card",
    "probe_printer",
    "probe_scanner",
    "scanner_settings",
]

log = logging.getLogger(__name__)


def card_settings(
    config: CardReaderConfig, *, driver: str | None = None, port: str | None = None, reply_timeout: float = 2.0
) -> card.CardSettings:
    """The card reader's settings: the configured ones, or another driver or port for one read."""
    return card.CardSettings(
        driver=driver or config.driver,
        port=config.port if port is None else port,
        baud=config.baud,
        reply_timeout=reply_timeout,
    )


def printer_settings(config: PrinterConfig, *, timeout: float = 5.0) -> printer.PrinterSettings:
    return printer.PrinterSettings(uri=config.uri, profile=config.profile, mode=config.mode, timeout=timeout)


def scanner_settings(config: ScannerConfig) -> scanner.ScannerSettings:
    """The configured scanner; the apply flow's source and resolution (a scan may ask for others)."""
    source: Literal["flatbed", "adf"] = "adf" if config.source == "adf" else "flatbed"
    return scanner.ScannerSettings(
        driver=config.driver, device=config.device, source=source, resolution=config.resolution
    )


def open_card_reader(
    settings: CardReaderConfig, *, driver: str | None = None, port: str | None = None, reply_timeout: float = 2.0
) -> CardReader:
    """The configured (or given) card reader, not opened yet; raises `UnknownDriverError`."""
    return card.open_reader(card_settings(settings, driver=driver, port=port, reply_timeout=reply_timeout))


def _entries(probes: list[Probe], language: str | None) -> list[DeviceEntry]:
    return [DeviceEntry(p.kind, p.driver, p.target, p.state, render(p.note, language), p.details) for p in probes]


def probe_card(config: Config, language: str | None = None) -> list[DeviceEntry]:
    return _entries(card.probe(card_settings(config.devices.card, reply_timeout=1.0)), language)


def probe_printer(config: Config, language: str | None = None) -> list[DeviceEntry]:
    return _entries(printer.probe(printer_settings(config.devices.printer, timeout=2.0)), language)


def probe_scanner(config: Config, language: str | None = None) -> list[DeviceEntry]:
    return _entries(scanner.probe(scanner_settings(config.devices.scanner)), language)


KindProbe = Callable[[Config, "str | None"], list[DeviceEntry]]
"""`probe(config, language)`: a kind's configured devices as entries, messages in `language` (None: the CLI's)."""

PROBES: dict[str, KindProbe] = {
    "card": probe_card,
    "printer": probe_printer,
    "scanner": probe_scanner,
}
"""Device kinds in the order `devices list` shows them."""


def list_devices(
    config: Config, kinds: tuple[str, ...] | None = None, *, language: str | None = None
) -> list[DeviceEntry]:
    """Every configured device with its status, messages in `language` (None: the CLI's); a probe that fails
    unexpectedly becomes an `error` entry."""
    entries: list[DeviceEntry] = []
    for kind, probe in PROBES.items():
        if kinds is not None and kind not in kinds:
            continue
        try:
            entries.extend(probe(config, language))
        except Exception as exc:  # a bug in one probe must not hide the other devices
            log.exception("probing %s devices failed", kind)
            entries.append(DeviceEntry(kind, "?", "", "error", f"{type(exc).__name__}: {exc}"))
    return entries
