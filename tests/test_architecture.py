"""Rules import-linter cannot express: no Qt widgets below `app` (external subpackages cannot be forbidden there)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


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


def test_model_modules_import_nothing_of_ours() -> None:
    ours = ("app", "ui", "devices", "sync", "local_db")
    for path in (ROOT / "app" / "model").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ours:
                pytest.fail(f"{path.name} imports {node.module}")
            if isinstance(node, ast.Import) and any(a.name.split(".")[0] in ours for a in node.names):
                pytest.fail(f"{path.name} imports one of ours")
