"""Storage of the reference platform: its tables on one of two database engines (SQLite, the default, or
PostgreSQL) plus a content-addressed attachment store.

Contract: the platform's SQL, written once in the dialect both engines share (`sync.platform.storage`); the database
is the source of truth for upload progress (a chunk is fsynced before the confirmed count moves), enrollment codes,
cursors and everything a terminal sent, so platform nodes keep nothing another node needs. The exactly-once rules
are the database's constraints, not checks that could race: a record is keyed by (terminal, record id) and inserted
with `ON CONFLICT DO NOTHING` (same content hash: duplicate absorbed; another: conflict, never overwritten); a
receipt number is unique across the platform (partial unique index; `receipt_taken`); an upload's chunks are
written under a lock every node shares (`Engine.lock`). Layout and purge rules: docs/sync-internals.md. Everything
one terminal sent is keyed by its terminal id, so no answer depends on another terminal's data; blobs are
deduplicated by content internally only. The data directory is 0700 and every file 0600 whatever the umask; the
signing key and token secret live in key files (`sync.platform.keys`), moved out of platform.db on first open.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync.platform import keys, store_backoffice, store_ratings, store_uploads
from sync.platform.errors import PlatformError
from sync.platform.storage import Engine, EngineOptions, StorageUnavailable, open_engine, remembered_database
from sync.platform.storage.blobs import FilesystemBlobs
from sync.platform.storage.engine import Conn

__all__ = ["PlatformStore", "StorageUnavailable"]

DB_NAME = "platform.db"
LEGACY_SECRETS = {"platform_signing_key": keys.SIGNING_KEY_FILE, "token_secret": keys.TOKEN_SECRET_FILE}
"""Where versions before issue 11 kept the secrets (meta rows of platform.db) and the key file each moves to."""

MAX_PARTIAL_UPLOADS = store_uploads.MAX_PARTIAL_UPLOADS

MAX_TERMINAL_NO = 99
"""Two digits in the receipt number: 01-99 per division, each given once."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class PlatformStore:
    """Thread-safe storage of one platform: `data_dir` (key files, attachments; platform.db with SQLite) and, with
    `database` a PostgreSQL URL, that database (shared by every node). Several processes and nodes may open the
    same data directory and database at once."""

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        database: str | None = None,
        options: EngineOptions | None = None,
    ) -> None:
        self.data_dir = keys.private_dir(Path(data_dir))
        self.blob_store = FilesystemBlobs(self.data_dir / "blobs")
        self.blobs = self.blob_store.root
        self.parts = self.blob_store.parts_dir
        given = database or os.environ.get("YUNBAN_PLATFORM_DATABASE") or None
        self.database = remembered_database(self.data_dir, given)
        self.engine: Engine = open_engine(self.data_dir, self.database, options)
        # Serialise first-time schema creation and the move of secrets between processes (a starting server and an
        # admin command); the database's own lock orders nodes on other machines.
        lock_path = self.data_dir / (DB_NAME + ".lock")
        fd = keys.open_private(lock_path, os.O_RDWR)
        try:
            with os.fdopen(fd, "r+b") as lock_file:
                fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
                try:
                    self.engine.migrate()
                    self._signing_key = self._key_file("platform_signing_key")
                    self._token_secret = self._key_file("token_secret")
                    self._fill_token_hashes()
                finally:
                    fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)
        except BaseException:
            self.engine.close()
            raise
        for path in self.data_dir.iterdir():
            if path.is_file():
                keys.make_private(path)

    def _key_file(self, meta_key: str) -> bytes:
        """The secret of `meta_key`'s key file; made on first start, or moved there from platform.db's meta table
        (written and fsynced first, then deleted from the database, which is vacuumed so no copy stays behind)."""
        path = self.data_dir / LEGACY_SECRETS[meta_key]
        try:
            held = keys.read_key_file(path)
        except ValueError as exc:
            raise PlatformError(f"{path}: damaged key file ({exc}); restore it from the backup") from exc
        row = self._one("SELECT value FROM meta WHERE key = ?", (meta_key,))
        legacy = bytes.fromhex(str(row["value"])) if row is not None else None
        if held is None:
            held = legacy if legacy is not None else secrets.token_bytes(32)
            keys.write_key_file(path, held)
        elif legacy is not None and legacy != held:
            raise PlatformError(f"{path} differs from the {meta_key} still in {DB_NAME}; restore the matching pair")
        if legacy is not None:
            with self._tx() as conn:
                conn.execute("DELETE FROM meta WHERE key = ?", (meta_key,))
            scrub = getattr(self.engine, "scrub", None)
            if scrub is not None:
                scrub()
        return held

    def _fill_token_hashes(self) -> None:
        """Terminals enrolled before tokens were hashed: store the hash of the token they already hold."""
        with self._tx() as conn:
            rows = conn.execute("SELECT terminal_id FROM terminals WHERE token_sha256 IS NULL").fetchall()
            for row in rows:
                token = keys.derive_token(self._token_secret, row["terminal_id"])
                conn.execute(
                    "UPDATE terminals SET token_sha256 = ? WHERE terminal_id = ?",
                    (keys.token_hash(token), row["terminal_id"]),
                )

    def close(self) -> None:
        self.engine.close()

    @contextmanager
    def _tx(self) -> Iterator[Conn]:
        with self.engine.tx() as conn:
            yield conn

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        with self.engine.read() as conn:
            return conn.execute(sql, params).fetchone()

    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self.engine.read() as conn:
            return list(conn.execute(sql, params).fetchall())

    def ping(self) -> None:
        """Raise StorageUnavailable unless the database answers now (the health endpoint)."""
        self.engine.ping()

    # -- platform identity ------------------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row["value"])

    def signing_key(self) -> bytes:
        """The platform's Ed25519 private key (raw 32 bytes, from its key file)."""
        return self._signing_key

    def authenticate(self, terminal_id: str, token: str) -> dict[str, Any] | None:
        """The terminal whose id and bearer token these are, or None (unknown terminal or wrong token: one answer)."""
        row = self._one("SELECT * FROM terminals WHERE terminal_id = ?", (terminal_id,))
        stored = None if row is None else row["token_sha256"]
        if not keys.tokens_equal(stored, token) or row is None:
            return None
        return dict(row)

    # -- enrollment -------------------------------------------------------------------------------------------------

    def create_enroll_code(self, division: str) -> str:
        """A one-time enrollment code, e.g. `K7QX-3MPD-W9TA` (no 0/O/1/I to misread)."""
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        raw = "".join(secrets.choice(alphabet) for _ in range(12))
        code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO enroll_codes(code, division, created_at) VALUES (?, ?, ?)", (code, division, _now())
            )
        return code

    def enroll(self, code: str, public_key: str, algorithm: str) -> dict[str, Any]:
        """Use an enrollment code. Returns {"outcome": "enrolled"|"retry"|"unknown_code"|"code_used"|
        "numbers_used_up", ...}; enrolled and retry carry the terminal's bearer token (only its hash is stored).

        The same code with the same public key again is a safe retry and yields the same terminal (and number).
        Every other enrollment gets the next terminal number of the code's division, never one given before (not
        even a revoked terminal's), so a re-provisioned terminal can never reissue a receipt number; the unique
        index on (division, terminal_no) is the guard."""
        with self._tx() as conn:
            row = conn.execute("SELECT division FROM enroll_codes WHERE code = ?", (code,)).fetchone()
            if row is None:
                return {"outcome": "unknown_code"}
            conn.lock("enroll:" + str(row["division"]))  # one enrollment of a division at a time, on every node
            row = conn.execute("SELECT * FROM enroll_codes WHERE code = ?", (code,)).fetchone()
            if row["terminal_id"] is not None:
                if row["public_key"] == public_key:
                    known = conn.execute(
                        "SELECT terminal_no FROM terminals WHERE terminal_id = ?", (row["terminal_id"],)
                    ).fetchone()
                    token = keys.derive_token(self._token_secret, row["terminal_id"])
                    conn.execute(  # unchanged unless token.key was replaced: then the retry's token is the valid one
                        "UPDATE terminals SET token_sha256 = ? WHERE terminal_id = ?",
                        (keys.token_hash(token), row["terminal_id"]),
                    )
                    return {
                        "outcome": "retry",
                        "terminal_id": row["terminal_id"],
                        "division": row["division"],
                        "terminal_no": known["terminal_no"],
                        "token": token,
                    }
                return {"outcome": "code_used"}
            last = conn.execute(
                "SELECT max(CAST(terminal_no AS INTEGER)) FROM terminals WHERE division = ?", (row["division"],)
            ).fetchone()[0]
            number = (last or 0) + 1
            if number > MAX_TERMINAL_NO:
                return {"outcome": "numbers_used_up", "division": row["division"]}
            terminal_no = f"{number:02d}"
            terminal_id = "T" + secrets.token_hex(8).upper()
            token = keys.derive_token(self._token_secret, terminal_id)
            conn.execute(
                "INSERT INTO terminals(terminal_id, division, algorithm, public_key, enrolled_at, terminal_no, "
                "token_sha256) VALUES (?,?,?,?,?,?,?)",
                (terminal_id, row["division"], algorithm, public_key, _now(), terminal_no, keys.token_hash(token)),
            )
            conn.execute(
                "UPDATE enroll_codes SET terminal_id = ?, public_key = ? WHERE code = ?",
                (terminal_id, public_key, code),
            )
        return {
            "outcome": "enrolled",
            "terminal_id": terminal_id,
            "division": row["division"],
            "terminal_no": terminal_no,
            "token": token,
        }

    def division_known(self, division: str) -> bool:
        """Whether an enrollment code was ever issued for `division`."""
        return self._one("SELECT 1 FROM enroll_codes WHERE division = ? LIMIT 1", (division,)) is not None

    def terminals(self, division: str) -> list[dict[str, Any]]:
        """The division's terminals in order of their numbers."""
        rows = self._all(
            "SELECT terminal_id, terminal_no, division, enrolled_at, revoked_at FROM terminals "
            "WHERE division = ? ORDER BY terminal_no",
            (division,),
        )
        return [dict(r) for r in rows]

    def terminal(self, terminal_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM terminals WHERE terminal_id = ?", (terminal_id,))
        return None if row is None else dict(row)

    def revoke(self, terminal_id: str) -> bool:
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE terminals SET revoked_at = ? WHERE terminal_id = ? AND revoked_at IS NULL",
                (_now(), terminal_id),
            )
            exists = conn.execute("SELECT 1 FROM terminals WHERE terminal_id = ?", (terminal_id,)).fetchone()
        return cur.rowcount > 0 or exists is not None

    # -- attachments ------------------------------------------------------------------------------------------------

    def attachment(self, sha256: str, terminal_id: str | None = None) -> dict[str, Any] | None:
        """Upload state of `sha256` as `terminal_id` sees it (None: it never started that upload). Without a
        terminal (admin, tests): complete if the blob is held, else the furthest upload in progress."""
        if terminal_id is not None:
            # A complete upload whose blob the platform no longer holds (restored from an older backup) counts as
            # never started: the terminal sends it again.
            row = self._one(
                "SELECT u.sha256, u.length, u.received, u.complete FROM uploads AS u "
                "LEFT JOIN attachments AS a ON a.sha256 = u.sha256 "
                "WHERE u.terminal_id = ? AND u.sha256 = ? AND (u.complete = 0 OR a.sha256 IS NOT NULL)",
                (terminal_id, sha256),
            )
        else:
            row = self._one(
                "SELECT sha256, length, length AS received, 1 AS complete FROM attachments WHERE sha256 = ? "
                "UNION ALL SELECT sha256, length, received, complete FROM uploads WHERE sha256 = ? "
                "ORDER BY complete DESC, received DESC LIMIT 1",
                (sha256, sha256),
            )
        if row is None:
            return None
        return {
            "sha256": row["sha256"],
            "length": row["length"],
            "received": row["received"],
            "complete": bool(row["complete"]),
        }

    def blob_path(self, sha256: str) -> Path:
        return self.blob_store.path(sha256)

    def _part_path(self, terminal_id: str, sha256: str) -> Path:
        return self.blob_store.part_path(terminal_id, sha256)

    def write_chunk(self, terminal_id: str, sha256: str, offset: int, length: int, data: bytes) -> dict[str, Any]:
        """Append `data` at `offset` of `terminal_id`'s upload of an attachment of `length` bytes: {"outcome":
        "ok"|"offset_mismatch"|"length_mismatch"|"too_long"|"hash_mismatch"|"too_many", "received", "complete"}
        (`sync.platform.store_uploads.write_chunk`)."""
        return store_uploads.write_chunk(self, terminal_id, sha256, offset, length, data)

    def purge_stale_uploads(self, max_age_s: float, *, now: float | None = None) -> dict[str, int]:
        """Drop partial uploads untouched for `max_age_s`: {"uploads": n, "bytes": b}
        (`sync.platform.store_uploads.purge_stale_uploads`)."""
        return store_uploads.purge_stale_uploads(self, max_age_s, now=now)

    # -- records ----------------------------------------------------------------------------------------------------

    def put_record(self, terminal_id: str, record: dict[str, Any]) -> dict[str, Any]:
        """Store a validated record. Returns {"result": "stored"|"duplicate"|"conflict"|"receipt_taken"|"missing",
        ...}.

        Record ids are the terminal's own: same terminal + same id + same content hash is a duplicate absorbed;
        another hash is a conflict and the stored record is never overwritten; another terminal's records with that
        id play no part. A record naming attachments this terminal has not completely uploaded is refused; a receipt
        number another record holds is refused (`receipt_taken`, receipt numbers are one namespace, issue 7). Both
        rules are the database's unique keys: the insert is `ON CONFLICT DO NOTHING`, and when it inserts nothing
        the row that holds the key says why (two nodes storing the same record at once store it once)."""
        with self._tx() as conn:
            missing = self._missing_attachments(conn, terminal_id, record["attachments"])
            if missing:  # unless it is a record stored before (its answer stands whatever became of its files)
                return self._known_record(conn, terminal_id, record) or {
                    "result": "missing",
                    "missing_attachments": missing,
                }
            payload = record["payload"] if isinstance(record["payload"], dict) else {}
            rated = payload.get("receipt_no") if record["kind"] == "evaluation" else record.get("receipt_no")
            if rated:  # 好差评 of one receipt are checked and ranked one transaction at a time
                conn.lock(f"receipt:{rated}")
            if not self._insert_record(conn, terminal_id, record):
                result = self._known_record(conn, terminal_id, record)
                if result is not None:
                    return result
                conn.execute("UPDATE counters SET value = value + 1 WHERE name = 'receipt_conflicts'")
                return {"result": "receipt_taken"}
            store_ratings.on_record(conn, terminal_id, record, _now())  # 好差评 index, check and follow-up
            store_backoffice.on_decision(conn, terminal_id, record, _now())  # a counter decision moves the status
        return {"result": "stored"}

    @staticmethod
    def _missing_attachments(conn: Conn, terminal_id: str, shas: list[str]) -> list[str]:
        """Those of `shas` this terminal has not uploaded completely (one query for all of them)."""
        if not shas:
            return []
        marks = ",".join("?" * len(shas))
        held = {
            str(r[0])
            for r in conn.execute(
                "SELECT u.sha256 FROM uploads AS u JOIN attachments AS a ON a.sha256 = u.sha256 "
                f"WHERE u.terminal_id = ? AND u.complete = 1 AND u.sha256 IN ({marks})",
                (terminal_id, *shas),
            ).fetchall()
        }
        return [sha for sha in shas if sha not in held]

    @staticmethod
    def _known_record(conn: Conn, terminal_id: str, record: dict[str, Any]) -> dict[str, Any] | None:
        """The answer for a record id this terminal already stored (duplicate or conflict, counted), else None."""
        row = conn.execute(
            "SELECT content_hash FROM records WHERE terminal_id = ? AND record_id = ?",
            (terminal_id, record["record_id"]),
        ).fetchone()
        if row is None:
            return None
        name = "duplicates_absorbed" if row["content_hash"] == record["content_hash"] else "conflicts"
        conn.execute("UPDATE counters SET value = value + 1 WHERE name = ?", (name,))
        return {"result": "duplicate" if name == "duplicates_absorbed" else "conflict"}

    @staticmethod
    def _insert_record(conn: Conn, terminal_id: str, record: dict[str, Any]) -> bool:
        """Insert unless a unique key (terminal + record id, or the receipt number) is held; whether it was."""
        row = conn.execute(
            "INSERT INTO records(record_id, terminal_id, kind, content_hash, sequence, receipt_no, created_at, "
            "received_at, payload, attachments, signature, envelope_signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT DO NOTHING RETURNING record_id",
            (
                record["record_id"],
                terminal_id,
                record["kind"],
                record["content_hash"],
                record["sequence"],
                record.get("receipt_no"),
                record.get("created_at"),
                _now(),
                json.dumps(record["payload"], ensure_ascii=False, sort_keys=True),
                json.dumps(record["attachments"]),
                record.get("signature"),
                record["envelope_signature"],
            ),
        ).fetchone()
        return row is not None

    def record(self, record_id: str, terminal_id: str | None = None) -> dict[str, Any] | None:
        """A stored record (admin, tests); without `terminal_id`, the first stored with that id."""
        if terminal_id is None:
            row = self._one("SELECT * FROM records WHERE record_id = ? ORDER BY rowid LIMIT 1", (record_id,))
        else:
            row = self._one("SELECT * FROM records WHERE terminal_id = ? AND record_id = ?", (terminal_id, record_id))
        if row is None:
            return None
        out = dict(row)
        out["payload"] = json.loads(out["payload"])
        out["attachments"] = json.loads(out["attachments"])
        return out

    def record_ids(self) -> list[str]:
        return [r[0] for r in self._all("SELECT record_id FROM records ORDER BY rowid")]

    # -- application status (办件状态) ------------------------------------------------------------------------------

    def submission_by_receipt(self, receipt_no: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT record_id, terminal_id, receipt_no FROM records "
            "WHERE receipt_no = ? AND kind = 'submission' AND receipt_duplicate = 0",
            (receipt_no,),
        )
        if row is None:
            return None
        out = dict(row)
        last = self._one(
            "SELECT status FROM status_changes WHERE terminal_id = ? AND record_id = ? ORDER BY cursor DESC LIMIT 1",
            (row["terminal_id"], row["record_id"]),
        )
        out["status"] = None if last is None else last["status"]
        return out

    def add_status(self, record_id: str, status: str, note: str, terminal_id: str | None = None) -> dict[str, Any]:
        """Append a status change to the record's terminal's feed; its cursor is that terminal's own (one above the
        terminal's highest), so a terminal's cursors say nothing about other terminals' feeds."""
        with self._tx() as conn:
            row = conn.execute(
                "SELECT terminal_id, receipt_no FROM records WHERE record_id = ? AND terminal_id = "
                "coalesce(?, terminal_id) ORDER BY rowid LIMIT 1",
                (record_id, terminal_id),
            ).fetchone()
            if row is None:
                raise KeyError(record_id)
            conn.lock("feed:" + str(row["terminal_id"]))  # the terminal's cursors count on one at a time
            at = _now()
            cursor = conn.execute(
                "SELECT coalesce(max(terminal_cursor), 0) + 1 FROM status_changes WHERE terminal_id = ?",
                (row["terminal_id"],),
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO status_changes(terminal_id, record_id, receipt_no, status, note, at, terminal_cursor) "
                "VALUES (?,?,?,?,?,?,?)",
                (row["terminal_id"], record_id, row["receipt_no"], status, note, at, cursor),
            )
        return {
            "cursor": cursor,
            "record_id": record_id,
            "receipt_no": row["receipt_no"],
            "status": status,
            "note": note,
            "at": at,
        }

    def status_changes(self, terminal_id: str, cursor: int, limit: int) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT terminal_cursor AS cursor, record_id, receipt_no, status, note, at FROM status_changes "
            "WHERE terminal_id = ? AND terminal_cursor > ? ORDER BY terminal_cursor LIMIT ?",
            (terminal_id, cursor, limit),
        )
        return [dict(r) for r in rows]

    @property
    def ratings(self) -> store_ratings.Ratings:
        """好差评: list ratings, follow a 差评 up (sync/platform/store_ratings.py)."""
        return store_ratings.Ratings(self._tx, _now)

    # -- catalog changes --------------------------------------------------------------------------------------------

    def add_catalog_change(self, bundle_version: int, change: dict[str, Any]) -> int:
        with self._tx() as conn:
            row = conn.execute(
                "INSERT INTO catalog_changes(bundle_version, change, at) VALUES (?, ?, ?) RETURNING cursor",
                (bundle_version, json.dumps(change, ensure_ascii=False, sort_keys=True), _now()),
            ).fetchone()
        return int(row[0])

    def catalog_changes(self, cursor: int, limit: int) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT cursor, bundle_version, change FROM catalog_changes WHERE cursor > ? ORDER BY cursor LIMIT ?",
            (cursor, limit),
        )
        return [
            {"cursor": r["cursor"], "bundle_version": r["bundle_version"], "change": json.loads(r["change"])}
            for r in rows
        ]

    def catalog_head(self) -> tuple[int, int | None]:
        """(latest change cursor or 0, bundle version after it or None when there are no changes)."""
        row = self._one("SELECT cursor, bundle_version FROM catalog_changes ORDER BY cursor DESC LIMIT 1")
        return (0, None) if row is None else (int(row["cursor"]), int(row["bundle_version"]))

    # -- figures ----------------------------------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        with self.engine.read() as c:
            counters = {r["name"]: r["value"] for r in c.execute("SELECT name, value FROM counters").fetchall()}

            def count(sql: str) -> int:
                return int(c.execute(sql).fetchone()[0])

            return {
                "terminals": count("SELECT count(*) FROM terminals"),
                "submissions": count("SELECT count(*) FROM records WHERE kind = 'submission'"),
                "records": count("SELECT count(*) FROM records"),
                "attachments": count("SELECT count(*) FROM attachments WHERE complete = 1"),
                "duplicates_absorbed": int(counters["duplicates_absorbed"]),
                "conflicts": int(counters["conflicts"]),
            }
