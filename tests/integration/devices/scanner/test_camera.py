"""The document camera (高拍仪) driver through the real QtMultimedia pipeline, with the simulated camera as the
source: QVideoFrameInput → QMediaCaptureSession → QVideoSink on the "camera-io" thread. No real camera is attached
to this machine, so `QCamera` itself is only exercised by its absence (not_present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from app.cli import main
from app.config import ScannerConfig
from app.devices.messages import render
from app.devices.scanning import ScanFailedError, ScannerService
from devices.emulators.document_camera import FRAME_SIZE, SimulatedCamera, demo_page, on_desk
from devices.scanner.camera import CameraScanner, map_camera_error, pick_format, qimage_to_pil
from devices.scanner.errors import ScannerError
from devices.scanner.qr import decode_qr


@pytest.fixture(autouse=True)
def _qt_app(qapp: object) -> None:
    """The widgets QApplication pytest-qt shares with the UI tests: without one the driver would create a bare
    QGuiApplication (right for the CLI) that later widget tests in this process could not use."""


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    return float(ImageStat.Stat(ImageChops.difference(a.convert("L"), b.convert("L"))).mean[0])


def test_simulated_camera_settles_then_captures_the_still_page() -> None:
    (page,) = CameraScanner("simulated").scan()
    assert page.size == FRAME_SIZE and page.mode == "RGB"
    # The still picture, not one of the frames with the hand over the page.
    still = on_desk(demo_page())
    assert _mean_difference(page, still) < 1.0
    moving, _ = SimulatedCamera().frames()
    assert all(_mean_difference(page, qimage_to_pil(frame)) > 5.0 for frame in moving)


def test_a_picture_file_laid_on_the_simulated_camera(tmp_path: Path) -> None:
    picture = tmp_path / "id-card-copy.png"
    demo_page((1000, 1400)).save(picture)  # portrait: scaled to fit the frame's height
    (page,) = CameraScanner(f"simulated:{picture}").scan()
    assert page.size == FRAME_SIZE
    assert _mean_difference(page, on_desk(Image.open(picture))) < 1.0


def test_a_picture_that_never_settles_is_a_clear_timeout() -> None:
    with pytest.raises(ScannerError) as exc:
        CameraScanner("simulated:shaking").scan(timeout=2.0)
    assert exc.value.code == "not_settled"
    assert render(exc.value.note, "zh_CN") == "画面一直在动，请放稳材料后重试"
    assert "never settled" in render(exc.value.note, "en")


def test_no_frames_is_no_picture() -> None:
    with pytest.raises(ScannerError) as exc:
        CameraScanner("simulated:no-signal", first_frame_timeout=0.5).scan(timeout=5.0)
    assert exc.value.code == "no_picture" and "高拍仪没有画面" in render(exc.value.note, "zh_CN")


def test_a_missing_picture_file_is_not_present(tmp_path: Path) -> None:
    scanner = CameraScanner(f"simulated:{tmp_path / 'nothing.png'}")
    assert scanner.status()[0] == "not_present"
    with pytest.raises(ScannerError) as exc:
        scanner.scan()
    assert exc.value.code == "not_present" and "nothing.png" in render(exc.value.note, "zh_CN")


def test_a_real_camera_that_is_not_attached_is_not_present() -> None:
    scanner = CameraScanner("Eloam S500 高拍仪")
    state, note = scanner.status()
    assert state == "not_present" and "未连接高拍仪" in render(note, "zh_CN")
    with pytest.raises(ScannerError) as exc:
        scanner.scan()
    assert exc.value.code == "not_present"
    with pytest.raises(ScannerError):
        scanner.read_qr(timeout=1.0)


def test_simulated_status_says_it_is_simulated() -> None:
    state, note = CameraScanner("simulated").status()
    assert state == "ready" and "模拟" in render(note, "zh_CN") and "simulated" in render(note, "en")


def test_camera_errors_become_codes() -> None:
    assert map_camera_error("Device or resource busy").code == "busy"
    assert map_camera_error("Permission denied").code == "denied"
    other = map_camera_error("Something else")
    assert other.code == "error" and "Something else" in render(other.note, "zh_CN")


class _Fmt:
    def __init__(self, w: int, h: int, fps: float) -> None:
        self.w, self.h, self.fps = w, h, fps

    def resolution(self) -> _Fmt:
        return self

    def width(self) -> int:
        return self.w

    def height(self) -> int:
        return self.h

    def maxFrameRate(self) -> float:  # QCameraFormat's name
        return self.fps


def test_camera_format_prefers_the_highest_resolution_then_frame_rate() -> None:
    formats = [_Fmt(1920, 1080, 30), _Fmt(2592, 1944, 5), _Fmt(2592, 1944, 15), _Fmt(640, 480, 30)]
    best = pick_format(formats)
    assert best is not None
    assert (best.w, best.h, best.fps) == (2592, 1944, 15)
    assert pick_format([]) is None


def _qr_on_a_page(text: str, *, angle: float, scale: float) -> Image.Image:
    import qrcode

    qr = qrcode.make(text, box_size=6, border=2).get_image().convert("RGB")
    qr = qr.resize((round(qr.width * scale), round(qr.height * scale)), Image.Resampling.BILINEAR)
    page = demo_page((1654, 1169))  # an A5-ish slip with text lines
    tilted = qr.rotate(angle, expand=True, fillcolor="white", resample=Image.Resampling.BILINEAR)
    page.paste(tilted, (1654 - tilted.width - 60, 1169 - tilted.height - 60))
    return page


def test_read_qr_through_the_camera() -> None:
    text = "YBR1:R53250100202611270001:7F3KQ2"
    scene = SimulatedCamera(picture=_qr_on_a_page(text, angle=6.0, scale=1.3))
    assert CameraScanner(simulator=scene).read_qr(timeout=10.0) == text


def test_read_qr_times_out_clearly_without_a_code() -> None:
    with pytest.raises(ScannerError) as exc:
        CameraScanner("simulated").read_qr(timeout=1.5)
    assert exc.value.code == "no_qr" and "二维码" in render(exc.value.note, "zh_CN")


def test_decode_qr_on_a_still() -> None:
    text = "YBR1:R53250100202611270002:ABCDEF"
    assert decode_qr(on_desk(_qr_on_a_page(text, angle=-4.0, scale=1.0))) == [text]
    assert decode_qr(demo_page((800, 600))) == []


def test_service_scan_and_qr_availability() -> None:
    service = ScannerService(ScannerConfig(driver="camera", device="simulated"))
    assert service.available_for_qr()
    result, prepared = service.scan()
    assert result.driver == "camera" and len(prepared) == 1
    # Cropped to the page on the desk: an A4 page at 200 dpi laid landscape (2339 × 1654) plus a small margin.
    assert 2339 <= prepared[0].width < 2339 + 120 and 1654 <= prepared[0].height < 1654 + 120
    assert not ScannerService(ScannerConfig(driver="camera", device="Eloam S500")).available_for_qr()
    assert not ScannerService(ScannerConfig(driver="file", device="")).available_for_qr()
    with pytest.raises(ScanFailedError) as exc:
        ScannerService(ScannerConfig(driver="file", device="")).read_qr(timeout=1.0)
    assert exc.value.code == "unsupported"
    with pytest.raises(ScanFailedError) as exc:
        ScannerService(ScannerConfig(driver="camera", device="simulated")).read_qr(timeout=1.0)
    assert exc.value.code == "no_qr"


def test_cli_scan_test_and_devices_list_with_the_simulated_camera(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert main(["devices", "scan-test", "--device", "simulated", "--out", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["driver"] == "camera" and data["device"] == "simulated" and len(data["pages"]) == 1
    assert (out / "page-001.jpg").is_file() and (out / "scan.pdf").is_file()
    (home / "config.toml").write_text('[devices.scanner]\ndriver = "camera"\ndevice = "simulated"\n', encoding="utf-8")
    assert main(["devices", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    scanner = next(e for e in listed["devices"] if e["kind"] == "scanner")
    assert scanner["driver"] == "camera" and scanner["state"] == "ready" and "模拟" in scanner["message"]
    monkeypatch.setenv("YUNBAN_LANG", "en")  # the CLI's messages in English
    assert main(["devices", "list", "--json"]) == 0
    scanner = next(e for e in json.loads(capsys.readouterr().out)["devices"] if e["kind"] == "scanner")
    assert scanner["message"] == "simulated document camera, no real device"


def test_demo_uses_the_simulated_camera_when_no_camera_is_named(home: Path) -> None:
    from app.context import AppContext
    from app.demo.home import prepare_demo_scanner

    (home / "config.toml").write_text('[devices.scanner]\ndriver = "camera"\n', encoding="utf-8")
    ctx = AppContext(home)
    try:
        assert prepare_demo_scanner(ctx) is None
        assert ctx.scanner.config.device == "simulated" and ctx.scanner.status().state == "ready"
    finally:
        ctx.close()


def test_camera_names_match_by_id_or_description() -> None:
    from devices.scanner.camera import _matches

    assert _matches("", "/dev/video0", "Eloam S500: Eloam S500")  # empty: the first camera
    assert _matches("/dev/video0", "/dev/video0", "Eloam S500: Eloam S500")
    assert _matches("s500", "/dev/video0", "Eloam S500: Eloam S500")
    assert not _matches("/dev/video1", "/dev/video0", "Eloam S500: Eloam S500")
