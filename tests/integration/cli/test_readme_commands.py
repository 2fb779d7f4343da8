"""The README's CLI table against the parser (issue 17): every command the parser has is in the table, every command
and option the table names exists, and every command has a help line. Generic: a new command needs only its README
row.

Table grammar (README "## CLI", first column): backticked spans separated by ` / `. A span starting with `yunban`
names a command path (words that are subcommands, `a\\|b` for alternatives), then its arguments; a span starting
with a word is a sibling of the previous span's command (`yunban sync run` / `status`); a span starting with `-`
adds options to the previous command. Every `--option` in a span must be an option of that command.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from app.cli import build_parser

REPO = Path(__file__).resolve().parents[3]
COMMON = {"--home", "--json", "--progress", "--help", "-h"}


Parsers = dict[tuple[str, ...], argparse.ArgumentParser]


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Parsers:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return {path: parser}
    out: Parsers = {}
    for action in subs:
        for name, sub in action.choices.items():
            out.update(leaves(sub, (*path, name)))
    return out


def children(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    out: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            out.update(action.choices)
    return out


def options(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings}


def readme_rows() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## CLI\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows, "README's CLI section has no command table"
    return [row[1:].split(" | ", 1)[0].strip() for row in rows]


def walk(root: argparse.ArgumentParser, start: tuple[str, ...], words: list[str]) -> list[tuple[str, ...]]:
    """The command paths `words` name from `start` (alternatives `a|b` expanded while they are subcommands)."""
    paths = [start]
    for word in words:
        parser = _parser_at(root, paths[0])
        subs = children(parser)
        names = word.split("|")
        if not subs or not all(n in subs for n in names):
            break
        paths = [(*p, n) for p in paths for n in names]
    return paths


def _parser_at(root: argparse.ArgumentParser, path: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = root
    for name in path:
        parser = children(parser)[name]
    return parser


def parse_table(root: argparse.ArgumentParser) -> tuple[dict[tuple[str, ...], set[str]], list[str]]:
    """README command paths → the options named for them; and the problems found while reading."""
    named: dict[tuple[str, ...], set[str]] = {}
    problems: list[str] = []
    for cell in readme_rows():
        previous: list[tuple[str, ...]] = []
        for span in re.findall(r"`([^`]+)`", cell):
            words = span.replace("\\|", "|").split()
            if words[0] == "yunban":
                paths = walk(root, (), words[1:])
            elif words[0].startswith("-"):
                paths = previous
            else:
                if not previous:
                    problems.append(f"{span!r}: a sibling span with no command before it")
                    continue
                paths = walk(root, previous[0][:-1], words)
            if not paths or paths == [()] or any(p == previous[0][:-1] for p in paths if previous):
                problems.append(f"{span!r}: names no command")
                continue
            for path in paths:
                named.setdefault(path, set()).update(w.strip("[]") for w in words if w.strip("[").startswith("--"))
            previous = paths
    return named, problems


def test_every_command_is_in_the_readme_and_every_readme_command_exists() -> None:
    root = build_parser()
    named, problems = parse_table(root)
    assert not problems, problems
    commands = leaves(root)
    missing = sorted(" ".join(p) for p in commands if p not in named)
    unknown = sorted(" ".join(p) for p in named if p not in commands)
    assert not missing, f"commands missing from the README's CLI table: {missing}"
    assert not unknown, f"the README names commands the parser does not have: {unknown}"


def test_every_option_the_readme_names_exists() -> None:
    root = build_parser()
    named, _ = parse_table(root)
    wrong = {
        " ".join(path): sorted(opts - options(_parser_at(root, path)) - COMMON)
        for path, opts in named.items()
        if opts - options(_parser_at(root, path)) - COMMON
    }
    assert not wrong, f"options the README names that the command does not take: {wrong}"


def test_the_common_options_the_readme_describes_are_on_every_command() -> None:
    root = build_parser()
    for path, parser in leaves(root).items():
        assert {"--home", "--json", "--progress"} <= options(parser), path


@pytest.mark.parametrize("path", sorted(leaves(build_parser())), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    """`yunban … --help` works for every command and the parent lists it with a help line."""
    root = build_parser()
    parent = _parser_at(root, path[:-1])
    helps = {
        a.dest: a.help
        for action in parent._actions
        if isinstance(action, argparse._SubParsersAction)
        for a in action._choices_actions
    }
    assert helps.get(path[-1]), f"yunban {' '.join(path)} has no help line in `yunban {' '.join(path[:-1])} --help`"
    with pytest.raises(SystemExit) as done:
        root.parse_args([*path, "--help"])
    assert done.value.code == 0
    assert f"usage: yunban {' '.join(path)}" in capsys.readouterr().out
