"""A GA 467 reader on a pseudo-terminal pair, speaking the real wire (tests, benchmarks, the demo).

Contract: point the driver at `port` (the pty's slave) as at `/dev/ttyUSB0`; `lay`/`lift` cards, `set_fault` one of
`FAULTS` (docs/card-readers.md). Standalone: `python -m devices.emulators.ga467_pty [resident_id|...]`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import sys
import threading
import time
import tty

from devices.card import ga467_frames as f
from devices.card.base import CardError
from devices.emulators.demo_cards import DEMO_ID_CARDS, DemoIdCard

log = logging.getLogger(__name__)

FAULTS = ("silence", "bad_checksum", "truncated", "lift_mid_read", "vanish_mid_read", "sam_fault", "reject_checksum")


class Ga467PtyEmulator:
    """A reader with at most one card on it. Start it, point the driver at `port`, lay and lift cards."""

    def __init__(
        self, card: DemoIdCard | None = None, *, read_delay: float = 0.0, reads_additional_address: bool = True
    ) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        self.read_delay = read_delay
        self.reads_additional_address = reads_additional_address
        """False: an older reader that answers `30 03` with 0x21 (unknown command)."""
        self.sam_id = bytes([5, 0, 1, 0]) + (20101231).to_bytes(4, "little") + (12345678).to_bytes(4, "little")
        self.sam_id += (987654321).to_bytes(4, "little")
        self.commands: list[tuple[int, int]] = []
        """Every command received, in order (for tests)."""
        self.reads = 0
        """Base messages served."""
        self._lock = threading.Lock()
        self._card: DemoIdCard | None = None
        self._state = "absent"  # absent, laid, selected, halted
        self._fault: str | None = None
        self._fault_once = False
        self._unplug = False
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._serve, name="ga467-emulator", daemon=True)
        self._closed = False
        if card is not None:
            self.lay(card)

    # -- control --------------------------------------------------------------------------------------------------
    def start(self) -> Ga467PtyEmulator:
        self._thread.start()
        return self

    def lay(self, card: DemoIdCard) -> None:
        with self._lock:
            self._card, self._state = card, "laid"

    def lift(self) -> None:
        with self._lock:
            self._card, self._state = None, "absent"

    @property
    def card_state(self) -> str:
        return self._state

    def set_fault(self, fault: str | None, *, once: bool = False) -> None:
        if fault is not None and fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
        with self._lock:
            self._fault, self._fault_once = fault, once

    def unplug(self) -> None:
        """The cable is pulled: the pty disappears and the driver's next I/O fails."""
        self._unplug = True
        os.write(self._wake_w, b"x")
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        else:
            self._close_fds()

    def close(self) -> None:
        if not self._closed:
            self.unplug()
            os.close(self._wake_r)
            os.close(self._wake_w)
            self._closed = True

    def __enter__(self) -> Ga467PtyEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- wire -----------------------------------------------------------------------------------------------------
    def _close_fds(self) -> None:
        for fd in (self._master, self._slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = -1

    def _take_fault(self, *names: str) -> str | None:
        with self._lock:
            fault = self._fault
            if fault in names:
                if self._fault_once:
                    self._fault = None
                return fault
        return None

    def _serve(self) -> None:
        assembler = f.FrameAssembler()
        try:
            while not self._unplug:
                ready, _, _ = select.select([self._master, self._wake_r], [], [])
                if self._unplug:
                    break
                if self._master not in ready:
                    continue
                try:
                    data = os.read(self._master, 4096)
                except OSError:
                    break
                for frame in assembler.feed(data):
                    reply = self._answer(frame)
                    if self._unplug:
                        break
                    if reply:
                        os.write(self._master, reply)
        finally:
            self._close_fds()

    def _answer(self, frame: bytes) -> bytes | None:
        try:
            command, _ = f.parse_command(frame)
        except CardError:
            return f.build_reply(f.SW_BAD_CHECKSUM)
        self.commands.append(command)
        if self._take_fault("silence"):
            return None
        if self._take_fault("reject_checksum"):
            return f.build_reply(f.SW_BAD_CHECKSUM)
        reply = self._reply_to(command)
        if reply is not None and self._take_fault("bad_checksum"):
            reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
        return reply

    def _reply_to(self, command: tuple[int, int]) -> bytes | None:
        if command in (f.SAM_STATUS, f.SAM_RESET):
            return f.build_reply(0x60 if self._take_fault("sam_fault") else f.SW_OK)
        if command == f.SAM_ID:
            return f.build_reply(f.SW_OK, self.sam_id)
        if command == f.FIND_CARD:
            if self._state == "laid":
                return f.build_reply(f.SW_FOUND, b"\x00\x00\x00\x00")
            return f.build_reply(f.SW_NO_CARD)
        if command == f.SELECT_CARD:
            if self._state in ("laid", "selected"):
                self._state = "selected"
                return f.build_reply(f.SW_OK, bytes(8))
            return f.build_reply(f.SW_SELECT_FAILED)
        if command == f.READ_BASE:
            return self._read_base()
        if command == f.READ_ADDITIONAL_ADDRESS and self.reads_additional_address:
            return self._read_additional_address()
        return f.build_reply(0x21)

    def _read_base(self) -> bytes | None:
        card = self._card
        if self._state != "selected" or card is None:
            return f.build_reply(f.SW_READ_FAILED)
        if self.read_delay:
            time.sleep(self.read_delay)  # a real reader needs ~0.5-1 s to read the chip
        if self._take_fault("lift_mid_read"):
            self.lift()
            return f.build_reply(f.SW_READ_FAILED)
        if self._take_fault("vanish_mid_read"):
            self._unplug = True
            return None
        text = f.encode_text(card.card_type, card.fields)
        reply = f.build_reply(f.SW_OK, f.build_base_message(text, card.photo))
        self._state = "halted"
        self.reads += 1
        if self._take_fault("truncated"):
            return reply[: len(reply) // 2]
        return reply

    def _read_additional_address(self) -> bytes:
        """`30 03`: the card's additional address right after its base message (selected, or halted by that read)."""
        card = self._card
        if self._state not in ("selected", "halted") or card is None:
            return f.build_reply(f.SW_READ_FAILED)
        if not card.additional_address:
            return f.build_reply(f.SW_NO_CONTENT)
        return f.build_reply(f.SW_OK, f.encode_additional_address(card.additional_address))


def main(argv: list[str] | None = None) -> int:
    """Serve a demo card on a new pty until interrupted; prints the port to use with `--port`."""
    args = sys.argv[1:] if argv is None else argv
    kind = args[0] if args else "resident_id"
    if kind not in DEMO_ID_CARDS:
        print(f"unknown card {kind!r}; choose one of {', '.join(DEMO_ID_CARDS)}", file=sys.stderr)
        return 2
    with Ga467PtyEmulator(DEMO_ID_CARDS[kind]()) as emulator:
        print(emulator.port, flush=True)
        try:
            while True:
                time.sleep(1)
                if emulator.card_state == "halted":  # lift and lay again so the next read succeeds
                    emulator.lay(DEMO_ID_CARDS[kind]())
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
