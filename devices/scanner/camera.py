"""The UVC document camera (高拍仪) through QtMultimedia, and a simulated one that goes through the same pipeline.

Pipeline: one `QMediaCaptureSession` whose video output is a `QVideoSink`. Its source is either a real
`QCamera(QCameraDevice)` (format: the highest resolution the camera offers, ties broken by frame rate) or, for the
simulated camera, a `QVideoFrameInput` fed `QVideoFrame(QImage)`s at ~15 fps (respecting
`readyToSendVideoFrame`). Everything after the source — session, sink, `QVideoFrame.toImage()` — is the same Qt code
for both, so the simulated camera exercises the real capture path except for the sensor.

Threading: QtMultimedia objects need a thread with an event loop. All of them live on one "camera-io" QThread
(one I/O thread per device, like "sane-io" and "printer-io"), started on first use; callers (the CLI's main thread,
the UI's TaskRunner workers) post a job to it and block on a `concurrent.futures.Future` with a timeout. One job at
a time: a new job (or `cancel()`) ends the running one with `cancelled`. Without an application object (the CLI) a
QGuiApplication is created, offscreen: the FFmpeg backend's QVideoSink works under a bare QCoreApplication too
(checked), but other app/ code in the same process (the PDF receipt writer) needs a QGuiApplication, and
`QGuiApplication.instance()` would hand it our QCoreApplication.

Capture (a 高拍仪 has no shutter button a citizen can find): watch the frames until the picture is still — the
document laid down, hands gone: each frame is reduced to a 160×120 grayscale thumbnail and compared with the
previous one; when `settle_frames` consecutive frames differ by less than `settle_threshold` (mean absolute
difference, 0–255), the last full-resolution frame is the page. One page per `scan()` call; the UI's "scan again"
adds pages. QR reading (`read_qr`) decodes every `qr_every`-th frame it looks at with zxing-cpp
(devices/scanner/qr.py). Frames arrive faster than a 5 MP frame is looked at: only the latest is kept.

Device strings (config `devices.scanner.device` with `driver = "camera"`): empty — the first camera; a substring of
a camera's description, or its id exactly (`/dev/video0`); `simulated` — a generated A4 page (landscape, 200 dpi)
on a grey desk in a 2592×1944 (5 MP) frame; `simulated:PATH` — the picture in PATH laid on the simulated camera;
`simulated:shaking` — a picture that never settles; `simulated:no-signal` — a camera that delivers no frames.
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
from typing import Any, TypeVar

from PIL import Image, ImageChops, ImageDraw, ImageStat
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from devices.scanner.errors import ScannerError

__all__ = [
    "FRAME_SIZE",
    "CameraScanner",
    "SimulatedCamera",
    "cancel",
    "demo_page",
    "list_cameras",
    "qimage_to_pil",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

SIMULATED = "simulated"
FRAME_SIZE = (2592, 1944)
"""The simulated camera's frame: 5 MP, 4:3 landscape, as most 500-万-pixel 高拍仪 deliver."""
THUMB = (160, 120)

_app: list[object] = []


def _ensure_app() -> None:
    """An application object for QtMultimedia (the kiosk and pytest-qt have one; the CLI does not)."""
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is None:
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
            fut.set_exception(ScannerError("cancelled", "已取消", "cancelled"))
            return
        if cam.job is not None:
            cam.job.fail(ScannerError("cancelled", "已取消", "cancelled"))
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
        raise ScannerError("io", "高拍仪没有响应", "the document camera did not answer") from None


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
            cam.job.fail(ScannerError("cancelled", "已取消", "cancelled"))

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


def _pil_to_qimage(image: Image.Image) -> Any:
    from PySide6.QtGui import QImage

    rgbx = image.convert("RGBX")
    data = rgbx.tobytes()
    return QImage(data, rgbx.width, rgbx.height, rgbx.width * 4, QImage.Format.Format_RGBX8888).copy()


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


DESK = (88, 92, 96)


def demo_page(size: tuple[int, int] = (2339, 1654)) -> Image.Image:
    """A white A4 page at 200 dpi (landscape: 297 × 210 mm) with a title and lines of "text"."""
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    w, h = size
    draw.rectangle((w * 0.08, h * 0.07, w * 0.6, h * 0.11), fill=(20, 20, 20))
    draw.text((w * 0.08, h * 0.13), "YUNBAN SIMULATED DOCUMENT CAMERA - A4 PAGE", fill="black")
    y = h * 0.2
    n = 0
    while y < h * 0.9:
        right = w * (0.92 if n % 5 != 4 else 0.55)
        draw.rectangle((w * 0.08, y, right, y + 14), fill=(30, 30, 30))
        y += 44
        n += 1
    return page


def _on_desk(
    picture: Image.Image, frame: tuple[int, int] = FRAME_SIZE, offset: tuple[int, int] = (0, 0)
) -> Image.Image:
    """`picture` laid on the camera's base: scaled to fit with a margin, centred, shifted by `offset`."""
    fw, fh = frame
    pic = picture.convert("RGB")
    scale = min((fw * 0.94) / pic.width, (fh * 0.94) / pic.height, 1.0)
    if scale < 1.0:
        pic = pic.resize((round(pic.width * scale), round(pic.height * scale)), Image.Resampling.BILINEAR)
    out = Image.new("RGB", frame, DESK)
    out.paste(pic, ((fw - pic.width) // 2 + offset[0], (fh - pic.height) // 2 + offset[1]))
    return out


def _with_hand(still_page: Image.Image, step: int, frame: tuple[int, int]) -> Image.Image:
    """A frame of the document being laid down: the page shifted, a hand over it."""
    fw, fh = frame
    img = _on_desk(still_page, frame, (60 - 20 * step, 40 - 12 * step))
    draw = ImageDraw.Draw(img)
    cx, cy = fw * (0.75 - 0.08 * step), fh * (0.7 - 0.05 * step)
    draw.ellipse((cx - 260, cy - 180, cx + 260, cy + 180), fill=(205, 160, 130))
    draw.rectangle((cx, cy - 120, fw, cy + 120), fill=(190, 150, 120))
    return img


@dataclass(slots=True)
class SimulatedCamera:
    """What the simulated camera shows. `picture`: the document (None: `demo_page()`); `moving_frames` frames of a
    hand laying it down, then the still picture; `shaking`: never still; `no_signal`: no frames at all."""

    picture: Image.Image | None = None
    moving_frames: int = 6
    fps: float = 15.0
    shaking: bool = False
    no_signal: bool = False
    frame: tuple[int, int] = FRAME_SIZE
    _frames: tuple[list[Any], Any] | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_device(cls, device: str) -> SimulatedCamera:
        rest = device[len(SIMULATED) :].lstrip(":")
        if rest == "shaking":
            return cls(shaking=True)
        if rest == "no-signal":
            return cls(no_signal=True)
        if not rest:
            return cls()
        path = Path(rest)
        if not path.is_file():
            raise ScannerError(
                "not_present", f"模拟高拍仪的图片不存在：{rest}", f"simulated camera picture not found: {rest}"
            )
        try:
            with Image.open(path) as img:
                img.load()
                return cls(picture=img.convert("RGB"))
        except OSError as exc:
            raise ScannerError("unreadable", f"图片无法读取：{rest}", f"cannot read the picture {rest}: {exc}") from exc

    def frames(self) -> tuple[list[Any], Any]:
        """(moving QImages, the still QImage), drawn once per scene (≈0.4 s for 5 MP frames)."""
        if self._frames is None:
            self._frames = self._draw()
        return self._frames

    def _draw(self) -> tuple[list[Any], Any]:
        page = self.picture if self.picture is not None else demo_page()
        still = _pil_to_qimage(_on_desk(page, self.frame))
        count = 3 if self.shaking else self.moving_frames
        moving = [_pil_to_qimage(_with_hand(page, i % 3, self.frame)) for i in range(min(count, 3))]
        return moving, still


class _SimulatedFeed(QObject):
    """Pushes the simulated camera's frames into a QVideoFrameInput at `fps` (camera thread)."""

    def __init__(self, sim: SimulatedCamera, parent: QObject) -> None:
        from PySide6.QtMultimedia import QVideoFrameFormat, QVideoFrameInput

        super().__init__(parent)
        self.sim = sim
        self.moving, self.still = sim.frames()
        fmt = QVideoFrameFormat(self.still.size(), QVideoFrameFormat.pixelFormatFromImageFormat(self.still.format()))
        self.input = QVideoFrameInput(fmt, self)
        self.input.readyToSendVideoFrame.connect(self._ready)
        self.timer = QTimer(self)
        self.timer.setInterval(round(1000 / sim.fps))
        self.timer.timeout.connect(self._tick)
        self.sent = 0
        self.pending: Any = None

    def start(self) -> None:
        if not self.sim.no_signal:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.pending = None

    def _next(self) -> Any:
        n = self.sent
        if self.sim.shaking:
            return self.moving[n % len(self.moving)]
        if n < self.sim.moving_frames and self.moving:
            return self.moving[n % len(self.moving)]
        return self.still

    def _tick(self) -> None:
        from PySide6.QtMultimedia import QVideoFrame

        if self.pending is not None:
            return  # the session has not taken the last frame yet: a real camera drops frames too
        frame = QVideoFrame(self._next())
        if self.input.sendVideoFrame(frame):
            self.sent += 1
        else:
            self.pending = frame

    def _ready(self) -> None:
        if self.pending is not None and self.input.sendVideoFrame(self.pending):
            self.pending = None
            self.sent += 1


# ------------------------------------------------------------------------------------------------ one capture job


_CAMERA_ERRORS = (
    (
        ("busy", "in use", "resource busy"),
        "busy",
        "高拍仪正被其他程序占用，请稍后重试",
        "the camera is busy (in use by another program)",
    ),
    (("permission", "denied", "access"), "denied", "没有权限使用高拍仪", "access to the camera was denied"),
)


def map_camera_error(text: str) -> ScannerError:
    """QCamera.errorOccurred's text → a code and a message a clerk can act on."""
    low = text.lower()
    for words, code, zh, en in _CAMERA_ERRORS:
        if any(w in low for w in words):
            return ScannerError(code, zh, f"{en}: {text}")
    return ScannerError("error", f"高拍仪出错：{text}", f"camera error: {text}")


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
        self.feed: _SimulatedFeed | None = None
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
            self.feed = _SimulatedFeed(s.simulated, self)
            self.session.setVideoFrameInput(self.feed.input)
        else:
            from PySide6.QtMultimedia import QCamera

            dev = _find_device(s.device)
            if dev is None:
                raise ScannerError("not_present", "未连接高拍仪", f"no document camera found ({s.device or 'any'})")
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
        self.fail(ScannerError("no_picture", "高拍仪没有画面，请检查连接线", "no picture from the document camera"))

    def _timed_out(self) -> None:
        if self.mode == "qr":
            self.fail(ScannerError("no_qr", "没有识别到二维码，请将回执二维码放在高拍仪下",
                                   "no QR code recognised; lay the receipt's QR code under the camera"))  # fmt: skip
        elif self.frames == 0:
            self._no_picture()
        else:
            en = "the picture never settled; lay the document down and keep hands clear"
            self.fail(ScannerError("not_settled", "画面一直在动，请放稳材料后重试", en))

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
            self._simulated = SimulatedCamera.from_device(self.device)
        return self._simulated

    def status(self) -> tuple[str, str]:
        try:
            import PySide6.QtMultimedia  # noqa: F401
        except ImportError:
            return "missing_library", "缺少 QtMultimedia（QtMultimedia is not available）"
        if self.is_simulated:
            rest = self.device[len(SIMULATED) :].lstrip(":")
            if rest not in ("", "shaking", "no-signal") and self.simulator is None and not Path(rest).is_file():
                return "not_present", f"模拟高拍仪的图片不存在（simulated camera picture not found: {rest}）"
            return "ready", "模拟高拍仪，非真实设备（simulated document camera, no real device）"
        name = next((d for i, d in _video_inputs() if _matches(self.device, i, d)), None)
        if name is None:
            return "not_present", "未连接高拍仪（no document camera found）"
        return "ready", f"高拍仪已连接：{name}（document camera present）"

    def _check(self) -> None:
        state, _ = self.status()
        if state == "missing_library":
            raise ScannerError("missing_library", "缺少 QtMultimedia", "QtMultimedia is not available")
        if state == "not_present":
            if self.is_simulated:
                self.simulated  # noqa: B018 — raises the precise error
            raise ScannerError("not_present", "未连接高拍仪", "no document camera found")
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
