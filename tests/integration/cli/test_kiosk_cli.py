"""`yunban kiosk` is a command, `yunban demo` refuses a home enrolled to a real platform (changing nothing in it), and
`terminal.role` is one of kiosk, counter, laptop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import build_parser, main
from app.cli.demo import refuse_enrolled_home
from app.config import ConfigError, load_config
from app.context import AppContext
from app.demo.platform import start_demo_platform
from app.errors import UserError
from tests.support.platform import InProcessPlatform


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "kiosk-cli-test-passphrase")
    monkeypatch.setenv("YUNBAN_LANG", "en")
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    home = tmp_path / "terminal"
    home.mkdir()
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")
    return home


@pytest.fixture
def real_platform(tmp_path: Path) -> Iterator[InProcessPlatform]:
    p = InProcessPlatform(tmp_path / "real-platform").start()
    yield p
    p.stop()


def _enroll(home: Path, platform_url: str, code: str) -> None:
    ctx = AppContext(home)
    try:
        ctx.enrollment.enroll(code, platform_url)
    finally:
        ctx.close()


def _snapshot(home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and "logs" not in p.parts
    }


def test_kiosk_is_a_command() -> None:
    args = build_parser().parse_args(["kiosk", "--windowed"])
    assert args.windowed and args.func.__module__ == "app.cli.kiosk"


def test_demo_refuses_a_home_enrolled_to_another_platform(
    home: Path, real_platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    _enroll(home, real_platform.url, real_platform.enroll_code())
    before = _snapshot(home)
    identity = (home / "enrollment.json").read_bytes()
    assert main(["--home", str(home), "demo", "--windowed"]) == 2
    err = capsys.readouterr().err
    assert str(home) in err and "yunban kiosk" in err and "--home" in err and real_platform.url in err
    assert (home / "enrollment.json").read_bytes() == identity
    assert _snapshot(home) == before  # nothing changed: no demo platform, no keystore passphrase, no catalog
    assert not (home / "demo-platform").exists()
    assert main(["--home", str(home), "demo", "--screenshots", str(home.parent / "shots")]) == 2
    assert (home / "enrollment.json").read_bytes() == identity


def test_demo_refuses_a_home_re_enrolled_after_a_demo(home: Path, real_platform: InProcessPlatform) -> None:
    """The home ran the demo once (its platform's data is there), then was enrolled with the real platform."""
    ctx = AppContext(home)
    try:
        start_demo_platform(ctx).close()
        refuse_enrolled_home(ctx)  # enrolled with its own demo platform: the demo may run
        ctx.enrollment.enroll(real_platform.enroll_code(), real_platform.url, force=True)
        identity = (home / "enrollment.json").read_bytes()
        with pytest.raises(UserError) as refused:
            refuse_enrolled_home(ctx)
        assert refused.value.code == "cli.demo_home_enrolled"
        assert (home / "enrollment.json").read_bytes() == identity
    finally:
        ctx.close()


def test_demo_accepts_a_home_not_enrolled(home: Path) -> None:
    ctx = AppContext(home)
    try:
        refuse_enrolled_home(ctx)
    finally:
        ctx.close()


@pytest.mark.parametrize("role", ["kiosk", "counter", "laptop"])
def test_terminal_roles_accepted(tmp_path: Path, role: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[terminal]\nrole = "{role}"\n', encoding="utf-8")
    assert load_config(path, env={}).terminal.role == role


def test_unknown_terminal_role_is_a_config_error_naming_the_key(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[terminal]\nrole = "hacker"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(path, env={})
    assert refused.value.code == "config.terminal_role"
    for text in (refused.value.message("zh_CN"), refused.value.message("en")):
        assert "terminal.role" in text and "'hacker'" in text
        assert all(role in text for role in ("kiosk", "counter", "laptop"))
    (home / "config.toml").write_text('[terminal]\nrole = "hacker"\n', encoding="utf-8")
    assert main(["--home", str(home), "--json", "catalog", "stats"]) == 2
    out = capsys.readouterr().out
    assert '"code": "config.terminal_role"' in out and "terminal.role" in out
