"""The `simulated` card driver: a reader with no hardware and a demo card on it (the demo, the app's tests).

Contract: `lay(card)` puts a card on it and `lift()` takes it away; with `auto_relay` (the default) a card read is
taken away and laid again `relay_after` seconds later, so a visitor can read it again and again.
"""

from __future__ import annotations

import threading
import time

from devices.card.base import RawCard
from devices.card.polling import PollingReader
from devices.emulators.demo_cards import DEMO_ID_CARDS, DemoIdCard
from devices.errors import Note


class SimulatedReader(PollingReader):
    driver = "simulated"

    def __init__(
        self,
        card: DemoIdCard | str | None = "resident_id",
        *,
        auto_relay: bool = True,
        relay_after: float = 1.0,
        poll_interval: float = 0.3,
    ) -> None:
        super().__init__(poll_interval=poll_interval, thread_name="card-simulated")
        self._lock = threading.Lock()
        self._card: DemoIdCard | None = DEMO_ID_CARDS[card]() if isinstance(card, str) else card
        self._lifted_at: float | None = None
        self.auto_relay = auto_relay
        self.relay_after = relay_after
        self._template = self._card

    def lay(self, card: DemoIdCard | str) -> None:
        with self._lock:
            self._card = DEMO_ID_CARDS[card]() if isinstance(card, str) else card
            self._template = self._card
            self._lifted_at = None
        self._needs_lift = False

    def lift(self) -> None:
        with self._lock:
            self._card = None
            self._lifted_at = time.monotonic()

    def _io_open(self) -> None:
        return None

    def _io_close(self) -> None:
        return None

    def _io_present(self) -> bool:
        with self._lock:
            relay_due = self._lifted_at is not None and time.monotonic() - self._lifted_at >= self.relay_after
            if self._card is None and self.auto_relay and self._template is not None and relay_due:
                self._card, self._lifted_at = self._template, None
                return False  # report one "absent" so the card counts as laid again
            return self._card is not None

    def _io_read(self) -> RawCard:
        with self._lock:
            card = self._card
            if self.auto_relay:
                self._card, self._lifted_at = None, time.monotonic()
        assert card is not None
        return RawCard(
            "simulated", card.card_type, dict(card.fields), card.photo or None, "wlt" if card.photo else None
        )

    def _io_status(self) -> Note:
        kind = self._template.card_type if self._template is not None else "none"
        return Note("devices.card.ready_simulated", {"card": kind})
