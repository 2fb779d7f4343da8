"""Shared test helpers: the reference platform in-process (a thread) or as a subprocess, plus an enrolled client.

In-process (fast; same interpreter):

    with InProcessPlatform(tmp_path / "platform") as platform:
        code = platform.enroll_code("532524103205")
        httpx.get(platform.url + "/v1/health")
        platform.store.stats()

As a subprocess (`yunban platform serve --port 0`; can be killed with SIGKILL and restarted on the same data dir
and, with `port=`, the same port):

    proc = PlatformProcess(tmp_path / "platform").start()
    ...; proc.kill(); proc.start(port=proc.port)  # restart where it was
    proc.stop()                                   # SIGTERM, clean shutdown

`TestTerminal` enrolls a fresh Ed25519 key directly over HTTP and builds signed records, for server-side tests that
do not need the terminal's keystore. Pytest fixtures `platform` (in-process) and `platform_process` are defined in
this module; import them into a conftest.py (`from tests.support.platform import platform, platform_process`).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.data import DEMO_CATALOG
from sync import protocol
from sync.platform import admin as platform_main
from tests.support.postgres import PostgresCluster, find_bindir

REPO = Path(__file__).resolve().parents[2]
DEMO_DIVISION = "532524103205"
YUNBAN = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"]
"""The `yunban` command, run by this interpreter (no reliance on the console script being installed)."""


class InProcessPlatform:
    """The platform app on uvicorn in a thread of the test process, on a free 127.0.0.1 port."""

    def __init__(self, data: Path, catalog: Path | str | None = DEMO_CATALOG, database: str | None = None) -> None:
        self.data = Path(data)
        self.catalog = catalog
        self.database = database
        """A PostgreSQL URL (None: SQLite in `data`)."""
        self._embedded: platform_main.EmbeddedPlatform | None = None

    def start(self) -> InProcessPlatform:
        self._embedded = platform_main.EmbeddedPlatform(self.data, self.catalog, database=self.database)
        return self

    @property
    def embedded(self) -> platform_main.EmbeddedPlatform:
        assert self._embedded is not None, "platform not started"
        return self._embedded

    @property
    def url(self) -> str:
        return self.embedded.url

    @property
    def store(self) -> Any:
        return self.embedded.store

    @property
    def public_key(self) -> str:
        return self.embedded.public_key

    def enroll_code(self, division: str = DEMO_DIVISION) -> str:
        return platform_main.enroll_code(self.store, division)

    def stop(self) -> None:
        if self._embedded is not None:
            self._embedded.close()
            self._embedded = None

    def __enter__(self) -> InProcessPlatform:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class PlatformProcess:
    """`yunban platform serve --port 0` in a child process; reads the bound port from its first stdout line."""

    def __init__(
        self,
        data: Path,
        catalog: Path | str | None = None,
        preexec_fn: Callable[[], None] | None = None,
        database: str | None = None,
        extra: tuple[str, ...] = (),
    ) -> None:
        self.data = Path(data)
        self.catalog = catalog
        self.database = database
        """A PostgreSQL URL (None: SQLite in `data`)."""
        self.extra = extra
        """More `serve` options (e.g. ("--workers", "2"))."""
        self.preexec_fn = preexec_fn
        """Runs in the child before exec (e.g. resource limits to simulate a full disk)."""
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0
        self.public_key = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int = 0, timeout: float = 30.0) -> PlatformProcess:
        cmd = [*YUNBAN, "platform", "serve", "--port", str(port), "--data", str(self.data)]
        if self.catalog:
            cmd += ["--catalog", str(self.catalog)]
        if self.database:
            cmd += ["--database", self.database]
        cmd += list(self.extra)
        self.proc = subprocess.Popen(
            cmd,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ},
            preexec_fn=self.preexec_fn,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # blocks until bound or the process dies (EOF)
        if not line:
            err = self.proc.stderr.read() if self.proc.stderr else ""
            self.proc.wait(timeout)
            raise RuntimeError(f"platform did not start (exit {self.proc.returncode}): {err}")
        info = json.loads(line)
        self.port = int(info["port"])
        self.public_key = info["public_key"]
        return self

    def kill(self) -> None:
        """SIGKILL: no clean shutdown (tests crash recovery)."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self._close_pipes()
            self.proc = None

    def stop(self) -> None:
        """SIGTERM and wait: uvicorn shuts down cleanly."""
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
            self._close_pipes()
            self.proc = None

    def _close_pipes(self) -> None:
        assert self.proc is not None
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()

    def admin(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `yunban platform <args> --data DIR` (e.g. admin("stats", "--json"))."""
        cmd = [*YUNBAN, "platform", *args, "--data", str(self.data)]
        if self.database:
            cmd += ["--database", self.database]
        return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)


class TestTerminal:
    """A terminal enrolled straight over HTTP with a fresh key (no keystore): signs and posts records."""

    __test__ = False  # not a test class

    def __init__(self, url: str, code: str, division: str = DEMO_DIVISION) -> None:
        self.url = url
        self.signer = protocol.generate_signer()
        reply = httpx.post(
            f"{url}/v1/enroll",
            json={
                "code": code,
                "public_key": protocol.b64encode(self.signer.public_key_bytes()),
                "algorithm": "ed25519",
                "division": division,
            },
        )
        reply.raise_for_status()
        body = reply.json()
        self.terminal_id: str = body["terminal_id"]
        self.token: str = body["token"]
        self.platform_public_key: str = body["platform_public_key"]
        self.sequence = 0
        self.client = httpx.Client(base_url=url, headers=self.headers, timeout=30)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", protocol.HEADER_TERMINAL: self.terminal_id}

    def record(
        self,
        payload: dict[str, Any] | None = None,
        *,
        kind: str = "submission",
        attachments: list[str] | None = None,
        receipt_no: str | None = None,
        record_id: str | None = None,
    ) -> dict[str, Any]:
        payload = payload if payload is not None else {"test": True, "n": self.sequence}
        digest = protocol.content_hash(payload)
        self.sequence += 1
        record_id = record_id or str(uuid.uuid4())
        envelope = protocol.record_envelope_bytes(
            record_id=record_id,
            kind=kind,
            receipt_no=receipt_no,
            sequence=self.sequence,
            terminal_id=self.terminal_id,
            content_hash_hex=digest,
        )
        return {
            "record_id": record_id,
            "kind": kind,
            "content_hash": digest,
            "created_at": "2026-11-27T00:00:00Z",
            "sequence": self.sequence,
            "receipt_no": receipt_no,
            "payload": payload,
            "attachments": attachments or [],
            "signature": protocol.b64encode(self.signer.sign(protocol.record_signing_bytes(digest))),
            "envelope_signature": protocol.b64encode(self.signer.sign(envelope)),
        }

    def upload(self, data: bytes, chunk: int = protocol.MAX_CHUNK) -> str:
        sha = hashlib.sha256(data).hexdigest()
        offset = 0
        while True:
            part = data[offset : offset + chunk]
            reply = self.client.patch(
                f"/v1/attachments/{sha}",
                content=part,
                headers={protocol.HEADER_UPLOAD_OFFSET: str(offset), protocol.HEADER_UPLOAD_LENGTH: str(len(data))},
            )
            reply.raise_for_status()
            offset = reply.json()["received"]
            if reply.json()["complete"]:
                return sha

    def close(self) -> None:
        self.client.close()


_CLUSTER: list[PostgresCluster] = []


def shared_postgres_cluster(config: pytest.Config) -> PostgresCluster:
    """The session's private PostgreSQL cluster, started on first use and stopped when the session ends; the test
    is skipped, saying why, when PostgreSQL is not installed."""
    if not _CLUSTER:
        if find_bindir() is None:
            pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found: apt install postgresql-15 (scripts/setup.sh)")
        cluster = PostgresCluster.start()
        _CLUSTER.append(cluster)

        def stop() -> None:
            _CLUSTER.clear()
            cluster.stop()

        config.add_cleanup(stop)
    return _CLUSTER[0]


@pytest.fixture(scope="session")
def postgres_cluster(pytestconfig: pytest.Config) -> PostgresCluster:
    """The session's private PostgreSQL cluster (tests/support/postgres.py)."""
    return shared_postgres_cluster(pytestconfig)


def database_for(request: pytest.FixtureRequest) -> str | None:
    """The `database` a platform fixture uses: None (SQLite in its data directory) unless the test's scope defines
    a `platform_engine` fixture answering "postgres" (tests/integration/platform/conftest.py parametrizes it over
    both engines): then a fresh schema of the session's PostgreSQL cluster."""
    try:
        engine = request.getfixturevalue("platform_engine")
    except pytest.FixtureLookupError:
        return None
    return database_for_engine(request.config, engine)


def database_for_engine(config: pytest.Config, engine: str) -> str | None:
    """None for "sqlite"; for "postgres" a fresh schema of the session's PostgreSQL cluster."""
    if engine == "sqlite":
        return None
    assert engine == "postgres", engine
    return shared_postgres_cluster(config).new_schema()


def query(store: Any, sql: str, *params: Any) -> list[Any]:
    """Rows of a read-only SQL query on a platform store, whichever its engine (`?` placeholders)."""
    with store.engine.read() as conn:
        return list(conn.execute(sql, params).fetchall())


@pytest.fixture
def platform(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[InProcessPlatform]:
    """The reference platform in this process, on a free loopback port, with its own data directory."""
    with InProcessPlatform(tmp_path / "platform", database=database_for(request)) as p:
        yield p


@pytest.fixture
def platform_process(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[PlatformProcess]:
    """`yunban platform serve --port 0` as a child process; stopped at the end of the test."""
    proc = PlatformProcess(tmp_path / "platform-proc", database=database_for(request)).start()
    try:
        yield proc
    finally:
        proc.stop()


def publish(store: Any, changes: list[Any], catalog: Any = DEMO_CATALOG, *, validate: bool = True) -> dict[str, Any]:
    """Publish as `yunban platform publish` does: checked by the terminals' own validation unless `validate=False`
    (tests of the terminals' defence against a faulty platform)."""
    from app.catalog.updates import release_check

    return platform_main.publish_changes(store, changes, catalog, check=release_check if validate else None)
