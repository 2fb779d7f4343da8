"""Running the platform app on uvicorn: in the foreground (`yunban platform serve`) or in a thread (tests, demo).

Contract: the socket is bound before uvicorn starts, so port 0 works and the bound port is known at once.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import uvicorn


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on accepted sockets whose proto says TCP, and without
    # it small replies after a large upload wait for the client's delayed ACK (Nagle, ~40 ms per request).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _config(app: Any, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=2,
    )


def serve(
    app: Any, host: str = "127.0.0.1", port: int = 8700, on_bound: Callable[[str, int], None] | None = None
) -> None:
    """Serve in the calling thread until SIGINT/SIGTERM. `on_bound(host, port)` runs once the socket is bound."""
    sock = bind_socket(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    if on_bound is not None:
        on_bound(bound_host, bound_port)
    server = uvicorn.Server(_config(app, bound_host, bound_port))
    server.run(sockets=[sock])


class ThreadedServer:
    """The app on uvicorn in a daemon thread, on a free 127.0.0.1 port by default; `stop()` shuts it down cleanly.

    Usable as a context manager: `with ThreadedServer(app) as srv: httpx.get(srv.url + "/v1/health")`.
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        self._sock = bind_socket(host, port)
        self.host, self.port = self._sock.getsockname()[:2]
        self._server = uvicorn.Server(_config(app, self.host, self.port))
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
