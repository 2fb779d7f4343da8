"""The numbering marker: what the keystore remembers of records.db, so an emptied, deleted or swapped records.db is
noticed instead of silently restarting receipt numbers (issue 11 #7).

Contract: records.db holds a random identity (`sync_meta.db_id`); the keystore (kept apart from the data directory's
databases) holds `records_db_marker` = that identity and the last receipt sequence issued (day, sequence). When
records.db's identity differs from (or lacks) the marker's after a receipt number was issued, numbering refuses with
`records.db_new` until a technician acts: `acknowledge()` (`yunban records acknowledge-new-db`) carries the counter of
the marker's day into the new database, so no receipt number is issued twice, and binds the marker to it; enrolling
again (a new terminal number) binds it too. Without a usable keystore there is no marker (nothing is refused).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.records import messages as m

if TYPE_CHECKING:
    from app.records.keystore import Keystore
    from local_db.records.store import RecordsDB

__all__ = ["MARKER_KEY", "Marker", "NumberingMarker"]

log = logging.getLogger(__name__)

MARKER_KEY = "records_db_marker"
DB_ID_META = "db_id"


@dataclass(frozen=True, slots=True)
class Marker:
    db_id: str
    day: str | None
    last: int


class NumberingMarker:
    """records.db's identity and last issued receipt sequence, mirrored in the keystore."""

    def __init__(self, db: RecordsDB, keystore: Callable[[], Keystore | None], path: Path) -> None:
        """`keystore` returns None when no keystore is usable (then nothing is checked)."""
        self.db = db
        self._keystore = keystore
        self.path = path

    def _read(self, keystore: Keystore) -> Marker | None:
        text = keystore.get(MARKER_KEY)
        if text is None:
            return None
        try:
            doc = json.loads(text)
            return Marker(str(doc["db_id"]), doc.get("day"), int(doc.get("last", 0)))
        except (ValueError, KeyError, TypeError):
            log.warning("numbering marker in the keystore is unreadable; it is set again")
            return None

    @staticmethod
    def _write(keystore: Keystore, marker: Marker) -> None:
        keystore.set(MARKER_KEY, json.dumps({"db_id": marker.db_id, "day": marker.day, "last": marker.last}))

    def _db_id(self, *, create: bool) -> str | None:
        with self.db.write():  # under records.db's write lock: two processes never give it two identities
            db_id = self.db.get_meta(DB_ID_META)
            if db_id is None and create:
                db_id = uuid.uuid4().hex
                self.db.set_meta(DB_ID_META, db_id)
        return db_id

    def replaced(self) -> bool:
        """True when receipt numbers were issued from another records.db than this one (see the module contract).
        A marker that issued nothing yet simply follows this database."""
        keystore = self._keystore()
        if keystore is None:
            return False
        with self.db.write():  # serialised with `note` (which runs inside the finalising transaction)
            marker = self._read(keystore)
            db_id = self._db_id(create=True)
            assert db_id is not None
            if marker is not None and marker.db_id == db_id:
                return False
            if marker is not None and marker.day is not None:
                return True
            self._write(keystore, Marker(db_id, None, 0))
        return False

    def check(self) -> None:
        """Raise `records.db_new` when numbering must wait for a technician."""
        if self.replaced():
            raise UserError(m.RECORDS_DB_NEW, path=self.path)

    def note(self, day: str, sequence: int) -> None:
        """A receipt sequence was taken (inside the finalising transaction): remember the highest one."""
        keystore = self._keystore()
        if keystore is None:
            return
        db_id = self._db_id(create=True)
        assert db_id is not None
        marker = self._read(keystore)
        if (
            marker is not None
            and marker.db_id == db_id
            and marker.day is not None
            and (marker.day, marker.last) >= (day, sequence)
        ):
            return
        self._write(keystore, Marker(db_id, day, sequence))

    def acknowledge(self, *, force: bool = False) -> tuple[str | None, int]:
        """A technician accepts this records.db: the counter of the marker's day is carried into it (never lowered)
        and the marker now names it. Returns (day, next sequence). Raises `records.db_nothing_to_acknowledge` when
        nothing was replaced (unless `force`)."""
        keystore = self._keystore()
        if keystore is None or (not force and not self.replaced()):
            raise UserError(m.RECORDS_DB_NOTHING_TO_ACKNOWLEDGE, path=self.path)
        marker = self._read(keystore)
        db_id = self._db_id(create=True)
        assert db_id is not None
        day, last = (marker.day, marker.last) if marker is not None else (None, 0)
        if day is not None:
            last = self.db.carry_receipt_counter(day, last)
        self._write(keystore, Marker(db_id, day, last))
        log.warning("records.db %s acknowledged as new; receipt numbers of %s continue at %d", self.path, day, last + 1)
        return day, last + 1

    def rebind(self) -> None:
        """The terminal was enrolled again (a new terminal number: no receipt number can repeat): follow this
        database."""
        keystore = self._keystore()
        if keystore is None:
            return
        db_id = self._db_id(create=True)
        assert db_id is not None
        self._write(keystore, Marker(db_id, None, 0))
