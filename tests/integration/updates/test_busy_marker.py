"""The kiosk's application session holds the "citizen mid-application" marker the updater respects: from
`ApplyService.start` (a real session on the demo catalog) until `discard` (what the idle wipe, leaving and finishing
call)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.apply.busy import is_busy
from app.config import UpdateConfig
from app.context import AppContext
from app.updates.manager import UpdateManager
from tests.integration.apply.conftest import ID_CARD_ITEM, PASSPHRASE


def test_a_live_application_session_defers_updates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")
    ctx = AppContext(home)
    try:
        updates = UpdateManager(home, UpdateConfig(dpkg_root=str(tmp_path / "root")), media_globs=())
        assert updates.busy() is False
        first = ctx.apply.start(ID_CARD_ITEM, channel="kiosk")
        second = ctx.apply.start(ID_CARD_ITEM, channel="kiosk")
        assert updates.busy() is True and is_busy(home / "run" / "session.lock")
        ctx.apply.discard(first)
        assert updates.busy() is True  # the other session is still live
        ctx.apply.discard(second)
        assert updates.busy() is False
    finally:
        ctx.close()
