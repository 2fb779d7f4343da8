"""Search keys as users type them: Yunnan dialect pinyin folds to the same key as standard pinyin, homophones share
their reading, and the vocabulary holds the words of names and synonyms."""

from __future__ import annotations

import pytest

from local_db.catalog.search_keys import fold, search_key_rows, short_grams, spoken

# Each pair of 云南方言 sounds the brief lists, in a word a visitor might type, standard spelling first.
DIALECT_PAIRS = [
    ("zhaijidi", "zaijidi"),  # z/zh: 宅基地
    ("chusheng", "cusheng"),  # c/ch: 出生
    ("shenfen", "senfen"),  # s/sh: 身份
    ("nongye", "longye"),  # n/l: 农业
    ("hukou", "fukou"),  # f/h: 户口
    ("zhengming", "zhenming"),  # en/eng: 证明
    ("xinshenger", "xingshenger"),  # in/ing: 新生儿
    ("shenfenzheng", "senfenzen"),  # several at once: 身份证
]


@pytest.mark.parametrize(("standard", "dialect"), DIALECT_PAIRS)
def test_dialect_spelling_folds_to_the_standard_key(standard: str, dialect: str) -> None:
    assert fold(dialect) == fold(standard)


def test_a_dropped_g_across_a_syllable_boundary_still_meets() -> None:
    # xing+gan typed as xin+gan: the g of -ng and the g- of the next syllable collapse the same way.
    assert fold("xinggan") == fold("xingan")


def test_folding_keeps_other_sounds_apart() -> None:
    assert fold("baozhang") != fold("baozhen")  # ang/en are not merged
    assert fold("dibao") != fold("dipao")


def test_homophones_share_a_reading() -> None:
    assert spoken("身分证") == spoken("身份证") == "shenfenzheng"


def test_short_grams_are_every_one_and_two_character_gram() -> None:
    assert short_grams("低保户") == {"低", "保", "户", "低保", "保户"}
    assert short_grams("sfz（补）") == {"s", "f", "z", "sf", "fz", "补"}


def test_key_rows_hold_folded_names_grams_and_counted_words() -> None:
    rows = [
        (1, "居民身份证换领", "换身份证 | 身份证", "juminshenfenzhenghuanling", "jmsfzhl", "huanshenfenzheng", "hsfz"),
        (2, "居民身份证补领", "", "juminshenfenzhengbuling", "jmsfzbl", "", ""),
    ]
    built = search_key_rows(rows)
    assert dict(built.keys)[1].startswith(fold("juminshenfenzheng"))
    assert "身份" in dict(built.grams)[2].split()
    words = {w: (folded, n) for w, folded, n in built.words}
    assert words["身份证"] == (fold("shenfenzheng"), 2)  # counted once per item, not per occurrence
    assert words["换领"][1] == 1 and "补领" in words
    assert all(2 <= len(w) <= 4 for w in words)
