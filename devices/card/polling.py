"""The reading loop every driver shares (`PollingReader`): poll no faster than every 300 ms, read a fresh card once,
then insist that it is lifted and laid again before the next read.

Contract: a driver supplies `_io_open`, `_io_close`, `_io_present`, `_io_read` and `_io_status`, all run on its
device thread; `PollingReader` turns them into `read_card(timeout)` for commands and `watch(on_event)` for the kiosk.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from enum import Enum

from devices.card.base import (
    MIN_POLL_INTERVAL_S,
    CardError,
    CardEvent,
    CardNotRelaidError,
    CardReadError,
    DeviceThread,
    NoCardError,
    RawCard,
    ReaderGoneError,
    ReaderTimeoutError,
)
from devices.errors import Note

log = logging.getLogger(__name__)


class Presence(Enum):
    ABSENT = "absent"
    FRESH = "fresh"
    """A card is there and has not been read since it was laid."""
    STALE = "stale"
    """The card already read is still there."""


class PollingReader:
    """Base of the real and simulated drivers; see the module docstring."""

    driver = "base"
    can_sense_removal = True
    reader_halts_read_cards = False
    """True where the reader itself answers "no card" for a card it has read until it is lifted (GA 467): a found
    card is then always a newly laid one."""
    io_budget = 10.0
    """Seconds a read may take once a card is found; past it the device thread is deemed stuck and abandoned."""

    def __init__(self, *, poll_interval: float = 0.5, thread_name: str = "card-reader") -> None:
        self.poll_interval = max(poll_interval, MIN_POLL_INTERVAL_S)
        self._thread = DeviceThread(thread_name)
        self._stop = threading.Event()
        self._watching = False
        self._watch_future: Future[None] | None = None
        self._needs_lift = False
        self._reads = 0
        self._opened = False

    # -- primitives (device thread) -----------------------------------------------------------------------------
    def _io_open(self) -> None:
        raise NotImplementedError

    def _io_close(self) -> None:
        raise NotImplementedError

    def _io_present(self) -> bool:
        """One poll: is a card there that the reader can read?"""
        raise NotImplementedError

    def _io_read(self) -> RawCard:
        raise NotImplementedError

    def _io_status(self) -> Note:
        return Note("devices.card.ready")

    def _after_abandon(self) -> None:
        """Called on the caller's thread after the device thread was abandoned: drop handles it may still hold."""

    # -- public API -----------------------------------------------------------------------------------------------
    def open(self) -> None:
        if not self._opened:
            self._thread.call(self._io_open)
            self._opened = True

    def close(self) -> None:
        self.stop_watching()
        if self._opened:
            try:
                self._thread.call(self._io_close, timeout=5)
            except Exception:  # closing a vanished port may fail; the thread is released anyway
                log.debug("closing %s reader failed", self.driver, exc_info=True)
            self._opened = False
        self._thread.shutdown()

    def status(self) -> str:
        return self.status_note().text()

    def status_note(self) -> Note:
        """`status()` as a note (what a probe reports); raises `CardError` saying what is wrong."""
        self.open()
        return self._thread.call(self._io_status, timeout=30)

    def read_card(self, timeout: float) -> RawCard:
        if self._watching:
            raise CardReadError(reason="busy_watching")
        self.open()
        future = self._thread.submit(lambda: self._read_blocking(timeout))
        try:
            return future.result(timeout + self.io_budget)
        except concurrent.futures.TimeoutError:
            self._thread.abandon()  # a library call that never returns (mute card, hung driver)
            self._after_abandon()
            raise ReaderTimeoutError(reason="stuck") from None

    def watch(self, on_event: Callable[[CardEvent], None]) -> None:
        if self._watching:
            return
        self.open()
        self._stop.clear()
        self._watching = True
        self._watch_future = self._thread.submit(lambda: self._watch_loop(on_event))

    def stop_watching(self) -> None:
        if not self._watching:
            return
        self._stop.set()
        future = self._watch_future
        if future is not None:
            try:
                future.result(timeout=10)
            except Exception:
                log.debug("watch loop ended with an error", exc_info=True)
        self._watching = False
        self._watch_future = None
        self._stop.clear()

    # -- shared logic (device thread) -----------------------------------------------------------------------------
    def _presence(self) -> Presence:
        if not self._io_present():
            self._needs_lift = False
            return Presence.ABSENT
        return Presence.STALE if self._needs_lift and not self.reader_halts_read_cards else Presence.FRESH

    def _read_fresh(self) -> RawCard:
        card = self._io_read()
        self._needs_lift = True
        self._reads += 1
        return card

    def _read_blocking(self, timeout: float) -> RawCard:
        deadline = time.monotonic() + timeout
        while True:
            state = self._presence()
            if state is Presence.FRESH:
                return self._read_fresh()
            remaining = deadline - time.monotonic()
            if remaining >= self.poll_interval:
                if self._stop.wait(self.poll_interval):
                    raise NoCardError(reason="cancelled")
                continue
            # No room for another poll 300 ms after this one: wait out the timeout, then report.
            if remaining > 0 and self._stop.wait(remaining):
                raise NoCardError(reason="cancelled")
            raise self._nothing_to_read(state, timeout)

    def _nothing_to_read(self, state: Presence, timeout: float) -> CardError:
        if state is Presence.STALE:
            return CardNotRelaidError()
        if self._reads and not self.can_sense_removal:  # the reader answers "no card" for a read card too
            return NoCardError(reason="no_new_card_within", timeout=timeout)
        return NoCardError(reason="no_card_within", timeout=timeout)

    def _watch_loop(self, on_event: Callable[[CardEvent], None]) -> None:
        def emit(event: CardEvent) -> None:
            try:
                on_event(event)
            except Exception:  # a listener's bug must not stop the reader
                log.exception("card event listener failed")

        present = False
        last_error: str | None = None
        while not self._stop.is_set():
            try:
                state = self._presence()
                if state is Presence.FRESH:
                    try:
                        emit(CardEvent("card_read", card=self._read_fresh()))
                        last_error = None
                    except ReaderGoneError:
                        raise
                    except CardError as exc:
                        emit(CardEvent("card_read_failed", error=exc))
                elif state is Presence.ABSENT and present and self.can_sense_removal:
                    emit(CardEvent("card_removed"))
                present = state is not Presence.ABSENT
            except ReaderGoneError as exc:
                emit(CardEvent("reader_lost", error=exc))
                return
            except Exception as exc:
                if not isinstance(exc, CardError):  # a driver bug or an unexpected library error: stop, say so
                    log.exception("%s reader failed", self.driver)
                    lost = ReaderGoneError(reason="reader_failed", error=f"{type(exc).__name__}: {exc}")
                    emit(CardEvent("reader_lost", error=lost))
                    return
                if exc.code != last_error:  # report a persisting fault once, not every poll
                    emit(CardEvent("card_read_failed", error=exc))
                last_error = exc.code
            self._stop.wait(self.poll_interval)
