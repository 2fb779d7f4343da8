"""The scanner service: pages from the configured scanner, document camera or file, made upload-ready.

Drivers (config `devices.scanner.driver`): `sane` (flatbed/ADF through python-sane; `device` is a SANE name such as
`genesys:libusb:001:004`, empty for the first one), `camera` (高拍仪 through QtMultimedia: `device` is a camera
name or id, empty for the first camera, or `simulated[:PATH]` for the simulated camera; one page per scan, taken
when the picture is still; it also reads receipt QR codes for 进度查询), `file` (`device` is a JPEG/PNG/TIFF/PDF
path; laptops without a scanner).
Scanner I/O runs on the SANE thread (devices/scanner/sane_driver.py), camera I/O on the camera thread
(devices/scanner/camera.py); the image pipeline runs on the caller's thread, which for the UI is a worker, never
the GUI thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.config import Config, ScannerConfig
from app.errors import UserError
from app.i18n import Message
from app.model.devices import ScannerStatus, ScanPage, ScanResult
from devices.scanner.errors import ScannerError
from devices.scanner.pipeline import PageOptions, PreparedPage, pages_to_pdf, prepare_page
from devices.scanner.sane_driver import Source

if TYPE_CHECKING:
    from app.model.devices import DeviceEntry

DRIVERS = ("sane", "camera", "file")


class ScanFailedError(UserError):
    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(Message(code, message))


@dataclass(frozen=True, slots=True)
class ScanRequest:
    source: str = "flatbed"
    """flatbed or adf (SANE only)."""
    resolution: int = 200
    color: bool = True
    sane_options: tuple[tuple[str, Any], ...] = ()
    """Extra backend options by python-sane name (technicians, tests)."""


class ScannerService:
    def __init__(self, config: ScannerConfig) -> None:
        if config.driver not in DRIVERS:
            raise UserError(f"扫描仪驱动配置有误：{config.driver!r}（devices.scanner.driver: sane, camera or file）")
        self.config = config

    def with_overrides(self, *, driver: str | None = None, device: str | None = None) -> ScannerService:
        return ScannerService(
            replace(
                self.config,
                driver=driver or self.config.driver,
                device=self.config.device if device is None else device,
            )
        )

    def status(self) -> ScannerStatus:
        c = self.config
        if c.driver == "file":
            if not c.device:
                return ScannerStatus(c.driver, c.device, "ready", "从文件导入（import from files）")
            ok = Path(c.device).exists()
            return ScannerStatus(c.driver, c.device, "ready" if ok else "not_present",
                                 "文件可读取（file present）" if ok else "文件不存在（file not found）")  # fmt: skip
        if c.driver == "camera":
            from devices.scanner.camera import CameraScanner

            state, message = CameraScanner(c.device).status()
            return ScannerStatus(c.driver, c.device, state, message)
        from devices.scanner import sane_driver

        try:
            devices = sane_driver.list_devices()
        except ScannerError as exc:
            return ScannerStatus(c.driver, c.device, exc.code, str(exc))
        names = [d[0] for d in devices]
        if (c.device and c.device not in names) or not names:
            return ScannerStatus(c.driver, c.device, "not_present", "未发现扫描仪（no scanner found）")
        name = c.device or names[0]
        info = next(d for d in devices if d[0] == name)
        return ScannerStatus(c.driver, name, "ready", f"{info[1]} {info[2]}（ready）")

    def acquire(self, request: ScanRequest = ScanRequest()) -> list[Any]:
        """Raw pages (Pillow images) from the configured source; raises ScanFailedError with a clear message."""
        c = self.config
        try:
            if c.driver == "file":
                from devices.scanner.file_import import import_file

                if not c.device:
                    raise UserError("请指定要导入的文件（--device PATH）")
                return import_file(c.device, pdf_dpi=request.resolution)
            if c.driver == "camera":
                from devices.scanner.camera import CameraScanner

                return CameraScanner(c.device).scan()
            from devices.scanner.sane_driver import SaneScanner

            source: Source = "adf" if request.source == "adf" else "flatbed"
            return SaneScanner(
                c.device, source=source, resolution=request.resolution, color=request.color,
                options=dict(request.sane_options),
            ).scan()  # fmt: skip
        except ScannerError as exc:
            raise ScanFailedError(str(exc), code=exc.code) from exc

    def available_for_qr(self) -> bool:
        """A document camera is configured and ready: 进度查询 may offer "scan the receipt QR"."""
        return self.config.driver == "camera" and self.status().state == "ready"

    def read_qr(self, timeout: float = 20.0) -> str:
        """The text of the first QR code the document camera sees within `timeout` seconds; raises
        ScanFailedError (codes: no_qr, no_picture, not_present, busy, cancelled…) with a clear message."""
        if self.config.driver != "camera":
            raise ScanFailedError("未配置高拍仪，无法扫描二维码（no document camera configured）", code="unsupported")
        from devices.scanner.camera import CameraScanner

        try:
            return CameraScanner(self.config.device).read_qr(timeout)
        except ScannerError as exc:
            raise ScanFailedError(str(exc), code=exc.code) from exc

    def cancel(self) -> None:
        """End a document-camera capture or QR read in progress (its caller gets code `cancelled`)."""
        if self.config.driver == "camera":
            from devices.scanner.camera import cancel

            cancel()

    def scan(
        self, request: ScanRequest = ScanRequest(), *, out_dir: Path | None = None, options: PageOptions | None = None
    ) -> tuple[ScanResult, list[PreparedPage]]:
        """Scan, prepare each page (crop, budget, JPEG) and, with `out_dir`, write page-NNN.jpg and scan.pdf."""
        started = time.perf_counter()
        raw = self.acquire(request)
        options = options or PageOptions(dpi=request.resolution, grayscale=not request.color)
        prepared: list[PreparedPage] = []
        for img in raw:
            dpi = img.info.get("dpi", (options.dpi, options.dpi))[0] if self.config.driver == "file" else options.dpi
            try:
                prepared.append(prepare_page(img, replace(options, dpi=round(float(dpi)) or options.dpi)))
            except ValueError as exc:
                raise UserError(f"页面无法压缩到限定大小（{exc}）") from exc
        pages = []
        pdf_path: str | None = None
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
        for n, page in enumerate(prepared, start=1):
            path = None
            if out_dir is not None:
                path = out_dir / f"page-{n:03d}.jpg"
                path.write_bytes(page.jpeg)
            pages.append(
                ScanPage(
                    n, page.width, page.height, page.dpi, len(page.jpeg), page.quality, str(path) if path else None
                )
            )
        if out_dir is not None and prepared:
            pdf = out_dir / "scan.pdf"
            pdf.write_bytes(pages_to_pdf(prepared))
            pdf_path = str(pdf)
        result = ScanResult(
            self.config.driver, self.config.device, tuple(pages), pdf_path, time.perf_counter() - started
        )
        return result, prepared


def probe_scanner(config: Config) -> list[DeviceEntry]:
    """The registry's view of the scanner (`yunban devices list`); never raises."""
    from app.model.devices import DeviceEntry

    try:
        status = ScannerService(config.devices.scanner).status()
    except UserError as exc:
        return [DeviceEntry("scanner", config.devices.scanner.driver, config.devices.scanner.device, "error", str(exc))]
    state = {"ready": "ready", "not_present": "not_present", "missing_library": "missing_library"}.get(
        status.state, "unavailable" if status.state == "busy" else "error"
    )
    return [
        DeviceEntry("scanner", status.driver, status.device, state, status.message, (("scanner_state", status.state),))
    ]
