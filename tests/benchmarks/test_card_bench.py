"""Card-reader benchmarks: read latency over the GA 467 pty wire and through pcscd + vpcd, pcscd start-up.

Contract: skipped by default (`--benchmark-skip` in addopts); run with `QT_QPA_PLATFORM=offscreen .venv/bin/python
-m pytest tests/benchmarks/test_card_bench.py -s --benchmark-enable --benchmark-only`; figures in docs/benchmarks.md.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator
from typing import Any

import pytest

from app.identity.validators import validate_id_number, validate_uscc
from devices.card.ga467 import Ga467Reader
from devices.card.pcsc import PcscReader
from devices.emulators.demo_cards import DemoSocialSecurityCard, resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from devices.emulators.pcscd_sandbox import PcscdSandbox, missing_requirements
from devices.emulators.vpcd_card import VpcdCardEmulator


def report(benchmark: Any, label: str) -> None:
    data = sorted(benchmark.stats.stats.data)
    p95 = data[min(len(data) - 1, round(0.95 * (len(data) - 1)))]
    print(f"\n{label}: median {statistics.median(data) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, n={len(data)}")


def test_ga467_read_over_pty(benchmark: Any) -> None:
    """`read_card` of a card freshly laid (the emulator re-lays it and the driver's lift-and-lay memory is reset
    between rounds), so one find-card poll is included. The emulator answers at once: a real reader adds its own chip
    time (~0.5-1 s), not measured here. p95 is printed with `-s`."""
    card = resident_card()
    with Ga467PtyEmulator(card) as emulator:
        reader = Ga467Reader(emulator.port)
        try:
            reader.read_card(2)  # open the port, warm up

            def relay() -> None:
                emulator.lay(card)

            result = benchmark.pedantic(lambda: reader.read_card(2), setup=relay, rounds=300, warmup_rounds=5)
            assert result.fields["id_number"] == card.fields["id_number"]
        finally:
            reader.close()
    report(benchmark, "GA 467 read over pty")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[PcscdSandbox]:
    why = missing_requirements()
    if why:
        pytest.skip(why)
    with PcscdSandbox() as sb:
        previous = os.environ.get("PCSCLITE_CSOCK_NAME")
        os.environ["PCSCLITE_CSOCK_NAME"] = sb.socket_path
        yield sb
        if previous is None:
            os.environ.pop("PCSCLITE_CSOCK_NAME", None)


@pytest.mark.parametrize("quickack", [True, False], ids=["quickack", "no-quickack"])
def test_pcsc_read_through_pcscd(benchmark: Any, sandbox: PcscdSandbox, quickack: bool) -> None:
    emulator = VpcdCardEmulator(DemoSocialSecurityCard(), netns=sandbox.netns, quickack=quickack)
    reader = PcscReader("Virtual PCD 00 00")
    emulator.insert()
    try:
        reader.read_card(5)  # waits for pcscd to notice the card

        def relay() -> None:
            reader._needs_lift = False  # as if lifted and laid again: measure the read, not pcscd's 0.4 s poll

        rounds = 100 if quickack else 15
        result = benchmark.pedantic(lambda: reader.read_card(2), setup=relay, rounds=rounds, warmup_rounds=2)
        assert result.fields["name"] == "李明华"
    finally:
        reader.close()
        emulator.remove()
    report(benchmark, f"PC/SC read through pcscd ({'TCP_QUICKACK' if quickack else 'no TCP_QUICKACK'})")


def test_pcscd_sandbox_startup(benchmark: Any) -> None:
    why = missing_requirements()
    if why:
        pytest.skip(why)

    ready: list[float] = []

    def start_stop() -> None:
        sb = PcscdSandbox().start()
        assert sb.startup_seconds is not None
        ready.append(sb.startup_seconds)
        sb.stop()

    benchmark.pedantic(start_stop, rounds=20, warmup_rounds=1)
    report(benchmark, "pcscd sandbox start + stop")
    ready.sort()
    print(f"spawn to pcscd socket: median {statistics.median(ready) * 1000:.1f} ms, max {ready[-1] * 1000:.1f} ms")


def test_validate_id_number(benchmark: Any) -> None:
    result = benchmark(validate_id_number, "53252419880315002X")
    assert result.valid


def test_validate_uscc(benchmark: Any) -> None:
    result = benchmark(validate_uscc, "91350100M000100Y43")
    assert result.valid
