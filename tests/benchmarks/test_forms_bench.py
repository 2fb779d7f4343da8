"""Form benchmarks: rendering a 60-field form, validating its answers, switching its language.

Skipped by default (`--benchmark-skip` in addopts). Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/test_forms_bench.py \
        --benchmark-enable --benchmark-only

The 60 fields cycle through 12 input types (text, number, date, choice, yes/no, phone, ID number, amount,
multichoice, textarea, division over the real 16,495-row Yunnan tree, USCC), 6 per page (10 pages); docs/benchmarks.md
("Forms") holds the figures.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.forms.engine.answers import validate_answers
from app.forms.engine.definition import parse_form
from tests.support.form_samples import id_number, uscc, wide_form
from ui.forms import DivisionTree, FormView

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tree() -> DivisionTree:
    with (ROOT / "app" / "data" / "divisions" / "yunnan-divisions.csv").open(encoding="utf-8") as fh:
        return DivisionTree.from_rows((r["code"], r["name"], r["parent_code"]) for r in csv.DictReader(fh))


def sample_answers(definition: Any) -> dict[str, Any]:
    values = {
        "text": "张三",
        "number": 3,
        "date": "1980-01-01",
        "choice": "1",
        "yesno": True,
        "phone": "13800871234",
        "id_number": id_number(),
        "amount": "1250.50",
        "multichoice": ["0", "2"],
        "textarea": "说明" * 50,
        "division": "532524103205",
        "uscc": uscc(),
    }
    return {f.id: values[f.type] for f in definition.fields}


def _render(benchmark: Any, qtbot: QtBot, tree: DivisionTree, *, every_page: bool) -> FormView:
    definition = parse_form(wide_form(60))
    assert len(definition.fields) == 60
    views: list[FormView] = []

    def render() -> FormView:
        view = FormView(definition, divisions=tree, today=dt.date(2026, 11, 27))
        view.resize(1080, 1920)
        view.show()
        qtbot.waitExposed(view)
        view.grab()  # the first page painted
        if every_page:
            for index in range(1, len(view.pages)):
                view._show_page(index)
                view.grab()
        views.append(view)
        return view

    def teardown(*_: Any) -> None:
        while views:
            views.pop().deleteLater()

    view: FormView = benchmark.pedantic(render, rounds=15, iterations=1, warmup_rounds=1, teardown=teardown)
    return view


def test_render_60_field_form_first_page(benchmark: Any, qtbot: QtBot, tree: DivisionTree) -> None:
    """What the citizen waits for: the form open with its first page painted (later pages build when shown)."""
    view = _render(benchmark, qtbot, tree, every_page=False)
    assert len(view.pages) == 10 and [p.built for p in view.pages].count(True) == 1


def test_render_60_field_form_every_page(benchmark: Any, qtbot: QtBot, tree: DivisionTree) -> None:
    """The whole form: every one of the 10 pages built and painted once."""
    view = _render(benchmark, qtbot, tree, every_page=True)
    assert all(p.built for p in view.pages)


def test_set_answers_60_fields(benchmark: Any, qtbot: QtBot, tree: DivisionTree) -> None:
    definition = parse_form(wide_form(60))
    view = FormView(definition, divisions=tree)
    qtbot.addWidget(view)
    view.build_all()
    answers = sample_answers(definition)
    benchmark(view.set_answers, answers)
    assert view.answers() == answers


def test_validate_60_fields(benchmark: Any) -> None:
    definition = parse_form(wide_form(60))
    answers = sample_answers(definition)
    errors = benchmark(validate_answers, definition, answers, today=dt.date(2026, 11, 27))
    assert errors == {}


def test_validate_10_mb_paste(benchmark: Any) -> None:
    definition = parse_form(wide_form(60))
    answers = sample_answers(definition) | {"f9": "粘" * (10 * 1024 * 1024)}
    errors = benchmark(validate_answers, definition, answers, today=dt.date(2026, 11, 27))
    assert errors["f9"].code == "too_long"


def test_switch_language_60_fields(benchmark: Any, qtbot: QtBot, tree: DivisionTree) -> None:
    view = FormView(parse_form(wide_form(60)), divisions=tree)
    qtbot.addWidget(view)
    view.build_all()
    state = {"lang": "zh_CN"}

    def toggle() -> None:
        state["lang"] = "en" if state["lang"] == "zh_CN" else "zh_CN"
        view.set_language(state["lang"])

    benchmark(toggle)
