"""Colour for people, never for machines: errors in red, warnings in yellow, OK/WARN/FAIL marks in `yunban doctor`.

Contract: colour only on a terminal (the stream's `isatty()`), never when `NO_COLOR` is set (https://no-color.org:
any non-empty value), never with `TERM=dumb`, never in `--json` output (callers pass the text stream they print
to; JSON goes through `print_json`, which never colours). `FORCE_COLOR` (non-empty) turns colour on without a
terminal, for tests and pagers that understand ANSI.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

RED = "31"
YELLOW = "33"
GREEN = "32"
BOLD = "1"
DIM = "2"


def colour_enabled(stream: TextIO | None = None) -> bool:
    """Whether text printed to `stream` (default stderr) may carry ANSI colour."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def paint(text: str, code: str, stream: TextIO | None = None) -> str:
    """`text` wrapped in the SGR `code` when `stream` takes colour, else unchanged."""
    return f"\x1b[{code}m{text}\x1b[0m" if colour_enabled(stream) else text


def error(text: str, stream: TextIO | None = None) -> str:
    return paint(text, RED, stream)


def warning(text: str, stream: TextIO | None = None) -> str:
    return paint(text, YELLOW, stream)


def ok(text: str, stream: TextIO | None = None) -> str:
    return paint(text, GREEN, stream)


def print_error(text: str) -> None:
    """An error line on stderr, red on a terminal."""
    print(error(text, sys.stderr), file=sys.stderr)


def print_warning(text: str, *, stream: TextIO | None = None) -> None:
    """A warning line (stderr by default), yellow on a terminal."""
    out = sys.stderr if stream is None else stream
    print(warning(text, out), file=out)
