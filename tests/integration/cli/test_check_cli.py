"""`yunban check id|uscc|division VALUE [--json]`: keys, exit codes, languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_check_id_json_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "id", "53252419880315002X", "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == [
        "valid", "kind", "reason", "normalized", "birth_date", "gender", "region", "address_code", "converted"
    ]  # fmt: skip
    assert data == {
        "valid": True,
        "kind": "resident_id",
        "reason": None,
        "normalized": "53252419880315002X",
        "birth_date": "1988-03-15",
        "gender": "女",
        "region": "云南省红河哈尼族彝族自治州建水县",
        "address_code": "current",
        "converted": None,
    }


def test_invalid_id_exits_1_with_the_reason_in_either_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "id", "110105194912310021", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False and data["reason"] == "第18位校验码应为X，请核对号码"
    assert data["birth_date"] is None and data["gender"] is None and data["region"] is None
    code, out = run(capsys, "check", "id", "110105194912310021", "--json", "--lang", "en")
    assert json.loads(out)["reason"] == "check digit should be X"


def test_check_uscc_and_division(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "uscc", "91350100m000100y43", "--json")
    assert code == 0 and json.loads(out) == {
        "valid": True,
        "kind": "uscc",
        "reason": None,
        "normalized": "91350100M000100Y43",
    }
    code, out = run(capsys, "check", "division", "532524103205", "--json")
    data = json.loads(out)
    assert code == 0 and data["kind"] == "village" and data["known"] is True
    assert data["name"].endswith("西庄镇团山村委会")


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "uscc", "91350100M000100Y44")
    assert code == 1
    assert "无效" in out and "第18位校验码应为3" in out


def test_console_script_runs_without_a_data_directory(tmp_path: Path) -> None:
    """Validation needs no terminal: the command must not create a home directory."""
    home = tmp_path / "never-created"
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "yunban"),
            "--home",
            str(home),
            "check",
            "id",
            "11010519491231002X",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["valid"] is True
    assert not home.exists()
