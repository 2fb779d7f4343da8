"""`yunban platform ...` as technicians and tests run it: a real child process, killed and restarted."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import httpx
import pytest

from app.cli import main as cli
from tests.support.platform import PlatformProcess, TestTerminal


def admin(capsys: pytest.CaptureFixture[str], proc: PlatformProcess, *argv: str) -> tuple[int, str, str]:
    """`yunban platform <argv> --data DIR` in this process (the server runs in its child; SQLite WAL shares)."""
    rc = cli(["platform", *argv, "--data", str(proc.data)])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_serve_port_0_admin_commands_and_restart_after_sigkill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
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

        rc, out, _ = admin(capsys, proc, "stats", "--json")
        assert json.loads(out) == {
            "terminals": 1,
            "submissions": 1,
            "records": 1,
            "attachments": 1,
            "duplicates_absorbed": 1,
            "conflicts": 0,
        }
        rc, out, _ = admin(capsys, proc, "set-status", "R-CLI-1", "已受理", "--json")
        assert json.loads(out)["status"] == "已受理"
        rc, out, _ = admin(capsys, proc, "set-status", "R-CLI-1", "不予受理", "--json")
        assert rc == 2
        assert "reason" in json.loads(out)["error"]
        changes = terminal.client.get("/v1/status").json()["changes"]
        assert [c["status"] for c in changes] == ["已受理"]

        assert admin(capsys, proc, "revoke", terminal.terminal_id)[0] == 0
        assert terminal.client.get("/v1/status").status_code == 403
        rc, _, err = admin(capsys, proc, "enroll-code", "--division", "yunnan")
        assert rc == 2
        assert "division" in err
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


def _small_disk() -> None:
    """In the platform child: files may not grow past 3 MB (EFBIG, like ENOSPC for our purposes)."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get the error instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (3_000_000, 3_000_000))


def test_platform_disk_full_while_writing_an_attachment_counts_nothing_half_written(tmp_path: Path) -> None:
    proc = PlatformProcess(tmp_path / "full", preexec_fn=_small_disk).start()
    try:
        code = proc.admin("enroll-code", "--division", "532524103205").stdout.strip()
        terminal = TestTerminal(proc.url, code)
        data = os.urandom(4_000_000)
        sha = hashlib.sha256(data).hexdigest()
        offset, status = 0, 200
        while status == 200:
            reply = terminal.client.patch(
                f"/v1/attachments/{sha}",
                content=data[offset : offset + 1_000_000],
                headers={"Upload-Offset": str(offset), "Upload-Length": str(len(data))},
            )
            status = reply.status_code
            if status == 200:
                offset = reply.json()["received"]
        assert status == 507
        assert "cannot store" in reply.json()["error"]
        state = terminal.client.get(f"/v1/attachments/{sha}").json()
        assert state == {"sha256": sha, "received": offset, "complete": False, "length": len(data)}
        assert offset % 1_000_000 == 0 and offset < len(data)  # only whole, confirmed chunks count
        record = terminal.record(attachments=[sha])
        refused = terminal.client.post("/v1/records", json=record)
        assert refused.status_code == 422 and refused.json()["missing_attachments"] == [sha]
        terminal.close()
    finally:
        proc.stop()
