"""`yunban completion bash|zsh`: the shell completion script (argcomplete), and the completers behind it.

Install: `yunban completion bash > /etc/bash_completion.d/yunban` (or `eval "$(yunban completion bash)"` in
~/.bashrc); zsh: `yunban completion zsh > "${fpath[1]}/_yunban"`. The .deb installs both (bash-completion's
/usr/share/bash-completion/completions/yunban, zsh's /usr/share/zsh/vendor-completions/_yunban).

Contract: commands, subcommands, options and choices complete from the parser itself; item and theme codes
(`catalog show`, `submit --item`) complete from the terminal's catalog mirror when it exists (never created for
it), division codes (`--division`, `check division`) from the bundled GB/T 2260 + statistical division table.
A completer never fails the shell: any error completes nothing.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

SHELLS = ("bash", "zsh")
MAX_CANDIDATES = 500


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "completion", parents=[common], help="print the bash or zsh completion script (installed by the .deb)"
    )
    p.add_argument("shell", choices=SHELLS, metavar="bash|zsh", help="the shell to complete for")
    p.set_defaults(func=cmd_completion)


def cmd_completion(args: argparse.Namespace) -> int:
    import argcomplete

    script: str = argcomplete.shellcode(["yunban"], shell=args.shell)  # type: ignore[attr-defined]
    if args.json:
        from app.cli.output import print_json

        print_json({"shell": args.shell, "script": script})
    else:
        print(script)
    return 0


def item_codes(prefix: str, parsed_args: Any = None, **_: Any) -> list[str]:
    """Item and theme codes in the terminal's catalog mirror starting with `prefix` (nothing without a mirror)."""
    try:
        from app.context import AppContext
        from app.paths import HomePaths, resolve_home

        home = resolve_home(getattr(parsed_args, "home", None))
        if not HomePaths(home).catalog_db.exists():
            return []
        ctx = AppContext(home)
        try:
            codes = [t.code for t in ctx.catalog.list_themes()] + [s.code for s in ctx.catalog.browse()]
        finally:
            ctx.close()
        return _matching(codes, prefix)
    except Exception:  # completion never fails the shell
        log.debug("item code completion failed", exc_info=True)
        return []


def division_codes(prefix: str, **_: Any) -> list[str]:
    """Division codes starting with `prefix`; short prefixes give the next level only, so the list stays short."""
    try:
        from app.identity.divisions import division_names

        codes = sorted(division_names())
        matching = [c for c in codes if c.startswith(prefix)]
        if len(matching) > MAX_CANDIDATES:  # the next level down only (2 → 4 → 6 → 9 → 12 digits)
            for length in (2, 4, 6, 9, 12):
                if length > len(prefix):
                    level = [c for c in matching if len(c.rstrip("0")) <= length]
                    if level:
                        return level[:MAX_CANDIDATES]
        return matching[:MAX_CANDIDATES]
    except Exception:
        log.debug("division code completion failed", exc_info=True)
        return []


def _matching(codes: Iterable[str], prefix: str) -> list[str]:
    return sorted({c for c in codes if c.startswith(prefix)})[:MAX_CANDIDATES]


def _parsers(parser: argparse.ArgumentParser) -> Iterable[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    stack: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = [((), parser)]
    while stack:
        path, current = stack.pop()
        yield path, current
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                stack.extend(((*path, name), sub) for name, sub in action.choices.items())


def attach_completers(parser: argparse.ArgumentParser) -> None:
    """Item codes for `catalog show CODE` and `--item`, division codes for `--division` and `check division`."""
    for path, current in _parsers(parser):
        for action in current._actions:
            if "--item" in action.option_strings or (path == ("catalog", "show") and action.dest == "code"):
                action.completer = item_codes  # type: ignore[attr-defined]
            elif "--division" in action.option_strings or (path == ("check", "division") and action.dest == "value"):
                action.completer = division_codes  # type: ignore[attr-defined]


def autocomplete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request (`_ARGCOMPLETE` set by the script) and exit; no-op otherwise."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete

    attach_completers(parser)
    argcomplete.autocomplete(parser)
