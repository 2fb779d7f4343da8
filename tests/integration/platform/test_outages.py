"""Bad input and limits of the platform at scale (issue 16): the database going away during intake, connection-pool
exhaustion, a full disk in the attachment store of a PostgreSQL platform; and what the platform tells an operator
(health with the database, /metrics, JSON logs with request ids). Real PostgreSQL clusters, real servers."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sync.platform import admin as platform_main
from sync.platform.observability import JsonFormatter
from sync.platform.server import ThreadedServer
from sync.platform.storage import EngineOptions
from sync.platform.store import PlatformStore
from tests.integration.platform.test_platform_cli import _small_disk
from tests.support.platform import (
    DEMO_DIVISION,
    InProcessPlatform,
    PlatformProcess,
    TestTerminal,
    query,
    shared_postgres_cluster,
)
from tests.support.postgres import PostgresCluster, find_bindir

needs_postgres = pytest.mark.skipif(find_bindir() is None, reason="PostgreSQL is not installed (postgresql-15)")


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[PostgresCluster]:
    """A cluster of this module's own, stopped and started by the tests (the session's cluster stays up)."""
    if find_bindir() is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found: apt install postgresql-15")
    cluster = PostgresCluster.start(settings=())  # durable (fsync, synchronous commit): it is crashed on purpose
    try:
        yield cluster
    finally:
        cluster.stop()


def send_until_acknowledged(terminal: TestTerminal, data: bytes, n: int, seen: dict[int, int]) -> None:
    """What a terminal's outbox does: upload (resuming from the platform's offset), then post the record; a 503 or
    a broken connection is retried after a pause, the same record again (same id and content)."""
    sha = hashlib.sha256(data).hexdigest()
    record = terminal.record({"n": n, "terminal": terminal.terminal_id}, attachments=[sha])
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            state = terminal.client.get(f"/v1/attachments/{sha}")
            seen[state.status_code] = seen.get(state.status_code, 0) + 1
            if state.status_code not in (200, 404):
                raise httpx.TransportError(f"upload state answered {state.status_code}")
            offset = state.json()["received"] if state.status_code == 200 else 0
            done = state.status_code == 200 and state.json()["complete"]
            while not done:
                reply = terminal.client.patch(
                    f"/v1/attachments/{sha}",
                    content=data[offset : offset + 100_000],
                    headers={"Upload-Offset": str(offset), "Upload-Length": str(len(data))},
                )
                seen[reply.status_code] = seen.get(reply.status_code, 0) + 1
                if reply.status_code not in (200, 409):
                    raise httpx.TransportError(f"upload answered {reply.status_code}")
                offset, done = reply.json()["received"], reply.json().get("complete", False)
            reply = terminal.client.post("/v1/records", json=record)
            seen[reply.status_code] = seen.get(reply.status_code, 0) + 1
            if reply.status_code in (200, 201):
                return
            assert reply.status_code == 503 and reply.headers["Retry-After"], reply.text
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"record {n} of {terminal.terminal_id} never acknowledged")


@needs_postgres
def test_database_going_away_during_intake_fails_cleanly_and_terminals_retry(
    own_cluster: PostgresCluster, tmp_path: Path
) -> None:
    database = own_cluster.new_schema()
    store = PlatformStore(tmp_path / "platform", database, EngineOptions(pool_size=8, pool_timeout=1.0))
    server = ThreadedServer(platform_main.build_app(store, None)).start()
    try:
        terminals = [TestTerminal(server.url, platform_main.enroll_code(store, DEMO_DIVISION)) for _ in range(4)]
        per_terminal = 12
        seen: dict[int, int] = {}
        errors: list[BaseException] = []
        outage = threading.Event()

        def deliver(t: TestTerminal) -> None:
            try:
                for n in range(per_terminal):
                    if n == 3:
                        outage.wait(30)
                    send_until_acknowledged(t, os.urandom(250_000), n, seen)
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=deliver, args=(t,)) for t in terminals]
        for th in threads:
            th.start()
        time.sleep(0.5)
        own_cluster.stop_server("immediate")  # as if the database host lost power
        outage.set()
        time.sleep(2.5)  # longer than the pool's timeout: requests waiting for a connection give up with 503
        health = httpx.get(server.url + "/v1/health", timeout=15)
        assert health.status_code == 503 and health.headers["Retry-After"] == "2"
        assert health.json()["status"] == "unavailable"
        own_cluster.start_server()
        for th in threads:
            th.join(120)
        assert not errors, errors
        assert seen.get(503, 0) > 0  # the outage was met, and answered 503 with Retry-After
        assert httpx.get(server.url + "/v1/health").json()["database"] == "ok"
        stats = store.stats()
        assert stats["records"] == len(terminals) * per_terminal  # every record once: no loss, no duplicate row
        # Nothing half-stored: every record names only complete attachments whose blobs are held whole.
        for (names,) in query(store, "SELECT attachments FROM records"):
            for sha in json.loads(names):
                assert hashlib.sha256(store.blob_path(sha).read_bytes()).hexdigest() == sha
        assert not query(store, "SELECT * FROM uploads WHERE complete = 0")
        for t in terminals:
            t.close()
    finally:
        server.stop()
        store.close()


@needs_postgres
def test_pool_exhaustion_is_answered_503_with_retry_after_at_once(tmp_path: Path, pytestconfig: pytest.Config) -> None:
    database = shared_postgres_cluster(pytestconfig).new_schema()
    store = PlatformStore(tmp_path / "platform", database, EngineOptions(pool_size=2, pool_timeout=0.3))
    server = ThreadedServer(platform_main.build_app(store, None)).start()
    try:
        code = platform_main.enroll_code(store, DEMO_DIVISION)
        terminal = TestTerminal(server.url, code)
        held = threading.Event()
        release = threading.Event()

        def hold() -> None:
            with store.engine.tx():  # one of the two connections, held
                held.set()
                release.wait(30)

        holders = [threading.Thread(target=hold) for _ in range(2)]
        for th in holders:
            th.start()
        held.wait(10)
        time.sleep(0.2)
        started = time.monotonic()
        busy = terminal.client.post("/v1/records", json=terminal.record())
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "2", busy.text
        assert time.monotonic() - started < 5  # bounded wait, then the answer (not an unbounded queue)
        assert httpx.get(server.url + "/v1/health").status_code == 503
        metrics = httpx.get(server.url + "/metrics").text
        assert 'yunban_platform_db_pool_connections{state="in_use"' in metrics
        release.set()
        for th in holders:
            th.join(10)
        assert terminal.client.post("/v1/records", json=terminal.record()).status_code == 201
        assert store.stats()["records"] == 1  # the refused request stored nothing
        terminal.close()
    finally:
        server.stop()
        store.close()


@needs_postgres
def test_full_disk_in_the_attachment_store_of_a_postgresql_platform(
    tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    database = shared_postgres_cluster(pytestconfig).new_schema()
    proc = PlatformProcess(tmp_path / "full", preexec_fn=_small_disk, database=database).start()
    try:
        terminal = TestTerminal(proc.url, proc.admin("enroll-code", "--division", DEMO_DIVISION).stdout.strip())
        data = os.urandom(4_000_000)
        sha = hashlib.sha256(data).hexdigest()
        offset, status = 0, 200
        while status == 200:
            reply = terminal.client.patch(
                f"/v1/attachments/{sha}",
                content=data[offset : offset + 1_000_000],
                headers={"Upload-Offset": str(offset), "Upload-Length": str(len(data))},
            )
            status = reply.status_code
            offset = reply.json()["received"] if status == 200 else offset
        assert status == 507 and "cannot store" in reply.json()["error"]
        state = terminal.client.get(f"/v1/attachments/{sha}").json()
        assert state["received"] == offset and not state["complete"] and offset % 1_000_000 == 0
        refused = terminal.client.post("/v1/records", json=terminal.record(attachments=[sha]))
        assert refused.status_code == 422
        assert terminal.client.get("/v1/health").json()["database"] == "ok"  # the database is not the disk
        terminal.close()
    finally:
        proc.stop()


def test_metrics_request_ids_and_json_logs(platform: InProcessPlatform) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("sync.platform.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        terminal = TestTerminal(platform.url, platform.enroll_code())
        sha = terminal.upload(b"scan" * 10_000)
        reply = terminal.client.post(
            "/v1/records", json=terminal.record(attachments=[sha]), headers={"X-Request-Id": "req-42.a"}
        )
        assert reply.status_code == 201 and reply.headers["X-Request-Id"] == "req-42.a"
        generated = terminal.client.get("/v1/status", headers={"X-Request-Id": "bad id with spaces"})
        assert (
            generated.headers["X-Request-Id"] != "bad id with spaces" and len(generated.headers["X-Request-Id"]) == 16
        )
    finally:
        access.removeHandler(handler)
        access.setLevel(logging.NOTSET)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    (post,) = [x for x in lines if x.get("request_id") == "req-42.a"]
    assert post["route"] == "/v1/records" and post["status"] == 201 and post["terminal"] == terminal.terminal_id
    assert post["level"] == "info" and post["duration_ms"] >= 0 and post["ts"].endswith("Z")
    assert "token" not in json.dumps(lines).lower().replace("x-yunban", "")
    health = httpx.get(platform.url + "/v1/health").json()
    assert health["status"] == "ok" and health["database"] == "ok"
    metrics = httpx.get(platform.url + "/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = metrics.text
    assert 'yunban_platform_requests_total{method="POST",route="/v1/records",status="201"' in text
    assert 'yunban_platform_intake_total{outcome="record_stored"' in text
    assert 'yunban_platform_intake_total{outcome="chunk_complete"' in text
    assert "yunban_platform_attachment_bytes_total{pid=" in text
    assert 'yunban_platform_request_seconds_bucket{method="POST",route="/v1/records",le="+Inf"' in text
    assert "yunban_platform_inflight_requests{" in text and "yunban_platform_connections_open{" in text
    assert 'yunban_platform_db_pool_connections{state="in_use"' in text
    terminal.close()


def test_metrics_are_refused_to_other_addresses(platform: InProcessPlatform) -> None:
    """/metrics answers loopback clients only: the same app asked from another address (ASGI scope) gets 403."""
    from starlette.testclient import TestClient

    app = platform_main.build_app(platform.store, None)
    with TestClient(app, client=("203.0.113.9", 50000)) as client:
        reply = client.get("/metrics")
    assert reply.status_code == 403 and "loopback" in reply.json()["error"]
