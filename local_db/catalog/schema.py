"""Schema of `catalog.db`, the terminal's mirror of the item catalog (政务服务事项目录), as sqlite-utils migrations.

Contract: no personal data; never edit an applied migration, add one. Tables: docs/storage.md.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from local_db.catalog.search_keys import search_key_rows

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "applied", "fill_search_keys", "migrate"]

MIGRATIONS = Migrations("yunban.catalog")


def _run(db: Database, statements: list[str]) -> None:
    # One statement at a time: executescript() would COMMIT the migration's transaction half-way.
    for sql in statements:
        db.execute(sql)


@MIGRATIONS(name="m001_core")
def m001_core(db: Database) -> None:
    """The catalog proper: bundle metadata, divisions, items and everything hanging off them."""
    _run(
        db,
        [
            """CREATE TABLE bundle (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                bundle_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                demo INTEGER NOT NULL,
                notice TEXT NOT NULL,
                source TEXT NOT NULL,
                scope_key TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                extra TEXT NOT NULL DEFAULT '{}'
            )""",
            """CREATE TABLE divisions (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                level TEXT NOT NULL,
                parent_code TEXT
            ) WITHOUT ROWID""",
            "CREATE INDEX divisions_parent ON divisions(parent_code)",
            """CREATE TABLE departments (
                key TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                bodies TEXT NOT NULL,
                place TEXT
            )""",
            """CREATE TABLE items (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                department_key TEXT NOT NULL REFERENCES departments(key),
                department_name TEXT NOT NULL,
                levels TEXT NOT NULL,
                audience TEXT NOT NULL,
                basis TEXT NOT NULL,
                conditions TEXT NOT NULL,
                legal_limit_days INTEGER,
                promised_limit_days INTEGER,
                case_type TEXT NOT NULL,
                visits INTEGER NOT NULL,
                fee_charged INTEGER NOT NULL,
                fee_standard TEXT NOT NULL,
                fee_basis TEXT NOT NULL,
                online INTEGER NOT NULL,
                mail INTEGER NOT NULL,
                appointment INTEGER NOT NULL,
                self_service INTEGER NOT NULL,
                allows_deferred_materials INTEGER NOT NULL,
                result_name TEXT NOT NULL,
                result_type TEXT NOT NULL,
                hours TEXT NOT NULL,
                consult_phone TEXT NOT NULL,
                complaint_phone TEXT NOT NULL,
                place TEXT,
                top_level TEXT,
                sort_key TEXT NOT NULL
            )""",
            "CREATE INDEX items_department ON items(department_key)",
            """CREATE TABLE sub_items (
                code TEXT PRIMARY KEY,
                item_id INTEGER NOT NULL REFERENCES items(id),
                seq INTEGER NOT NULL,
                name TEXT NOT NULL
            )""",
            "CREATE INDEX sub_items_item ON sub_items(item_id, seq)",
            """CREATE TABLE handling_cases (
                code TEXT PRIMARY KEY,
                sub_item_code TEXT NOT NULL REFERENCES sub_items(code),
                seq INTEGER NOT NULL,
                name TEXT NOT NULL
            )""",
            "CREATE INDEX handling_cases_sub ON handling_cases(sub_item_code, seq)",
            """CREATE TABLE materials (
                item_id INTEGER NOT NULL REFERENCES items(id),
                seq INTEGER NOT NULL,
                id TEXT NOT NULL,
                name TEXT NOT NULL,
                required INTEGER NOT NULL,
                form TEXT NOT NULL,
                medium TEXT NOT NULL,
                copies INTEGER NOT NULL,
                source TEXT NOT NULL,
                standard TEXT NOT NULL,
                blank_form TEXT,
                sample TEXT,
                note TEXT,
                PRIMARY KEY (item_id, seq)
            ) WITHOUT ROWID""",
            """CREATE TABLE process_steps (
                item_id INTEGER NOT NULL REFERENCES items(id),
                seq INTEGER NOT NULL,
                name TEXT NOT NULL,
                actor TEXT NOT NULL,
                days INTEGER,
                description TEXT NOT NULL,
                PRIMARY KEY (item_id, seq)
            ) WITHOUT ROWID""",
            """CREATE TABLE synonyms (
                item_id INTEGER NOT NULL REFERENCES items(id),
                seq INTEGER NOT NULL,
                word TEXT NOT NULL,
                PRIMARY KEY (item_id, seq)
            ) WITHOUT ROWID""",
            """CREATE TABLE forms (
                item_id INTEGER NOT NULL REFERENCES items(id),
                version INTEGER NOT NULL,
                definition TEXT NOT NULL,
                PRIMARY KEY (item_id, version)
            ) WITHOUT ROWID""",
            """CREATE TABLE themes (
                code TEXT PRIMARY KEY,
                seq INTEGER NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                description TEXT NOT NULL
            )""",
            """CREATE TABLE theme_items (
                theme_code TEXT NOT NULL REFERENCES themes(code),
                seq INTEGER NOT NULL,
                item_id INTEGER NOT NULL REFERENCES items(id),
                PRIMARY KEY (theme_code, seq)
            ) WITHOUT ROWID""",
            "CREATE INDEX theme_items_item ON theme_items(item_id)",
            """CREATE TABLE bodies (
                id INTEGER PRIMARY KEY,
                division_code TEXT NOT NULL,
                name TEXT NOT NULL,
                uscc TEXT NOT NULL,
                UNIQUE (division_code, name)
            )""",
            """CREATE TABLE places (
                id INTEGER PRIMARY KEY,
                text TEXT NOT NULL UNIQUE
            )""",
            """CREATE TABLE implementations (
                item_id INTEGER NOT NULL,
                division_code TEXT NOT NULL,
                code TEXT NOT NULL,
                body_id INTEGER NOT NULL,
                place_id INTEGER NOT NULL,
                PRIMARY KEY (item_id, division_code)
            ) WITHOUT ROWID""",
        ],
    )


@MIGRATIONS(name="m002_search_and_popularity")
def m002_search_and_popularity(db: Database) -> None:
    """Search over items (FTS5 trigram + pinyin columns) and the local popularity counter."""
    _run(
        db,
        [
            """CREATE TABLE item_search (
                item_id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                synonyms TEXT NOT NULL,
                pinyin TEXT NOT NULL,
                initials TEXT NOT NULL,
                syn_pinyin TEXT NOT NULL,
                syn_initials TEXT NOT NULL
            )""",
            """CREATE VIRTUAL TABLE item_fts USING fts5(
                name, synonyms, pinyin, initials, syn_pinyin, syn_initials,
                content='item_search', content_rowid='item_id', tokenize='trigram'
            )""",
            """CREATE TABLE popularity (
                item_code TEXT PRIMARY KEY,
                views INTEGER NOT NULL DEFAULT 0,
                last_viewed TEXT
            )""",
        ],
    )


@MIGRATIONS(name="m003_calendar")
def m003_calendar(db: Database) -> None:
    """The bundle's working-day calendar (holidays.yaml): public holidays and adjusted working days (调休)."""
    _run(
        db,
        [
            """CREATE TABLE calendar (
                day TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))
            ) WITHOUT ROWID""",
        ],
    )


@MIGRATIONS(name="m004_expired_id_card_rule")
def m004_expired_id_card_rule(db: Database) -> None:
    """Per-item rule for an expired ID card (`allow`, `warn`, `refuse`); rows of older imports get `warn`."""
    _run(
        db,
        [
            "ALTER TABLE items ADD COLUMN expired_id_card TEXT NOT NULL DEFAULT 'warn' "
            "CHECK (expired_id_card IN ('allow', 'warn', 'refuse'))",
        ],
    )


@MIGRATIONS(name="m005_theme_fields")
def m005_theme_fields(db: Database) -> None:
    """A bundle theme's field mapping for its merged form (`themes.yaml` `fields`, JSON); older rows get `{}`."""
    _run(db, ["ALTER TABLE themes ADD COLUMN fields TEXT NOT NULL DEFAULT '{}'"])


@MIGRATIONS(name="m006_theme_materials")
def m006_theme_materials(db: Database) -> None:
    """A bundle theme's material mapping for its material slots (`themes.yaml` `materials`, JSON: joins, names,
    requirement, 免提交); older rows get `{}`."""
    _run(db, ["ALTER TABLE themes ADD COLUMN materials TEXT NOT NULL DEFAULT '{}'"])


def fill_search_keys(conn: sqlite3.Connection) -> None:
    """(Re)fill the forgiving-search tables from `item_search`: the migration's backfill and every import."""
    rows = conn.execute(
        "SELECT item_id, name, synonyms, pinyin, initials, syn_pinyin, syn_initials FROM item_search ORDER BY item_id"
    ).fetchall()
    built = search_key_rows(rows)
    conn.execute("DELETE FROM item_keys")
    conn.execute("INSERT INTO item_grams(item_grams) VALUES ('delete-all')")  # contentless: no DELETE
    conn.execute("DELETE FROM search_words")
    conn.executemany("INSERT INTO item_keys (item_id, folded) VALUES (?, ?)", built.keys)
    conn.execute("INSERT INTO item_keys_fts(item_keys_fts) VALUES ('rebuild')")
    conn.executemany("INSERT INTO item_grams (rowid, grams) VALUES (?, ?)", built.grams)
    conn.executemany("INSERT INTO search_words (word, folded, items) VALUES (?, ?, ?)", built.words)


@MIGRATIONS(name="m007_search_tolerance_and_usage")
def m007_search_tolerance_and_usage(db: Database) -> None:
    """Forgiving search and local usage counts.

    `item_keys` (+ `item_keys_fts`, trigram): per item, the pinyin of its name and synonyms folded the way Yunnan
    speakers hear it. `item_grams` (FTS5 `unicode61`, no positions): each item's 1–2 character grams, so short query
    terms are index lookups. `search_words`: the 2–4 character words of names and synonyms, their folded pinyin and
    how many items hold them (typo correction, suggestions). `popularity` gains `starts` and `submits`: how often an
    application for the item was started and submitted on this terminal (no personal data: a count per item code)."""
    _run(
        db,
        [
            """CREATE TABLE item_keys (
                item_id INTEGER PRIMARY KEY,
                folded TEXT NOT NULL
            )""",
            """CREATE VIRTUAL TABLE item_keys_fts USING fts5(
                folded, content='item_keys', content_rowid='item_id', tokenize='trigram'
            )""",
            "CREATE VIRTUAL TABLE item_grams USING fts5(grams, content='', tokenize='unicode61', detail='none')",
            """CREATE TABLE search_words (
                word TEXT PRIMARY KEY,
                folded TEXT NOT NULL,
                items INTEGER NOT NULL
            ) WITHOUT ROWID""",
            "ALTER TABLE popularity ADD COLUMN starts INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE popularity ADD COLUMN submits INTEGER NOT NULL DEFAULT 0",
        ],
    )
    fill_search_keys(db.conn)


SCHEMA_VERSION = "m007_search_tolerance_and_usage"
"""Name of the newest migration: a database that has applied it has the current schema."""


def migrate(db: Database, *, stop_before: str | None = None) -> None:
    """Apply pending migrations (`stop_before` only for tests that need an old schema)."""
    MIGRATIONS.apply(db, stop_before=stop_before)


def applied(db: Database) -> list[str]:
    return [m.name for m in MIGRATIONS.applied(db)]
