"""`yunban provision`: division checked against the division table, enrollment with the platform (over loopback)
with the platform URL and division saved in config.toml, the technician PIN; nothing saved when a step fails."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.config import load_config
from app.context import AppContext
from app.technician.credential import CREDENTIAL_FILE
from app.technician.service import TechnicianService
from tests.support.platform import DEMO_DIVISION, InProcessPlatform

PIN = "73519046"
CONFIG = '# my terminal\n[keyring]\nbackend = "file"  # no Secret Service here\n\n[platform]\n# the old one\nurl = "http://127.0.0.1:9"\n'


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "provision-test-passphrase")
    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    return home


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[InProcessPlatform]:
    with InProcessPlatform(tmp_path / "platform") as p:
        yield p


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_provision_enrolls_saves_the_config_and_sets_the_pin(
    home: Path, platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(
        capsys, "--home", str(home), "provision", "--division", DEMO_DIVISION, "--platform", platform.url,
        "--code", platform.enroll_code(), "--technician-pin", PIN,
    )  # fmt: skip
    assert code == 0, out
    assert [(s["step"], s["ok"]) for s in out["steps"]] == [
        ("division", True), ("enroll", True), ("config", True), ("technician_pin", True)
    ]  # fmt: skip
    text = (home / "config.toml").read_text(encoding="utf-8")
    assert text.startswith("# my terminal\n") and "# the old one" in text and "# no Secret Service here" in text
    config = load_config(home / "config.toml", env={})
    assert config.platform.url == platform.url and config.terminal.division_code == DEMO_DIVISION
    assert config.keyring.backend == "file"
    ctx = AppContext(home)
    tech = TechnicianService(ctx)
    try:
        assert ctx.enrollment.identity() is not None
        assert tech.check_pin(PIN) and not tech.check_pin("000000")
    finally:
        tech.close()
        ctx.close()
    for f in home.rglob("*"):
        if f.is_file():
            assert PIN.encode() not in f.read_bytes(), f
    # sync uses the saved platform URL
    assert main(["--home", str(home), "sync", "run"]) == 0
    assert main(["--home", str(home), "provision", "--technician-pin", "12345"]) == 2  # too short: refused


def test_text_output_says_ok_per_step(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(home), "provision", "--technician-pin", PIN]) == 0
    assert "OK    technician_pin" in capsys.readouterr().out
    assert (home / CREDENTIAL_FILE).exists()


def test_an_unknown_division_is_refused_naming_it(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (home / "config.toml").read_text(encoding="utf-8")
    code, out = _run(capsys, "--home", str(home), "provision", "--division", "539999999999", "--technician-pin", PIN)
    assert code == 2 and out["code"] == "cli.unknown_division" and "539999999999" in str(out["error"])
    assert (home / "config.toml").read_text(encoding="utf-8") == before
    assert not (home / CREDENTIAL_FILE).exists()


def test_an_unreachable_platform_saves_nothing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (home / "config.toml").read_text(encoding="utf-8")
    code, out = _run(
        capsys, "--home", str(home), "provision", "--division", DEMO_DIVISION, "--platform", "http://127.0.0.1:9",
        "--code", "ABCD-EFGH", "--technician-pin", PIN,
    )  # fmt: skip
    assert code == 2 and out["code"] == "sync.platform_unreachable", out
    assert out["steps"][-1] == {"step": "enroll", "ok": False, "detail": out["error"]}
    assert (home / "config.toml").read_text(encoding="utf-8") == before
    assert not (home / CREDENTIAL_FILE).exists() and not (home / "enrollment.json").exists()


def test_a_wrong_or_reused_code_saves_nothing(
    home: Path, platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (home / "config.toml").read_text(encoding="utf-8")
    code, out = _run(capsys, "--home", str(home), "provision", "--platform", platform.url, "--code", "WRONG-CODE")
    assert code == 2 and out["code"] == "sync.enrollment_refused", out
    assert (home / "config.toml").read_text(encoding="utf-8") == before

    used = platform.enroll_code()
    other = home.parent / "other"
    other.mkdir()
    (other / "config.toml").write_text(CONFIG, encoding="utf-8")
    assert main(["--home", str(other), "provision", "--platform", platform.url, "--code", used]) == 0
    capsys.readouterr()
    code, out = _run(capsys, "--home", str(home), "provision", "--platform", platform.url, "--code", used)
    assert code == 2 and out["code"] == "sync.enrollment_refused", out
    assert (home / "config.toml").read_text(encoding="utf-8") == before


def test_a_short_pin_is_refused_before_anything_changes(
    home: Path, platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(
        capsys, "--home", str(home), "provision", "--platform", platform.url, "--code", platform.enroll_code(),
        "--technician-pin", "1234",
    )  # fmt: skip
    assert code == 2 and out["code"] == "technician.pin_format"
    assert not (home / "enrollment.json").exists() and not (home / CREDENTIAL_FILE).exists()


def test_set_toml_keys_edits_only_those_lines() -> None:
    from app.cli.provision import set_toml_keys

    text = '[terminal]\n# division_code = "1"\nrole = "counter"\n[platform]\nurl = "http://a"  # old\n'
    new = set_toml_keys(text, {("platform", "url"): "http://b", ("terminal", "division_code"): "532524103205"})
    assert new == '[terminal]\ndivision_code = "532524103205"\n# division_code = "1"\nrole = "counter"\n' \
        '[platform]\nurl = "http://b"\n'  # fmt: skip
    assert set_toml_keys("", {("platform", "url"): "http://b"}) == '\n[platform]\nurl = "http://b"\n'
