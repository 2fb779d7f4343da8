"""Printing for real over TCP, serial (a pty) and a file: status, paper out, refused connections, the spool, CLI."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import tty
from pathlib import Path

import pytest

from app.cli import main
from app.config import PrinterConfig
from app.devices.messages import render
from app.devices.printing import PrinterService, PrintFailedError, diagnostic_receipt
from app.devices.registry import probe_printer
from devices.emulators.virtual_printer import VirtualPrinter
from devices.printer.driver import EscposPrinter, PrinterState
from devices.printer.errors import PrinterError
from devices.printer.layout import layout_receipt
from devices.printer.profiles import PROFILES
from devices.printer.transport import parse_uri
from tests.integration.devices.printer.conftest import typical_receipt

P58 = PROFILES["58mm"]
DATA = layout_receipt(typical_receipt(), P58).data


def service(tmp_path: Path, uri: str, mode: str = "text") -> PrinterService:
    return PrinterService(PrinterConfig(uri=uri, profile="58mm", mode=mode), tmp_path / "spool", timeout=2.0)


def test_uris() -> None:
    assert str(parse_uri("tcp://127.0.0.1")) == "tcp://127.0.0.1:9100"
    u = parse_uri("usb://0416:5011")
    assert (u.vendor, u.product) == (0x0416, 0x5011)
    u = parse_uri("serial:///dev/ttyUSB0?baud=19200")
    assert (u.path, u.baud, u.bidirectional) == ("/dev/ttyUSB0", 19200, True)
    u = parse_uri("file:/tmp/x.bin")
    assert (u.scheme, u.path, u.bidirectional) == ("file", "/tmp/x.bin", False)
    for bad in ("lpt1", "usb://zz:1", "tcp://:9100", "serial://"):
        with pytest.raises(PrinterError) as exc:
            parse_uri(bad)
        assert exc.value.code == "bad_uri"
    with pytest.raises(PrinterError) as exc:
        parse_uri("")
    assert exc.value.code == "not_configured"


def test_status_decoding() -> None:
    assert PrinterState.decode(0x12, 0x12, 0x12) == PrinterState(True, "ok", False)
    assert PrinterState.decode(0x12, 0x12, 0x1E).paper == "near_end"
    assert PrinterState.decode(0x1A, 0x32, 0x72) == PrinterState(False, "out", False)
    assert PrinterState.decode(0x1A, 0x16, 0x12).cover_open
    assert PrinterState.decode(None, None, None) == PrinterState(None, "unknown", False)
    assert PrinterState.decode(0xFF, 0x00, 0x00) == PrinterState(None, "unknown", False)  # not status bytes


def test_paper_out_refuses_the_job_before_sending_it(vp: VirtualPrinter) -> None:
    vp.set_paper("out")
    with pytest.raises(PrinterError) as exc:
        EscposPrinter(vp.uri).send(DATA)
    assert exc.value.code == "paper_out"
    assert "缺纸" in render(exc.value.note, "zh_CN") and "out of paper" in render(exc.value.note, "en")
    vp.set_paper("ok")
    EscposPrinter(vp.uri).send(b"\x1b@x\n")
    (job,) = vp.wait_for_jobs(1)
    assert job.text == "x\n"  # the refused job never reached the printer


def test_near_end_prints_and_warns(vp: VirtualPrinter) -> None:
    vp.set_paper("near_end")
    state = EscposPrinter(vp.uri).send(DATA)
    assert state.paper == "near_end"
    assert vp.wait_for_jobs(1)[0].printed


def test_offline_is_refused(vp: VirtualPrinter) -> None:
    vp.set_online(False)
    with pytest.raises(PrinterError) as exc:
        EscposPrinter(vp.uri).send(DATA)
    assert exc.value.code == "offline"


def test_paper_running_out_during_a_job_is_reported(vp: VirtualPrinter) -> None:
    vp.paper_out_after_lines = 5
    with pytest.raises(PrinterError) as exc:
        EscposPrinter(vp.uri).send(DATA)
    assert exc.value.code == "paper_out_during"
    (job,) = vp.wait_for_jobs(1)
    assert not job.printed and job.lost_lines > 0


def test_connection_lost_mid_job_is_an_error_not_a_success(vp: VirtualPrinter, tmp_path: Path) -> None:
    vp.drop_after_bytes = 100
    svc = service(tmp_path, vp.uri)
    try:
        with pytest.raises(PrintFailedError) as exc:
            svc.print_receipt(typical_receipt())
        assert exc.value.code == "io"
        (job,) = vp.wait_for_jobs(1)
        assert not job.printed
        assert len(svc.pending()) == 1
        vp.drop_after_bytes = None
        svc.retry(svc.pending()[0].job_id)
        assert vp.wait_for_jobs(2)[-1].printed and svc.pending() == []
    finally:
        svc.close()


def test_connection_refused(vp: VirtualPrinter) -> None:
    vp.refuse()
    with pytest.raises(PrinterError) as exc:
        EscposPrinter(vp.uri).send(DATA)
    assert exc.value.code == "refused" and exc.value.params == {"where": vp.uri}
    assert vp.uri in render(exc.value.note, "zh_CN")


def test_a_refused_job_is_spooled_and_retried(vp: VirtualPrinter, tmp_path: Path) -> None:
    svc = service(tmp_path, vp.uri)
    try:
        vp.set_paper("out")
        with pytest.raises(PrintFailedError) as exc:
            svc.print_receipt(typical_receipt(), title="回执")
        assert exc.value.code == "paper_out" and exc.value.job_id
        vp.refuse()
        with pytest.raises(PrintFailedError) as exc2:
            svc.retry(exc.value.job_id)
        assert exc2.value.code == "refused"
        (pending,) = svc.pending()
        assert (pending.job_id, pending.title, pending.attempts, pending.last_error) == (
            exc.value.job_id, "回执", 2, "refused"
        )  # fmt: skip
        assert svc.status().state == "refused"
        vp.accept()
        vp.set_paper("ok")
        result = svc.retry(exc.value.job_id)
        assert result.size == len(DATA) and result.status.state == "ready"
        assert svc.pending() == []
        (job,) = vp.wait_for_jobs(1)
        assert "受理回执" in job.text
    finally:
        svc.close()


def test_service_reports_rare_characters_and_modes(vp: VirtualPrinter, tmp_path: Path) -> None:
    for mode in ("text", "raster"):
        svc = service(tmp_path, vp.uri, mode)
        try:
            result = svc.print_receipt(typical_receipt("王䶮"))
        finally:
            svc.close()
        assert result.mode == mode
        assert result.raster_lines == (1 if mode == "text" else 0)
    # Jobs are appended as their connections finish rendering: order them by arrival.
    text_job, raster_job = sorted(vp.wait_for_jobs(2), key=lambda j: j.number)
    assert raster_job.count("raster") >= 1 and raster_job.text.strip() == ""
    assert len(raster_job.raw) > 3 * len(text_job.raw)


def test_file_transport_writes_exact_bytes(tmp_path: Path) -> None:
    out = tmp_path / "job.bin"
    state = EscposPrinter(f"file:{out}").send(DATA)
    assert state == PrinterState(None, "unknown")
    assert out.read_bytes() == DATA


def test_serial_transport_over_a_pty() -> None:
    master, slave = os.openpty()
    tty.setraw(master)
    name = os.ttyname(slave)
    received = bytearray()

    def printer_side() -> None:
        # Answer DLE EOT like a printer with paper, collect everything else.
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            received.extend(chunk)
            for _ in range(chunk.count(b"\x10\x04")):
                os.write(master, b"\x12")
            if received.endswith(DATA + b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"):
                return

    t = threading.Thread(target=printer_side, daemon=True)
    t.start()
    try:
        state = EscposPrinter(f"serial://{name}?baud=115200", status_timeout=2.0).send(DATA)
        t.join(timeout=10)
        assert state == PrinterState(True, "ok", False)
        assert DATA in bytes(received)
    finally:
        os.close(master)
        os.close(slave)


def test_missing_serial_port_is_clear() -> None:
    with pytest.raises(PrinterError) as exc:
        EscposPrinter("serial:///dev/ttyNOPE9?baud=9600").send(DATA)
    assert exc.value.code == "not_found"


def test_usb_without_pyusb_or_device_is_clear() -> None:
    with pytest.raises(PrinterError) as exc:
        EscposPrinter("usb://0416:5011").send(DATA)
    assert exc.value.code in ("missing_library", "not_found")  # without pyusb / with pyusb and no such device
    assert "USB" in render(exc.value.note, "zh_CN")


def test_registry_probe(vp: VirtualPrinter, home: Path) -> None:
    from app.config import Config

    config = Config()
    (entry,) = probe_printer(config, "zh_CN")
    assert entry.state == "not_configured"
    config.devices.printer.uri = vp.uri
    vp.set_paper("out")
    (entry,) = probe_printer(config, "en")
    assert (entry.state, dict(entry.details)["printer_state"], entry.message) == ("fault", "paper_out", "paper out")
    vp.refuse()
    (entry,) = probe_printer(config, "zh_CN")
    assert entry.state == "unavailable" and "拒绝" in entry.message


def test_cli_print_test_preview_and_retry(vp: VirtualPrinter, home: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["devices", "print-test", "--printer", vp.uri, "--profile", "POS-5890", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"]["state"] == "ready" and out["raster_lines"] == 2 and out["profile"] == "POS-5890"
    (job,) = vp.wait_for_jobs(1)
    assert "打印测试" in job.text and job.count("cut") == 1
    assert job.count("qr_print") == 0 and job.count("raster") >= 3  # POS-5890: QR as an image

    vp.refuse()
    assert main(["devices", "print-test", "--printer", vp.uri, "--json"]) == 2
    assert "拒绝" in json.loads(capsys.readouterr().out)["error"]
    assert main(["devices", "print-jobs", "--json"]) == 0
    (pending,) = json.loads(capsys.readouterr().out)["jobs"]
    assert pending["last_error"] == "refused"
    vp.accept()
    assert main(["devices", "print-retry", "--printer", vp.uri, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["printed"][0]["job_id"] == pending["job_id"]
    assert len(vp.wait_for_jobs(2)) == 2

    capture = tmp_path / "job.bin"
    assert main(["devices", "print-test", "--printer", f"file:{capture}", "--profile", "58mm"]) == 0
    capsys.readouterr()
    png = tmp_path / "preview.png"
    assert main(["devices", "printer-preview", str(capture), str(png), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert png.exists() and info["cuts"] == 1 and info["unknown"] == 0 and len(info["qr_codes"]) == 1
    assert "打印测试" in info["text"]
    assert main(["devices", "printer-preview", str(tmp_path / "missing.bin"), str(png)]) == 2


def test_diagnostic_receipt_has_everything() -> None:
    kinds = {type(b).__name__ for b in diagnostic_receipt().blocks}
    assert {"Heading", "Text", "Columns", "QRCode", "Cut", "Field"} <= kinds


def test_no_printer_configured(tmp_path: Path) -> None:
    svc = service(tmp_path, "")
    try:
        with pytest.raises(PrintFailedError) as exc:
            svc.print_receipt(typical_receipt())
        assert exc.value.code == "not_configured" and exc.value.job_id is None
        assert svc.pending() == []
        assert svc.status().state == "not_configured"
    finally:
        svc.close()


def test_missing_escpos_library_is_a_status(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # As on a terminal where python-escpos is not installed: the import fails, the status says so.
    monkeypatch.setitem(sys.modules, "escpos", None)
    monkeypatch.setitem(sys.modules, "escpos.printer", None)
    with pytest.raises(PrinterError) as exc:
        EscposPrinter("tcp://127.0.0.1:9").send(DATA)
    assert exc.value.code == "missing_library" and "python-escpos" in render(exc.value.note, "zh_CN")
    svc = service(tmp_path, "tcp://127.0.0.1:9")
    try:
        assert svc.status().state == "missing_library"
    finally:
        svc.close()


def test_printer_emulator_command(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "yunban"
    env = {**os.environ, "YUNBAN_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [str(exe), "devices", "printer-emulator", "--port", "0", "--out", str(tmp_path / "jobs")],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        uri = first.split()[3].rstrip(",")
        assert uri.startswith("tcp://127.0.0.1:")
        EscposPrinter(uri).send(DATA)
        line = proc.stdout.readline()
        assert line.startswith("job ") and line.strip().endswith(".png")
        assert list((tmp_path / "jobs").glob("job-*.png"))
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)


def test_demo_printer_service(home: Path) -> None:
    from app.context import AppContext
    from app.demo.printer import start_demo_printer

    ctx = AppContext(home)
    printer = start_demo_printer(ctx)
    try:
        assert ctx.printer.config.uri == printer.uri
        result = ctx.printer.print_receipt(diagnostic_receipt())
        assert result.status.state == "ready"
        (job,) = printer.wait_for_jobs(1)
        assert job.png is not None and job.png.parent == home / "demo-printer"
    finally:
        printer.close()
        ctx.close()


def test_a_printer_that_never_answers_status_still_prints(tmp_path: Path) -> None:
    # A bare TCP sink (like a print server without real-time status): one status timeout, then the job goes out.
    sink = socket.socket()
    sink.bind(("127.0.0.1", 0))
    sink.listen(1)
    received = bytearray()

    def serve() -> None:
        conn, _ = sink.accept()
        with conn:
            while chunk := conn.recv(65536):
                received.extend(chunk)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    uri = f"tcp://127.0.0.1:{sink.getsockname()[1]}"
    state = EscposPrinter(uri, status_timeout=0.3).send(DATA)
    t.join(timeout=10)
    sink.close()
    assert state == PrinterState(None, "unknown")
    assert bytes(received) == b"\x10\x04\x01" + DATA + b"\x10\x04\x01"


def test_acceptance_receipt_prints_with_a_masked_id(vp: VirtualPrinter) -> None:
    from datetime import datetime

    from app.devices.printing import acceptance_receipt

    receipt = acceptance_receipt(
        hall_name="建水县西庄镇便民服务中心",
        receipt_no="53252410320501-20261127-0001-7",
        item_name="居民身份证换领",
        applicant="张𠮷",
        id_number="530102199001011234",
        materials=(("居民户口簿", 1), ("近期免冠照片", 2)),
        promise="承诺办结时限：20个工作日",
        status_url="https://yunban.example/s/0001",
        phone="0873-7651234",
        accepted_at=datetime(2026, 11, 27, 9, 30),
    )
    EscposPrinter(vp.uri).send(layout_receipt(receipt, P58).data)
    (job,) = vp.wait_for_jobs(1)
    assert "证件号码：5301**********1234" in job.text and "530102199001011234" not in job.text
    assert "受理时间：2026-11-27 09:30" in job.text and "近期免冠照片" in job.text
    assert job.qr_codes == ["https://yunban.example/s/0001"]
    assert job.count("raster") == 1  # 张𠮷
