"""The `yunban` command line: a public interface for technicians and integrators.

Command names, options and `--json` keys are stable: add, don't rename. Every command takes `--home DIR` and
`--json`. Each command group lives in its own module with a `register(subparsers, common)` function; the handlers
call the same services as the UI (`app.context.AppContext`), never around them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence

from app import __version__
from app.errors import UserError
from sync.platform.errors import PlatformError

# Command modules, in the order they appear in `yunban --help`.
COMMAND_MODULES = [
    "app.cli.catalog",
    "app.cli.check",
    "app.cli.devices",
    "app.cli.enroll",
    "app.cli.provision",
    "app.cli.sync",
    "app.cli.records",
    "app.cli.platform",
    "app.cli.kiosk",
    "app.cli.demo",
    "app.cli.submit",
    "app.cli.update",
    "app.cli.audit",
    "app.cli.staff",
    "app.cli.doctor",
    "app.cli.keyring",
    "app.cli.completion",
]

log = logging.getLogger("yunban.cli")


def _common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--home",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the terminal's data directory (default: $YUNBAN_HOME or the user data directory)",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable JSON output")
    common.add_argument(
        "--progress",
        choices=["auto", "bar", "plain", "json", "none"],
        default=argparse.SUPPRESS,
        help="progress of long work on stderr: a bar on a terminal, plain lines otherwise, JSON lines, or none "
        "(default auto: none with --json)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_parser()
    parser = argparse.ArgumentParser(
        prog="yunban",
        description="Yunban (云办): offline-first terminal for township and village government service halls",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"yunban {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # shell completion (`yunban completion bash|zsh`): answers, then exits
        from app.cli.completion import autocomplete

        autocomplete(parser)
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    args.json = getattr(args, "json", False)
    args.home = getattr(args, "home", None)
    args.progress = getattr(args, "progress", "auto")
    try:
        result = args.func(args)
    except (UserError, PlatformError) as exc:
        _report_error(args, exc)
        return exc.exit_code
    except KeyboardInterrupt:  # Ctrl+C: said in one line, never a traceback
        print("yunban: 已中断 / interrupted", file=sys.stderr)
        return 130
    except EOFError:  # Ctrl+D at a password or passphrase prompt: the input ended before an answer
        print("yunban: 输入已结束，未做任何更改 / input ended; nothing changed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `yunban … | head`: the reader left; no traceback (docs/cli.md, exit codes)
        return _reader_gone()
    return int(result or 0)


SIGPIPE_EXIT = 141
"""128 + SIGPIPE: what a shell reports for a program whose reader went away (`yunban … | head`)."""


def _reader_gone() -> int:
    """stdout's reader closed the pipe: point stdout at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a file descriptor (a test's capture)
        pass
    return SIGPIPE_EXIT


def _report_error(args: argparse.Namespace, exc: UserError | PlatformError) -> None:
    """A refusal: `{"error", "code", …details}` on stdout with --json, else red `yunban: …` lines on stderr."""
    from app.cli.output import CliError
    from app.cli.style import print_error

    if isinstance(exc, UserError) and exc.code.startswith("records.keystore_"):
        from app.cli.keyring_help import explain
        from app.paths import resolve_home

        try:
            exc = explain(exc, resolve_home(args.home))
        except Exception:  # an unusable --home: the keystore's own message still says what is wrong
            log.debug("keyring hint unavailable", exc_info=True)
    details = exc.details if isinstance(exc, CliError) else {}
    if args.json:
        code = exc.code if isinstance(exc, UserError) else "platform"
        print(json.dumps({"error": str(exc), "code": code, **details}, ensure_ascii=False))
        return
    print_error(f"yunban: {exc}")
    for line in exc.lines if isinstance(exc, CliError) else ():
        print_error(f"  {line}")


if __name__ == "__main__":
    sys.exit(main())
