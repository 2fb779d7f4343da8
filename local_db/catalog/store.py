"""Reads and writes of `catalog.db` (the catalog's only SQL).

Contract: one connection, every call serialised by one lock (callers on any thread); rows cross to `app` as
plain tuples, dicts or the named rows of `local_db.catalog.rows`, and an import hands in its `CatalogRows`.

Size: `CatalogStore` has ~30 small query methods because it owns the one connection and lock of catalog.db; each
is one query the catalog service maps to its model.
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from local_db.catalog.rows import CatalogRows, ImplementationRow, MaterialRow, ProcessStepRow, ThemeRow
from local_db.catalog.schema import SCHEMA_VERSION, applied, fill_search_keys, migrate

__all__ = ["CatalogCorruptError", "CatalogDiskFullError", "CatalogStore", "CatalogStoreError", "fts_phrase"]


class CatalogStoreError(Exception):
    """The catalog database is missing, unreadable, corrupt, or has never been filled."""


class CatalogCorruptError(CatalogStoreError):
    """The catalog database fails `PRAGMA quick_check` (a garbled page) or is not a database."""


class CatalogDiskFullError(CatalogStoreError):
    """The catalog database could not be opened or migrated for want of disk space (not a corrupt file)."""


def _disk_full(path: Path) -> bool:
    """SQLite says "unable to open database file" when it cannot create the -wal or -shm file: a full disk then."""
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except OSError:
        return False


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 string literal: whatever a user types (quotes, NEAR(, *, AND) is matched literally."""
    return '"' + text.replace('"', '""') + '"'


_ITEM_COLUMNS = [
    "id",
    "code",
    "name",
    "type",
    "department_key",
    "department_name",
    "levels",
    "audience",
    "basis",
    "conditions",
    "legal_limit_days",
    "promised_limit_days",
    "case_type",
    "visits",
    "fee_charged",
    "fee_standard",
    "fee_basis",
    "online",
    "mail",
    "appointment",
    "self_service",
    "allows_deferred_materials",
    "expired_id_card",
    "result_name",
    "result_type",
    "hours",
    "consult_phone",
    "complaint_phone",
    "place",
    "top_level",
    "sort_key",
]

# Tables an import replaces, children first. `popularity` is local state and survives.
_CATALOG_TABLES = (
    "calendar",
    "item_search",
    "implementations",
    "places",
    "bodies",
    "theme_items",
    "themes",
    "forms",
    "synonyms",
    "process_steps",
    "materials",
    "handling_cases",
    "sub_items",
    "items",
    "departments",
    "divisions",
    "bundle",
)


_USE_COUNTERS = ("views", "starts", "submits")
_USAGE_SCORE = "(p.views + p.starts + p.submits)"
"""One use is one use: opening the guide, starting an application or submitting one each count once."""


class CatalogStore:
    """One open `catalog.db`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self._db = Database(conn, execute_plugins=False)
        self._lock = threading.Lock()
        self.path = path
        self.generation = 0
        """Bumped by every import through this store (see `change_token`)."""

    # ----------------------------------------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> CatalogStore:
        """Open (and migrate) the database. Without `create`, a missing file is an error, not a new empty db.

        A new file is made 0600 whatever the umask. An existing database failing `PRAGMA quick_check` is
        `CatalogCorruptError` (never served); a full disk is `CatalogDiskFullError`, not "corrupt"."""
        if not create and not path.exists():
            raise CatalogStoreError(f"catalog database {path} does not exist")
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            os.fchmod(fd, 0o600)
            os.close(fd)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise CatalogDiskFullError(f"catalog database {path}: no space left on device") from exc
            raise CatalogStoreError(f"cannot open catalog database {path}: {exc.strerror or exc}") from exc
        try:
            conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise CatalogStoreError(f"cannot open catalog database {path}: {exc}") from exc
        store = cls(conn, path)
        try:
            problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
            if problems != ["ok"]:
                conn.close()
                raise CatalogCorruptError(f"catalog database {path} fails its integrity check: {'; '.join(problems)}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=OFF")  # bulk import; consistency is checked before writing
            migrate(store._db)
            if SCHEMA_VERSION not in applied(store._db):  # pragma: no cover - defensive
                raise CatalogStoreError(f"catalog database {path} has an unknown schema")
        except sqlite3.OperationalError as exc:
            conn.close()
            if "full" in str(exc) or _disk_full(path):
                raise CatalogDiskFullError(f"catalog database {path}: no space left on device ({exc})") from exc
            raise CatalogStoreError(f"catalog database {path} cannot be used: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise CatalogCorruptError(f"catalog database {path} is corrupt or not a database: {exc}") from exc
        return store

    @classmethod
    def memory(cls) -> CatalogStore:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        store = cls(conn, None)
        migrate(store._db)
        return store

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                raise CatalogStoreError(f"catalog database error: {exc}") from exc

    # ----------------------------------------------------------------------------------------------- writing

    def replace_catalog(self, rows: CatalogRows) -> None:
        """Replace the whole catalog in one transaction (the popularity counter is kept)."""
        conn = self._conn
        self.generation += 1  # before and after: readers never keep data cached across the write
        with self._lock, self._db.atomic():
            for table in _CATALOG_TABLES:
                conn.execute(f"DELETE FROM {table}")
            conn.executemany("INSERT INTO divisions VALUES (?, ?, ?, ?)", rows.divisions)
            conn.executemany("INSERT INTO departments VALUES (?, ?, ?, ?)", rows.departments)
            placeholders = ", ".join("?" for _ in _ITEM_COLUMNS)
            conn.executemany(
                f"INSERT INTO items ({', '.join(_ITEM_COLUMNS)}) VALUES ({placeholders})",
                ([item.get(c) for c in _ITEM_COLUMNS] for item in rows.items),
            )
            conn.executemany("INSERT INTO sub_items (code, item_id, seq, name) VALUES (?, ?, ?, ?)", rows.sub_items)
            conn.executemany(
                "INSERT INTO handling_cases (code, sub_item_code, seq, name) VALUES (?, ?, ?, ?)", rows.handling_cases
            )
            conn.executemany(
                "INSERT INTO materials VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.materials,
            )
            conn.executemany("INSERT INTO process_steps VALUES (?, ?, ?, ?, ?, ?)", rows.process_steps)
            conn.executemany("INSERT INTO synonyms VALUES (?, ?, ?)", rows.synonyms)
            conn.executemany("INSERT INTO forms VALUES (?, ?, ?)", rows.forms)
            conn.executemany(
                "INSERT INTO themes (code, seq, name, kind, description, fields, materials)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows.themes,
            )
            conn.executemany("INSERT INTO theme_items VALUES (?, ?, ?)", rows.theme_items)
            # Implementations first: the importer streams them from a generator that collects bodies and places.
            conn.executemany("INSERT INTO implementations VALUES (?, ?, ?, ?, ?)", rows.implementations)
            conn.executemany("INSERT INTO bodies VALUES (?, ?, ?, ?)", rows.bodies)
            conn.executemany("INSERT INTO places VALUES (?, ?)", rows.places)
            conn.executemany("INSERT INTO item_search VALUES (?, ?, ?, ?, ?, ?, ?)", rows.item_search)
            conn.executemany("INSERT INTO calendar VALUES (?, ?)", rows.calendar)
            conn.execute("INSERT INTO item_fts(item_fts) VALUES ('rebuild')")
            fill_search_keys(conn)
            bundle = dict(rows.bundle)
            extra = dict(bundle.pop("extra", {}))
            conn.execute(
                "INSERT INTO bundle VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    bundle["bundle_id"],
                    bundle["version"],
                    int(bool(bundle["demo"])),
                    bundle["notice"],
                    bundle["source"],
                    bundle["scope_key"],
                    datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                    json.dumps(extra, ensure_ascii=False),
                ),
            )
        self.generation += 1

    def record_view(self, item_code: str) -> int:
        """Count one view of an item on this terminal; returns the new count."""
        return self.record_use(item_code, "views")

    def record_use(self, item_code: str, counter: str) -> int:
        """Count one use of an item on this terminal: `views` (guide opened), `starts` (application started) or
        `submits` (application submitted); returns that counter's new value. No personal data: a count per code."""
        if counter not in _USE_COUNTERS:
            raise ValueError(f"unknown usage counter {counter!r}")
        now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        with self._lock, self._db.atomic():
            self._conn.execute(
                f"""INSERT INTO popularity (item_code, {counter}, last_viewed) VALUES (?, 1, ?)
                    ON CONFLICT(item_code) DO UPDATE SET {counter} = {counter} + 1,
                    last_viewed = excluded.last_viewed""",
                (item_code, now),
            )
            row = self._conn.execute(f"SELECT {counter} FROM popularity WHERE item_code = ?", (item_code,)).fetchone()
        return int(row[0])

    def usage_counts(self, item_code: str) -> dict[str, int]:
        """The item's local counters (all 0 when never used)."""
        rows = self._query("SELECT views, starts, submits FROM popularity WHERE item_code = ?", (item_code,))
        views, starts, submits = rows[0] if rows else (0, 0, 0)
        return {"views": views, "starts": starts, "submits": submits}

    def most_used(self, limit: int) -> list[tuple[int, int]]:
        """(item id, usage score) of the most used items in the mirror's scope, best first (ties: bundle order)."""
        return self._query(
            f"""SELECT i.id, {_USAGE_SCORE} AS score FROM popularity p JOIN items i ON i.code = p.item_code
                WHERE i.top_level IS NOT NULL AND {_USAGE_SCORE} > 0
                ORDER BY score DESC, i.id LIMIT ?""",
            (limit,),
        )

    # ----------------------------------------------------------------------------------------------- metadata

    def bundle_info(self) -> dict[str, Any] | None:
        rows = self._query(
            "SELECT bundle_id, version, demo, notice, source, scope_key, imported_at, extra FROM bundle WHERE id = 1"
        )
        if not rows:
            return None
        r = rows[0]
        return {
            "bundle_id": r[0],
            "version": r[1],
            "demo": bool(r[2]),
            "notice": r[3],
            "source": r[4],
            "scope_key": r[5],
            "imported_at": r[6],
            "extra": json.loads(r[7]),
        }

    def counts(self) -> dict[str, int]:
        rows = self._query(
            """SELECT (SELECT COUNT(*) FROM items WHERE top_level IS NOT NULL),
                      (SELECT COUNT(*) FROM implementations),
                      (SELECT COUNT(*) FROM divisions),
                      (SELECT COUNT(*) FROM items)"""
        )
        items, impls, divisions, all_items = rows[0]
        return {"items": items, "implementations": impls, "divisions": divisions, "all_items": all_items}

    # ----------------------------------------------------------------------------------------------- divisions

    def division(self, code: str) -> tuple[str, str, str, str | None] | None:
        rows = self._query("SELECT code, name, level, parent_code FROM divisions WHERE code = ?", (code,))
        return rows[0] if rows else None

    def division_chain(self, code: str) -> list[tuple[str, str, str, str | None]]:
        """The division and its ancestors, from the division itself up to the province."""
        rows = self._query(
            """WITH RECURSIVE chain(code, name, level, parent_code, depth) AS (
                   SELECT code, name, level, parent_code, 0 FROM divisions WHERE code = ?
                   UNION ALL
                   SELECT d.code, d.name, d.level, d.parent_code, chain.depth + 1
                   FROM divisions d JOIN chain ON d.code = chain.parent_code)
               SELECT code, name, level, parent_code FROM chain ORDER BY depth""",
            (code,),
        )
        return rows

    # ----------------------------------------------------------------------------------------------- search

    def match_fts(self, term: str) -> list[int]:
        """Items whose names, synonyms or their pinyin contain `term` (3 characters or more: trigram index)."""
        return [r[0] for r in self._query("SELECT rowid FROM item_fts WHERE item_fts MATCH ?", (fts_phrase(term),))]

    def match_scan(self, term: str) -> list[int]:
        """Items containing a 1–2 character `term`: the trigram index cannot answer these, a scan of the (small,
        one row per item) search table can."""
        return [
            r[0]
            for r in self._query(
                """SELECT item_id FROM item_search
                   WHERE instr(name, ?1) OR instr(synonyms, ?1) OR instr(pinyin, ?1) OR instr(initials, ?1)
                      OR instr(syn_pinyin, ?1) OR instr(syn_initials, ?1)""",
                (term,),
            )
        ]

    def match_folded(self, folded: str) -> list[int]:
        """Items whose folded pinyin (`local_db.catalog.search_keys.fold`) contains `folded` (3+ characters)."""
        sql = "SELECT rowid FROM item_keys_fts WHERE item_keys_fts MATCH ?"
        return [r[0] for r in self._query(sql, (fts_phrase(folded),))]

    def match_short(self, term: str) -> list[int]:
        """Items holding a 1–2 character `term` in their name, synonyms, pinyin or initials (the gram index)."""
        return [r[0] for r in self._query("SELECT rowid FROM item_grams WHERE item_grams MATCH ?", (fts_phrase(term),))]

    def search_words(self) -> list[tuple[str, str, int]]:
        """The search vocabulary: (word, folded pinyin, items holding it)."""
        return self._query("SELECT word, folded, items FROM search_words")

    def change_token(self) -> tuple[int, int]:
        """Changes when the catalog or popularity changed: by another connection (SQLite's `data_version`) or by
        an import on this one (`generation`). Lets the service cache per-item search data safely."""
        return (int(self._query("PRAGMA data_version")[0][0]), self.generation)

    def search_rows(self, item_ids: Sequence[int] | None) -> list[dict[str, Any]]:
        """What ranking and filtering need about each candidate item (`None`: every item)."""
        if item_ids is not None and not item_ids:
            return []
        marks = ", ".join("?" for _ in item_ids or ())
        where = f"WHERE i.id IN ({marks})" if item_ids is not None else ""
        rows = self._query(
            f"""SELECT i.id, i.code, i.name, i.type, i.department_key, i.department_name, i.levels, i.audience,
                       i.top_level, i.sort_key, COALESCE(p.views + p.starts + p.submits, 0), s.synonyms, s.pinyin,
                       s.initials, s.syn_pinyin, s.syn_initials
                FROM items i JOIN item_search s ON s.item_id = i.id
                LEFT JOIN popularity p ON p.item_code = i.code
                {where}""",
            list(item_ids or ()),
        )
        keys = [
            "id",
            "code",
            "name",
            "type",
            "department_key",
            "department_name",
            "levels",
            "audience",
            "top_level",
            "sort_key",
            "views",
            "synonyms",
            "pinyin",
            "initials",
            "syn_pinyin",
            "syn_initials",
        ]
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def implemented_on(self, item_ids: Sequence[int], division_codes: Sequence[str]) -> dict[int, list[str]]:
        """For each item, the given divisions where it is implemented (index seeks only)."""
        if not item_ids or not division_codes:
            return {}
        result: dict[int, list[str]] = {}
        marks_i = ", ".join("?" for _ in item_ids)
        marks_d = ", ".join("?" for _ in division_codes)
        for item_id, code in self._query(
            f"SELECT item_id, division_code FROM implementations "
            f"WHERE item_id IN ({marks_i}) AND division_code IN ({marks_d})",
            [*item_ids, *division_codes],
        ):
            result.setdefault(item_id, []).append(code)
        return result

    def all_item_ids(self) -> list[int]:
        return [r[0] for r in self._query("SELECT id FROM items")]

    def item_ids_of_department(self, department: str) -> list[int]:
        return [
            r[0]
            for r in self._query(
                "SELECT id FROM items WHERE department_key = ?1 OR department_name = ?1", (department,)
            )
        ]

    def item_ids_of_theme(self, theme_code: str) -> list[int]:
        return [
            r[0]
            for r in self._query("SELECT item_id FROM theme_items WHERE theme_code = ? ORDER BY seq", (theme_code,))
        ]

    # ----------------------------------------------------------------------------------------------- guides

    def item_row(self, code: str) -> dict[str, Any] | None:
        with self._lock:
            self._conn.row_factory = sqlite3.Row
            try:
                row = self._conn.execute("SELECT * FROM items WHERE code = ?", (code,)).fetchone()
            finally:
                self._conn.row_factory = None
        return dict(row) if row is not None else None

    def materials(self, item_id: int) -> list[MaterialRow]:
        rows = self._query(
            """SELECT id, name, required, form, medium, copies, source, standard, blank_form, sample, note
               FROM materials WHERE item_id = ? ORDER BY seq""",
            (item_id,),
        )
        return [MaterialRow._make(r) for r in rows]

    def process_steps(self, item_id: int) -> list[ProcessStepRow]:
        rows = self._query(
            "SELECT name, actor, days, description FROM process_steps WHERE item_id = ? ORDER BY seq", (item_id,)
        )
        return [ProcessStepRow._make(r) for r in rows]

    def sub_items(self, item_id: int) -> list[tuple[str, str, list[tuple[str, str]]]]:
        subs = self._query("SELECT code, name FROM sub_items WHERE item_id = ? ORDER BY seq", (item_id,))
        out = []
        for code, name in subs:
            cases = self._query("SELECT code, name FROM handling_cases WHERE sub_item_code = ? ORDER BY seq", (code,))
            out.append((code, name, [(c[0], c[1]) for c in cases]))
        return out

    def synonyms(self, item_id: int) -> list[str]:
        return [r[0] for r in self._query("SELECT word FROM synonyms WHERE item_id = ? ORDER BY seq", (item_id,))]

    def latest_form(self, item_id: int) -> tuple[int, dict[str, Any]] | None:
        rows = self._query(
            "SELECT version, definition FROM forms WHERE item_id = ? ORDER BY version DESC LIMIT 1", (item_id,)
        )
        return (rows[0][0], json.loads(rows[0][1])) if rows else None

    def themes_of_item(self, item_id: int) -> list[str]:
        return [
            r[0]
            for r in self._query(
                """SELECT t.name FROM theme_items ti JOIN themes t ON t.code = ti.theme_code
                   WHERE ti.item_id = ? ORDER BY t.seq""",
                (item_id,),
            )
        ]

    def implementations(self, item_id: int, division_codes: Sequence[str]) -> list[ImplementationRow]:
        """The item's implementations at the given divisions, province first."""
        if not division_codes:
            return []
        marks = ", ".join("?" for _ in division_codes)
        rows = self._query(
            f"""SELECT m.code, m.division_code, d.name, d.level, b.name, b.uscc, p.text
                FROM implementations m JOIN divisions d ON d.code = m.division_code
                JOIN bodies b ON b.id = m.body_id JOIN places p ON p.id = m.place_id
                WHERE m.item_id = ? AND m.division_code IN ({marks})
                ORDER BY length(m.division_code)""",
            [item_id, *division_codes],
        )
        return [ImplementationRow._make(r) for r in rows]

    def departments(self) -> list[tuple[str, str, int]]:
        """(key, short name, items implemented in the mirror), in bundle order."""
        return self._query(
            """SELECT d.key, d.name, (SELECT COUNT(*) FROM items i WHERE i.department_key = d.key
                                      AND i.top_level IS NOT NULL)
               FROM departments d ORDER BY d.rowid"""
        )

    def themes(self) -> list[ThemeRow]:
        """Every theme with its item codes and mappings, in bundle order."""
        out = []
        for code, name, kind, description, fields, materials in self._query(
            "SELECT code, name, kind, description, fields, materials FROM themes ORDER BY seq"
        ):
            codes = [
                r[0]
                for r in self._query(
                    """SELECT i.code FROM theme_items ti JOIN items i ON i.id = ti.item_id
                       WHERE ti.theme_code = ? ORDER BY ti.seq""",
                    (code,),
                )
            ]
            mapping = json.loads(fields or "{}")
            slots = json.loads(materials or "{}")
            out.append(
                ThemeRow(
                    code,
                    name,
                    kind,
                    description,
                    codes,
                    mapping if isinstance(mapping, dict) else {},
                    slots if isinstance(slots, dict) else {},
                )
            )
        return out

    def calendar(self) -> list[tuple[str, str]]:
        return self._query("SELECT day, kind FROM calendar ORDER BY day")

    def theme_exists(self, code: str) -> bool:
        return bool(self._query("SELECT 1 FROM themes WHERE code = ?", (code,)))
