"""Search that forgives, on the bundled demo catalog through the real service and catalog.db: what visitors type
with homophones (身分证), Yunnan dialect pinyin, one-letter typos, English; 一件事 themes; suggestions for an empty or
fruitless search; 常办事项 from local usage counts; and a catalog.db from before migration m007 upgrading."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.catalog.bundle.load import ScopeSpec, demo_bundle_path
from app.catalog.mirror import open_catalog
from app.catalog.service import CatalogService
from local_db.catalog.schema import applied, migrate
from local_db.catalog.store import CatalogStore

from .conftest import TERMINAL


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-catalog") / "catalog.db"
    open_catalog(path, ScopeSpec(TERMINAL), bootstrap=demo_bundle_path()).close()
    return path


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Iterator[CatalogService]:
    """Read-only: tests that count uses take `used_demo`."""
    service = open_catalog(demo_db, ScopeSpec(TERMINAL))
    yield service
    service.close()


@pytest.fixture
def used_demo(demo_db: Path, tmp_path: Path) -> Iterator[CatalogService]:
    path = tmp_path / "catalog.db"
    shutil.copy(demo_db, path)  # closed by its last connection: checkpointed, no -wal to carry
    service = open_catalog(path, ScopeSpec(TERMINAL))
    yield service
    service.close()


def names(service: CatalogService, query: str, **kwargs: object) -> list[str]:
    return [h.name for h in service.search(query, **kwargs)]  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------- homophones


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("身分证", "居民身份证换领"),  # 分 for 份
        ("身份正", "居民身份证换领"),  # 正 for 证
        ("低宝", "最低生活保障申请"),  # 宝 for 保 (the synonym 低保)
        ("户口签移", "户口迁移（迁入）"),  # 签 for 迁
    ],
)
def test_homophone_typos_find_the_item(demo: CatalogService, typed: str, meant: str) -> None:
    assert names(demo, typed, tolerant=False) == []  # nothing holds the typo itself
    assert meant in names(demo, typed)


# ---------------------------------------------------------------------------------------------------- dialect


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("zaijidi", "农村宅基地和建房（规划许可）审批"),  # z for zh (宅)
        ("cusheng", "出生医学证明首次签发"),  # c for ch (出)
        ("senfenzheng", "居民身份证换领"),  # s for sh (身)
        ("lonye", "政策性农业保险投保"),  # l for n (农)
        ("fukou", "户口迁移（迁入）"),  # f for h (户)
        ("shengfenzheng", "居民身份证换领"),  # eng for en (身)
        ("xingshenger", "新生儿参保登记"),  # ing for in (新)
        ("senfenzen", "居民身份证换领"),  # all at once, as heard
    ],
)
def test_dialect_pinyin_finds_the_item(demo: CatalogService, typed: str, meant: str) -> None:
    assert meant in names(demo, typed)


def test_exact_path_does_not_guess(demo: CatalogService) -> None:
    assert names(demo, "senfenzen", tolerant=False) == []
    # An exact hit is never diluted by sound-alikes: 身份证 lists only items holding 身份证.
    for hit in demo.search("身份证", limit=50):
        assert "身份证" in hit.name + " ".join(demo.get_item(hit.code).synonyms), hit.name


# ---------------------------------------------------------------------------------------------------- typos


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("shenfenzhang", "居民身份证换领"),  # one letter wrong
        ("shenfnzheng", "居民身份证换领"),  # one letter missing
        ("dibaoo", "最低生活保障申请"),  # one letter extra
        ("hukuo", "户口迁移（迁入）"),  # two letters swapped
        ("yanglaobaoxain", "城乡居民基本养老保险参保登记"),  # swapped at the end
        ("yanlaobaoxian", "城乡居民基本养老保险参保登记"),  # the g of yang missing
    ],
)
def test_one_letter_pinyin_typos_find_the_item(demo: CatalogService, typed: str, meant: str) -> None:
    assert meant in names(demo, typed)


def test_a_typo_with_another_term_still_needs_both(demo: CatalogService) -> None:
    hits = names(demo, "shenfenzhang 补领")
    assert "居民身份证补领" in hits and "居民身份证换领" not in hits


# ---------------------------------------------------------------------------------------------------- themes, English


def test_themes_appear_for_their_words(demo: CatalogService) -> None:
    assert demo.search_themes("新生儿")[0].name == "新生儿出生一件事"
    assert demo.search_themes("xinshenger")[0].name == "新生儿出生一件事"  # pinyin
    assert demo.search_themes("xingsenger")[0].name == "新生儿出生一件事"  # as heard
    assert demo.search_themes("newborn")[0].name == "新生儿出生一件事"  # English
    assert demo.search_themes("asdfgh") == []


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ID card", "居民身份证换领"),
        ("replace ID card", "居民身份证补领"),
        ("marriage", "内地居民结婚登记"),
        ("divorce", "内地居民离婚登记"),
        ("pension", "城乡居民基本养老保险待遇申领"),
        ("business licence", "个体工商户设立登记"),
        ("lost social security card", "社会保障卡挂失和补换"),
    ],
)
def test_english_keywords_find_items(demo: CatalogService, typed: str, meant: str) -> None:
    assert meant in names(demo, typed, limit=50)


# ---------------------------------------------------------------------------------------------------- suggestions


def test_empty_search_suggests_words_that_lead_somewhere(demo: CatalogService) -> None:
    words = demo.suggestions("")
    assert len(words) >= 5 and "新生儿出生一件事" in words
    for word in words:  # a tapped suggestion always shows items or a theme
        assert demo.search(word) or demo.search_themes(word), word


def test_no_result_search_suggests_what_was_meant(demo: CatalogService) -> None:
    assert demo.search("我要办身份证明书") == []
    words = demo.suggestions("我要办身份证明书")
    assert "身份证" in words[0] and demo.search(words[0])
    assert demo.search("asdfgh") == []
    assert demo.suggestions("asdfgh")  # nothing meant: the popular words still help
    assert "asdfgh" not in demo.suggestions("asdfgh")


def _latin(word: str) -> bool:
    return all(ch.isascii() for ch in word)


@pytest.mark.parametrize("query", ["", "asdfgh", "shenfenzhang", "我要办身份证明书"])
def test_english_mode_suggests_english_that_leads_somewhere(demo: CatalogService, query: str) -> None:
    words = demo.suggestions(query, language="en")
    assert len(words) >= 5, words
    for word in words:
        assert _latin(word) and word.strip(), word  # readable in English mode: no Chinese
        assert demo.search(word) or demo.search_themes(word), word  # and tapping it finds something
    assert all(not _latin(w) for w in demo.suggestions(query)), "zh_CN stays Chinese"


def test_english_suggestions_say_what_the_chinese_ones_mean(demo: CatalogService) -> None:
    assert demo.suggestions("shenfenzhang", language="en")[0] == "id card"  # 身份证, the word meant
    english = demo.suggestions("", language="en", limit=20)
    assert "newborn birth" in english and "retirement" in english  # the 一件事 themes first, as in Chinese
    assert "subsistence allowance" in english  # 低保


# ---------------------------------------------------------------------------------------------------- 常办事项


def test_frequent_items_follow_local_usage_not_the_alphabet(used_demo: CatalogService) -> None:
    before = [i.code for i in used_demo.frequent_items(limit=8)]
    by_pinyin = [i.code for i in sorted(used_demo.browse(), key=lambda i: i.name)][:8]
    assert before != by_pinyin
    used_demo.record_use("530000-MZ-0009", "submits")  # 内地居民结婚登记: submitted twice
    used_demo.record_use("530000-MZ-0009", "submits")
    used_demo.record_use("530000-LC-0001", "starts")  # 林木采伐许可: started once, guide opened twice
    used_demo.record_view("530000-LC-0001")
    used_demo.record_view("530000-LC-0001")
    used_demo.record_view("530000-JY-0001")  # 义务教育入学: guide opened once
    top = [i.code for i in used_demo.frequent_items(limit=8)]
    assert top[:3] == ["530000-LC-0001", "530000-MZ-0009", "530000-JY-0001"]
    assert used_demo.frequent_items(limit=8)[0].popularity == 3


def test_counting_uses_never_fails_an_application(used_demo: CatalogService) -> None:
    used_demo.count_uses(["530000-MZ-0009", "NOT-AN-ITEM"], "starts")
    used_demo.count_uses(["530000-MZ-0009"], "no-such-counter")
    assert used_demo.frequent_items(limit=1)[0].code == "530000-MZ-0009"


def test_usage_counts_hold_no_personal_data(used_demo: CatalogService, tmp_path: Path) -> None:
    used_demo.record_use("530000-MZ-0009", "submits")
    conn = sqlite3.connect(str(tmp_path / "catalog.db"))
    columns = [r[1] for r in conn.execute("PRAGMA table_info(popularity)")]
    conn.close()
    assert columns == ["item_code", "views", "last_viewed", "starts", "submits"]


def test_usage_ranks_search_results_within_a_match_tier(used_demo: CatalogService) -> None:
    # Items holding 登记 inside their names (not as a prefix) rank among themselves by use.
    inside = [h for h in used_demo.search("登记", limit=100) if "登记" in h.name[1:]]
    assert len(inside) >= 3
    last = inside[-1]
    used_demo.record_use(last.code, "submits")
    after = [n for n in names(used_demo, "登记", limit=100) if "登记" in n[1:]]
    assert after[0] == last.name


def test_a_use_counted_by_another_process_reranks_without_rebuilding_the_tier_keys(
    used_demo: CatalogService, tmp_path: Path
) -> None:
    inside = [h for h in used_demo.search("登记", limit=100) if "登记" in h.name[1:]]
    tier_keys = used_demo._index._tier_index
    other = CatalogService(CatalogStore.open(tmp_path / "catalog.db"), ScopeSpec(TERMINAL))  # e.g. the counter
    other.record_use(inside[-1].code, "submits")
    other.close()
    after = [n for n in names(used_demo, "登记", limit=100) if "登记" in n[1:]]
    assert after[0] == inside[-1].name  # the cache reloaded the usage counts
    assert used_demo._index._tier_index is tier_keys  # names and pinyin did not change: their keys were kept


# ---------------------------------------------------------------------------------------------------- migration


def test_a_catalog_from_before_m007_gains_forgiving_search(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    db = Database(sqlite3.connect(str(path)))
    migrate(db, stop_before="m007_search_tolerance_and_usage")
    db.execute(
        "INSERT INTO item_search VALUES (7, '居民身份证换领', '换身份证', 'juminshenfenzhenghuanling', 'jmsfzhl', "
        "'huanshenfenzheng', 'hsfz')"
    )
    db.execute("INSERT INTO popularity (item_code, views) VALUES ('X-1', 4)")
    db.conn.commit()
    db.close()
    store = CatalogStore.open(path)
    try:
        assert applied(store._db)[-1] == "m007_search_tolerance_and_usage"
        assert store.match_folded("selfelzel") == [7]  # senfenzen, backfilled
        assert store.match_short("换") == [7]
        assert ("身份证", "selfelzel", 1) in store.search_words()
        assert store.usage_counts("X-1") == {"views": 4, "starts": 0, "submits": 0}
    finally:
        store.close()
