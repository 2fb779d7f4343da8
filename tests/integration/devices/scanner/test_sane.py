"""Flatbed and ADF scans through the real SANE `test` backend, including its fault modes."""

from __future__ import annotations

import json
import signal
import socket
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.config import ScannerConfig
from app.devices.messages import render
from app.devices.scanning import ScanFailedError, ScannerService, ScanRequest
from devices.scanner.errors import ScannerError
from devices.scanner.sane_driver import SaneScanner, list_devices, map_sane_error


def test_devices_are_listed() -> None:
    names = [d[0] for d in list_devices()]
    assert names == ["test:0", "test:1"]


def test_flatbed_scan_at_200_dpi() -> None:
    (page,) = SaneScanner("test:0", resolution=200).scan()
    # The test backend's scan area stops at 200 mm, so an A4 request is clamped to 200 × 200 mm.
    assert page.mode == "RGB"
    assert page.size == (1574, 1574)


def test_gray_scan() -> None:
    (page,) = SaneScanner("test:0", resolution=100, color=False).scan()
    assert page.mode == "L"


def test_adf_scans_every_page_until_the_feeder_is_empty() -> None:
    pages = SaneScanner("test:1", source="adf", resolution=50).scan()
    assert len(pages) == 10  # the test backend's feeder holds ten sheets


def test_jammed_feeder_is_a_clear_message() -> None:
    with pytest.raises(ScannerError) as exc:
        SaneScanner("test:0", source="adf", resolution=50, options={"read_return_value": "SANE_STATUS_JAMMED"}).scan()
    assert exc.value.code == "jammed"
    assert "卡纸" in render(exc.value.note, "zh_CN") and "jammed" in render(exc.value.note, "en")


def test_empty_feeder_is_a_clear_message() -> None:
    with pytest.raises(ScannerError) as exc:
        SaneScanner("test:0", source="adf", resolution=50, options={"read_return_value": "SANE_STATUS_NO_DOCS"}).scan()
    assert exc.value.code == "no_docs"
    assert "没有文件" in render(exc.value.note, "zh_CN")


def test_other_faults() -> None:
    for status, code in (("SANE_STATUS_COVER_OPEN", "cover_open"), ("SANE_STATUS_DEVICE_BUSY", "busy"),
                         ("SANE_STATUS_IO_ERROR", "io")):  # fmt: skip
        with pytest.raises(ScannerError) as exc:
            SaneScanner("test:0", resolution=50, options={"read_return_value": status}).scan()
        assert exc.value.code == code
    assert map_sane_error(RuntimeError("Something new")).code == "error"


def test_unknown_device() -> None:
    with pytest.raises(ScannerError) as exc:
        SaneScanner("nosuch:0").scan()
    assert exc.value.code == "no_device"


def test_service_scan_writes_upload_ready_pages(tmp_path: Path) -> None:
    service = ScannerService(ScannerConfig(driver="sane", device="test:1"))
    assert service.status().state == "ready"
    result, _ = service.scan(ScanRequest(source="adf", resolution=100), out_dir=tmp_path)
    assert len(result.pages) == 10
    assert all(Path(p.path or "").read_bytes()[:2] == b"\xff\xd8" for p in result.pages)
    assert result.pdf is not None and Path(result.pdf).read_bytes().startswith(b"%PDF-1.4")
    with pytest.raises(ScanFailedError) as exc:
        service.scan(ScanRequest(sane_options=(("read_return_value", "SANE_STATUS_JAMMED"),)))
    assert exc.value.code == "jammed"
    assert ScannerService(ScannerConfig(driver="sane", device="nosuch:0")).status().state == "not_present"


def test_cli_scan_test(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scan"
    assert main(["devices", "scan-test", "--driver", "sane", "--device", "test:0", "--out", str(out), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["driver"] == "sane" and info["device"] == "test:0"
    (page,) = info["pages"]
    assert page["dpi"] == 200 and page["bytes"] <= 1_000_000 and Path(page["path"]).exists()
    assert Path(info["pdf"]).exists()
    assert main(["devices", "scanner-status", "--driver", "sane", "--device", "test:0", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "ready"
    args = ["--source", "adf", "--resolution", "50", "--out", str(out), "--json"]
    assert main(["devices", "scan-test", "--driver", "sane", "--device", "test:0", *args]) == 0
    assert len(json.loads(capsys.readouterr().out)["pages"]) == 10


def test_missing_python_sane_is_a_status(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.config import Config
    from app.devices.registry import probe_scanner
    from devices.scanner import sane_driver

    monkeypatch.setitem(sane_driver._state, "module", None)
    monkeypatch.setitem(sys.modules, "sane", None)
    with pytest.raises(ScannerError) as exc:
        SaneScanner("test:0").scan()
    assert exc.value.code == "missing_library" and "python-sane" in render(exc.value.note, "zh_CN")
    config = Config()
    config.devices.scanner.driver = "sane"
    (entry,) = probe_scanner(config, None)
    assert entry.state == "missing_library"


def test_registry_lists_the_scanner() -> None:
    from app.config import Config
    from app.devices.registry import list_devices as registry

    config = Config()
    config.devices.scanner.driver = "sane"
    config.devices.scanner.device = "test:1"
    (entry,) = registry(config, kinds=("scanner",))
    assert (entry.kind, entry.driver, entry.target, entry.state) == ("scanner", "sane", "test:1", "ready")
    config.devices.scanner.device = "nosuch:0"
    assert registry(config, kinds=("scanner",))[0].state == "not_present"


def test_a_wedged_backend_becomes_a_clear_error_and_later_calls_still_run() -> None:
    """A SANE call that never returns (a backend deadlocked in sane_cancel) gives `timeout`; the next call runs on
    a fresh SANE thread instead of queueing behind the stuck one."""
    import threading

    from devices.scanner import sane_driver

    release = threading.Event()
    stuck_thread = sane_driver._worker.thread
    try:
        with pytest.raises(ScannerError) as exc:
            sane_driver.run_on_sane_thread(lambda: release.wait(30), timeout=0.2)
        assert exc.value.code == "timeout" and "扫描仪无响应" in render(exc.value.note, "zh_CN")
        assert sane_driver._worker.thread is not stuck_thread and stuck_thread.is_alive()
        assert any(name == "test:0" for name, *_ in sane_driver.list_devices())
        assert len(SaneScanner("test:0", resolution=50).scan()) == 1
    finally:
        release.set()
    stuck_thread.join(5)
    assert not stuck_thread.is_alive() or stuck_thread.daemon


def _sigpipe_ignored() -> bool:
    """What the kernel has for this process (Python's `signal.getsignal` only knows what Python set)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))
    raise AssertionError("no SigIgn line in /proc/self/status")


def test_a_scan_leaves_sigpipe_ignored() -> None:
    """libsane's reader thread sets SIGPIPE back to terminate when a scan ends; the driver puts it back, so a write to
    a closed socket after a scan (the outbox uploading over a dropped link) raises instead of killing the terminal."""
    assert _sigpipe_ignored()
    SaneScanner("test:0", resolution=75).scan()
    assert _sigpipe_ignored()
    left, right = socket.socketpair()
    right.close()
    with left, pytest.raises(BrokenPipeError):
        for _ in range(64):  # the first send may still land in the buffer
            left.send(b"x" * 65536)
