"""Attachment uploads of the platform store: resumable per (terminal, sha256), content-addressed once complete.

Contract: `write_chunk` and `purge_stale_uploads` are `PlatformStore`'s (it delegates here; the rules are in their
docstrings and docs/platform.md, "Attachment store"); the database's `uploads.received` is the truth of how much of an
upload counts, the part's bytes are on disk (`BlobStore.write_part`) before it moves, and a complete blob's name is
durable before the upload is marked complete. SQL in the dialect both engines share (`sync.platform.storage`).
"""

from __future__ import annotations

import hashlib
import time
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Protocol

from sync.platform.storage.blobs import FilesystemBlobs
from sync.platform.storage.engine import Conn, Engine

__all__ = ["MAX_PARTIAL_UPLOADS", "purge_stale_uploads", "write_chunk"]

MAX_PARTIAL_UPLOADS = 64
"""Uploads one terminal may have in progress at once; more are refused until some complete or go stale."""


class PlatformStore(Protocol):
    """What of `sync.platform.store.PlatformStore` the uploads use."""

    engine: Engine
    blob_store: FilesystemBlobs

    def _tx(self) -> AbstractContextManager[Conn]: ...

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any: ...

    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]: ...

    def attachment(self, sha256: str, terminal_id: str | None = None) -> dict[str, Any] | None: ...


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_chunk(
    store: PlatformStore, terminal_id: str, sha256: str, offset: int, length: int, data: bytes
) -> dict[str, Any]:
    """Append `data` at `offset` of `terminal_id`'s upload of an attachment of `length` bytes.

    Returns {"outcome": "ok"|"offset_mismatch"|"length_mismatch"|"too_long"|"hash_mismatch"|"too_many",
    "received", "complete"}. On completion the SHA-256 is checked; a mismatch discards the upload entirely.
    Every terminal uploads every attachment itself, into its own part: another terminal's upload of the same
    content neither blocks nor shortens it (a complete blob already held is kept, the new copy dropped).

    File work happens under a lock of this (terminal, attachment) only, shared by every process and node on the
    database (`Engine.lock`): two nodes handed the same chunk at once write it once, the second is answered
    with the offset the first reached. No transaction is held open during the file's write and fsync."""
    with store.engine.lock(f"upload:{terminal_id}:{sha256}"):
        state, busy = _upload_state(store, terminal_id, sha256)
        if state is None:
            if busy >= MAX_PARTIAL_UPLOADS:
                return {"outcome": "too_many", "received": 0, "complete": False}
            state = {"sha256": sha256, "length": length, "received": 0, "complete": False}
        if state["complete"]:
            return {"outcome": "ok", "received": state["received"], "complete": True}
        if state["length"] != length:
            return {"outcome": "length_mismatch", "received": state["received"], "complete": False}
        if offset != state["received"]:
            return {"outcome": "offset_mismatch", "received": state["received"], "complete": False}
        if offset + len(data) > length:
            return {"outcome": "too_long", "received": state["received"], "complete": False}
        received = offset + len(data)
        complete = received == length
        if offset > 0 and not store.blob_store.has_part(terminal_id, sha256):
            # The part is gone: committed as the blob by an earlier try whose database write failed (the
            # database went away), or lost. The first case completes; otherwise the terminal starts again.
            if not (complete and store.blob_store.has(sha256)):
                with store._tx() as conn:
                    conn.execute("DELETE FROM uploads WHERE terminal_id = ? AND sha256 = ?", (terminal_id, sha256))
                return {"outcome": "offset_mismatch", "received": 0, "complete": False}
        elif complete:
            if offset == 0:  # the whole attachment in one chunk: hashed in memory, nothing written if it is wrong
                digest = hashlib.sha256(data).hexdigest()
                if digest == sha256:
                    store.blob_store.write_part(terminal_id, sha256, offset, data)
            else:
                store.blob_store.write_part(terminal_id, sha256, offset, data)
                digest = store.blob_store.part_sha256(terminal_id, sha256, length)
            if digest != sha256:
                store.blob_store.discard_part(terminal_id, sha256)
                with store._tx() as conn:
                    conn.execute("DELETE FROM uploads WHERE terminal_id = ? AND sha256 = ?", (terminal_id, sha256))
                return {"outcome": "hash_mismatch", "received": 0, "complete": False}
            store.blob_store.commit_part(terminal_id, sha256)
        else:
            store.blob_store.write_part(terminal_id, sha256, offset, data)
        with store._tx() as conn:
            if complete:
                conn.execute(
                    "INSERT INTO attachments(sha256, length, received, complete, updated_at) "
                    "VALUES (?,?,?,1,?) ON CONFLICT DO NOTHING",
                    (sha256, length, length, _now()),
                )
            conn.execute(
                "INSERT INTO uploads(terminal_id, sha256, length, received, complete, updated_at) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(terminal_id, sha256) DO UPDATE SET length = excluded.length, "
                "received = excluded.received, complete = excluded.complete, updated_at = excluded.updated_at",
                (terminal_id, sha256, length, received, int(complete), _now()),
            )
        return {"outcome": "ok", "received": received, "complete": complete}


def _upload_state(store: PlatformStore, terminal_id: str, sha256: str) -> tuple[dict[str, Any] | None, int]:
    """(`attachment(sha256, terminal_id)`, the terminal's uploads in progress) in one query."""
    row = store._one(
        "SELECT (SELECT count(*) FROM uploads WHERE terminal_id = ? AND complete = 0) AS busy, "
        "u.length, u.received, u.complete, a.sha256 AS held FROM (SELECT 1) AS one "
        "LEFT JOIN uploads AS u ON u.terminal_id = ? AND u.sha256 = ? "
        "LEFT JOIN attachments AS a ON a.sha256 = u.sha256",
        (terminal_id, terminal_id, sha256),
    )
    busy = int(row["busy"])
    if row["length"] is None or (row["complete"] and row["held"] is None):
        return None, busy  # never started, or complete but the blob is gone (restored from an older backup)
    state = {
        "sha256": sha256,
        "length": row["length"],
        "received": row["received"],
        "complete": bool(row["complete"]),
    }
    return state, busy


def purge_stale_uploads(store: PlatformStore, max_age_s: float, *, now: float | None = None) -> dict[str, int]:
    """Drop partial uploads whose last chunk is older than `max_age_s`: their rows and parts, and parts with no
    row (a platform killed between the fsync and the row, or left by the shared layout before issue 11) older
    than the cut-off by mtime. Complete attachments are never touched. Returns {"uploads": n, "bytes": b}."""
    now = time.time() if now is None else now
    cutoff = datetime.fromtimestamp(now - max_age_s, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    stale = [
        (str(r["terminal_id"]), str(r["sha256"]))
        for r in store._all("SELECT terminal_id, sha256 FROM uploads WHERE complete = 0 AND updated_at < ?", (cutoff,))
    ]
    uploads = removed_bytes = 0
    for terminal_id, sha256 in stale:
        with store.engine.lock(f"upload:{terminal_id}:{sha256}"):
            with store._tx() as conn:
                cur = conn.execute(
                    "DELETE FROM uploads WHERE terminal_id = ? AND sha256 = ? AND complete = 0 AND updated_at < ?",
                    (terminal_id, sha256, cutoff),
                )
            if cur.rowcount:
                removed_bytes += store.blob_store.discard_part(terminal_id, sha256)
                uploads += 1
    for terminal_id, sha256, mtime in list(store.blob_store.parts()):
        if mtime >= now - max_age_s:
            continue
        with store.engine.lock(f"upload:{terminal_id}:{sha256}"):
            if not terminal_id or store.attachment(sha256, terminal_id) is None:
                removed_bytes += store.blob_store.discard_stray(terminal_id, sha256)
                uploads += 1
    return {"uploads": uploads, "bytes": removed_bytes}
