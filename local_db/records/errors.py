"""What can go wrong with records.db, as `RecordsDB` raises it (re-exported by `local_db.records.store`).

Contract: every failure of records.db reaches callers as one of these, never as a bare `sqlite3` error.
"""

from __future__ import annotations

__all__ = ["RecordsCorruptError", "RecordsDBError", "RecordsDiskFullError", "RecordsLockedError"]


class RecordsDBError(Exception):
    """records.db cannot be used (corrupt, not a database, unreadable)."""


class RecordsCorruptError(RecordsDBError):
    """records.db fails its integrity check (a garbled page): it is not served."""

    def __init__(self, text: str, *, detail: str) -> None:
        super().__init__(text)
        self.detail = detail


class RecordsDiskFullError(RecordsDBError):
    """A write failed for want of disk space (SQLITE_FULL, ENOSPC)."""


class RecordsLockedError(RecordsDBError):
    """Another process holds records.db's write lock longer than the busy timeout."""
