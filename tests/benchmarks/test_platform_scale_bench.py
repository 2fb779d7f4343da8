"""The platform at province scale (issue 16; docs/benchmarks.md, "Platform at province scale").

Thousands of simulated terminals (`sync.platform.loadtest`, what `yunban platform load-test` runs), each enrolled with
its own key, send signed records with a 200 KiB attachment each at a set rate, and fetch status and catalog pages:
- the platform on PostgreSQL (a private cluster with PostgreSQL's durable defaults: fsync and synchronous commit on)
  and on SQLite, `yunban platform serve --workers 2`;
- the same load against a bare endpoint writing the same bytes with no checks (test_platform_bare_endpoint.py);
- 1 node against 2 nodes behind nginx (the shipped site file, per-address limits raised: the load comes from one
  address);
- 15,000 terminals fetching a catalog change page and their status after a catalog release.

Run (each test prints its report and adds it to $YUNBAN_BENCH_OUT, default /tmp/yunban-platform-scale.json):
    .venv/bin/python -m pytest tests/benchmarks/test_platform_scale_bench.py --benchmark-enable --benchmark-only -s \
        -p no:randomly
Sizes: $YUNBAN_BENCH_TERMINALS (1000), $YUNBAN_BENCH_RECORDS (6600: 60 s at 110/s), $YUNBAN_BENCH_RATE (110),
$YUNBAN_BENCH_CATALOG_TERMINALS (15000).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync.platform import admin as platform_main
from sync.platform.loadtest import LoadConfig, enroll_codes, run_load
from tests.integration.platform.test_slow_clients import NGINX, NginxFront
from tests.support.platform import PlatformProcess, query
from tests.support.postgres import PostgresCluster, find_bindir

OUT = Path(os.environ.get("YUNBAN_BENCH_OUT", "/tmp/yunban-platform-scale.json"))
TERMINALS = int(os.environ.get("YUNBAN_BENCH_TERMINALS", "1000"))
RECORDS = int(os.environ.get("YUNBAN_BENCH_RECORDS", "6600"))
RATE = float(os.environ.get("YUNBAN_BENCH_RATE", "110"))
CATALOG_TERMINALS = int(os.environ.get("YUNBAN_BENCH_CATALOG_TERMINALS", "15000"))
BARE = Path(__file__).with_name("test_platform_bare_endpoint.py")
OPEN_LIMITS = (
    (r"rate=50r/s;", "rate=100000r/s;"),
    (r"limit_conn yunban_conn 64;", "limit_conn yunban_conn 4096;"),
    (r"rate=1r/s;", "rate=100000r/s;"),
)
"""The shipped nginx file with its per-address limits raised: every simulated terminal comes from 127.0.0.1."""

pytestmark = [
    pytest.mark.skipif(find_bindir() is None, reason="PostgreSQL is not installed (postgresql-15)"),
    pytest.mark.timeout(3600),  # enrolling 15,000 terminals on a loaded machine takes minutes
]


def save(name: str, report: dict[str, Any]) -> None:
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    results[name] = report
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"\n{name}: {json.dumps(report, ensure_ascii=False)}")


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresCluster]:
    c = PostgresCluster.start(settings=())  # durable: PostgreSQL's defaults
    try:
        yield c
    finally:
        c.stop()


def serve(data: Path, database: str | None, *extra: str) -> PlatformProcess:
    return PlatformProcess(data, database=database, extra=("--workers", "2", *extra)).start()


def load(
    url: str, codes: list[tuple[str, str]], pids: list[int], db_pids: list[int] | None = None, **kwargs: Any
) -> dict[str, Any]:
    config = LoadConfig(url=url, terminals=len(codes), records=RECORDS, rate=RATE, burst=50, **kwargs)
    before = os.getloadavg()
    report = run_load(config, codes, pids, db_pids)
    report["load_average"] = {"before": before, "after": os.getloadavg()}  # the machine is shared: say how busy
    return report


def postmaster(cluster: PostgresCluster | None) -> list[int]:
    """The cluster's postmaster (its backends are its children: ProcessWatch counts them)."""
    if cluster is None:
        return []
    return [int((cluster.data / "postmaster.pid").read_text().split()[0])]


def codes_for(data: Path, database: str | None, count: int) -> list[tuple[str, str]]:
    store = platform_main.open_store(data, database)
    try:
        return enroll_codes(store, count)
    finally:
        store.close()


def stored_facts(data: Path, database: str | None, cluster: PostgresCluster | None) -> dict[str, Any]:
    store = platform_main.open_store(data, database)
    try:
        stats = store.stats()
        facts: dict[str, Any] = {"db_records": stats["records"], "db_attachments": stats["attachments"]}
        if cluster is not None:
            (row,) = query(store, "SELECT pg_database_size(current_database())")
            facts["db_bytes"] = int(row[0])
        else:
            facts["db_bytes"] = sum(p.stat().st_size for p in data.glob("platform.db*"))
        blobs = [p for p in (data / "blobs").iterdir() if p.is_file()]
        facts["blob_bytes"] = sum(p.stat().st_size for p in blobs)
        return facts
    finally:
        store.close()


def run_platform(benchmark: Any, name: str, data: Path, database: str | None, cluster: PostgresCluster | None) -> None:
    proc = serve(data, database)
    try:
        codes = codes_for(data, database, TERMINALS)
        assert proc.proc is not None
        pids = [proc.proc.pid]
        report = benchmark.pedantic(lambda: load(proc.url, codes, pids, postmaster(cluster)), rounds=1, iterations=1)
    finally:
        proc.stop()
    report.update(stored_facts(data, database, cluster))
    save(name, report)
    assert report["db_records"] == report["stored"]  # every acknowledged record stored once: no duplicate, no loss


def test_bench_intake_postgres(benchmark: Any, cluster: PostgresCluster, tmp_path: Path) -> None:
    run_platform(benchmark, "postgres", tmp_path / "data", cluster.new_database("intake"), cluster)


def test_bench_intake_sqlite(benchmark: Any, tmp_path: Path) -> None:
    run_platform(benchmark, "sqlite", tmp_path / "data", None, None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_bench_intake_bare_endpoint(benchmark: Any, tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, str(BARE), str(port), str(tmp_path / "bare")])
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/v1/health")
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        codes = [(f"CODE-{i}", "532524103205") for i in range(TERMINALS)]
        report = benchmark.pedantic(
            lambda: load(f"http://127.0.0.1:{port}", codes, [server.pid]), rounds=1, iterations=1
        )
    finally:
        server.terminate()
        server.wait(15)
    save("bare", report)


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (nginx-light)")
@pytest.mark.parametrize("nodes", [1, 2])
def test_bench_nodes_behind_nginx(benchmark: Any, cluster: PostgresCluster, tmp_path: Path, nodes: int) -> None:
    """1 node or 2 nodes (each `--workers 1`: the same number of processes per node) on one PostgreSQL database."""
    database = cluster.new_database(f"nodes{nodes}")
    data = tmp_path / "data"
    procs = [PlatformProcess(data, database=database).start() for _ in range(nodes)]
    front = NginxFront(tmp_path / "nginx", [p.port for p in procs], substitutions=OPEN_LIMITS).start()
    try:
        codes = codes_for(data, database, TERMINALS)
        pids = [p.proc.pid for p in procs if p.proc is not None]
        report = benchmark.pedantic(lambda: load(front.url, codes, pids, postmaster(cluster)), rounds=1, iterations=1)
    finally:
        front.stop()
        for p in procs:
            p.stop()
    report.update(stored_facts(data, database, cluster))
    save(f"nginx_{nodes}_nodes", report)
    assert report["db_records"] == report["stored"]


def test_bench_catalog_and_status_for_15000_terminals(benchmark: Any, cluster: PostgresCluster, tmp_path: Path) -> None:
    """15,000 terminals enrolled; after a catalog release each fetches a change page and its status feed."""
    database = cluster.new_database("catalog")
    data = tmp_path / "data"
    proc = serve(data, database)
    try:
        codes = codes_for(data, database, CATALOG_TERMINALS)
        store = platform_main.open_store(data, database)
        try:
            platform_main.publish_changes(store, [{"op": "bump_version"}])
        finally:
            store.close()
        assert proc.proc is not None
        pid = proc.proc.pid
        report = benchmark.pedantic(
            lambda: run_load(
                LoadConfig(
                    url=proc.url, terminals=len(codes), records=1, rate=10, catalog_phase=True, enroll_concurrency=32
                ),
                codes,
                [pid],
                postmaster(cluster),
            ),
            rounds=1,
            iterations=1,
        )
    finally:
        proc.stop()
    save("catalog_15000", report)
    assert report["error_count"] == 0
