"""The division picker's data for provisioning: the real Yunnan tree of the bundled division table
(`app.identity.divisions`), as children of a node (the cascade province → prefecture → county → township → village)
and as a search by name, full pinyin or initials.

Contract: pure lookups over the bundled table, no I/O beyond reading it once; the pinyin index is built on the first
search (about 16,500 names: run it on a worker). Codes are the table's short forms (2, 4, 6, 9 or 12 digits);
`full_code` pads one to the 12 digits a terminal's `division_code` holds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from app.errors import UserError
from app.identity.divisions import chain_name, division_names, division_rows, lookup, shortest_form
from app.model.provisioning import DivisionOption
from app.provisioning import messages as m

__all__ = ["TERMINAL_LEVELS", "check_division", "children", "full_code", "search", "terminal_division"]

TERMINAL_LEVELS = ("county", "township", "village")
"""Where a terminal may stand: a county's hall, a township's 便民服务中心 or a village's 便民服务站."""


@cache
def _children() -> dict[str | None, tuple[str, ...]]:
    tree: dict[str | None, list[str]] = defaultdict(list)
    for code, _name, parent in division_rows():
        tree[parent].append(code)
    return {parent: tuple(sorted(codes)) for parent, codes in tree.items()}


def _option(code: str) -> DivisionOption:
    name, level = division_names()[code]
    return DivisionOption(code=code, name=name, level=level, full_name=chain_name(code) or name)


def full_code(code: str) -> str:
    """A division code padded with zeros to 12 digits (`532524103` → `532524103000`)."""
    return code.ljust(12, "0")


def children(parent: str | None = None) -> list[DivisionOption]:
    """The divisions directly under `parent` (None: the province itself), in code order."""
    key = shortest_form(parent) if parent else None
    return [_option(code) for code in _children().get(key, ())]


def check_division(code: str) -> DivisionOption:
    """The division of a 12-digit code, or `UserError(UNKNOWN_DIVISION)` naming it."""
    code = code.strip()
    if not (re.fullmatch(r"[0-9]{12}", code) and lookup(code)):
        raise UserError(m.UNKNOWN_DIVISION, code=code)
    return _option(shortest_form(code))


def terminal_division(code: str) -> DivisionOption:
    """`check_division`, and the division must be a county, township or village (not a prefecture or province)."""
    option = check_division(code)
    if option.level not in TERMINAL_LEVELS:
        raise UserError(m.DIVISION_TOO_COARSE, name=option.full_name)
    return option


@cache
def _index() -> tuple[tuple[str, str, str, str], ...]:
    """(code, name, full pinyin, initials) of every division, lower case, no spaces."""
    from pypinyin import Style, lazy_pinyin

    rows = []
    for code, (name, _level) in division_names().items():
        syllables = lazy_pinyin(name, errors="ignore")
        initials = "".join(s[0] for s in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore") if s)
        rows.append((code, name, "".join(syllables).lower(), initials.lower()))
    return tuple(sorted(rows, key=lambda r: (len(r[0]), r[0])))


def search(query: str, *, limit: int = 50) -> list[DivisionOption]:
    """Divisions whose name contains `query`, or whose pinyin or initials start with it (`tuanshan`, `tsc`), or
    whose code starts with it; higher levels first, then in code order. An empty query finds nothing."""
    q = re.sub(r"\s+", "", query).lower()
    if not q:
        return []
    found: list[str] = []
    for code, name, pinyin, initials in _index():
        if q in name or pinyin.startswith(q) or initials.startswith(q) or (q.isdigit() and code.startswith(q)):
            found.append(code)
            if len(found) >= limit:
                break
    return [_option(code) for code in found]
