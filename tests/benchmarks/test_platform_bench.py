"""Reference platform benchmarks (docs/benchmarks.md, section "Platform").

The platform runs as shipped (`yunban platform serve --port 0`, its own process); the client is one keep-alive
httpx connection, as a terminal's outbox uses it.

Run: .venv/bin/python -m pytest tests/benchmarks/test_platform_bench.py --benchmark-enable --benchmark-only \
         --benchmark-columns=min,median,mean,max,rounds
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.catalog.bundle.load import ScopeSpec
from app.catalog.updates import CatalogUpdater
from sync import catalog_feed, protocol
from tests.support.platform import DEMO_DIVISION, PlatformProcess, TestTerminal

RECORDS_PER_ROUND = 100
ATTACHMENT_BYTES = 8 * 1024 * 1024


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PlatformProcess, TestTerminal]]:
    proc = PlatformProcess(tmp_path_factory.mktemp("bench-platform")).start()
    code = proc.admin("enroll-code", "--division", DEMO_DIVISION).stdout.strip()
    terminal = TestTerminal(proc.url, code)
    yield proc, terminal
    terminal.close()
    proc.stop()


def test_bench_record_intake(benchmark: Any, served: tuple[PlatformProcess, TestTerminal]) -> None:
    """100 new signed records, one POST each (verify signature, check attachments, insert, fsync)."""
    _, terminal = served

    def setup() -> tuple[tuple[list[dict[str, Any]]], dict[str, Any]]:
        records = [terminal.record({"n": n, "name": "张三", "note": "x" * 500}) for n in range(RECORDS_PER_ROUND)]
        return (records,), {}

    def post(records: list[dict[str, Any]]) -> None:
        for record in records:
            assert terminal.client.post("/v1/records", json=record).status_code == 201

    benchmark.pedantic(post, setup=setup, rounds=5)


def test_bench_duplicate_absorbed(benchmark: Any, served: tuple[PlatformProcess, TestTerminal]) -> None:
    """The same 100 records again: each is a duplicate absorbed (counted, never stored twice)."""
    _, terminal = served
    records = [terminal.record({"dup": n}) for n in range(RECORDS_PER_ROUND)]
    for record in records:
        terminal.client.post("/v1/records", json=record)

    def post() -> None:
        for record in records:
            assert terminal.client.post("/v1/records", json=record).status_code == 200

    benchmark.pedantic(post, rounds=5)


def test_bench_attachment_upload_8mib(benchmark: Any, served: tuple[PlatformProcess, TestTerminal]) -> None:
    """8 MiB in 1 MiB PATCH chunks (each fsync'ed before it is acknowledged), SHA-256 checked at the end."""
    _, terminal = served

    def setup() -> tuple[tuple[bytes], dict[str, Any]]:
        return (os.urandom(ATTACHMENT_BYTES),), {}

    def upload(data: bytes) -> None:
        assert terminal.upload(data) == hashlib.sha256(data).hexdigest()

    benchmark.pedantic(upload, setup=setup, rounds=5)


def test_bench_signed_snapshot_fetch(benchmark: Any, served: tuple[PlatformProcess, TestTerminal]) -> None:
    """GET /v1/catalog/snapshot of the demo catalog: build, canonical JSON, Ed25519 signature, transfer."""
    _, terminal = served
    benchmark.pedantic(lambda: catalog_feed.fetch_snapshot(terminal.client, DEMO_DIVISION), rounds=10)


def test_bench_terminal_applies_snapshot(
    benchmark: Any, served: tuple[PlatformProcess, TestTerminal], tmp_path: Path
) -> None:
    """On the terminal: verify the snapshot's signature, validate, expand for the chain, write with the cursor."""
    _, terminal = served
    envelope = catalog_feed.fetch_snapshot(terminal.client, DEMO_DIVISION)
    verifier = protocol.make_verifier("ed25519", protocol.b64decode(terminal.platform_public_key))
    counter = iter(range(1000))

    def apply() -> None:
        db = tmp_path / f"catalog-{next(counter)}.db"
        CatalogUpdater(db, ScopeSpec(DEMO_DIVISION), verifier).apply_snapshot(envelope, "platform")

    benchmark.pedantic(apply, rounds=5)
    assert httpx.get(served[0].url + "/v1/health").status_code == 200
