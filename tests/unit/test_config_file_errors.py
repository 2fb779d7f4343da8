"""A missing, dangling or unreadable config.toml is a clear error (exit 2, `{"error", "code"}` with --json), never a
traceback; an absent one is created with every key commented out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext
from app.errors import UserError


def test_absent_config_is_created_from_the_template(tmp_path: Path) -> None:
    ctx = AppContext(tmp_path)
    try:
        assert (tmp_path / "config.toml").read_text(encoding="utf-8").startswith("#")
    finally:
        ctx.close()


def test_a_link_to_a_removed_file_names_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "config.toml").symlink_to(tmp_path / "etc" / "config.toml")
    with pytest.raises(UserError) as err:
        AppContext(tmp_path)
    assert err.value.code == "config.link_broken"
    assert str(tmp_path / "etc" / "config.toml") in str(err.value)
    assert not (tmp_path / "etc").exists()  # nothing written where the link points
    assert main(["sync", "status", "--home", str(tmp_path), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "config.link_broken" and "config.toml" in out["error"]


def test_an_unreadable_config_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "config.toml").mkdir()  # unreadable as a file, also for root (tests run as root here)
    assert main(["sync", "status", "--home", str(tmp_path), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "config.unreadable" and str(tmp_path / "config.toml") in out["error"]


def test_a_malformed_config_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "config.toml").write_text("[terminal\n", encoding="utf-8")
    assert main(["sync", "status", "--home", str(tmp_path), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "config.not_toml" and "config.toml" in out["error"]


def _enrolled(home: Path, url: str) -> None:
    (home / "enrollment.json").write_text(
        json.dumps({"terminal_id": "T1", "division": "532524103205", "platform_url": url, "platform_public_key": "",
                    "algorithm": "ed25519", "public_key": "", "enrolled_at": "2026-12-06T00:00:00Z"}),
        encoding="utf-8",
    )  # fmt: skip


def test_an_enrolled_terminal_without_platform_url_syncs_with_its_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    _enrolled(tmp_path, "http://127.0.0.1:8123")
    (tmp_path / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")  # e.g. reinstalled
    ctx = AppContext(tmp_path)
    try:
        assert ctx.config.platform.url == "http://127.0.0.1:8123"
    finally:
        ctx.close()


def test_an_explicit_platform_url_still_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("YUNBAN_PLATFORM_URL", raising=False)
    _enrolled(tmp_path, "http://127.0.0.1:8123")
    (tmp_path / "config.toml").write_text('[platform]\nurl = "http://127.0.0.1:9000"\n', encoding="utf-8")
    ctx = AppContext(tmp_path)
    try:
        assert ctx.config.platform.url == "http://127.0.0.1:9000"
    finally:
        ctx.close()
    monkeypatch.setenv("YUNBAN_PLATFORM_URL", "http://127.0.0.1:9100")
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    ctx = AppContext(tmp_path)
    try:
        assert ctx.config.platform.url == "http://127.0.0.1:9100"
    finally:
        ctx.close()


def test_a_damaged_enrollment_file_does_not_stop_unrelated_commands(tmp_path: Path) -> None:
    (tmp_path / "enrollment.json").write_text('{"terminal_id": "T1"}', encoding="utf-8")
    ctx = AppContext(tmp_path)  # the catalog, the checks... still work; sync reports the damaged file
    try:
        assert ctx.config.platform.url
    finally:
        ctx.close()
