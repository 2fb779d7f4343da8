"""Reading a catalog bundle folder (docs/catalog-format.md) and the packaged division tree; the bundle's types.

Contract: structural problems (a missing file, YAML that cannot be read) refuse the bundle at once with
`CatalogImportError`; the content is checked by `app.catalog.bundle.validate`.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from app.catalog import messages
from app.catalog.limits import DocumentTooLarge, check_shape
from app.errors import UserError

__all__ = [
    "PLACEHOLDER",
    "Bundle",
    "CatalogImportError",
    "DivisionRow",
    "ScopeSpec",
    "bundle_version",
    "demo_bundle_path",
    "iso_day",
    "load_bundle",
    "load_divisions",
]

DivisionRow = tuple[str, str, str, str | None]
"""(code, name, level, parent_code)."""

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
"""A division name in a body or place template: `{province}` … `{village}`."""


class CatalogImportError(UserError):
    """A bundle that cannot be imported; `problems` lists every finding (file, item, field, what is wrong)."""

    SHOWN = 20
    """At most this many problems are in the message (all of them in `problems`)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n  ".join(self.problems[: self.SHOWN])
        if len(self.problems) > self.SHOWN:
            super().__init__(messages.BUNDLE_REFUSED_FIRST, count=len(self.problems), shown=self.SHOWN, problems=shown)
        else:
            super().__init__(messages.BUNDLE_REFUSED, count=len(self.problems), problems=shown)


@dataclass(slots=True)
class Bundle:
    """A bundle as read from its files (or built in memory by tests and benchmarks)."""

    meta: dict[str, Any]
    departments: dict[str, Any]
    items: list[tuple[str, dict[str, Any]]]
    """(file name, item) in file order."""
    themes: list[dict[str, Any]] = field(default_factory=list)
    source: str = "memory"
    calendar: dict[str, Any] = field(default_factory=dict)
    """holidays.yaml: {"holidays": [dates], "workdays": [dates]} (optional)."""


@dataclass(frozen=True, slots=True)
class ScopeSpec:
    """Which divisions the mirror covers (config `terminal.division_code`, `catalog.scope`, `catalog.subtree_root`)."""

    division_code: str
    scope: str = "chain"
    subtree_root: str = ""

    @property
    def key(self) -> str:
        root = self.subtree_root if self.scope == "subtree" else ""
        return f"{self.scope}:{self.division_code}:{root}"


def demo_bundle_path() -> Path:
    """The demo catalog shipped in the package (app/data/demo_catalog)."""
    return Path(str(resources.files("app.data") / "demo_catalog"))


MAX_YAML_BYTES = 16 * 1024 * 1024
"""One bundle file (the demo's largest is ~0.2 MB)."""


def _read_yaml(path: Path, problems: list[str]) -> Any:
    """A bundle file, refused (a problem, None) when unreadable, over `MAX_YAML_BYTES`, not a regular file, nested
    too deeply or expanding (YAML aliases) past the node limit of `app.catalog.limits`."""
    try:
        if not path.is_file():
            problems.append(f"{path.name}: not a regular file")
            return None
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            problems.append(f"{path.name}: {size} bytes, over the limit of {MAX_YAML_BYTES} bytes")
            return None
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        check_shape(doc)
        return doc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{path.name}: cannot be read as UTF-8 YAML: {exc}")
    except (RecursionError, DocumentTooLarge) as exc:
        problems.append(f"{path.name}: refused: {exc or 'nested too deeply'}")
    except (ValueError, TypeError, OverflowError) as exc:  # a value YAML's constructors refuse, e.g. 2026-34-56
        problems.append(f"{path.name}: cannot be read as YAML: {exc}")
    return None


def load_bundle(path: Path) -> Bundle:
    """Read a bundle folder; structural problems (missing files, bad YAML) refuse it at once."""
    problems: list[str] = []
    if not path.is_dir():
        raise CatalogImportError([f"{path}: catalog bundle folder not found"])
    meta = _read_yaml(path / "bundle.yaml", problems) if (path / "bundle.yaml").exists() else None
    if meta is None and not problems:
        problems.append("bundle.yaml: missing")
    deps_doc = _read_yaml(path / "departments.yaml", problems) if (path / "departments.yaml").exists() else None
    if deps_doc is None and (path / "departments.yaml").exists() is False:
        problems.append("departments.yaml: missing")
    themes_doc = _read_yaml(path / "themes.yaml", problems) if (path / "themes.yaml").exists() else {"themes": []}
    calendar = _read_yaml(path / "holidays.yaml", problems) if (path / "holidays.yaml").exists() else {}
    items: list[tuple[str, dict[str, Any]]] = []
    item_files = sorted((path / "items").glob("*.yaml")) + sorted((path / "items").glob("*.yml"))
    if not item_files:
        problems.append("items/: no item files")
    for f in item_files:
        doc = _read_yaml(f, problems)
        if doc is None:
            continue
        if not isinstance(doc, list):
            problems.append(f"items/{f.name}: must be a list of items")
            continue
        for n, item in enumerate(doc, 1):
            if not isinstance(item, dict):
                problems.append(f"items/{f.name}: entry {n} is not a mapping")
                continue
            items.append((f"items/{f.name}", item))
    if problems:
        raise CatalogImportError(problems)
    departments = deps_doc.get("departments") if isinstance(deps_doc, dict) else None
    themes = themes_doc.get("themes") if isinstance(themes_doc, dict) else None
    return Bundle(
        meta=meta if isinstance(meta, dict) else {},
        departments=departments if isinstance(departments, dict) else {},
        items=items,
        themes=themes if isinstance(themes, list) else [],
        source=str(path),
        calendar=calendar if isinstance(calendar, dict) else {"holidays": calendar},
    )


def bundle_version(path: Path) -> int | None:
    """The `version` in a bundle folder's bundle.yaml (None when absent or unreadable: `load_bundle` refuses it)."""
    meta = _read_yaml(path / "bundle.yaml", []) if (path / "bundle.yaml").exists() else None
    version = meta.get("version") if isinstance(meta, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def load_divisions() -> list[DivisionRow]:
    """The packaged five-level division tree (app/data/divisions/yunnan-divisions.csv)."""
    text = (resources.files("app.data") / "divisions" / "yunnan-divisions.csv").read_text(encoding="utf-8")
    return [(r["code"], r["name"], r["level"], r["parent_code"] or None) for r in csv.DictReader(io.StringIO(text))]


def iso_day(value: Any) -> str | None:
    """An ISO date from YAML (a quoted string, or a date YAML parsed itself)."""
    text = value.isoformat() if isinstance(value, datetime.date) else value
    if not isinstance(text, str):
        return None
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        return None
