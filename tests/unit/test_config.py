from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.config import DEFAULT_DIVISION, ConfigError, config_template, load_config
from app.context import AppContext
from app.paths import resolve_home


def test_defaults_when_file_absent(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.toml", env={})
    assert config.terminal.division_code == DEFAULT_DIVISION
    assert config.kiosk.idle_timeout_s == 120


def test_values_and_env_override(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[terminal]\ndivision_code = "530102001002"\n[kiosk]\nidle_timeout_s = 30\n', encoding="utf-8")
    config = load_config(path, env={"YUNBAN_PLATFORM_URL": "http://127.0.0.1:9999"})
    assert config.terminal.division_code == "530102001002"
    assert config.kiosk.idle_timeout_s == 30
    assert config.platform.url == "http://127.0.0.1:9999"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[terminal]\ndivison_code = '53'\n", "terminal.divison_code"),
        ("[kiosk]\nidle_timeout_s = 'soon'\n", "kiosk.idle_timeout_s"),
        ("[kiosk]\nidle_timeout_s = true\n", "kiosk.idle_timeout_s"),
        ("[devices]\ncard = 3\n", "devices.card"),
        ("[terminal\n", "TOML"),
        ("[devices.scanner]\nsource = 'feeder'\n", "devices.scanner.source"),
        ("[devices.scanner]\nresolution = 1200\n", "devices.scanner.resolution"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=needle.replace(".", r"\.")):
        load_config(path, env={})


def test_template_is_valid_toml_with_every_section() -> None:
    text = config_template()
    tomllib.loads(text)
    for section in ("[terminal]", "[kiosk]", "[platform]", "[devices.card]", "[devices.printer]"):
        assert section in text


def test_home_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUNBAN_HOME", str(tmp_path / "env"))
    assert resolve_home() == (tmp_path / "env").resolve()
    assert resolve_home(tmp_path / "flag") == (tmp_path / "flag").resolve()


def test_context_writes_config_template_and_log_dir(tmp_path: Path) -> None:
    ctx = AppContext(tmp_path / "t")
    assert ctx.paths.config.exists()
    assert ctx.paths.logs.is_dir()
