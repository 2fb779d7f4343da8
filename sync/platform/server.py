"""Running the platform app on uvicorn: in the foreground (`yunban platform serve`) or in a thread (tests, demo).

Contract: the socket is bound before uvicorn starts, so port 0 works and the bound port is known at once.
`with_static_dir(app, "/apt", DIR)` also serves DIR's regular files read-only under /apt/ (the signed apt
repository of packaging/apt/make-repo.sh): GET and HEAD only, no directory listings, nothing outside DIR (`..`
and symlinks leading out answer 404), content types fixed for apt's file names.

Every app served here is wrapped in `sync.platform.guard`'s defences against slow and hostile clients (head and
body deadlines, authentication before a body is read, caps on unauthenticated connections and bodies, a send
timeout), tuned by a `ServerLimits` (the `yunban platform serve` options); the bearer-token check uses the store
the app exposes as `app.state.store` (absent: the app's own authentication only).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import ASGIApp, Scope

from sync.platform.guard import (
    ConnectionTracker,
    GuardStats,
    RequestGuard,
    ServerLimits,
    guarded_protocol,
    raise_nofile_limit,
    store_token_check,
)

log = logging.getLogger(__name__)

_APT_TYPES = {
    ".deb": "application/vnd.debian.binary-package",
    ".gz": "application/gzip",
    ".xz": "application/x-xz",
    ".asc": "application/pgp-keys",
    ".gpg": "application/pgp-keys",
}
_APT_TEXT = {"InRelease", "Release", "Packages", "Sources", "Contents-amd64"}


def static_content_type(name: str) -> str:
    """The Content-Type of a repository file: apt's index names are text, signatures and keys OpenPGP."""
    if name in _APT_TEXT:
        return "text/plain; charset=utf-8"
    if name == "Release.gpg":
        return "application/pgp-signature"
    dot = name.rfind(".")
    return _APT_TYPES.get(name[dot:] if dot > 0 else "", "application/octet-stream")


class _RepositoryFiles(StaticFiles):
    """Starlette's StaticFiles (path normalised, resolved path kept inside the directory, ETag and
    If-Modified-Since) with the content types above instead of the machine's mime.types guesses."""

    def file_response(self, full_path: Any, stat_result: Any, scope: Scope, status_code: int = 200) -> Response:
        name = str(full_path).rsplit("/", 1)[-1]
        response = FileResponse(
            full_path, status_code=status_code, stat_result=stat_result, media_type=static_content_type(name)
        )
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response


def with_static_dir(app: ASGIApp, prefix: str, directory: str | Path) -> ASGIApp:
    """`app` with `directory`'s files served read-only under `prefix` (e.g. "/apt"); every other path goes to `app`."""
    folder = Path(directory)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: not a directory")
    files = _RepositoryFiles(directory=folder, follow_symlink=False, check_dir=True)
    outer = Starlette(routes=[Mount(prefix.rstrip("/"), app=files), Mount("/", app=app)])
    store = _store_of(app)
    if store is not None:
        outer.state.store = store  # the guard checks bearer tokens against it
    metrics = getattr(getattr(app, "state", None), "metrics", None)
    if metrics is not None:
        outer.state.metrics = metrics
    return outer


def _store_of(app: Any) -> Any:
    state = getattr(app, "state", None)
    return getattr(state, "store", None) if state is not None else None


def guard_app(app: ASGIApp, limits: ServerLimits, stats: GuardStats) -> RequestGuard:
    """`app` behind the request guard (tokens checked against `app.state.store` when there is one)."""
    store = _store_of(app)
    metrics = getattr(getattr(app, "state", None), "metrics", None)
    if metrics is not None:
        metrics.guard_stats = stats  # /metrics reports the slow-client defences too
    return RequestGuard(app, limits, store_token_check(store) if store is not None else None, stats)


def bind_socket(host: str, port: int, backlog: int = 128) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on accepted sockets whose proto says TCP, and without
    # it small replies after a large upload wait for the client's delayed ACK (Nagle, ~40 ms per request).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def _config(app: Any, host: str, port: int, limits: ServerLimits, stats: GuardStats) -> uvicorn.Config:
    tracker = ConnectionTracker(limits, stats)
    return uvicorn.Config(
        guard_app(app, limits, stats),
        host=host,
        port=port,
        http=guarded_protocol(limits, tracker),
        timeout_keep_alive=max(1, math.ceil(limits.keep_alive)),
        h11_max_incomplete_event_size=limits.max_head_bytes,
        backlog=limits.backlog,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=2,
    )


def fit_to_nofile(limits: ServerLimits) -> ServerLimits:
    """Raise the soft RLIMIT_NOFILE to the hard limit; lower `max_connections` if file descriptors cannot hold it
    (each connection is one descriptor; 64 are kept for the store, logs and attachments)."""
    nofile = raise_nofile_limit()
    room = max(16, nofile - 64)
    if limits.max_connections <= room:
        return limits
    log.warning("max connections %d lowered to %d (open file limit %d)", limits.max_connections, room, nofile)
    return dataclasses.replace(limits, max_connections=room, max_pending=min(limits.max_pending, room))


def serve(
    app: Any,
    host: str = "127.0.0.1",
    port: int = 8700,
    on_bound: Callable[[str, int], None] | None = None,
    limits: ServerLimits | None = None,
) -> None:
    """Serve in the calling thread until SIGINT/SIGTERM. `on_bound(host, port)` runs once the socket is bound."""
    limits = fit_to_nofile(limits or ServerLimits())
    sock = bind_socket(host, port, limits.backlog)
    bound_host, bound_port = sock.getsockname()[:2]
    if on_bound is not None:
        on_bound(bound_host, bound_port)
    server = uvicorn.Server(_config(app, bound_host, bound_port, limits, GuardStats()))
    server.run(sockets=[sock])


def serve_workers(
    app_factory: Callable[[], Any],
    host: str = "127.0.0.1",
    port: int = 8700,
    on_bound: Callable[[str, int], None] | None = None,
    limits: ServerLimits | None = None,
    workers: int = 2,
    on_exit: Callable[[], None] | None = None,
) -> None:
    """Serve with `workers` processes accepting on one listening socket (bound here, before they fork), until
    SIGINT/SIGTERM, which is passed to every worker. Each worker builds its own app (`app_factory()`: its own store,
    database connections and pool) after the fork; nothing is shared between them but the socket, the database and
    a private temporary folder where each publishes its metrics (`Metrics.share`: a scrape of any worker answers
    for all; removed when the node stops). A worker that dies is replaced; `on_exit` runs in each worker as it
    stops."""
    limits = fit_to_nofile(limits or ServerLimits())
    sock = bind_socket(host, port, limits.backlog)
    bound_host, bound_port = sock.getsockname()[:2]
    if on_bound is not None:
        on_bound(bound_host, bound_port)
    sys.stdout.flush()
    stopping = False
    children: dict[int, int] = {}
    shared_metrics = Path(tempfile.mkdtemp(prefix="yunban-platform-metrics-"))  # this node's workers' counters

    def spawn(slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                app = app_factory()
                metrics = getattr(getattr(app, "state", None), "metrics", None)
                if metrics is not None:
                    metrics.share(shared_metrics)  # one scrape answers for every worker (docs/platform.md)
                server = uvicorn.Server(_config(app, bound_host, bound_port, limits, GuardStats()))
                server.run(sockets=[sock])
            except BaseException:
                log.exception("platform worker %d failed", slot)
                code = 1
            finally:
                if on_exit is not None:
                    on_exit()
                os._exit(code)
        children[pid] = slot

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    old_int = signal.signal(signal.SIGINT, stop)
    old_term = signal.signal(signal.SIGTERM, stop)
    try:
        for slot in range(workers):
            spawn(slot)
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            slot = children.pop(pid, -1)
            if not stopping and slot >= 0:
                log.warning("platform worker %d (pid %d) ended with status %d; starting another", slot, pid, status)
                time.sleep(0.5)
                spawn(slot)
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
        sock.close()
        shutil.rmtree(shared_metrics, ignore_errors=True)


class ThreadedServer:
    """The app on uvicorn in a daemon thread, on a free 127.0.0.1 port by default; `stop()` shuts it down cleanly.

    Usable as a context manager: `with ThreadedServer(app) as srv: httpx.get(srv.url + "/v1/health")`.
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, limits: ServerLimits | None = None) -> None:
        self.limits = fit_to_nofile(limits or ServerLimits())
        self.stats = GuardStats()
        """What the slow-client defences did so far (counters)."""
        self._sock = bind_socket(host, port, self.limits.backlog)
        self.host, self.port = self._sock.getsockname()[:2]
        self._server = uvicorn.Server(_config(app, self.host, self.port, self.limits, self.stats))
        self._thread = threading.Thread(target=self._run, name=f"platform-{self.port}", daemon=True)
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._sock])
        except BaseException as exc:  # surfaced by start()/stop()
            self._error = exc

    def start(self, timeout: float = 10.0) -> ThreadedServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        if not self._server.started:
            raise RuntimeError(f"platform server did not start: {self._error!r}")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self._sock.close()

    def __enter__(self) -> ThreadedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
