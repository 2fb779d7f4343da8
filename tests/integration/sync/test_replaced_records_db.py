"""A records.db replaced or re-created under an enrolled terminal (a disk swap, a restored backup without it) would
restart the day's receipt counters and, without the terminal number, number as `01`: receipt numbers the platform
already holds. The terminal refuses to number until it is enrolled again (which gives a new terminal number), and the
kiosk starts into the provisioning screen instead of home."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import app.main
from app.context import AppContext
from app.errors import UserError
from app.records.service import validate_receipt_no
from tests.support.cli import KEYRING_PASSPHRASE, make_home
from tests.support.platform import InProcessPlatform
from ui.screens.provisioning import ProvisioningScreen


@pytest.fixture
def home(tmp_path: Path, platform: InProcessPlatform, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    monkeypatch.setenv("YUNBAN_PLATFORM_URL", platform.url)
    home = make_home(tmp_path / "terminal")
    ctx = AppContext(home)
    try:
        ctx.enrollment.enroll(platform.enroll_code(), platform.url)
        made = ctx.records.make_test(1)[0]
        assert made.receipt_no is not None and made.receipt_no[12:14] == "01"
        assert ctx.sync.run_until_idle(timeout_s=30).delivered == 1
    finally:
        ctx.close()
    for name in ("records.db", "records.db-wal", "records.db-shm"):
        (home / name).unlink(missing_ok=True)  # replaced: a new, empty records.db appears at the next start
    return home


def test_a_replaced_records_db_issues_no_receipt_number_until_enrolled_again(
    home: Path, platform: InProcessPlatform
) -> None:
    ctx = AppContext(home)
    try:
        assert ctx.records_db_replaced()
        with pytest.raises(UserError) as err:
            ctx.records.make_test(1)
        assert err.value.code == "records.db_replaced"
        identity = ctx.enrollment.enroll(platform.enroll_code(), platform.url, force=True)
        assert identity.terminal_no == "02" and not ctx.records_db_replaced()
        receipt = ctx.records.make_test(1)[0].receipt_no
        assert receipt is not None and validate_receipt_no(receipt) and receipt[12:14] == "02"
        assert ctx.sync.run_until_idle(timeout_s=30).quarantined == 0
    finally:
        ctx.close()


def test_the_kiosk_starts_into_provisioning_after_a_replaced_records_db(qtbot: QtBot, home: Path) -> None:
    ctx = AppContext(home)
    try:
        window = app.main.build_kiosk(ctx)
        qtbot.addWidget(window)
        assert isinstance(window.current, ProvisioningScreen) and window.held is window.current
    finally:
        ctx.close()


def test_a_terminal_never_enrolled_numbers_as_01_and_is_not_flagged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    ctx = AppContext(make_home(tmp_path / "fresh"))
    try:
        assert not ctx.records_db_replaced()
        receipt = ctx.records.make_test(1)[0].receipt_no
        assert receipt is not None and receipt[12:14] == "01"
    finally:
        ctx.close()
