"""The search screen on the real catalog service (bundled demo catalog, real catalog.db): words to tap when the box
is empty or a search finds nothing, 一件事 themes above the items, forgiving matches, 常办事项 by local usage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.catalog.bundle.load import ScopeSpec, demo_bundle_path
from app.catalog.mirror import open_catalog
from app.catalog.service import CatalogService
from app.config import DEFAULT_DIVISION
from ui.i18n import LanguageSwitcher
from ui.screens.search import THEME_ROLE, SearchScreen
from ui.tasks import TaskRunner

TIMEOUT = 15_000


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search-screen") / "catalog.db"
    open_catalog(path, ScopeSpec(DEFAULT_DIVISION), bootstrap=demo_bundle_path()).close()
    return path


@pytest.fixture
def catalog(demo_db: Path, tmp_path: Path) -> Iterator[CatalogService]:
    path = tmp_path / "catalog.db"
    path.write_bytes(demo_db.read_bytes())
    service = open_catalog(path, ScopeSpec(DEFAULT_DIVISION))
    yield service
    service.close()


@pytest.fixture
def screen(qtbot: QtBot, catalog: CatalogService) -> SearchScreen:
    page = SearchScreen(catalog, TaskRunner(), debounce_ms=10)
    qtbot.addWidget(page)
    page.resize(1080, 1400)
    with qtbot.waitSignal(page.popular_shown, timeout=TIMEOUT):
        page.show()
    return page


def _search(qtbot: QtBot, page: SearchScreen, text: str) -> None:
    with qtbot.waitSignal(page.results_shown, timeout=TIMEOUT):
        page.set_query(text)


def test_empty_box_offers_words_and_frequent_items(screen: SearchScreen, catalog: CatalogService) -> None:
    words = screen.suggestion_words
    assert words and words == catalog.suggestions("", limit=len(screen.suggestion_buttons))[: len(words)]
    assert "新生儿出生一件事" in words
    assert screen.popular_codes == [i.code for i in catalog.frequent_items(limit=8)]
    assert screen.status.text().startswith("常办事项")


def test_tapping_a_suggestion_searches_it(qtbot: QtBot, screen: SearchScreen) -> None:
    index = screen.suggestion_words.index("新生儿出生一件事")
    with qtbot.waitSignal(screen.results_shown, timeout=TIMEOUT):
        qtbot.mouseClick(screen.suggestion_buttons[index], Qt.MouseButton.LeftButton)
    assert screen.box.text() == "新生儿出生一件事"
    assert screen.theme_codes == ["YJS-001"]  # the theme itself is a result to tap
    assert screen.results.item(0).data(THEME_ROLE) == "YJS-001"


def test_a_theme_row_lists_its_items(qtbot: QtBot, screen: SearchScreen, catalog: CatalogService) -> None:
    _search(qtbot, screen, "新生儿")
    assert screen.theme_codes[0] == "YJS-001" and "新生儿参保登记" in screen.results.item(1).text()
    with qtbot.waitSignal(screen.theme_shown, timeout=TIMEOUT):
        qtbot.mouseClick(
            screen.results.viewport(),
            Qt.MouseButton.LeftButton,
            pos=screen.results.visualItemRect(screen.results.item(0)).center(),
        )
    assert screen.result_codes == [i.code for i in catalog.items_of_theme("YJS-001")]
    assert "新生儿出生一件事" in screen.status.text()


def test_no_result_shows_what_was_meant(qtbot: QtBot, screen: SearchScreen) -> None:
    _search(qtbot, screen, "我要办身份证明书")
    assert screen.result_codes == [] and screen.theme_codes == []
    words = screen.suggestion_words
    assert words and "身份证" in words[0] and not screen.suggestion_box.isHidden()
    with qtbot.waitSignal(screen.results_shown, timeout=TIMEOUT):
        qtbot.mouseClick(screen.suggestion_buttons[0], Qt.MouseButton.LeftButton)
    assert screen.result_codes and screen.suggestion_box.isHidden()


def test_dialect_and_typos_find_items_on_screen(qtbot: QtBot, screen: SearchScreen, catalog: CatalogService) -> None:
    for typed in ("senfenzen", "shenfenzhang", "身分证"):
        _search(qtbot, screen, typed)
        assert catalog.get_item(screen.result_codes[0]).name.find("身份证") >= 0, typed


def test_frequent_items_follow_usage(qtbot: QtBot, catalog: CatalogService) -> None:
    catalog.record_use("530000-MZ-0009", "submits")
    page = SearchScreen(catalog, TaskRunner(), debounce_ms=10)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.popular_shown, timeout=TIMEOUT):
        page.show()
    assert page.popular_codes[0] == "530000-MZ-0009"


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_suggestions_follow_the_kiosk_language(qtbot: QtBot, catalog: CatalogService) -> None:
    switcher = LanguageSwitcher()
    page = SearchScreen(catalog, TaskRunner(), debounce_ms=10, language=lambda: switcher.language)
    qtbot.addWidget(page)
    page.resize(1080, 1400)
    try:
        with qtbot.waitSignal(page.popular_shown, timeout=TIMEOUT):
            page.show()
        assert page.suggestion_words and all(_chinese(w) for w in page.suggestion_words)

        # English: the empty box's words are English (as the kiosk switches: translator, then retranslate).
        with qtbot.waitSignal(page.popular_shown, timeout=TIMEOUT):
            switcher.set_language("en")
            page.retranslate()
        words = page.suggestion_words
        assert len(words) == len(page.suggestion_buttons) and not any(_chinese(w) for w in words), words
        assert "newborn birth" in words
        assert page.clear_button.text() == "Clear"  # the screen itself is in English too

        # A search that finds nothing offers English too, and a tapped one finds items.
        _search(qtbot, page, "asdfgh")
        assert page.result_codes == [] and page.suggestion_words
        assert not any(_chinese(w) for w in page.suggestion_words)
        index = page.suggestion_words.index("newborn birth")
        with qtbot.waitSignal(page.results_shown, timeout=TIMEOUT):
            qtbot.mouseClick(page.suggestion_buttons[index], Qt.MouseButton.LeftButton)
        assert page.box.text() == "newborn birth" and page.theme_codes[0] == "YJS-001"

        # Back to Chinese with a fruitless search showing: its words come again in Chinese.
        _search(qtbot, page, "asdfgh")
        with qtbot.waitSignal(page.results_shown, timeout=TIMEOUT):
            switcher.set_language("zh_CN")
            page.retranslate()
        assert page.suggestion_words and all(_chinese(w) for w in page.suggestion_words)
        assert "新生儿出生一件事" in page.suggestion_words
    finally:
        switcher.set_language("zh_CN")
        switcher.close()
