"""The platform side of catalog down: a base bundle plus a log of changes, served as signed snapshots and pages.

Contract: versions never go down, so terminals can refuse rollbacks. Formats: docs/sync-internals.md.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from sync.catalog_feed import CHANGE_OPS, apply_change, validate_change

__all__ = ["CHANGE_OPS", "BundleError", "CatalogSource", "apply_change", "load_bundle", "validate_change"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: ~10x faster on the demo bundle


class BundleError(ValueError):
    """A bundle folder cannot be read."""


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a safe loader (C or Python)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise BundleError(f"{path}: {exc}") from exc


def load_bundle(folder: str | Path) -> dict[str, Any]:
    """Read a catalog bundle folder (YAML) into its JSON form; items keep their file order, files sorted by name."""
    root = Path(folder)
    if not (root / "bundle.yaml").is_file():
        raise BundleError(f"{root}: not a catalog bundle (no bundle.yaml)")
    bundle = _load_yaml(root / "bundle.yaml")
    if not isinstance(bundle, dict) or not isinstance(bundle.get("version"), int):
        raise BundleError(f"{root / 'bundle.yaml'}: needs an integer version")
    departments = _load_yaml(root / "departments.yaml") if (root / "departments.yaml").exists() else {}
    items: list[Any] = []
    for path in sorted((root / "items").glob("*.yaml")):
        chunk = _load_yaml(path) or []
        if not isinstance(chunk, list):
            raise BundleError(f"{path}: expected a list of items")
        items.extend(chunk)
    themes = _load_yaml(root / "themes.yaml") if (root / "themes.yaml").exists() else {}
    holidays = _load_yaml(root / "holidays.yaml") if (root / "holidays.yaml").exists() else {}
    # YAML dates become datetime.date; the JSON form keeps them as ISO strings.
    out: dict[str, Any] = _jsonable(
        {
            "bundle": bundle,
            "departments": (departments or {}).get("departments", {}),
            "items": items,
            "themes": (themes or {}).get("themes", []),
            "holidays": holidays or {},
        }
    )
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class CatalogSource:
    """The base bundle the platform started from; snapshots apply the change log on top of it."""

    def __init__(self, bundle: dict[str, Any]) -> None:
        self.base = bundle

    @property
    def base_version(self) -> int:
        return int(self.base["bundle"]["version"])

    def snapshot(self, changes: list[dict[str, Any]]) -> dict[str, Any]:
        bundle = copy.deepcopy(self.base)
        for row in changes:
            apply_change(bundle, row["change"], row["bundle_version"])
        return bundle
