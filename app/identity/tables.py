"""Loaders of the packaged code tables in app/data/codes/ (built by scripts/build_code_tables.py, sources and
licences in app/data/codes/SOURCES.md): GB/T 2260 codes since 1980 with their periods, ISO 3166-1 country codes.

Contract: read once per process, never written; `address_code_status` tells current from historical codes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from app.identity import divisions

__all__ = [
    "AddressCode",
    "address_code_status",
    "gb2260_2023",
    "gb2260_history",
    "iso3166_alpha3",
    "iso3166_numeric",
]


@dataclass(frozen=True, slots=True)
class AddressCode:
    """What a 6-digit GB/T 2260 code is: `status` `current` or `historical`, its (latest) name, and for a
    historical code the last year it was in force (None when the source gives none)."""

    code: str
    status: str
    name: str
    until: int | None = None


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("app.data.codes").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def gb2260_history() -> dict[str, tuple[tuple[str, int | None, int | None], ...]]:
    """Code → ((name, start_year, end_year), ...) oldest first; None years are open (since 1980 / still in force)."""
    out: dict[str, list[tuple[str, int | None, int | None]]] = {}
    for row in _read("gb2260-history.csv"):
        start = int(row["start_year"]) if row["start_year"] else None
        end = int(row["end_year"]) if row["end_year"] else None
        out.setdefault(row["code"], []).append((row["name"], start, end))
    return {code: tuple(periods) for code, periods in out.items()}


@cache
def gb2260_2023() -> dict[str, str]:
    """Code → name of the province, prefecture and county codes in force on 2023-06-30 (the NBS 2023 statistical
    table, 31 provinces; development-zone parts 71–80 left out): codes created after the history's 2020 end."""
    return {row["code"]: row["name"] for row in _read("gb2260-2023.csv")}


@cache
def iso3166_alpha3() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code → English short name."""
    return {row["alpha3"]: row["name"] for row in _read("iso3166-1.csv")}


@cache
def iso3166_numeric() -> dict[str, str]:
    """ISO 3166-1 numeric code (3 digits) → English short name."""
    return {row["numeric"]: row["name"] for row in _read("iso3166-1.csv")}


def address_code_status(code6: str) -> AddressCode | None:
    """A 6-digit address code: `current` when Yunnan's packaged table (2022) knows it, or for other provinces when
    the 2023 table or the GB/T 2260 history (to 2020) has it in force; `historical` when it was a code at some time
    since 1980 but no longer is (an abolished or renumbered county still printed on valid old cards); None when it
    never was a code.

    A code in force in 2020 that the 2023 statistical table lacks stays `current`: that table is not GB/T 2260
    itself and differs from it in places (三沙市's districts 460302/460303 are 460321–460323 there), so an absence
    there proves no abolition."""
    if code6[:2] == "53":
        known = divisions.lookup(code6)
        if known is not None and known[1] in ("province", "prefecture", "county"):
            return AddressCode(code6, "current", divisions.chain_name(code6) or known[0])
    else:
        name_2023 = gb2260_2023().get(code6)
        if name_2023 is not None:
            return AddressCode(code6, "current", name_2023)
    periods = gb2260_history().get(code6)
    if periods is None:
        return None
    if code6[:2] != "53":
        in_force = [name for name, _, end in periods if end is None]
        if in_force:
            return AddressCode(code6, "current", in_force[-1])
    name, _, end = periods[-1]
    return AddressCode(code6, "historical", name, until=end)
