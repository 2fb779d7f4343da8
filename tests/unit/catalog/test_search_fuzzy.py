"""Typo correction against the catalog's vocabulary: what a visitor types with one letter wrong, missing, extra or
swapped finds the word they meant."""

from __future__ import annotations

import pytest

from app.catalog.search_fuzzy import Vocabulary, edits1, folded_key
from local_db.catalog.search_keys import search_key_rows, spoken


def _vocabulary(*names: str) -> Vocabulary:
    rows = [(i, n, "", spoken(n), "", "", "") for i, n in enumerate(names, 1)]
    return Vocabulary(search_key_rows(rows).words)


VOCABULARY = _vocabulary(
    "居民身份证换领", "居民身份证补领", "最低生活保障申请", "城乡居民基本养老保险参保登记", "户口迁移"
)


def test_edits1_are_single_edits() -> None:
    variants = edits1("dibao")
    assert {"dbao", "idbao", "dipao", "dibaoo"} <= variants  # delete, transpose, replace, insert
    assert "dibao" not in variants and "dipaoo" not in variants


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("shenfenzhang", "身份证"),  # one letter wrong
        ("shenfnzheng", "身份证"),  # one letter missing
        ("shenfenzhengg", "身份证"),  # one letter extra
        ("shnefenzheng", "身份证"),  # two letters swapped
        ("senfenzang", "身份证"),  # a dialect spelling with a typo on top
        ("yanlaobaoxian", "养老保险"),
        ("hukuo", "户口"),
    ],
)
def test_one_typo_finds_the_word(typed: str, meant: str) -> None:
    assert meant in VOCABULARY.near(typed)


def test_short_or_far_keys_are_not_guessed() -> None:
    assert VOCABULARY.near("sfz") == []  # under five letters: too many neighbours
    assert VOCABULARY.near("qwertyuiop") == []


def test_same_sound_and_words_in() -> None:
    assert VOCABULARY.same_sound(folded_key("身分证")) == ["身份证"]
    assert VOCABULARY.same_sound(folded_key("senfenzen")) == ["身份证"]
    assert VOCABULARY.words_in("我要办身份证明书")[0] == "身份证"


def test_folded_key_is_empty_for_digits() -> None:
    assert folded_key("12345") == ""
