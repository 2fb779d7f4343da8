"""Rules import-linter cannot express: no Qt widgets below `app` (external subpackages cannot be forbidden there)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("package", ["devices", "sync", "local_db", "app/model"])
def test_no_qt_widgets_below_app(package: str) -> None:
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n.startswith("PySide6.QtWidgets") for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"Qt widgets imported below the UI: {offenders}"


def _ours_outside_model(name: str) -> bool:
    """True for a module of ours that is not itself a plain model module (models may build on each other)."""
    return name.split(".")[0] in ("app", "ui", "devices", "sync", "local_db") and not name.startswith("app.model")


def test_model_modules_import_nothing_of_ours() -> None:
    for path in (ROOT / "app" / "model").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and _ours_outside_model(node.module):
                pytest.fail(f"{path.name} imports {node.module}")
            if isinstance(node, ast.Import) and any(_ours_outside_model(a.name) for a in node.names):
                pytest.fail(f"{path.name} imports one of ours")
