"""English for the Chinese words the kiosk offers to tap in English mode: the glossary's English that, searched,
finds what the Chinese word finds; nothing when the glossary has no good English."""

from __future__ import annotations

import pytest

from app.catalog.english import GLOSSARY, english_concepts, english_words


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("身份证", "id card"),  # the glossary word itself, its main meaning
        ("低保", "subsistence allowance"),
        ("临时救助", "relief"),  # 救助 is the main meaning of "relief", only a side one of "welfare"
        ("换身份证", "id card"),  # 换 alone is not in the glossary
        ("身份证换领", "renew id card"),  # two concepts, the action first
        ("营业执照变更", "change business licence"),
        ("迁户口", "move hukou"),
        ("退休一件事", "retirement"),
    ],
)
def test_english_words(word: str, english: str) -> None:
    assert english_words(word) == english


@pytest.mark.parametrize("word", ["砍树", "准生证", "12315", "", "身后一件事"])
def test_no_english_for_words_the_glossary_does_not_know(word: str) -> None:
    # Single characters (证, 树, 房) are too vague to stand for a whole word.
    assert english_words(word) is None


def test_the_english_finds_the_word() -> None:
    # Every Chinese word of the glossary rendered in English is parsed back into concepts that it satisfies.
    for word in {w for words in GLOSSARY.values() for w in words}:
        english = english_words(word)
        if english is None:
            continue
        concepts = english_concepts(english)
        assert concepts and all(any(c in word for c in concept) for concept in concepts), (word, english)
