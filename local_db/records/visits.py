"""records.db queries of the grid worker's visit list (走访清单, issue 15; app/visits/): households, people, and the
links from a person to the drafts and records made on their behalf.

Contract: blobs arrive sealed by the caller (this module never sees personal data in clear); every query of households
and people names the worker (a worker sees their own entries only); a link's facts (does its draft still exist, the
record's receipt number, platform status and outbox stage) are read by one join, never copied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from local_db.records.store import RecordsDB

__all__ = ["HouseholdRow", "LinkRow", "PersonRow", "VisitsTable"]


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    household_id: str
    worker_id: str
    created_at: str
    updated_at: str
    blob: bytes


@dataclass(frozen=True, slots=True)
class PersonRow:
    person_id: str
    household_id: str
    created_at: str
    updated_at: str
    blob: bytes


@dataclass(frozen=True, slots=True)
class LinkRow:
    """A person's draft or record, with what records.db says of it now."""

    person_id: str
    kind: str
    """`draft` or `record`."""
    ref: str
    """The draft id or the record id."""
    title: str
    linked_at: str
    draft_exists: bool
    draft_updated_at: str | None
    record_exists: bool
    receipt_no: str | None
    status: str | None
    """The platform's 办件状态 (已受理, 审查中, 已办结, 不予受理, 已送达), None before any came back."""
    status_at: str | None
    stage: str | None
    """Outbox stage: attachments, record (both pending), delivered, quarantined."""
    quarantine_kind: str | None


_LINK_SELECT = """
    SELECT l.person_id, l.kind, l.ref, l.title, l.linked_at,
           d.draft_id IS NOT NULL, d.updated_at,
           r.record_id IS NOT NULL, r.receipt_no, r.status, r.status_at, o.stage, o.quarantine_kind
    FROM visit_links l
    JOIN visit_people p ON p.person_id = l.person_id
    JOIN visit_households h ON h.household_id = p.household_id
    LEFT JOIN drafts d ON l.kind = 'draft' AND d.draft_id = l.ref
    LEFT JOIN records r ON l.kind = 'record' AND r.record_id = l.ref
    LEFT JOIN outbox o ON o.record_id = r.record_id
"""


class VisitsTable:
    """Data access for the visit list over one RecordsDB connection."""

    def __init__(self, db: RecordsDB) -> None:
        self.db = db

    # -- households -----------------------------------------------------------------------------------------------

    def add_household(self, household_id: str, *, worker_id: str, at: str, blob: bytes) -> None:
        with self.db.write():
            self.db._exec(
                "INSERT INTO visit_households(household_id, worker_id, created_at, updated_at, blob) "
                "VALUES (?, ?, ?, ?, ?)",
                (household_id, worker_id, at, at, blob),
            )

    def update_household(self, household_id: str, *, at: str, blob: bytes) -> bool:
        with self.db.write():
            cur = self.db._exec(
                "UPDATE visit_households SET updated_at = ?, blob = ? WHERE household_id = ?", (at, blob, household_id)
            )
        return cur.rowcount == 1

    def household(self, household_id: str) -> HouseholdRow | None:
        rows = self.db._query(
            "SELECT household_id, worker_id, created_at, updated_at, blob FROM visit_households WHERE household_id = ?",
            (household_id,),
        )
        return _household(rows[0]) if rows else None

    def households(self, worker_id: str) -> list[HouseholdRow]:
        """The worker's households, the most recently changed first."""
        rows = self.db._query(
            "SELECT household_id, worker_id, created_at, updated_at, blob FROM visit_households WHERE worker_id = ? "
            "ORDER BY updated_at DESC, household_id",
            (worker_id,),
        )
        return [_household(r) for r in rows]

    def all_households(self) -> list[HouseholdRow]:
        """Every worker's households (the retention purge only)."""
        rows = self.db._query("SELECT household_id, worker_id, created_at, updated_at, blob FROM visit_households")
        return [_household(r) for r in rows]

    # -- people ---------------------------------------------------------------------------------------------------

    def add_person(self, person_id: str, *, household_id: str, at: str, blob: bytes) -> None:
        with self.db.write():
            self.db._exec(
                "INSERT INTO visit_people(person_id, household_id, created_at, updated_at, blob) "
                "VALUES (?, ?, ?, ?, ?)",
                (person_id, household_id, at, at, blob),
            )
            self.db._exec("UPDATE visit_households SET updated_at = ? WHERE household_id = ?", (at, household_id))

    def update_person(self, person_id: str, *, at: str, blob: bytes) -> bool:
        with self.db.write():
            cur = self.db._exec(
                "UPDATE visit_people SET updated_at = ?, blob = ? WHERE person_id = ?", (at, blob, person_id)
            )
        return cur.rowcount == 1

    def person(self, person_id: str) -> PersonRow | None:
        rows = self.db._query(
            "SELECT person_id, household_id, created_at, updated_at, blob FROM visit_people WHERE person_id = ?",
            (person_id,),
        )
        return _person(rows[0]) if rows else None

    def people(self, worker_id: str) -> list[PersonRow]:
        rows = self.db._query(
            "SELECT p.person_id, p.household_id, p.created_at, p.updated_at, p.blob FROM visit_people p "
            "JOIN visit_households h ON h.household_id = p.household_id WHERE h.worker_id = ? "
            "ORDER BY p.created_at, p.person_id",
            (worker_id,),
        )
        return [_person(r) for r in rows]

    def all_people(self) -> list[PersonRow]:
        rows = self.db._query("SELECT person_id, household_id, created_at, updated_at, blob FROM visit_people")
        return [_person(r) for r in rows]

    def touch_person(self, person_id: str, at: str) -> None:
        with self.db.write():
            self.db._exec("UPDATE visit_people SET updated_at = ? WHERE person_id = ?", (at, person_id))
            self.db._exec(
                "UPDATE visit_households SET updated_at = ? WHERE household_id = "
                "(SELECT household_id FROM visit_people WHERE person_id = ?)",
                (at, person_id),
            )

    # -- links ----------------------------------------------------------------------------------------------------

    def link(self, person_id: str, *, kind: str, ref: str, title: str, at: str) -> None:
        """Link a draft or record to a person (a later link of the same draft or record moves it)."""
        with self.db.write():
            self.db._exec(
                "INSERT INTO visit_links(kind, ref, person_id, title, linked_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(kind, ref) DO UPDATE SET person_id = excluded.person_id, "
                "title = CASE WHEN excluded.title != '' THEN excluded.title ELSE visit_links.title END, "
                "linked_at = excluded.linked_at",
                (kind, ref, person_id, title, at),
            )
            self.touch_person(person_id, at)

    def draft_became_record(self, draft_id: str, record_id: str, *, title: str, at: str) -> str | None:
        """The draft `draft_id` was finalised as `record_id`: its link now names the record. Returns the person, or
        None when the draft was nobody's."""
        with self.db.write():
            rows = self.db._exec(
                "SELECT person_id, title FROM visit_links WHERE kind = 'draft' AND ref = ?", (draft_id,)
            ).fetchall()
            if not rows:
                return None
            person_id, old_title = str(rows[0][0]), str(rows[0][1])
            self.db._exec("DELETE FROM visit_links WHERE kind = 'draft' AND ref = ?", (draft_id,))
            self.link(person_id, kind="record", ref=record_id, title=title or old_title, at=at)
        return person_id

    def links(self, worker_id: str) -> list[LinkRow]:
        """Every link of the worker's people, oldest first, with its draft's and record's facts now."""
        rows = self.db._query(_LINK_SELECT + " WHERE h.worker_id = ? ORDER BY l.linked_at, l.ref", (worker_id,))
        return [_link(r) for r in rows]

    def all_links(self) -> list[LinkRow]:
        return [_link(r) for r in self.db._query(_LINK_SELECT)]

    def owner(self, kind: str, ref: str) -> str | None:
        """The person a draft or record is linked to."""
        rows = self.db._query("SELECT person_id FROM visit_links WHERE kind = ? AND ref = ?", (kind, ref))
        return str(rows[0][0]) if rows else None

    # -- removal --------------------------------------------------------------------------------------------------

    def drop_links(self, keys: Sequence[tuple[str, str]]) -> int:
        with self.db.write():
            return sum(
                self.db._exec("DELETE FROM visit_links WHERE kind = ? AND ref = ?", key).rowcount for key in keys
            )

    def delete_people(self, person_ids: Sequence[str]) -> int:
        """Delete people with their links (one transaction)."""
        removed = 0
        with self.db.write():
            for pid in person_ids:
                self.db._exec("DELETE FROM visit_links WHERE person_id = ?", (pid,))
                removed += self.db._exec("DELETE FROM visit_people WHERE person_id = ?", (pid,)).rowcount
        return removed

    def delete_households(self, household_ids: Sequence[str]) -> int:
        """Delete households with their people and links (one transaction)."""
        removed = 0
        with self.db.write():
            for hid in household_ids:
                people = [str(r[0]) for r in self.db._exec(
                    "SELECT person_id FROM visit_people WHERE household_id = ?", (hid,)
                ).fetchall()]  # fmt: skip
                self.delete_people(people)
                removed += self.db._exec("DELETE FROM visit_households WHERE household_id = ?", (hid,)).rowcount
        return removed

    def counts(self) -> dict[str, int]:
        """Rows per table (the purge's report and the tests)."""
        return {
            table: int(self.db._query(f"SELECT COUNT(*) FROM {table}")[0][0])
            for table in ("visit_households", "visit_people", "visit_links")
        }


def _household(r: Any) -> HouseholdRow:
    return HouseholdRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), bytes(r[4]))


def _person(r: Any) -> PersonRow:
    return PersonRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), bytes(r[4]))


def _link(r: Any) -> LinkRow:
    return LinkRow(
        person_id=str(r[0]),
        kind=str(r[1]),
        ref=str(r[2]),
        title=str(r[3]),
        linked_at=str(r[4]),
        draft_exists=bool(r[5]),
        draft_updated_at=None if r[6] is None else str(r[6]),
        record_exists=bool(r[7]),
        receipt_no=None if r[8] is None else str(r[8]),
        status=None if r[9] is None else str(r[9]),
        status_at=None if r[10] is None else str(r[10]),
        stage=None if r[11] is None else str(r[11]),
        quarantine_kind=None if r[12] is None else str(r[12]),
    )
