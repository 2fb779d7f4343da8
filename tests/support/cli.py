"""Running `yunban` as a child process on a scratch terminal enrolled with a file keystore."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from tests.support.platform import REPO, YUNBAN

KEYRING_PASSPHRASE = "test-keyring-passphrase"


def terminal_env(home: Path, platform_url: str) -> dict[str, str]:
    env = {**os.environ, "YUNBAN_HOME": str(home), "YUNBAN_PLATFORM_URL": platform_url}
    env["YUNBAN_KEYRING_PASSPHRASE"] = KEYRING_PASSPHRASE
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


def make_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")
    return home


def yb(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*YUNBAN, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)


def yb_json(env: dict[str, str], *args: str, timeout: float = 120) -> Any:
    out = yb(env, *args, "--json", timeout=timeout)
    assert out.returncode == 0, f"yunban {' '.join(args)} failed ({out.returncode}): {out.stdout} {out.stderr}"
    return json.loads(out.stdout)


def enroll_terminal(env: dict[str, str], platform_url: str, code: str) -> dict[str, Any]:
    result: dict[str, Any] = yb_json(env, "enroll", "--platform", platform_url, "--code", code)
    return result
