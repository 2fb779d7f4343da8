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


class InProcessCli:
    """`yunban` run in the test process (`app.cli.main`, as the console script does) on one terminal's environment:
    `cli("sync", "status")` → (exit code, stdout, stderr); `cli.json(...)` adds `--json`, asserts exit 0 and parses.
    Environment variables are set with `monkeypatch`, so they are undone after the test."""

    def __init__(
        self,
        capsys: Any,
        monkeypatch: Any,
        home: Path,
        *,
        platform_url: str | None = None,
        lang: str = "zh_CN",
        passphrase: str | None = KEYRING_PASSPHRASE,
    ) -> None:
        self.capsys = capsys
        self.home = home
        monkeypatch.setenv("YUNBAN_HOME", str(home))
        monkeypatch.setenv("YUNBAN_LANG", lang)
        for key, value in (("YUNBAN_PLATFORM_URL", platform_url), ("YUNBAN_KEYRING_PASSPHRASE", passphrase)):
            if value is None:
                monkeypatch.delenv(key, raising=False)
            else:
                monkeypatch.setenv(key, value)
        for key in ("DBUS_SESSION_BUS_ADDRESS", "NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(key, raising=False)

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        from app.cli import main

        self.capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 2
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def json(self, *argv: str) -> Any:
        code, out, err = self(*argv, "--json")
        assert code == 0, f"yunban {' '.join(argv)} failed ({code}): {out} {err}"
        return json.loads(out)
