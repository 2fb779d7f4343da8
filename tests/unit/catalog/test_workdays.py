"""Working days and the promised completion date (承诺办结时限), with property tests against a day-by-day count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.catalog.workdays import (
    HolidayCalendar,
    accepted_on,
    add_workdays,
    bundled_calendar,
    calendar_from_dates,
    load_holiday_calendar,
    promised_date,
    workdays_between,
)
from app.errors import UserError

D = dt.date
WEEKENDS = HolidayCalendar()
# 2026 National Day: 10-01..10-07 off (10-01..10-03 are the holidays proper), Sunday 09-27 and Saturday 10-10 worked.
GOLDEN_WEEK = calendar_from_dates(
    holidays=[D(2026, 10, d) for d in range(1, 8)], workdays=[D(2026, 9, 27), D(2026, 10, 10)]
)


def test_weekends_only() -> None:
    friday = D(2026, 11, 27)
    assert promised_date(friday, 1, WEEKENDS) == D(2026, 11, 30)  # Monday
    assert promised_date(friday, 5, WEEKENDS) == D(2026, 12, 4)
    assert promised_date(friday, 0, WEEKENDS) == friday  # 即办件
    assert promised_date(friday, None, WEEKENDS) is None


def test_applied_on_a_sunday_counts_from_monday() -> None:
    sunday = D(2026, 11, 29)
    assert accepted_on(sunday, WEEKENDS) == D(2026, 11, 30)
    assert promised_date(sunday, 1, WEEKENDS) == D(2026, 12, 1)
    assert promised_date(dt.datetime(2026, 11, 29, 16, 30), 0, WEEKENDS) == D(2026, 11, 30)


def test_golden_week_and_adjusted_working_days() -> None:
    assert promised_date(D(2026, 9, 30), 1, GOLDEN_WEEK) == D(2026, 10, 8)
    assert promised_date(D(2026, 9, 25), 1, GOLDEN_WEEK) == D(2026, 9, 27)  # Friday → the worked Sunday
    assert promised_date(D(2026, 10, 9), 1, GOLDEN_WEEK) == D(2026, 10, 10)  # the worked Saturday
    assert promised_date(D(2026, 10, 3), 0, GOLDEN_WEEK) == D(2026, 10, 8)
    assert GOLDEN_WEEK.years == frozenset({2026})


def test_limits_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError):
        add_workdays(D(2026, 1, 1), -1, WEEKENDS)
    with pytest.raises(ValueError):
        add_workdays(D(2026, 1, 1), 10**9, WEEKENDS)


def test_load_file_absent_present_and_malformed(tmp_path: Path) -> None:
    assert load_holiday_calendar(tmp_path / "missing.yaml") == HolidayCalendar()
    assert load_holiday_calendar(None).holidays == frozenset()
    path = tmp_path / "holidays.yaml"
    path.write_text('holidays: ["2026-10-01", 2026-10-02]\nworkdays: ["2026-09-27"]\n', encoding="utf-8")
    cal = load_holiday_calendar(path)
    assert cal.holidays == {D(2026, 10, 1), D(2026, 10, 2)} and cal.workdays == {D(2026, 9, 27)}
    for bad, words in [
        ("holidays: [2026-13-01]\n", "YAML"),
        ('holidays: ["2026-13-01"]\n', "不是 YYYY-MM-DD"),
        ("holidays: 2026-10-01\n", "日期列表"),
        ("holiday: []\n", "未知的键"),
        ('holidays: ["2026-10-01"]\nworkdays: ["2026-10-01"]\n', "同时是休息日和工作日"),
        ("holidays: [\n", "YAML"),
    ]:
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(UserError, match=words):
            load_holiday_calendar(path)


def test_bundled_calendar_loads_or_falls_back_to_weekends() -> None:
    cal = bundled_calendar()
    assert isinstance(cal, HolidayCalendar)
    assert all(not cal.is_workday(d) for d in cal.holidays)


# ------------------------------------------------------------------------------------------------ property tests

days = st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31))
limits = st.integers(min_value=0, max_value=400)


@st.composite
def calendars(draw: st.DrawFn) -> HolidayCalendar:
    base = draw(days)
    offsets = draw(st.lists(st.integers(min_value=-30, max_value=500), max_size=40, unique=True))
    picked = [base + dt.timedelta(days=o) for o in offsets]
    weekend = [d for d in picked if d.weekday() >= 5]
    weekday = [d for d in picked if d.weekday() < 5]
    flips = draw(st.lists(st.booleans(), min_size=len(weekend), max_size=len(weekend)))
    return calendar_from_dates(holidays=weekday, workdays=[d for d, f in zip(weekend, flips, strict=True) if f])


def naive_promised(start: dt.date, n: int, cal: HolidayCalendar) -> dt.date:
    """The rule spelled out day by day: accept on the first working day ≥ start, then count n working days."""
    day = start
    while not cal.is_workday(day):
        day += dt.timedelta(days=1)
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if cal.is_workday(day):
            counted += 1
    return day


@settings(max_examples=200, deadline=None)
@given(start=days, n=limits, cal=calendars())
def test_promised_date_properties(start: dt.date, n: int, cal: HolidayCalendar) -> None:
    due = promised_date(start, n, cal)
    assert due is not None
    assert due == naive_promised(start, n, cal)
    assert due >= start
    assert cal.is_workday(due)  # the promise always falls on a working day
    assert workdays_between(accepted_on(start, cal), due, cal) == n
    if n >= 1:
        assert due > start
        earlier = promised_date(start, n - 1, cal)
        assert earlier is not None and earlier < due  # strictly increasing in n


@settings(max_examples=200, deadline=None)
@given(start=days, n=limits)
def test_weekends_only_fits_the_closed_form(start: dt.date, n: int) -> None:
    due = promised_date(start, n, WEEKENDS)
    assert due is not None and due.weekday() < 5
    accepted = accepted_on(start, WEEKENDS)
    weeks, rest = divmod(n, 5)
    expected = accepted + dt.timedelta(weeks=weeks)
    for _ in range(rest):
        expected += dt.timedelta(days=1)
        while expected.weekday() >= 5:
            expected += dt.timedelta(days=1)
    assert due == expected
    # 5 working days are always exactly one calendar week later
    assert promised_date(start, n + 5, WEEKENDS) == due + dt.timedelta(weeks=1)


@settings(max_examples=200, deadline=None)
@given(start=days, n=limits, extra=st.lists(st.integers(min_value=0, max_value=600), max_size=20))
def test_more_holidays_never_bring_the_date_earlier(start: dt.date, n: int, extra: list[int]) -> None:
    more = calendar_from_dates(holidays=[start + dt.timedelta(days=o) for o in extra])
    later, plain = promised_date(start, n, more), promised_date(start, n, WEEKENDS)
    assert later is not None and plain is not None and later >= plain
