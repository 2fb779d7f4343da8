"""A malformed platform URL on the command line (`yunban enroll/provision --platform`) is a clear refusal before
anything goes over the network or into the keystore: exit 2, `{"error", "code"}` with --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main

BAD = ["htp:/x", "", " ", "http://a b", "http://", "http://host:99999", "http://host:0", "ftp://host",
       "http://u:p@host", "http://host\x1b[2J", "//host", "http:host"]  # fmt: skip


@pytest.mark.parametrize("url", BAD)
def test_enroll_refuses_a_malformed_platform_url(home: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["enroll", "--platform", url, "--code", "ABCD", "--home", str(home), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"error", "code"} and out["code"] == "config.bad_platform_url", out
    assert not (home / "enrollment.json").exists()


@pytest.mark.parametrize("url", ["", "htp:/x", "http://a b", "http://host:70000"])
def test_provision_refuses_a_malformed_platform_url(home: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["provision", "--platform", url, "--code", "ABCD", "--home", str(home), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["code"] in ("config.bad_platform_url", "provisioning.no_platform_url"), out
    assert "Traceback" not in out["error"]


def test_enroll_text_mode_names_the_url(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["enroll", "--platform", "htp:/x", "--code", "ABCD", "--home", str(home)]) == 2
    err = capsys.readouterr().err
    assert "htp:/x" in err and "http://" in err
