"""Backoff: exponential with full jitter, capped; Retry-After honoured (itself capped); clock jumps never park."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sync.client import parse_retry_after
from sync.outbox import Backoff, Deliverer, OutboxItem


@given(
    attempts=st.integers(0, 200),
    base=st.floats(0.001, 10),
    cap=st.floats(0.01, 1000),
    retry_after=st.none() | st.floats(0, 10**6),
    seed=st.integers(0, 2**32),
)
def test_delay_bounds(attempts: int, base: float, cap: float, retry_after: float | None, seed: int) -> None:
    b = Backoff(base_s=base, cap_s=cap, max_retry_after_s=3600, rng=random.Random(seed))
    d = b.delay(attempts, retry_after)
    ceiling = min(cap, base * 2 ** min(attempts, 30))
    if retry_after is None:
        assert 0 <= d <= ceiling
    else:
        assert min(retry_after, 3600) <= d <= max(ceiling, min(retry_after, 3600))


def test_full_jitter_spreads_and_grows() -> None:
    b = Backoff(base_s=1, cap_s=300, rng=random.Random(1))
    early = [b.delay(1) for _ in range(500)]
    late = [b.delay(20) for _ in range(500)]
    assert max(early) <= 2 and min(early) < 0.2  # spread over [0, 2]
    assert max(late) <= 300 and sum(late) / len(late) > 100  # capped at 300, mean ≈ 150


def test_due_ignores_waits_only_a_moved_clock_could_produce() -> None:
    d = Deliverer(store=None, client=None, backoff=Backoff(cap_s=300, max_retry_after_s=3600), clock=lambda: 0.0)  # type: ignore[arg-type]
    item = OutboxItem("r", 1, "usage", None, "", "{}", "0" * 64, None, "record", 1, 0.0)
    assert d.is_due(item, 0.0)
    assert not d.is_due(item.__class__(**{**_fields(item), "next_attempt_at": 100.0}), 0.0)
    assert d.is_due(item.__class__(**{**_fields(item), "next_attempt_at": 10 * 365 * 86400.0}), 0.0)


def _fields(item: OutboxItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__slots__}


def test_retry_after_forms() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0 - 60) == 60.0
