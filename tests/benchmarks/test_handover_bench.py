"""The grid worker's figures (issue 15; docs/benchmarks.md, section "Grid worker: batch delivery and USB hand-over"):

- 2,000 records with a 200 KiB scan each, made offline on a laptop, delivered in one batch when back in coverage
  (`yunban sync run --until-idle`): wall time, records/s, MB/s, peak memory of the delivering process;
- a 500-record hand-over bundle (500 × 200 KiB) and a grid worker's week (2,000 records × 100 KiB of scanned pages,
  195 MiB): `yunban sync export` on the laptop, `yunban sync import` (relay) on a township terminal and the platform
  server importing it, `yunban platform import-bundle` on the platform, `yunban sync import-ack`: time, bundle size,
  peak memory of each.

Everything runs as the technician runs it: `yunban` child processes against a `yunban platform serve` child process
over loopback. Peak memory is the child's own maximum resident set size (`os.wait4`), not this test process's.

Run: .venv/bin/python -m pytest tests/benchmarks/test_handover_bench.py --benchmark-enable --benchmark-only -s
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from sync.platform import admin as platform_main
from sync.platform import handover as platform_handover
from tests.support.cli import make_home, terminal_env
from tests.support.platform import DEMO_DIVISION, REPO, YUNBAN, PlatformProcess

SCAN_KB = 200
PASSPHRASE = "county hand-over 2026"


def _run_measured(env: dict[str, str], *args: str) -> tuple[Any, float, float]:
    """(JSON output, seconds, peak RSS in MiB) of one `yunban` child process, reaped here with `os.wait4` so the
    peak is that child's own."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen([*YUNBAN, *args, "--json"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=devnull)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    assert proc.returncode in (0, 1), f"yunban {' '.join(args)} exited {proc.returncode}: {out[:500]!r}"
    return json.loads(out), seconds, usage.ru_maxrss / 1024


def _terminal(tmp: Path, name: str, platform: PlatformProcess) -> dict[str, str]:
    env = terminal_env(make_home(tmp / name), platform.url)
    env["YUNBAN_EXPORT_PASSPHRASE"] = PASSPHRASE
    store = platform_main.open_store(platform.data)
    try:
        code = platform_main.enroll_code(store, DEMO_DIVISION)
    finally:
        store.close()
    _run_measured(env, "enroll", "--platform", platform.url, "--code", code)
    return env


def test_batch_delivery_of_2000_records_with_scans(benchmark: Any, tmp_path: Path) -> None:
    n = 2000
    platform = PlatformProcess(tmp_path / "platform").start()
    try:
        laptop = _terminal(tmp_path, "laptop", platform)
        made, make_s, _ = _run_measured(laptop, "records", "make-test", "--count", str(n), "--attachment-kb",
                                        str(SCAN_KB))  # fmt: skip
        assert made["created"] == n
        figures: dict[str, float] = {}

        def deliver() -> None:
            report, seconds, peak = _run_measured(laptop, "sync", "run", "--until-idle", "--timeout", "3600")
            assert report["status"]["pending"] == 0 and report["status"]["quarantined"] == 0
            figures.update(seconds=seconds, peak_mib=peak, delivered=report["delivered"])

        benchmark.pedantic(deliver, rounds=1, iterations=1)
        mb = n * SCAN_KB / 1024
        print(
            f"\n2,000 records x {SCAN_KB} KiB made offline in {make_s:.1f} s; delivered in one batch: "
            f"{figures['seconds']:.1f} s, {n / figures['seconds']:.1f} records/s, {mb / figures['seconds']:.1f} MiB/s, "
            f"peak RSS of `yunban sync run` {figures['peak_mib']:.0f} MiB"
        )
    finally:
        platform.stop()


def _server_peak_mib(platform: PlatformProcess) -> float:
    """The platform server's own peak resident set so far (VmHWM), in MiB."""
    assert platform.proc is not None
    for line in Path(f"/proc/{platform.proc.pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _hand_over(benchmark: Any, tmp_path: Path, n: int, kb: int) -> dict[str, Any]:
    """Figures of one bundle of `n` records with a `kb` KiB scan each: export on the laptop, relay by a township
    terminal (its peak, and the platform server's, which imports it), the same bundle again by the operator
    (`yunban platform import-bundle`: all duplicates, but every byte decrypted and checked) and the
    acknowledgement applied on the laptop."""
    platform = PlatformProcess(tmp_path / "platform").start()
    try:
        platform_handover.set_passphrase(platform.data, PASSPHRASE)
        laptop = _terminal(tmp_path, "laptop", platform)
        township = _terminal(tmp_path, "township", platform)
        _run_measured(laptop, "records", "make-test", "--count", str(n), "--attachment-kb", str(kb))
        figures: dict[str, Any] = {}

        def hand_over() -> None:
            server_before = _server_peak_mib(platform)
            exported, export_s, export_peak = _run_measured(laptop, "sync", "export", str(tmp_path / "stick"))
            bundle = Path(exported["path"])
            relayed, relay_s, relay_peak = _run_measured(township, "sync", "import", str(bundle))
            assert relayed["results"].get("stored", 0) >= n
            server_peak = _server_peak_mib(platform)
            again, import_s, import_peak = _run_measured(
                township, "platform", "import-bundle", "--data", str(platform.data), str(bundle)
            )
            assert set(again["results"]) == {"duplicate"}
            applied, ack_s, ack_peak = _run_measured(laptop, "sync", "import-ack", relayed["ack"])
            assert len(applied["marked_delivered"]) >= n
            figures.update(
                size_mib=bundle.stat().st_size / 2**20, export_s=export_s, export_peak=export_peak, relay_s=relay_s,
                relay_peak=relay_peak, server_before=server_before, server_peak=server_peak, import_s=import_s,
                import_peak=import_peak, ack_s=ack_s, ack_peak=ack_peak,
            )  # fmt: skip

        benchmark.pedantic(hand_over, rounds=1, iterations=1)
        return figures
    finally:
        platform.stop()


def _say(what: str, f: dict[str, Any]) -> None:
    print(
        f"\n{what} ({f['size_mib']:.0f} MiB): export {f['export_s']:.1f} s (peak {f['export_peak']:.0f} MiB); relay "
        f"{f['relay_s']:.1f} s (terminal peak {f['relay_peak']:.0f} MiB, platform server peak "
        f"{f['server_before']:.0f} -> {f['server_peak']:.0f} MiB); `platform import-bundle` again {f['import_s']:.1f}"
        f" s (all duplicate, peak {f['import_peak']:.0f} MiB); import-ack {f['ack_s']:.1f} s (peak "
        f"{f['ack_peak']:.0f} MiB)"
    )


def test_export_relay_and_import_of_a_500_record_bundle(benchmark: Any, tmp_path: Path) -> None:
    _say("500-record bundle", _hand_over(benchmark, tmp_path, 500, SCAN_KB))


def test_export_and_import_of_2000_records_with_200_mib_of_pages(benchmark: Any, tmp_path: Path) -> None:
    """Issue 15's memory question: a grid worker's week (2,000 records, 100 KiB of scanned pages each: 195 MiB) as
    one bundle."""
    _say("2,000-record bundle", _hand_over(benchmark, tmp_path, 2000, 100))
