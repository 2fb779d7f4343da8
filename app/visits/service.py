"""`VisitsService`: the grid worker's visit list (走访清单): the households and people the worker serves, entered by the
worker on this laptop, each with the applications (records) and drafts made on their behalf and where they stand.

Contract:
- Only the worker's own entries: every household carries the worker's staff id and every read and change is limited
  to the worker now logged in (`worker()`; "local" while no staff identity is wired). Nothing is pulled from the
  platform: the list holds only what the worker typed or read from a card on this laptop.
- Personal data (names, ID numbers, phones, addresses, notes) is sealed with the terminal data key (AES-256-GCM or
  SM4-GCM, app/records/crypto.py) with the row's id as associated data, as drafts are; only ids, times and item
  titles are stored in clear. A row that cannot be opened is listed as unreadable, never guessed.
- Retention (`purge`, after the drafts purge): links to drafts that no longer exist (finalised, discarded or purged by
  the drafts' own retention) and to records no longer stored go; a person with nothing open (no stored draft, no
  application pending, quarantined or without a final status) is deleted `retention_days` after their last change,
  and a household with nobody left likewise; `retention_days = 0` keeps closed entries until the worker removes them.
- Every method may block on records.db and the keystore: screens call it off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from app.audit.service import audit_event
from app.errors import UserError
from app.identity.validators import validate
from app.model.clock import local_date
from app.records import messages as rm
from app.records.crypto import Cipher, open_sealed, seal
from app.visits import messages as m
from app.visits.model import FINAL_STATUSES, Household, Person, VisitApplication, VisitDraft, VisitPurge
from local_db.records.store import RecordsDB, RecordsDBError, RecordsDiskFullError, RecordsLockedError
from local_db.records.visits import HouseholdRow, LinkRow, PersonRow, VisitsTable

if TYPE_CHECKING:
    from app.audit.service import AuditLog

__all__ = ["LINK_GRACE_S", "LOCAL_WORKER", "VisitsService"]

log = logging.getLogger(__name__)

LOCAL_WORKER = "local"
"""The worker id while no staff session is known (a laptop used before staff identity is set up on it)."""
LINK_GRACE_S = 60 * 60
"""A link to a draft not (yet) stored is kept this long: a session's first autosave may come after the link."""
_LIMITS = {"head": 50, "name": 50, "address": 200, "village": 100, "relation": 20, "note": 500}
_PHONE = re.compile(r"[0-9][0-9-]{5,18}[0-9]")


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _epoch(iso: str) -> float:
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


P = ParamSpec("P")
R = TypeVar("R")


def _stored(method: Callable[Concatenate[VisitsService, P], R]) -> Callable[Concatenate[VisitsService, P], R]:
    """records.db failing under a change (a full disk in the field, a lock held too long) is a clear `UserError`:
    the change was rolled back, nothing half-written, and the worker's typing is still in the form."""

    @functools.wraps(method)
    def wrapper(self: VisitsService, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except RecordsDiskFullError as exc:
            raise UserError(rm.DISK_FULL, path=self.table.db.path, error=exc) from exc
        except RecordsLockedError as exc:
            raise UserError(rm.LOCKED, error=exc) from exc
        except RecordsDBError as exc:
            raise UserError(rm.DB_UNAVAILABLE, error=exc) from exc

    return wrapper


def _clean(field: str, value: str) -> str:
    text = " ".join(str(value).split())
    if len(text) > _LIMITS[field]:
        raise UserError(m.TOO_LONG, field=field, limit=_LIMITS[field])
    return text


class VisitsService:
    """One laptop's visit list (see the module contract)."""

    def __init__(
        self,
        db: RecordsDB,
        cipher: Callable[[], Cipher],
        *,
        worker: Callable[[], str | None] = lambda: None,
        clock: Callable[[], float] = time.time,
        retention_days: int = 90,
        audit: Callable[[], AuditLog] | None = None,
    ) -> None:
        self.table = VisitsTable(db)
        self._audit = audit
        self._cipher = cipher
        self._worker = worker
        self.clock = clock
        self.retention_days = retention_days

    # -- plumbing -------------------------------------------------------------------------------------------------

    @property
    def cipher(self) -> Cipher:
        """The terminal data cipher, asked for at each use (the keystore is opened on first need)."""
        return self._cipher()

    def worker_id(self) -> str:
        return self._worker() or LOCAL_WORKER

    def audit_event(self, action: str, subject: str, **detail: object) -> None:
        """Audit one change of the visit list or of a draft made on someone's behalf (`visit.change`): the worker's
        staff id, the row's or draft's id and the action, never a name, an ID number or anything typed."""
        if self._audit is None:
            return
        try:
            actor = self.worker_id()
        except UserError:
            actor = None
        audit_event(self._audit, "visit.change", actor=actor, subject=subject, action=action, **detail)

    def _seal(self, row_id: str, doc: dict[str, str]) -> bytes:
        return seal(self.cipher, json.dumps(doc, ensure_ascii=False).encode("utf-8"), row_id.encode())

    def _open(self, row_id: str, blob: bytes) -> dict[str, str] | None:
        try:
            doc = json.loads(open_sealed(self.cipher, blob, row_id.encode()))
        except (UserError, ValueError):
            log.warning("visit row %s cannot be opened", row_id)
            return None
        return {str(k): str(v) for k, v in doc.items()} if isinstance(doc, dict) else None

    def _own_household(self, household_id: str) -> HouseholdRow:
        row = self.table.household(household_id)
        if row is None or row.worker_id != self.worker_id():
            raise UserError(m.NO_SUCH_HOUSEHOLD)
        return row

    def _own_person(self, person_id: str) -> PersonRow:
        row = self.table.person(person_id)
        if row is None:
            raise UserError(m.NO_SUCH_PERSON)
        try:
            self._own_household(row.household_id)
        except UserError:
            raise UserError(m.NO_SUCH_PERSON) from None
        return row

    # -- entries --------------------------------------------------------------------------------------------------

    @staticmethod
    def _household_doc(head: str, address: str, village: str, note: str) -> dict[str, str]:
        doc = {
            "head": _clean("head", head),
            "address": _clean("address", address),
            "village": _clean("village", village),
            "note": _clean("note", note),
        }
        if not doc["head"]:
            raise UserError(m.NO_HEAD)
        return doc

    def _person_doc(self, name: str, id_number: str, phone: str, relation: str, note: str) -> dict[str, str]:
        doc = {
            "name": _clean("name", name),
            "id_number": "".join(str(id_number).split()).upper(),
            "phone": "".join(str(phone).split()),
            "relation": _clean("relation", relation),
            "note": _clean("note", note),
        }
        if not doc["name"]:
            raise UserError(m.NO_NAME)
        if doc["id_number"]:
            result = validate("id", doc["id_number"], today=local_date(self.clock()))
            if not result.valid:
                raise UserError(m.BAD_ID, reason=result.reason_zh or "")
            doc["id_number"] = result.normalized
        if doc["phone"] and not _PHONE.fullmatch(doc["phone"]):
            raise UserError(m.BAD_PHONE)
        return doc

    @_stored
    def add_household(self, *, head: str, address: str = "", village: str = "", note: str = "") -> str:
        """A household the worker serves; returns its id."""
        doc = self._household_doc(head, address, village, note)
        hid = uuid.uuid4().hex
        self.table.add_household(hid, worker_id=self.worker_id(), at=_iso(self.clock()), blob=self._seal(hid, doc))
        self.audit_event("household.add", hid)
        return hid

    @_stored
    def update_household(
        self, household_id: str, *, head: str, address: str = "", village: str = "", note: str = ""
    ) -> None:
        self._own_household(household_id)
        doc = self._household_doc(head, address, village, note)
        self.table.update_household(household_id, at=_iso(self.clock()), blob=self._seal(household_id, doc))
        self.audit_event("household.edit", household_id)

    @_stored
    def add_person(
        self,
        household_id: str,
        *,
        name: str,
        id_number: str = "",
        phone: str = "",
        relation: str = "",
        note: str = "",
    ) -> str:
        """A person of a household (the ID number, when given, passes the GB 11643 check); returns their id."""
        self._own_household(household_id)
        doc = self._person_doc(name, id_number, phone, relation, note)
        pid = uuid.uuid4().hex
        self.table.add_person(pid, household_id=household_id, at=_iso(self.clock()), blob=self._seal(pid, doc))
        self.audit_event("person.add", pid, household=household_id)
        return pid

    @_stored
    def update_person(
        self, person_id: str, *, name: str, id_number: str = "", phone: str = "", relation: str = "", note: str = ""
    ) -> None:
        self._own_person(person_id)
        doc = self._person_doc(name, id_number, phone, relation, note)
        self.table.update_person(person_id, at=_iso(self.clock()), blob=self._seal(person_id, doc))
        self.audit_event("person.edit", person_id)

    @_stored
    def remove_person(self, person_id: str) -> None:
        """Take a person off the list (refused while they have something open)."""
        self._own_person(person_id)
        person = next((p for h in self.visit_list() for p in h.people if p.person_id == person_id), None)
        if person is not None and person.open_count:
            raise UserError(m.HAS_OPEN, count=person.open_count)
        self.table.delete_people([person_id])
        self.audit_event("person.remove", person_id)

    @_stored
    def remove_household(self, household_id: str) -> None:
        self._own_household(household_id)
        household = next((h for h in self.visit_list() if h.household_id == household_id), None)
        if household is not None and household.open_count:
            raise UserError(m.HAS_OPEN, count=household.open_count)
        self.table.delete_households([household_id])
        self.audit_event("household.remove", household_id)

    # -- links ----------------------------------------------------------------------------------------------------

    @_stored
    def link_draft(self, person_id: str, draft_id: str, title: str = "") -> None:
        """The draft (apply session) `draft_id` is being made on this person's behalf."""
        self._own_person(person_id)
        self.table.link(person_id, kind="draft", ref=draft_id, title=title, at=_iso(self.clock()))
        self.audit_event("draft.open", draft_id, person=person_id)

    @_stored
    def link_record(self, person_id: str, record_id: str, title: str = "") -> None:
        self._own_person(person_id)
        self.table.link(person_id, kind="record", ref=record_id, title=title, at=_iso(self.clock()))

    @_stored
    def finalised(self, draft_id: str, record_id: str, title: str = "") -> str | None:
        """A draft was finalised as `record_id`: the person it was linked to now has the application. Returns the
        person's id (None: the draft was nobody's on the list)."""
        return self.table.draft_became_record(draft_id, record_id, title=title, at=_iso(self.clock()))

    def person_label(self, kind: str, ref: str) -> str:
        """ "name · household" of the person a draft or record was made for, "" when nobody's (own entries only)."""
        pid = self.table.owner(kind, ref)
        if pid is None:
            return ""
        try:
            row = self._own_person(pid)
            household = self._own_household(row.household_id)
        except UserError:
            return ""
        person = self._open(row.person_id, row.blob) or {}
        house = self._open(household.household_id, household.blob) or {}
        name = person.get("name") or m.UNREADABLE.render()
        head = house.get("head", "")
        return f"{name} · {head}" if head and head != name else name

    # -- the list -------------------------------------------------------------------------------------------------

    def visit_list(self) -> list[Household]:
        """The worker's households (most recently changed first), each with its people and, for each person, the
        applications and drafts made on their behalf with their state now."""
        worker = self.worker_id()
        links: dict[str, list[LinkRow]] = {}
        for link in self.table.links(worker):
            links.setdefault(link.person_id, []).append(link)
        people: dict[str, list[Person]] = {}
        for row in self.table.people(worker):
            doc = self._open(row.person_id, row.blob) or {"name": m.UNREADABLE.render()}
            own = links.get(row.person_id, [])
            people.setdefault(row.household_id, []).append(
                Person(
                    person_id=row.person_id,
                    household_id=row.household_id,
                    name=doc.get("name", ""),
                    id_number=doc.get("id_number", ""),
                    phone=doc.get("phone", ""),
                    relation=doc.get("relation", ""),
                    note=doc.get("note", ""),
                    updated_at=row.updated_at,
                    applications=tuple(_application(x) for x in own if x.kind == "record"),
                    drafts=tuple(
                        VisitDraft(x.ref, x.title, x.draft_updated_at if x.draft_exists else None)
                        for x in own
                        if x.kind == "draft"
                    ),
                )
            )
        out = []
        for house in self.table.households(worker):
            doc = self._open(house.household_id, house.blob) or {"head": m.UNREADABLE.render()}
            out.append(
                Household(
                    household_id=house.household_id,
                    head=doc.get("head", ""),
                    address=doc.get("address", ""),
                    village=doc.get("village", ""),
                    note=doc.get("note", ""),
                    updated_at=house.updated_at,
                    people=tuple(people.get(house.household_id, [])),
                )
            )
        return out

    # -- retention ------------------------------------------------------------------------------------------------

    @_stored
    def purge(self) -> VisitPurge:
        """The retention rules of the module contract, over every worker's entries on this laptop."""
        now = self.clock()
        stale = [
            (x.kind, x.ref)
            for x in self.table.all_links()
            if (x.kind == "draft" and not x.draft_exists and now - _epoch(x.linked_at) > LINK_GRACE_S)
            or (x.kind == "record" and not x.record_exists)
        ]
        dropped = self.table.drop_links(stale)
        last: dict[str, float] = {}
        open_people: set[str] = set()
        for x in self.table.all_links():
            at = max(_epoch(x.linked_at), _epoch(x.status_at) if x.status_at else 0.0)
            last[x.person_id] = max(last.get(x.person_id, 0.0), at)
            live_draft = x.kind == "draft" and (x.draft_exists or now - _epoch(x.linked_at) <= LINK_GRACE_S)
            if live_draft or (x.kind == "record" and _application(x).open):
                open_people.add(x.person_id)
        if self.retention_days <= 0:
            return VisitPurge(links=dropped)
        today = local_date(now)
        days = dt.timedelta(days=self.retention_days)

        def expired(at: float) -> bool:
            return today > local_date(at) + days

        people = [
            p.person_id
            for p in self.table.all_people()
            if p.person_id not in open_people and expired(max(_epoch(p.updated_at), last.get(p.person_id, 0.0)))
        ]
        removed_people = self.table.delete_people(people)
        remaining = {p.household_id for p in self.table.all_people()}
        households = [
            h.household_id
            for h in self.table.all_households()
            if h.household_id not in remaining and expired(_epoch(h.updated_at))
        ]
        removed_households = self.table.delete_households(households)
        if dropped or removed_people or removed_households:
            log.info("visit list purge: %d households, %d people, %d links", removed_households, removed_people,
                     dropped)  # fmt: skip
        return VisitPurge(households=removed_households, people=removed_people, links=dropped)


def _application(x: LinkRow) -> VisitApplication:
    if not x.record_exists:
        stage = "gone"
    elif x.stage in ("delivered", "quarantined"):
        stage = x.stage
    else:
        stage = "pending"
    is_open = stage in ("pending", "quarantined") or (stage == "delivered" and x.status not in FINAL_STATUSES)
    return VisitApplication(x.ref, x.title, x.receipt_no, x.status, stage, is_open, x.linked_at)
