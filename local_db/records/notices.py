"""records.db queries of the formal notices (app/notices/): the document-number counter per kind and year.

Contract: `next_number` increments and returns the counter inside one `RecordsDB.write()` transaction (joined when the
caller holds one), so two processes never issue the same number; the counters live in `sync_meta` under
`notice_seq:<kind>:<year>` (no table of their own: no migration needed).
"""

from __future__ import annotations

from local_db.records.store import RecordsDB

__all__ = ["NoticeCounter"]


class NoticeCounter:
    def __init__(self, db: RecordsDB) -> None:
        self.db = db

    def next_number(self, kind: str, year: int) -> int:
        key = f"notice_seq:{kind}:{int(year)}"
        with self.db.write():
            self.db._exec(
                "INSERT INTO sync_meta(key, value) VALUES (?, '1') "
                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                (key,),
            )
            row = self.db._exec("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
        return int(row[0])

    def last_number(self, kind: str, year: int) -> int:
        value = self.db.get_meta(f"notice_seq:{kind}:{int(year)}")
        return int(value) if value else 0
