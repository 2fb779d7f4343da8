"""One clock for everything a person reads: times shown in the terminal's configured time zone.

Records, the outbox and the platform store instants in UTC (ISO 8601 with `Z`); screens, receipts and the CLI's
human output show them in the terminal's zone (`terminal.time_zone` in config.toml, IANA name, default
`Asia/Shanghai`). The composition root (`AppContext`) calls `set_terminal_zone` once from the configuration; every
screen, printed document and command then formats through `local_time` / `format_local`, so no place shows UTC as it
is. Standard library only (an `app.model` module), so the UI, the services and the CLI may all import it.

Contract: `format_local(value)` accepts an aware `datetime`, an ISO 8601 string (`Z` or an offset; a naive string is
taken as UTC, the way records store it) or a POSIX timestamp, and returns `YYYY-MM-DD HH:MM` in the terminal's zone;
an empty or unreadable value gives "" (or the string as it was, for text that is not a time).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DEFAULT_TIME_ZONE",
    "format_local",
    "local_date",
    "local_time",
    "set_terminal_zone",
    "terminal_zone",
    "terminal_zone_name",
    "valid_zone",
]

DEFAULT_TIME_ZONE = "Asia/Shanghai"
"""China Standard Time (UTC+8, no daylight saving since 1991): every hall in Yunnan."""

_FIXED = {"Asia/Shanghai": dt.timezone(dt.timedelta(hours=8), "CST"), "UTC": dt.UTC}
"""Used when the system has no tz database (a minimal root): the default zone is a fixed offset anyway."""

_zone: dt.tzinfo | None = None
_zone_name = DEFAULT_TIME_ZONE


def _load(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        fixed = _FIXED.get(name)
        if fixed is None:
            raise
        return fixed


def valid_zone(name: str) -> bool:
    """`name` is an IANA zone this system knows (or the default, which never needs the tz database)."""
    try:
        _load(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def set_terminal_zone(name: str | None) -> dt.tzinfo:
    """Make `name` (IANA, e.g. `Asia/Shanghai`; None or "" for the default) the zone of every shown time; returns it.
    An unknown name raises `ValueError` (the configuration check refuses it first)."""
    global _zone, _zone_name
    chosen = name or DEFAULT_TIME_ZONE
    try:
        zone = _load(chosen)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone: {chosen}") from exc
    _zone, _zone_name = zone, chosen
    return zone


def terminal_zone() -> dt.tzinfo:
    """The configured zone (the default until `set_terminal_zone` is called)."""
    global _zone
    if _zone is None:
        _zone = _load(_zone_name)
    return _zone


def terminal_zone_name() -> str:
    return _zone_name


def _parse(value: dt.datetime | str | float | int | None) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, int | float):
        return dt.datetime.fromtimestamp(float(value), dt.UTC)
    else:
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def local_time(value: dt.datetime | str | float | int | None) -> dt.datetime | None:
    """The instant in the terminal's zone (None for an empty or unreadable value)."""
    moment = _parse(value)
    return moment.astimezone(terminal_zone()) if moment is not None else None


def local_date(value: dt.datetime | str | float | int | None = None) -> dt.date:
    """The terminal's calendar day of an instant (now when None)."""
    moment = local_time(value) if value is not None else dt.datetime.now(terminal_zone())
    assert moment is not None
    return moment.date()


def format_local(value: dt.datetime | str | float | int | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """`value` as the terminal's wall-clock time. Text that is not a time comes back as it was (a status note)."""
    moment = local_time(value)
    if moment is None:
        return value if isinstance(value, str) else ""
    return moment.strftime(fmt)
