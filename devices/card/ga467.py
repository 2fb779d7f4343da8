"""GA 467 serial ID-card reader driver (pyserial).

Sequence per card: find (`20 01`, expect 0x9F) → select (`20 02`, 0x90) → read base message (`30 01`, 0x90). Every
reply's XOR checksum is verified; a reply with a bad checksum is retried once after flushing the line (noise on a
long RS-232 cable is the usual cause), then reported. The reader keeps a card it has read in a halted state and
answers "no card" until it is lifted and laid again, which gives the lift-and-lay rule for free.
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

log = logging.getLogger(__name__)


class Ga467Reader(PollingReader):
    driver = "ga467"
    can_sense_removal = False
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

    # -- wire ---------------------------------------------------------------------------------------------------
    def _io_open(self) -> None:
        try:
            import serial
        except ImportError as exc:  # pragma: no cover - pyserial is a core dependency
            raise DriverLibraryMissingError("缺少pyserial库", "the pyserial library is not installed") from exc
        if not self.port:
            raise ReaderUnavailableError("未配置读卡器串口", "no serial port configured for the GA 467 reader")
        try:
            self._serial = serial.Serial(self.port, self.baud, timeout=self.reply_timeout, write_timeout=2)
        except (serial.SerialException, OSError) as exc:
            raise ReaderUnavailableError(
                f"无法打开读卡器串口{self.port}，请检查连接", f"cannot open the reader's port {self.port}: {exc}"
            ) from exc

    def _io_close(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            finally:
                self._serial = None

    def _gone(self, exc: BaseException) -> ReaderGoneError:
        self._io_close_quietly()
        return ReaderGoneError(
            f"读卡器已断开（{self.port}），请检查连接线", f"the reader on {self.port} was disconnected: {exc}"
        )

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
            self._serial.timeout = remaining
            try:
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
                    raise ReaderTimeoutError("读卡器应答不完整", "truncated reply from the reader")
                raise ReaderTimeoutError(
                    "读卡器无应答，请检查电源和连接线", "the reader did not answer; check its power and cable"
                )
            window = (window + byte)[-len(f.PREAMBLE) :]
        head = self._read_exact(2, deadline)
        length = int.from_bytes(head, "big") if len(head) == 2 else 0
        rest = self._read_exact(length, deadline) if len(head) == 2 else b""
        frame = f.PREAMBLE + head + rest
        if len(head) < 2 or len(rest) < length:
            raise ReaderTimeoutError(
                f"读卡器应答不完整（收到{len(frame)}字节，应有{7 + length}字节）",
                f"truncated reply from the reader ({len(frame)} of {7 + length} bytes)",
            )
        return frame

    def _transact(self, command: tuple[int, int], *, during: str) -> f.Reply:
        """Send a command and return the reply with a success status (0x90/0x9F); raise otherwise."""
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
            if reply.sw3 in (f.SW_OK, f.SW_FOUND):
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
        return RawCard("ga467", card_type, fields, message.photo or None, "wlt" if message.photo else None)

    def _io_status(self) -> str:
        self._transact(f.SAM_STATUS, during="sam")
        return "读卡器就绪，安全模块正常 (reader ready, SAM ok)"

    # -- diagnostics ----------------------------------------------------------------------------------------------
    def sam_id(self) -> str:
        """The SAM serial number (`12 FF`), for the technician's screen."""
        self.open()
        return self._thread.call(lambda: f.format_sam_id(self._transact(f.SAM_ID, during="sam").data))

    def reset_sam(self) -> None:
        """Reset the SAM (`10 FF`); the first thing to try after a SAM fault."""
        self.open()
        self._thread.call(lambda: self._transact(f.SAM_RESET, during="sam"))
