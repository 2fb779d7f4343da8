"""The "a citizen is mid-application" marker that software updates respect: a shared `flock` on
`<home>/run/session.lock`, held by the process while at least one application session is live (from
`Sessions.start` — a resumed draft too — to `discard`, which the idle wipe, leaving and finishing all call).

Contract: `SessionLock.hold/release` never fail the application flow (a lock that cannot be taken is logged and
skipped: a citizen is never refused because of updates). `is_busy(path)` is the updater's non-blocking test: True
while any process holds the lock; the lock dies with its process, so a crashed kiosk never blocks updates.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from pathlib import Path

__all__ = ["SessionLock", "is_busy"]

log = logging.getLogger(__name__)


class SessionLock:
    """The marker for one process; `path` None: no marker (tests, tools)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._live: set[str] = set()
        self._fd: int | None = None
        self._guard = threading.Lock()

    def hold(self, session_id: str) -> None:
        if self.path is None:
            return
        with self._guard:
            self._live.add(session_id)
            if self._fd is not None:
                return
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                log.warning("cannot open the session marker %s: %s", self.path, exc)
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                log.warning("an update holds %s; the session goes on without the marker", self.path)
                os.close(fd)
                return
            self._fd = fd

    def release(self, session_id: str) -> None:
        with self._guard:
            self._live.discard(session_id)
            if self._live or self._fd is None:
                return
            fd, self._fd = self._fd, None
            os.close(fd)  # closing drops the flock


def is_busy(path: Path) -> bool:
    """True while some process holds the session marker (no marker file: nobody ever applied here)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
