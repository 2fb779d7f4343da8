"""The catalog feed's state in `catalog.db` (cursor, version, the bundle as JSON), committed with the catalog.

Contract: `commit_catalog` writes the mirror and the cursor in one transaction: a crash leaves both as they were.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from local_db.catalog.rows import CatalogRows
from local_db.catalog.store import CatalogStore, CatalogStoreError

__all__ = ["commit_catalog", "ensure_feed_schema", "feed_state"]

migrations = Migrations("yunban-catalog-feed")


@migrations()
def m001_catalog_feed(db: Database) -> None:
    db.execute(
        """CREATE TABLE catalog_feed (
               id INTEGER PRIMARY KEY CHECK (id = 1),
               cursor INTEGER NOT NULL,
               bundle_version INTEGER NOT NULL,
               bundle_json TEXT NOT NULL,
               source TEXT NOT NULL,
               updated_at TEXT NOT NULL
           )"""
    )


def _db(store: CatalogStore) -> Database:
    # The feed shares the catalog's connection so that its row commits in the catalog's transaction.
    return store._db


def ensure_feed_schema(store: CatalogStore) -> None:
    try:
        migrations.apply(_db(store))
    except sqlite3.DatabaseError as exc:
        raise CatalogStoreError(f"catalog feed state cannot be created: {exc}") from exc


def feed_state(store: CatalogStore, *, with_bundle: bool = False) -> dict[str, Any] | None:
    """{cursor, bundle_version, source, updated_at[, bundle]} or None if no snapshot was ever applied."""
    ensure_feed_schema(store)
    row = (
        _db(store)
        .conn.execute("SELECT cursor, bundle_version, source, updated_at, bundle_json FROM catalog_feed WHERE id = 1")
        .fetchone()
    )
    if row is None:
        return None
    out: dict[str, Any] = {"cursor": row[0], "bundle_version": row[1], "source": row[2], "updated_at": row[3]}
    if with_bundle:
        out["bundle"] = json.loads(row[4])
    return out


def commit_catalog(
    store: CatalogStore, rows: CatalogRows, *, bundle: dict[str, Any], cursor: int, version: int, source: str
) -> None:
    """Replace the mirror with `rows` and move the feed to (`cursor`, `version`) in one transaction."""
    ensure_feed_schema(store)
    db = _db(store)
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    with db.atomic():  # replace_catalog nests inside as a savepoint
        store.replace_catalog(rows)
        db.conn.execute(
            "INSERT INTO catalog_feed (id, cursor, bundle_version, bundle_json, source, updated_at) "
            "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET cursor = excluded.cursor, "
            "bundle_version = excluded.bundle_version, bundle_json = excluded.bundle_json, "
            "source = excluded.source, updated_at = excluded.updated_at",
            (cursor, version, json.dumps(bundle, ensure_ascii=False, sort_keys=True), source, now),
        )
