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
