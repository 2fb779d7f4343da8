"""Catalog down, terminal side: fetch signed snapshots and change pages and verify them (signature, shape,
cursor, version) before anything is applied.

Contract: writes nothing; `app.catalog.updates` applies what this module verified. Details: docs/sync-internals.md.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx

from sync import protocol

__all__ = [
    "CHANGE_OPS",
    "BadSignature",
    "CatalogFeedError",
    "CursorGap",
    "FeedUnavailable",
    "MalformedPage",
    "Rollback",
    "apply_change",
    "apply_changes",
    "check_changes_page",
    "check_snapshot",
    "fetch_changes",
    "fetch_snapshot",
    "read_snapshot_file",
    "validate_change",
]

CHANGE_OPS = ("upsert_item", "delete_item", "bump_version")


class CatalogFeedError(Exception):
    """A snapshot or change page was refused; the mirror is left as it was."""


class BadSignature(CatalogFeedError):
    pass


class MalformedPage(CatalogFeedError):
    pass


class CursorGap(CatalogFeedError):
    pass


class Rollback(CatalogFeedError):
    pass


class FeedUnavailable(CatalogFeedError):
    """The platform could not be reached, refused us, or its reply was cut short (retry later)."""


def validate_change(change: Any) -> dict[str, Any]:
    if not isinstance(change, dict) or change.get("op") not in CHANGE_OPS:
        raise ValueError(f"a change needs op in {CHANGE_OPS}")
    if change["op"] == "upsert_item" and not (
        isinstance(change.get("item"), dict) and isinstance(change["item"].get("basic_code"), str)
    ):
        raise ValueError("upsert_item needs an item with a basic_code")
    if change["op"] == "delete_item" and not isinstance(change.get("basic_code"), str):
        raise ValueError("delete_item needs a basic_code")
    return change


def apply_change(bundle: dict[str, Any], change: dict[str, Any], version: int) -> None:
    """Apply one change to a bundle in its JSON form (in place); the bundle's version becomes `version`."""
    items: list[dict[str, Any]] = bundle["items"]
    if change["op"] == "upsert_item":
        code = change["item"]["basic_code"]
        for n, item in enumerate(items):
            if item.get("basic_code") == code:
                items[n] = copy.deepcopy(change["item"])
                break
        else:
            items.append(copy.deepcopy(change["item"]))
    elif change["op"] == "delete_item":
        code = change["basic_code"]
        bundle["items"] = [i for i in items if i.get("basic_code") != code]
        for theme in bundle.get("themes") or []:  # a deleted item leaves the 一件事 bundles it was part of
            if isinstance(theme, dict) and isinstance(theme.get("items"), list) and code in theme["items"]:
                theme["items"] = [c for c in theme["items"] if c != code]
            for key in ("fields", "materials"):  # and their field and material mappings
                if isinstance(theme, dict) and isinstance(theme.get(key), dict):
                    theme[key].pop(code, None)
    bundle["bundle"]["version"] = version


def apply_changes(bundle: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
    """A copy of `bundle` with a (checked) change page applied."""
    out = copy.deepcopy(bundle)
    for change in page["changes"]:
        apply_change(out, change, int(change["bundle_version"]))
    out["bundle"]["version"] = int(page["bundle_version"])
    return out


def _int(page: dict[str, Any], key: str) -> int:
    value = page.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise MalformedPage(f"catalog page field {key} must be a non-negative integer")
    return value


def _verify(envelope: Any, verifier: protocol.Verifier, what: str) -> dict[str, Any]:
    try:
        return protocol.verify_envelope(verifier, envelope)
    except protocol.SignatureError as exc:
        raise BadSignature(f"{what} refused: bad signature ({exc}); the mirror is unchanged") from exc
    except protocol.ProtocolError as exc:
        raise MalformedPage(f"{what} refused: {exc}") from exc


def check_snapshot(envelope: Any, verifier: protocol.Verifier, current_version: int | None) -> dict[str, Any]:
    """Verify a snapshot envelope; refuse one older than the mirror. Returns the page."""
    page = _verify(envelope, verifier, "catalog snapshot")
    if page.get("kind") != "snapshot":
        raise MalformedPage("catalog snapshot refused: not a snapshot page")
    version = _int(page, "bundle_version")
    _int(page, "cursor")
    bundle = page.get("bundle")
    if not (
        isinstance(bundle, dict) and isinstance(bundle.get("bundle"), dict) and isinstance(bundle.get("items"), list)
    ):
        raise MalformedPage("catalog snapshot refused: no bundle in it")
    if current_version is not None and version < current_version:
        raise Rollback(
            f"catalog snapshot refused: version {version} is older than the mirror's {current_version} "
            "(rollback protection); the mirror is unchanged"
        )
    return page


def check_changes_page(
    envelope: Any, verifier: protocol.Verifier, cursor: int, current_version: int | None
) -> dict[str, Any]:
    """Verify a change page and check it continues exactly from `cursor` without going back in version."""
    page = _verify(envelope, verifier, "catalog change page")
    if page.get("kind") != "changes":
        raise MalformedPage("catalog change page refused: not a change page")
    from_cursor, to_cursor, version = _int(page, "from_cursor"), _int(page, "to_cursor"), _int(page, "bundle_version")
    changes = page.get("changes")
    if not isinstance(changes, list):
        raise MalformedPage("catalog change page refused: changes must be a list")
    if from_cursor != cursor:
        raise CursorGap(
            f"catalog change page refused: it starts after cursor {from_cursor} but the mirror is at {cursor} "
            "(cursor gap); the mirror is unchanged"
        )
    last = from_cursor
    for change in changes:
        try:
            validate_change(change)
        except ValueError as exc:
            raise MalformedPage(f"catalog change page refused: {exc}") from exc
        c, v = _int(change, "cursor"), _int(change, "bundle_version")
        if c <= last:
            raise MalformedPage("catalog change page refused: change cursors must increase")
        if v > version:
            raise MalformedPage("catalog change page refused: a change is newer than the page")
        last = c
    if last != to_cursor:
        raise CursorGap(f"catalog change page refused: its changes end at {last}, not at to_cursor {to_cursor}")
    if current_version is not None and version < current_version:
        raise Rollback(
            f"catalog change page refused: version {version} is older than the mirror's {current_version} "
            "(rollback protection); the mirror is unchanged"
        )
    return page


def _get(client: httpx.Client, path: str, params: dict[str, Any]) -> Any:
    try:
        reply = client.get(protocol.API_PREFIX + path, params=params)
        raw = reply.read()
    except httpx.TransportError as exc:
        raise FeedUnavailable(f"platform unreachable or reply cut short: {exc}") from exc
    if reply.status_code in (401, 403):
        raise FeedUnavailable(f"platform refused this terminal ({reply.status_code}): {_error(raw)}")
    if reply.status_code != 200:
        raise FeedUnavailable(f"platform answered {reply.status_code}: {_error(raw)}")
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise FeedUnavailable("the platform's reply was cut short or garbled; retry later") from exc


def _error(raw: bytes) -> str:
    try:
        return str(json.loads(raw).get("error", ""))
    except (ValueError, AttributeError):
        return raw[:200].decode("utf-8", "replace")


def fetch_snapshot(client: httpx.Client, division: str | None = None) -> Any:
    """The raw (unverified) snapshot envelope; pass it to `check_snapshot`."""
    return _get(client, "/catalog/snapshot", {"division": division} if division else {})


def fetch_changes(client: httpx.Client, cursor: int, limit: int = 100) -> Any:
    """The raw (unverified) change page envelope after `cursor`; pass it to `check_changes_page`."""
    return _get(client, "/catalog/changes", {"cursor": cursor, "limit": limit})


def read_snapshot_file(path: Path) -> Any:
    """A signed snapshot carried on USB (`yunban platform export-snapshot`), unverified."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogFeedError(f"{path}: no such file") from exc
    except (OSError, ValueError) as exc:
        raise MalformedPage(f"{path}: not a signed snapshot file (cannot read JSON: {exc})") from exc
