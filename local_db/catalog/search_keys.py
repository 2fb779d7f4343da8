"""The keys of forgiving catalog search, computed at import from `item_search` rows (`search_key_rows`) and for
queries (`fold`, `spoken`, `short_grams`).

Contract: a query and an item are keyed by the same functions, so they meet. Three keys:

- `item_keys.folded`: the pinyin of an item's name and synonyms folded the way Yunnan speakers hear it (`fold`),
  under an FTS5 trigram index: dialect spellings and homophones (身分证 → shenfenzheng) find substrings of names.
- `item_grams`: every 1- and 2-character gram of an item's name, synonyms, pinyin and initials under an FTS5
  `unicode61` index without positions: 1–2 character query terms are an index lookup, not a scan of every item.
- `search_words`: the vocabulary of 2–4 character Chinese words of names and synonyms with their folded pinyin and
  how many items hold them: pinyin with a one-letter typo is corrected against it (edit distance 1, on folded keys,
  so a typo and a dialect spelling together still meet), and a query with no result is cut into words it knows.

Folding (云南方言: 平翘舌不分, n/l 不分, f/h 不分, 前后鼻音 en/eng、in/ing 不分): zh→z, ch→c, sh→s, then h→f,
ing→in and eng→en (twice, so that xing+gan "xinggan" and xin+gan "xingan" meet), then n→l. Applied to whole pinyin
strings without syllable breaks: no pinyin syllable ends in z, c, s or h, so the first replacements never straddle a
syllable boundary, and the rest only needs to be the same on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from pypinyin import Style, lazy_pinyin

__all__ = [
    "FOLD_STEPS",
    "SearchKeyRows",
    "fold",
    "is_han",
    "runs",
    "search_key_rows",
    "short_grams",
    "spoken",
    "spoken_syllables",
]

FOLD_STEPS: tuple[tuple[str, str], ...] = (
    ("zh", "z"),
    ("ch", "c"),
    ("sh", "s"),
    ("h", "f"),
    ("ing", "in"),
    ("eng", "en"),
    ("ing", "in"),
    ("eng", "en"),
    ("n", "l"),
)

WORD_CHARS = (2, 4)
"""Vocabulary words are runs of 2 to 4 Han characters of a name or synonym."""

_RUNS = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case pinyin folded by `FOLD_STEPS`."""
    for old, new in FOLD_STEPS:
        text = text.replace(old, new)
    return text


def is_han(text: str) -> bool:
    return bool(text) and all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def runs(text: str) -> list[str]:
    """`text` as search runs: NFKC, lower case, punctuation and symbols as breaks, Latin/digit runs apart from
    Chinese ones (the same split as the catalog's query terms)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)
    return [run for word in cleaned.split() for run in _RUNS.findall(word)]


def spoken_syllables(text: str) -> list[str]:
    """Toneless pinyin per character of a Han run (pypinyin; phrase-aware for polyphones); other text as is."""
    return [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="default")]


def spoken(text: str) -> str:
    """The pinyin of `text` without tones or breaks, letters and digits only: 身分证 → shenfenzheng."""
    return "".join(ch for ch in "".join(spoken_syllables(text)) if ch.isascii() and ch.isalnum())


def short_grams(text: str) -> set[str]:
    """Every 1- and 2-character gram of `text`'s runs."""
    out: set[str] = set()
    for run in runs(text):
        out.update(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


class SearchKeyRows(NamedTuple):
    """What an import writes into the forgiving-search tables."""

    keys: list[tuple[int, str]]
    """(item id, folded pinyin of name and synonyms)."""
    grams: list[tuple[int, str]]
    """(item id, its 1–2 character grams joined by spaces)."""
    words: list[tuple[str, str, int]]
    """(word, folded pinyin, number of items holding it)."""


def _words_of(text: str) -> Iterator[str]:
    """Every 2–4 character Han substring of `text`."""
    low, high = WORD_CHARS
    for run in runs(text):
        if len(run) < low or not is_han(run):
            continue
        for i in range(len(run)):
            for j in range(i + low, min(len(run), i + high) + 1):
                yield run[i:j]


def search_key_rows(rows: Iterable[Sequence[object]]) -> SearchKeyRows:
    """The forgiving-search rows of `item_search` rows (item_id, name, synonyms, pinyin, initials, syn_pinyin,
    syn_initials; synonyms joined by ` | `)."""
    keys: list[tuple[int, str]] = []
    grams: list[tuple[int, str]] = []
    counts: dict[str, int] = {}
    for row in rows:
        item_id, name, synonyms, pinyin, initials, syn_pinyin, syn_initials = (str(v) for v in row[:7])
        keys.append((int(item_id), fold(f"{pinyin} {syn_pinyin}".strip())))
        texts = [name, *synonyms.split(" | "), pinyin, initials, syn_pinyin, syn_initials]
        item_grams: set[str] = set()
        for text in texts:
            item_grams |= short_grams(text)
        grams.append((int(item_id), " ".join(sorted(item_grams))))
        seen: set[str] = set()
        for text in (name, *synonyms.split(" | ")):
            for word in _words_of(text):
                if word not in seen:
                    seen.add(word)
                    counts[word] = counts.get(word, 0) + 1
    # Each distinct word read once, on its own (phrase-aware for polyphones, as a typed query is read).
    words = [(w, fold(spoken(w)), n) for w, n in counts.items()]
    return SearchKeyRows(keys, grams, words)
