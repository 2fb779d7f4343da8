"""Slow clients cannot deny service (issue 11, item 1): enrolled terminals deliver while hundreds of slow
connections are held, against the bare server and behind the nginx front (packaging/platform/).

`SlowAttack` is the bounded attack helper (also used by tests/benchmarks/test_slow_clients_bench.py): loopback
only, at most `MAX_CONNECTIONS`, from its own source address (127.0.0.2, so per-address limits tell it from the
terminals on 127.0.0.1), reconnecting whenever the server closes a connection, until `stop()` or its `duration`
runs out. Kinds of slow connection:
- `body`: POST /v1/enroll (no token needed) with a Content-Length, then one byte every `interval` seconds;
- `chunked`: POST /v1/enroll with a chunked body whose last chunk never comes, one chunk every `interval`;
- `auth-body`: POST /v1/records with a made-up bearer token and a Content-Length, then one byte every `interval`;
- `headers`: a request head that never ends, one header line every `interval` (slowloris);
- `idle`: connects and sends nothing.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.data import DEMO_CATALOG
from sync.platform import admin as platform_main
from sync.platform.guard import ServerLimits, raise_nofile_limit
from sync.platform.server import ThreadedServer
from tests.support.platform import DEMO_DIVISION, REPO, YUNBAN, TestTerminal

ATTACK_ADDRESS = "127.0.0.2"
MAX_CONNECTIONS = 2000
KINDS = ("body", "chunked", "auth-body", "headers", "idle")
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
SITE_CONF = REPO / "packaging" / "platform" / "nginx-yunban-platform.conf"


@dataclass(frozen=True)
class Closed:
    """One slow connection the server closed: its kind, how long it was held (s), the status line it got."""

    kind: str
    held_s: float
    status: str


class SlowAttack:
    """`n` slow connections to host:port, kept up (reconnecting) until `stop()` or `duration` seconds."""

    def __init__(
        self,
        host: str,
        port: int,
        n: int,
        *,
        interval: float = 2.0,
        duration: float = 120.0,
        kinds: tuple[str, ...] = KINDS,
    ) -> None:
        if not host.startswith("127."):
            raise ValueError("the slow-client attack runs on loopback only")
        if not 0 < n <= MAX_CONNECTIONS:
            raise ValueError(f"1 to {MAX_CONNECTIONS} connections")
        self.host, self.port, self.n = host, port, n
        self.interval, self.duration, self.kinds = interval, duration, kinds
        self.closed: list[Closed] = []
        self.open = 0
        self.peak = 0
        """Most connections open at once."""
        self.connected = 0
        self.started = 0.0
        self._open_since: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="slow-attack", daemon=True)

    def start(self, wait_for: int | None = None, timeout: float = 30.0) -> SlowAttack:
        """Start; return once `wait_for` connections (default all n) have been opened at least once."""
        raise_nofile_limit()
        self.started = time.monotonic()
        self._thread.start()
        deadline = time.monotonic() + timeout
        while self.connected < (self.n if wait_for is None else wait_for) and time.monotonic() < deadline:
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(30)

    def oldest_open(self) -> float:
        """How long (s) the oldest connection still open has been open (0: none open)."""
        since = list(self._open_since.values())
        return time.monotonic() - min(since) if since else 0.0

    def wait_closed(self, kinds: tuple[str, ...], timeout: float) -> None:
        """Wait until every kind in `kinds` has had at least one connection closed by the server."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not all(any(c.kind == k for c in self.closed) for k in kinds):
            time.sleep(0.1)

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        loop = asyncio.get_running_loop()
        end = loop.time() + self.duration
        tasks = [asyncio.create_task(self._one(self.kinds[i % len(self.kinds)], i)) for i in range(self.n)]
        while not self._stop.is_set() and loop.time() < end:
            await asyncio.sleep(0.05)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _head(self, kind: str, i: int) -> bytes:
        host = f"Host: {self.host}\r\n"
        if kind == "body":
            return f"POST /v1/enroll HTTP/1.1\r\n{host}Content-Length: 100000\r\n\r\n{{".encode()
        if kind == "chunked":
            return f"POST /v1/enroll HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\n\r\n1\r\n{{\r\n".encode()
        if kind == "auth-body":
            return (
                f"POST /v1/records HTTP/1.1\r\n{host}Authorization: Bearer {'0' * 64}\r\n"
                f"X-Yunban-Terminal: T{i:016X}\r\nContent-Length: 100000\r\n\r\n{{"
            ).encode()
        if kind == "headers":
            return f"POST /v1/records HTTP/1.1\r\n{host}".encode()
        return b""

    @staticmethod
    def _trickle(kind: str, n: int) -> bytes:
        if kind in ("body", "auth-body"):
            return b" "
        if kind == "chunked":
            return b"1\r\n \r\n"
        if kind == "headers":
            return f"X-Pad-{n}: slow\r\n".encode()
        return b""

    async def _one(self, kind: str, i: int) -> None:
        while True:
            started = time.monotonic()
            try:
                reader, writer = await asyncio.open_connection(self.host, self.port, local_addr=(ATTACK_ADDRESS, 0))
            except OSError:
                await asyncio.sleep(self.interval)
                continue
            self.open += 1
            self._open_since[i] = time.monotonic()
            self.peak = max(self.peak, self.open)
            self.connected += 1
            status = b""
            by_server = False
            try:
                writer.write(self._head(kind, i))
                sent = 0
                while True:
                    try:
                        data = await asyncio.wait_for(reader.read(4096), self.interval)
                    except TimeoutError:
                        sent += 1
                        writer.write(self._trickle(kind, sent))
                        await writer.drain()
                        continue
                    if not data:
                        by_server = True
                        break
                    status = status or data.split(b"\r\n", 1)[0]
            except OSError:  # reset by the server (an abort)
                by_server = True
            finally:
                self.open -= 1
                self._open_since.pop(i, None)
                writer.close()
            if by_server:
                self.closed.append(Closed(kind, time.monotonic() - started, status.decode("latin-1")))
            await asyncio.sleep(self.interval)  # reconnect, slowly (this is not a flood)


# -- terminals ----------------------------------------------------------------------------------------------------


def enrolled_terminals(url: str, codes: list[str]) -> list[TestTerminal]:
    return [TestTerminal(url, code) for code in codes]


def deliver(terminal: TestTerminal, records: int) -> list[int]:
    """One attachment and `records` signed records referring to it, as an outbox sends them; the status codes."""
    statuses = []
    sha = terminal.upload(os.urandom(3000) + terminal.terminal_id.encode())
    for n in range(records):
        record = terminal.record({"n": n, "name": "张三", "note": "x" * 300}, attachments=[sha])
        statuses.append(terminal.client.post("/v1/records", json=record).status_code)
    return statuses


def deliver_all(terminals: list[TestTerminal], records: int) -> list[int]:
    with ThreadPoolExecutor(len(terminals)) as pool:
        return [s for statuses in pool.map(lambda t: deliver(t, records), terminals) for s in statuses]


# -- nginx --------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _substitute(text: str, pattern: str, value: str) -> str:
    new, count = re.subn(pattern, value, text)
    assert count == 1, f"{SITE_CONF.name}: expected one {pattern!r}"
    return new


class NginxFront:
    """nginx in the foreground with a private prefix under `folder`, the shipped site configuration in front of
    the platform on `upstream_port` (listen port, upstream and the given timeouts substituted)."""

    def __init__(
        self,
        folder: Path,
        upstream_port: int | list[int],
        header_timeout: str = "10s",
        body_timeout: str = "10s",
        substitutions: tuple[tuple[str, str], ...] = (),
    ) -> None:
        assert NGINX is not None
        self.prefix = folder
        self.port = free_port()
        site = SITE_CONF.read_text(encoding="utf-8")
        site = _substitute(site, r"listen 127\.0\.0\.1:8080;", f"listen 127.0.0.1:{self.port};")
        ports = upstream_port if isinstance(upstream_port, list) else [upstream_port]  # several: one per node
        site = _substitute(site, r"server 127\.0\.0\.1:8700;", " ".join(f"server 127.0.0.1:{p};" for p in ports))
        for pattern, value in substitutions:
            site = _substitute(site, pattern, value)
        site = _substitute(site, r"client_header_timeout 10s;", f"client_header_timeout {header_timeout};")
        site = _substitute(site, r"client_body_timeout 10s;", f"client_body_timeout {body_timeout};")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "site.conf").write_text(site, encoding="utf-8")
        temp = "\n".join(
            f"  {name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        user = ""
        if os.geteuid() == 0:  # workers would switch to nobody, who cannot enter the private prefix
            user = "user root root;"
        (folder / "nginx.conf").write_text(
            f"""{user}
worker_processes 1;
worker_rlimit_nofile 16384;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 8192; }}
http {{
  access_log off;
{temp}
  include {folder / "site.conf"};
}}
""",
            encoding="utf-8",
        )
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> NginxFront:
        assert NGINX is not None
        cmd = [
            NGINX,
            "-p",
            str(self.prefix),
            "-c",
            str(self.prefix / "nginx.conf"),
            "-e",
            str(self.prefix / "error.log"),
            "-g",
            "daemon off;",
        ]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"nginx exited {self.proc.returncode}: {err}")
            try:
                if httpx.get(self.url + "/v1/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("nginx did not answer /v1/health")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
            if self.proc.stderr is not None:
                self.proc.stderr.close()
            self.proc = None


# -- tests --------------------------------------------------------------------------------------------------------

N = 200
INTERVAL = 1.5
SLACK = 3.0
TEST_LIMITS = ServerLimits(
    head_timeout=3, keep_alive=2, body_timeout=3, body_min_rate=1024, max_pending=60, max_unauthenticated=16
)


@dataclass
class Served:
    server: ThreadedServer
    store: Any
    terminals: list[TestTerminal]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """The platform on the bare server with short timeouts, and 4 enrolled terminals."""
    store = platform_main.open_store(tmp_path / "platform")
    codes = [platform_main.enroll_code(store, DEMO_DIVISION) for _ in range(4)]
    server = ThreadedServer(platform_main.build_app(store, DEMO_CATALOG), limits=TEST_LIMITS).start()
    terminals = enrolled_terminals(server.url, codes)
    yield Served(server, store, terminals)
    for terminal in terminals:
        terminal.close()
    server.stop()
    store.close()


def _check_attack(attack: SlowAttack, bound: float, kinds: tuple[str, ...]) -> None:
    """Every kind was closed by the server at least once, none was held past `bound` (+ slack), and once the
    first wave has had its time no connection is still open past it."""
    attack.wait_closed(kinds, bound + SLACK)
    time.sleep(max(0.0, attack.started + bound + 1.0 - time.monotonic()))
    closed_kinds = {c.kind for c in attack.closed}
    assert set(kinds) <= closed_kinds, f"never closed by the server: {set(kinds) - closed_kinds}"
    late = [c for c in attack.closed if c.held_s > bound + SLACK]
    assert not late, f"held past the timeouts: {late[:5]}"
    assert attack.oldest_open() <= bound + SLACK


def test_terminals_deliver_while_slow_connections_are_held(served: Served) -> None:
    server, terminals = served.server, served.terminals
    attack = SlowAttack(server.host, server.port, N, interval=INTERVAL).start()
    try:
        assert attack.connected >= N
        statuses = deliver_all(terminals, 20)
        _check_attack(attack, max(TEST_LIMITS.head_timeout, TEST_LIMITS.body_timeout), KINDS)
    finally:
        attack.stop()
    assert statuses == [201] * (20 * len(terminals))
    assert attack.peak >= N // 4  # the attack really held many connections at once
    answers = {(c.kind, c.status.split(" ")[1] if c.status else "") for c in attack.closed}
    assert {("body", "408"), ("chunked", "408"), ("body", "503"), ("auth-body", "401")} <= answers
    # refused before its body was read (or dropped before its head was complete, to make room: "")
    assert not {status for kind, status in answers if kind == "auth-body"} - {"401", ""}
    stats = server.stats
    assert stats.head_timeouts + stats.evicted > 0 and stats.body_timeouts > 0 and stats.unauthorized > 0


def test_oldest_half_sent_heads_make_room_for_terminals(tmp_path: Path) -> None:
    """With the pending-head cap far below the attack, terminals still connect: the oldest waiting go first."""
    store = platform_main.open_store(tmp_path / "platform")
    code = platform_main.enroll_code(store, DEMO_DIVISION)
    limits = dataclasses.replace(TEST_LIMITS, head_timeout=30, max_pending=20)
    with ThreadedServer(platform_main.build_app(store, DEMO_CATALOG), limits=limits) as server:
        attack = SlowAttack(server.host, server.port, 100, interval=INTERVAL, kinds=("headers", "idle")).start(
            wait_for=100
        )
        try:
            terminal = TestTerminal(server.url, code)
            statuses = deliver(terminal, 10)
            terminal.close()
        finally:
            attack.stop()
        assert statuses == [201] * 10
        assert server.stats.evicted >= 80
        assert all(c.held_s < limits.head_timeout for c in attack.closed)  # evicted, long before the head timeout
    store.close()


def test_large_or_unauthenticated_bodies_are_refused_before_reading(served: Served) -> None:
    server, terminals = served.server, served.terminals
    terminal = terminals[0]
    big = TEST_LIMITS.max_body_bytes + 1
    for path, headers in (
        ("/v1/records", terminal.headers),
        ("/v1/records", {}),
        ("/v1/enroll", {}),
    ):
        with socket.create_connection((server.host, server.port), timeout=10) as sock:
            head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\n{head}Content-Length: {big}\r\n\r\n".encode())
            reply = sock.recv(65536)
            assert reply.startswith(b"HTTP/1.1 413"), reply[:80]
            while sock.recv(65536):  # then the server closes the connection
                pass
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/records HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 401")
        while sock.recv(65536):
            pass
    assert terminal.client.post("/v1/records", json=terminal.record()).status_code == 201
    revoked = terminals[1]
    platform_main.revoke(served.store, revoked.terminal_id)
    refused = revoked.client.post("/v1/records", json=revoked.record())
    assert refused.status_code == 403 and refused.headers["connection"] == "close"


def test_serve_options_apply(tmp_path: Path) -> None:
    """`yunban platform serve` takes the knobs: a head timeout of 1 s closes a half-sent head."""
    data = tmp_path / "platform-cli"
    cmd = [
        *YUNBAN,
        "platform",
        "serve",
        "--port",
        "0",
        "--data",
        str(data),
        "--head-timeout",
        "1",
        "--body-timeout",
        "1",
    ]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        port = int(json.loads(proc.stdout.readline())["port"])
        with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
            sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            assert sock.recv(100) == b""  # closed by the server
            assert time.monotonic() - started < 1 + SLACK
        assert httpx.get(f"http://127.0.0.1:{port}/v1/health").status_code == 200
    finally:
        proc.terminate()
        proc.communicate(timeout=15)
    bad = subprocess.run(
        [*YUNBAN, "platform", "serve", "--port", "0", "--data", str(data), "--body-timeout", "0"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and "body_timeout" in (bad.stdout + bad.stderr)


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt install nginx-light; scripts/apt-packages.txt)")
def test_terminals_deliver_through_nginx_while_slow_connections_are_held(served: Served, tmp_path: Path) -> None:
    server, terminals = served.server, served.terminals
    front = NginxFront(tmp_path / "nginx", server.port, header_timeout="3s", body_timeout="1s").start()
    try:
        for terminal in terminals:
            terminal.client.close()
            terminal.client = httpx.Client(base_url=front.url, headers=terminal.headers, timeout=30)
        attack = SlowAttack("127.0.0.1", front.port, N, interval=INTERVAL).start(wait_for=N)
        try:
            statuses = deliver_all(terminals, 20)
            _check_attack(attack, 5.0, KINDS)  # lingering_time 5s after a 413 or 503
        finally:
            attack.stop()
        assert statuses == [201] * (20 * len(terminals))
        refused = [c for c in attack.closed if c.status.startswith("HTTP/1.1 503")]
        assert refused  # beyond 64 connections from one address nginx answers 503 at once
        assert server.stats.body_timeouts == 0  # nothing slow ever reached the platform
    finally:
        front.stop()
