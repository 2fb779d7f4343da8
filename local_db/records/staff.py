"""records.db tables of staff identity (issue 14 §1): the hall's roster as the platform signed it, each account's
lock-out state, and the supervisor's offline override.

Contract:
- `staff_accounts` mirrors the last verified roster (`replace_roster`, one transaction: accounts absent from the new
  roster are marked revoked, never deleted, so what a clerk did stays attributable); it holds argon2id hashes only,
  never a password. The signed roster itself is kept in `sync_meta` (`staff_roster`) so the service re-verifies it
  at each log-in (an edited table is caught).
- `staff_lockout` survives restarts: failures and `locked_until` (wall-clock seconds).
- Times in `sync_meta`: `staff_roster_synced_at` (wall-clock seconds of the last successful roster fetch),
  `staff_offline_override` (JSON: until, by). Migration `0006_staff` in `local_db/records/schema.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from local_db.records.store import RecordsDB

__all__ = ["LockoutRow", "StaffRow", "StaffTable"]

ROSTER_KEY = "staff_roster"
SYNCED_KEY = "staff_roster_synced_at"
OVERRIDE_KEY = "staff_offline_override"


@dataclass(frozen=True, slots=True)
class StaffRow:
    staff_id: str
    name: str
    role: str
    secret_hash: str
    revoked_at: str | None
    updated_at: str
    version: int


@dataclass(frozen=True, slots=True)
class LockoutRow:
    staff_id: str
    failures: int
    locked_until: float


_COLS = "staff_id, name, role, secret_hash, revoked_at, updated_at, version"


def _row(r: tuple[object, ...]) -> StaffRow:
    return StaffRow(
        staff_id=str(r[0]),
        name=str(r[1]),
        role=str(r[2]),
        secret_hash=str(r[3]),
        revoked_at=None if r[4] is None else str(r[4]),
        updated_at=str(r[5]),
        version=int(r[6]),  # type: ignore[call-overload]
    )


class StaffTable:
    """Data access for `staff_accounts` and `staff_lockout` over one RecordsDB connection."""

    def __init__(self, db: RecordsDB) -> None:
        self.db = db

    # -- roster ---------------------------------------------------------------------------------------------------

    def roster_version(self) -> int:
        value = self.db.get_meta(ROSTER_KEY + "_version")
        return int(value) if value else 0

    def signed_roster(self) -> str | None:
        return self.db.get_meta(ROSTER_KEY)

    def replace_roster(
        self, accounts: list[StaffRow], *, version: int, signed: str, synced_at: float, revoked_at: str
    ) -> list[str]:
        """Store a verified roster; returns the ids newly revoked (revoked in it, or absent from it)."""
        with self.db.write():
            before = {r.staff_id: r for r in self.accounts()}
            given = {a.staff_id for a in accounts}
            newly: list[str] = []
            for a in accounts:
                old = before.get(a.staff_id)
                if a.revoked_at and (old is None or not old.revoked_at):
                    newly.append(a.staff_id)
                if old is not None and old.secret_hash != a.secret_hash:  # reset on the platform: lock-out restarts
                    self.db._exec("DELETE FROM staff_lockout WHERE staff_id = ?", (a.staff_id,))
                self.db._exec(
                    f"INSERT INTO staff_accounts ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(staff_id) DO UPDATE SET name = excluded.name, role = excluded.role, "
                    "secret_hash = excluded.secret_hash, revoked_at = excluded.revoked_at, "
                    "updated_at = excluded.updated_at, version = excluded.version",
                    (a.staff_id, a.name, a.role, a.secret_hash, a.revoked_at, a.updated_at, a.version),
                )
            for staff_id, old in before.items():
                if staff_id not in given and not old.revoked_at:
                    newly.append(staff_id)
                    self.db._exec("UPDATE staff_accounts SET revoked_at = ? WHERE staff_id = ?", (revoked_at, staff_id))
            self.db._set_meta(ROSTER_KEY, signed)
            self.db._set_meta(ROSTER_KEY + "_version", str(version))
            self.db._set_meta(SYNCED_KEY, f"{synced_at:.3f}")
        return newly

    def note_synced(self, synced_at: float) -> None:
        """The platform answered with a roster no newer than ours: still a successful contact."""
        self.db.set_meta(SYNCED_KEY, f"{synced_at:.3f}")

    def synced_at(self) -> float | None:
        value = self.db.get_meta(SYNCED_KEY)
        try:
            return float(value) if value else None
        except ValueError:
            return None

    def accounts(self) -> list[StaffRow]:
        return [_row(r) for r in self.db._query(f"SELECT {_COLS} FROM staff_accounts ORDER BY staff_id")]

    def account(self, staff_id: str) -> StaffRow | None:
        rows = self.db._query(f"SELECT {_COLS} FROM staff_accounts WHERE staff_id = ?", (staff_id,))
        return _row(rows[0]) if rows else None

    # -- lock-out -------------------------------------------------------------------------------------------------

    def lockout(self, staff_id: str) -> LockoutRow:
        rows = self.db._query("SELECT failures, locked_until FROM staff_lockout WHERE staff_id = ?", (staff_id,))
        if not rows:
            return LockoutRow(staff_id, 0, 0.0)
        return LockoutRow(staff_id, int(rows[0][0]), float(rows[0][1]))

    def set_lockout(self, staff_id: str, failures: int, locked_until: float) -> None:
        with self.db.write():
            self.db._exec(
                "INSERT INTO staff_lockout(staff_id, failures, locked_until) VALUES (?, ?, ?) "
                "ON CONFLICT(staff_id) DO UPDATE SET failures = excluded.failures, "
                "locked_until = excluded.locked_until",
                (staff_id, failures, locked_until),
            )

    def clear_lockout(self, staff_id: str) -> None:
        with self.db.write():
            self.db._exec("DELETE FROM staff_lockout WHERE staff_id = ?", (staff_id,))

    def locked(self) -> list[LockoutRow]:
        rows = self.db._query("SELECT staff_id, failures, locked_until FROM staff_lockout ORDER BY staff_id")
        return [LockoutRow(str(r[0]), int(r[1]), float(r[2])) for r in rows]

    # -- offline override -----------------------------------------------------------------------------------------

    def override(self) -> str | None:
        return self.db.get_meta(OVERRIDE_KEY)

    def set_override(self, value: str | None) -> None:
        self.db.set_meta(OVERRIDE_KEY, value)
