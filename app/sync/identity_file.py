"""`<home>/enrollment.json`: the terminal's non-secret enrollment facts, read without the sync stack.

Contract: imports no HTTP or crypto library, so the kiosk can tell on the GUI thread, before its first paint, whether
the terminal is enrolled (importing `app.sync.enrollment` costs ~0.1 s of httpx and cryptography).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.model.terminal import TerminalIdentity
from app.sync import messages as m

IDENTITY_FILE = "enrollment.json"


def read_identity(home: Path) -> TerminalIdentity | None:
    """The enrollment facts in `home`, or None for a terminal never enrolled; a damaged file is a `UserError`."""
    path = home / IDENTITY_FILE
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UserError(m.ENROLLMENT_UNREADABLE, path=path, error=exc) from exc
    try:
        return TerminalIdentity(**data)
    except TypeError as exc:  # a field missing or unknown: damaged, or written by another program
        raise UserError(m.ENROLLMENT_UNREADABLE, path=path, error=exc) from exc
