"""Malformed config.toml files: each is refused with a `ConfigError` naming the file and the key (or the file's
problem), never a traceback and never silently accepted. A table of named cases here; generated documents in
tests/fuzz/test_config_loader.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.config import KEYRING_BACKENDS, RULES, Config, ConfigError, load_config, platform_url_ok
from app.records.keystore import BACKENDS

# (name, config text, key or phrase the message must name, error code)
CASES: list[tuple[str, str, str, str]] = [
    (
        "unquoted division code",
        "[terminal]\ndivision_code = 532524103205\n",
        "terminal.division_code",
        "config.unquoted",
    ),
    ("short division code", '[terminal]\ndivision_code = "5325"\n', "terminal.division_code", "config.division_code"),
    (
        "letters in division",
        '[terminal]\ndivision_code = "53252410320X"\n',
        "terminal.division_code",
        "config.division_code",
    ),
    (
        "full-width division",
        '[terminal]\ndivision_code = "５３２５２４１０３２０５"\n',
        "terminal.division_code",
        "config.division_code",
    ),
    ("division as float", "[terminal]\ndivision_code = 5.3\n", "terminal.division_code", "config.wrong_type"),
    ("role hacker", '[terminal]\nrole = "hacker"\n', "terminal.role", "config.terminal_role"),
    ("role as list", '[terminal]\nrole = ["kiosk"]\n', "terminal.role", "config.wrong_type"),
    ("unknown language", '[terminal]\nlanguage = "fr"\n', "terminal.language", "config.not_one_of"),
    ("hall name with NUL", '[terminal]\nhall_name = "a\\u0000b"\n', "terminal.hall_name", "config.bad_text"),
    ("hall name with ESC", '[terminal]\nhall_name = "\\u001b[31mred"\n', "terminal.hall_name", "config.bad_text"),
    (
        "hall name with bidi override",
        '[terminal]\nhall_name = "\u202e心中务服"\n',
        "terminal.hall_name",
        "config.bad_text",
    ),
    ("hall name with C1 control", '[terminal]\nhall_name = "a\u0085b"\n', "terminal.hall_name", "config.bad_text"),
    ("hall name too long", f'[terminal]\nhall_name = "{"厅" * 101}"\n', "terminal.hall_name", "config.bad_text"),
    ("unknown scope", '[catalog]\nscope = "world"\n', "catalog.scope", "config.not_one_of"),
    ("subtree without root", '[catalog]\nscope = "subtree"\n', "catalog.subtree_root", "config.subtree_root"),
    (
        "bad subtree root",
        '[catalog]\nscope = "subtree"\nsubtree_root = "53"\n',
        "catalog.subtree_root",
        "config.division_code",
    ),
    ("negative idle timeout", "[kiosk]\nidle_timeout_s = -5\n", "kiosk.idle_timeout_s", "config.out_of_range"),
    ("zero idle timeout", "[kiosk]\nidle_timeout_s = 0\n", "kiosk.idle_timeout_s", "config.out_of_range"),
    ("huge idle timeout", "[kiosk]\nidle_timeout_s = 99999999999999\n", "kiosk.idle_timeout_s", "config.out_of_range"),
    ("float idle timeout", "[kiosk]\nidle_timeout_s = 1.5\n", "kiosk.idle_timeout_s", "config.wrong_type"),
    ("string idle timeout", '[kiosk]\nidle_timeout_s = "120"\n', "kiosk.idle_timeout_s", "config.wrong_type"),
    (
        "warning longer than timeout",
        "[kiosk]\nidle_timeout_s = 20\nidle_warning_s = 30\n",
        "kiosk.idle_warning_s",
        "config.idle_warning",
    ),
    ("negative warning", "[kiosk]\nidle_warning_s = -1\n", "kiosk.idle_warning_s", "config.out_of_range"),
    ("negative sync interval", "[kiosk]\nsync_interval_s = -60\n", "kiosk.sync_interval_s", "config.out_of_range"),
    ("fullscreen as string", '[kiosk]\nfullscreen = "yes"\n', "kiosk.fullscreen", "config.wrong_type"),
    ("fullscreen as int", "[kiosk]\nfullscreen = 1\n", "kiosk.fullscreen", "config.wrong_type"),
    ("platform url no scheme", '[platform]\nurl = "platform.example"\n', "platform.url", "config.platform_url"),
    ("platform url htp", '[platform]\nurl = "htp:/x"\n', "platform.url", "config.platform_url"),
    ("platform url no host", '[platform]\nurl = "http://"\n', "platform.url", "config.platform_url"),
    ("platform url spaces", '[platform]\nurl = "http://a b.example"\n', "platform.url", "config.platform_url"),
    ("platform url bad port", '[platform]\nurl = "http://host:99999"\n', "platform.url", "config.platform_url"),
    ("platform url credentials", '[platform]\nurl = "http://u:p@host"\n', "platform.url", "config.platform_url"),
    ("platform url empty", '[platform]\nurl = ""\n', "platform.url", "config.platform_url"),
    ("unknown keyring backend", '[keyring]\nbackend = "plaintext"\n', "keyring.backend", "config.not_one_of"),
    ("keyring backend kwallet", '[keyring]\nbackend = "kwallet"\n', "keyring.backend", "config.not_one_of"),
    ("keyring as string", 'keyring = "file"\n', "keyring", "config.not_a_table"),
    ("unknown card driver", '[devices.card]\ndriver = "magic"\n', "devices.card.driver", "config.not_one_of"),
    ("negative baud", "[devices.card]\nbaud = -9600\n", "devices.card.baud", "config.out_of_range"),
    ("printer mode", '[devices.printer]\nmode = "laser"\n', "devices.printer.mode", "config.not_one_of"),
    ("printer profile newline", '[devices.printer]\nprofile = "a\\nb"\n', "devices.printer.profile", "config.bad_text"),
    (
        "printer profile shell",
        '[devices.printer]\nprofile = "$(reboot)"\n',
        "devices.printer.profile",
        "config.printer_profile",
    ),
    ("unknown scanner driver", '[devices.scanner]\ndriver = "twain"\n', "devices.scanner.driver", "config.not_one_of"),
    (
        "scanner resolution 0",
        "[devices.scanner]\nresolution = 0\n",
        "devices.scanner.resolution",
        "config.out_of_range",
    ),
    (
        "draft retention negative",
        "[apply]\ndraft_retention_days = -1\n",
        "apply.draft_retention_days",
        "config.out_of_range",
    ),
    (
        "counter retention huge",
        "[apply]\ncounter_draft_retention_days = 100000\n",
        "apply.counter_draft_retention_days",
        "config.out_of_range",
    ),
    ("relative bundle root", '[update]\nbundle_root = "root.json"\n', "update.bundle_root", "config.update_path"),
    ("unknown log level", '[logging]\nlevel = "LOUD"\n', "logging.level", "config.not_one_of"),
    ("log level as int", "[logging]\nlevel = 10\n", "logging.level", "config.unquoted"),
    ("negative max_bytes", "[logging]\nmax_bytes = -1\n", "logging.max_bytes", "config.out_of_range"),
    ("negative backups", "[logging]\nbackups = -3\n", "logging.backups", "config.out_of_range"),
    ("unknown section", "[hacker]\nx = 1\n", "hacker", "config.unknown_setting"),
    ("unknown key", '[terminal]\nname = "x"\n', "terminal.name", "config.unknown_setting"),
    ("section as array", '[[terminal]]\nrole = "kiosk"\n', "terminal", "config.not_a_table"),
    ("not TOML", "[terminal\n", "TOML", "config.not_toml"),
    ("binary garbage", "\udcff", "TOML", "config.not_toml"),
    ("deeply nested", "a = " + "[" * 2000 + "]" * 2000 + "\n", "TOML", "config.not_toml"),
]


@pytest.mark.parametrize(("name", "text", "needle", "code"), CASES, ids=[c[0] for c in CASES])
def test_malformed_config_is_refused_naming_file_and_key(
    tmp_path: Path, name: str, text: str, needle: str, code: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(ConfigError) as refused:
        load_config(path, env={})
    assert refused.value.code == code, (name, str(refused.value))
    for language in ("zh_CN", "en"):
        message = refused.value.message(language)
        assert str(path) in message and needle in message, (language, message)


def test_at_least_forty_named_cases() -> None:
    assert len(CASES) >= 40


def test_cli_reports_a_bad_config_as_exit_2_with_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "config.toml").write_text('[logging]\nlevel = "LOUD"\n', encoding="utf-8")
    assert main(["catalog", "stats", "--home", str(tmp_path), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "config.not_one_of" and "logging.level" in out["error"]


def test_huge_config_file_is_not_parsed(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# " + "x" * 300_000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(path, env={})
    assert refused.value.code == "config.too_large"


def test_bad_platform_url_in_environment_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as refused:
        load_config(None, env={"YUNBAN_PLATFORM_URL": "htp:/x"})
    assert refused.value.code == "config.platform_url" and "YUNBAN_PLATFORM_URL" in str(refused.value)


def test_good_values_at_the_edges_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "[kiosk]\nidle_timeout_s = 10\nidle_warning_s = 1\nsync_interval_s = 0\n"
        '[logging]\nlevel = "debug"\nbackups = 0\n'
        '[platform]\nurl = "https://platform.yn.gov.cn:8443/base"\n'
        '[catalog]\nscope = "subtree"\nsubtree_root = "532524000000"\n'
        '[keyring]\nbackend = "fail"\n',
        encoding="utf-8",
    )
    config = load_config(path, env={})
    assert config.kiosk.idle_timeout_s == 10 and config.catalog.subtree_root == "532524000000"
    assert config.platform.url == "https://platform.yn.gov.cn:8443/base"


def test_keyring_backends_are_the_keystores() -> None:
    """The config accepts exactly the keystore's backends: none of them stores anything unencrypted."""
    assert KEYRING_BACKENDS == BACKENDS


def test_every_rule_names_a_real_setting() -> None:
    keys: set[str] = set()

    def walk(obj: object, prefix: str) -> None:
        import dataclasses

        for f in dataclasses.fields(obj):  # type: ignore[arg-type]
            value = getattr(obj, f.name)
            if dataclasses.is_dataclass(value):
                walk(value, f"{prefix}{f.name}.")
            else:
                keys.add(prefix + f.name)

    walk(Config(), "")
    assert set(RULES) <= keys


@pytest.mark.parametrize(
    "url",
    ["htp:/x", "", " ", "http://", "http:// host", "http://host:0", "http://host:65536", "http://host:-1",
     "ftp://host", "http://host\n", "http://u@host", "javascript:alert(1)", "http://[::1", "http://host:port"],
)  # fmt: skip
def test_platform_url_refusals(url: str) -> None:
    assert not platform_url_ok(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8700", "https://a", "http://[::1]:80/v", "http://host:65535"])
def test_platform_url_accepted(url: str) -> None:
    assert platform_url_ok(url)
