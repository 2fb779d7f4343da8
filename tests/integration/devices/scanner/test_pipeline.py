"""File import (JPEG, PNG, TIFF, PDF; unreadable files) and the upload-ready pipeline."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from app.cli import main
from app.config import ScannerConfig
from app.devices.messages import render
from app.devices.scanning import ScanFailedError, ScannerService
from devices.scanner.camera import CameraScanner, list_cameras
from devices.scanner.errors import ScannerError
from devices.scanner.file_import import import_file
from devices.scanner.pipeline import PageOptions, crop_to_content, pages_to_pdf, prepare_page


def document(size: tuple[int, int] = (1654, 2339), *, color: bool = False, border: int = 0) -> Image.Image:
    """An A4 page at 200 dpi: a white sheet with lines of 'text' (blocks) and a photo-like patch in colour."""
    rnd = random.Random(7)
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    for row in range(200, size[1] - 300, 60):
        x = 150
        while x < size[0] - 250:
            w = rnd.randint(20, 60)
            draw.rectangle([x, row, x + w, row + 30], fill=(30, 30, 30))
            x += w + rnd.randint(8, 20)
    if color:
        draw.rectangle([size[0] - 600, 250, size[0] - 200, 750], fill=(200, 40, 40))
    if border:
        framed = Image.new("RGB", (size[0] + 2 * border, size[1] + 2 * border), (25, 25, 25))
        framed.paste(page, (border, border))
        return framed
    return page


def test_crop_to_content_removes_the_scanner_lid() -> None:
    page = document((800, 1100), border=120)
    cropped = crop_to_content(page)
    # The dark border (the open lid) goes; the white sheet stays (its own margin is content-free but inside).
    assert abs(cropped.width - 800) <= 40 and abs(cropped.height - 1100) <= 40
    blank = Image.new("RGB", (500, 700), "white")
    assert crop_to_content(blank).size == (500, 700)


def test_crop_to_content_on_white_keeps_the_text_block() -> None:
    page = Image.new("L", (1000, 1400), 255)
    ImageDraw.Draw(page).rectangle([300, 400, 700, 900], fill=0)
    cropped = crop_to_content(page)
    assert 400 <= cropped.width <= 440 and 500 <= cropped.height <= 540


def test_prepare_page_grayscale_detection_rotation_and_budget() -> None:
    prepared = prepare_page(document(), PageOptions(crop=False))
    assert prepared.gray  # a black-and-white document scanned in colour is stored as grayscale
    assert (prepared.width, prepared.height) == (1654, 2339)
    assert len(prepared.jpeg) <= 1_000_000
    colour = prepare_page(document(color=True), PageOptions(crop=False))
    assert not colour.gray
    rotated = prepare_page(document((400, 600)), PageOptions(crop=False, rotate=90))
    assert (rotated.width, rotated.height) == (600, 400)
    with pytest.raises(ValueError):
        prepare_page(document((400, 600)), PageOptions(rotate=45))


def test_size_budget_is_a_hard_limit() -> None:
    noise = Image.frombytes("RGB", (800, 1100), random.Random(3).randbytes(800 * 1100 * 3))
    page = prepare_page(noise, PageOptions(crop=False, max_bytes=150_000, min_side=200))
    assert len(page.jpeg) <= 150_000
    assert page.quality < 85 and page.width < 800  # quality stepped down, then the page was scaled
    with pytest.raises(ValueError):
        prepare_page(noise, PageOptions(crop=False, max_bytes=2_000, min_side=700))


def test_pdf_round_trip(tmp_path: Path) -> None:
    pages = [prepare_page(document((827, 1169)), PageOptions(dpi=100)),
             prepare_page(document((827, 1169), color=True), PageOptions(dpi=100, crop=False))]  # fmt: skip
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(pages_to_pdf(pages))
    assert pages[0].jpeg in pdf.read_bytes()  # embedded as is, not re-encoded
    back = import_file(pdf, pdf_dpi=100)
    assert len(back) == 2
    assert abs(back[1].width - 827) <= 1 and abs(back[1].height - 1169) <= 1
    pixel = back[1].getpixel((827 - 400, 500))
    assert isinstance(pixel, tuple) and pixel[0] > 150  # the red patch survived


def test_import_images(tmp_path: Path) -> None:
    jpg = tmp_path / "photo.jpg"
    img = document((300, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # EXIF orientation: rotate 90° clockwise to display
    img.save(jpg, quality=90, exif=exif)
    (page,) = import_file(jpg)
    assert page.size == (200, 300)
    png = tmp_path / "scan.png"
    document((300, 200)).convert("L").save(png)
    assert import_file(png)[0].mode == "L"
    tiff = tmp_path / "pages.tiff"
    document((300, 200)).save(tiff, save_all=True, append_images=[document((300, 200))])
    assert len(import_file(tiff)) == 2


def test_too_many_pages(tmp_path: Path) -> None:
    pages = [prepare_page(document((200, 280)), PageOptions(dpi=50, crop=False)) for _ in range(4)]
    pdf = tmp_path / "big.pdf"
    pdf.write_bytes(pages_to_pdf(pages))
    with pytest.raises(ScannerError) as exc:
        import_file(pdf, max_pages=3)
    assert exc.value.code == "too_many_pages" and exc.value.params["pages"] == 4
    assert len(import_file(pdf, max_pages=4)) == 4


@pytest.mark.parametrize("content", [b"", b"not an image at all", b"%PDF-1.4 garbage", "truncated"])
def test_unreadable_files_are_clear(tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "upload.jpg"
    if content == "truncated":
        buf = io.BytesIO()
        document((400, 400)).save(buf, "JPEG")
        content = buf.getvalue()[: len(buf.getvalue()) // 2]
    assert isinstance(content, bytes)
    path.write_bytes(content)
    with pytest.raises(ScannerError) as exc:
        import_file(path)
    assert exc.value.code == "unreadable"
    assert "upload.jpg" in render(exc.value.note, "zh_CN") and "无法读取" in render(exc.value.note, "zh_CN")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScannerError) as exc:
        import_file(tmp_path / "nope.png")
    assert exc.value.code == "unreadable"


def test_file_driver_through_the_service_and_cli(tmp_path: Path, home: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    src = tmp_path / "材料.png"
    document((827, 1169)).save(src, dpi=(100, 100))
    result, _ = ScannerService(ScannerConfig(driver="file", device=str(src))).scan(out_dir=tmp_path / "out")
    assert len(result.pages) == 1 and result.pages[0].dpi == 100
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff garbage")
    with pytest.raises(ScanFailedError) as exc:
        ScannerService(ScannerConfig(driver="file", device=str(bad))).scan()
    assert exc.value.code == "unreadable"
    assert main(["devices", "scan-test", "--driver", "file", "--device", str(src), "--out", str(tmp_path / "o"),
                 "--gray", "--json"]) == 0  # fmt: skip
    info = json.loads(capsys.readouterr().out)
    assert info["pages"][0]["bytes"] == Path(info["pages"][0]["path"]).stat().st_size
    assert main(["devices", "scan-test", "--driver", "file", "--device", str(bad), "--json"]) == 2
    assert "无法读取" in json.loads(capsys.readouterr().out)["error"]


def test_camera_absent_is_reported_cleanly() -> None:
    if list_cameras():
        pytest.skip("a camera is attached to this machine")
    state, note = CameraScanner().status()
    assert state == "not_present" and "高拍仪" in render(note, "zh_CN")
    with pytest.raises(ScannerError) as exc:
        CameraScanner().scan()
    assert exc.value.code == "not_present"
    assert ScannerService(ScannerConfig(driver="camera")).status().state == "not_present"
