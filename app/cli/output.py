"""Output helpers for the CLI: JSON for machines, CJK-aware tables for people."""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from app.context import AppContext
from app.errors import UserError
from app.i18n import Message


def context(args: Any) -> AppContext:
    """The terminal the command works on (`--home`, `$YUNBAN_HOME` or the default)."""
    return AppContext(getattr(args, "home", None))


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters (CJK) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print rows under headers with columns aligned by display width."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def int_range(low: int, high: int) -> Callable[[str], int]:
    """An argparse `type` for a whole number from `low` to `high`: anything else is a usage error (exit 2) naming the
    range, never a traceback or a silent clamp."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{text!r}: 应为 {low} 到 {high} 的整数 / a whole number from {low} to {high}"
            )
        return value

    parse.__name__ = "int"
    return parse


def refuse_empty(name: str, value: str, what: Message) -> None:
    """A positional argument given empty (`yunban records show ""`) is refused naming what it takes (issue 17), not
    looked up as the empty string."""
    if not value.strip():
        from app.cli import messages as m

        raise UserError(m.EMPTY_ARGUMENT, name=name, what=m.say(what))


class CliError(UserError):
    """A refusal with more to say than one line: `details` (extra `--json` keys, e.g. `problems` or `fix`) and
    `lines` (printed under the message in text mode). `code` may keep the code of the error it explains."""

    def __init__(
        self,
        message: Message | str,
        /,
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        lines: Sequence[str] = (),
        exit_code: int = 2,
        **params: object,
    ) -> None:
        super().__init__(message, **params)
        self._code = code
        self.details = dict(details or {})
        self.lines = list(lines)
        self.exit_code = exit_code

    @property
    def code(self) -> str:
        return self._code or self.msg.code
