"""The UVC document camera (高拍仪) through QtMultimedia — a sketch: it finds cameras and reports their absence.

Capturing a still needs a running Qt event loop (QCamera + QImageCapture), which the service layer provides when the
kiosk runs; that capture path is NOT built yet. What is here answers the question a technician asks first: is a
camera present? With none, `CameraScanner.scan()` raises `ScannerError("not_present")` instead of crashing.
QtMultimedia is imported lazily; only QtCore/QtGui/QtMultimedia are used (no widgets below the UI).
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from devices.scanner.errors import ScannerError


def list_cameras() -> list[str]:
    """Descriptions of the video inputs Qt can see (empty when there are none or QtMultimedia is missing)."""
    try:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return []
    if QCoreApplication.instance() is None:
        # QtMultimedia enumerates devices only inside an application object; the CLI has none, the kiosk has one.
        _app.append(QCoreApplication([]))
    return [dev.description() for dev in QMediaDevices.videoInputs()]


_app: list[object] = []


@dataclass(slots=True)
class CameraScanner:
    device: str = ""
    """A camera description (substring match); empty: the first camera."""

    def status(self) -> tuple[str, str]:
        try:
            import PySide6.QtMultimedia  # noqa: F401
        except ImportError:
            return "missing_library", "缺少 QtMultimedia（QtMultimedia is not available）"
        cams = list_cameras()
        if not any(self.device.lower() in c.lower() for c in cams):
            return "not_present", "未连接高拍仪（no document camera found）"
        return "ready", "高拍仪已连接（document camera present）"

    def scan(self) -> list[Image.Image]:
        state, _ = self.status()
        if state == "missing_library":
            raise ScannerError("missing_library", "缺少 QtMultimedia", "QtMultimedia is not available")
        if state == "not_present":
            raise ScannerError("not_present", "未连接高拍仪", "no document camera found")
        raise ScannerError("unsupported", "高拍仪拍照尚未实现", "document camera capture is not implemented yet")
