"""`<home>/enrollment.json`: the terminal's non-secret enrollment facts, read without the sync stack.

Contract: imports no HTTP or crypto library, so the kiosk can tell on the GUI thread, before its first paint, whether
the terminal is enrolled (importing `app.sync.enrollment` costs ~0.1 s of httpx and cryptography).
"""

from __future__ import annotations

import dataclasses
import json
import re
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
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UserError(m.ENROLLMENT_UNREADABLE, path=path, error=exc) from exc
    if not isinstance(data, dict):
        raise UserError(m.ENROLLMENT_UNREADABLE, path=path, error=f"expected a JSON object, got {type(data).__name__}")
    fields = {f.name: f for f in dataclasses.fields(TerminalIdentity)}
    unknown = sorted(set(data) - set(fields))
    missing = sorted(k for k, f in fields.items() if k not in data and f.default is dataclasses.MISSING)
    if unknown or missing:  # damaged, or written by another program
        problems = [f"missing key(s): {', '.join(missing)}"] if missing else []
        problems += [f"unknown key(s): {', '.join(unknown)}"] if unknown else []
        raise UserError(m.ENROLLMENT_UNREADABLE, path=path, error="; ".join(problems))
    for key, value in data.items():
        optional = key == "terminal_no"
        if not (isinstance(value, str) or (optional and value is None)):
            raise UserError(m.ENROLLMENT_UNREADABLE, path=path, error=f"{key} must be a string, got {value!r:.40}")
    if data.get("terminal_no") is not None and not re.fullmatch(r"\d{2}", data["terminal_no"]):
        raise UserError(
            m.ENROLLMENT_UNREADABLE, path=path, error=f"terminal_no {data['terminal_no']!r:.20} is not 2 digits"
        )
    return TerminalIdentity(**data)
