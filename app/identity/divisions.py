"""Read-only lookup of the bundled division table (app/data/divisions/yunnan-divisions.csv) for validators.

The catalog keeps its own copy of the tree in catalog.db; validators only need "is this code known, and what is it
called", so they read the CSV once per process (about 16,500 rows, a few tens of milliseconds) and keep a dict.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

SEGMENTS = (2, 2, 2, 3, 3)
"""Digits per level: province, prefecture, county (= GB/T 2260), township, village (statistical codes)."""
LEVELS_BY_LENGTH = {2: "province", 4: "prefecture", 6: "county", 9: "township", 12: "village"}


@cache
def division_names() -> dict[str, tuple[str, str]]:
    """Code → (name, level) for every division in the bundled table."""
    text = resources.files("app.data.divisions").joinpath("yunnan-divisions.csv").read_text(encoding="utf-8")
    return {row["code"]: (row["name"], row["level"]) for row in csv.DictReader(io.StringIO(text))}


@cache
def division_rows() -> tuple[tuple[str, str, str | None], ...]:
    """Every division as (code, name, parent_code), parents before children: the tree behind address pickers."""
    text = resources.files("app.data.divisions").joinpath("yunnan-divisions.csv").read_text(encoding="utf-8")
    return tuple((row["code"], row["name"], row["parent_code"] or None) for row in csv.DictReader(io.StringIO(text)))


def shortest_form(code: str) -> str:
    """Strip trailing all-zero levels: `530000` → `53`, `530102000000` → `530102`, `5301` stays."""
    cut = len(code)
    bounds = [sum(SEGMENTS[: i + 1]) for i in range(len(SEGMENTS))]
    for i in range(len(bounds) - 1, 0, -1):
        if bounds[i] <= cut and code[bounds[i - 1] : bounds[i]].strip("0") == "" and cut == bounds[i]:
            cut = bounds[i - 1]
    return code[:cut]


def lookup(code: str) -> tuple[str, str] | None:
    """(name, level) of a division code in any of its written lengths, or None when the table does not know it."""
    return division_names().get(shortest_form(code))


def chain_name(code: str) -> str | None:
    """The full name from the province down (`云南省红河哈尼族彝族自治州建水县`), or None when unknown."""
    short = shortest_form(code)
    if short not in division_names():
        return None
    bounds = [b for b in (2, 4, 6, 9, 12) if b <= len(short)]
    parts = [division_names()[short[:b]][0] for b in bounds if short[:b] in division_names()]
    return "".join(parts)
