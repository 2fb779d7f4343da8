"""Rules import-linter cannot express: no Qt widgets below `app` (external subpackages cannot be forbidden there)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("package", ["devices", "sync", "local_db", "app/model"])
def test_no_qt_widgets_below_app(package: str) -> None:
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
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


def _import_cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module in the product's import graph (grimp, the graph
    import-linter checks; it sees imports inside functions and under TYPE_CHECKING too)."""
    import grimp

    graph = grimp.build_graph("app", "ui", "devices", "sync", "local_db")
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, iterative (the graph is deep enough to hit recursion limits)
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        cycles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycle_in_the_product() -> None:
    assert _import_cycles() == []


def test_the_cycle_finder_finds_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a two-module cycle planted in a throwaway package is found."""
    import grimp

    pkg = tmp_path / "cyclepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from cyclepkg import b\n")
    (pkg / "b.py").write_text("import cyclepkg.a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = grimp.build_graph
    monkeypatch.setattr(grimp, "build_graph", lambda *names, **kw: real("cyclepkg", cache_dir=None))
    assert _import_cycles() == [["cyclepkg.a", "cyclepkg.b"]]


def test_packaging_folder_is_not_a_python_package() -> None:
    """packaging/ holds installer scripts: `import packaging` from the repository root loads the real library (pip,
    setuptools and pytest rely on it), and the wheel ships no `packaging` package."""
    import tomllib

    assert not (ROOT / "packaging" / "__init__.py").exists()
    probe = subprocess.run(
        [sys.executable, "-c", "import packaging.version, sys; print(packaging.__file__)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "site-packages" in probe.stdout or "dist-packages" in probe.stdout, probe.stdout
    found = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    assert not any(pattern.startswith("packaging") for pattern in found["find"]["include"])


@pytest.mark.slow
def test_the_built_wheel_has_no_packaging_package(tmp_path: Path) -> None:
    """A wheel built from the checkout holds only the product's packages (installing it must never overwrite the
    `packaging` library pip and setuptools use)."""
    import shutil
    import zipfile

    source = tmp_path / "src"  # a copy: setuptools writes build/ and *.egg-info into the tree it builds
    skip = shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__", ".*_cache", "tests", "docs")
    shutil.copytree(ROOT, source, ignore=skip)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("yunban-*.whl")
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert "packaging" not in tops
    assert {"app", "ui", "devices", "sync", "local_db"} <= tops


MAX_PUBLIC_METHODS = 25
MAX_MODULE_LINES = 600


def _is_property(decorator: ast.expr) -> bool:
    """`@property` or `@x.setter`: attributes, not methods."""
    if isinstance(decorator, ast.Name):
        return decorator.id in ("property", "cached_property")
    return isinstance(decorator, ast.Attribute) and decorator.attr in ("setter", "deleter", "cached_property")


def _size_offences() -> list[str]:
    """Classes over 25 public methods (properties are attributes) and modules over 600 lines, unless the module's
    docstring gives the reason in a paragraph starting "Size:"."""
    offences = []
    for package in ("app", "ui", "devices", "sync", "local_db"):
        for path in sorted((ROOT / package).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source)
            if "\nSize: " in (ast.get_docstring(tree) or ""):
                continue
            name = str(path.relative_to(ROOT))
            if len(source.splitlines()) > MAX_MODULE_LINES:
                offences.append(f"{name}: {len(source.splitlines())} lines")
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    public = [
                        f.name
                        for f in node.body
                        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                        and not f.name.startswith("_")
                        and not any(_is_property(d) for d in f.decorator_list)
                    ]
                    if len(public) > MAX_PUBLIC_METHODS:
                        offences.append(f"{name}: class {node.name} has {len(public)} public methods")
    return offences


def test_no_god_class_or_module_without_a_reason() -> None:
    assert _size_offences() == []


def test_the_kiosk_tells_enrollment_without_the_sync_stack() -> None:
    """`yunban kiosk` reads `enrollment.json` on the GUI thread before its first paint: that reader must not pull in
    httpx or cryptography (~0.1 s of start-up)."""
    code = (
        "import sys, app.sync.identity_file\n"
        "heavy = sorted(m for m in ('httpx', 'cryptography', 'sync.protocol') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    probe = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == ""


_MARKUP_WIDGETS = {"QLabel", "QTextBrowser", "QMessageBox", "QTextEdit", "QToolTip"}
_MARKUP_CALLS = {"setHtml", "insertHtml", "setMarkdown", "setWhatsThis"}
_SAFE_TIP = {"plain_tooltip", "tr", "translate"}


def _markup_offences(path: Path) -> list[str]:
    """Where a module of ui/ could render catalog or citizen text as markup (issue 11, item 9)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT)
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
            out += [f"{where}:{node.lineno} class {node.name}({b})" for b in bases & _MARKUP_WIDGETS]
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in _MARKUP_WIDGETS or name in _MARKUP_CALLS:
            out.append(f"{where}:{node.lineno} {name}(…)")
        elif name == "setTextFormat" and any(
            t in ast.unparse(a) for a in node.args for t in ("RichText", "AutoText", "MarkdownText")
        ):
            out.append(f"{where}:{node.lineno} setTextFormat({ast.unparse(node.args[0])})")
        elif name == "setToolTip" and node.args:
            arg = node.args[0]
            safe = (isinstance(arg, ast.Constant) and isinstance(arg.value, str)) or (
                isinstance(arg, ast.Call)
                and (getattr(arg.func, "id", None) or getattr(arg.func, "attr", None)) in _SAFE_TIP
            )
            if not safe:
                out.append(f"{where}:{node.lineno} setToolTip({ast.unparse(arg)}) without plain_tooltip")
    return out


def test_ui_text_is_never_rendered_as_markup() -> None:
    """Every label is a `ui.plain.PlainLabel` (Qt.PlainText) or a `RichLabel` whose markup the code builds around
    escaped text; tooltips go through `plain_tooltip`; no QTextBrowser, QMessageBox, QTextEdit or setHtml. A bare
    `QLabel(...)` (Qt.AutoText: a catalog name with `<img src=file:…>` would render and load the file) fails here."""
    offences = [o for path in sorted((ROOT / "ui").rglob("*.py")) if path.name != "plain.py"
                for o in _markup_offences(path)]  # fmt: skip
    assert offences == [], "use ui.plain (PlainLabel, RichLabel + escape, plain_tooltip): " + "; ".join(offences)
    # The check itself sees each way in.
    probe = ROOT / "ui" / "plain.py"
    assert any("QLabel" in o for o in _markup_offences(probe)) and any("RichText" in o for o in _markup_offences(probe))
