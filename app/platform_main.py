"""Composition root of the reference platform: its store (local_db) wired into its ASGI app (sync.platform).

Also the platform's admin operations used by `yunban platform ...` (enrollment codes, stats, status changes,
revocation, catalog publishing), so the CLI never reaches around them.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import UserError
from local_db.platform_store import PlatformStore
from sync import protocol
from sync.platform.app import create_app, platform_signer, signed_snapshot
from sync.platform.catalog_source import BundleError, CatalogSource, load_bundle, validate_change
from sync.platform.server import ThreadedServer, serve

log = logging.getLogger(__name__)

DEMO_CATALOG = Path(__file__).parent / "data" / "demo_catalog"


def open_store(data: str | Path) -> PlatformStore:
    return PlatformStore(Path(data).expanduser())


def catalog_source(folder: str | Path | None) -> CatalogSource | None:
    """The bundle to serve: `folder`, else the bundled demo catalog if present."""
    path = Path(folder) if folder else DEMO_CATALOG
    if not (path / "bundle.yaml").exists():
        if folder:
            raise UserError(f"{path}: not a catalog bundle (no bundle.yaml)")
        log.warning("no demo catalog at %s: catalog routes disabled", path)
        return None
    stamp = max(p.stat().st_mtime_ns for p in path.rglob("*.yaml"))
    try:
        return CatalogSource(_load_cached(str(path.resolve()), stamp))
    except BundleError as exc:
        raise UserError(str(exc)) from exc


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, stamp: int) -> dict[str, Any]:
    """Parsed bundles are reused while no file changed (tests start many platforms on the demo bundle)."""
    return load_bundle(path)


def build_app(store: PlatformStore, catalog: str | Path | None = None) -> Any:
    return create_app(store, catalog_source(catalog))


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
) -> None:
    """Serve in the foreground until interrupted."""
    store = open_store(data)
    try:
        purge_uploads(store)
        serve(build_app(store, catalog), host, port, on_bound)
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    finally:
        store.close()


class EmbeddedPlatform:
    """A platform in a thread of this process on a free loopback port (demo, tests); `close()` stops it."""

    def __init__(self, data: str | Path, catalog: str | Path | None = None, port: int = 0) -> None:
        self.store = open_store(data)
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


def start_demo_platform(ctx: Any, *, port: int = 0) -> EmbeddedPlatform:
    """The demo's platform: embedded on loopback, its data in `<home>/demo-platform` (so its signing key, and the
    key the terminal pinned, stay the same across runs). Points `ctx` (an AppContext) at it and enrolls the terminal
    on first use. Call it before `ctx.sync` is first used; `close()` the result when the demo ends."""
    platform = EmbeddedPlatform(Path(ctx.home) / "demo-platform", port=port)
    try:
        ctx.config.platform.url = platform.url
        ctx.enrollment.platform_url = platform.url
        identity = ctx.enrollment.identity()
        if identity is None or identity.platform_public_key != platform.public_key:
            code = enroll_code(platform.store, ctx.config.terminal.division_code)
            ctx.enrollment.enroll(code, platform.url, force=identity is not None)
    except BaseException:
        platform.close()
        raise
    return platform


# -- admin operations ---------------------------------------------------------------------------------------------


def public_key(store: PlatformStore) -> str:
    """The platform's signing public key (base64), for pinning on terminals installed offline."""
    return protocol.b64encode(platform_signer(store).public_key_bytes())


def enroll_code(store: PlatformStore, division: str) -> str:
    if not (division.isdigit() and len(division) in (6, 9, 12)):
        raise UserError(f"division must be a 6, 9 or 12-digit division code, got {division!r}")
    return store.create_enroll_code(division)


def set_status(store: PlatformStore, receipt_no: str, status: str, note: str = "") -> dict[str, Any]:
    """Move an application (办件) to `status`; 不予受理 needs a reason in `note`."""
    if status not in protocol.STATUSES:
        raise UserError(f"unknown status {status!r}; use one of {' / '.join(protocol.STATUSES)}")
    if status == protocol.STATUS_REJECTED and not note.strip():
        raise UserError("不予受理 needs a reason: pass --note")
    record = store.submission_by_receipt(receipt_no)
    if record is None:
        raise UserError(f"no submission with receipt number {receipt_no}")
    allowed = protocol.STATUS_TRANSITIONS[record["status"]]
    if status not in allowed:
        current = record["status"] or "(none)"
        raise UserError(f"{receipt_no} is {current}; it can move to {' / '.join(allowed) or 'nothing'}, not {status}")
    return store.add_status(record["record_id"], status, note.strip())


def revoke(store: PlatformStore, terminal_id: str) -> None:
    if not store.revoke(terminal_id):
        raise UserError(f"unknown terminal {terminal_id}")


def publish_changes(
    store: PlatformStore, changes: list[Any], catalog: str | Path | None = None, *, validate: bool = True
) -> dict[str, Any]:
    """Publish catalog changes as one new bundle version (the base bundle's version + releases so far + 1).

    The catalog the terminals would hold afterwards (base bundle + every published change + these) is validated
    first, exactly as terminals validate it: a release terminals must refuse (an item without materials, a field a
    一件事 theme maps removed from its item) would stop every terminal's catalog updates at that release, so it is
    refused here, naming the problem, and nothing is stored. `validate=False` is for tests of the terminals' own
    defence against a faulty platform."""
    try:
        checked = [validate_change(c) for c in changes]
    except ValueError as exc:
        raise UserError(f"bad catalog change: {exc}") from exc
    source = catalog_source(catalog)
    head, version = store.catalog_head()
    base = version if version is not None else (source.base_version if source else 0)
    new_version = base + 1
    if validate and source is not None and checked:
        from app.catalog_updates import check_bundle_json

        log_rows = store.catalog_changes(0, 1_000_000_000)
        pending = [{"bundle_version": new_version, "change": c} for c in checked]
        try:
            check_bundle_json(source.snapshot(log_rows + pending), "publish")
        except UserError as exc:
            raise UserError(f"not published: terminals would refuse the catalog after these changes: {exc}") from exc
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
        raise UserError("no catalog bundle to export (pass --catalog BUNDLE)")
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
