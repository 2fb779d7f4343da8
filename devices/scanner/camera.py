"""The UVC document camera (高拍仪) driver through QtMultimedia; `device = "simulated…"` uses the simulated camera
(devices/emulators/document_camera.py) as the frame source instead of a `QCamera`.

Contract: every QtMultimedia object lives on one "camera-io" QThread; `scan()` returns one page once the picture is
still, `read_qr()` the first QR code seen; one job at a time, `cancel()` ends it. How: docs/printer-scanner.md.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeoutError
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from devices.errors import Note
from devices.scanner.errors import ScannerError

if TYPE_CHECKING:
    from devices.emulators.document_camera import SimulatedCamera

__all__ = ["CameraScanner", "cancel", "list_cameras", "map_camera_error", "pick_format", "qimage_to_pil"]

log = logging.getLogger(__name__)
T = TypeVar("T")

SIMULATED = "simulated"
"""Device strings starting with this name the simulated camera."""
THUMB = (160, 120)

_app: list[object] = []


def _ensure_app() -> None:
    """An application object for QtMultimedia (the kiosk and pytest-qt have one; the CLI does not)."""
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is None:
        # A QGuiApplication, offscreen: the FFmpeg backend's QVideoSink works under a bare QCoreApplication too, but
        # other app/ code in the same process (the PDF receipt writer) needs a QGuiApplication, and
        # `QGuiApplication.instance()` would hand it our QCoreApplication.
        from PySide6.QtGui import QGuiApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app.append(QGuiApplication(["yunban-camera"]))


def list_cameras() -> list[str]:
    """Descriptions of the video inputs Qt can see (empty when there are none or QtMultimedia is missing)."""
    return [description for _id, description in _video_inputs()]


def _video_inputs() -> list[tuple[str, str]]:
    """(id, description) of each video input."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return []

    def names() -> list[tuple[str, str]]:
        return [(_device_id(dev), dev.description()) for dev in QMediaDevices.videoInputs()]

    # On the camera thread, like every QtMultimedia call: the first query creates Qt's device watcher (a udev
    # socket notifier) in the calling thread, which must not be a short-lived TaskRunner worker.
    cam = _camera_thread()
    if QThread.currentThread() is cam.thread:
        return names()
    fut: Future[list[tuple[str, str]]] = Future()

    def query() -> None:
        try:
            fut.set_result(names())
        except BaseException as exc:
            fut.set_exception(exc)

    cam.post(query)
    return fut.result(timeout=10.0)


def _device_id(dev: Any) -> str:
    return bytes(dev.id().data()).decode(errors="replace")


def _matches(wanted: str, device_id: str, description: str) -> bool:
    """A configured camera name: empty (any), the device id exactly, or a substring of the description."""
    return not wanted or device_id == wanted or wanted.lower() in description.lower()


# ------------------------------------------------------------------------------------------------ the camera thread


class _Invoker(QObject):
    """Lives on the camera thread: runs the callables posted to it there (a queued signal)."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class _CameraThread:
    def __init__(self) -> None:
        from PySide6.QtCore import QCoreApplication

        self.thread = QThread()
        self.thread.setObjectName("camera-io")
        app = QCoreApplication.instance()
        if app is not None:  # first use may be on a TaskRunner worker: the QThread object belongs to the main thread
            self.thread.moveToThread(app.thread())
        self.invoker = _Invoker()
        self.invoker.moveToThread(self.thread)
        self.thread.start()
        self.job: _Job | None = None

    def post(self, fn: Callable[[], None]) -> None:
        self.invoker.call.emit(fn)


_lock = threading.Lock()
_thread: list[_CameraThread] = []
_generation = [0]
"""Bumped by `cancel()`: a job asked for before a cancel and not started yet never starts."""


def _camera_thread() -> _CameraThread:
    with _lock:
        if not _thread:
            _ensure_app()
            _thread.append(_CameraThread())
            atexit.register(_shutdown)
        return _thread[0]


def _shutdown() -> None:
    """Stop the camera thread at exit (a QThread destroyed while running aborts the process)."""
    if _thread:
        cancel()
        _thread[0].thread.quit()
        _thread[0].thread.wait(3000)


def _run_job(make: Callable[[Future[Any]], _Job], wait: float) -> Any:
    """Start a job on the camera thread (ending any running one) and wait for its result."""
    cam = _camera_thread()
    fut: Future[Any] = Future()
    with _lock:
        generation = _generation[0]

    def start() -> None:
        if generation != _generation[0]:
            fut.set_exception(ScannerError("cancelled"))
            return
        if cam.job is not None:
            cam.job.fail(ScannerError("cancelled"))
        job: _Job | None = None
        try:
            job = cam.job = make(fut)
            job.start()
        except BaseException as exc:
            if job is not None:
                job.fail(exc)
            if not fut.done():
                fut.set_exception(exc)

    cam.post(start)
    try:
        return fut.result(timeout=wait)
    except FutureTimeoutError:
        cancel()
        raise ScannerError("io", reason="camera_silent") from None


def cancel() -> None:
    """End the running capture or QR read, and any asked for but not started yet (their callers get
    `ScannerError('cancelled')`). Returns at once."""
    with _lock:
        _generation[0] += 1
    if not _thread:
        return
    cam = _thread[0]

    def stop() -> None:
        if cam.job is not None:
            cam.job.fail(ScannerError("cancelled"))

    cam.post(stop)


# ------------------------------------------------------------------------------------------------ images


def qimage_to_pil(image: Any) -> Image.Image:
    """A QImage as an RGB Pillow image (one copy)."""
    from PySide6.QtGui import QImage

    img = image.convertToFormat(QImage.Format.Format_RGBX8888)
    raw = bytes(img.constBits())
    return Image.frombuffer("RGBX", (img.width(), img.height()), raw, "raw", "RGBX", img.bytesPerLine(), 1).convert(
        "RGB"
    )


def _thumbnail(image: Any) -> Image.Image:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    small = image.scaled(
        THUMB[0], THUMB[1], Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    ).convertToFormat(QImage.Format.Format_Grayscale8)
    return Image.frombuffer("L", THUMB, bytes(small.constBits()), "raw", "L", small.bytesPerLine(), 1)


def frame_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two grayscale thumbnails (0–255)."""
    return float(ImageStat.Stat(ImageChops.difference(a, b)).mean[0])


# ------------------------------------------------------------------------------------------------ one capture job


_CAMERA_ERRORS = (
    (("busy", "in use", "resource busy"), "busy"),
    (("permission", "denied", "access"), "denied"),
)


def map_camera_error(text: str) -> ScannerError:
    """QCamera.errorOccurred's text → a code (busy, denied, error) with Qt's text as `error`."""
    low = text.lower()
    for words, code in _CAMERA_ERRORS:
        if any(w in low for w in words):
            return ScannerError(code, reason=f"camera_{code}", error=text)
    return ScannerError("error", reason="camera_error", error=text)


def _format_key(fmt: Any) -> tuple[int, int, float]:
    res = fmt.resolution()
    area = res.width() * res.height()
    return (1 if area >= 5_000_000 else 0, area, fmt.maxFrameRate())


def pick_format(formats: list[Any]) -> Any | None:
    """The camera format for documents: the highest resolution (≥ 5 MP preferred), then the highest frame rate."""
    return max(formats, key=_format_key) if formats else None


def _find_device(wanted: str) -> Any | None:
    from PySide6.QtMultimedia import QMediaDevices

    return next((d for d in QMediaDevices.videoInputs() if _matches(wanted, _device_id(d), d.description())), None)


class _Job(QObject):
    """One capture or QR read on the camera thread: builds the session, watches frames, resolves the future."""

    def __init__(self, scanner: CameraScanner, mode: str, timeout: float, fut: Future[Any]) -> None:
        super().__init__()
        self.scanner = scanner
        self.mode = mode
        self.timeout = timeout
        self.fut = fut
        self.session: Any = None
        self.sink: Any = None
        self.camera: Any = None
        self.feed: Any = None
        self.latest: Any = None
        self.scheduled = False
        self.frames = 0
        self.looked = 0
        self.previous: Image.Image | None = None
        self.still_count = 0
        self.done = False
        self.deadline = QTimer(self)
        self.deadline.setSingleShot(True)
        self.deadline.timeout.connect(self._timed_out)
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.timeout.connect(self._no_picture)

    def start(self) -> None:
        from PySide6.QtMultimedia import QMediaCaptureSession, QVideoSink

        s = self.scanner
        self.session = QMediaCaptureSession(self)
        self.sink = QVideoSink(self)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame)
        if s.simulated is not None:
            self.feed = s.simulated.feed(self)
            self.session.setVideoFrameInput(self.feed.input)
        else:
            from PySide6.QtMultimedia import QCamera

            dev = _find_device(s.device)
            if dev is None:
                raise ScannerError("not_present", reason="no_camera", device=s.device)
            self.camera = QCamera(dev, self)
            fmt = pick_format(list(dev.videoFormats()))
            if fmt is not None:
                self.camera.setCameraFormat(fmt)
            self.camera.errorOccurred.connect(lambda _err, text: self.fail(map_camera_error(text)))
            self.session.setCamera(self.camera)
        self.first.start(round(s.first_frame_timeout * 1000))
        self.deadline.start(round(self.timeout * 1000))
        if self.feed is not None:
            self.feed.start()
        else:
            self.camera.start()

    # frames arrive faster than a 5 MP frame is looked at: keep the latest, look at it when the loop is free
    def _frame(self, frame: Any) -> None:
        if self.done:
            return
        self.latest = frame
        self.frames += 1
        self.first.stop()
        if not self.scheduled:
            self.scheduled = True
            QTimer.singleShot(0, self, self._look)

    def _look(self) -> None:
        self.scheduled = False
        if self.done or self.latest is None:
            return
        frame, self.latest = self.latest, None
        self.looked += 1
        if self.mode == "qr" and (self.looked - 1) % self.scanner.qr_every:
            return  # counted on frames looked at, not received: a slow decoder still gets every N-th look
        image = frame.toImage()
        if image.isNull():
            return
        try:
            if self.mode == "qr":
                self._look_for_qr(image)
            else:
                self._look_for_still(image)
        except Exception as exc:  # a decoding bug must end the job with an error, not hang it to the deadline
            log.exception("camera frame processing failed")
            self.fail(exc)

    def _look_for_still(self, image: Any) -> None:
        s = self.scanner
        thumb = _thumbnail(image)
        if self.previous is not None and frame_difference(thumb, self.previous) < s.settle_threshold:
            self.still_count += 1
        else:
            self.still_count = 0
        self.previous = thumb
        if self.still_count >= s.settle_frames:
            self._finish(qimage_to_pil(image))

    def _look_for_qr(self, image: Any) -> None:
        from devices.scanner.qr import decode_qr

        texts = decode_qr(qimage_to_pil(image))
        if texts:
            self._finish(texts[0])

    def _no_picture(self) -> None:
        self.fail(ScannerError("no_picture"))

    def _timed_out(self) -> None:
        if self.mode == "qr":
            self.fail(ScannerError("no_qr"))
        elif self.frames == 0:
            self._no_picture()
        else:
            self.fail(ScannerError("not_settled"))

    def _finish(self, result: Any) -> None:
        if self.done:
            return
        self._teardown()
        if not self.fut.done():
            self.fut.set_result(result)

    def fail(self, exc: BaseException) -> None:
        if self.done:
            return
        self._teardown()
        if not self.fut.done():
            self.fut.set_exception(exc)

    def _teardown(self) -> None:
        self.done = True
        self.deadline.stop()
        self.first.stop()
        if self.feed is not None:
            self.feed.stop()
        if self.camera is not None:
            self.camera.stop()
        if self.sink is not None:
            self.sink.videoFrameChanged.disconnect(self._frame)
        if _thread and _thread[0].job is self:
            _thread[0].job = None
        self.deleteLater()


# ------------------------------------------------------------------------------------------------ the driver


@dataclass(slots=True)
class CameraScanner:
    device: str = ""
    """A camera description (substring) or id; empty: the first camera; `simulated[:PATH|shaking|no-signal]`."""
    settle_frames: int = 4
    """Consecutive frames that must differ less than `settle_threshold` before the picture counts as still."""
    settle_threshold: float = 2.0
    first_frame_timeout: float = 6.0
    """A camera that delivered no frame by then has no picture (a UVC camera starts in 1–2 s)."""
    qr_every: int = 2
    """Decode every N-th frame when reading a QR code (decoding a 5 MP frame takes longer than a frame lasts)."""
    simulator: SimulatedCamera | None = None
    """The simulated camera's scene, given directly (tests); otherwise taken from `device`."""
    _simulated: SimulatedCamera | None = field(default=None, init=False, repr=False)

    @property
    def is_simulated(self) -> bool:
        return self.simulator is not None or self.device.split(":", 1)[0] == SIMULATED

    @property
    def simulated(self) -> SimulatedCamera | None:
        if self.simulator is not None:
            return self.simulator
        if not self.is_simulated:
            return None
        if self._simulated is None:
            from devices.emulators.document_camera import SimulatedCamera

            self._simulated = SimulatedCamera.from_device(self.device)
        return self._simulated

    def status(self) -> tuple[str, Note]:
        """(state, note): ready, not_present or missing_library; never raises."""
        try:
            import PySide6.QtMultimedia  # noqa: F401
        except ImportError:
            return "missing_library", ScannerError("missing_library", reason="no_qtmultimedia").note
        if self.is_simulated:
            rest = self.device[len(SIMULATED) :].lstrip(":")
            if rest not in ("", "shaking", "no-signal") and self.simulator is None and not Path(rest).is_file():
                return "not_present", Note("devices.scanner.simulated_picture_missing", {"path": rest})
            return "ready", Note("devices.scanner.camera_simulated")
        name = next((d for i, d in _video_inputs() if _matches(self.device, i, d)), None)
        if name is None:
            return "not_present", Note("devices.scanner.no_camera", {"device": self.device})
        return "ready", Note("devices.scanner.camera_present", {"name": name})

    def _check(self) -> None:
        state, _ = self.status()
        if state == "missing_library":
            raise ScannerError("missing_library", reason="no_qtmultimedia")
        if state == "not_present":
            if self.is_simulated:
                self.simulated  # noqa: B018 — raises the precise error
            raise ScannerError("not_present", reason="no_camera", device=self.device)
        self.simulated  # noqa: B018 — load a picture file here, on the caller's thread

    def scan(self, timeout: float = 20.0) -> list[Image.Image]:
        """One page: the first still picture within `timeout` seconds."""
        self._check()
        page = _run_job(lambda fut: _Job(self, "still", timeout, fut), timeout + 10.0)
        return [page]

    def read_qr(self, timeout: float = 20.0) -> str:
        """The text of the first QR code seen within `timeout` seconds."""
        self._check()
        text: str = _run_job(lambda fut: _Job(self, "qr", timeout, fut), timeout + 10.0)
        return text
