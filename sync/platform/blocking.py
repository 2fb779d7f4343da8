"""Running the platform's blocking calls (database, files) off the event loop, cheaply.

Contract: `run_blocking(fn, *args)` runs `fn(*args)` on this process's thread pool (made on first use, again after a
fork, `THREADS` threads) with the caller's context variables (the request id of the log lines), and returns its
result or raises its exception. It replaces Starlette's `run_in_threadpool` on the intake path: that goes through
anyio's capacity limiter, cancel scopes and a `queue.Queue` (a Python condition variable per hand-over), which under
load cost the event loop more than the routes' own work (docs/benchmarks.md, "Platform at province scale");
`concurrent.futures` hands work over through a C `SimpleQueue`.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

__all__ = ["THREADS", "run_blocking"]

THREADS = 40
"""Threads per process (as many as Starlette's default); requests beyond wait for one (the database pool and the
in-flight limit bound them first)."""

P = ParamSpec("P")
T = TypeVar("T")

_pool: tuple[int, ThreadPoolExecutor] | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None or _pool[0] != os.getpid():  # a forked worker makes its own (threads do not survive a fork)
        _pool = (os.getpid(), ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="platform"))
    return _pool[1]


async def run_blocking(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`fn(*args, **kwargs)` on the thread pool, in a copy of the caller's context."""
    call = functools.partial(fn, *args, **kwargs)
    context = contextvars.copy_context()
    return await asyncio.get_running_loop().run_in_executor(_executor(), context.run, call)
