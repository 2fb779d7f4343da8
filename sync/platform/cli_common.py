"""What every `yunban platform ...` command module shares (the data directory, JSON output); no registration here,
so the command modules import it without importing each other."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sync.platform.errors import PlatformError

DEFAULT_DATA = "platform-data"


def data_dir(args: Any) -> Path:
    """`--data`, else `$YUNBAN_PLATFORM_DATA`, else `./platform-data`."""
    return Path(getattr(args, "data", None) or os.environ.get("YUNBAN_PLATFORM_DATA") or DEFAULT_DATA)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def refuse_empty(option: str, value: str | None, what: str = "a receipt number", unset: str = "to list all") -> None:
    """An option that filters by a value, given an empty one (`--receipt ""`), is refused: it would list nothing or,
    taken as no filter, everything."""
    if value is not None and not value.strip():
        raise PlatformError(f"{option} is empty: give {what}, or leave {option} out {unset}")
