"""Card-reader fixtures: a GA 467 reader emulator on a pty pair, and pcscd + vpcd isolated in namespaces."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from devices.card.ga467 import Ga467Reader
from devices.emulators.demo_cards import resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from devices.emulators.pcscd_sandbox import PcscdSandbox, missing_requirements


@pytest.fixture
def emulator() -> Iterator[Ga467PtyEmulator]:
    with Ga467PtyEmulator(resident_card()) as emu:
        yield emu


@pytest.fixture
def reader(emulator: Ga467PtyEmulator) -> Iterator[Ga467Reader]:
    r = Ga467Reader(emulator.port, reply_timeout=0.5, poll_interval=0.3)
    yield r
    r.close()


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
    """Wait for a condition the code under test reaches on another thread (bounded; fails the test on timeout)."""
    done = threading.Event()
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        done.wait(0.02)


@pytest.fixture(scope="session")
def pcscd() -> Iterator[PcscdSandbox]:
    """The real pcscd with vpcd in its own network namespace; this process talks to it by PCSCLITE_CSOCK_NAME.

    pcsc-lite reads PCSCLITE_CSOCK_NAME once, at the process's first PC/SC call, so the variable is set for the
    whole session (tests of "pcscd not running" use a subprocess).
    """
    why = missing_requirements()
    if why:
        pytest.skip(f"pcscd sandbox unavailable: {why}")
    sandbox = PcscdSandbox().start()
    previous = os.environ.get("PCSCLITE_CSOCK_NAME")
    os.environ["PCSCLITE_CSOCK_NAME"] = sandbox.socket_path
    yield sandbox
    sandbox.stop()
    if previous is None:
        os.environ.pop("PCSCLITE_CSOCK_NAME", None)
    else:
        os.environ["PCSCLITE_CSOCK_NAME"] = previous
