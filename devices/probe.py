"""What a kind's `probe()` returns: one device, its state and a note for people; probes never raise.

States are shared by every kind: ready, not_configured, not_present, unavailable, missing_library, fault, error.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.errors import Note

__all__ = ["STATES", "Probe"]

STATES = ("ready", "not_configured", "not_present", "unavailable", "missing_library", "fault", "error")


@dataclass(frozen=True, slots=True)
class Probe:
    kind: str
    """card, printer, scanner."""
    driver: str
    target: str
    """Port, reader name, URI or device name; empty when not applicable."""
    state: str
    note: Note
    details: tuple[tuple[str, str], ...] = ()
    """Facts of the kind: a SAM id, the printer's own state and paper, the scanner's own state."""
