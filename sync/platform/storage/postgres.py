"""PostgreSQL engine of the platform store (PostgreSQL 15, psycopg 3, psycopg_pool): the province's database, shared
by every platform node.

Contract:
- Connections come from a bounded pool (`EngineOptions.pool_size` per process; requests wait at most
  `pool_timeout` seconds and at most `4 x pool_size` of them wait at once); beyond, `StorageUnavailable` (503 +
  Retry-After), never an unbounded queue. Each connection is checked before use, so after a database restart the
  first request does not fail on a dead socket (a poll of its socket; a query only when the socket has something to
  say, `_check`).
- Reads run in autocommit (each statement sees what is committed); `tx()` is one READ COMMITTED transaction;
  `conn.lock(key)` takes `pg_advisory_xact_lock` on the key's 64-bit hash (released at commit or rollback).
- `lock(key)` holds a session advisory lock on a connection of a second, small pool (so holders of upload locks
  never starve the transactions they run); a node that dies loses its connection and so its locks.
- Migrations (`sync.platform.storage.postgres_schema`) run in one transaction under an advisory lock: nodes that
  start at once apply them once.
- SQL arrives with `?` placeholders and is rewritten to psycopg's `%s` (a literal `%` is doubled).
"""

from __future__ import annotations

import functools
import select
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import psycopg_pool

from sync.platform.storage.engine import EngineOptions, Row, StorageUnavailable
from sync.platform.storage.postgres_schema import MIGRATIONS

__all__ = ["PostgresEngine"]

_MIGRATION_LOCK = "yunban-platform-migrations"
_DRIVER_DOWN = (psycopg.OperationalError, psycopg.InterfaceError, psycopg_pool.PoolTimeout)


@functools.lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


def _rows(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    index = {d.name: i for i, d in enumerate(desc)}
    return lambda values: Row(values, index)


class _Conn:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if params:
            return self._conn.execute(_pg_sql(sql), tuple(params))
        return self._conn.execute(sql.encode())

    def lock(self, key: str) -> None:
        self._conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except _DRIVER_DOWN as exc:
        raise StorageUnavailable(f"postgresql: {type(exc).__name__}: {str(exc).strip() or 'unavailable'}") from exc


def _configure(conn: psycopg.Connection[Any]) -> None:
    conn.row_factory = _rows


def _check(conn: psycopg.Connection[Any]) -> None:
    """Check a pooled connection before it is handed out, without a round trip when it looks healthy: an idle
    connection has nothing to read, unless the server closed it or is telling it so (a restart, a terminated backend:
    EOF or an error message on the socket). Only then is it asked a query (`check_connection`), which raises for a
    dead one, so the pool replaces it before a request sees it. Saves one round trip per transaction under load."""
    if conn.closed:
        raise psycopg.OperationalError("connection closed")
    poller = select.poll()
    try:
        poller.register(conn.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)
        idle_quiet = not poller.poll(0)
    except (OSError, ValueError, psycopg.Error):
        idle_quiet = False
    if not idle_quiet:
        psycopg_pool.ConnectionPool.check_connection(conn)


class PostgresEngine:
    name = "postgresql"

    def __init__(self, conninfo: str, options: EngineOptions | None = None) -> None:
        self.options = options = options or EngineOptions()
        kwargs = {"autocommit": True, "application_name": options.application_name}
        self._pool: psycopg_pool.ConnectionPool[Any] = psycopg_pool.ConnectionPool(
            conninfo,
            kwargs=kwargs,
            min_size=1,
            max_size=max(1, options.pool_size),
            timeout=options.pool_timeout,
            max_waiting=4 * max(1, options.pool_size),
            configure=_configure,
            check=_check,
            name="yunban-platform",
            open=True,
        )
        self._lock_pool: psycopg_pool.ConnectionPool[Any] = psycopg_pool.ConnectionPool(
            conninfo,
            kwargs={**kwargs, "options": "-c lock_timeout=30000"},
            min_size=1,
            max_size=max(1, options.lock_pool_size),
            timeout=max(options.pool_timeout, 30.0),
            check=_check,
            name="yunban-platform-locks",
            open=True,
        )

    @contextmanager
    def tx(self) -> Iterator[_Conn]:
        with _translated(), self._pool.connection() as conn, conn.transaction():
            yield _Conn(conn)

    @contextmanager
    def read(self) -> Iterator[_Conn]:
        with _translated(), self._pool.connection() as conn:
            yield _Conn(conn)

    @contextmanager
    def lock(self, key: str) -> Iterator[None]:
        with _translated(), self._lock_pool.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (key,))
            try:
                yield
            finally:
                try:
                    conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (key,))
                except psycopg.Error:
                    conn.close()  # a closed session holds no lock

    def ping(self) -> None:
        """One query on a pooled connection, waiting at most a second for one (health checks answer quickly)."""
        with _translated(), self._pool.connection(timeout=min(1.0, self.options.pool_timeout)) as conn:
            conn.execute("SELECT 1").fetchone()

    def pool_stats(self) -> dict[str, int]:
        stats = self._pool.get_stats()
        size = int(stats.get("pool_size", 0))
        return {
            "size": size,
            "max": self._pool.max_size,
            "in_use": size - int(stats.get("pool_available", 0)),
            "waiting": int(stats.get("requests_waiting", 0)),
            "timeouts": int(stats.get("requests_errors", 0)),
        }

    def migrate(self) -> list[str]:
        applied: list[str] = []
        with _translated(), self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (_MIGRATION_LOCK,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _yunban_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in conn.execute("SELECT name FROM _yunban_migrations").fetchall()}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                conn.execute(sql.encode())
                conn.execute("INSERT INTO _yunban_migrations(name, applied_at) VALUES (%s, now()::text)", (name,))
                applied.append(name)
        return applied

    def close(self) -> None:
        self._lock_pool.close()
        self._pool.close()
