"""Issue 17: `yunban doctor`, the technician's first command: every check with OK / WARN / FAIL and, when not OK,
the fix; `--json` too; exit 1 only when something FAILs. Run on a real terminal enrolled with the loopback platform,
then with the platform gone, a keyring it cannot open and a records queue waiting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.cli import InProcessCli, make_home
from tests.support.platform import InProcessPlatform, platform  # noqa: F401 (fixture)

CHECKS = {"config", "enrollment", "keyring", "platform", "time_zone", "disk", "catalog", "outbox"}


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> InProcessCli:
    return InProcessCli(capsys, monkeypatch, make_home(tmp_path / "home"))


def _by_name(report: dict[str, object]) -> dict[str, dict[str, object]]:
    checks = report["checks"]
    assert isinstance(checks, list)
    return {c["check"]: c for c in checks}


def test_doctor_on_an_enrolled_terminal(cli: InProcessCli, platform: InProcessPlatform) -> None:  # noqa: F811
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    code, out, _ = cli("doctor", "--json")  # enrolled, no catalog yet: a FAIL naming the fix
    catalog = _by_name(json.loads(out))["catalog"]
    assert (code, catalog["status"], catalog["fix"]) == (1, "FAIL", "yunban catalog update")
    cli.json("catalog", "update")
    oldest = cli.json("records", "make-test", "--count", "2", "--attachment-kb", "3")["receipts"][0]
    code, out, _ = cli("doctor", "--json")
    report = json.loads(out)
    checks = _by_name(report)
    assert set(checks) >= CHECKS and any(name.startswith("device ") for name in checks)
    assert all(c["status"] in ("OK", "WARN", "FAIL") for c in checks.values())
    assert all((c["fix"] is None) == (c["status"] == "OK") for c in checks.values())
    for name in ("config", "enrollment", "keyring", "platform", "time_zone", "disk"):
        assert checks[name]["status"] == "OK", checks[name]
    assert (code, report["ok"]) == (0, True), [c for c in checks.values() if c["status"] == "FAIL"]
    assert "Asia/Shanghai" in str(checks["time_zone"]["detail"]) and "平台时钟" in str(checks["time_zone"]["detail"])
    outbox = str(checks["outbox"]["detail"])
    assert "待发 2 条" in outbox and "6.0 KiB" in outbox and oldest in outbox  # depth, bytes, the oldest record

    code, out, _ = cli("doctor")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("OK    config")
    warn = next(i for i, line in enumerate(lines) if line.startswith("WARN  catalog"))  # the demo catalog
    assert "yunban catalog update" in lines[warn + 1]

    platform.stop()  # the platform gone: a FAIL with the fix, exit 1
    code, out, _ = cli("doctor", "--json")
    report = json.loads(out)
    checks = _by_name(report)
    assert (code, report["ok"], checks["platform"]["status"]) == (1, False, "FAIL")
    assert "platform.url" in str(checks["platform"]["fix"])


def test_doctor_names_a_keyring_it_cannot_open_and_the_missing_enrollment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = InProcessCli(capsys, monkeypatch, make_home(tmp_path / "home"), passphrase=None, lang="en")
    code, out, _ = cli("doctor", "--json", "--offline")
    checks = _by_name(json.loads(out))
    assert code == 1 and checks["keyring"]["status"] == "FAIL"
    assert "keyring unavailable" in str(checks["keyring"]["detail"])
    assert str(checks["keyring"]["fix"]).startswith("export YUNBAN_KEYRING_PASSPHRASE=")
    assert checks["enrollment"]["status"] == "WARN" and "not enrolled" in str(checks["enrollment"]["detail"])
    assert "yunban provision" in str(checks["enrollment"]["fix"])
    assert checks["outbox"]["status"] == "OK"


def test_doctor_with_the_platform_down_a_printer_unplugged_and_a_broken_config(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    platform: InProcessPlatform,  # noqa: F811
) -> None:
    home = make_home(tmp_path / "home")
    cli = InProcessCli(capsys, monkeypatch, home)
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    with (home / "config.toml").open("a", encoding="utf-8") as config:  # nothing listens on the discard port
        config.write('\n[devices.printer]\nuri = "tcp://127.0.0.1:9"\n')
    platform.stop()
    code, out, _ = cli("doctor", "--json")
    checks = _by_name(json.loads(out))
    assert code == 1 and checks["platform"]["status"] == "FAIL"
    clock = checks["time_zone"]
    assert clock["status"] == "WARN" and "偏差未知" in str(clock["detail"])  # no offset without the platform
    printer = checks["device printer"]
    assert printer["status"] == "FAIL" and "[devices.printer]" in str(printer["fix"]), printer

    (home / "config.toml").write_text('[terminal]\ntime_zone = "Mars/Base"\n', encoding="utf-8")
    code, out, _ = cli("doctor")
    lines = out.splitlines()
    assert code == 1 and lines[0].startswith("FAIL  config") and "terminal.time_zone" in lines[0]
    assert any(line.startswith("OK    disk") for line in lines)  # the disk is still looked at


def test_doctor_warns_and_fails_on_disk_space_and_an_old_outbox_at_its_thresholds(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thresholds are the module's constants; set around this machine's real free space and a real record's age,
    each level shows with its fix."""
    import shutil

    from app.cli import doctor

    cli.json("records", "make-test", "--count", "1")
    free = shutil.disk_usage(cli.home).free
    monkeypatch.setattr(doctor, "DISK_WARN_BYTES", free * 2)
    monkeypatch.setattr(doctor, "OUTBOX_WARN_HOURS", -1)  # the record made just now counts as waiting too long
    checks = _by_name(json.loads(cli("doctor", "--json", "--offline")[1]))
    assert checks["disk"]["status"] == "WARN" and "purge-drafts" in str(checks["disk"]["fix"])
    assert checks["outbox"]["status"] == "WARN" and "sync run --until-idle" in str(checks["outbox"]["fix"])
    monkeypatch.setattr(doctor, "DISK_FAIL_BYTES", free * 2)
    code, out, _ = cli("doctor", "--json", "--offline")
    assert code == 1 and _by_name(json.loads(out))["disk"]["status"] == "FAIL"


@pytest.mark.parametrize(("skew_s", "status"), [(5, "OK"), (-90, "WARN"), (900, "FAIL")])
def test_doctor_names_the_clock_offset_from_the_platform(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    platform: InProcessPlatform,  # noqa: F811
    skew_s: int,
    status: str,
) -> None:
    """The enrolled terminal's platform answers /v1/health with its clock `skew_s` seconds off this machine's (a
    loopback server speaking the health route as the platform does, its clock set apart)."""
    import datetime as dt
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Skewed(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=skew_s)
            body = json.dumps({"status": "ok", "time": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                               "protocol": 1, "database": "ok"}).encode()  # fmt: skip
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Skewed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cli = InProcessCli(capsys, monkeypatch, make_home(tmp_path / "home"))
        cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
        monkeypatch.setenv("YUNBAN_PLATFORM_URL", f"http://127.0.0.1:{server.server_address[1]}")
        out = cli("doctor", "--json")[1]
    finally:
        server.shutdown()
    clock = _by_name(json.loads(out))["time_zone"]
    assert clock["status"] == status, clock
    offset = float(re.search(r"([+-]\d+\.\d) 秒", str(clock["detail"])).group(1))  # type: ignore[union-attr]
    assert abs(offset - skew_s) < 3
    assert (clock["fix"] is None) == (status == "OK") and (status == "OK" or "timedatectl" in str(clock["fix"]))
