"""`yunban` (`app.cli.main`) with generated argv for every command: hostile option values, missing and extra
arguments, unknown options. Contract: no traceback, an exit code in {0, 1, 2, 3}; with --json, a failure prints
`{"error", "code"}`. Commands that would serve forever, open a window, install packages or reach past loopback are
left out (`EXCLUDED`), and values that size work (`--count`, `--timeout`, …) come from a bounded hostile set."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.cli import build_parser, main

EXCLUDED = {
    ("kiosk",),  # a Qt window
    ("demo",),  # a Qt window and an embedded platform
    ("platform", "serve"),  # serves until stopped
    ("devices", "card-emulator"),  # emulators serve until stopped
    ("devices", "printer-emulator"),
    ("update", "apply"),  # dpkg on this machine
    ("update", "rollback"),
    ("sync", "run"),  # network retries with back-off
}
BOUNDED = {"--count", "--attachment-kb", "--timeout", "--limit", "--dots", "--resolution", "--max-kb", "--chunk-kb",
           "--older-than-days", "--http-timeout", "--backoff-base", "--backoff-cap", "--probe-interval"}  # fmt: skip


def _leaves(
    parser: argparse.ArgumentParser, path: tuple[str, ...]
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [(path, parser)]
    out = []
    for action in subs:
        for name, sub in action.choices.items():
            out.extend(_leaves(sub, (*path, name)))
    return out


COMMANDS = [(path, p) for path, p in _leaves(build_parser(), ()) if path not in EXCLUDED]

hostile_text = st.one_of(
    st.sampled_from(["", " ", "-", "--", "-x", "0", "-1", "1e309", "nan", "NaN", "inf", "99999999999999999999999",
                     "０１２", "ＡＢＣ", "\u202eevil", "\x1b[2J", "a" * 5000, "%s%n", "{0}", "../x", "empty",
                     "dir", "environ", "elf", "missing/file", "532524103205", "5325241032050126120700018",
                     "110101199003070012", "91350100M000100Y43", "htp:/x", "http://127.0.0.1:9", "http://[::1",
                     "YBR1:x:y", "530000-MZ-0001", "zh_CN", "en", "simulated", "ga467", "text", "raster", "sane",
                     "file", "adf"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=30).map(
        lambda s: "./" + s if s.startswith("/") else s  # never a path outside the work directory (we run as root)
    ),
)  # fmt: skip
bounded_number = st.sampled_from(["-1", "0", "1", "2", "0.01", "nan", "-inf", "abc", "", "1.5", "０"])


@st.composite
def argvs(draw: st.DrawFn) -> list[str]:
    path, parser = draw(st.sampled_from(COMMANDS))
    argv = list(path)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.dest in ("home",):
            continue
        if not action.option_strings:  # positional: usually given, sometimes left out
            if draw(st.integers(0, 9)) > 0:
                argv.append(draw(hostile_text))
            continue
        if not draw(st.booleans()):
            continue
        option = action.option_strings[-1]
        if action.nargs == 0:
            argv.append(option)
        elif action.choices is not None and draw(st.integers(0, 3)) > 0:
            argv += [option, str(draw(st.sampled_from(list(action.choices))))]
        else:
            argv += [option, draw(bounded_number if option in BOUNDED else hostile_text)]
    if draw(st.integers(0, 9)) == 0:
        argv.append(draw(st.sampled_from(["--bogus", "extra", "--json", "-h"])))
    return argv


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory commands run in, with hostile files to name: empty, a folder, an ELF binary, a process's
    environment (no FIFO or /dev/zero: the files engineer's tests cover endless inputs per command)."""
    work = tmp_path_factory.mktemp("cli-fuzz")
    (work / "empty").write_bytes(b"")
    (work / "dir").mkdir()
    (work / "environ").symlink_to("/proc/self/environ")
    (work / "elf").symlink_to(os.path.realpath("/bin/true"))
    return work


@settings(max_examples=400)
@given(argvs(), st.booleans())
def test_every_command_with_generated_argv(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], as_json: bool
) -> None:
    # Never PC/SC in this process: libpcsclite reads PCSCLITE_CSOCK_NAME once per process, so a first contact here
    # (with no pcscd) would leave the later PC/SC tests' sandboxed pcscd unreachable ("Service not available").
    assume(not any("pcsc" in arg for arg in argv))
    home = workdir / "home"
    monkeypatch.chdir(workdir)  # relative output paths land here
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # stdin at its end, as under a pipe (`--password-stdin`)
    monkeypatch.setenv("YUNBAN_HOME", str(home))
    monkeypatch.setenv("YUNBAN_LANG", "zh_CN")
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    monkeypatch.delenv("YUNBAN_KEYRING_PASSPHRASE", raising=False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    full = [*argv, "--home", str(home), "--data", str(workdir / "platform")] if argv[0] == "platform" else [*argv]
    if as_json and "--json" not in full:
        full.append("--json")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(full)
        except SystemExit as exc:  # argparse: usage errors (2) and --help (0)
            code = exc.code if isinstance(exc.code, int) else 2
    assert code in (0, 1, 2, 3), (full, code, err.getvalue()[-2000:])
    assert "Traceback" not in err.getvalue(), (full, err.getvalue()[-2000:])
    if as_json and code == 2 and out.getvalue().strip():  # a refusal is the last line: {"error", "code"}
        try:
            reply = json.loads(out.getvalue())
        except ValueError:  # progress lines first, then the refusal
            reply = json.loads(out.getvalue().strip().splitlines()[-1])
        assert {"error", "code"} <= set(reply), (full, out.getvalue()[-2000:], err.getvalue()[-2000:])


def test_the_generator_reaches_every_command() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"catalog import", "enroll", "provision", "check id", "submit", "records show", "sync export"} <= names
    assert len(COMMANDS) >= 35
    assert not os.environ.get("YUNBAN_PLATFORM_URL")
