"""Observability of the platform: Prometheus-format `/metrics`, JSON logs with request ids, and the counters behind
them.

Contract:
- `ObservabilityMiddleware` (the outermost layer of the app) gives every request an id (the `X-Request-Id` it came
  with when that is 1-64 characters of [A-Za-z0-9._-], e.g. nginx's `$request_id`; else a new one), answers with it
  in `X-Request-Id`, makes it the `request_id` of every log line written while the request runs, logs one access
  line per request (method, route, status, duration, terminal id: never a body, a token or personal data), and
  counts requests and latencies per route template and status.
- `/metrics` (GET, text format 0.0.4) is answered to loopback clients only (403 otherwise; behind nginx keep it out
  of the public server block): requests, latency histograms, intake outcomes, attachment bytes, requests in flight
  (the queue of `OverloadGuard`), the slow-client guard's counters, the database pool (size, in use, waiting).
  Counters are per process: with `--workers N` each scrape answers for the worker that took it (`pid` label).
- `JsonFormatter` writes one JSON object per log line: ts, level, logger, msg, request_id (when in a request) and
  the extra fields a line carries.
"""

from __future__ import annotations

import contextvars
import ipaddress
import json
import logging
import os
import re
import secrets
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["REQUEST_ID", "JsonFormatter", "Metrics", "ObservabilityMiddleware", "setup_json_logging"]

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("yunban_platform_request_id", default="")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
access_log = logging.getLogger("sync.platform.access")


class Metrics:
    """The platform's counters (thread-safe: intake outcomes are counted from worker threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.latency: dict[tuple[str, str], list[float]] = {}
        self.latency_sum: dict[tuple[str, str], float] = defaultdict(float)
        self.intake: dict[str, int] = defaultdict(int)
        self.attachment_bytes = 0
        self.inflight = 0
        self.overload_guard: Any = None
        """The app's `OverloadGuard` (requests in flight, its limit)."""
        self.guard_stats: Any = None
        """The server's `GuardStats` (slow-client defences), set by the server."""
        self.pool_stats: Callable[[], dict[str, int]] | None = None
        self.started = time.time()

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(method, route, status)] += 1
            key = (method, route)
            counts = self.latency.setdefault(key, [0] * (len(BUCKETS) + 1))
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    counts[i] += 1
            counts[-1] += 1
            self.latency_sum[key] += seconds

    def count_intake(self, outcome: str, attachment_bytes: int = 0) -> None:
        with self._lock:
            self.intake[outcome] += 1
            self.attachment_bytes += attachment_bytes

    def render(self) -> str:
        pid = os.getpid()
        out: list[str] = []

        def metric(name: str, kind: str, help_text: str, rows: Sequence[tuple[dict[str, Any], float]]) -> None:
            out.append(f"# HELP {name} {help_text}")
            out.append(f"# TYPE {name} {kind}")
            for labels, value in rows:
                text = ",".join(f'{k}="{_escape(str(v))}"' for k, v in {**labels, "pid": pid}.items())
                out.append(f"{name}{{{text}}} {value:g}" if isinstance(value, float) else f"{name}{{{text}}} {value}")

        with self._lock:
            requests = [({"method": m, "route": r, "status": s}, n) for (m, r, s), n in sorted(self.requests.items())]
            buckets: list[tuple[dict[str, Any], float]] = []
            for (m, r), counts in sorted(self.latency.items()):
                for bound, n in zip([*map(str, BUCKETS), "+Inf"], counts, strict=True):
                    buckets.append(({"method": m, "route": r, "le": bound}, n))
            sums = [({"method": m, "route": r}, round(v, 6)) for (m, r), v in sorted(self.latency_sum.items())]
            counts_total = [({"method": m, "route": r}, c[-1]) for (m, r), c in sorted(self.latency.items())]
            intake = [({"outcome": k}, v) for k, v in sorted(self.intake.items())]
            attachment_bytes = self.attachment_bytes
        metric("yunban_platform_requests_total", "counter", "HTTP requests answered by the app", requests)
        out.append("# HELP yunban_platform_request_seconds Time to answer a request")
        out.append("# TYPE yunban_platform_request_seconds histogram")
        for labels, n in buckets:
            text = ",".join(f'{k}="{_escape(str(v))}"' for k, v in {**labels, "pid": pid}.items())
            out.append(f"yunban_platform_request_seconds_bucket{{{text}}} {n}")
        for (labels, total), (_, n) in zip(sums, counts_total, strict=True):
            text = ",".join(f'{k}="{_escape(str(v))}"' for k, v in {**labels, "pid": pid}.items())
            out.append(f"yunban_platform_request_seconds_sum{{{text}}} {total:g}")
            out.append(f"yunban_platform_request_seconds_count{{{text}}} {n}")
        metric("yunban_platform_intake_total", "counter", "Records and chunks received, by outcome", intake)
        metric(
            "yunban_platform_attachment_bytes_total",
            "counter",
            "Attachment bytes accepted",
            [({}, attachment_bytes)],
        )
        guard = self.overload_guard
        if guard is not None:
            metric("yunban_platform_inflight_requests", "gauge", "Requests in the app now", [({}, guard.inflight)])
            metric("yunban_platform_inflight_limit", "gauge", "Requests in flight at most", [({}, guard.max_inflight)])
        if self.guard_stats is not None:
            stats = vars(self.guard_stats)
            metric("yunban_platform_connections_open", "gauge", "Open client connections", [({}, stats.get("open", 0))])
            rows = [({"event": k}, v) for k, v in sorted(stats.items()) if k != "open"]
            metric("yunban_platform_guard_events_total", "counter", "Slow and hostile client defences", rows)
        if self.pool_stats is not None:
            try:
                pool = self.pool_stats()
            except Exception:  # a pool that cannot answer is itself the news: no rows
                pool = {}
            rows = [({"state": k}, v) for k, v in sorted(pool.items())]
            metric("yunban_platform_db_pool_connections", "gauge", "Database pool: size, max, in use, waiting", rows)
        metric(
            "yunban_platform_start_time_seconds", "gauge", "Process start (Unix time)", [({}, round(self.started, 3))]
        )
        return "\n".join(out) + "\n"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _loopback(scope: Scope) -> bool:
    client = scope.get("client")
    if not client:
        return False
    try:
        return ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return "unmatched"


class ObservabilityMiddleware:
    """Request ids, access log lines, request metrics, and `/metrics` (see the module's contract)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == "/metrics" and scope["method"] in ("GET", "HEAD"):
            await self._metrics(scope, send)
            return
        incoming = ""
        for name, value in scope.get("headers", []):
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else secrets.token_hex(8)
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_of(scope)
            self.metrics.observe(scope["method"], route, status, elapsed)
            terminal = ""
            for name, value in scope.get("headers", []):
                if name == b"x-yunban-terminal":
                    terminal = value.decode("latin-1")[:64]
            access_log.info(
                "%s %s %d",
                scope["method"],
                route,
                status,
                extra={
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                    "terminal": terminal,
                },
            )
            REQUEST_ID.reset(token)

    async def _metrics(self, scope: Scope, send: Send) -> None:
        if not _loopback(scope):
            body, status, kind = b'{"error": "metrics are served to loopback clients only"}', 403, b"application/json"
        else:
            body, status, kind = self.metrics.render().encode(), 200, b"text/plain; version=0.0.4; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body if scope["method"] == "GET" else b""})


_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, request_id (inside a request), the line's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = REQUEST_ID.get()
        if request_id:
            line["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value if isinstance(value, str | int | float | bool) or value is None else str(value)
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def setup_json_logging(level: int = logging.INFO, stream: Any = None) -> None:
    """Every log line of this process as JSON on stderr (or `stream`), at `level` and above."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
