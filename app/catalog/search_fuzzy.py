"""Forgiving search helpers: the catalog's word vocabulary with typo correction, and the spoken key of a query term.

Contract: `Vocabulary` holds the `search_words` table (2–4 character words of item names and synonyms, their folded
pinyin, how many items hold them) as hash maps; every lookup is a handful of dictionary probes, never a pass over the
words. Keys are folded (`local_db.catalog.search_keys.fold`), so dialect spellings are corrected too.
"""

from __future__ import annotations

from collections.abc import Iterable

from local_db.catalog.search_keys import fold, is_han, spoken

__all__ = ["MIN_FOLDED", "MIN_TYPO", "Vocabulary", "edits1", "folded_key", "spoken_key"]

MIN_FOLDED = 4
"""A term is matched by its folded pinyin only from 4 folded letters (about two syllables): one syllable folded
(zel: 正, 证, 镇, 怎, 整…) would match most of the catalog."""
MIN_TYPO = 5
"""A one-letter typo is corrected only in keys of 5 folded letters or more (shorter keys have too many neighbours)."""

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def spoken_key(term: str) -> str:
    """A query term's pinyin: a Han term by its reading (身分证 → shenfenzheng), a Latin term as typed; "" for
    anything else (digits, mixed runs)."""
    if is_han(term):
        return spoken(term)
    if term.isascii() and term.isalpha():
        return term
    return ""


def folded_key(term: str) -> str:
    """A query term's folded pinyin (身分证 → shenfenzheng → selfelzel); "" when it has none."""
    return fold(spoken_key(term))


def edits1(key: str) -> set[str]:
    """Every string one edit from `key` (delete, transpose, replace, insert) over the Latin alphabet."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | transposes | replaces | inserts


class Vocabulary:
    """The search vocabulary of one catalog version."""

    def __init__(self, rows: Iterable[tuple[str, str, int]]) -> None:
        self.items_of: dict[str, int] = {}
        self.by_folded: dict[str, list[str]] = {}
        for word, folded, items in rows:
            self.items_of[word] = int(items)
            self.by_folded.setdefault(folded, []).append(word)
        for words in self.by_folded.values():
            words.sort(key=lambda w: (-self.items_of[w], w))

    def same_sound(self, folded: str) -> list[str]:
        """Words that sound like `folded` to a Yunnan ear (homophones included), most used first."""
        return list(self.by_folded.get(folded, ()))

    def near(self, key: str, *, limit: int = 3) -> list[str]:
        """Words one typo from the pinyin `key` as typed (the typo counted before folding: shenfenzhang is one
        letter from shenfenzheng), in any dialect spelling, most used first."""
        if len(fold(key)) < MIN_TYPO:
            return []
        by_folded = self.by_folded
        # All variants folded in one pass: joined by "|", which no folding step matches, then split again.
        folded = fold("|".join([key, *edits1(key)])).split("|")
        found = {w for variant in folded for w in by_folded.get(variant, ())}
        return sorted(found, key=lambda w: (-self.items_of[w], w))[:limit]

    def words_in(self, text: str, *, limit: int = 5) -> list[str]:
        """Known words inside a Han text, longest and then most used first, leaving out those inside a word already
        listed (身份证 before 身份, 份证)."""
        windows = {text[i : i + n] for n in (2, 3, 4) for i in range(len(text) - n + 1)}
        known = sorted(
            (w for w in windows if w in self.items_of and w != text), key=lambda w: (-len(w), -self.items_of[w], w)
        )
        out: list[str] = []
        for word in known:
            if not any(word in chosen for chosen in out):
                out.append(word)
        return out[:limit]
