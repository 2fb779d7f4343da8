"""A hostile catalog and hostile citizen text on every screen (issue 11, item 9): names, descriptions and labels with
`<h1>`, `<img src=file:///etc/passwd>`, `<a href>`, `<b>` and bidi overrides render as the characters they are.

The walk: home, search, browse (departments and themes), guide, the apply steps (card, form, materials, review,
done), status, evaluate, complaint. On each screen every QLabel is plain text, or a RichLabel whose markup holds the
hostile string escaped (its rendered text equals the raw string; no `<img`, `<a`, `<h1` tag reaches Qt); list rows
show the raw string, tooltips are escaped.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from app.forms.engine.definition import parse_form
from app.model.apply import ApplySession, MaterialSlot, StatusView
from tests.integration.ui_tech.conftest import make_ctx, printer  # noqa: F401 - fixtures of the technician walk
from tests.support.apply_fakes import CARD, FORM, RECEIPT, FakeApply
from tests.support.ui_fakes import FakeCatalog
from ui.plain import RichLabel
from ui.shell import KioskWindow

HOSTILE = (
    "<h1>巨大标题</h1><img src=file:///etc/passwd><a href='http://evil.example/'>点我</a><b>粗体</b>"
    "\u202eevil\u202c\u2066iso\u2069&amp;<script>x</script>"
)
MARKUP = HOSTILE.split("\u202e")[0]
"""The markup part (what a card read or a reply may carry too)."""
KEEP = {"code", "key", "kind", "level", "id", "division_code", "body_uscc", "item_codes", "levels", "audience",
        "form", "type", "themes", "consult_phone", "complaint_phone"}  # fmt: skip
"""Fields that are keys or codes (the screens look things up by them); every other string is made hostile."""


def hostile(value: Any, field: str = "") -> Any:
    if field in KEEP:
        return value
    if isinstance(value, str):
        return f"{value}{HOSTILE}" if value else value
    if isinstance(value, tuple):
        return tuple(hostile(v) for v in value)
    if isinstance(value, list):
        return [hostile(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: hostile(getattr(value, f.name), f.name) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


class HostileCatalog:
    """The fake catalog, every name, description, condition, place… carrying markup and bidi overrides."""

    def __init__(self) -> None:
        self._inner = FakeCatalog()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not callable(attr):
            return hostile(attr) if isinstance(attr, str) else attr

        def call(*args: Any, **kwargs: Any) -> Any:
            return hostile(attr(*args, **kwargs))

        return call


def _hostile_form() -> dict[str, Any]:
    form = copy.deepcopy(FORM)
    for field in form["fields"]:
        for key in ("label", "label_en", "help", "help_en", "group", "group_en"):
            if field.get(key):
                field[key] += HOSTILE
        for option in field.get("options", []):
            option["label"] += HOSTILE
    return form


class HostileApply(FakeApply):
    """The fake apply service with a hostile item name, form labels, help, options and material names."""

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession:
        session = super().start(code, channel=channel)
        session.title += HOSTILE
        session.form = parse_form(_hostile_form(), material_ids=["hukou", "old_card"])
        session.items = tuple(dataclasses.replace(p, name=p.name + HOSTILE) for p in session.items)
        for slot in session.slots:
            slot.name += HOSTILE
        return session

    def status(self, receipt_or_qr: str, check_code: str | None = None) -> StatusView:
        view = super().status(receipt_or_qr, check_code)
        return dataclasses.replace(view, title=view.title + HOSTILE) if view.found else view


def _check(root: QWidget, where: str) -> int:
    """Assert no label of `root` can render markup; returns how many labels showed the hostile text."""
    seen = 0
    for label in root.findChildren(QLabel):
        text = label.text()
        fmt = label.textFormat()
        if isinstance(label, RichLabel):
            assert fmt == Qt.TextFormat.RichText, where
            for tag in ("<img", "<a ", "<h1", "<script"):
                assert tag not in text.lower(), f"{where}: {label.objectName()} passes {tag} to Qt"
            shown = QTextDocumentFragment.fromHtml(text).toPlainText()
            if "巨大标题" in shown:
                assert MARKUP in shown, f"{where}: {label.objectName()} does not show the raw text"
                seen += 1
        else:
            assert fmt == Qt.TextFormat.PlainText, f"{where}: {type(label).__name__} {label.objectName()} is {fmt}"
            assert not label.openExternalLinks(), where
            if "巨大标题" in text:
                assert MARKUP in text, f"{where}: {label.objectName()} changed the text"
                seen += 1
    for widget in root.findChildren(QListWidget):
        for i in range(widget.count()):
            row = widget.item(i)
            if "巨大标题" in row.text():
                assert HOSTILE in row.text(), where
                seen += 1
            tip = row.toolTip()
            if tip:  # what QToolTip shows: rich text only when Qt guesses so
                shown = QTextDocumentFragment.fromHtml(tip).toPlainText() if GuiQt.mightBeRichText(tip) else tip
                if "巨大标题" in shown:
                    assert HOSTILE in shown, f"{where}: tooltip {tip!r}"
                    seen += 1
    return seen


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[Callable[[], KioskWindow]]:
    def make() -> KioskWindow:
        w = KioskWindow(HostileCatalog(), apply=HostileApply(), search_debounce_ms=10)
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        qtbot.waitExposed(w)
        return w

    yield make


def test_every_screen_shows_hostile_catalog_text_as_text(qtbot: QtBot, window: Callable[[], KioskWindow]) -> None:
    w = window()
    seen = _check(w, "home")

    search = w.screens.search
    assert search is not None
    w.go(search)
    with qtbot.waitSignal(search.results_shown, timeout=5000):
        search.set_query("身份证")
    assert search.results.count() >= 1
    seen += _check(w, "search")

    browse = w.screens.browse
    assert browse is not None
    for mode in ("department", "life_event", "bundle"):
        with qtbot.waitSignal(browse.groups_shown, timeout=5000):
            if w.current is not browse:
                w.go(browse)
            browse.set_mode(mode)
        assert browse.groups.count() >= 1
        seen += _check(w, f"browse/{mode}")
        row = browse.groups.item(0)
        with qtbot.waitSignal(browse.items_shown, timeout=5000):
            browse.groups.itemClicked.emit(row)
        seen += _check(w, f"browse/{mode}/items")

    guide = w.screens.guide
    assert guide is not None
    with qtbot.waitSignal(guide.guide_shown, timeout=5000):
        w.open_item("530000-GA-0001")
    seen += _check(w, "guide")
    assert "<img" not in guide.plain_text().lower() or HOSTILE in guide.plain_text()

    w.start_apply("530000-GA-0001")
    screen = w.screens.apply
    assert screen is not None
    qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=5000)
    seen += _check(w, "apply/card")
    # The card's markup (its bidi overrides the service strips: tests/unit/forms/test_normalise.py).
    screen.on_card_read({**CARD, "name": "李明华" + MARKUP, "address": "团山村" + MARKUP})
    qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=5000)
    view = screen.form_view
    assert view is not None
    seen += _check(w, "apply/form")
    view.input("phone").set_value("13800138000")
    assert view.go_next()
    seen += _check(w, "apply/form page 2")
    view.input("reason").set_value("expired")
    assert view.submit()
    qtbot.waitUntil(lambda: screen.step == "materials" and not screen.busy, timeout=5000)
    seen += _check(w, "apply/materials")
    assert screen.session is not None
    for slot in list(screen.session.slots):
        screen.materials.scan(slot.slot_id)

        def scanned(s: MaterialSlot = slot) -> bool:
            return len(s.pages) == 1 and not screen.busy

        qtbot.waitUntil(scanned, timeout=5000)
    screen.show_review()
    qtbot.waitUntil(lambda: screen.step == "review" and not screen.busy, timeout=5000)
    seen += _check(w, "apply/review")
    screen.review.consent.click()
    with qtbot.waitSignal(screen.finalised, timeout=5000):
        screen.review.confirm()
    qtbot.waitUntil(lambda: screen.step == "done" and not screen.busy, timeout=5000)
    seen += _check(w, "apply/done")

    w.go_home()
    w.home.tile_chosen.emit("progress")
    status = w.screens.status
    assert status is not None
    for key in RECEIPT:
        status.keypad.keys[key].click()
    with qtbot.waitSignal(status.shown, timeout=5000):
        status.query_button.click()
    assert HOSTILE in status.answer.text()
    seen += _check(w, "status")

    w.go_home()
    w.home.tile_chosen.emit("evaluate")
    assert w.screens.evaluate is not None
    seen += _check(w, "evaluate")

    w.go_home()
    w.home.tile_chosen.emit("consult")
    complaint = w.screens.complaint
    assert complaint is not None
    complaint.content.setPlainText(HOSTILE)
    complaint.send_button.click()
    seen += _check(w, "complaint")

    w.set_language("en")
    seen += _check(w, "english")
    assert seen >= 15  # the hostile text did reach the screens (and showed as text)


@pytest.mark.parametrize(
    "text",
    [HOSTILE, "<img src=file:///etc/passwd>", "<a href=x>l</a>", "<b>b</b>", "\u202eabc", "a\u2066b\u2069c", "&lt;"],
)
def test_a_plain_label_keeps_the_raw_string(qtbot: QtBot, text: str) -> None:
    from ui.plain import PlainLabel, plain_tooltip
    from ui.screens.base import make_label

    for label in (PlainLabel(text), make_label("X", text), PlainLabel()):
        qtbot.addWidget(label)
        if not label.text():
            label.setText(text)
        assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == text
    tip = plain_tooltip(text)
    assert (QTextDocumentFragment.fromHtml(tip).toPlainText() if GuiQt.mightBeRichText(tip) else tip) == text
    assert plain_tooltip("") == "" and plain_tooltip("platform unreachable") == "platform unreachable"


def test_the_technician_screen_shows_text_as_text(
    qtbot: QtBot,
    window: Callable[[], KioskWindow],
    make_ctx: Callable[..., Any],  # noqa: F811
) -> None:
    """The technician screen on a real terminal (diagnostics, sync, reprint, updates tabs): every label plain."""
    from app.technician.service import TechnicianService
    from ui.kiosk_services import attach_kiosk_services

    w = window()
    ctx = make_ctx()
    services = attach_kiosk_services(
        w, TechnicianService(ctx), sync_interval_s=0, network_information=False, sync_delay_ms=0
    )
    try:
        services.open_technician()
        screen = services.technician
        assert screen is not None
        _check(w, "technician/gate")
        with qtbot.waitSignal(screen.sync.status_shown, timeout=20000):
            screen.unlock()
        for index in range(screen.tabs.count()):
            screen.tabs.setCurrentIndex(index)
            _check(w, f"technician/{screen.tabs.tabText(index)}")
    finally:
        services.close()
