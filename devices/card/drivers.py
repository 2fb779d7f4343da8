"""Identity-card readers by driver name: `open_reader(CardSettings)` builds one, `probe(CardSettings)` says what is
there.

Contract: drivers `ga467` (serial), `pcsc` (pyscard) and `simulated` (devices/emulators/simulated_reader.py) are
imported when chosen, so a missing pyscard disables only `pcsc`; `probe` never raises.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.card.base import CardError, CardReader, SamFaultError
from devices.card.polling import PollingReader
from devices.errors import Note, UnknownDriverError
from devices.probe import Probe

__all__ = ["DRIVERS", "CardSettings", "open_reader", "probe"]

DRIVERS = ("ga467", "pcsc", "simulated")


@dataclass(frozen=True, slots=True)
class CardSettings:
    driver: str = "simulated"
    port: str = ""
    """ga467: the serial port; pcsc: (part of) a reader's name, empty for the first; simulated: the demo card
    (`resident_id`, `hmt_residence_permit`, …; empty: resident_id)."""
    baud: int = 115200
    reply_timeout: float = 2.0
    """Seconds to wait for the reader's answer to one command (GA 467) or one APDU (PC/SC)."""


def open_reader(settings: CardSettings) -> CardReader:
    """The reader the settings name, not opened yet; raises `UnknownDriverError`."""
    return _reader(settings)


def _reader(settings: CardSettings) -> PollingReader:
    if settings.driver == "simulated":
        from devices.emulators.demo_cards import DEMO_ID_CARDS
        from devices.emulators.simulated_reader import SimulatedReader

        card = settings.port or "resident_id"  # the port names the demo card
        if card not in DEMO_ID_CARDS:
            raise UnknownDriverError("card", f"simulated:{card}", [f"simulated:{c}" for c in DEMO_ID_CARDS])
        return SimulatedReader(card)
    if settings.driver == "ga467":
        from devices.card.ga467 import Ga467Reader

        return Ga467Reader(settings.port, baud=settings.baud, reply_timeout=settings.reply_timeout)
    if settings.driver == "pcsc":
        from devices.card.pcsc import PcscReader

        return PcscReader(settings.port or None, apdu_timeout=settings.reply_timeout)
    raise UnknownDriverError("card", settings.driver, DRIVERS)


_STATES = {
    "no_card": "ready",
    "not_relaid": "ready",
    "sam_fault": "fault",
    "unavailable": "unavailable",
    "missing_library": "missing_library",
    "reader_gone": "not_present",
    "timeout": "not_present",
}
"""A reader error's code → the state every kind shares (anything else is `error`)."""


def probe(settings: CardSettings) -> list[Probe]:
    """Open the configured reader and ask it (and its SAM) how it is; details: `sam_id` (GA 467)."""
    driver, target = settings.driver, settings.port
    if driver not in DRIVERS:
        return [Probe("card", driver, target, "error", UnknownDriverError("card", driver, DRIVERS).note)]
    if driver == "ga467" and not target:
        return [Probe("card", driver, "", "not_configured", Note("devices.card.no_port"))]
    reader = _reader(settings)
    try:
        reader.open()
        note = reader.status_note()
        details: list[tuple[str, str]] = []
        sam_id = getattr(reader, "sam_id", None)
        if callable(sam_id):
            details.append(("sam_id", str(sam_id())))
        name = getattr(reader, "reader_name", None)
        if isinstance(name, str):
            target = name
        return [Probe("card", driver, target, "ready", note, tuple(details))]
    except SamFaultError as exc:
        return [Probe("card", driver, target, "fault", exc.note)]
    except CardError as exc:
        return [Probe("card", driver, target, _STATES.get(exc.code, "error"), exc.note)]
    finally:
        reader.close()
