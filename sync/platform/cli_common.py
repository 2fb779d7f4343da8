"""What every `yunban platform ...` command module shares (the data directory, JSON output); no registration here,
so the command modules import it without importing each other."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

DEFAULT_DATA = "platform-data"


def data_dir(args: Any) -> Path:
    """`--data`, else `$YUNBAN_PLATFORM_DATA`, else `./platform-data`."""
    return Path(getattr(args, "data", None) or os.environ.get("YUNBAN_PLATFORM_DATA") or DEFAULT_DATA)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
