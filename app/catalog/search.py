"""Finding items in the mirror: query terms, matching (FTS5 trigram or a scan), ranking, filters and the division scope.

Contract: anything typed is safe (FTS syntax is matched literally); results are only items implemented in scope, best
first. Storage failures surface as `CatalogStoreError` for the service to translate.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from app.model.catalog import Division, ItemSummary
from local_db.catalog.store import CatalogStore

__all__ = ["ItemIndex", "normalise_query"]

_SCRIPT_RUNS = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


@functools.lru_cache(maxsize=4096)
def _json_tuple(text: str) -> tuple[str, ...]:
    """A JSON list column as a tuple, parsed once per distinct value (a handful of distinct values exist)."""
    return tuple(json.loads(text))


def normalise_query(query: str) -> list[str]:
    """Search terms of a user's query: NFKC (full-width → half-width), lower case, punctuation and symbols (quotes,
    brackets, `*`, emoji…) treated as spaces. Returns [] when nothing searchable is left."""
    text = unicodedata.normalize("NFKC", query or "").lower()
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)
    # Latin letters/digits and Chinese in one word ("sfz换领") are two terms: they live in different columns.
    return [run for word in cleaned.split() for run in _SCRIPT_RUNS.findall(word)]


def _tier(row: dict[str, Any], q: str) -> int:
    """Match quality, lower is better.

    Exact name, name prefix, then an exact synonym (the curated everyday word for *this* item: 低保 is what people
    call 最低生活保障申请, so it beats an item that merely mentions 低保 in its name), name substring, then pinyin and
    initials (exact, prefix, substring), synonym substrings and the pinyin of synonyms.
    """
    name = row["name_l"]
    if name == q:
        return 0
    if name.startswith(q):
        return 1
    synonyms = row["syn_list"]
    if q in synonyms:
        return 2
    if q in name:
        return 3
    pinyin, initials = row["pinyin"], row["initials"]
    syn_keys = row["syn_keys"]
    if q in (pinyin, initials):
        return 4
    if pinyin.startswith(q) or initials.startswith(q) or q in syn_keys:
        return 5
    if q in pinyin or q in initials or any(q in s for s in synonyms):
        return 6
    if any(q in k for k in syn_keys):
        return 7
    return 8  # the terms matched separately


def _prepare(row: dict[str, Any]) -> dict[str, Any]:
    """A search row with what ranking and filtering read, parsed once."""
    row["name_l"] = row["name"].lower()
    row["syn_list"] = [w.lower() for w in row["synonyms"].split(" | ")] if row["synonyms"] else []
    row["syn_keys"] = row["syn_pinyin"].split() + row["syn_initials"].split()
    row["audience_t"] = _json_tuple(row["audience"])
    row["levels_t"] = _json_tuple(row["levels"])
    return row


def _summary(r: dict[str, Any], level: str) -> ItemSummary:
    return ItemSummary(
        code=r["code"],
        name=r["name"],
        type=r["type"],
        department=r["department_name"],
        level=level,
        audience=r["audience_t"],
        popularity=int(r["views"]),
    )


class ItemIndex:
    """Per-item search data (a few hundred rows), cached until the catalog or popularity changes, and what search and
    browsing do with it.

    The full-text index covers items (a few hundred to a few thousand rows), never the ~700k implementation rows of a
    province-wide mirror. A query is normalised (NFKC, lower case, punctuation and symbols become spaces) and split
    into terms; each term of 3+ characters goes to the FTS5 trigram index as one quoted phrase (user text never
    reaches MATCH as syntax), shorter terms to a scan of the per-item search table. Terms are ANDed. Hits are ranked
    in Python (exact name > name prefix > exact synonym > name substring > pinyin and initials > synonym substrings,
    then local popularity, then shorter names; see `_tier`), and only then checked against the division chain, best
    first, with a few primary-key seeks per item. Without an explicit division the mirror itself is the scope (it
    only holds what the terminal's scope implements), and the precomputed `items.top_level` answers without touching
    implementations.
    """

    def __init__(self, store: CatalogStore, division_chain: Callable[[str], list[Division]]) -> None:
        self._store = store
        self._division_chain = division_chain
        self._index: dict[int, dict[str, Any]] = {}
        self._index_token: tuple[int, int] | None = None
        self._index_lock = threading.Lock()

    def search(
        self,
        query: str,
        *,
        division: str | None,
        department: str | None,
        item_type: str | None,
        level: str | None,
        audience: str | None,
        theme: str | None,
        limit: int,
    ) -> list[ItemSummary]:
        """Items matching `query`, best first, implemented in the mirror's scope or on `division`'s chain."""
        terms = normalise_query(query)
        if not terms or limit <= 0:
            return []
        candidates: set[int] | None = None
        for term in terms[:8]:  # a pasted paragraph is not a query: 8 terms are plenty
            ids = set(self._store.match_fts(term) if len(term) >= 3 else self._store.match_scan(term))
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                return []
        assert candidates is not None
        rows = self._filter(self._rows(sorted(candidates)), department, item_type, level, audience, theme)
        compact = "".join(terms)
        rows.sort(key=lambda r: (_tier(r, compact), -r["views"], len(r["name"]), r["sort_key"], r["code"]))
        return self._scoped(rows, division, limit)

    def browse(
        self,
        item_ids: Iterable[int],
        *,
        division: str | None,
        department: str | None,
        item_type: str | None,
        level: str | None,
        audience: str | None,
        theme: str | None,
        limit: int | None,
    ) -> list[ItemSummary]:
        """The given items that pass the filters, most viewed first, then by pinyin, implemented in scope."""
        rows = self._filter(self._rows(item_ids), department, item_type, level, audience, theme)
        rows.sort(key=lambda r: (-r["views"], r["sort_key"], r["code"]))
        return self._scoped(rows, division, limit)

    def in_order(self, item_ids: Sequence[int], *, division: str | None) -> list[ItemSummary]:
        """The given items in their order (a theme's), those implemented in scope."""
        by_id = {r["id"]: r for r in self._rows(item_ids)}
        return self._scoped([by_id[i] for i in item_ids if i in by_id], division, None)

    def set_views(self, code: str, views: int) -> None:
        """Take an item's new view count (our own write does not move SQLite's data_version for our connection)."""
        with self._index_lock:
            for row in self._index.values():
                if row["code"] == code:
                    row["views"] = views

    def _rows(self, item_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
        """Search rows of the given items (all when None), from the cache; the cache reloads when the database
        changed (another process imported or counted views) or this store imported."""
        with self._index_lock:
            token = self._store.change_token()
            if token != self._index_token:
                self._index = {r["id"]: _prepare(r) for r in self._store.search_rows(None)}
                self._index_token = token
            index = self._index
        if item_ids is None:
            return list(index.values())
        return [index[i] for i in item_ids if i in index]

    def _filter(
        self,
        rows: list[dict[str, Any]],
        department: str | None,
        item_type: str | None,
        level: str | None,
        audience: str | None,
        theme: str | None,
    ) -> list[dict[str, Any]]:
        in_theme = set(self._store.item_ids_of_theme(theme)) if theme else None
        out = []
        for r in rows:
            if department and department not in (r["department_key"], r["department_name"]):
                continue
            if item_type and r["type"] != item_type:
                continue
            if level and level not in r["levels_t"]:
                continue
            if audience and audience not in r["audience_t"]:
                continue
            if in_theme is not None and r["id"] not in in_theme:
                continue
            out.append(r)
        return out

    def _scoped(self, ranked: Sequence[dict[str, Any]], division: str | None, limit: int | None) -> list[ItemSummary]:
        """Keep, in order, the items implemented in scope, with the highest level at which they are."""
        out: list[ItemSummary] = []
        if division is None:
            for r in ranked:
                if r["top_level"] is not None:
                    out.append(_summary(r, r["top_level"]))
                    if limit is not None and len(out) >= limit:
                        break
            return out
        chain = self._division_chain(division)
        level_of = {d.code: d.level for d in chain}
        codes = [d.code for d in chain]
        # Check in batches, best first, so a long hit list costs only as many seeks as the page needs.
        batch = max(limit or 0, 32)
        for start in range(0, len(ranked), batch):
            part = ranked[start : start + batch]
            found = self._store.implemented_on([r["id"] for r in part], codes)
            for r in part:
                where = found.get(r["id"])
                if where:
                    top = min(where, key=len)
                    out.append(_summary(r, level_of[top]))
                    if limit is not None and len(out) >= limit:
                        return out
        return out
