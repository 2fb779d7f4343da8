"""Catalog updates down (目录更新): apply verified snapshots and change pages, from the platform or a signed
snapshot file, to the terminal's mirror.

Contract: everything is checked before the mirror is touched, and each snapshot or page is written in one
transaction with the feed cursor; a refused one raises `CatalogUpdateError` and leaves the mirror as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.catalog import messages as m
from app.catalog.bundle.expand import build_rows
from app.catalog.bundle.load import Bundle, CatalogImportError, ScopeSpec, load_divisions
from app.catalog.bundle.validate import validate_bundle
from app.catalog.limits import MAX_DOCUMENT_BYTES
from app.errors import UserError
from local_db.catalog.changes import commit_catalog, feed_state
from local_db.catalog.rows import CatalogRows
from local_db.catalog.store import CatalogStore, CatalogStoreError
from sync import catalog_feed, protocol

log = logging.getLogger(__name__)

__all__ = [
    "CatalogUpdateError",
    "CatalogUpdater",
    "UpdateResult",
    "check_bundle_json",
    "mirror_version",
    "release_check",
]


def check_bundle_json(bundle_json: dict[str, Any], source: str = "snapshot") -> Bundle:
    """A bundle in its JSON form (snapshot, or base + change log), validated exactly as a terminal validates what it
    receives; raises CatalogImportError (a UserError) naming every problem. The platform runs it before publishing."""
    shape = {"bundle": dict, "departments": dict, "items": list, "themes": list}
    wrong = [key for key, kind in shape.items() if not isinstance(bundle_json.get(key, kind()), kind)]
    raw_items = bundle_json.get("items")
    items: list[Any] = raw_items if isinstance(raw_items, list) else []
    wrong += [f"items[{n}]" for n, item in enumerate(items) if not isinstance(item, dict)][:5]
    if wrong or "bundle" not in bundle_json or "items" not in bundle_json:
        raise CatalogImportError([f"{source}: malformed bundle ({', '.join(wrong) or 'bundle or items missing'})"])
    bundle = Bundle(
        meta=dict(bundle_json["bundle"]),
        departments=dict(bundle_json.get("departments") or {}),
        items=[("snapshot", item) for item in bundle_json["items"]],
        themes=list(bundle_json.get("themes") or []),
        source=source,
    )
    try:
        validate_bundle(bundle)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:  # a shape validate does not expect
        log.warning("bundle from %s refused: malformed content", source, exc_info=True)
        raise CatalogImportError([f"{source}: malformed content ({type(exc).__name__}: {exc})"]) from exc
    return bundle


def release_check(bundle_json: dict[str, Any]) -> None:
    """The platform's publish check (`sync.platform.admin.ReleaseCheck`): the terminals' own validation, its
    refusal raised as `ValueError` so the platform needs nothing of the terminal's error types."""
    try:
        check_bundle_json(bundle_json, "publish")
    except UserError as exc:
        raise ValueError(str(exc)) from exc


class CatalogUpdateError(UserError):
    """A snapshot or change page was refused (bad signature, cursor gap, rollback, invalid content, unreachable)."""


@dataclass(frozen=True, slots=True)
class UpdateResult:
    snapshot: bool
    """A snapshot was applied (first contact, or a file import)."""
    pages: int
    changes: int
    cursor: int
    bundle_version: int


class CatalogUpdater:
    """Applies catalog snapshots and pages to `catalog.db` for one terminal scope.

    Sources: the platform (GET /v1/catalog/snapshot, then /v1/catalog/changes by cursor) or a signed snapshot file
    carried on USB (`yunban catalog import FILE`). Checked first: the platform's signature against the key pinned at
    enrollment, the cursor (no gap), the version (no rollback), the bundle's content (the catalog importer's own
    validation); then written with the feed cursor (`local_db.catalog.changes.commit_catalog`).

    Change pages are applied to the bundle as last applied (kept beside the cursor) and the mirror is rebuilt from it
    with the importer's expansion (`app.catalog.bundle.expand.build_rows`): one expansion code path for bundles,
    snapshots and changes, and the terminal's scope (chain or subtree) is always respected; on the demo catalog a
    rebuild costs ~0.2 s. Drafts and submissions refer to items by code and to forms by version, so they keep working
    while the mirror changes under them.
    """

    def __init__(self, db_path: Path, spec: ScopeSpec, verifier: protocol.Verifier) -> None:
        self.db_path = db_path
        self.spec = spec
        self.verifier = verifier

    def _open(self) -> CatalogStore:
        try:
            return CatalogStore.open(self.db_path, create=True)
        except CatalogStoreError as exc:
            raise CatalogUpdateError(m.DB_UNAVAILABLE, error=exc) from exc

    @staticmethod
    def _feed(store: CatalogStore, *, with_bundle: bool = False) -> dict[str, Any] | None:
        """The feed state, unless the mirror was replaced since by a bundle folder import (then it is stale)."""
        state = feed_state(store, with_bundle=with_bundle)
        info = store.bundle_info()
        if state is not None and info is not None and info["source"] != state["source"]:
            return None
        return state

    @classmethod
    def _current_version(cls, store: CatalogStore) -> int | None:
        state = cls._feed(store)
        if state is not None:
            return int(state["bundle_version"])
        info = store.bundle_info()
        return None if info is None else int(info["version"])

    def state(self) -> dict[str, Any]:
        """{cursor, bundle_version, source} of the mirror (cursor None before the first snapshot)."""
        store = self._open()
        try:
            feed = self._feed(store)
            if feed is not None:
                return {"cursor": feed["cursor"], "bundle_version": feed["bundle_version"], "source": feed["source"]}
            info = store.bundle_info()
            return {"cursor": None, "bundle_version": info["version"] if info else None, "source": "bundle"}
        finally:
            store.close()

    def _rows(self, bundle_json: dict[str, Any], source: str) -> CatalogRows:
        bundle = check_bundle_json(bundle_json, source)
        try:
            return build_rows(bundle, load_divisions(), self.spec)
        except UserError:
            raise
        except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:  # validated, but not expandable
            log.warning("catalog from %s refused: cannot be expanded", source, exc_info=True)
            raise CatalogUpdateError(m.UPDATE_REFUSED, reason=f"malformed content ({type(exc).__name__})") from exc

    def apply_snapshot(self, envelope: Any, source: str) -> UpdateResult:
        store = self._open()
        try:
            try:
                page = catalog_feed.check_snapshot(envelope, self.verifier, self._current_version(store))
            except catalog_feed.CatalogFeedError as exc:
                raise CatalogUpdateError(m.UPDATE_REFUSED, reason=exc) from exc
            rows = self._rows(page["bundle"], source)
            commit_catalog(
                store,
                rows,
                bundle=page["bundle"],
                cursor=page["cursor"],
                version=page["bundle_version"],
                source=source,
            )
        finally:
            store.close()
        log.info("catalog snapshot applied: version %s, cursor %s", page["bundle_version"], page["cursor"])
        return UpdateResult(True, 0, 0, page["cursor"], page["bundle_version"])

    def apply_page(self, envelope: Any, source: str) -> UpdateResult:
        store = self._open()
        try:
            state = self._feed(store, with_bundle=True)
            if state is None:
                raise CatalogUpdateError(m.NO_SNAPSHOT)
            try:
                page = catalog_feed.check_changes_page(
                    envelope, self.verifier, state["cursor"], state["bundle_version"]
                )
            except catalog_feed.CatalogFeedError as exc:
                raise CatalogUpdateError(m.UPDATE_REFUSED, reason=exc) from exc
            if not page["changes"] and page["bundle_version"] == state["bundle_version"]:
                return UpdateResult(False, 0, 0, state["cursor"], state["bundle_version"])
            bundle = catalog_feed.apply_changes(state["bundle"], page)
            rows = self._rows(bundle, source)
            commit_catalog(
                store, rows, bundle=bundle, cursor=page["to_cursor"], version=page["bundle_version"], source=source
            )
        finally:
            store.close()
        log.info("catalog page applied: %d change(s), cursor %s", len(page["changes"]), page["to_cursor"])
        return UpdateResult(False, 1, len(page["changes"]), page["to_cursor"], page["bundle_version"])

    def import_file(self, path: Path) -> UpdateResult:
        """A signed snapshot file (offline install), read within the limits of `app.catalog.limits`."""
        from app.catalog.trust import read_document

        return self.apply_snapshot(read_document(Path(path)), f"file:{Path(path).name}")

    def pull(self, client: httpx.Client, *, max_pages: int = 1000) -> UpdateResult:
        """Bring the mirror up to date from the platform: a snapshot first if needed, then pages until empty."""
        snapshot = False
        state = self.state()
        try:
            if state["cursor"] is None:
                result = self.apply_snapshot(catalog_feed.fetch_snapshot(client, self.spec.division_code), "platform")
                snapshot = True
                cursor, version = result.cursor, result.bundle_version
            else:
                cursor, version = int(state["cursor"]), int(state["bundle_version"])
            pages = changes = 0
            for _ in range(max_pages):
                result = self.apply_page(catalog_feed.fetch_changes(client, cursor), "platform")
                if result.pages == 0:
                    break
                pages += 1
                changes += result.changes
                cursor, version = result.cursor, result.bundle_version
        except catalog_feed.CatalogFeedError as exc:
            raise CatalogUpdateError(m.UPDATE_REFUSED, reason=exc) from exc
        except RecursionError as exc:  # a reply nested too deeply for json (sync.catalog_feed parses it)
            raise CatalogUpdateError(m.UPDATE_REFUSED, reason="the platform's reply is nested too deeply") from exc
        return UpdateResult(snapshot, pages, changes, cursor, version)


def updater_for(ctx: Any, platform_key: str | None = None) -> CatalogUpdater:
    """The updater of a terminal (`AppContext`): its catalog.db, scope, and the platform key pinned at enrollment
    (or `platform_key`, base64, for a terminal installed offline before enrollment: an enrolled terminal refuses any
    key but its pinned one, `app.catalog.trust.check_platform_key`)."""
    from app.catalog.mirror import scope_of
    from app.catalog.trust import check_platform_key

    if platform_key is not None:
        check_platform_key(ctx, platform_key)
        try:
            verifier = protocol.make_verifier(protocol.ALGORITHM_ED25519, protocol.b64decode(platform_key))
        except protocol.ProtocolError as exc:
            raise CatalogUpdateError(m.BAD_PLATFORM_KEY, error=exc) from exc
    else:
        verifier = ctx.enrollment.platform_verifier()
    return CatalogUpdater(ctx.paths.catalog_db, scope_of(ctx.config), verifier)


class _CappedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, limit: int) -> None:
        self.inner, self.limit = inner, limit

    def __iter__(self) -> Iterator[bytes]:
        seen = 0
        for chunk in self.inner:
            seen += len(chunk)
            if seen > self.limit:
                raise httpx.ReadError(f"reply over the limit of {self.limit} bytes")
            yield chunk

    def close(self) -> None:
        self.inner.close()


class CappedTransport(httpx.BaseTransport):
    """A transport whose replies are cut off (a `ReadError`, so "reply cut short") past `limit` bytes: a hostile or
    broken platform cannot make the terminal buffer an endless catalog reply (`app.catalog.limits`)."""

    def __init__(self, inner: httpx.BaseTransport | None = None, limit: int = MAX_DOCUMENT_BYTES) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.limit = limit

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        declared = response.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > self.limit:
            response.close()
            raise httpx.ReadError(f"reply of {declared} bytes is over the limit of {self.limit} bytes")
        if isinstance(response.stream, httpx.SyncByteStream):
            response.stream = _CappedStream(response.stream, self.limit)
        return response

    def close(self) -> None:
        self.inner.close()


def pull_from_platform(ctx: Any, *, transport: httpx.BaseTransport | None = None) -> UpdateResult:
    """`yunban catalog update`, and what the sync service calls: fetch and apply catalog updates (replies capped at
    `app.catalog.limits.MAX_DOCUMENT_BYTES`, nesting refused past what `json` can parse)."""
    creds = ctx.enrollment.credentials()
    if creds is None:
        raise CatalogUpdateError(m.NOT_ENROLLED)
    headers = {"Authorization": f"Bearer {creds.token}", protocol.HEADER_TERMINAL: creds.terminal_id}
    capped = CappedTransport(transport)
    with httpx.Client(base_url=ctx.config.platform.url, headers=headers, timeout=30, transport=capped) as client:
        return updater_for(ctx).pull(client)


def mirror_version(db_path: Path) -> int | None:
    """The catalog version the mirror holds (feed or bundle), None without a readable mirror (a missing or corrupt
    catalog.db is rebuilt by an import, so there is nothing to roll back)."""
    if not db_path.exists():
        return None
    try:
        store = CatalogStore.open(db_path)
    except CatalogStoreError:
        return None
    try:
        return CatalogUpdater._current_version(store)
    finally:
        store.close()
