"""The reading loop every driver shares: poll no faster than every 300 ms, read a fresh card once, then insist
that it is lifted and laid again before the next read.

A driver supplies four primitives that run on its device thread (`_io_open`, `_io_close`, `_io_probe`, `_io_read`);
`PollingReader` turns them into `read_card(timeout)` for commands and `watch(on_event)` for the kiosk.
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
    """False where the wire cannot tell a lifted card from one already read (GA 467 answers "no card" to both)."""

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

    def _io_status(self) -> str:
        return "ok"

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
        self.open()
        return self._thread.call(self._io_status, timeout=30)

    def read_card(self, timeout: float) -> RawCard:
        if self._watching:
            raise CardReadError("读卡器正在自动读卡，请稍后再试", "the reader is busy watching for cards")
        self.open()
        future = self._thread.submit(lambda: self._read_blocking(timeout))
        try:
            return future.result(timeout + self.io_budget)
        except concurrent.futures.TimeoutError:
            self._thread.abandon()  # a library call that never returns (mute card, hung driver)
            self._after_abandon()
            raise ReaderTimeoutError(
                "读卡器无应答，读卡超时，请检查读卡器", "the reader stopped answering; the read timed out"
            ) from None

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
                    raise NoCardError("读卡已取消", "reading was cancelled")
                continue
            # No room for another poll 300 ms after this one: wait out the timeout, then report.
            if remaining > 0 and self._stop.wait(remaining):
                raise NoCardError("读卡已取消", "reading was cancelled")
            raise self._nothing_to_read(state, timeout)

    def _nothing_to_read(self, state: Presence, timeout: float) -> CardError:
        if state is Presence.STALE:
            return CardNotRelaidError(
                "这张证件已读取，请拿起证件后重新放置", "this card was already read: lift it and lay it again"
            )
        if self._reads and not self.can_sense_removal:  # the reader answers "no card" for a read card too
            return NoCardError(
                f"{timeout:g}秒内未检测到新放置的证件；已读过的证件请拿起后重新放置",
                f"no newly laid card within {timeout:g} s; a card already read must be lifted and laid again",
            )
        return NoCardError(
            f"{timeout:g}秒内未检测到证件，请将证件平放在读卡区", f"no card was laid on the reader within {timeout:g} s"
        )

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
                    lost = ReaderGoneError("读卡器故障，已停止读卡", f"the reader failed: {type(exc).__name__}: {exc}")
                    emit(CardEvent("reader_lost", error=lost))
                    return
                if exc.code != last_error:  # report a persisting fault once, not every poll
                    emit(CardEvent("card_read_failed", error=exc))
                last_error = exc.code
            self._stop.wait(self.poll_interval)
