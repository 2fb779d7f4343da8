"""The device registry: which devices the configuration names, which driver serves each, and their status.

Kept deliberately small. Each device kind has one probe function `probe_<kind>(config) -> list[DeviceEntry]` listed
in `PROBES`; a probe never raises: a missing vendor library, an absent port or a stopped daemon is a *state* with a
message, so `yunban devices list` and the technician's screen always show every configured device. Vendor
libraries are imported lazily inside the driver factories, so a missing pyscard only disables the `pcsc` driver.

To add a kind (printer, scanner): write `probe_printer(config)` next to your service, and add it to `PROBES` in
the order it should be listed. States are short English codes shared by all kinds:

    ready, not_configured, not_present, unavailable, missing_library, fault, error
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.config import CardReaderConfig, Config
from app.model.devices import DeviceEntry

if TYPE_CHECKING:
    from devices.card.base import CardReader

log = logging.getLogger(__name__)

CARD_DRIVERS = ("ga467", "pcsc", "simulated")


class UnknownDriverError(ValueError):
    pass


def open_card_reader(
    settings: CardReaderConfig,
    *,
    driver: str | None = None,
    port: str | None = None,
    reply_timeout: float = 2.0,
) -> CardReader:
    """A card reader for the configured (or given) driver; not opened yet. Raises `UnknownDriverError`, or
    `devices.card.base.ReaderUnavailableError` when the driver's library is missing."""
    driver = driver or settings.driver
    port = settings.port if port is None else port
    if driver == "simulated":
        from devices.card.simulated import SimulatedReader

        return SimulatedReader(port or "resident_id")
    if driver == "ga467":
        from devices.card.ga467 import Ga467Reader

        return Ga467Reader(port, baud=settings.baud, reply_timeout=reply_timeout)
    if driver == "pcsc":
        from devices.card.pcsc import PcscReader

        return PcscReader(port or None, apdu_timeout=reply_timeout)
    raise UnknownDriverError(f"unknown card driver {driver!r}; known: {', '.join(CARD_DRIVERS)}")


_CARD_STATES = {
    "no_card": "ready",
    "not_relaid": "ready",
    "sam_fault": "fault",
    "unavailable": "unavailable",
    "missing_library": "missing_library",
    "reader_gone": "not_present",
    "timeout": "not_present",
}


def probe_card(config: Config) -> list[DeviceEntry]:
    from devices.card.base import CardError, SamFaultError

    settings = config.devices.card
    target = settings.port
    if settings.driver not in CARD_DRIVERS:
        return [DeviceEntry("card", settings.driver, target, "error", "未知的读卡器驱动 (unknown card driver)")]
    if settings.driver == "ga467" and not target:
        return [DeviceEntry("card", "ga467", "", "not_configured", "未配置串口 (devices.card.port is empty)")]
    try:
        reader = open_card_reader(settings, reply_timeout=1.0)
    except CardError as exc:
        state = "missing_library" if exc.code == "missing_library" else "unavailable"
        return [DeviceEntry("card", settings.driver, target, state, f"{exc.message_zh} ({exc.english})")]
    try:
        reader.open()
        status = reader.status()
        details: list[tuple[str, str]] = []
        sam_id = getattr(reader, "sam_id", None)
        if callable(sam_id):
            details.append(("sam_id", str(sam_id())))
        name = getattr(reader, "reader_name", None)
        if isinstance(name, str):
            target = name
        return [DeviceEntry("card", settings.driver, target, "ready", status, tuple(details))]
    except SamFaultError as exc:
        return [DeviceEntry("card", settings.driver, target, "fault", f"{exc.message_zh} ({exc.english})")]
    except CardError as exc:
        state = _CARD_STATES.get(exc.code, "error")
        return [DeviceEntry("card", settings.driver, target, state, f"{exc.message_zh} ({exc.english})")]
    finally:
        reader.close()


Probe = Callable[[Config], list[DeviceEntry]]


def probe_printer(config: Config) -> list[DeviceEntry]:
    from app.devices.printing import probe_printer as probe

    return probe(config)


def probe_scanner(config: Config) -> list[DeviceEntry]:
    from app.devices.scanning import probe_scanner as probe

    return probe(config)


PROBES: dict[str, Probe] = {
    "card": probe_card,
    "printer": probe_printer,
    "scanner": probe_scanner,
}
"""Device kinds in the order `devices list` shows them."""


def list_devices(config: Config, kinds: tuple[str, ...] | None = None) -> list[DeviceEntry]:
    """Every configured device with its status; a probe that fails unexpectedly becomes an `error` entry."""
    entries: list[DeviceEntry] = []
    for kind, probe in PROBES.items():
        if kinds is not None and kind not in kinds:
            continue
        try:
            entries.extend(probe(config))
        except Exception as exc:  # a bug in one probe must not hide the other devices
            log.exception("probing %s devices failed", kind)
            entries.append(DeviceEntry(kind, "?", "", "error", f"{type(exc).__name__}: {exc}"))
    return entries
