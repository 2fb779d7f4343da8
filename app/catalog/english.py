"""English keywords for catalog search (the kiosk's English mode): a glossary from everyday English words and
phrases to the Chinese words item names and synonyms use.

Contract: `english_concepts(query)` returns, for a query made only of Latin words, one tuple of Chinese words per
English concept it recognised (a phrase such as "id card" is one concept), or None when the query is not English
the glossary knows (a pinyin query, or a word it does not know that is not a filler word). Each concept is matched as
"any of its Chinese words", the concepts together: "replace id card" → (补领, 补办, 换领, 挂失) and (身份证).

`english_words(word)` goes the other way for the words the kiosk offers to tap in English mode: the English a visitor
can read and search for a Chinese catalog word (身份证 → "id card", 换身份证 → "id card"), or None when the glossary
has no good English for it; searching the English finds what the Chinese word finds (checked by tests).
"""

from __future__ import annotations

import re

__all__ = ["GLOSSARY", "english_concepts", "english_words"]

GLOSSARY: dict[str, tuple[str, ...]] = {
    # identity and residence
    "id card": ("身份证",),
    "identity card": ("身份证",),
    "resident id": ("身份证",),
    "id": ("身份证",),
    "hukou": ("户口", "户籍"),
    "household registration": ("户口", "户籍"),
    "household": ("户口", "户籍"),
    "residence permit": ("居住证",),
    "residence": ("居住证", "户口"),
    "move hukou": ("迁户口", "户口迁移"),
    "move": ("迁移", "迁户口"),
    "driving licence": ("驾驶证",),
    "driving license": ("驾驶证",),
    "driver's licence": ("驾驶证",),
    "driver": ("驾驶", "驾驶员"),
    # family
    "marriage": ("结婚", "婚姻"),
    "marry": ("结婚", "婚姻"),
    "wedding": ("结婚",),
    "divorce": ("离婚",),
    "birth certificate": ("出生医学证明", "出生证"),
    "birth": ("出生", "生育"),
    "newborn": ("新生儿",),
    "baby": ("新生儿", "出生", "生育"),
    "adoption": ("收养",),
    "adopt": ("收养",),
    "child": ("儿童", "孤儿", "入学"),
    "children": ("儿童", "孤儿", "入学"),
    "orphan": ("孤儿",),
    "death": ("死亡", "去世", "殡葬"),
    "funeral": ("殡葬", "丧葬"),
    "burial": ("殡葬", "丧葬"),
    # social assistance and insurance
    "subsistence allowance": ("低保", "最低生活保障"),
    "minimum living allowance": ("最低生活保障", "低保"),
    "dibao": ("低保", "最低生活保障"),
    "welfare": ("低保", "救助", "补贴"),
    "relief": ("救助",),
    "assistance": ("救助", "援助"),
    "poverty": ("困难", "返贫", "特困"),
    "elderly": ("老年", "高龄", "老人"),
    "old age": ("老年", "高龄", "养老"),
    "pension": ("养老保险", "养老金"),
    "retirement": ("退休",),
    "retire": ("退休",),
    "social security card": ("社会保障卡", "社保卡"),
    "social security": ("社会保障", "社保"),
    "social insurance": ("社会保险", "社保"),
    "medical insurance": ("医疗保险", "医保"),
    "health insurance": ("医疗保险", "医保"),
    "insurance": ("保险",),
    "disability certificate": ("残疾人证",),
    "disability": ("残疾",),
    "disabled": ("残疾",),
    "wheelchair": ("轮椅", "辅助器具"),
    "unemployment": ("失业",),
    "unemployed": ("失业",),
    "employment": ("就业",),
    "job": ("就业", "务工"),
    "work injury": ("工伤",),
    "injury": ("工伤", "伤残"),
    "wages": ("工资", "欠薪"),
    "salary": ("工资",),
    "veteran": ("退役军人", "退役"),
    "veterans": ("退役军人", "退役"),
    "soldier": ("退役军人", "退役士兵"),
    # health
    "vaccine": ("接种", "疫苗"),
    "vaccination": ("接种", "疫苗"),
    "health certificate": ("健康证", "健康检查"),
    "doctor": ("医师", "医生"),
    "nurse": ("护士",),
    "clinic": ("诊所", "医疗机构"),
    "hospital": ("医疗机构", "就医"),
    "medical": ("医疗", "医保"),
    "family planning": ("计划生育",),
    # business and work
    "business licence": ("营业执照",),
    "business license": ("营业执照",),
    "business": ("营业执照", "个体工商户", "经营"),
    "company": ("企业",),
    "shop": ("个体工商户", "开店"),
    "restaurant": ("餐饮",),
    "food": ("食品",),
    "licence": ("许可", "执照"),
    "license": ("许可", "执照"),
    "permit": ("许可",),
    "tax": ("税",),
    "invoice": ("发票",),
    "loan": ("贷款",),
    "subsidy": ("补贴", "补助"),
    "allowance": ("津贴", "补贴"),
    "grant": ("补助", "资助"),
    # land, housing, farming
    "house": ("房", "住房"),
    "housing": ("住房", "房屋"),
    "homestead": ("宅基地",),
    "building": ("建房", "建筑"),
    "build": ("建房",),
    "property": ("不动产", "房产"),
    "land": ("土地", "用地", "宅基地"),
    "housing fund": ("公积金",),
    "provident fund": ("公积金",),
    "rent": ("租赁", "公租房"),
    "farm": ("农业", "农村", "耕地"),
    "farmer": ("农民", "农村"),
    "farming": ("农业", "耕地"),
    "agriculture": ("农业",),
    "tractor": ("拖拉机", "农机"),
    "pesticide": ("农药",),
    "seed": ("种子",),
    "animal": ("动物",),
    "livestock": ("动物", "养殖"),
    "tree": ("林木", "古树", "采伐"),
    "logging": ("采伐",),
    "forest": ("林", "森林"),
    "fire": ("用火", "防火", "烟花"),
    "fireworks": ("烟花爆竹",),
    "water": ("取水", "水"),
    "pollution": ("排污", "污染"),
    "environment": ("环境", "生态"),
    "disaster": ("灾害", "受灾"),
    # education, law, transport
    "school": ("入学", "学校", "学籍"),
    "student": ("学生",),
    "education": ("教育", "学"),
    "teacher": ("教师",),
    "lawyer": ("法律援助",),
    "legal aid": ("法律援助",),
    "legal": ("法律",),
    "mediation": ("调解",),
    "dispute": ("纠纷", "争议", "调解"),
    "notary": ("公证",),
    "transport": ("运输",),
    "taxi": ("出租汽车",),
    "vehicle": ("车",),
    "car": ("车",),
    # actions
    "replace": ("补领", "补办", "换领", "挂失"),
    "replacement": ("补领", "补办", "换领"),
    "lost": ("补领", "补办", "挂失", "遗失"),
    "renew": ("换领", "延续"),
    "renewal": ("换领", "延续"),
    "change": ("变更",),
    "cancel": ("注销",),
    "register": ("登记", "备案"),
    "registration": ("登记", "备案"),
    "transfer": ("转移", "迁移"),
    "complaint": ("投诉", "举报"),
    "report": ("举报", "报告"),
    "certificate": ("证", "证明"),
    "proof": ("证明",),
}
"""English word or phrase (lower case) → Chinese words found in item names and synonyms."""

ACTIONS = frozenset(
    ["replace", "replacement", "lost", "renew", "renewal", "change", "cancel", "register", "registration", "transfer"]
)
"""The glossary's actions: put before the thing ("renew id card") when a Chinese word is rendered in English."""

FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "to",
        "my",
        "me",
        "i",
        "we",
        "want",
        "need",
        "would",
        "like",
        "how",
        "do",
        "can",
        "get",
        "apply",
        "application",
        "applying",
        "new",
        "please",
        "in",
        "on",
        "at",
        "and",
        "or",
        "with",
        "by",
        "from",
        "is",
        "are",
        "be",
        "about",
        "help",
    ]
)
"""Words a query may hold that are no concept (the concepts around them still count)."""

_MAX_PHRASE = max(len(k.split()) for k in GLOSSARY)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _lookup(words: list[str]) -> tuple[str, ...] | None:
    phrase = " ".join(words)
    found = GLOSSARY.get(phrase)
    if found is None and len(words) == 1 and phrase.endswith("s"):
        found = GLOSSARY.get(phrase[:-1])  # plurals: pensions, subsidies → subsidie (no), vaccines → vaccine
    if found is None and len(words) == 1 and phrase.endswith("ies"):
        found = GLOSSARY.get(phrase[:-3] + "y")
    return found


def english_concepts(query: str) -> list[tuple[str, ...]] | None:
    """The concepts of an English query, longest phrases first; None when the query is not English we know."""
    text = (query or "").lower().replace("’", "'")
    if not text.strip() or not all(ch.isascii() for ch in text):
        return None
    words = _WORD.findall(text)
    concepts: list[tuple[str, ...]] = []
    i = 0
    while i < len(words):
        for size in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            found = _lookup(words[i : i + size])
            if found is not None:
                concepts.append(found)
                i += size
                break
        else:
            if words[i] not in FILLER:
                return None
            i += 1
    return concepts or None


def _first_english() -> dict[str, str]:
    """Chinese word → the English it is the main meaning of: the glossary key listing it first (else earliest), in
    glossary order (a phrase such as "id card" before "id")."""
    ranked: dict[str, tuple[int, int, str]] = {}
    for order, (english, words) in enumerate(GLOSSARY.items()):
        for position, word in enumerate(words):
            best = ranked.get(word)
            if best is None or (position, order) < best[:2]:
                ranked[word] = (position, order, english)
    return {word: english for word, (_p, _o, english) in ranked.items()}


_ENGLISH_OF = _first_english()
_PARTS = sorted((w for w in _ENGLISH_OF if len(w) >= 2), key=lambda w: (-len(w), w))
"""Chinese words a longer word may be rendered from, longest first (single characters such as 证 or 房 are too vague
to stand for a whole word)."""


def english_words(word: str) -> str | None:
    """English for a Chinese catalog word (an item's everyday name, a theme name, a vocabulary word): the glossary
    key of the word itself, else of the glossary words inside it, longest first, not overlapping, actions first
    (身份证换领 → "renew id card"); None when nothing of 2 or more characters is known, or when the English would
    not find the word (its concepts must each have a Chinese word inside `word`)."""
    word = word.strip()
    english = _ENGLISH_OF.get(word)
    if english is None:
        taken: list[tuple[int, str]] = []  # (position in word, English)
        free = [True] * len(word)
        for part in _PARTS:
            start = word.find(part)
            while start >= 0:
                if all(free[start : start + len(part)]):
                    free[start : start + len(part)] = [False] * len(part)
                    taken.append((start, _ENGLISH_OF[part]))
                    break
                start = word.find(part, start + 1)
        if not taken:
            return None
        keys = list(dict.fromkeys(e for _pos, e in sorted(taken)))
        english = " ".join(sorted(keys, key=lambda e: e not in ACTIONS))
    concepts = english_concepts(english)
    if not concepts or not all(any(w in word for w in concept) for concept in concepts):
        return None
    return english
