"""One clock: a record's UTC instant as the terminal's configured zone shows it (a citizen reading a receipt at
07:30 in Yunnan must not read 23:30 of the day before)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import ConfigError, config_template, load_config
from app.model import clock


@pytest.fixture(autouse=True)
def _default_zone() -> Iterator[None]:
    yield
    clock.set_terminal_zone(None)


def test_a_utc_record_time_is_shown_in_china_time_by_default() -> None:
    clock.set_terminal_zone(None)
    # Stored by records.db as UTC with Z: the citizen applied at 07:30 Beijing time on 7 December.
    assert clock.format_local("2026-12-06T23:30:00Z") == "2026-12-07 07:30"
    assert clock.local_date("2026-12-06T23:30:00Z") == dt.date(2026, 12, 7)
    assert clock.format_local(dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)) == "2026-12-07 07:30"
    assert clock.format_local(1796599800.0) == "2026-12-07 07:30"  # the same instant as a POSIX timestamp
    assert clock.format_local("2026-12-06T23:30:00") == "2026-12-07 07:30"  # naive: stored UTC


def test_another_configured_zone_is_followed_everywhere() -> None:
    clock.set_terminal_zone("Asia/Urumqi")  # UTC+6: a terminal configured for Xinjiang time
    assert clock.format_local("2026-12-06T23:30:00Z") == "2026-12-07 05:30"
    assert clock.terminal_zone_name() == "Asia/Urumqi"


def test_text_that_is_not_a_time_is_left_alone() -> None:
    assert clock.format_local("") == ""
    assert clock.format_local(None) == ""
    assert clock.format_local("尚未同步") == "尚未同步"


def test_an_unknown_zone_is_refused_by_the_helper_and_the_config(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        clock.set_terminal_zone("Mars/Olympus")
    path = tmp_path / "config.toml"
    path.write_text('[terminal]\ntime_zone = "Mars/Olympus"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    assert "terminal.time_zone" in caught.value.message()
    path.write_text('[terminal]\ntime_zone = "Asia/Shanghai"\n', encoding="utf-8")
    assert load_config(path, env={}).terminal.time_zone == "Asia/Shanghai"
    assert '# time_zone = "Asia/Shanghai"' in config_template()


def test_the_terminal_context_sets_the_configured_zone(tmp_path: Path) -> None:
    from app.context import AppContext

    (tmp_path / "config.toml").write_text('[terminal]\ntime_zone = "Asia/Tokyo"\n', encoding="utf-8")
    AppContext(tmp_path)
    assert clock.format_local("2026-12-06T23:30:00Z") == "2026-12-07 08:30"


def test_the_technician_status_and_sync_screens_read_the_configured_zone() -> None:
    """What a technician or a citizen reads on the screens: never the stored UTC, always the terminal's zone."""
    from ui.screens.status import _local
    from ui.screens.technician.updates import local_time
    from ui.sync_indicator import short_time

    stored = "2026-12-06T23:30:00Z"  # 07:30 on 7 December in Yunnan
    assert local_time(stored) == "2026-12-07 07:30"  # 软件更新 tab
    assert short_time(stored) == "12-07 07:30"  # the status bar's sync indicator and the 数据同步 tab
    assert _local(stored) == "2026-12-07 07:30"  # 进度查询
    clock.set_terminal_zone("Asia/Urumqi")
    assert local_time(stored) == "2026-12-07 05:30" and short_time(stored) == "12-07 05:30"
