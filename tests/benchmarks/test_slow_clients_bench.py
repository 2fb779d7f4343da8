"""Delivery rate with and without 1,000 slow connections held (issue 11, item 1; docs/benchmarks.md).

The platform runs as shipped (`yunban platform serve --port 0`, its own process, default limits), bare or behind
the shipped nginx front (packaging/platform/nginx-yunban-platform.conf, production timeouts). 4 enrolled terminals,
each from its own loopback address (nginx limits per address), deliver 50 signed records each per round, in
parallel, one keep-alive connection each, 10 rounds (long enough for the timeouts to close and the attack to
reopen connections); `records_per_s` in the extra info is 200 / the round's mean time. The
attack (tests/integration/platform/test_slow_clients.py `SlowAttack`, 1,000 connections from 127.0.0.2, one byte,
chunk or header line every 3 s, reconnecting when closed) runs for the whole benchmark when `attack` is in its id.

Run: .venv/bin/python -m pytest tests/benchmarks/test_slow_clients_bench.py --benchmark-enable --benchmark-only \
         --benchmark-columns=min,median,mean,max,rounds
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.platform.test_slow_clients import NGINX, NginxFront, SlowAttack
from tests.support.platform import DEMO_DIVISION, REPO, YUNBAN, TestTerminal

TERMINALS = 4
RECORDS = 50
ATTACK = 1000


class ServedPlatform:
    """`yunban platform serve --port 0` in its own process (default limits)."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.proc = subprocess.Popen(
            [*YUNBAN, "platform", "serve", "--port", "0", "--data", str(data)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        self.port = int(json.loads(self.proc.stdout.readline())["port"])

    def enroll_code(self) -> str:
        cmd = [*YUNBAN, "platform", "enroll-code", "--division", DEMO_DIVISION, "--data", str(self.data)]
        return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60, check=True).stdout.strip()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.communicate(timeout=20)


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedPlatform]:
    served = ServedPlatform(tmp_path_factory.mktemp("slow-bench") / "platform")
    yield served
    served.stop()


def _terminals(platform: ServedPlatform, url: str) -> list[TestTerminal]:
    terminals = []
    for n in range(TERMINALS):
        terminal = TestTerminal(f"http://127.0.0.1:{platform.port}", platform.enroll_code())
        terminal.client.close()
        transport = httpx.HTTPTransport(local_address=f"127.0.0.{11 + n}")
        terminal.client = httpx.Client(base_url=url, headers=terminal.headers, timeout=60, transport=transport)
        terminals.append(terminal)
    return terminals


def _round(terminals: list[TestTerminal]) -> None:
    def deliver(terminal: TestTerminal) -> None:
        for n in range(RECORDS):
            record = terminal.record({"n": n, "name": "张三", "note": "x" * 300})
            status = terminal.client.post("/v1/records", json=record).status_code
            assert status == 201, status

    with ThreadPoolExecutor(len(terminals)) as pool:
        list(pool.map(deliver, terminals))


@pytest.mark.parametrize("attack", [False, True], ids=["quiet", "attack"])
@pytest.mark.parametrize("front", ["bare", "nginx"])
def test_bench_delivery_under_slow_clients(
    benchmark: Any, platform: ServedPlatform, tmp_path: Path, front: str, attack: bool
) -> None:
    if front == "nginx" and NGINX is None:
        pytest.skip("nginx is not installed (apt install nginx-light)")
    nginx = NginxFront(tmp_path / "nginx", platform.port).start() if front == "nginx" else None
    port = nginx.port if nginx is not None else platform.port
    terminals = _terminals(platform, f"http://127.0.0.1:{port}")
    slow = SlowAttack("127.0.0.1", port, ATTACK, interval=3.0, duration=600).start() if attack else None
    try:
        benchmark.pedantic(_round, args=(terminals,), rounds=10, iterations=1, warmup_rounds=1)
        if slow is not None:
            benchmark.extra_info["attack_connections"] = ATTACK
            benchmark.extra_info["attack_peak_open"] = slow.peak
            benchmark.extra_info["attack_connects"] = slow.connected
    finally:
        if slow is not None:
            slow.stop()
        for terminal in terminals:
            terminal.close()
        if nginx is not None:
            nginx.stop()
    benchmark.extra_info["records_per_s"] = round(TERMINALS * RECORDS / benchmark.stats.stats.mean, 1)
