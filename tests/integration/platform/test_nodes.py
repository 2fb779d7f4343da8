"""Stateless nodes (issue 16): several `yunban platform serve` processes on one PostgreSQL database and one data
directory, with nothing in a node's memory another node needs. Real server processes, real PostgreSQL (the session's
private cluster), real nginx in front of two nodes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync import protocol
from sync.platform.observability import Metrics
from tests.integration.platform.test_slow_clients import NGINX, NginxFront
from tests.support.platform import DEMO_DIVISION, PlatformProcess, TestTerminal, shared_postgres_cluster


@pytest.fixture
def nodes(tmp_path: Path, pytestconfig: pytest.Config) -> Iterator[tuple[PlatformProcess, PlatformProcess]]:
    """Two platform processes on one database (a fresh schema) and one data directory (key files, attachments)."""
    database = shared_postgres_cluster(pytestconfig).new_schema()
    a = PlatformProcess(tmp_path / "data", database=database).start()
    b = PlatformProcess(tmp_path / "data", database=database).start()
    try:
        yield a, b
    finally:
        a.stop()
        b.stop()


def at_once(*calls: Callable[[], httpx.Response]) -> list[httpx.Response]:
    """Run the calls in threads released together; their responses in call order."""
    barrier = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        out[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def on(node: PlatformProcess, terminal: TestTerminal) -> httpx.Client:
    return httpx.Client(base_url=node.url, headers=terminal.headers, timeout=30)


def patch(client: httpx.Client, sha: str, data: bytes, offset: int, chunk: bytes) -> Callable[[], httpx.Response]:
    headers = {protocol.HEADER_UPLOAD_OFFSET: str(offset), protocol.HEADER_UPLOAD_LENGTH: str(len(data))}
    return lambda: client.patch(f"/v1/attachments/{sha}", content=chunk, headers=headers)


def post(client: httpx.Client, record: dict[str, Any]) -> Callable[[], httpx.Response]:
    return lambda: client.post("/v1/records", json=record)


def test_two_nodes_share_one_platform_and_store_each_chunk_and_record_exactly_once(
    nodes: tuple[PlatformProcess, PlatformProcess],
) -> None:
    a, b = nodes
    assert a.public_key == b.public_key  # one signing key for the platform, whichever node answers
    # An enrollment code made through one node is used on the other.
    code = a.admin("enroll-code", "--division", DEMO_DIVISION).stdout.strip()
    terminal = TestTerminal(b.url, code)
    ca, cb = on(a, terminal), on(b, terminal)
    stored: list[dict[str, Any]] = []
    for n in range(12):
        data = os.urandom(300_000 + n)
        sha = hashlib.sha256(data).hexdigest()
        first, rest = data[:200_000], data[200_000:]
        # The same chunk handed to both nodes at once: written once, the other node answers with the offset reached.
        replies = at_once(patch(ca, sha, data, 0, first), patch(cb, sha, data, 0, first))
        assert sorted(r.status_code for r in replies) in ([200, 200], [200, 409]), [r.text for r in replies]
        assert {r.json()["received"] for r in replies} == {200_000}
        # The last chunk, at once on both: the blob appears once, complete.
        replies = at_once(patch(ca, sha, data, 200_000, rest), patch(cb, sha, data, 200_000, rest))
        assert [r.status_code for r in replies].count(200) >= 1
        assert all(r.json()["received"] == len(data) for r in replies if r.status_code == 200)
        assert ca.get(f"/v1/attachments/{sha}").json()["complete"] is True
        assert (a.data / "blobs" / sha).read_bytes() == data
        # The same record on both nodes at once: stored once, the other answer is the duplicate.
        record = terminal.record({"n": n}, attachments=[sha], receipt_no=f"R-NODES-{n}")
        replies = at_once(post(ca, record), post(cb, record))
        assert sorted(r.status_code for r in replies) == [200, 201], [r.text for r in replies]
        stored.append(record)
    assert not list((a.data / "blobs" / "parts").glob("*.part"))
    stats = a.admin("stats", "--json")
    assert '"records": 12' in stats.stdout and '"attachments": 12' in stats.stdout
    assert '"duplicates_absorbed": 12' in stats.stdout
    # A status set through one node's admin command reaches the terminal through the other node, by cursor.
    assert a.admin("set-status", stored[0]["receipt_no"], "已受理").returncode == 0
    assert [c["record_id"] for c in cb.get("/v1/status").json()["changes"]] == [stored[0]["record_id"]]
    assert ca.get("/v1/status", params={"cursor": 1}).json()["changes"] == []
    for client in (ca, cb):
        client.close()
    terminal.close()


def test_a_node_killed_mid_upload_the_terminal_resumes_on_the_other(
    nodes: tuple[PlatformProcess, PlatformProcess],
) -> None:
    a, b = nodes
    terminal = TestTerminal(a.url, a.admin("enroll-code", "--division", DEMO_DIVISION).stdout.strip())
    data = os.urandom(2_500_000)
    sha = hashlib.sha256(data).hexdigest()
    ca = on(a, terminal)
    assert patch(ca, sha, data, 0, data[:1_000_000])().json()["received"] == 1_000_000
    ca.close()
    a.kill()  # SIGKILL mid-upload: its connections and locks die with it
    cb = on(b, terminal)
    state = cb.get(f"/v1/attachments/{sha}").json()
    assert state == {"sha256": sha, "received": 1_000_000, "complete": False, "length": len(data)}
    offset = state["received"]
    while offset < len(data):
        reply = patch(cb, sha, data, offset, data[offset : offset + 1_000_000])()
        assert reply.status_code == 200, reply.text
        offset = reply.json()["received"]
    assert (b.data / "blobs" / sha).read_bytes() == data
    assert cb.post("/v1/records", json=terminal.record(attachments=[sha])).status_code == 201
    cb.close()
    terminal.close()


def stored_per_worker(metrics: str) -> dict[str, int]:
    """{pid: records stored} from one /metrics answer."""
    out = {}
    for line in metrics.splitlines():
        if line.startswith('yunban_platform_intake_total{outcome="record_stored"'):
            pid = line.split('pid="')[1].split('"')[0]
            out[pid] = int(line.rsplit(" ", 1)[1])
    return out


def test_a_dead_workers_counters_stay_in_the_scrape_and_its_gauges_go(tmp_path: Path) -> None:
    """Two workers' Metrics sharing a folder: a scrape of one shows both; once the other is gone (its pid no longer
    exists), its counters stay (sums over pid never go down) and its gauges (pool, start time) are dropped."""
    ended = dead_pid()
    other = Metrics()
    other.count_intake("record_stored")
    other.count_intake("record_stored")
    snap = other.snapshot()
    snap["pid"] = ended
    snap["pool"] = {"in_use": 3}
    (tmp_path / f"{ended}.json").write_text(json.dumps(snap))
    mine = Metrics()
    mine.share(tmp_path)
    mine.count_intake("record_stored")
    text = mine.render()
    assert stored_per_worker(text) == {str(os.getpid()): 1, str(ended): 2}
    assert f'pid="{ended}"' not in "".join(
        line for line in text.splitlines() if line.startswith(("yunban_platform_db_pool", "yunban_platform_start"))
    )
    assert (tmp_path / f"{os.getpid()}.json").exists()  # what the other workers read of this one


def dead_pid() -> int:
    """A pid no process has now (a child that has ended and been reaped)."""
    child = subprocess.Popen(["true"])
    child.wait(10)
    return child.pid


def test_workers_share_one_socket_and_the_database(tmp_path: Path, pytestconfig: pytest.Config) -> None:
    database = shared_postgres_cluster(pytestconfig).new_schema()
    proc = PlatformProcess(tmp_path / "data", database=database, extra=("--workers", "2")).start()
    try:
        terminal = TestTerminal(proc.url, proc.admin("enroll-code", "--division", DEMO_DIVISION).stdout.strip())
        pids = set()
        for n in range(40):  # a new connection each time: the kernel hands them to both workers
            with httpx.Client(base_url=proc.url, headers=terminal.headers) as client:
                assert client.post("/v1/records", json=terminal.record({"n": n})).status_code == 201
                metrics = client.get("/metrics").text
                pids |= {line.split('pid="')[1].split('"')[0] for line in metrics.splitlines() if 'pid="' in line}
        assert len(pids) == 2
        assert '"records": 40' in proc.admin("stats", "--json").stdout
        # One scrape answers for both workers: the records each stored, under its pid, add up to all 40 (the other
        # worker's counters reach the folder they share within Metrics.share's interval).
        stored: dict[str, int] = {}
        deadline = time.monotonic() + 15
        while sum(stored.values()) != 40 and time.monotonic() < deadline:
            time.sleep(0.2)
            stored = stored_per_worker(httpx.get(proc.url + "/metrics").text)
        assert sum(stored.values()) == 40 and len(stored) == 2 and all(stored.values()), stored
        terminal.close()
    finally:
        proc.stop()
    assert proc.proc is None  # SIGTERM stopped the supervisor and both workers


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt install nginx-light; scripts/apt-packages.txt)")
def test_two_nodes_behind_nginx_deliver_every_record_once(
    nodes: tuple[PlatformProcess, PlatformProcess], tmp_path: Path
) -> None:
    a, b = nodes
    front = NginxFront(tmp_path / "nginx", [a.port, b.port]).start()
    try:
        terminals = [
            TestTerminal(front.url, a.admin("enroll-code", "--division", DEMO_DIVISION).stdout.strip())
            for _ in range(3)
        ]
        for t in terminals:
            for n in range(10):
                sha = t.upload(os.urandom(50_000))
                assert t.client.post("/v1/records", json=t.record({"n": n}, attachments=[sha])).status_code == 201
        stats = b.admin("stats", "--json").stdout
        assert '"records": 30' in stats and '"attachments": 30' in stats
        for t in terminals:
            t.close()
    finally:
        front.stop()
