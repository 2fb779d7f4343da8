"""SQLite engine of the platform store: `platform.db` in the data directory (the demo, tests, a county pilot).

Contract: one connection per process behind a lock; WAL, `synchronous=FULL`, `secure_delete`; write transactions
are `BEGIN IMMEDIATE` (several worker processes on one file never deadlock on a read-to-write upgrade); migrations
are `sync.platform.schema`'s steps, recorded by sqlite-utils. Cross-process locks (`lock`) are flock(2) on one of
256 slot files in `<data>/locks/`, so processes of one machine (`serve --workers N`) exclude each other.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from sync.platform import keys
from sync.platform.schema import MIGRATIONS
from sync.platform.storage.engine import EngineOptions, StorageUnavailable

__all__ = ["DB_NAME", "SQLiteEngine"]

DB_NAME = "platform.db"
LOCK_SLOTS = 256

_migrations = Migrations("yunban-platform")
for _step in MIGRATIONS:
    _migrations()(_step)

_UNAVAILABLE = ("database is locked", "disk i/o error", "database or disk is full", "unable to open")


class _Conn:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, tuple(params))

    def lock(self, key: str) -> None:
        """Nothing to do: SQLite runs one write transaction at a time."""


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as exc:
        if any(text in str(exc).lower() for text in _UNAVAILABLE):
            raise StorageUnavailable(f"sqlite: {exc}") from exc
        raise


class SQLiteEngine:
    name = "sqlite"

    def __init__(self, data_dir: Path, options: EngineOptions | None = None) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DB_NAME
        keys.touch_private(self.path)
        self._locks = keys.private_dir(data_dir / "locks")
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA secure_delete=ON")  # deleted secrets and records are zeroed, not left in free pages
        self._conn = conn
        self._mutex = threading.RLock()
        self.busy = 0

    @contextmanager
    def tx(self) -> Iterator[_Conn]:
        with self._mutex, _translated():
            if self._conn.in_transaction:  # nested: part of the transaction already open on this thread
                yield _Conn(self._conn)
                return
            self.busy += 1
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield _Conn(self._conn)
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            finally:
                self.busy -= 1

    @contextmanager
    def read(self) -> Iterator[_Conn]:
        with self._mutex, _translated():
            yield _Conn(self._conn)

    @contextmanager
    def lock(self, key: str) -> Iterator[None]:
        slot = int.from_bytes(hashlib.sha256(key.encode()).digest()[:2], "big") % LOCK_SLOTS
        fd = keys.open_private(self._locks / f"{slot:03d}", os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing drops the flock

    def ping(self) -> None:
        with self.read() as conn:
            conn.execute("SELECT 1").fetchone()

    def pool_stats(self) -> dict[str, int]:
        return {"size": 1, "in_use": self.busy, "waiting": 0}

    def migrate(self) -> list[str]:
        with self._mutex:
            db = Database(self._conn)
            pending = [m.name for m in _migrations.pending(db)]
            _migrations.apply(db)
            return pending

    def scrub(self) -> None:
        """After secrets were deleted: vacuum and truncate the WAL so no copy stays in free pages."""
        with self._mutex:
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._mutex:
            self._conn.close()
