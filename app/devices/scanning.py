"""The scanner service: pages from the configured scanner, document camera or file, made upload-ready.

Contract: the driver (devices/scanner: `sane`, `camera`, `file`) is opened per scan; its I/O runs on its own
thread, the image pipeline on the caller's, which for the UI is a worker, never the GUI thread. Failures are
`ScanFailedError` with the driver's code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from app.config import ScannerConfig
from app.devices import messages
from app.devices.messages import DeviceFailure, render
from app.devices.registry import scanner_settings
from app.errors import UserError
from app.model.devices import ScannerStatus, ScanPage, ScanResult
from devices import scanner
from devices.errors import UnknownDriverError
from devices.scanner.errors import ScannerError
from devices.scanner.pipeline import PageOptions, PreparedPage, pages_to_pdf, prepare_page

if TYPE_CHECKING:
    from devices.scanner.camera import CameraScanner

DRIVERS = scanner.DRIVERS


class ScanFailedError(DeviceFailure):
    """A scan could not be done; `code` is the driver's (jammed, no_docs, no_qr, not_present...)."""


@dataclass(frozen=True, slots=True)
class ScanRequest:
    source: str = "flatbed"
    """flatbed or adf (SANE only)."""
    resolution: int = 200
    color: bool = True
    sane_options: tuple[tuple[str, Any], ...] = ()
    """Extra backend options by python-sane name (technicians, tests)."""


class ScannerService:
    def __init__(self, config: ScannerConfig, *, language: str | None = None) -> None:
        if config.driver not in DRIVERS:
            raise DeviceFailure(UnknownDriverError("scanner", config.driver, DRIVERS))
        self.config = config
        self.language = language
        """Of status messages; None: the CLI's."""

    def with_overrides(self, *, driver: str | None = None, device: str | None = None) -> ScannerService:
        config = replace(
            self.config, driver=driver or self.config.driver, device=self.config.device if device is None else device
        )
        return ScannerService(config, language=self.language)

    def status(self) -> ScannerStatus:
        (found,) = scanner.probe(scanner_settings(self.config))
        state = dict(found.details).get("scanner_state", found.state)
        return ScannerStatus(found.driver, found.target, state, render(found.note, self.language))

    def acquire(self, request: ScanRequest = ScanRequest()) -> list[Any]:
        """Raw pages (Pillow images) from the configured source; raises ScanFailedError with a clear message."""
        source: Literal["flatbed", "adf"] = "adf" if request.source == "adf" else "flatbed"
        settings = replace(
            scanner_settings(self.config),
            source=source,
            resolution=request.resolution,
            color=request.color,
            options=request.sane_options,
        )
        try:
            return scanner.open_scanner(settings).scan()
        except ScannerError as exc:
            raise ScanFailedError(exc) from exc

    def available_for_qr(self) -> bool:
        """A document camera is configured and ready: 进度查询 may offer "scan the receipt QR"."""
        return self.config.driver == "camera" and self.status().state == "ready"

    def _camera(self) -> CameraScanner:
        from devices.scanner.camera import CameraScanner

        return CameraScanner(self.config.device)

    def read_qr(self, timeout: float = 20.0) -> str:
        """The text of the first QR code the document camera sees within `timeout` seconds; raises
        ScanFailedError (codes: no_qr, no_picture, not_present, busy, cancelled…) with a clear message."""
        if self.config.driver != "camera":
            raise ScanFailedError(ScannerError("unsupported", reason="no_camera_configured"))
        try:
            return self._camera().read_qr(timeout)
        except ScannerError as exc:
            raise ScanFailedError(exc) from exc

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
                raise UserError(messages.PAGE_TOO_BIG, error=str(exc)) from exc
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
