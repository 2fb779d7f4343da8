"""Visit list benchmarks (docs/benchmarks.md, section "Grid worker: the visit list"): one worker's list of 500
households and 2,000 people (every row sealed with the data key), 1,000 of them with an application in the outbox
(1,000 finalised test records) — what the laptop's 走访清单 page loads off the GUI thread — an entry added, and the
retention purge with nothing due and with the 1,000 people without applications expired.

Run: .venv/bin/python -m pytest tests/benchmarks/test_visits_bench.py --benchmark-enable --benchmark-only -s
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from tests.integration.apply.conftest import write_config

HOUSEHOLDS = 500
PEOPLE = 2000
WITH_APPLICATION = 1000


@pytest.fixture
def terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "bench")
    home = tmp_path / "home"
    home.mkdir()
    write_config(home)
    ctx = AppContext(home)
    try:
        records = [r.record_id for r in ctx.records.make_test(WITH_APPLICATION, attachment_kb=1)]
        visits = ctx.visits
        households = [
            visits.add_household(head=f"户主{h}", village=f"团山村{h % 9}组", address=f"团山村 {h} 号")
            for h in range(HOUSEHOLDS)
        ]
        for n in range(PEOPLE):
            pid = visits.add_person(households[n % HOUSEHOLDS], name=f"村民{n}", phone="13800138000", relation="家属")
            if n < WITH_APPLICATION:
                visits.link_record(pid, records[n], "最低生活保障申请")
        yield ctx
    finally:
        ctx.close()


def _median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def test_visit_list_load(benchmark: Any, terminal: AppContext) -> None:
    visits = terminal.visits
    times: list[float] = []

    def run() -> None:
        started = time.perf_counter()
        listed = visits.visit_list()
        times.append(time.perf_counter() - started)
        assert len(listed) == HOUSEHOLDS and sum(len(h.people) for h in listed) == PEOPLE

    benchmark.pedantic(run, rounds=5, iterations=1)
    add: list[float] = []
    hid = visits.visit_list()[0].household_id
    for n in range(20):
        started = time.perf_counter()
        visits.add_person(hid, name=f"新村民{n}")
        add.append(time.perf_counter() - started)
    print(f"\nvisit list ({HOUSEHOLDS} households, {PEOPLE} people, {WITH_APPLICATION} applications): load median "
          f"{_median_ms(times):.0f} ms; add a person median {_median_ms(add):.1f} ms")  # fmt: skip


def test_visit_purge(benchmark: Any, terminal: AppContext) -> None:
    visits = terminal.visits
    times: list[float] = []

    def run() -> None:
        started = time.perf_counter()
        assert visits.purge().people == 0
        times.append(time.perf_counter() - started)

    benchmark.pedantic(run, rounds=5, iterations=1)
    visits.clock = lambda: time.time() + 100 * 86_400
    started = time.perf_counter()
    result = visits.purge()
    expired = time.perf_counter() - started
    print(f"\nvisit purge, nothing due: median {_median_ms(times):.0f} ms; {PEOPLE - WITH_APPLICATION} people "
          f"expired: {expired * 1000:.0f} ms ({result.people} people, {result.households} households "
          "removed)")  # fmt: skip
    assert result.people == PEOPLE - WITH_APPLICATION and result.households == 0
