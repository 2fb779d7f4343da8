"""Finding items in the mirror: query terms, matching (FTS5 indexes only), ranking, filters and the division scope;
forgiving search (homophones, Yunnan dialect pinyin, one-letter typos, English keywords) when the exact match finds
nothing; 一件事 themes; suggestions; the hall's most used items.

Contract: anything typed is safe (FTS syntax is matched literally); results are only items implemented in scope, best
first. Storage failures surface as `CatalogStoreError` for the service to translate. docs/search.md explains it.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app.catalog.english import english_concepts, english_words
from app.catalog.search_fuzzy import MIN_FOLDED, Vocabulary, folded_key, spoken_key
from app.catalog.search_rank import TierIndex, ranked_ids
from app.model.catalog import Division, ItemSummary
from local_db.catalog.search_keys import fold, is_han, spoken
from local_db.catalog.store import CatalogStore

__all__ = ["TIER_ENGLISH", "TIER_SOUND", "TIER_TYPO", "ItemIndex", "ThemeKeys", "normalise_query"]

TIER_ENGLISH = 3.5
"""An item found by an English keyword ranks with the Chinese name substrings (the glossary word is in it)."""
TIER_SOUND = 9
"""Found by its sound: a homophone (身分证) or a Yunnan dialect spelling (senfenzen)."""
TIER_TYPO = 10
"""Found by correcting a one-letter typo (shenfenzhang → 身份证)."""

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


def _prepare(row: dict[str, Any]) -> dict[str, Any]:
    """A search row with what ranking and filtering read, parsed once."""
    row["name_l"] = row["name"].lower()
    row["syn_list"] = [w.lower() for w in row["synonyms"].split(" | ")] if row["synonyms"] else []
    row["syn_keys"] = row["syn_pinyin"].split() + row["syn_initials"].split()
    row["name_folded"] = fold(row["pinyin"])
    # NUL-joined texts: one C-level probe per ranking test instead of a Python loop.
    row["syn_text"] = "\0".join(row["syn_list"])
    row["syn_key_text"] = "\0".join(row["syn_keys"])
    # Whether the name or a synonym holds Latin letters or digits (else a Latin term can only match by pinyin).
    row["latin_text"] = any(ch.isascii() and ch.isalnum() for ch in row["name_l"] + row["syn_text"])
    row["audience_t"] = _json_tuple(row["audience"])
    row["levels_t"] = _json_tuple(row["levels"])
    return row


def _set_base(row: dict[str, Any]) -> float:
    """The query-independent part of a hit's rank, within its match tier: local usage (more first), then the row's
    static rank (shorter name, pinyin, code; `srank`, unique). Usage counts are capped below 10⁵ and static ranks are
    below 10⁶, so the float is exact and unique."""
    row["base"] = float(int(row["srank"]) - min(int(row["views"]), 99_999) * 1e6)
    return float(row["base"])


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


@dataclass(frozen=True)
class ThemeKeys:
    """A theme (一件事 or life event) as theme search reads it."""

    code: str
    name: str
    kind: str
    text: str
    """Name and description, lower case."""
    pinyin: str
    initials: str
    folded: str


def _theme_keys(code: str, name: str, kind: str, description: str) -> ThemeKeys:
    syllables = [s for s in (spoken(ch) for ch in name) if s]
    return ThemeKeys(
        code=code,
        name=name,
        kind=kind,
        text=f"{name} {description}".lower(),
        pinyin="".join(syllables),
        initials="".join(s[0] for s in syllables),
        folded=fold("".join(syllables)),
    )


class ItemIndex:
    """Per-item search data (a few hundred to 20,000 rows), cached until the catalog or popularity changes, and what
    search and browsing do with it.

    Exact search: a query is normalised (NFKC, lower case, punctuation and symbols become spaces) and split into
    terms; each term of 3+ characters goes to the FTS5 trigram index as one quoted phrase (user text never reaches
    MATCH as syntax), shorter terms to the 1–2 character gram index. Terms are ANDed. An English query (`english`)
    adds the items of its Chinese equivalents. Hits are put in match tiers (exact name > name prefix > exact synonym >
    name substring > pinyin and initials > synonym substrings; `app.catalog.search_rank`: hash probes and sorted-key
    slices, substring tests only on what is left), ordered within a tier by local usage, then shorter names, and
    only then checked against the division chain, best first, with a few primary-key seeks per item, a tier sorted
    only when the page reaches it.

    Forgiving search runs only when the exact one finds nothing in scope: each term also matches by its folded
    pinyin (homophones, dialect; the `item_keys` trigram index) and, failing that, through the words one typo away
    in the vocabulary. Without an explicit division the mirror itself is the scope (it only holds what the
    terminal's scope implements), and the precomputed `items.top_level` answers without touching implementations.
    """

    def __init__(self, store: CatalogStore, division_chain: Callable[[str], list[Division]]) -> None:
        self._store = store
        self._division_chain = division_chain
        self._index: dict[int, dict[str, Any]] = {}
        self._base: dict[int, float] = {}
        self._tier_index = TierIndex(())
        self._tier_keys: tuple[tuple[Any, ...], ...] = ()
        self._index_token: tuple[int, int] | None = None
        self._index_lock = threading.Lock()
        self._vocabulary: Vocabulary | None = None
        self._themes: list[ThemeKeys] = []
        self._fill_order: list[int] = []
        self._id_by_code: dict[str, int] = {}

    # ------------------------------------------------------------------------------------------------ search

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
        tolerant: bool = True,
    ) -> list[ItemSummary]:
        """Items matching `query`, best first, implemented in the mirror's scope or on `division`'s chain; with
        `tolerant`, the forgiving match when the exact one finds nothing."""
        terms = normalise_query(query)[:8]  # a pasted paragraph is not a query: 8 terms are plenty
        if not terms or limit <= 0:
            return []
        filters = (department, item_type, level, audience, theme)
        self._rows(())  # the cache, fresh for this search (checked once, not per lookup)
        memo: dict[str, set[int]] = {}  # one index lookup per distinct word in this search
        tiers = self._exact(terms, memo)
        english = english_concepts(query)
        if english:
            for item_id, tier in self._english(english, memo).items():
                tiers[item_id] = min(tier, tiers.get(item_id, tier))
        found = self._ranked(tiers, filters, division, limit)
        if found or not tolerant:
            return found
        return self._ranked(self._forgiving(terms, memo), filters, division, limit)

    def _exact(self, terms: list[str], memo: dict[str, set[int]]) -> dict[int, float]:
        """Item id → match tier for items holding every term exactly."""
        candidates: set[int] | None = None
        for term in sorted(terms, key=len, reverse=True):  # the longest term is usually the most selective
            ids = self._match(term, memo)
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                return {}
        return dict(self._tier_index.tiers(candidates or (), "".join(terms)))

    def _match(self, term: str, memo: dict[str, set[int]]) -> set[int]:
        ids = memo.get(term)
        if ids is None:
            ids = memo[term] = set(self._store.match_fts(term) if len(term) >= 3 else self._store.match_short(term))
        return ids

    def _english(self, concepts: list[tuple[str, ...]], memo: dict[str, set[int]]) -> dict[int, float]:
        """Items holding, for every English concept, one of its Chinese words."""
        candidates: set[int] | None = None
        for words in concepts:
            ids: set[int] = set()
            for word in words:
                ids |= self._match(word, memo)
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                return {}
        return dict.fromkeys(candidates or (), TIER_ENGLISH)

    def _forgiving(self, terms: list[str], memo: dict[str, set[int]]) -> dict[int, float]:
        """Item id → tier for items matching every term exactly, by sound or through a typo correction."""
        vocabulary = self.vocabulary()
        result: dict[int, float] | None = None
        for term in terms:
            tiers: dict[int, float] = dict.fromkeys(self._match(term, memo), 8)
            key = spoken_key(term)
            folded = fold(key)
            if len(folded) >= MIN_FOLDED:
                # By sound: the catalog's words sounding alike (a few hash probes, then exact lookups of those
                # words), ranked as each word would rank.
                for word in vocabulary.same_sound(folded)[:5]:
                    self._add_as(tiers, word, TIER_SOUND, memo)
                if not tiers:
                    # Through a typo correction: ranked among themselves as the corrected word would rank.
                    for word in vocabulary.near(key, limit=2):
                        self._add_as(tiers, word, TIER_TYPO, memo)
                if not tiers:
                    # Longer than any word of the vocabulary (2–4 characters): the folded pinyin inside names.
                    for row in self._cached(self._store.match_folded(folded)):
                        tiers.setdefault(row["id"], TIER_SOUND + (0.5 if folded in row["name_folded"] else 0.9))
            result = tiers if result is None else {i: max(t, tiers[i]) for i, t in result.items() if i in tiers}
            if not result:
                return {}
        return result or {}

    def _add_as(self, tiers: dict[int, float], word: str, offset: float, memo: dict[str, set[int]]) -> None:
        """Add the items holding `word` exactly that `tiers` lacks, ranked as `word` would rank them, after
        `offset` (items found by sound or through a typo rank below every exact match)."""
        found = self._tier_index.tiers(self._match(word, memo), word)
        tiers.update({i: offset + t / 10 for i, t in found.items() if i not in tiers})

    def _ranked(
        self,
        tiers: dict[int, float],
        filters: tuple[str | None, str | None, str | None, str | None, str | None],
        division: str | None,
        limit: int,
    ) -> list[ItemSummary]:
        """The page of `tiers`' items in scope: best tier first, then by local usage and static rank (`_set_base`),
        each tier sorted only when the page reaches it, and the division checks batched best first."""
        if not tiers:
            return []
        index = self._index
        rows: Iterator[dict[str, Any]] = (index[i] for i in ranked_ids(tiers, self._base.__getitem__))
        if any(filters):
            rows = self._filter(rows, *filters)
        return self._scoped(rows, division, limit)

    # ------------------------------------------------------------------------------------------------ themes

    def search_themes(self, query: str, *, limit: int) -> list[str]:
        """Codes of the themes (一件事 bundles, life events, enterprise themes) whose name, description, pinyin,
        initials or sound hold every term of `query`, or the Chinese words of its English concepts; 一件事 bundles
        first, then in bundle order."""
        terms = normalise_query(query)[:8]
        themes = self._theme_keys()
        if not terms or not themes:
            return []
        english = english_concepts(query) or []
        keyed = [(term, folded_key(term)) for term in terms]  # each term read once, not once per theme
        found = []
        for t in themes:
            by_terms = all(self._theme_has(t, term, key) for term, key in keyed)
            by_english = bool(english) and all(any(w in t.text for w in words) for words in english)
            if by_terms or by_english:
                found.append(t)
        found.sort(key=lambda t: t.kind != "bundle")
        return [t.code for t in found[:limit]]

    @staticmethod
    def _theme_has(t: ThemeKeys, term: str, key: str) -> bool:
        if term in t.text or term in t.pinyin or term in t.initials:
            return True
        return len(key) >= MIN_FOLDED and key in t.folded

    def _theme_keys(self) -> list[ThemeKeys]:
        self._rows(())  # refreshes the caches when the catalog changed
        with self._index_lock:
            return self._themes

    # ------------------------------------------------------------------------------------------------ suggestions

    def vocabulary(self) -> Vocabulary:
        self._rows(())
        with self._index_lock:
            if self._vocabulary is None:
                self._vocabulary = Vocabulary(self._store.search_words())
            return self._vocabulary

    def corrections(self, query: str, *, limit: int) -> list[str]:
        """Words of the catalog the visitor may have meant: those sounding like a term or one typo from it, the
        known words inside a Chinese term, and the Chinese words of an English query; most used first."""
        vocabulary = self.vocabulary()
        out: list[str] = []
        for words in english_concepts(query) or []:
            out.extend(w for w in words if w in vocabulary.items_of)
        for term in normalise_query(query)[:8]:
            key = spoken_key(term)
            if len(fold(key)) >= MIN_FOLDED:
                out.extend(vocabulary.same_sound(fold(key))[:2])
                out.extend(vocabulary.near(key))
            if is_han(term):
                out.extend(vocabulary.words_in(term))
        return list(dict.fromkeys(w for w in out if w != query.strip()))[:limit]

    def suggestions(self, query: str, *, limit: int, language: str = "zh_CN") -> list[str]:
        """Words to tap for a query that found nothing (`corrections`), then, and for an empty box, the popular words;
        in English (`language` "en") each as the English that finds it (`english_words`), those without English left
        out."""
        english = language == "en"
        wanted = limit * 4 if english else limit  # room for the words the glossary has no English for
        out = self.corrections(query, limit=wanted) if query.strip() else []
        out += self.popular_words(division=None, limit=wanted)
        if english:
            out = [english_words(w) or "" for w in out]
        typed = query.strip().lower()
        return [w for w in dict.fromkeys(out) if w and w.lower() != typed][:limit]

    def popular_words(self, *, division: str | None, limit: int) -> list[str]:
        """Words for an empty box: two 一件事 bundle names, then the everyday name (first synonym, else the name) of
        the most used items."""
        words = [t.name for t in self._theme_keys() if t.kind == "bundle"][:2]
        for item in self.most_used(division=division, limit=limit):
            row = next(iter(self._rows([self._id_of(item.code)])), None)
            synonyms = row["synonyms"].split(" | ") if row and row["synonyms"] else []
            words.append(synonyms[0] if synonyms else item.name)
        return list(dict.fromkeys(words))[:limit]

    def _id_of(self, code: str) -> int:
        self._rows(())
        with self._index_lock:
            return self._id_by_code.get(code, -1)

    # ------------------------------------------------------------------------------------------------ browsing

    def most_used(self, *, division: str | None, limit: int) -> list[ItemSummary]:
        """The hall's most used items: local usage counts (guides opened, applications started and submitted), then,
        to fill the list, the items with the most everyday names (synonyms) in bundle order. Never alphabetical."""
        used = [item_id for item_id, _score in self._store.most_used(max(limit * 4, 32))]
        self._rows(())
        with self._index_lock:
            fill = self._fill_order
        seen = set(used)
        return self._scoped(self._rows([*used, *(i for i in fill if i not in seen)]), division, limit)

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
        rows = list(self._filter(self._rows(item_ids), department, item_type, level, audience, theme))
        rows.sort(key=lambda r: (-r["views"], r["sort_key"], r["code"]))
        return self._scoped(rows, division, limit)

    def in_order(self, item_ids: Sequence[int], *, division: str | None) -> list[ItemSummary]:
        """The given items in their order (a theme's), those implemented in scope."""
        by_id = {r["id"]: r for r in self._rows(item_ids)}
        return self._scoped([by_id[i] for i in item_ids if i in by_id], division, None)

    def set_views(self, code: str, views: int) -> None:
        """Take an item's new view count (our own write does not move SQLite's data_version for our connection)."""
        with self._index_lock:
            row = self._index.get(self._id_by_code.get(code, -1))
            if row is not None:
                row["views"] = views
                self._base[row["id"]] = _set_base(row)

    def _rows(self, item_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
        """Search rows of the given items (all when None), from the cache; the cache reloads when the database
        changed (another process imported or counted views) or this store imported."""
        with self._index_lock:
            token = self._store.change_token()
            if token != self._index_token:
                self._index = {r["id"]: _prepare(r) for r in self._store.search_rows(None)}
                self._index_token = token
                self._vocabulary = None  # loaded on first use
                self._id_by_code = {r["code"]: i for i, r in self._index.items()}
                static = sorted(self._index.values(), key=lambda r: (len(r["name"]), r["sort_key"], r["code"]))
                for n, row in enumerate(static):
                    row["srank"] = n
                self._base = {r["id"]: _set_base(r) for r in static}
                # The tier keys hold only names, synonyms and their pinyin: a change of usage counts alone (another
                # process counted a use) keeps them (building them takes a few hundred ms at 20,000 items).
                keys = tuple(
                    (i, r["name"], r["synonyms"], r["pinyin"], r["initials"], r["syn_pinyin"], r["syn_initials"])
                    for i, r in self._index.items()
                )
                if keys != self._tier_keys:
                    self._tier_index, self._tier_keys = TierIndex(self._index.values()), keys
                self._themes = [_theme_keys(t.code, t.name, t.kind, t.description) for t in self._store.themes()]
                self._fill_order = [
                    r["id"] for r in sorted(self._index.values(), key=lambda r: (-len(r["syn_list"]), r["id"]))
                ]
            index = self._index
        if item_ids is None:
            return list(index.values())
        return [index[i] for i in item_ids if i in index]

    def _cached(self, item_ids: Iterable[int]) -> list[dict[str, Any]]:
        """Search rows from the cache as it is (within a search that refreshed it at its start)."""
        index = self._index
        return [index[i] for i in item_ids if i in index]

    def _filter(
        self,
        rows: Iterable[dict[str, Any]],
        department: str | None,
        item_type: str | None,
        level: str | None,
        audience: str | None,
        theme: str | None,
    ) -> Iterator[dict[str, Any]]:
        """The rows passing the filters, lazily (a ranked search reads only as many as its page needs)."""
        in_theme = set(self._store.item_ids_of_theme(theme)) if theme else None
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
            yield r

    def _scoped(self, ranked: Iterable[dict[str, Any]], division: str | None, limit: int | None) -> list[ItemSummary]:
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
        rows = iter(ranked)
        while part := list(itertools.islice(rows, batch)):
            found = self._store.implemented_on([r["id"] for r in part], codes)
            for r in part:
                where = found.get(r["id"])
                if where:
                    top = min(where, key=len)
                    out.append(_summary(r, level_of[top]))
                    if limit is not None and len(out) >= limit:
                        return out
        return out
