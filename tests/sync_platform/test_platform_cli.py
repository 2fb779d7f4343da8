"""`yunban platform ...` as technicians and tests run it: a real child process, killed and restarted."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.platform_fixtures import PlatformProcess, TestTerminal


def test_serve_port_0_admin_commands_and_restart_after_sigkill(tmp_path: Path) -> None:
    proc = PlatformProcess(tmp_path / "data").start()
    try:
        assert httpx.get(proc.url + "/v1/health").json()["status"] == "ok"
        code = proc.admin("enroll-code", "--division", "532524103205")
        assert code.returncode == 0, code.stderr
        terminal = TestTerminal(proc.url, code.stdout.strip())
        assert terminal.platform_public_key == proc.public_key
        sha = terminal.upload(b"attachment bytes" * 100)
        record = terminal.record({"x": 1}, attachments=[sha], receipt_no="R-CLI-1")
        assert terminal.client.post("/v1/records", json=record).status_code == 201

        port = proc.port
        proc.kill()  # SIGKILL: no clean shutdown
        proc.start(port=port)
        assert proc.port == port
        assert terminal.client.post("/v1/records", json=record).json() == {"result": "duplicate"}

        stats = proc.admin("stats", "--json")
        assert json.loads(stats.stdout) == {
            "terminals": 1,
            "submissions": 1,
            "records": 1,
            "attachments": 1,
            "duplicates_absorbed": 1,
            "conflicts": 0,
        }
        moved = proc.admin("set-status", "R-CLI-1", "已受理", "--json")
        assert json.loads(moved.stdout)["status"] == "已受理"
        refused = proc.admin("set-status", "R-CLI-1", "不予受理", "--json")
        assert refused.returncode == 2
        assert "reason" in json.loads(refused.stdout)["error"]
        changes = terminal.client.get("/v1/status").json()["changes"]
        assert [c["status"] for c in changes] == ["已受理"]

        assert proc.admin("revoke", terminal.terminal_id).returncode == 0
        assert terminal.client.get("/v1/status").status_code == 403
        bad = proc.admin("enroll-code", "--division", "yunnan")
        assert bad.returncode == 2
        assert "division" in bad.stderr
        terminal.close()
    finally:
        proc.stop()
    assert proc.proc is None


def test_serve_refuses_a_port_in_use_clearly(tmp_path: Path) -> None:
    first = PlatformProcess(tmp_path / "a").start()
    try:
        second = PlatformProcess(tmp_path / "b")
        try:
            second.start(port=first.port)
        except RuntimeError as exc:
            assert "cannot listen" in str(exc)
        else:  # pragma: no cover - would mean two servers on one port
            second.stop()
            raise AssertionError("second server bound a port in use")
    finally:
        first.stop()
