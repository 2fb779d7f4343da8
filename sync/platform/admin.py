"""Composition of the reference platform (its store wired into its ASGI app) and its admin operations.

The admin operations (enrollment codes, the terminals of a division, stats, status changes, revocation, catalog
publishing) are what
`yunban platform ...` calls. Contract: imports nothing of the terminal (`app`, `ui`, `local_db`, `devices`);
what it needs from the terminal side (the catalog check terminals run) is passed in by the caller.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sync import protocol
from sync.platform import handover, store_ratings
from sync.platform.api import create_app, platform_signer, signed_snapshot
from sync.platform.catalog_source import BundleError, CatalogSource, load_bundle, validate_change
from sync.platform.errors import PlatformError
from sync.platform.guard import ServerLimits
from sync.platform.server import ThreadedServer, serve, serve_workers, with_static_dir
from sync.platform.storage import EngineOptions, StorageUnavailable
from sync.platform.store import PlatformStore

log = logging.getLogger(__name__)


ReleaseCheck = Callable[[dict[str, Any]], None]
"""Checks the whole catalog terminals would hold after a release; raises `ValueError` naming the problem."""


def open_store(data: str | Path, database: str | None = None, options: EngineOptions | None = None) -> PlatformStore:
    """The platform's storage: `data` (key files, attachments; platform.db with SQLite) and `database` (a
    PostgreSQL URL; None: $YUNBAN_PLATFORM_DATABASE, else SQLite in `data`)."""
    try:
        return PlatformStore(Path(data).expanduser(), database, options)
    except StorageUnavailable as exc:
        raise PlatformError(f"the platform database is unavailable: {exc}") from exc
    except ValueError as exc:
        raise PlatformError(str(exc)) from exc


def catalog_source(folder: str | Path | None) -> CatalogSource | None:
    """The bundle to serve (its folder, as the caller chose it); None serves no catalog (the routes answer 404)."""
    if folder is None:
        log.warning("no catalog bundle given: catalog routes disabled")
        return None
    path = Path(folder)
    if not (path / "bundle.yaml").exists():
        raise PlatformError(f"{path}: not a catalog bundle (no bundle.yaml)")
    stamp = max(p.stat().st_mtime_ns for p in path.rglob("*.yaml"))
    try:
        return CatalogSource(_load_cached(str(path.resolve()), stamp))
    except BundleError as exc:
        raise PlatformError(str(exc)) from exc


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, stamp: int) -> dict[str, Any]:
    """Parsed bundles are reused while no file changed (tests start many platforms on the demo bundle)."""
    return load_bundle(path)


def build_app(store: PlatformStore, catalog: str | Path | None = None) -> Any:
    return create_app(
        store, catalog_source(catalog), handover_passphrase=lambda: handover.load_passphrase(store.data_dir)
    )


STALE_UPLOAD_AGE_S = 14 * 86400
"""Partial uploads untouched this long are dropped when the platform starts (terminals may be offline for days)."""


def purge_uploads(store: PlatformStore, max_age_s: float = STALE_UPLOAD_AGE_S) -> dict[str, int]:
    result = store.purge_stale_uploads(max_age_s)
    if result["uploads"]:
        log.info("dropped %d abandoned partial uploads (%d bytes)", result["uploads"], result["bytes"])
    return result


def run(
    data: str | Path,
    host: str = "127.0.0.1",
    port: int = 8700,
    catalog: str | Path | None = None,
    on_bound: Callable[[str, int], None] | None = None,
    apt_repo: str | Path | None = None,
    limits: ServerLimits | None = None,
    *,
    database: str | None = None,
    workers: int = 1,
    options: EngineOptions | None = None,
) -> None:
    """Serve in the foreground until interrupted; `apt_repo` is a folder also served read-only under /apt/;
    `limits` the defences against slow and hostile clients (`sync.platform.guard`; None: the defaults);
    `database` the PostgreSQL URL (None: SQLite in `data`); `workers` processes on one socket, each with its own
    connections (`options`: pool size and timeout per process)."""
    store = open_store(data, database, options)
    try:
        purge_uploads(store)
    finally:
        if workers > 1:
            store.close()

    def make_app(store: PlatformStore) -> Any:
        app = build_app(store, catalog)
        return app if apt_repo is None else with_static_dir(app, "/apt", apt_repo)

    try:
        if workers > 1:
            opened: list[PlatformStore] = []

            def factory() -> Any:
                opened.append(open_store(data, database, options))
                return make_app(opened[-1])

            def closing() -> None:
                for s in opened:
                    s.close()

            serve_workers(factory, host, port, on_bound, limits, workers, closing)
        else:
            serve(make_app(store), host, port, on_bound, limits)
    except OSError as exc:
        raise PlatformError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    finally:
        if workers <= 1:
            store.close()


class EmbeddedPlatform:
    """A platform in a thread of this process on a free loopback port (demo, tests); `close()` stops it."""

    def __init__(
        self, data: str | Path, catalog: str | Path | None = None, port: int = 0, database: str | None = None
    ) -> None:
        self.store = open_store(data, database)
        self.server = ThreadedServer(build_app(self.store, catalog), "127.0.0.1", port).start()

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def public_key(self) -> str:
        return protocol.b64encode(platform_signer(self.store).public_key_bytes())

    def close(self) -> None:
        self.server.stop()
        self.store.close()


# -- admin operations ---------------------------------------------------------------------------------------------


def public_key(store: PlatformStore) -> str:
    """The platform's signing public key (base64), for pinning on terminals installed offline."""
    return protocol.b64encode(platform_signer(store).public_key_bytes())


def enroll_code(store: PlatformStore, division: str) -> str:
    _check_division(division)
    return store.create_enroll_code(division)


def _check_division(division: str) -> None:
    if not (division.isdigit() and len(division) in (6, 9, 12)):
        raise PlatformError(f"division must be a 6, 9 or 12-digit division code, got {division!r}")


def terminals(store: PlatformStore, division: str) -> list[dict[str, Any]]:
    """The division's terminals with their numbers (in receipt numbers), in order: terminal id, terminal_no,
    enrolled_at, revoked (and revoked_at). A division no enrollment code was ever issued for is an error."""
    _check_division(division)
    if not store.division_known(division):
        raise PlatformError(f"no enrollment code was ever issued for division {division}")
    return [
        {
            "terminal_id": t["terminal_id"],
            "terminal_no": t["terminal_no"],
            "enrolled_at": t["enrolled_at"],
            "revoked": t["revoked_at"] is not None,
            "revoked_at": t["revoked_at"],
        }
        for t in store.terminals(division)
    ]


def set_status(store: PlatformStore, receipt_no: str, status: str, note: str = "") -> dict[str, Any]:
    """Move an application (办件) to `status`; 不予受理 needs a reason in `note`."""
    if status not in protocol.STATUSES:
        raise PlatformError(f"unknown status {status!r}; use one of {' / '.join(protocol.STATUSES)}")
    if status == protocol.STATUS_REJECTED and not note.strip():
        raise PlatformError("不予受理 needs a reason: pass --note")
    record = store.submission_by_receipt(receipt_no)
    if record is None:
        raise PlatformError(f"no submission with receipt number {receipt_no}")
    allowed = protocol.STATUS_TRANSITIONS[record["status"]]
    if status not in allowed:
        current = record["status"] or "(none)"
        raise PlatformError(
            f"{receipt_no} is {current}; it can move to {' / '.join(allowed) or 'nothing'}, not {status}"
        )
    return store.add_status(record["record_id"], status, note.strip(), record["terminal_id"])


def rating_followup(store: PlatformStore, key: str, state: str, note: str = "") -> dict[str, Any]:
    """整改反馈 (国办发〔2019〕51号): move the effective 差评 of a receipt number (or a rating record id) to the next
    follow-up state; the note says what was done and is returned to the rating's terminal through its status feed.
    `in_progress` and `resolved` need a note."""
    if state not in store_ratings.FOLLOWUP_STATES[1:]:
        raise PlatformError(
            f"unknown follow-up state {state!r}; use one of {' / '.join(store_ratings.FOLLOWUP_STATES[1:])}"
        )
    if not note.strip():
        raise PlatformError("a follow-up step needs a note saying what was done: pass --note")
    try:
        return store.ratings.followup(key.strip(), state, note.strip())
    except KeyError:
        raise PlatformError(f"no verified, current rating for {key}") from None
    except ValueError as exc:
        raise PlatformError(str(exc)) from None


def revoke(store: PlatformStore, terminal_id: str) -> None:
    if not store.revoke(terminal_id):
        raise PlatformError(f"unknown terminal {terminal_id}")


def publish_changes(
    store: PlatformStore,
    changes: list[Any],
    catalog: str | Path | None = None,
    *,
    check: ReleaseCheck | None = None,
) -> dict[str, Any]:
    """Publish catalog changes as one new bundle version (the base bundle's version + releases so far + 1).

    The catalog the terminals would hold afterwards (base bundle + every published change + these) is validated
    first, exactly as terminals validate it: a release terminals must refuse (an item without materials, a field a
    一件事 theme maps removed from its item) would stop every terminal's catalog updates at that release, so it is
    refused here, naming the problem, and nothing is stored. `check` is that validation (the terminal's own,
    `app.catalog.updates.release_check`, passed by the CLI); None publishes unchecked (tests of the terminals'
    own defence against a faulty platform)."""
    try:
        checked = [validate_change(c) for c in changes]
    except ValueError as exc:
        raise PlatformError(f"bad catalog change: {exc}") from exc
    source = catalog_source(catalog)
    head, version = store.catalog_head()
    base = version if version is not None else (source.base_version if source else 0)
    new_version = base + 1
    if check is not None and source is not None and checked:
        log_rows = store.catalog_changes(0, 1_000_000_000)
        pending = [{"bundle_version": new_version, "change": c} for c in checked]
        try:
            check(source.snapshot(log_rows + pending))
        except ValueError as exc:
            raise PlatformError(
                f"not published: terminals would refuse the catalog after these changes: {exc}"
            ) from exc
    cursor = head
    for change in checked or [{"op": "bump_version"}]:
        cursor = store.add_catalog_change(new_version, change)
    return {"bundle_version": new_version, "cursor": cursor}


def export_snapshot(
    store: PlatformStore, division: str, path: Path, catalog: str | Path | None = None
) -> dict[str, Any]:
    """Write a signed snapshot file for terminals installed offline (`yunban catalog import FILE`)."""
    source = catalog_source(catalog)
    if source is None:
        raise PlatformError("no catalog bundle to export (pass --catalog BUNDLE)")
    envelope = signed_snapshot(store, source, platform_signer(store), division)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(envelope, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    page = envelope["page"]
    return {
        "file": str(path),
        "bundle_version": page["bundle_version"],
        "cursor": page["cursor"],
        "public_key": public_key(store),
    }
