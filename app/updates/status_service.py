"""What the technician screen's 软件更新 panel does, as the unprivileged kiosk user: show the update state, check a
USB bundle, and ask root to install it when idle (`app.updates.handoff`). It never installs anything itself.

Contract: `status()` and `check()` only read (a check verifies in a temporary directory, from a copy of the trusted
metadata, so it needs no write access to `<home>/updates/`); `request_apply` writes `<home>/update-request` only.
Refusals are `UserError`s with `updates.*` codes (the same messages as `yunban update check`). Every method may block
(dpkg queries, hashing a large .deb): callers run them off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from app.config import UpdateConfig
from app.updates.handoff import read_request, read_result, write_request
from app.updates.manager import UpdateManager

__all__ = ["UpdateStatusService"]


class UpdateStatusService:
    """The update facade for one terminal (`home`, its `[update]` settings)."""

    def __init__(self, home: Path, config: UpdateConfig, *, manager: UpdateManager | None = None) -> None:
        self.home = home
        self.manager = manager if manager is not None else UpdateManager(home, config)

    def status(self) -> dict[str, object]:
        """installed, previous (the kept version `rollback` would install), journal_pending, busy, last_result
        (`<home>/updates/last-result.json` or None), request (the pending install request or None)."""
        full = self.manager.status()
        return {
            "installed": full["installed"],
            "previous": full["previous"],
            "journal_pending": full["journal"] is not None,
            "busy": full["busy"],
            "last_result": read_result(self.home),
            "request": read_request(self.home),
        }

    def check(self, path: str | None = None) -> dict[str, object]:
        """Verify the bundle at `path` (None: the first `yunban-update/` on USB media) as `apply` would; the
        `yunban update check --json` keys. Raises the refusal as a `UserError`."""
        return self.manager.check(path)

    def request_apply(self, bundle_path: str, version: str = "") -> dict[str, object]:
        """Ask root's `yunban-update.path` to install when idle; returns the request written."""
        return write_request(self.home, bundle=bundle_path, version=version)
