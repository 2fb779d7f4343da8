"""The kiosk shell driven like a visitor would, on fake services: type, tap, wait, walk away."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.model.catalog import LEVEL_NAMES
from tests.support.screens import current_screen
from tests.support.ui_fakes import ITEMS, FakeCatalog, FakeUnavailable, make_guide
from ui.screens.home import TILES
from ui.shell import KioskWindow
from ui.theme import MIN_TARGET_PX

MakeWindow = Callable[..., KioskWindow]
ROOT = Path(__file__).resolve().parents[3]


def _tap_row(qtbot: QtBot, widget: QListWidget, row: int) -> None:
    item = widget.item(row)
    assert item is not None
    widget.scrollToItem(item)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=widget.visualItemRect(item).center())


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a visitor would: ASCII on keys, Chinese committed by the input method (as Pinyin input does).

    QTest cannot synthesise key events for non-ASCII characters (it asserts in qasciikey.cpp).
    """
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def _search(qtbot: QtBot, window: KioskWindow, text: str) -> None:
    assert window.screens.search is not None
    qtbot.mouseClick(window.home.tiles["guide"], Qt.MouseButton.LeftButton)
    assert window.current is window.screens.search
    with qtbot.waitSignal(window.screens.search.results_shown, timeout=5000):
        _type(qtbot, window.screens.search.box, text)


def test_home_shows_every_tile_touch_sized_and_the_demo_badge(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog(is_demo=True))
    assert window.current is window.home
    qtbot.waitUntil(lambda: "团山村委会" in window.top_bar.place.text(), timeout=5000)
    assert set(window.home.tiles) == set(TILES)
    assert window.top_bar.demo_badge.isVisible() and window.top_bar.demo_badge.text() == "演示数据"
    for button in window.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= MIN_TARGET_PX, button.text()
    assert "团山村委会" in window.top_bar.place.text()


def test_no_demo_badge_for_a_real_catalog(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog(is_demo=False))
    qtbot.waitUntil(lambda: "团山村委会" in window.top_bar.place.text(), timeout=5000)
    assert not window.top_bar.demo_badge.isVisible()


def test_typing_a_query_shows_results_searched_off_the_gui_thread(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog)
    _search(qtbot, window, "身份证")
    assert window.screens.search is not None
    qtbot.waitUntil(
        lambda: window.screens.search is not None and window.screens.search.results.count() == 3, timeout=5000
    )
    names = [window.screens.search.results.item(i).text().split("\n")[0] for i in range(3)]
    assert names == ["居民身份证换领", "居民身份证挂失补领", "临时居民身份证申领"]
    assert "找到 3 个事项" in window.screens.search.status.text()
    assert catalog.queries[-1] == "身份证"
    assert threading.get_ident() not in catalog.threads  # never on the GUI thread


def test_pinyin_initials_reach_the_service(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog())
    _search(qtbot, window, "sfz")
    assert window.screens.search is not None
    assert window.screens.search.results.count() == 3


def test_typing_fast_searches_once_for_the_last_text(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog, search_debounce_ms=200)
    _search(qtbot, window, "低保申请")
    assert catalog.queries == ["低保申请"]


def test_nothing_found_says_so(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog())
    _search(qtbot, window, "火星移民")
    assert window.screens.search is not None
    assert window.screens.search.results.count() == 0
    assert "没有找到" in window.screens.search.status.text()


@pytest.mark.parametrize(
    "query",
    ["身" * 200, "😀🏠🚑", '"NEAR(身份证 *', "AND OR NOT", "x" * 1000, "\u200b\u0000"],
    ids=["200-chars", "emoji", "fts-syntax", "operators", "1000-chars", "control"],
)
def test_odd_queries_do_not_crash(make_window: MakeWindow, qtbot: QtBot, query: str) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog)
    assert window.screens.search is not None
    window.go(window.screens.search)
    with qtbot.waitSignal(window.screens.search.results_shown, timeout=5000):
        window.screens.search.set_query(query)
    assert len(catalog.queries[-1]) <= 200
    assert window.current is window.screens.search


def test_whitespace_query_clears_without_searching(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog)
    assert window.screens.search is not None
    window.go(window.screens.search)
    window.screens.search.set_query("   ")
    qtbot.waitUntil(
        lambda: window.screens.search is not None and "可输入" in window.screens.search.status.text(), timeout=5000
    )
    assert catalog.queries == []


def test_tapping_a_result_opens_the_guide_with_every_element(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog)
    _search(qtbot, window, "身份证")
    assert window.screens.search is not None and window.screens.guide is not None
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=5000) as blocker:
        _tap_row(qtbot, window.screens.search.results, 0)
    assert blocker.args == ["530000-GA-0001"]
    assert window.current is window.screens.guide
    assert catalog.views == ["530000-GA-0001"]

    text = window.screens.guide.plain_text()
    guide = make_guide()
    expected = [
        guide.name,
        guide.code,
        guide.type,
        guide.department,
        guide.department_full,
        *(LEVEL_NAMES[lv] for lv in guide.levels),
        *guide.audience,
        *guide.basis,
        guide.conditions,
        "60 个工作日",  # legal limit
        "20 个工作日",  # promised limit
        guide.case_type,
        "最多跑 1 次",  # visits
        "收费",
        guide.fee_standard,
        guide.fee_basis,
        "网上办理：支持",
        "物流快递：支持",
        "预约办理：不支持",
        "自助终端：支持",
        "容缺受理：支持",
        guide.result_name,
        guide.result_type,
        *(s.name for s in guide.sub_items),
        *(s.code for s in guide.sub_items),
        *(c.name for s in guide.sub_items for c in s.cases),
        *guide.themes,
        *guide.synonyms,
        "申请人姓名",
        "联系电话",
        "第 3 版",
        catalog.notice,
        "共 3 项材料，其中必需 2 项。",
    ]
    for m in guide.materials:
        expected += [m.name, m.form, m.medium, f"{m.copies} 份", m.source, m.standard]
        expected += [v for v in (m.blank_form, m.sample, m.note) if v]
    expected += ["[必需]", "[非必需]"]
    for step in guide.process:
        expected += [step.name, step.actor, step.description]
    expected.append("10 个工作日")  # a step's days
    for impl in guide.implementations:
        expected += [
            impl.code,
            impl.division_name,
            impl.body,
            impl.body_uscc,
            impl.place,
            impl.hours,
            impl.consult_phone,
            impl.complaint_phone,
            LEVEL_NAMES[impl.level],
        ]
    missing = [e for e in expected if e not in text]
    assert not missing, f"guide does not show: {missing}"
    # Implementing bodies along the chain: the nearest (township) before the county.
    assert text.index("乡级 · 西庄镇") < text.index("县级 · 建水县")


def test_back_returns_to_results(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog())
    _search(qtbot, window, "身份证")
    assert window.screens.search is not None and window.screens.guide is not None
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=5000):
        _tap_row(qtbot, window.screens.search.results, 1)
    qtbot.mouseClick(window.top_bar.back_button, Qt.MouseButton.LeftButton)
    assert window.current is window.screens.search
    assert window.screens.search.results.count() == 3


def test_browse_by_department_and_by_theme(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog())
    assert window.screens.browse is not None and window.screens.guide is not None
    with qtbot.waitSignal(window.screens.browse.groups_shown, timeout=5000):
        qtbot.mouseClick(window.home.tiles["browse"], Qt.MouseButton.LeftButton)
    groups = [window.screens.browse.groups.item(i).text() for i in range(window.screens.browse.groups.count())]
    assert "公安（3）" in groups
    with qtbot.waitSignal(window.screens.browse.items_shown, timeout=5000):
        _tap_row(qtbot, window.screens.browse.groups, groups.index("公安（3）"))
    assert window.screens.browse.items.count() == 3

    with qtbot.waitSignal(window.screens.browse.groups_shown, timeout=5000):
        qtbot.mouseClick(window.screens.browse.mode_buttons["life_event"], Qt.MouseButton.LeftButton)
    assert window.screens.browse.groups.item(0).text().startswith("退休养老")
    with qtbot.waitSignal(window.screens.browse.items_shown, timeout=5000):
        _tap_row(qtbot, window.screens.browse.groups, 0)
    assert window.screens.browse.items.count() == 2
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=5000):
        _tap_row(qtbot, window.screens.browse.items, 0)
    assert window.current is window.screens.guide

    window.screens.browse.set_mode("bundle")
    assert window.screens.browse.groups.item(0).text().startswith("新生儿出生一件事")


@pytest.mark.parametrize("key", ["apply", "progress", "evaluate", "consult"])
def test_later_services_are_placeholders_that_say_so(make_window: MakeWindow, qtbot: QtBot, key: str) -> None:
    window = make_window(FakeCatalog())
    qtbot.mouseClick(window.home.tiles[key], Qt.MouseButton.LeftButton)
    screen = window.screens.placeholders[key]
    assert window.current is screen
    assert "后续版本" in screen.body.text()
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert current_screen(window) is window.home


def test_idle_timeout_warns_then_clears_everything_and_returns_home(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog, idle_timeout_s=0.5, idle_warning_s=2)
    window.visitor.idle.set_tick_interval(30)
    _search(qtbot, window, "身份证")
    assert window.screens.search is not None and window.screens.guide is not None
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=5000):
        _tap_row(qtbot, window.screens.search.results, 0)
    window.set_elder_mode(True)
    window.set_language("en")
    assert not window.is_pristine()

    with qtbot.waitSignal(window.visitor.idle.warning_started, timeout=5000):
        pass
    assert window.visitor.overlay.isVisible()
    assert window.visitor.overlay.count.text() == "2"
    with qtbot.waitSignal(window.session_reset, timeout=5000):
        pass
    assert not window.visitor.overlay.isVisible()
    assert window.current is window.home
    assert window.screens.search.box.text() == ""
    assert not window.screens.search.box.isUndoAvailable()  # Ctrl+Z must not bring the last visitor's query back
    assert window.screens.search.result_codes == []
    assert window.screens.search.status.text().startswith(("常办事项", "可输入"))
    assert window.screens.guide.guide is None and "身份证" not in window.screens.guide.plain_text()
    assert not window.elder_mode
    assert window.appearance.language == "zh_CN"
    assert window.home.tiles["apply"].text() == "我要办理"
    assert window.is_pristine()
    assert not window.top_bar.back_button.isEnabled()


def test_a_touch_during_the_countdown_keeps_the_session(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog(), idle_timeout_s=0.3, idle_warning_s=30)
    _search(qtbot, window, "身份证")
    with qtbot.waitSignal(window.visitor.idle.warning_started, timeout=5000):
        pass
    assert window.visitor.overlay.isVisible()
    with qtbot.waitSignal(window.visitor.idle.warning_cancelled, timeout=5000):
        qtbot.mouseClick(window.visitor.overlay.stay, Qt.MouseButton.LeftButton)
    assert not window.visitor.overlay.isVisible()
    assert window.screens.search is not None and window.screens.search.box.text() == "身份证"


def test_idle_on_an_untouched_home_shows_no_countdown(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog(), idle_timeout_s=0.05, idle_warning_s=5)
    with (
        qtbot.assertNotEmitted(window.session_reset),
        qtbot.waitSignal(window.visitor.idle.warning_started, timeout=5000),
    ):
        pass
    assert not window.visitor.overlay.isVisible()
    assert not window.visitor.idle.warning


def test_maintenance_screen_when_the_catalog_cannot_open(make_window: MakeWindow) -> None:
    window = make_window(None, unavailable_reason="catalog.db is corrupt")
    assert window.in_maintenance and window.current is window.screens.maintenance
    assert window.screens.maintenance.title.text() == "系统维护中"
    assert "catalog.db is corrupt" in window.screens.maintenance.detail.text()
    assert not window.top_bar.home_button.isEnabled()


def test_maintenance_screen_when_the_catalog_breaks_while_running(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog)
    assert window.screens.search is not None
    window.go(window.screens.search)
    catalog.fail_with = FakeUnavailable("file is not a database")
    with qtbot.waitSignal(window.screen_changed, timeout=5000, check_params_cb=lambda n: n == "MaintenanceScreen"):
        window.screens.search.set_query("身份证")
    assert window.in_maintenance
    assert "file is not a database" in window.screens.maintenance.detail.text()
    qtbot.mouseClick(window.home.tiles["guide"], Qt.MouseButton.LeftButton)  # hidden screen: nothing navigates
    assert window.current is window.screens.maintenance


def test_maintenance_when_the_demo_flag_itself_fails(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog(fail_with=None))
    assert not window.in_maintenance

    class Broken(FakeCatalog):
        @property
        def is_demo(self) -> bool:
            raise FakeUnavailable("no bundle table")

    window = make_window(Broken())
    qtbot.waitUntil(lambda: window.in_maintenance, timeout=5000)


def test_other_search_errors_stay_on_the_search_screen(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog(fail_with=ValueError("bug"))
    window = make_window(catalog)
    assert window.screens.search is not None
    window.go(window.screens.search)
    window.screens.search.set_query("身份证")
    qtbot.waitUntil(
        lambda: window.screens.search is not None and "暂时无法查询" in window.screens.search.status.text(),
        timeout=5000,
    )
    assert window.current is window.screens.search
    assert not window.in_maintenance


def test_elder_mode_enlarges_the_type(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog())
    tile = window.home.tiles["guide"]
    tile.ensurePolished()
    before = tile.font().pixelSize()
    hint_before = window.home.hint.font().pixelSize()
    qtbot.mouseClick(window.top_bar.elder_button, Qt.MouseButton.LeftButton)
    assert window.elder_mode
    tile.ensurePolished()
    window.home.hint.ensurePolished()
    assert tile.font().pixelSize() >= before * 1.3
    assert window.home.hint.font().pixelSize() >= hint_before * 1.3
    assert window.top_bar.elder_button.text() == "标准字体"
    assert window.minimumSizeHint().height() <= 800  # still fits the 1280×800 kiosk panel
    assert window.height() == 800
    qtbot.mouseClick(window.top_bar.elder_button, Qt.MouseButton.LeftButton)
    tile.ensurePolished()
    assert tile.font().pixelSize() == before


def test_english_switch_changes_the_tile_labels_and_back(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog())
    assert window.home.tiles["apply"].text() == "我要办理"
    qtbot.mouseClick(window.top_bar.language_button, Qt.MouseButton.LeftButton)
    assert window.home.tiles["apply"].text() == "Apply"
    assert window.home.tiles["guide"].text().startswith("Service guides")
    assert window.top_bar.home_button.text() == "Home"
    assert window.top_bar.demo_badge.text() == "DEMO DATA"
    assert window.top_bar.language_button.text() == "中文"
    qtbot.mouseClick(window.top_bar.language_button, Qt.MouseButton.LeftButton)
    assert window.home.tiles["apply"].text() == "我要办理"


def test_english_guide_labels(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog(), language="en")
    assert window.screens.guide is not None
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=5000):
        window.open_item(ITEMS[0].code)
    text = window.screens.guide.plain_text()
    assert "Checklist" in text and "2 copies" in text and "60 working days" in text
    assert "居民身份证换领" in text  # catalog content stays Chinese


def test_status_bar_slot_takes_an_indicator(make_window: MakeWindow) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window(FakeCatalog())
    indicator = QLabel("已同步")
    window.add_status_widget(indicator)
    assert indicator.parent() is window.status_bar.slot
    assert indicator.isVisible()


def test_level_order_of_the_labels_matches_the_model() -> None:
    from app.model.catalog import LEVELS
    from ui.screens.labels import level_rank

    assert [level_rank(lv) for lv in LEVELS] == list(range(len(LEVELS)))
    assert level_rank("galaxy") == len(LEVELS)


def test_empty_search_lists_popular_items_to_tap(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog)
    assert window.screens.search is not None and window.screens.guide is not None
    with qtbot.waitSignal(window.screens.search.popular_shown, timeout=5000):
        qtbot.mouseClick(window.home.tiles["guide"], Qt.MouseButton.LeftButton)
    assert window.screens.search.popular_codes == [i.code for i in ITEMS]  # the fake's browse order, at most POPULAR
    assert window.screens.search.results.count() == len(ITEMS)
    assert window.screens.search.status.text().startswith("常办事项")
    assert catalog.queries == []  # listing them is not a search
    assert window.screens.search.is_clear()
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=5000) as blocker:
        _tap_row(qtbot, window.screens.search.results, 3)
    assert blocker.args == [ITEMS[3].code]


def test_no_service_call_ever_runs_on_the_gui_thread(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog()
    window = make_window(catalog)
    qtbot.waitUntil(lambda: window.top_bar.demo_badge.isVisible(), timeout=5000)
    _search(qtbot, window, "身份证")
    assert window.screens.search is not None and window.screens.guide is not None and window.screens.browse is not None
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=5000):
        _tap_row(qtbot, window.screens.search.results, 0)
    with qtbot.waitSignal(window.screens.browse.groups_shown, timeout=5000):
        window.go(window.screens.browse)
    with qtbot.waitSignal(window.screens.browse.items_shown, timeout=5000):
        window.screens.browse.choose_group("公安")
    assert catalog.threads, "the fake saw no calls"
    assert threading.get_ident() not in catalog.threads


def test_a_real_catalog_guide_has_no_demo_notice(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(FakeCatalog(is_demo=False))
    assert window.screens.guide is not None
    with qtbot.waitSignal(window.screens.guide.guide_shown, timeout=5000):
        window.open_item(ITEMS[0].code)
    text = window.screens.guide.plain_text()
    assert "演示数据" not in text and "居民身份证换领" in text


def test_the_kiosk_leaves_maintenance_when_the_catalog_answers_again(make_window: MakeWindow, qtbot: QtBot) -> None:
    catalog = FakeCatalog(fail_with=FakeUnavailable("catalog.db is corrupt"))
    window = make_window(catalog, maintenance_retry_s=0.05)
    qtbot.waitUntil(lambda: window.in_maintenance, timeout=5000)
    catalog.fail_with = None  # a technician re-imported the catalog
    with qtbot.waitSignal(window.catalog_ready, timeout=5000):
        pass
    assert not window.in_maintenance
    assert window.current is window.home
    assert window.top_bar.home_button.isEnabled() is False  # already home
    assert "团山村委会" in window.top_bar.place.text()


LAZY_SCREENS = """
import sys
from PySide6.QtWidgets import QApplication
from tests.support.apply_fakes import FakeApply
from tests.support.ui_fakes import FakeCatalog
from ui.shell import KioskWindow

app = QApplication([])
window = KioskWindow(FakeCatalog(), apply=FakeApply())
window.show()
app.processEvents()
print(sorted(m for m in ("ui.screens.apply", "ui.screens.evaluate", "ui.screens.status", "ui.screens.complaint")
             if m in sys.modules))
window.start_apply()
print("ui.screens.apply.flow" in sys.modules)
window.close()
"""


def test_the_apply_side_screens_are_imported_on_first_use() -> None:
    """Start-up cost: the kiosk's home imports none of the apply-side screens (a fresh interpreter, as at boot)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", LAZY_SCREENS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["[]", "True"]
