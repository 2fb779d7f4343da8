"""The reference platform's storage engines: one interface (`Engine`), two databases, one blob store.

- `sync.platform.storage.engine`: what the store needs of a database (`Engine`, `Conn`, `Row`) and the failure it
  raises when the database cannot answer now (`StorageUnavailable`, answered 503 + Retry-After).
- `sync.platform.storage.sqlite`: SQLite (`platform.db` in the data directory), the embedded default.
- `sync.platform.storage.postgres`: PostgreSQL 15 through psycopg 3 and a bounded connection pool (the province).
- `sync.platform.storage.blobs`: the content-addressed attachment store (`BlobStore`; the filesystem by default).

`open_engine(data_dir, database)` picks the engine from the database URL: none (or `sqlite:`) is SQLite in the data
directory, `postgresql://...` (or `postgres://...`, or a libpq key=value string with `dbname=`) is PostgreSQL. The
SQL of the platform's tables is written once, in `sync.platform.store` and `sync.platform.store_ratings`, in the
dialect both engines share (`?` placeholders, `INSERT ... ON CONFLICT`, `RETURNING`, a `rowid` column in every table
whose rows are read in arrival order); each engine owns its connections, transactions, locks and migrations.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sync.platform import keys
from sync.platform.storage.engine import Engine, EngineOptions, StorageUnavailable

__all__ = [
    "DATABASE_FILE",
    "Engine",
    "EngineOptions",
    "StorageUnavailable",
    "is_postgres_url",
    "open_engine",
    "remembered_database",
]


def is_postgres_url(database: str | None) -> bool:
    """Whether `database` names a PostgreSQL database (URL or libpq key=value string)."""
    if not database:
        return False
    text = database.strip()
    return text.startswith(("postgresql://", "postgres://")) or "dbname=" in text or "host=" in text


def open_engine(data_dir: Path, database: str | None, options: EngineOptions | None = None) -> Engine:
    """The engine for `database` (None or "sqlite:": SQLite file `platform.db` in `data_dir`)."""
    options = options or EngineOptions()
    if is_postgres_url(database):
        from sync.platform.storage.postgres import PostgresEngine

        assert database is not None
        return PostgresEngine(database, options)
    if database and database.strip() not in ("sqlite:", "sqlite"):
        raise ValueError(f"unknown database {database!r}: use postgresql://... or leave it out for SQLite")
    from sync.platform.storage.sqlite import SQLiteEngine

    return SQLiteEngine(data_dir, options)


DATABASE_FILE = "database.url"
"""In a data directory whose tables live in PostgreSQL: the database's URL, so every command given that directory
(`yunban platform enroll-code --data DIR`, a second node) finds the same database instead of an empty platform.db."""


def remembered_database(data_dir: Path, database: str | None) -> str | None:
    """`database` if given (remembered in the data directory when it is PostgreSQL), else the one remembered."""
    path = data_dir / DATABASE_FILE
    if database is None:
        try:
            return path.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None
    if is_postgres_url(database):
        try:
            known = path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            known = None
        if known != database:
            tmp = path.with_name(f".{DATABASE_FILE}.{secrets.token_hex(4)}.tmp")
            fd = keys.open_private(tmp, os.O_WRONLY | os.O_TRUNC)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(database + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
    return database
