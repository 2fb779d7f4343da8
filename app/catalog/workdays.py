"""Working days (工作日) and the promised completion date (承诺办结日期) of an application.

Contract: weekends are rest days unless the catalog's `holidays.yaml` says otherwise (`holidays`: extra rest days,
`workdays`: weekend days worked, 调休); a malformed calendar raises `UserError`. The acceptance day is day 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from app.catalog import messages as m
from app.errors import UserError

__all__ = [
    "MAX_LIMIT_DAYS",
    "HolidayCalendar",
    "accepted_on",
    "add_workdays",
    "bundled_calendar",
    "calendar_from_dates",
    "load_holiday_calendar",
    "parse_holiday_calendar",
    "promised_date",
    "workdays_between",
]

MAX_LIMIT_DAYS = 3_650
"""Longest time limit accepted (about 14 years of working days): a larger number is a data error, not a promise."""


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """Rest days besides weekends, and weekend days that are working days (调休)."""

    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)
    source: str = ""
    """Where the calendar came from (a path), empty for weekends only."""

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    @property
    def years(self) -> frozenset[int]:
        """Years the calendar says anything about; outside them only weekends count."""
        return frozenset(d.year for d in self.holidays | self.workdays)


def _dates(value: Any, key: str, source: str) -> frozenset[dt.date]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise UserError(m.CALENDAR_NOT_LIST, source=source, key=key)
    days: set[dt.date] = set()
    for item in value:
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            days.add(item)
            continue
        try:
            days.add(dt.date.fromisoformat(str(item)))
        except ValueError:
            raise UserError(m.CALENDAR_BAD_DATE, source=source, key=key, value=repr(item)) from None
    return frozenset(days)


def parse_holiday_calendar(document: Any, source: str = "holidays.yaml") -> HolidayCalendar:
    """A calendar from the parsed `holidays.yaml` document; a day both rest day and working day is refused."""
    if document is None:
        return HolidayCalendar(source=source)
    if not isinstance(document, dict):
        raise UserError(m.CALENDAR_NOT_MAPPING, source=source)
    unknown = sorted(set(document) - {"holidays", "workdays"})
    if unknown:
        raise UserError(m.CALENDAR_UNKNOWN_KEY, source=source, key=unknown[0])
    holidays = _dates(document.get("holidays"), "holidays", source)
    workdays = _dates(document.get("workdays"), "workdays", source)
    both = sorted(holidays & workdays)
    if both:
        day = both[0].isoformat()
        raise UserError(m.CALENDAR_BOTH, source=source, day=day)
    return HolidayCalendar(holidays=holidays, workdays=workdays, source=source)


def load_holiday_calendar(path: Path | None) -> HolidayCalendar:
    """The calendar in `path`; an absent file (or None) gives weekends only. A malformed file raises `UserError`."""
    if path is None or not path.exists():
        return HolidayCalendar()
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as exc:  # PyYAML raises ValueError for 2026-13-01
        raise UserError(m.CALENDAR_NOT_YAML, source=str(path), error=exc) from exc
    return parse_holiday_calendar(document, str(path))


def bundled_calendar() -> HolidayCalendar:
    """The demo catalog's `holidays.yaml` (app/data/demo_catalog/), or weekends only when it is not there."""
    try:
        resource = resources.files("app.data").joinpath("demo_catalog", "holidays.yaml")
        if not resource.is_file():
            return HolidayCalendar()
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        return HolidayCalendar()
    try:
        document = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise UserError(m.CALENDAR_NOT_YAML, source="demo_catalog/holidays.yaml", error=exc) from exc
    return parse_holiday_calendar(document, "demo_catalog/holidays.yaml")


def _check_days(days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_LIMIT_DAYS:
        raise ValueError(f"a time limit must be 0..{MAX_LIMIT_DAYS} working days, got {days!r}")


def accepted_on(day: dt.date, calendar: HolidayCalendar) -> dt.date:
    """The working day an application made on `day` counts as accepted: `day` itself, or the next working day."""
    # A calendar is finite and weekends end, so this stops within a few days past the calendar's last holiday.
    while not calendar.is_workday(day):
        day += dt.timedelta(days=1)
    return day


def add_workdays(start: dt.date, days: int, calendar: HolidayCalendar) -> dt.date:
    """The `days`-th working day after `start` (`start` itself when `days` is 0; `start` need not be a working day)."""
    _check_days(days)
    day = start
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day):
            remaining -= 1
    return day


def promised_date(accepted: dt.date | dt.datetime, limit_days: int | None, calendar: HolidayCalendar) -> dt.date | None:
    """The promised completion date for an application made on `accepted` with a 承诺办结时限 of `limit_days` working
    days; None when the item promises no limit.

    An application accepted on a rest day (a kiosk on a Sunday) counts as accepted on the next working day; that day
    is day 0 and the promised date is the N-th working day after it, so a limit of 0 (即办件) gives the acceptance
    day."""
    if limit_days is None:
        return None
    day = accepted.date() if isinstance(accepted, dt.datetime) else accepted
    return add_workdays(accepted_on(day, calendar), limit_days, calendar)


def workdays_between(start: dt.date, end: dt.date, calendar: HolidayCalendar) -> int:
    """Working days in (start, end]: 0 when end is not after start."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        count += calendar.is_workday(day)
    return count


def calendar_from_dates(holidays: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()) -> HolidayCalendar:
    """A calendar built in code (tests, callers holding the catalog's calendar rows)."""
    return parse_holiday_calendar(
        {"holidays": [d.isoformat() for d in holidays], "workdays": [d.isoformat() for d in workdays]}, "<code>"
    )
