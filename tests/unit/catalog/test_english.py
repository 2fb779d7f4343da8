"""English keywords (the kiosk's English mode): phrases and words map to the Chinese of item names."""

from __future__ import annotations

from app.catalog.english import english_concepts


def test_phrases_are_one_concept() -> None:
    assert english_concepts("ID card") == [("身份证",)]
    assert english_concepts("lost social security card") == [("补领", "补办", "挂失", "遗失"), ("社会保障卡", "社保卡")]


def test_filler_words_and_plurals() -> None:
    assert english_concepts("I want to apply for a pension") == [("养老保险", "养老金")]
    assert english_concepts("subsidies") == [("补贴", "补助")]


def test_not_english() -> None:
    assert english_concepts("shenfenzheng") is None  # pinyin is not guessed as English
    assert english_concepts("身份证") is None
    assert english_concepts("for the") is None  # nothing but filler
    assert english_concepts("") is None
