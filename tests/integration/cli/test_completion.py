"""Issue 17: shell completion. `yunban completion bash` is sourced by a real bash, whose completion function then
asks `yunban` (argcomplete's protocol) for commands, options, item codes from the terminal's catalog and division
codes; `yunban completion zsh` loads in a real zsh under compinit. The .deb installs both scripts
(packaging/build-deb.sh)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import KEYRING_PASSPHRASE, make_home
from tests.support.platform import REPO, YUNBAN

SHIM = "#!/bin/sh\nexec {python} -c 'import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))' \"$@\"\n"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """PATH with a `yunban` that runs this checkout, on a terminal whose catalog mirror exists."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "yunban"
    shim.write_text(SHIM.format(python=shlex.quote(YUNBAN[0])), encoding="utf-8")
    shim.chmod(0o755)
    home = make_home(tmp_path / "home")
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(PATH=f"{bindir}:{env['PATH']}", YUNBAN_HOME=str(home), YUNBAN_KEYRING_PASSPHRASE=KEYRING_PASSPHRASE)
    env["PYTHONPATH"] = str(REPO)
    subprocess.run(["yunban", "catalog", "stats"], env=env, cwd=REPO, check=True, capture_output=True, timeout=120)
    return env


def complete_bash(env: dict[str, str], line: str) -> list[str]:
    """What bash offers for `line` (cursor at the end) through the script `yunban completion bash` prints."""
    script = f"""
source <(yunban completion bash)
COMP_LINE={shlex.quote(line)}
COMP_POINT=${{#COMP_LINE}}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_python_argcomplete yunban
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(["bash", "-c", script], env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [c.strip() for c in done.stdout.splitlines() if c.strip()]


def test_bash_completes_commands_subcommands_and_options(env: dict[str, str]) -> None:
    assert complete_bash(env, "yunban cat") == ["catalog"]
    assert {"search", "show", "stats", "import", "update"} <= set(complete_bash(env, "yunban catalog "))
    assert complete_bash(env, "yunban sync run --until") == ["--until-idle"]
    assert "doctor" in complete_bash(env, "yunban do")
    assert {"bash", "zsh"} <= set(complete_bash(env, "yunban completion "))


def test_bash_completes_item_codes_from_the_catalog_and_division_codes(env: dict[str, str]) -> None:
    items = complete_bash(env, "yunban catalog show 530000-GA-000")
    assert "530000-GA-0001" in items and all(c.startswith("530000-GA-000") for c in items)
    assert "530000-GA-0001" in complete_bash(env, "yunban submit --item 530000-GA-000")
    divisions = complete_bash(env, "yunban check division 5325241032")
    assert "532524103205" in divisions and all(c.startswith("5325241032") for c in divisions)
    assert "532524103205" in complete_bash(env, "yunban catalog search sfz --division 53252410320")


def test_completion_scripts_print_and_zsh_loads_it(env: dict[str, str]) -> None:
    bash = subprocess.run([*YUNBAN, "completion", "bash"], env=env, cwd=REPO, capture_output=True, text=True)
    assert bash.returncode == 0 and "complete " in bash.stdout and "yunban" in bash.stdout
    zsh_script = subprocess.run([*YUNBAN, "completion", "zsh"], env=env, cwd=REPO, capture_output=True, text=True)
    assert zsh_script.stdout.startswith("#compdef yunban")
    if shutil.which("zsh") is None:  # installed by scripts/setup.sh (scripts/apt-packages.txt)
        pytest.fail("zsh is not installed: run scripts/setup.sh")
    loaded = subprocess.run(
        ["zsh", "-f", "-c", "autoload -Uz compinit && compinit -u && source <(yunban completion zsh) && "
         "print -r -- ${_comps[yunban]}"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "_python_argcomplete"


def _zsh_offers(env: dict[str, str], line: str, timeout: float = 60) -> str:
    """What an interactive zsh (on a pseudo-terminal, compinit, `yunban completion zsh` loaded) shows after typing
    `line` and Tab: the screen's text, escape sequences removed."""
    import pty
    import re
    import select
    import time

    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    zsh_env = {**env, "TERM": "xterm", "PS1": "READY> ", "HOME": env["YUNBAN_HOME"]}
    proc = subprocess.Popen(["zsh", "-f", "-i"], stdin=slave, stdout=slave, stderr=slave, env=zsh_env, cwd=REPO)
    os.close(slave)

    def read_until(marker: str, after: int = 0) -> str:
        seen = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if select.select([master], [], [], 0.3)[0]:
                seen += os.read(master, 65536)
                if marker.encode() in seen[after:]:
                    break
        return seen.decode(errors="replace")

    try:
        os.write(master, b'autoload -Uz compinit && compinit -u && eval "$(yunban completion zsh)" && echo LOAD""ED\n')
        read_until("LOADED")  # the output, not the echoed command line
        os.write(master, line.encode() + b"\t")
        screen = read_until("\n", after=len(line))  # the completions are listed under the line
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and select.select([master], [], [], 1.0)[0]:
            screen += os.read(master, 65536).decode(errors="replace")
    finally:
        proc.kill()
        proc.wait(timeout=10)
        os.close(master)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)


def test_zsh_completes_item_and_division_codes(env: dict[str, str]) -> None:
    if shutil.which("zsh") is None:  # installed by scripts/setup.sh (scripts/apt-packages.txt)
        pytest.fail("zsh is not installed: run scripts/setup.sh")
    items = _zsh_offers(env, "yunban catalog show 530000-GA-000")
    assert "530000-GA-0001" in items and "530000-GA-0002" in items, items
    divisions = _zsh_offers(env, "yunban check division 5325241032")
    assert "532524103205" in divisions, divisions
