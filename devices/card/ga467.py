"""GA 467 serial ID-card reader driver (pyserial): find (`20 01`) → select (`20 02`) → read base message (`30 01`)
→ for cards with an address, read the additional address (`30 03`, 追加住址) where the reader supports it.

Contract: every reply's XOR checksum is verified; a bad one is retried once after flushing the line, then reported.
A reader that does not know `30 03` (status 0x21 or 0x23) is not asked again; status 0x91 means no additional address.
"""

from __future__ import annotations

import logging
import termios
import time
from typing import Any

from devices.card import ga467_frames as f
from devices.card.base import (
    ChecksumError,
    DriverLibraryMissingError,
    NoCardError,
    RawCard,
    ReaderGoneError,
    ReaderTimeoutError,
    ReaderUnavailableError,
)
from devices.card.polling import PollingReader
from devices.errors import Note

log = logging.getLogger(__name__)


class Ga467Reader(PollingReader):
    driver = "ga467"
    can_sense_removal = False
    # The reader keeps a card it has read halted and answers "no card" until it is lifted and laid again, which
    # gives the lift-and-lay rule for free.
    reader_halts_read_cards = True

    def __init__(
        self,
        port: str,
        *,
        baud: int = 115200,
        reply_timeout: float = 2.0,
        poll_interval: float = 0.5,
    ) -> None:
        super().__init__(poll_interval=poll_interval, thread_name=f"card-ga467-{port.rsplit('/', 1)[-1]}")
        self.port = port
        self.baud = baud
        self.reply_timeout = reply_timeout
        self._serial: Any = None
        self.io_budget = reply_timeout * 8
        self.reads_additional_address: bool | None = None
        """Whether the reader answers `30 03`: None until asked, False once it said it does not know it."""

    # -- wire ---------------------------------------------------------------------------------------------------
    def _io_open(self) -> None:
        try:
            import serial
        except ImportError as exc:  # pragma: no cover - pyserial is a core dependency
            raise DriverLibraryMissingError(library="pyserial", driver="GA 467") from exc
        if not self.port:
            raise ReaderUnavailableError(reason="no_port")
        try:
            self._serial = serial.Serial(self.port, self.baud, timeout=self.reply_timeout, write_timeout=2)
        except (serial.SerialException, OSError) as exc:
            raise ReaderUnavailableError(reason="port_unavailable", port=self.port, error=str(exc)) from exc

    def _io_close(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            finally:
                self._serial = None

    def _gone(self, exc: BaseException) -> ReaderGoneError:
        self._io_close_quietly()
        return ReaderGoneError(port=self.port, error=str(exc))

    def _io_close_quietly(self) -> None:
        try:
            self._io_close()
        except Exception:
            self._serial = None

    def _read_exact(self, count: int, deadline: float) -> bytes:
        import serial

        out = bytearray()
        while len(out) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                # Setting the timeout reconfigures the port (tcgetattr): a reader unplugged mid-read fails here too.
                self._serial.timeout = remaining
                chunk = self._serial.read(count - len(out))
            except (serial.SerialException, OSError, termios.error) as exc:
                raise self._gone(exc) from exc
            if not chunk:
                break
            out += chunk
        return bytes(out)

    def _receive(self, deadline: float) -> bytes:
        """One reply frame: sync on the preamble, then the declared length."""
        window = b""
        while window != f.PREAMBLE:
            byte = self._read_exact(1, deadline)
            if not byte:
                if window:
                    raise ReaderTimeoutError(reason="truncated")
                raise ReaderTimeoutError()
            window = (window + byte)[-len(f.PREAMBLE) :]
        head = self._read_exact(2, deadline)
        length = int.from_bytes(head, "big") if len(head) == 2 else 0
        rest = self._read_exact(length, deadline) if len(head) == 2 else b""
        frame = f.PREAMBLE + head + rest
        if len(head) < 2 or len(rest) < length:
            raise ReaderTimeoutError(reason="truncated_frame", got=len(frame), expected=7 + length)
        return frame

    def _transact(self, command: tuple[int, int], *, during: str, accept: tuple[int, ...] = ()) -> f.Reply:
        """Send a command and return the reply with a success status (0x90/0x9F, or one in `accept`); raise
        otherwise."""
        import serial

        if self._serial is None:
            self._io_open()
        frame = f.build_command(command)
        for attempt in (1, 2):
            try:
                self._serial.reset_input_buffer()
                self._serial.write(frame)
                self._serial.flush()
            except (serial.SerialException, OSError, termios.error) as exc:
                raise self._gone(exc) from exc
            raw = self._receive(time.monotonic() + self.reply_timeout)
            try:
                reply = f.parse_reply(raw)
            except ChecksumError:
                if attempt == 2:
                    raise
                log.warning("GA 467 reply with a bad checksum to %02X %02X; retrying", *command)
                continue
            if reply.sw3 == f.SW_BAD_CHECKSUM and attempt == 1:  # the reader got our frame garbled
                continue
            if reply.sw3 in (f.SW_OK, f.SW_FOUND) or reply.sw3 in accept:
                return reply
            raise f.status_error(reply.sw3, during=during)
        raise AssertionError("unreachable")

    # -- primitives -----------------------------------------------------------------------------------------------
    def _io_present(self) -> bool:
        try:
            self._transact(f.FIND_CARD, during="find")
        except NoCardError:
            return False
        return True

    def _io_read(self) -> RawCard:
        try:
            self._transact(f.SELECT_CARD, during="select")
        except NoCardError as exc:
            raise f.status_error(f.SW_SELECT_FAILED, during="read") from exc
        reply = self._transact(f.READ_BASE, during="read")
        message = f.parse_base_message(reply.data)
        card_type, fields = f.parse_text(message.text)
        if card_type in f.ADDRESS_CARD_TYPES and self.reads_additional_address is not False:
            extra = self._additional_address()
            if extra:
                fields["additional_address"] = extra
        return RawCard("ga467", card_type, fields, message.photo or None, "wlt" if message.photo else None)

    def _additional_address(self) -> str | None:
        """`30 03` right after the base message, while the card is still selected (as the vendors' SDKs do)."""
        unknown = (f.SW_UNKNOWN_COMMAND, f.SW_NOT_PERMITTED)
        reply = self._transact(f.READ_ADDITIONAL_ADDRESS, during="read", accept=(f.SW_NO_CONTENT, *unknown))
        if reply.sw3 in unknown:
            log.info("GA 467 reader at %s does not read additional addresses (status %02X)", self.port, reply.sw3)
            self.reads_additional_address = False
            return None
        self.reads_additional_address = True
        if reply.sw3 == f.SW_NO_CONTENT:
            return None
        return f.parse_additional_address(reply.data)

    def _io_status(self) -> Note:
        self._transact(f.SAM_STATUS, during="sam")
        return Note("devices.card.ready_sam")

    # -- diagnostics ----------------------------------------------------------------------------------------------
    def sam_id(self) -> str:
        """The SAM serial number (`12 FF`), for the technician's screen."""
        self.open()
        return self._thread.call(lambda: f.format_sam_id(self._transact(f.SAM_ID, during="sam").data))

    def reset_sam(self) -> None:
        """Reset the SAM (`10 FF`); the first thing to try after a SAM fault."""
        self.open()
        self._thread.call(lambda: self._transact(f.SAM_RESET, during="sam"))
