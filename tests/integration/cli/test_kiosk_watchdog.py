"""`yunban kiosk` under systemd's notify protocol: READY=1 once the window is up, then WATCHDOG=1 at half of
`$WATCHDOG_USEC`, from the GUI thread (yunban-kiosk.service: Type=notify, WatchdogSec=). The service manager is played
by a real AF_UNIX datagram socket, as systemd's is; the kiosk is the real `yunban kiosk` process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import systemd_notify
from tests.support.cli import make_home, terminal_env
from tests.support.platform import REPO, YUNBAN


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.5)
    yield sock, path
    sock.close()


def _messages(sock: socket.socket, until: float, want_watchdogs: int) -> list[str]:
    got: list[str] = []
    while time.monotonic() < until and sum(m == "WATCHDOG=1" for m in got) < want_watchdogs:
        try:
            got.append(sock.recv(4096).decode())
        except TimeoutError:
            continue
    return got


def test_kiosk_says_ready_then_pings_the_watchdog(tmp_path: Path, notify_socket: tuple[socket.socket, str]) -> None:
    sock, path = notify_socket
    env = terminal_env(make_home(tmp_path / "terminal"), "http://127.0.0.1:9")
    env.update(QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=path, WATCHDOG_USEC="300000", YUNBAN_LANG="zh_CN")
    kiosk = subprocess.Popen([*YUNBAN, "kiosk", "--windowed"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)  # fmt: skip
    try:
        got = _messages(sock, time.monotonic() + 60, want_watchdogs=3)
    finally:
        kiosk.send_signal(signal.SIGTERM)
        try:
            kiosk.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kiosk.kill()
            kiosk.wait()
    assert got, f"no notification from the kiosk; stderr: {kiosk.stderr.read().decode() if kiosk.stderr else ''}"
    assert got[0].splitlines()[0] == "READY=1", got
    assert got.count("WATCHDOG=1") >= 3, got


def test_no_notify_socket_means_no_watchdog_and_no_error() -> None:
    assert systemd_notify.watchdog_interval({"WATCHDOG_USEC": "60000000"}) is None  # no socket: nothing to ping
    assert systemd_notify.notify("READY=1", {}) is False


def test_watchdog_interval_is_half_the_period() -> None:
    env = {"NOTIFY_SOCKET": "/run/systemd/notify", "WATCHDOG_USEC": "60000000"}
    assert systemd_notify.watchdog_interval(env) == 30.0
    assert systemd_notify.watchdog_interval({**env, "WATCHDOG_USEC": "junk"}) is None


def test_abstract_socket_address(tmp_path: Path) -> None:
    name = f"yunban-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        assert systemd_notify.notify("WATCHDOG=1", {"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(100) == b"WATCHDOG=1"


def test_a_vanished_service_manager_is_not_an_error(tmp_path: Path) -> None:
    assert systemd_notify.notify("WATCHDOG=1", {"NOTIFY_SOCKET": str(tmp_path / "gone.sock")}) is False
