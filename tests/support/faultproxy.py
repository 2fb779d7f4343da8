"""A fault-injecting TCP proxy for tests (Debian has no toxiproxy and this kernel has no netem).

`FaultProxy` listens on 127.0.0.1 (free port) and forwards to an upstream host:port, on its own asyncio loop in a
daemon thread. It reads the HTTP/1.1 framing of what passes (request and response heads, `Content-Length` bodies),
so a fault can hit one request precisely even on a kept-alive connection, but every fault acts on TCP bytes:

- link shaping (knobs, any time): `latency_s` added to every forwarded write, `bandwidth_bps` cap;
- per-request faults, taken from a queue (`schedule`) or drawn at random (`randomise`):
  `reset`              RST to the client before the request is forwarded (SO_LINGER 0 + abort);
  `reset_after`        the request reaches the platform, then RST before any byte of the answer (applied, unknown);
  `cut_request:N`      only the first N bytes of the request reach the platform, then both sides are closed;
  `cut_response:N`     the platform's answer is cut after N bytes (a truncated response);
  `blackhole`          the request is swallowed and nothing ever comes back (the client's read timeout fires);
  `http:STATUS[:RA]`   the proxy answers STATUS itself (500/503/429...), with `Retry-After: RA` if given, without
                       forwarding: the platform side refusing;
  `replace:STATUS`     the request is forwarded and applied, but the answer is replaced by STATUS;
- `down`: refuse new connections (accept + RST), as a platform that is not there.

`injected` counts the faults actually applied, by kind. The upstream port can be changed (`set_upstream`) when the
platform restarts on another port; an upstream that does not answer turns into an RST to the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
from collections import Counter, deque
from collections.abc import Sequence
from typing import Any

__all__ = ["FAULT_KINDS", "FaultProxy"]

FAULT_KINDS = ("reset", "reset_after", "cut_request", "cut_response", "blackhole", "http", "replace")

_REASONS = {429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


class _Closed(Exception):
    pass


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
        if name.strip().lower() == b"transfer-encoding" and b"chunked" in value.lower():
            raise ValueError("chunked bodies are not supported by the fault proxy")
    return 0


def _rst(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class FaultProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream_host = upstream_host
        self.upstream_port = upstream_port
        self.latency_s = 0.0
        self.bandwidth_bps: float | None = None
        self.down = False
        self.injected: Counter[str] = Counter()
        self.requests = 0
        self.request_lines: list[str] = []
        """`METHOD PATH` of every request seen, in order."""
        self.fault_log: list[tuple[str, str]] = []
        """(`METHOD PATH`, fault) of every request a fault hit."""
        self._queue: deque[str] = deque()
        self._random_rate = 0.0
        self._random_kinds: Sequence[str] = ()
        self._random_limit: int | None = None
        self._rng = random.Random(0)
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="faultproxy", daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._conns: set[asyncio.StreamWriter] = set()
        self.port = 0

    # -- control (any thread) -------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def total_injected(self) -> int:
        with self._lock:
            return sum(self.injected.values())

    def start(self) -> FaultProxy:
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        fut.result(10)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def shutdown() -> None:
            if self._server is not None:
                self._server.close()
            for w in list(self._conns):
                w.transport.abort()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_upstream(self, port: int, host: str | None = None) -> None:
        with self._lock:
            self.upstream_port = port
            if host:
                self.upstream_host = host

    def schedule(self, *faults: str) -> None:
        """Apply these faults, in order, to the next requests ("pass" lets one request through untouched)."""
        with self._lock:
            self._queue.extend(faults)

    def randomise(self, rate: float, kinds: Sequence[str], *, seed: int = 0, limit: int | None = None) -> None:
        """Hit each request with probability `rate` by a fault drawn from `kinds` (until `limit` faults in all)."""
        with self._lock:
            self._random_rate = rate
            self._random_kinds = tuple(kinds)
            self._rng = random.Random(seed)
            self._random_limit = limit

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
            self._random_rate = 0.0
        self.latency_s = 0.0
        self.bandwidth_bps = None
        self.down = False

    def drop_connections(self) -> None:
        """Reset every open connection now (a link flap)."""

        def drop() -> None:
            for w in list(self._conns):
                _rst(w)

        self._loop.call_soon_threadsafe(drop)

    # -- the proxy (loop thread) ----------------------------------------------------------------------------------

    def _next_fault(self, request: bytes) -> str | None:
        with self._lock:
            self.requests += 1
            self.request_lines.append(" ".join(request.split(b"\r\n", 1)[0].decode("latin-1").split(" ")[:2]))
            if self._queue:
                return self._queue.popleft()
            if self._random_rate and self._random_kinds:
                if self._random_limit is not None and sum(self.injected.values()) >= self._random_limit:
                    return None
                if self._rng.random() < self._random_rate:
                    kind = self._rng.choice(self._random_kinds)
                    if kind in ("cut_request", "cut_response"):
                        kind += f":{self._rng.randint(1, 400)}"
                    elif kind == "http":
                        kind = self._rng.choice(["http:500", "http:503:1", "http:429:1"])
                    elif kind == "replace":
                        kind = "replace:500"
                    return kind
            return None

    def _count(self, fault: str) -> None:
        with self._lock:
            self.injected[fault.split(":")[0]] += 1

    async def _send(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        """Write with the configured latency and bandwidth cap."""
        step = 16 * 1024 if self.bandwidth_bps else max(1, len(data))
        for i in range(0, len(data), step):
            part = data[i : i + step]
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
            if self.bandwidth_bps:
                await asyncio.sleep(len(part) / self.bandwidth_bps)
            writer.write(part)
            await writer.drain()
        if not data and self.latency_s:
            await asyncio.sleep(self.latency_s)

    @staticmethod
    async def _read_message(reader: asyncio.StreamReader) -> bytes:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            body = await reader.readexactly(_content_length(head))
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError) as exc:
            raise _Closed from exc
        return head + body

    async def _handle(self, creader: asyncio.StreamReader, cwriter: asyncio.StreamWriter) -> None:
        self._conns.add(cwriter)
        if self.down:
            self._count("down")
            _rst(cwriter)
            self._conns.discard(cwriter)
            return
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            while True:
                request = await self._read_message(creader)
                fault = self._next_fault(request)
                if fault is not None and fault != "pass":
                    self._count(fault)
                    with self._lock:
                        self.fault_log.append((self.request_lines[-1], fault))
                kind, _, arg = (fault or "").partition(":")
                if kind == "pass":
                    kind = ""
                if kind == "reset":
                    _rst(cwriter)
                    return
                if kind == "blackhole":
                    with contextlib.suppress(Exception):
                        while await creader.read(65536):
                            pass
                    return
                if kind == "http":
                    status, _, retry_after = arg.partition(":")
                    await self._send(cwriter, self._http_answer(int(status), retry_after or None))
                    continue
                if upstream is None:
                    try:
                        upstream = await asyncio.wait_for(
                            asyncio.open_connection(self.upstream_host, self.upstream_port), 5
                        )
                    except (OSError, TimeoutError):
                        _rst(cwriter)
                        return
                ureader, uwriter = upstream
                if kind == "cut_request":
                    await self._send(uwriter, request[: int(arg)])
                    uwriter.transport.abort()
                    cwriter.close()
                    return
                try:
                    await self._send(uwriter, request)
                    response = await self._read_message(ureader)
                except (_Closed, ConnectionError):
                    _rst(cwriter)
                    return
                if kind == "reset_after":
                    _rst(cwriter)
                    return
                if kind == "cut_response":
                    await self._send(cwriter, response[: int(arg)])
                    cwriter.close()
                    return
                if kind == "replace":
                    response = self._http_answer(int(arg), None)
                await self._send(cwriter, response)
                if b"\r\nconnection: close" in response.split(b"\r\n\r\n", 1)[0].lower():
                    cwriter.close()
                    return
        except (_Closed, ConnectionError):
            return
        except Exception:  # never kill the loop; the client sees a closed connection
            cwriter.transport.abort()
        finally:
            self._conns.discard(cwriter)
            if upstream is not None:
                upstream[1].transport.abort()
            if not cwriter.is_closing():
                cwriter.close()

    @staticmethod
    def _http_answer(status: int, retry_after: str | None) -> bytes:
        body = b'{"error":"injected by the fault proxy"}'
        lines = [
            f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}",
            "content-type: application/json",
            f"content-length: {len(body)}",
        ]
        if retry_after is not None:
            lines.append(f"retry-after: {retry_after}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


def describe(proxy: FaultProxy) -> dict[str, Any]:
    return {"requests": proxy.requests, "injected": dict(proxy.injected), "total": proxy.total_injected}
