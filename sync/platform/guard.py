"""Slow and hostile clients: the bare platform server's defences (issue 11, "slow clients deny service").

Contract, per connection (the uvicorn h11 protocol subclass `guarded_protocol` builds):
- a request head (request line and headers) must be complete within `head_timeout` seconds of the connection
  opening, and within `keep_alive + head_timeout` of the previous response on a kept-alive connection; otherwise
  the connection is closed (slowloris);
- connections still waiting for a complete head are the unauthenticated ones: beyond `max_pending` of them, or
  when `max_connections` connections are open, the oldest waiting connection is dropped to make room (an attacker
  holding many half-sent heads cannot keep a terminal's new connection out); when every connection is busy with a
  request, a new one is refused;
- a response whose client stops reading for `send_timeout` seconds is aborted;
- a response sent before the request body was read (401, 413, 404...) closes the connection, so a client cannot
  keep it open by trickling the unread body.

Per request with a body (the ASGI middleware `RequestGuard`), before any of it reaches the app:
- a declared body larger than `max_body_bytes` is answered 413 at once;
- the bearer token is checked first (`TokenCheck`, through the store's public functions) on every route but the
  public ones (`/v1/enroll`): a wrong or missing token is answered 401 (revoked 403) without reading the body; the
  terminal it found is left in the request's state (`api.AUTHENTICATED_TERMINAL`): the route does not look it up
  again;
- requests on the public routes may read their bodies `max_unauthenticated` at a time; beyond that, 503 with
  Retry-After;
- the body is read whole under deadlines (at most `body_timeout` seconds between two reads, and on average at least
  `body_min_rate` bytes/s after the first `body_timeout` seconds), then handed to the app in one piece; a body too
  slow is answered 408. So the app's in-flight slots (`api.OverloadGuard`) only ever hold complete requests.

Every early answer is JSON `{"error": ...}` with `Connection: close`.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
import resource
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import h11
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from sync import protocol
from sync.platform import api
from sync.platform.blocking import run_blocking

log = logging.getLogger(__name__)

PUBLIC_BODY_PATHS = frozenset({"/v1/enroll"})
"""Routes that take a body without a bearer token."""

TokenCheck = Callable[[str, str], tuple[int, dict[str, Any] | None]]
"""(terminal id, bearer token) -> (200 (valid), 401 (unknown terminal or wrong token) or 403 (revoked); the
terminal's row when valid)."""


@dataclass(frozen=True)
class ServerLimits:
    """The knobs of `yunban platform serve` (docs/platform.md, "Slow and hostile clients")."""

    head_timeout: float = 10.0
    keep_alive: float = 5.0
    body_timeout: float = 10.0
    body_min_rate: int = 1024
    send_timeout: float = 30.0
    max_connections: int = 4096
    max_pending: int = 1024
    max_unauthenticated: int = 32
    max_body_bytes: int = max(api.MAX_RECORD_BYTES, protocol.MAX_CHUNK) + 64 * 1024
    max_head_bytes: int = 16 * 1024
    backlog: int = 2048

    def __post_init__(self) -> None:
        for name in ("head_timeout", "keep_alive", "body_timeout", "send_timeout"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 < value <= 86400):  # inf would switch the protection off
                raise ValueError(f"{name} must be more than 0 and at most 86400 seconds")
        for name in ("body_min_rate", "max_connections", "max_pending", "max_unauthenticated", "max_body_bytes"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 1):
                raise ValueError(f"{name} must be 1 or more")
        if self.max_head_bytes < 1024:
            raise ValueError("max_head_bytes must be 1024 or more")
        if self.backlog < 1:
            raise ValueError("backlog must be 1 or more")


@dataclass
class GuardStats:
    """What the defences did (counters; tests and logs read them)."""

    head_timeouts: int = 0
    evicted: int = 0
    refused: int = 0
    send_timeouts: int = 0
    closed_unread: int = 0
    body_timeouts: int = 0
    unauthorized: int = 0
    too_large: int = 0
    busy: int = 0
    open: int = 0


def raise_nofile_limit() -> int:
    """Raise this process's soft RLIMIT_NOFILE to its hard limit; return the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def store_token_check(store: Any) -> TokenCheck:
    """The bearer-token check on the store's public functions, as `api` authenticates: the store's
    `authenticate(terminal_id, token)` (the terminal or None) where it has one, else `terminal` + `token_for`."""

    def check(terminal_id: str, token: str) -> tuple[int, dict[str, Any] | None]:
        authenticate = getattr(store, "authenticate", None)
        if authenticate is not None:
            terminal = authenticate(terminal_id, token)
        else:
            terminal = store.terminal(terminal_id)
            if terminal is not None and not hmac.compare_digest(token.encode(), store.token_for(terminal_id).encode()):
                terminal = None
        if terminal is None:
            return 401, None
        return (403, None) if terminal["revoked_at"] else (200, terminal)

    return check


class ConnectionTracker:
    """The server's open connections, and among them those waiting for a request head, oldest first."""

    def __init__(self, limits: ServerLimits, stats: GuardStats) -> None:
        self.limits = limits
        self.stats = stats
        self.open: set[Any] = set()
        self.pending: OrderedDict[Any, None] = OrderedDict()

    def admit(self, conn: Any) -> bool:
        """Make room for a new connection (dropping the oldest waiting ones); False: refuse it."""
        while self.pending and (
            len(self.open) >= self.limits.max_connections or len(self.pending) >= self.limits.max_pending
        ):
            oldest, _ = self.pending.popitem(last=False)
            self.stats.evicted += 1
            oldest.drop()
        if len(self.open) >= self.limits.max_connections:
            self.stats.refused += 1
            return False
        self.open.add(conn)
        self.pending[conn] = None
        self.stats.open = len(self.open)
        return True

    def waiting(self, conn: Any, is_waiting: bool) -> None:
        if conn not in self.open:
            return
        if is_waiting:
            self.pending[conn] = None
            self.pending.move_to_end(conn)
        else:
            self.pending.pop(conn, None)

    def gone(self, conn: Any) -> None:
        self.open.discard(conn)
        self.pending.pop(conn, None)
        self.stats.open = len(self.open)


def guarded_protocol(limits: ServerLimits, tracker: ConnectionTracker) -> type[H11Protocol]:
    """uvicorn's h11 protocol with the per-connection defences above (pass as `uvicorn.Config(http=...)`)."""

    class GuardedH11Protocol(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None
        _send_timer: asyncio.TimerHandle | None = None
        _admitted = False

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            self.timeout_keep_alive = limits.keep_alive  # type: ignore[assignment]  # float seconds
            if not tracker.admit(self):
                self.transport.abort()
                return
            self._admitted = True
            self._arm_head_timer(limits.head_timeout)

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_timers()
            tracker.gone(self)
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._admitted and self.conn.their_state is not h11.IDLE and self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None
                tracker.waiting(self, False)

        def on_response_complete(self) -> None:
            if self.conn.their_state is h11.SEND_BODY and not self.transport.is_closing():
                tracker.stats.closed_unread += 1
                self.transport.close()  # the body was not read: do not let the client trickle it
            super().on_response_complete()
            if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
                self._arm_head_timer(limits.keep_alive + limits.head_timeout)
                tracker.waiting(self, True)

        def pause_writing(self) -> None:
            super().pause_writing()
            if self._send_timer is None:
                self._send_timer = self.loop.call_later(limits.send_timeout, self._send_timed_out)

        def resume_writing(self) -> None:
            super().resume_writing()
            if self._send_timer is not None:
                self._send_timer.cancel()
                self._send_timer = None

        def drop(self) -> None:
            """Evicted to make room: abort at once (nothing is owed to a client that has not sent its head)."""
            self._cancel_timers()
            self.transport.abort()

        def _arm_head_timer(self, delay: float) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            self._head_timer = self.loop.call_later(delay, self._head_timed_out)

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                tracker.stats.head_timeouts += 1
                tracker.waiting(self, False)
                self.transport.abort()

        def _send_timed_out(self) -> None:
            self._send_timer = None
            tracker.stats.send_timeouts += 1
            self.transport.abort()

        def _cancel_timers(self) -> None:
            for timer in (self._head_timer, self._send_timer):
                if timer is not None:
                    timer.cancel()
            self._head_timer = self._send_timer = None

    return GuardedH11Protocol


async def _answer(send: Send, status: int, message: str, retry_after: int | None = None) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


class _TooSlow(Exception):
    pass


class RequestGuard:
    """ASGI middleware: authenticate before reading a body, read it under deadlines, cap unauthenticated bodies."""

    def __init__(
        self, app: ASGIApp, limits: ServerLimits, token_check: TokenCheck | None, stats: GuardStats | None = None
    ) -> None:
        self.app = app
        self.limits = limits
        self.token_check = token_check
        self.stats = stats if stats is not None else GuardStats()
        self.unauthenticated = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope["headers"]}
        declared = headers.get(b"content-length")
        chunked = b"chunked" in headers.get(b"transfer-encoding", b"").lower()
        if not chunked and (declared is None or declared.strip() in (b"", b"0")):
            await self.app(scope, receive, send)  # no body: nothing slow to read here
            return
        if declared is not None and declared.strip().isdigit() and int(declared) > self.limits.max_body_bytes:
            self.stats.too_large += 1
            await _answer(send, 413, f"body larger than {self.limits.max_body_bytes} bytes")
            return
        public = scope["path"] in PUBLIC_BODY_PATHS
        if not public:
            status, terminal = await run_blocking(self._authenticate, headers)  # a database call: off the loop
            if terminal is not None:
                scope.setdefault("state", {})[api.AUTHENTICATED_TERMINAL] = terminal
            if status != 200:
                self.stats.unauthorized += 1
                message = "terminal revoked" if status == 403 else "unknown terminal or wrong token"
                if status == 401 and not headers.get(b"authorization", b"").startswith(b"Bearer "):
                    message = f"authentication required: Authorization: Bearer and {protocol.HEADER_TERMINAL}"
                await _answer(send, status, message)
                return
        elif self.unauthenticated >= self.limits.max_unauthenticated:
            self.stats.busy += 1
            await _answer(send, 503, "platform busy, retry later", retry_after=2)
            return
        if public:
            self.unauthenticated += 1  # one event loop: no lock needed
        try:
            body = await self._read_body(receive)
        except _TooSlow as exc:
            slow = str(exc) == "slow"
            if slow:
                self.stats.body_timeouts += 1
            else:
                self.stats.too_large += 1
            await _answer(send, 408 if slow else 413, _SLOW_MESSAGES[str(exc)](self.limits))
            return
        finally:
            if public:
                self.unauthenticated -= 1
        if body is None:
            return  # the client went away
        await self.app(scope, _replay(body, receive), send)

    def _authenticate(self, headers: dict[bytes, bytes]) -> tuple[int, dict[str, Any] | None]:
        terminal_id = headers.get(protocol.HEADER_TERMINAL.lower().encode(), b"").decode("latin-1")
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if self.token_check is None:
            return 200, None  # no store to check against: the app authenticates (its 401 closes the connection)
        if not terminal_id or not auth.startswith("Bearer "):
            return 401, None
        if len(terminal_id) > 64 or len(auth) > 7 + 256:  # no terminal id or token is this long: no store lookup
            return 401, None
        try:
            return self.token_check(terminal_id, auth[7:].strip())
        except Exception:  # a store hiccup: the app authenticates again and answers properly
            log.exception("token check failed; passing the request on")
            return 200, None

    async def _read_body(self, receive: Receive) -> bytes | None:
        limits = self.limits
        loop = asyncio.get_running_loop()
        start = loop.time()
        chunks: list[bytes] = []
        size = 0
        while True:
            allowed = start + limits.body_timeout + size / limits.body_min_rate
            wait = min(limits.body_timeout, allowed - loop.time())
            if wait <= 0:
                raise _TooSlow("slow")
            try:
                message: Message = await asyncio.wait_for(receive(), wait)
            except TimeoutError as exc:
                raise _TooSlow("slow") from exc
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limits.max_body_bytes:
                raise _TooSlow("large")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


_SLOW_MESSAGES: dict[str, Callable[[ServerLimits], str]] = {
    "slow": lambda lim: (
        f"request body too slow (more than {lim.body_timeout:g} s between reads, or under {lim.body_min_rate} bytes/s)"
    ),
    "large": lambda lim: f"body larger than {lim.max_body_bytes} bytes",
}


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the buffered body once, then the connection's own messages (disconnect)."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
