"""Staff accounts of the reference platform (issue 14 §1): the SQL of the `staff` table, beside
`sync/platform/store.py`.

Contract:
- A staff account belongs to one hall (a 12-digit division code), has a role (`clerk` 窗口人员, `supervisor` 值班长,
  `technician` 运维, `grid_worker` 网格员) and a secret held only as an argon2id PHC string
  (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`);
  the plaintext password or PIN never reaches this module.
- Every change (add, revoke, reset, reinstate) gives the account the next roster `version` (one counter for the whole
  platform, so a hall's roster version only grows); the hall's roster version is the highest of its accounts'.
- Revoked accounts stay in the table and in the roster (with `revoked_at`), so a terminal that was offline learns
  that an account it holds was revoked.
- Runs through the store's transactions (`store._tx()`, one engine-neutral connection with `?` placeholders), so it
  works on every engine the store has. Tables: migration `m005_staff` in `sync/platform/schema.py` (SQLite) and its
  PostgreSQL twin.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

__all__ = ["ROLES", "STAFF_ID_RE", "StaffStore", "StaffStoreError"]

ROLES = ("clerk", "supervisor", "technician", "grid_worker")
STAFF_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{2,31}")
"""A staff id: 3-32 letters, digits, `_` or `-` (a plain token the audit log accepts; never an ID number)."""
PHC_RE = re.compile(
    r"\$argon2id\$v=19\$m=[0-9]{1,8},t=[0-9]{1,3},p=[0-9]{1,3}\$[A-Za-z0-9+/]{11,64}\$[A-Za-z0-9+/]{16,128}"
)
_COLS = "staff_id, division, name, role, secret_hash, created_at, updated_at, revoked_at, version"


class StaffStoreError(ValueError):
    """A staff change the store refuses (unknown account, id taken, bad value)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _row(row: Any) -> dict[str, Any]:
    keys = ("staff_id", "division", "name", "role", "secret_hash", "created_at", "updated_at", "revoked_at", "version")
    return {k: row[i] for i, k in enumerate(keys)}


class StaffStore:
    """The staff accounts of one platform store (`sync.platform.store.PlatformStore`)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def _next_version(self, conn: Any) -> int:
        lock = getattr(conn, "lock", None)
        if lock is not None:
            lock("staff-roster")  # PostgreSQL: versions handed out one transaction at a time
        row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM staff").fetchone()
        return int(row[0]) + 1

    def add(self, *, staff_id: str, division: str, name: str, role: str, secret_hash: str) -> dict[str, Any]:
        if not STAFF_ID_RE.fullmatch(staff_id):
            raise StaffStoreError(f"staff id {staff_id!r}: 3-32 letters, digits, _ or -")
        if role not in ROLES:
            raise StaffStoreError(f"role {role!r}: one of {', '.join(ROLES)}")
        if not PHC_RE.fullmatch(secret_hash):
            raise StaffStoreError("the secret must be an argon2id hash")
        now = _now()
        with self.store._tx() as conn:
            if conn.execute("SELECT 1 FROM staff WHERE staff_id = ?", (staff_id,)).fetchone() is not None:
                raise StaffStoreError(f"staff id {staff_id} is taken")
            version = self._next_version(conn)
            conn.execute(
                f"INSERT INTO staff ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (staff_id, division, name, role, secret_hash, now, now, version),
            )
            return _row(conn.execute(f"SELECT {_COLS} FROM staff WHERE staff_id = ?", (staff_id,)).fetchone())

    def _change(self, staff_id: str, sql: str, params: tuple[Any, ...]) -> dict[str, Any]:
        with self.store._tx() as conn:
            if conn.execute("SELECT 1 FROM staff WHERE staff_id = ?", (staff_id,)).fetchone() is None:
                raise StaffStoreError(f"no staff account {staff_id}")
            version = self._next_version(conn)
            conn.execute(sql, (*params, _now(), version, staff_id))
            return _row(conn.execute(f"SELECT {_COLS} FROM staff WHERE staff_id = ?", (staff_id,)).fetchone())

    def revoke(self, staff_id: str) -> dict[str, Any]:
        """Revoke an account (kept, marked; terminals refuse it from their next sync)."""
        now = _now()
        return self._change(
            staff_id,
            "UPDATE staff SET revoked_at = COALESCE(revoked_at, ?), updated_at = ?, version = ? WHERE staff_id = ?",
            (now,),
        )

    def reset(self, staff_id: str, secret_hash: str) -> dict[str, Any]:
        """A new secret (the old one stops working on each terminal at its next sync); reinstates a revoked one."""
        if not PHC_RE.fullmatch(secret_hash):
            raise StaffStoreError("the secret must be an argon2id hash")
        return self._change(
            staff_id,
            "UPDATE staff SET secret_hash = ?, revoked_at = NULL, updated_at = ?, version = ? WHERE staff_id = ?",
            (secret_hash,),
        )

    def get(self, staff_id: str) -> dict[str, Any] | None:
        with self.store._tx() as conn:
            row = conn.execute(f"SELECT {_COLS} FROM staff WHERE staff_id = ?", (staff_id,)).fetchone()
        return _row(row) if row is not None else None

    def list(self, division: str | None = None) -> list[dict[str, Any]]:
        with self.store._tx() as conn:
            if division is None:
                rows = conn.execute(f"SELECT {_COLS} FROM staff ORDER BY division, staff_id").fetchall()
            else:
                rows = conn.execute(
                    f"SELECT {_COLS} FROM staff WHERE division = ? ORDER BY staff_id", (division,)
                ).fetchall()
        return [_row(r) for r in rows]

    def roster(self, division: str) -> dict[str, Any]:
        """The hall's roster page (unsigned): version and every account, revoked ones marked."""
        accounts = self.list(division)
        return {
            "kind": "staff_roster",
            "division": division,
            "version": max((a["version"] for a in accounts), default=0),
            "issued_at": _now(),
            "staff": [
                {
                    "staff_id": a["staff_id"],
                    "name": a["name"],
                    "role": a["role"],
                    "secret_hash": a["secret_hash"],
                    "revoked_at": a["revoked_at"],
                    "updated_at": a["updated_at"],
                }
                for a in accounts
            ],
        }
