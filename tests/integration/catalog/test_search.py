"""Search: Chinese substrings (trigram and the 1–2 character path), pinyin, initials, synonyms, filters, ranking,
scope, and inputs that must never raise."""

from __future__ import annotations

import copy
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.catalog.bundle.expand import import_bundle
from app.catalog.bundle.load import Bundle, ScopeSpec
from app.catalog.search import normalise_query
from app.catalog.service import CatalogService
from app.errors import UserError
from app.model.catalog import ItemSummary
from local_db.catalog.store import CatalogStore

from .conftest import TERMINAL


def _item(bundle: Bundle, code: str) -> dict[str, Any]:
    return next(item for _f, item in bundle.items if item["basic_code"] == code)


def names(hits: list[ItemSummary]) -> list[str]:
    return [h.name for h in hits]


@pytest.mark.parametrize("query", ["身份证", "sfz", "shenfenzheng", "SFZ", "shen fen zheng", "ＳＦＺ", "身份证换领"])
def test_id_card_found_by_chinese_pinyin_and_initials(catalog: CatalogService, query: str) -> None:
    assert "居民身份证换领" in names(catalog.search(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("低保", "最低生活保障申请"),  # 2 characters: the scan path; also a synonym
        ("吃低保", "最低生活保障申请"),  # synonym only
        ("盖房子", "农村宅基地和建房（规划许可）审批"),
        ("宅基地", "农村宅基地和建房（规划许可）审批"),
        ("养老保险", "城乡居民基本养老保险参保登记"),
        ("yl", "城乡居民基本养老保险参保登记"),  # initials, 2 characters
        ("yanglao", "城乡居民基本养老保险参保登记"),
        ("证", "居民身份证换领"),  # 1 character
        ("执照", "营业执照遗失补领"),
        ("yyzz", "营业执照遗失补领"),
        ("kaidian", "个体工商户设立登记"),  # pinyin of a synonym (开店执照)
    ],
)
def test_finds(catalog: CatalogService, query: str, expected: str) -> None:
    assert expected in names(catalog.search(query))


def test_ranking_exact_then_prefix_then_substring(catalog: CatalogService) -> None:
    hits = names(catalog.search("居民身份证"))
    assert hits[:3] == ["居民身份证", "居民身份证换领", "临时居民身份证申领"]


def test_name_match_outranks_synonym_and_pinyin(catalog: CatalogService) -> None:
    # 执照 is in the name of 营业执照遗失补领 but only in synonyms of 个体工商户设立登记.
    assert names(catalog.search("执照"))[:2] == ["营业执照遗失补领", "个体工商户设立登记"]


def test_popularity_breaks_ties_within_a_tier(writable_catalog: CatalogService) -> None:
    before = names(writable_catalog.search("身份证"))
    assert before[0] == "居民身份证"  # all three are substring matches: shortest name first
    writable_catalog.record_view("T-GA-0003")
    writable_catalog.record_view("T-GA-0003")
    after = writable_catalog.search("身份证")
    assert after[0].name == "临时居民身份证申领"
    assert after[0].popularity == 2
    # Popularity never lifts an item over a better match quality.
    assert names(writable_catalog.search("居民身份证"))[0] == "居民身份证"


def test_summary_fields(catalog: CatalogService) -> None:
    hit = next(h for h in catalog.search("身份证换领"))
    assert (hit.code, hit.type, hit.department, hit.level) == ("T-GA-0001", "行政确认", "公安", "county")
    assert hit.audience == ("自然人",)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"department": "市场监管"}, {"营业执照遗失补领", "个体工商户设立登记", "食品经营许可"}),
        ({"department": "market"}, {"营业执照遗失补领", "个体工商户设立登记", "食品经营许可"}),
        ({"audience": "法人"}, {"个体工商户设立登记", "食品经营许可"}),
        ({"item_type": "行政给付"}, {"最低生活保障申请", "高龄津贴申领"}),
        ({"level": "village"}, {"高龄津贴申领"}),
        ({"theme": "LE-T01"}, {"个体工商户设立登记", "食品经营许可"}),
    ],
)
def test_filters(catalog: CatalogService, filters: dict[str, Any], expected: set[str]) -> None:
    # 申 / 许 / 登 / 领: single characters that appear across departments
    found = set()
    for q in ("申", "许", "登", "领", "证", "执照", "津贴"):
        found |= set(names(catalog.search(q, limit=100, **filters)))
    assert found == expected


def test_limit(catalog: CatalogService) -> None:
    assert len(catalog.search("证", limit=2)) == 2
    assert catalog.search("证", limit=0) == []


def test_results_limited_to_the_given_divisions_chain(catalog: CatalogService) -> None:
    assert "高龄津贴申领" in names(catalog.search("津贴"))
    # On the township's chain the village item is not implemented.
    assert catalog.search("津贴", division="532524103") == []
    township_hit = catalog.search("低保", division="532524103")
    assert [(h.name, h.level) for h in township_hit] == [("最低生活保障申请", "township")]
    # Another county's village: the mirror only holds the terminal's chain, so only province and prefecture items
    # of a shared ancestor could appear; 石屏县 is in 红河州 too.
    other = catalog.search("婚姻", division="532525101001")
    assert [(h.name, h.level) for h in other] == [("婚姻登记（州市）", "prefecture")]
    assert catalog.search("身份证换领", division="532525101001") == []


def test_unknown_division_code_is_a_user_error(catalog: CatalogService) -> None:
    with pytest.raises(UserError, match="999999"):
        catalog.search("身份证", division="999999")


@pytest.mark.parametrize("query", ["", " ", "\t\n", "\u3000\u3000", "   ", "\u200b"])
def test_empty_and_whitespace_queries(catalog: CatalogService, query: str) -> None:
    assert catalog.search(query) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"身份证',
        "身份证\"'",
        "NEAR(",
        "NEAR(身份证 换领)",
        "NEAR(a b, 2)",
        "*",
        "身份*",
        "sfz*",
        "AND",
        "OR",
        "NOT",
        "身份证 AND 换领",
        "身份证 OR NOT 低保",
        "name:身份证",
        "{name pinyin}: sfz",
        "^身份证",
        "(身份证)",
        "-身份证",
        "+",
        "😀",
        "😀身份证😀",
        "👨‍👩‍👧",
        "x" * 200,
        "身份证" * 67,
        "\x00",
        "身份\x00证",
        "'; DROP TABLE items; --",
        "%",
        "_",
        "\\",
    ],
)
def test_fts_syntax_and_odd_input_never_raises(catalog: CatalogService, query: str) -> None:
    hits = catalog.search(query)
    assert isinstance(hits, list)
    assert len(hits) <= 20


def test_syntax_characters_are_ignored_not_interpreted(catalog: CatalogService) -> None:
    # Quotes and operators are treated as separators: the words around them still search.
    assert "居民身份证换领" in names(catalog.search('"身份证"'))
    assert "居民身份证换领" in names(catalog.search("(身份证 换领)"))
    # An operator word is an ordinary word: no item contains "near", so nothing matches.
    assert catalog.search("NEAR(身份证 换领)") == []
    assert "居民身份证换领" in names(catalog.search("身份证*"))
    assert normalise_query("NEAR(身份证*") == ["near", "身份证"]
    assert normalise_query("sfz换领") == ["sfz", "换领"]
    assert names(catalog.search("sfz换领")) == ["居民身份证换领"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_is_safe(catalog: CatalogService, query: str) -> None:
    assert isinstance(catalog.search(query, limit=5), list)


def test_usable_from_worker_threads(catalog: CatalogService) -> None:
    expected = names(catalog.search("sfz"))
    seen_threads: set[str] = set()

    def job(n: int) -> list[str]:
        seen_threads.add(threading.current_thread().name)
        return names(catalog.search(["sfz", "身份证", "低保", "yl"][n % 4]))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(job, range(200)))
    assert results[0::4] == [expected] * 50
    assert all(results[2] == r for r in results[2::4])
    assert threading.current_thread().name not in seen_threads


def test_terminal_chain(catalog: CatalogService) -> None:
    chain = catalog.terminal_chain()
    assert [d.level for d in chain] == ["village", "township", "county", "prefecture", "province"]
    assert [d.code for d in chain] == [TERMINAL, "532524103", "532524", "5325", "53"]
    assert chain[2].name == "建水县"


def test_exact_synonym_beats_a_name_that_mentions_it(bundle: Bundle, tmp_path: Path) -> None:
    extra = copy.deepcopy(_item(bundle, "T-MZ-0001"))
    extra.update(basic_code="T-MZ-0099", name="殡葬补助申请（低保对象）", synonyms=[], sub_items=[])
    bundle.items.append(("items/civil_affairs.yaml", extra))
    store = CatalogStore.open(tmp_path / "c.db", create=True)
    import_bundle(store, bundle, ScopeSpec(TERMINAL))
    service = CatalogService(store, ScopeSpec(TERMINAL))
    try:
        assert names(service.search("低保")) == ["最低生活保障申请", "殡葬补助申请（低保对象）"]
        assert names(service.search("dibao"))[0] == "最低生活保障申请"  # pinyin of the synonym
    finally:
        service.close()
