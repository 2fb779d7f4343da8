"""The card-reader interface shared by every driver: `CardReader`, the `RawCard` it returns, its errors and events.

Contract: every failure a person can act on is a `CardError` whose subclass fixes a stable `code`; its words are the
application's (app/devices/messages.py, keys `devices.card.<reason>`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol, TypeVar, runtime_checkable

from devices.errors import DeviceError

T = TypeVar("T")

MIN_POLL_INTERVAL_S = 0.3
"""Readers must not be polled faster: GA 467 readers (and their SAM) misbehave under tighter find-card loops."""


class CardError(DeviceError):
    """A reader or card failure: `CardRemovedError(reason="lifted_during_read", sw3=0x41)`."""

    kind = "card"
    code = "read_failed"


class NoCardError(CardError):
    """no_card: no card laid on the reader within the timeout."""

    code = "no_card"


class CardRemovedError(CardError):
    """card_removed: the card was lifted while it was being read."""

    code = "card_removed"


class CardNotRelaidError(CardError):
    """not_relaid: the card already read is still there: lift it and lay it again."""

    code = "not_relaid"


class SamFaultError(CardError):
    """sam_fault: the reader's security module (SAM) failed or is not authorised."""

    code = "sam_fault"


class ChecksumError(CardError):
    """checksum: a frame arrived with a bad XOR checksum (either direction)."""

    code = "checksum"


class ReaderTimeoutError(CardError):
    """timeout: the reader did not answer in time (silence, a truncated reply)."""

    code = "timeout"


class ReaderGoneError(CardError):
    """reader_gone: the port or reader vanished (unplugged)."""

    code = "reader_gone"


class ReaderUnavailableError(CardError):
    """unavailable: no such port or reader, pcscd not running."""

    code = "unavailable"


class DriverLibraryMissingError(ReaderUnavailableError):
    """missing_library: the driver's vendor library (pyserial, pyscard) is not installed."""

    code = "missing_library"


class UnsupportedCardError(CardError):
    """unsupported: a card type or application this driver cannot read."""

    code = "unsupported"


class CardReadError(CardError):
    """read_failed: any other refusal, with the status word in the parameters."""

    code = "read_failed"


@dataclass(frozen=True, slots=True)
class RawCard:
    """What a driver read, before names are looked up.

    `card_type`: `resident_id`, `hmt_residence_permit`, `foreign_permanent_2017`, `foreign_permanent_2023`,
    `social_security`. `fields` keys: name, name_en, gender (GB/T 2261.1 code), ethnicity (GB/T 3304 code),
    birth_date (YYYYMMDD), address, additional_address (GA 467 追加住址), id_number, authority, valid_from, valid_to
    (YYYYMMDD or 长期), issue_date (YYYYMMDD, social security card 发卡日期), nationality (ISO 3166-1 alpha-3),
    permit_number, issue_count, card_number, card_version, authority_code. Absent: not set.
    """

    source: str
    card_type: str
    fields: dict[str, str]
    photo: bytes | None = field(default=None, repr=False)
    photo_format: str | None = None


@dataclass(frozen=True, slots=True)
class CardEvent:
    """Something that happened at a reader, named in the past tense.

    `kind`: `card_read` (with `card`), `card_read_failed` (with `error`), `card_removed`, `reader_lost` (with
    `error`; watching stops).
    """

    kind: str
    card: RawCard | None = None
    error: CardError | None = None


@runtime_checkable
class CardReader(Protocol):
    """One identity-card reader. Methods block the caller; all device I/O runs on the driver's own thread."""

    driver: str
    """`ga467`, `pcsc` or `simulated`."""
    can_sense_removal: bool
    """Whether `card_removed` events are reported (a GA 467 reader cannot tell a lifted card from a read one)."""

    def open(self) -> None:
        """Connect to the reader; raises `ReaderUnavailableError` when it cannot be found."""

    def close(self) -> None:
        """Stop watching, release the port and the device thread. Safe to call twice."""

    def status(self) -> str:
        """Check the reader (and its SAM): a short note in words when it is ready; raises `CardError` if not."""

    def read_card(self, timeout: float) -> RawCard:
        """Wait up to `timeout` seconds for a card laid on the reader, read it, return it."""

    def watch(self, on_event: Callable[[CardEvent], None]) -> None:
        """Poll for cards and report each read; `on_event` runs on the device thread and must only forward."""

    def stop_watching(self) -> None:
        """Stop the polling started by `watch`."""


class DeviceThread:
    """The one thread a physical reader's I/O runs on: a single-worker executor with a named thread.

    Serial ports and PC/SC handles are not safe to share between threads (pyserial documents no locking; pcsc-lite
    handles belong to the context's thread), so every call is funnelled through here, the way Electrum funnels
    its hidapi calls through one single-worker executor (spesmilo/electrum `electrum/plugin.py`).
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._thread_ident: int | None = None

    def _mark(self) -> None:
        self._thread_ident = threading.get_ident()

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        def run() -> T:
            self._mark()
            return fn()

        return self._executor.submit(run)

    def call(self, fn: Callable[[], T], timeout: float | None = None) -> T:
        """Run `fn` on the device thread and wait for it (run inline when already on it)."""
        if threading.get_ident() == self._thread_ident:
            return fn()
        return self.submit(fn).result(timeout)

    def abandon(self) -> None:
        """Give up on a thread stuck in a library call: later calls get a fresh thread."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        self._thread_ident = None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
