"""PC/SC card reader driver (pyscard): reads the social security card's public identity files.

Contract: the connection lives on the driver's device thread (pcsc-lite handles belong to the thread that made
them); an APDU that never returns is cut off by the read deadline and its stuck thread abandoned.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from typing import Any

from devices.card import apdu
from devices.card.base import (
    CardError,
    CardEvent,
    CardReadError,
    CardRemovedError,
    DriverLibraryMissingError,
    NoCardError,
    RawCard,
    ReaderGoneError,
    ReaderUnavailableError,
)
from devices.card.polling import PollingReader
from devices.errors import Note

log = logging.getLogger(__name__)


def _import_pyscard() -> Any:
    try:
        import smartcard.System
    except ImportError as exc:
        raise DriverLibraryMissingError(library="pyscard", driver="PC/SC") from exc
    return smartcard.System


def list_readers() -> list[str]:
    """Names of the PC/SC readers pcscd knows; `ReaderUnavailableError` when pcscd is not running."""
    system = _import_pyscard()
    from smartcard.pcsc.PCSCExceptions import BaseSCardException

    try:
        return [str(r) for r in system.readers()]
    except BaseSCardException as exc:
        raise ReaderUnavailableError(reason="pcscd_down", error=str(exc)) from exc


def _stop_idle_card_monitor() -> None:
    """Stop pyscard's monitoring thread once nobody observes it.

    pyscard starts `CardMonitor`'s thread with the singleton and never stops it (`_START_ON_DEMAND_ = False`), so
    it would poll pcscd for the life of the process and, should pcscd go first, print errors at exit. The next
    `CardMonitor()` builds a fresh singleton and thread.
    """
    from smartcard.CardMonitoring import CardMonitor, CardMonitoringThread

    monitor = CardMonitor.instance
    if monitor is None or monitor.countObservers() > 0:
        return
    from smartcard.scard import SCardCancel

    thread = CardMonitoringThread.instance
    request = getattr(getattr(thread, "cardrequest", None), "pcsccardrequest", None)
    if monitor.rmthread is not None:
        monitor.rmthread.stop()
        # Its wait for a card event would otherwise last up to 60 s; cancel until it has noticed (a cancel sent
        # between two waits is lost).
        for _ in range(50):
            if thread is None or not thread.is_alive():
                break
            if request is not None and request.hcontext is not None:
                SCardCancel(request.hcontext)
            thread.join(timeout=0.1)
        monitor.rmthread.join(timeout=1)
    CardMonitor.instance = None
    if request is not None and thread is not None and not thread.is_alive():
        try:
            request.release()
        except Exception:  # pcscd already gone: nothing left to release
            request.hcontext = None


class PcscReader(PollingReader):
    driver = "pcsc"
    can_sense_removal = True

    def __init__(self, reader_name: str | None = None, *, apdu_timeout: float = 2.0, poll_interval: float = 0.5):
        super().__init__(poll_interval=poll_interval, thread_name="card-pcsc")
        self.wanted = reader_name
        self.io_budget = apdu_timeout * 4
        self.reader_name: str | None = None
        self.atr: bytes | None = None
        self._connection: Any = None
        self._abandoned: list[Any] = []
        self._connected = False
        self._monitor: Any = None
        self._observer: Any = None

    # -- primitives -----------------------------------------------------------------------------------------------
    def _io_open(self) -> None:
        names = list_readers()
        chosen = [n for n in names if self.wanted is None or self.wanted in n]
        if not names:
            raise ReaderUnavailableError(reason="no_pcsc_reader")
        if not chosen:
            raise ReaderUnavailableError(reason="pcsc_reader_not_found", wanted=self.wanted, present=", ".join(names))
        system = _import_pyscard()
        reader = next(r for r in system.readers() if str(r) == chosen[0])
        self.reader_name = chosen[0]
        self._connection = reader.createConnection()

    def _io_close(self) -> None:
        if self._connection is not None:
            self._disconnect()
            self._release(self._connection)
            self._connection = None
        while self._abandoned:
            self._release(self._abandoned.pop())

    @staticmethod
    def _release(connection: Any) -> None:
        try:
            connection.release()
        except Exception:  # pcscd gone or restarted: the context died with it
            log.debug("releasing the PC/SC context failed", exc_info=True)
            connection.hcontext = None  # or pyscard's __del__ tries again and warns

    def _after_abandon(self) -> None:
        # The stuck thread still uses this connection; release it at close, from a thread that is not stuck.
        if self._connection is not None:
            self._abandoned.append(self._connection)
        self._connection = None
        self._connected = False

    def _disconnect(self) -> None:
        if self._connected:
            try:
                self._connection.disconnect()
            except Exception:
                log.debug("disconnect failed", exc_info=True)
            self._connected = False

    def _io_present(self) -> bool:
        from smartcard.Exceptions import CardConnectionException, NoCardException

        if self._connection is None:
            self._io_open()
        self._disconnect()
        try:
            self._connection.connect()
        except NoCardException:
            return False
        except CardConnectionException as exc:
            if "unavailable" in str(exc).lower() or "unknown reader" in str(exc).lower():
                raise ReaderGoneError(reason="pcsc_reader_gone", error=str(exc)) from exc
            return False  # a card still settling (mute, resetting) counts as absent until the next poll
        self._connected = True
        self.atr = bytes(self._connection.getATR())
        return True

    def transmit(self, command: bytes, *, what: str) -> bytes:
        """Send one APDU; follow 61xx (GET RESPONSE) and 6Cxx (wrong Le); raise for any other non-9000 status."""
        from smartcard.Exceptions import CardConnectionException

        if len(command) < 4:  # vpcd would read a 1-byte APDU as a control byte and hang; no real APDU is that short
            raise ValueError("an APDU has at least 4 bytes")
        try:
            data, sw1, sw2 = self._connection.transmit(list(command))
            if sw1 == 0x6C:
                data, sw1, sw2 = self._connection.transmit([*command[:-1], sw2])
            chunks = bytes(data)
            while sw1 == 0x61:
                data, sw1, sw2 = self._connection.transmit(list(apdu.get_response(sw2)))
                chunks += bytes(data)
        except CardConnectionException as exc:
            self._connected = False
            raise CardRemovedError(reason="removed_during_apdu", error=str(exc)) from exc
        if (sw1, sw2) != apdu.SW_OK:
            raise apdu.sw_error(sw1, sw2, what=what)
        return chunks

    def _io_read(self) -> RawCard:
        if not self._connected and not self._io_present():
            raise NoCardError()
        try:
            self.transmit(apdu.select_by_name(apdu.SSC_APPLICATION), what="select application")
            records: dict[int, bytes] = {}
            self.transmit(apdu.select_file(apdu.EF_CARD), what="select EF05")
            for number in (apdu.REC_ISSUE_DATE, apdu.REC_VALID_TO):
                rec = self._optional_record(number, what=f"read EF05/{number:02X}")
                if rec is not None:
                    records[number] = apdu.parse_tlv(rec, number)
            rec = self.transmit(apdu.read_record(apdu.REC_CARD_NUMBER), what="read EF05/07")
            records[apdu.REC_CARD_NUMBER] = apdu.parse_tlv(rec, apdu.REC_CARD_NUMBER)
            self.transmit(apdu.select_file(apdu.EF_HOLDER), what="select EF06")
            for number in (apdu.REC_SSN, apdu.REC_NAME, apdu.REC_GENDER, apdu.REC_ETHNICITY, apdu.REC_BIRTH_DATE):
                rec = self.transmit(apdu.read_record(number), what=f"read EF06/{number:02X}")
                records[number] = apdu.parse_tlv(rec, number)
        finally:
            self._disconnect()
        return RawCard("pcsc", "social_security", apdu.decode_holder(records))

    def _optional_record(self, number: int, *, what: str) -> bytes | None:
        """A record a card may lack (6A83 record not found): None then; any other refusal is raised."""
        try:
            return self.transmit(apdu.read_record(number), what=what)
        except CardReadError as exc:
            if exc.params.get("sw") == "6A83":
                return None
            raise

    def _io_status(self) -> Note:
        return Note("devices.card.ready_pcsc", {"reader": self.reader_name or ""})

    # -- events through CardMonitor ---------------------------------------------------------------------------------
    # Its observers run on pyscard's own thread: ours only puts the event on a queue; the device thread reads.
    def watch(self, on_event: Callable[[CardEvent], None]) -> None:
        if self._watching:
            return
        self.open()
        from smartcard.CardMonitoring import CardMonitor, CardObserver

        events: queue.Queue[tuple[str, str]] = queue.Queue()

        class Forwarder(CardObserver):  # type: ignore[misc]
            """Runs on pyscard's monitor thread: only forwards."""

            def update(self, observable: object, handlers: tuple[list[Any], list[Any]]) -> None:
                added, removed = handlers
                for card in removed:
                    events.put(("removed", str(card.reader)))
                for card in added:
                    events.put(("inserted", str(card.reader)))

        self._monitor = CardMonitor()
        self._observer = Forwarder()
        self._stop.clear()
        self._watching = True
        self._watch_future = self._thread.submit(lambda: self._consume(events, on_event))
        self._monitor.addObserver(self._observer)

    def _consume(self, events: queue.Queue[tuple[str, str]], on_event: Callable[[CardEvent], None]) -> None:
        def emit(event: CardEvent) -> None:
            try:
                on_event(event)
            except Exception:
                log.exception("card event listener failed")

        while not self._stop.is_set():
            try:
                kind, reader = events.get(timeout=self.poll_interval)
            except queue.Empty:
                continue
            if reader != self.reader_name:
                continue
            if kind == "removed":
                self._needs_lift = False
                emit(CardEvent("card_removed"))
                continue
            if self._needs_lift:  # the card read before watching started is still there
                continue
            try:
                emit(CardEvent("card_read", card=self._read_fresh()))
            except ReaderGoneError as exc:
                emit(CardEvent("reader_lost", error=exc))
                return
            except CardError as exc:
                emit(CardEvent("card_read_failed", error=exc))

    def stop_watching(self) -> None:
        if self._monitor is not None and self._observer is not None:
            self._monitor.deleteObserver(self._observer)
            _stop_idle_card_monitor()
            self._monitor = self._observer = None
        super().stop_watching()
