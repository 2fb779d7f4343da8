"""What the platform's store needs of a database engine (`Engine`), engine-neutral rows, and the one failure that
means "not now" (`StorageUnavailable`).

Contract:
- `tx()` is one transaction: everything in it is committed together or not at all (a failure, a database that went
  away, a process killed: nothing half-stored). Inside, `conn.lock(key)` serialises transactions on `key` until the
  commit (PostgreSQL: a transaction-scoped advisory lock; SQLite: a no-op, its write transactions are serial).
- `read()` is a connection for reads outside a transaction (each statement sees committed data).
- `lock(key)` is mutual exclusion across threads, processes and nodes on one database, held across file work
  (an attachment chunk's write and fsync); it never holds a transaction open.
- Any failure to reach the database, or to get a connection within the pool's timeout, is raised as
  `StorageUnavailable` (the HTTP layer answers 503 with Retry-After; terminals retry).
- SQL is written with `?` placeholders in the dialect both engines share; rows are `Row`s, read by name or index.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["Conn", "Cursor", "Engine", "EngineOptions", "Row", "StorageUnavailable"]


class StorageUnavailable(Exception):
    """The database cannot answer now (down, restarting, every pooled connection busy): retry later."""

    retry_after = 2


@dataclass(frozen=True)
class EngineOptions:
    """Tuning of an engine (the `yunban platform serve` options)."""

    pool_size: int = 16
    """PostgreSQL: connections at most per process (each worker has its own pool)."""
    pool_timeout: float = 5.0
    """Seconds a request waits for a pooled connection before it is answered 503 (bounded, not queued forever)."""
    lock_pool_size: int = 8
    """PostgreSQL: connections holding attachment-upload locks at most (beyond, uploads wait up to the timeout)."""
    application_name: str = "yunban-platform"


class Row(tuple[Any, ...]):
    """A result row read by column name or by index, like `sqlite3.Row` (dict(row) gives {column: value})."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Conn(Protocol):
    """One connection (inside a transaction, or reading)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def lock(self, key: str) -> None:
        """Serialise this transaction with every other one locking `key` until it ends."""


class Engine(Protocol):
    name: str
    """"sqlite" or "postgresql"."""

    def tx(self) -> AbstractContextManager[Conn]: ...

    def read(self) -> AbstractContextManager[Conn]: ...

    def lock(self, key: str) -> AbstractContextManager[None]: ...

    def ping(self) -> None:
        """Raise StorageUnavailable unless the database answers a query now."""

    def pool_stats(self) -> dict[str, int]:
        """Connections: size, in use, waiting requests (for /metrics)."""

    def migrate(self) -> list[str]:
        """Bring the schema up to date (once per database, safe with several nodes starting at once); the names of
        the migrations applied now."""

    def close(self) -> None: ...
