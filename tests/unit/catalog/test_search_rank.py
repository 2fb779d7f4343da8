"""Match tiers computed per tier (hash probes, sorted-key slices, substring tests on what is left) give every item
the tier its name, synonyms, pinyin and initials earn, and the ranked order is tier first, then the static rank."""

from __future__ import annotations

from typing import Any

import pytest

from app.catalog.search import _prepare
from app.catalog.search_rank import TierIndex, ranked_ids
from local_db.catalog.search_keys import spoken, spoken_syllables


def _row(item_id: int, name: str, *synonyms: str) -> dict[str, Any]:
    def initials(text: str) -> str:
        return "".join(s[0] for s in spoken_syllables(text) if s)

    return _prepare(
        {
            "id": item_id,
            "name": name,
            "synonyms": " | ".join(synonyms),
            "pinyin": spoken(name),
            "initials": initials(name),
            "syn_pinyin": " ".join(spoken(s) for s in synonyms),
            "syn_initials": " ".join(initials(s) for s in synonyms),
            "audience": "[]",
            "levels": "[]",
        }
    )


ROWS = [
    _row(1, "低保"),
    _row(2, "低保金发放"),
    _row(3, "最低生活保障申请", "低保"),
    _row(4, "城市低保复核"),
    _row(5, "临时救助", "低保边缘"),
    _row(6, "养老保险", "养老"),
    _row(7, "医疗保险参保登记", "医保"),
    _row(8, "ABC企业登记"),
    _row(9, "社会保险登记", "ylbx"),
]
INDEX = TierIndex(ROWS)
ALL = [r["id"] for r in ROWS]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # 0 exact name, 1 name prefix, 2 exact synonym, 3 name substring, 6 inside a synonym.
        ("低保", {1: 0, 2: 1, 3: 2, 4: 3, 5: 6}),
        ("dibao", {1: 4, 2: 5, 3: 5, 4: 6, 5: 7}),  # pinyin: exact, prefix, a synonym's exact, inside, a synonym's
        ("db", {1: 4, 2: 5, 3: 5, 4: 6, 5: 7}),  # initials the same way
        ("yl", {6: 5, 7: 5, 9: 6}),  # initials prefixes; 9: inside a Latin synonym
        ("ylbx", {9: 2, 6: 4, 7: 5}),  # 9: a Latin synonym held literally, before initials
        ("abc", {8: 1}),  # a Latin name prefix
        ("qiye", {8: 6}),
        ("bx", {6: 6, 7: 6, 9: 6}),
    ],
)
def test_tiers(query: str, expected: dict[int, int]) -> None:
    tiers = INDEX.tiers(ALL, query)
    assert {i: t for i, t in tiers.items() if t < 8} == expected
    assert set(tiers) == set(ALL)  # the rest: the terms matched separately (8)


def test_only_known_candidates_are_ranked() -> None:
    assert INDEX.tiers([1, 999], "低保") == {1: 0}
    assert INDEX.tiers([], "低保") == {}


def test_ranked_ids_tier_first_then_base() -> None:
    tiers = {1: 6.0, 2: 0.0, 3: 6.0, 4: 9.5, 5: 0.0}
    base = {1: 3.0, 2: 2.0, 3: -1e6, 4: 0.0, 5: 1.0}  # 3 is used once: first within its tier
    assert list(ranked_ids(tiers, base.__getitem__)) == [5, 2, 3, 1, 4]
