"""A virtual social security card behind the real pcscd, through vsmartcard's vpcd driver (TCP 35963).

Contract: `insert()` connects the card (from inside the sandbox's network namespace with `netns=`), `remove()`
takes it out; faults `mute`, `no_application`, `remove_mid_read`. Never ship vpcd in a production configuration.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import socket
import threading
import time

from devices.card import apdu
from devices.emulators.demo_cards import DemoSocialSecurityCard

log = logging.getLogger(__name__)

VPCD_PORT = 35963
DEFAULT_ATR = bytes.fromhex("3B80800101")  # TS T0 TD1 TD2 TCK: offers T=0 and T=1, no historical bytes
CLONE_NEWNET = 0x40000000


class SocialSecurityApplet:
    """The card side: the public files of `DemoSocialSecurityCard`, answering SELECT and READ RECORD."""

    def __init__(self, card: DemoSocialSecurityCard, *, has_application: bool = True) -> None:
        self.has_application = has_application
        self.files = {
            # An empty issue_date/valid_to leaves the record out (an older card: 6A83 record not found).
            apdu.EF_CARD: {
                number: value
                for number, value in (
                    (apdu.REC_ISSUE_DATE, bytes.fromhex(card.issue_date)),
                    (apdu.REC_VALID_TO, bytes.fromhex(card.valid_to)),
                    (apdu.REC_CARD_NUMBER, card.card_number.encode("ascii")),
                )
                if value
            },
            apdu.EF_HOLDER: {
                apdu.REC_SSN: card.ssn.encode("ascii"),
                apdu.REC_NAME: card.name.encode("gb18030").ljust(30, b"\x00"),
                apdu.REC_GENDER: card.gender.encode("ascii"),
                apdu.REC_ETHNICITY: bytes.fromhex(card.ethnicity),
                apdu.REC_BIRTH_DATE: bytes.fromhex(card.birth_date),
            },
        }
        self.selected_app = False
        self.selected_file: bytes | None = None

    def reset(self) -> None:
        self.selected_app, self.selected_file = False, None

    def process(self, command: bytes) -> bytes:
        if len(command) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = command[:4]
        if cla != 0x00:
            return b"\x6e\x00"
        body = command[5 : 5 + command[4]] if len(command) > 5 else b""
        if ins == 0xA4 and p1 == 0x04:
            if self.has_application and body == apdu.SSC_APPLICATION:
                self.selected_app, self.selected_file = True, None
                return b"\x90\x00"
            return b"\x6a\x82"
        if ins == 0xA4 and p1 == 0x02:
            if self.selected_app and body in self.files:
                self.selected_file = body
                return b"\x90\x00"
            return b"\x6a\x82"
        if ins == 0xB2:
            if self.selected_file is None:
                return b"\x69\x86"
            value = self.files[self.selected_file].get(p1)
            if value is None or p2 != 0x04:
                return b"\x6a\x83"
            record = apdu.encode_tlv(p1, value)
            le = command[4] if len(command) == 5 else 0
            if le and le != len(record):
                return bytes([0x6C, len(record)])
            return record + b"\x90\x00"
        return b"\x6d\x00"


def _connect(host: str, port: int, netns: str | None, timeout: float) -> socket.socket:
    """Connect to vpcd, from inside the network namespace at `netns` (a /proc/PID/ns/net path) when given.

    setns(2) switches only the calling thread, and a socket stays in the namespace it was made in, so a throwaway
    thread enters the namespace, connects and hands the socket back.
    """
    result: dict[str, object] = {}

    def attempt() -> None:
        try:
            if netns is not None:
                libc = ctypes.CDLL(None, use_errno=True)
                fd = os.open(netns, os.O_RDONLY)
                try:
                    if libc.setns(fd, CLONE_NEWNET) != 0:
                        raise OSError(ctypes.get_errno(), f"setns({netns}) failed")
                finally:
                    os.close(fd)
            deadline = time.monotonic() + timeout
            while True:
                try:
                    result["sock"] = socket.create_connection((host, port), timeout=timeout)
                    return
                except (ConnectionRefusedError, FileNotFoundError):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.01)  # vpcd starts listening a moment after pcscd is up
        except BaseException as exc:
            result["error"] = exc

    thread = threading.Thread(target=attempt, name="vpcd-connect")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    sock = result["sock"]
    assert isinstance(sock, socket.socket)
    return sock


class VpcdCardEmulator:
    """A card in vpcd's reader while `insert()`ed; `remove()` takes it out."""

    def __init__(
        self,
        card: DemoSocialSecurityCard | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = VPCD_PORT,
        netns: str | None = None,
        atr: bytes = DEFAULT_ATR,
        fault: str | None = None,
        quickack: bool = True,
    ) -> None:
        self.card = card or DemoSocialSecurityCard()
        self.quickack = quickack
        """Off only to measure what delayed ACKs cost (see docs/benchmarks.md)."""
        self.host, self.port, self.netns, self.atr = host, port, netns, atr
        self.fault = fault
        self.apdus: list[bytes] = []
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    @property
    def inserted(self) -> bool:
        return self._sock is not None

    def insert(self, timeout: float = 5.0) -> None:
        if self._sock is not None:
            return
        applet = SocialSecurityApplet(self.card, has_application=self.fault != "no_application")
        sock = _connect(self.host, self.port, self.netns, timeout)
        # vpcd waits for the answer to each small write: delayed ACKs would add ~45 ms per APDU (see _recv_exact).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(None)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock, applet), name="vpcd-card", daemon=True)
        self._thread.start()

    def remove(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None

    close = remove

    def __enter__(self) -> VpcdCardEmulator:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def _recv_exact(self, sock: socket.socket, count: int) -> bytes | None:
        out = b""
        while len(out) < count:
            chunk = sock.recv(count - len(out))
            if not chunk:
                return None
            out += chunk
            # Linux clears quick-ack mode after a while; set it after every read so replies are not delayed.
            if self.quickack:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        return out

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(len(payload).to_bytes(2, "big") + payload)

    def _serve(self, sock: socket.socket, applet: SocialSecurityApplet) -> None:
        reconnects = 0
        while True:
            heard = self._serve_connection(sock, applet)
            if heard or self._sock is not sock or reconnects >= 50:
                return
            # vpcd closed a connection it never spoke on: after a card leaves, it re-creates its listener, and a
            # card that connected in that moment is dropped. Knock again, as a re-inserted card would.
            reconnects += 1
            try:
                fresh = _connect(self.host, self.port, self.netns, 5.0)
            except OSError:
                return
            fresh.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self._sock is not sock:  # removed meanwhile
                fresh.close()
                return
            sock.close()
            self._sock = sock = fresh

    def _serve_connection(self, sock: socket.socket, applet: SocialSecurityApplet) -> bool:
        """Answer vpcd until it or we hang up; True if vpcd said anything on this connection.

        Wire: 2-byte big-endian length, then the payload. A 1-byte payload is a control code (0x00 power off, 0x01
        power on, 0x02 reset, 0x04 send the ATR); anything longer is an APDU, answered with data + SW1 SW2."""
        heard = False
        try:
            while True:
                head = self._recv_exact(sock, 2)
                if head is None:
                    return heard
                payload = self._recv_exact(sock, int.from_bytes(head, "big"))
                if payload is None:
                    return heard
                heard = True
                if len(payload) == 1:
                    if payload[0] == 0x04:
                        self._send(sock, self.atr)
                    elif payload[0] in (0x00, 0x01, 0x02):
                        applet.reset()
                    continue
                self.apdus.append(payload)
                if self.fault == "mute":
                    continue
                if self.fault == "remove_mid_read" and payload[:3] == bytes([0x00, 0xB2, apdu.REC_NAME]):
                    threading.Thread(target=self.remove, daemon=True).start()
                    return True
                self._send(sock, applet.process(payload))
        except OSError:
            return heard
