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
  Every series carries the `pid` of the worker it counts; with `--workers N` the workers share their counters
  through a folder of the node (`Metrics.share`), so one scrape answers for all of them (sum over `pid`).
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
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["REQUEST_ID", "JsonFormatter", "Metrics", "ObservabilityMiddleware", "setup_json_logging"]

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("yunban_platform_request_id", default="")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
access_log = logging.getLogger("sync.platform.access")


SHARE_INTERVAL = 0.5
"""Seconds between two writes of a worker's counters to the node's shared metrics folder (`Metrics.share`)."""


class Metrics:
    """The platform's counters (thread-safe: intake outcomes are counted from worker threads).

    With `share(folder)` (what `serve --workers N` does in each worker), the worker also writes its counters to
    `folder/<pid>.json` every `SHARE_INTERVAL` seconds, and a scrape answers for every worker of the node: each
    series labelled with its worker's pid, the answering worker's own figures live, the others' at most
    `SHARE_INTERVAL` old. A worker that died keeps its counters (sums over `pid` never go down while the node runs);
    its gauges are dropped."""

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
        self.shared: Path | None = None
        """The node's shared metrics folder (None: this process answers for itself only)."""

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

    # -- one node, several workers ----------------------------------------------------------------------------------

    def share(self, folder: Path, interval: float = SHARE_INTERVAL) -> None:
        """Publish this process's counters in `folder` (see the class) from a daemon thread, every `interval` s."""
        self.shared = Path(folder)
        self._publish()

        def loop() -> None:
            while True:
                time.sleep(interval)
                try:
                    self._publish()  # gauges move without requests too (connections, pool)
                except OSError as exc:  # a full disk must not stop the worker; the scrape says less
                    logging.getLogger(__name__).warning("metrics: cannot publish counters: %s", exc)

        threading.Thread(target=loop, name="metrics-share", daemon=True).start()

    def _publish(self) -> None:
        if self.shared is None:
            return
        path = self.shared / f"{os.getpid()}.json"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(self.snapshot()), encoding="utf-8")
        os.replace(tmp, path)  # readers see the whole file or the previous one

    def snapshot(self) -> dict[str, Any]:
        """This process's figures, as plain data (what `share` publishes)."""
        with self._lock:
            snap: dict[str, Any] = {
                "pid": os.getpid(),
                "requests": [[m, r, st, n] for (m, r, st), n in sorted(self.requests.items())],
                "latency": [[m, r, list(c), self.latency_sum[(m, r)]] for (m, r), c in sorted(self.latency.items())],
                "intake": dict(sorted(self.intake.items())),
                "attachment_bytes": self.attachment_bytes,
                "started": round(self.started, 3),
            }
        guard = self.overload_guard
        if guard is not None:
            snap["inflight"] = [guard.inflight, guard.max_inflight]
        if self.guard_stats is not None:
            snap["guard"] = dict(sorted(vars(self.guard_stats).items()))
        if self.pool_stats is not None:
            try:
                snap["pool"] = dict(sorted(self.pool_stats().items()))
            except Exception:  # a pool that cannot answer is itself the news: no rows
                snap["pool"] = {}
        return snap

    def _snapshots(self) -> list[dict[str, Any]]:
        """This process's figures first, then the other workers' of the node (gauges only for live ones)."""
        own = self.snapshot()
        out = [own]
        if self.shared is None:
            return out
        try:
            self._publish()
            files = sorted(self.shared.glob("*.json"))
        except OSError:
            files = []
        for path in files:
            try:
                snap = json.loads(path.read_text(encoding="utf-8"))
                pid = int(snap["pid"])
            except (OSError, ValueError, KeyError, TypeError):
                continue  # gone or being replaced: the next scrape has it
            if pid == own["pid"]:
                continue
            if not _alive(pid):
                for gauge in ("inflight", "pool", "started"):
                    snap.pop(gauge, None)
                if isinstance(snap.get("guard"), dict):
                    snap["guard"].pop("open", None)
            out.append(snap)
        return out

    def render(self) -> str:
        snaps = self._snapshots()
        out: list[str] = []

        def line(name: str, labels: dict[str, Any], value: float) -> None:
            text = ",".join(f'{k}="{_escape(str(v))}"' for k, v in labels.items())
            out.append(f"{name}{{{text}}} {value:g}" if isinstance(value, float) else f"{name}{{{text}}} {value}")

        def family(name: str, kind: str, help_text: str) -> None:
            out.append(f"# HELP {name} {help_text}")
            out.append(f"# TYPE {name} {kind}")

        family("yunban_platform_requests_total", "counter", "HTTP requests answered by the app")
        for snap in snaps:
            for m, r, st, n in snap.get("requests", []):
                line("yunban_platform_requests_total", {"method": m, "route": r, "status": st, "pid": snap["pid"]}, n)
        family("yunban_platform_request_seconds", "histogram", "Time to answer a request")
        for snap in snaps:
            for m, r, counts, total in snap.get("latency", []):
                labels = {"method": m, "route": r}
                for bound, n in zip([*map(str, BUCKETS), "+Inf"], counts, strict=True):
                    line("yunban_platform_request_seconds_bucket", {**labels, "le": bound, "pid": snap["pid"]}, n)
                line("yunban_platform_request_seconds_sum", {**labels, "pid": snap["pid"]}, round(float(total), 6))
                line("yunban_platform_request_seconds_count", {**labels, "pid": snap["pid"]}, counts[-1])
        family("yunban_platform_intake_total", "counter", "Records and chunks received, by outcome")
        for snap in snaps:
            for outcome, n in snap.get("intake", {}).items():
                line("yunban_platform_intake_total", {"outcome": outcome, "pid": snap["pid"]}, n)
        family("yunban_platform_attachment_bytes_total", "counter", "Attachment bytes accepted")
        for snap in snaps:
            line("yunban_platform_attachment_bytes_total", {"pid": snap["pid"]}, snap.get("attachment_bytes", 0))
        live = [snap for snap in snaps if "inflight" in snap]
        if live:
            family("yunban_platform_inflight_requests", "gauge", "Requests in the app now")
            for snap in live:
                line("yunban_platform_inflight_requests", {"pid": snap["pid"]}, snap["inflight"][0])
            family("yunban_platform_inflight_limit", "gauge", "Requests in flight at most")
            for snap in live:
                line("yunban_platform_inflight_limit", {"pid": snap["pid"]}, snap["inflight"][1])
        guarded = [snap for snap in snaps if "guard" in snap]
        if guarded:
            family("yunban_platform_connections_open", "gauge", "Open client connections")
            for snap in guarded:
                if "open" in snap["guard"]:
                    line("yunban_platform_connections_open", {"pid": snap["pid"]}, snap["guard"]["open"])
            family("yunban_platform_guard_events_total", "counter", "Slow and hostile client defences")
            for snap in guarded:
                for event, n in snap["guard"].items():
                    if event != "open":
                        line("yunban_platform_guard_events_total", {"event": event, "pid": snap["pid"]}, n)
        pooled = [snap for snap in snaps if "pool" in snap]
        if pooled:
            family("yunban_platform_db_pool_connections", "gauge", "Database pool: size, max, in use, waiting")
            for snap in pooled:
                for state, n in snap["pool"].items():
                    line("yunban_platform_db_pool_connections", {"state": state, "pid": snap["pid"]}, n)
        family("yunban_platform_start_time_seconds", "gauge", "Process start (Unix time)")
        for snap in snaps:
            if "started" in snap:
                line("yunban_platform_start_time_seconds", {"pid": snap["pid"]}, float(snap["started"]))
        return "\n".join(out) + "\n"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
