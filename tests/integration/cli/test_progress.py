"""Issue 17: progress on long work. `--progress json` gives JSON lines on stderr whose figures match the work done;
plain lines when stderr is not a terminal; a rich bar with counts, bytes, rate and time left on a terminal (a real
pseudo-terminal here); nothing on stderr with `--json` unless asked, and stdout stays one JSON document."""

from __future__ import annotations

import itertools
import json
import os
import pty
import re
import select
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import KEYRING_PASSPHRASE, InProcessCli, make_home
from tests.support.platform import REPO, YUNBAN, InProcessPlatform, platform  # noqa: F401 (fixture)


def _events(stderr: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> InProcessCli:
    return InProcessCli(capsys, monkeypatch, make_home(tmp_path / "home"))


def test_make_test_progress_as_json_lines_counts_records_and_bytes(cli: InProcessCli) -> None:
    argv = ("records", "make-test", "--count", "12", "--attachment-kb", "4", "--json", "--progress", "json")
    code, out, err = cli(*argv)
    assert code == 0 and json.loads(out)["created"] == 12  # stdout: one JSON document
    events = _events(err)
    assert events[0]["event"] == "start" and events[-1]["event"] == "done"
    assert {e["task"] for e in events} == {"records make-test"}
    last = events[-1]
    assert (last["done"], last["total"], last["bytes"], last["total_bytes"]) == (12, 12, 12 * 4096, 12 * 4096)
    assert all(a["done"] <= b["done"] for a, b in itertools.pairwise(events))
    assert {"rate", "bytes_rate", "eta_s", "elapsed_s"} <= set(last)


def test_json_output_alone_prints_no_progress_and_plain_lines_otherwise(cli: InProcessCli) -> None:
    code, out, err = cli("records", "make-test", "--count", "3", "--json")
    assert code == 0 and err == "" and json.loads(out)["created"] == 3
    code, _, err = cli("records", "make-test", "--count", "3", "--attachment-kb", "1")
    lines = err.splitlines()
    assert code == 0 and lines and all(line.startswith("records make-test: ") for line in lines)
    assert lines[-1].startswith("records make-test: 3/3 records (100 %), 3.0 KiB/3.0 KiB")
    assert cli("records", "make-test", "--count", "3", "--progress", "none")[2] == ""


def test_sync_run_progress_counts_every_record_and_attachment_byte(
    cli: InProcessCli,
    platform: InProcessPlatform,  # noqa: F811
) -> None:
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    cli.json("records", "make-test", "--count", "6", "--attachment-kb", "40")
    code, out, err = cli("sync", "run", "--until-idle", "--chunk-kb", "16", "--json", "--progress", "json")
    assert code == 0 and json.loads(out)["delivered"] == 6
    last = _events(err)[-1]
    assert (last["event"], last["task"], last["done"], last["total"]) == ("done", "sync run", 6, 6)
    assert last["bytes"] == last["total_bytes"] == 6 * 40 * 1024


def test_sync_export_and_catalog_import_report_progress(
    cli: InProcessCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.json("records", "make-test", "--count", "4", "--attachment-kb", "8")
    monkeypatch.setenv("YUNBAN_EXPORT_PASSPHRASE", "export-passphrase-1")
    code, _, err = cli("sync", "export", str(tmp_path / "out"), "--progress", "json")
    last = _events(err)[-1]
    assert code == 0 and (last["task"], last["done"], last["total"], last["bytes"]) == ("sync export", 4, 4, 4 * 8192)
    code, _, err = cli("catalog", "import", "--progress", "json")
    last = _events(err)[-1]
    assert code == 0 and last["task"] == "catalog import" and last["done"] == last["total"] > 10
    assert last["bytes"] == last["total_bytes"] > 100_000


def test_a_failed_command_reports_failed_not_done(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    cli = InProcessCli(capsys, monkeypatch, make_home(tmp_path / "home"), passphrase=None)
    code, _, err = cli("records", "make-test", "--count", "2", "--progress", "json")
    assert code == 2
    events = _events(err)
    assert [e["event"] for e in events] in ([], ["start", "failed"])


def _pty_run(argv: list[str], env: dict[str, str], columns: int = 140, timeout: float = 120) -> str:
    """Run with stderr (and stdout) on a pseudo-terminal; return everything written to it."""
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    proc = subprocess.Popen(argv, cwd=REPO, env={**env, "COLUMNS": str(columns), "TERM": "xterm-256color"},
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)  # fmt: skip
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=10)
    os.close(master)
    assert proc.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode(errors="replace")


def test_on_a_terminal_the_bar_shows_counts_bytes_rate_and_time(tmp_path: Path) -> None:
    home = make_home(tmp_path / "home")
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "NO_COLOR", "FORCE_COLOR")}
    env.update(YUNBAN_HOME=str(home), YUNBAN_KEYRING_PASSPHRASE=KEYRING_PASSPHRASE, YUNBAN_LANG="zh_CN")
    raw = _pty_run([*YUNBAN, "records", "make-test", "--count", "40", "--attachment-kb", "64"], env)
    assert "\x1b[" in raw  # coloured on a terminal
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw)
    assert "records make-test" in screen and "━" in screen  # rich's bar
    assert "40/40 records" in screen and "2.5 MiB/2.5 MiB" in screen
    assert "/s" in screen and "0:00:0" in screen  # rate and elapsed time
    assert "已生成 40 条测试记录" in screen


def test_catalog_update_counts_the_platforms_replies_and_their_bytes(
    cli: InProcessCli,
    platform: InProcessPlatform,  # noqa: F811
) -> None:
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    code, out, err = cli("catalog", "update", "--json", "--progress", "json")
    assert code == 0 and json.loads(out)["snapshot"] is True
    last = _events(err)[-1]
    assert (last["event"], last["task"], last["total"]) == ("done", "catalog update", None)  # no total: the feed
    assert last["done"] >= 2 and last["bytes"] > 100_000  # the signed snapshot, then the (empty) change page


def test_load_test_reports_each_phase_and_keeps_stdout_one_report(
    platform: InProcessPlatform,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main

    argv = ["platform", "load-test", "--url", platform.url, "--data", str(platform.data), "--terminals", "7"]
    argv += ["--records", "15", "--rate", "200", "--attachment-kb", "3", "--catalog-phase", "--json"]
    assert main([*argv, "--progress", "json"]) == 0
    out = capsys.readouterr()
    report = json.loads(out.out)
    events = _events(out.err)
    assert report["records_acknowledged"] == 15
    tasks = [e["task"] for e in events if e["event"] == "start"]
    assert tasks == ["load-test enroll", "load-test", "load-test catalog"]  # the phases, in order
    done = {e["task"]: e for e in events if e["event"] == "done"}
    assert (done["load-test enroll"]["done"], done["load-test enroll"]["total"]) == (7, 7)
    assert (done["load-test"]["done"], done["load-test"]["bytes"]) == (15, 15 * 3 * 1024)
    assert done["load-test"]["total_bytes"] == 15 * 3 * 1024 and done["load-test catalog"]["done"] == 7
    assert main([*argv[:-1]]) == 0  # text: plain lines on stderr (not a terminal), the report on stdout
    out = capsys.readouterr()
    assert out.err.splitlines()[-1].startswith("load-test catalog: 7/7 terminals (100 %)")
    assert "load-test: 15/15 records (100 %), 45.0 KiB/45.0 KiB" in out.err
    assert out.out.startswith("15 records from 7 terminals")


def test_update_apply_counts_its_steps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main
    from app.updates.publish import build_bundle
    from tests.integration.updates.helpers import make_deb, make_terminal

    terminal = make_terminal(tmp_path / "t")
    bundle = build_bundle(terminal.keys, make_deb(terminal.debs, "0.2.0"), tmp_path / "usb")
    code = main(["--home", str(terminal.home), "update", "apply", str(bundle), "--json", "--progress", "json"])
    out = capsys.readouterr()
    assert code == 0 and json.loads(out.out)["version"] == "0.2.0"
    events = _events(out.err)
    assert events[0]["event"] == "start" and events[-1]["event"] == "done"
    last = events[-1]
    assert (last["task"], last["total"]) == ("update apply", 3)
    assert last["done"] == 3 and last["bytes"] > 0  # verified (bytes: the package), installed, kiosk restarted


def test_sync_run_says_a_retried_error_once_and_that_everything_went_through(
    cli: InProcessCli,
    platform: InProcessPlatform,  # noqa: F811
) -> None:
    from tests.support.faultproxy import FaultProxy

    with FaultProxy(int(platform.url.rsplit(":", 1)[1])) as proxy:
        cli.json("enroll", "--platform", proxy.url, "--code", platform.enroll_code())
        cli.json("records", "make-test", "--count", "3", "--attachment-kb", "4")
        proxy.schedule("http:503", "http:503")  # the platform refuses twice, then answers
        argv = ("sync", "run", "--until-idle", "--backoff-base", "0.05", "--probe-interval", "0.05")
        code, out, err = cli(*argv, "--progress", "plain")
    assert code == 0 and proxy.injected["http"] == 2
    notes = [line for line in err.splitlines() if line.startswith("sync run: 最近错误")]
    assert len(notes) == 1, err  # the same trouble said once, not at every back-off
    assert out.splitlines()[0].startswith("已送达 3") and "重试后已全部送达；其间的错误：" in out


def test_work_measured_in_bytes_shows_bytes_percent_and_time_left_not_an_empty_count() -> None:
    """`sync import` streams a bundle (`unit="bytes"`, no item total): every plain line moves with the bytes (it
    printed one line and stopped, with `0 bytes` and `0.0/s` items), with the percentage and the time left."""
    import io

    from app.cli.progress import Reporter

    stream = io.StringIO()
    reporter = Reporter("sync import", "plain", total=None, total_bytes=10 * 2**20, unit="bytes", stream=stream)
    reporter.start()
    for _ in range(10):
        reporter.add_bytes(2**20)
    reporter.finish()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 10 and lines[0].startswith("sync import: 1.0 MiB/10.0 MiB (10 %), ")
    assert lines[-1].startswith("sync import: 10.0 MiB/10.0 MiB (100 %), ") and "left" not in lines[-1]
    assert all(" bytes" not in line and "0.0/s" not in line for line in lines)
    assert all(line.endswith(" left") for line in lines[1:-1])  # the time left once there is a rate
    assert reporter.snapshot("done")["bytes"] == reporter.snapshot("done")["total_bytes"] == 10 * 2**20


def test_a_finished_run_that_sent_fewer_bytes_than_foreseen_ends_at_what_it_sent() -> None:
    """Attachments the platform already held (after a USB hand-over) are not sent again: every record done, the bar
    ends full at the bytes sent rather than at 50.1 MiB/71.9 MiB (seen in tmux)."""
    import io

    from app.cli.progress import Reporter

    stream = io.StringIO()
    reporter = Reporter("sync run", "plain", total=3, total_bytes=3000, unit="records", stream=stream)
    reporter.start()
    reporter.advance(1, 1000)
    reporter.advance(2, 0)  # two duplicates: nothing uploaded
    reporter.finish()
    assert stream.getvalue().splitlines()[-1].startswith("sync run: 3/3 records (100 %), 1000 B/1000 B")
    assert reporter.snapshot("done")["total_bytes"] == 1000
    failed = Reporter("sync run", "plain", total=3, total_bytes=3000, unit="records", stream=io.StringIO())
    failed.advance(1, 1000)
    failed.finish(failed=True)
    assert failed.snapshot("failed")["total_bytes"] == 3000  # unfinished work keeps its total
