"""`yunban platform load-test` against a real platform (both engines): bounded, every record stored once, a report."""

from __future__ import annotations

import json
import os

import pytest

from app.cli import main as cli
from tests.support.platform import InProcessPlatform


def test_load_test_enrolls_its_terminals_sends_and_reports(
    platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["platform", "load-test", "--url", platform.url, "--data", str(platform.data), "--json"]
    argv += ["--terminals", "120", "--records", "40", "--rate", "200", "--attachment-kb", "20", "--status-every", "4"]
    rc = cli([*argv, "--pid", str(os.getpid()), "--db-pid", str(os.getpid())])
    report = json.loads(capsys.readouterr().out)
    assert rc == 0, report
    assert report["terminals"] == 120  # two divisions: at most 99 terminal numbers in one
    assert report["records_sent"] == report["records_acknowledged"] == report["stored"] == 40
    assert report["error_count"] == 0 and report["duplicates"] == 0
    assert report["mb_per_s"] > 0 and 0 < report["intake_latency_ms"]["p50"] <= report["intake_latency_ms"]["p99"]
    assert report["platform"]["peak_rss_mb"] > 0  # this process: the in-process platform's
    for part in ("platform", "database", "load_generator"):  # this process stands in for the database too
        assert report[part]["cpu_ms_per_record"] > 0 and report[part]["cpu_s"] > 0, report[part]
    assert report["database"]["peak_rss_mb"] > 0 and report["prepare_s"] >= 0
    stats = platform.store.stats()
    assert stats["terminals"] == 120 and stats["records"] == 40 and stats["attachments"] == 40


def test_load_test_refuses_unbounded_settings(platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]) -> None:
    rc = cli(["platform", "load-test", "--url", platform.url, "--data", str(platform.data), "--rate", "0", "--json"])
    assert rc == 2 and "--rate" in capsys.readouterr().out
