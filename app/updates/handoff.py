"""The two files the unprivileged kiosk and the root updater pass each other (no shared directory, no shared rights).

- `<home>/update-request` — written by the kiosk (the technician pressed 安装更新), in the kiosk-owned home: JSON
  `{"requested_by", "requested_at", "bundle", "version"}`, written atomically (temporary name in the same directory,
  then rename), mode 0644. `packaging/debian/yunban-update.path` watches it and starts `yunban-update.service`
  (root), whose `yunban update apply --when-idle` removes it once the request has an outcome (applied, refused,
  nothing to do); a deferred run (a citizen is mid-application) keeps it, so the service retries. Root only deletes
  this file; what it installs is always the bundle it finds and verifies itself, never a path read from here.
- `<home>/updates/last-result.json` — written by `yunban update apply` (root) in the root-owned `<home>/updates/`
  (mode 0755): JSON `{"outcome": "ok"|"refused"|"deferred", "code", "message": {"zh_CN", "en"}, "version",
  "time", "requested"}`, atomically, mode 0644, so the kiosk can read it.

Contract: the kiosk never writes under `<home>/updates/` (root's: the terminal's TUF trust lives there) and root
never writes a file the kiosk could have prepared (it only unlinks the request). Readers get None for a missing or
unreadable/damaged file, never an exception.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import tempfile
from pathlib import Path

from app.errors import UserError
from app.i18n import Message

__all__ = [
    "REQUEST_NAME",
    "RESULT_NAME",
    "clear_request",
    "read_request",
    "read_result",
    "request_path",
    "result_path",
    "write_request",
    "write_result",
]

REQUEST_NAME = "update-request"
RESULT_NAME = "last-result.json"
LANGUAGES = ("zh_CN", "en")


def request_path(home: Path) -> Path:
    return home / REQUEST_NAME


def result_path(home: Path) -> Path:
    return home / "updates" / RESULT_NAME


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _write_json(path: Path, data: dict[str, object]) -> None:
    """Atomically (temporary file in the same directory, fsync, rename), mode 0644."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _read_json(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_request(home: Path, *, bundle: str, version: str, who: str | None = None) -> dict[str, object]:
    """The kiosk's request to install when idle; returns what was written."""
    try:
        user = who or getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    data: dict[str, object] = {"requested_by": user, "requested_at": _now(), "bundle": bundle, "version": version}
    _write_json(request_path(home), data)
    return data


def read_request(home: Path) -> dict[str, object] | None:
    return _read_json(request_path(home))


def clear_request(home: Path) -> bool:
    """Remove the request (root's updater, once it has an outcome); True when there was one."""
    try:
        request_path(home).unlink()
    except FileNotFoundError:
        return False
    return True


def write_result(
    home: Path,
    outcome: str,
    *,
    message: Message | UserError,
    version: str | None = None,
    requested: bool = False,
    **params: object,
) -> dict[str, object]:
    """Record how `yunban update apply` ended (`outcome` ok / refused / deferred), readable by the kiosk user."""
    if isinstance(message, UserError):
        code, texts = message.code, {lang: message.message(lang) for lang in LANGUAGES}
    else:
        code, texts = message.code, {lang: message.render(lang, **params) for lang in LANGUAGES}
    data: dict[str, object] = {
        "outcome": outcome,
        "code": code,
        "message": texts,
        "version": version,
        "time": _now(),
        "requested": requested,
    }
    directory = result_path(home).parent
    directory.mkdir(parents=True, exist_ok=True)
    if directory.stat().st_uid == os.geteuid():
        os.chmod(directory, 0o755)  # the kiosk user reads last-result.json (and the trust) through it
    _write_json(result_path(home), data)
    return data


def read_result(home: Path) -> dict[str, object] | None:
    return _read_json(result_path(home))
