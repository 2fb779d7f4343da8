"""The terminal's mirror of the catalog (`catalog.db`): opening it, filled from the packaged demo bundle on a fresh
data directory, and replacing it with a bundle folder (`yunban catalog import`).

Contract: a missing, corrupt or unusable mirror is `CatalogUnavailable`; only a demo mirror built for another scope
is rebuilt silently, and a corrupt file is moved aside only by an explicit import.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import yaml

from app.catalog import messages
from app.catalog.bundle.expand import import_bundle
from app.catalog.bundle.load import ScopeSpec, demo_bundle_path, load_bundle
from app.catalog.service import CatalogService, CatalogUnavailable
from app.config import Config
from app.errors import UserError
from app.model.catalog import CatalogStats
from local_db.catalog.store import CatalogDiskFullError, CatalogStore, CatalogStoreError

__all__ = ["import_catalog", "open_catalog", "open_for_config", "scope_of"]

log = logging.getLogger(__name__)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Serialise first-use initialisation between processes (a kiosk and a technician's CLI, parallel tests)."""
    import fcntl

    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def scope_of(config: Config) -> ScopeSpec:
    return ScopeSpec(
        division_code=config.terminal.division_code,
        scope=config.catalog.scope,
        subtree_root=config.catalog.subtree_root,
    )


def _bundle_id(bundle_dir: Path) -> str | None:
    try:
        meta = yaml.safe_load((bundle_dir / "bundle.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    return str(meta.get("bundle_id")) if isinstance(meta, dict) else None


def open_catalog(db_path: Path, spec: ScopeSpec, *, bootstrap: Path | None = None) -> CatalogService:
    """Open the mirror at `db_path`.

    A missing or empty database is filled from the `bootstrap` bundle (the packaged demo catalog on a fresh data
    directory); a demo mirror built for another scope (the terminal's division or scope changed) is rebuilt.
    Without `bootstrap`, a missing database is `CatalogUnavailable`, and so is a corrupt one, always: it is never
    overwritten silently (a technician re-imports with `yunban catalog import`).
    """
    with _file_lock(db_path.with_name(db_path.name + ".lock")):
        fresh = not db_path.exists()
        if fresh and bootstrap is None:
            raise CatalogUnavailable(messages.DB_MISSING, path=db_path)
        try:
            store = CatalogStore.open(db_path, create=fresh)
        except CatalogDiskFullError as exc:  # the true reason, not "corrupt"
            raise CatalogUnavailable(messages.DISK_FULL, error=exc) from exc
        except CatalogStoreError as exc:
            raise CatalogUnavailable(messages.DB_DAMAGED, error=exc) from exc
        try:
            info = store.bundle_info()
            # A mirror of the bootstrap (demo) bundle built for another scope (the terminal's division or scope was
            # changed) is rebuilt. Any other catalog (platform feed, imported snapshot) is left to its own update
            # path: it is never overwritten with the demo.
            stale = (
                info is not None
                and bootstrap is not None
                and info["scope_key"] != spec.key
                and info["bundle_id"] == _bundle_id(bootstrap)
            )
            if info is not None and info["scope_key"] != spec.key and not stale:
                log.warning(
                    "catalog %s was built for scope %s, terminal is %s", info["bundle_id"], info["scope_key"], spec.key
                )
            if info is None or stale:
                if bootstrap is None:
                    raise CatalogUnavailable(messages.EMPTY_DB, path=db_path)
                log.info("importing catalog bundle %s for scope %s", bootstrap, spec.key)
                try:
                    import_bundle(store, load_bundle(bootstrap), spec)
                except CatalogUnavailable:
                    raise
                except UserError as exc:
                    raise CatalogUnavailable(exc.msg, **exc.params) from exc
        except CatalogStoreError as exc:
            store.close()
            raise CatalogUnavailable(messages.DB_UNAVAILABLE, error=exc) from exc
        except BaseException:
            store.close()
            raise
    service = CatalogService(store, spec)
    try:
        service.terminal_chain()
    except BaseException:
        service.close()
        raise
    return service


def open_for_config(db_path: Path, config: Config, *, enrolled: bool = False) -> CatalogService:
    """The terminal's catalog as `AppContext.catalog` builds it: bootstrapped from the packaged demo bundle on a
    terminal not enrolled. An `enrolled` terminal (the caller reads `enrollment.json`) never gets the demo: a
    missing or emptied mirror is `catalog.empty_enrolled` (the kiosk's maintenance screen; the technician runs
    `yunban catalog update`), so citizens are never served a demo catalog as if it were the province's."""
    if not enrolled:
        return open_catalog(db_path, scope_of(config), bootstrap=demo_bundle_path())
    try:
        return open_catalog(db_path, scope_of(config))
    except CatalogUnavailable as exc:
        if exc.msg in (messages.DB_MISSING, messages.EMPTY_DB):
            raise CatalogUnavailable(messages.EMPTY_ENROLLED, path=db_path) from exc
        raise


def import_catalog(db_path: Path, spec: ScopeSpec, bundle_dir: Path | None = None) -> CatalogStats:
    """Replace the mirror with a bundle (default: the packaged demo), e.g. `yunban catalog import`.

    The bundle is loaded and validated before the database is touched. A corrupt database file is moved aside
    (`catalog.db.corrupt`) and rebuilt: the mirror holds nothing that cannot be rebuilt but the popularity counter.
    """
    bundle = load_bundle(bundle_dir or demo_bundle_path())
    with _file_lock(db_path.with_name(db_path.name + ".lock")):
        try:
            store = CatalogStore.open(db_path, create=True)
        except CatalogStoreError:
            log.warning("catalog database %s is corrupt; moving it aside and rebuilding", db_path)
            for suffix in ("", "-wal", "-shm"):
                old = db_path.with_name(db_path.name + suffix)
                if old.exists():
                    old.replace(old.with_name(old.name + ".corrupt"))
            store = CatalogStore.open(db_path, create=True)
        try:
            import_bundle(store, bundle, spec)
            service = CatalogService(store, spec)
            return service.stats()
        finally:
            store.close()
