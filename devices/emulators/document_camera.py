"""The simulated document camera (高拍仪): a generated or given picture laid on a desk, fed to the real Qt capture
pipeline through a `QVideoFrameInput`, so everything but the sensor is exercised.

Contract: `SimulatedCamera` is the scene (`from_device("simulated[:PATH|shaking|no-signal]")`); `feed(parent)` makes
the frame source the camera driver's session uses, on the camera thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from PySide6.QtCore import QObject, QTimer

from devices.scanner.errors import ScannerError

__all__ = ["FRAME_SIZE", "SIMULATED", "SimulatedCamera", "SimulatedFeed", "demo_page", "on_desk", "pil_to_qimage"]

SIMULATED = "simulated"
FRAME_SIZE = (2592, 1944)
"""The simulated camera's frame: 5 MP, 4:3 landscape, as most 500-万-pixel 高拍仪 deliver."""


def pil_to_qimage(image: Image.Image) -> Any:
    from PySide6.QtGui import QImage

    rgbx = image.convert("RGBX")
    data = rgbx.tobytes()
    return QImage(data, rgbx.width, rgbx.height, rgbx.width * 4, QImage.Format.Format_RGBX8888).copy()


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


def on_desk(picture: Image.Image, frame: tuple[int, int] = FRAME_SIZE, offset: tuple[int, int] = (0, 0)) -> Image.Image:
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
    img = on_desk(still_page, frame, (60 - 20 * step, 40 - 12 * step))
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
        """The scene a device string names: `simulated`, `simulated:PATH`, `simulated:shaking` or `:no-signal`."""
        rest = device[len(SIMULATED) :].lstrip(":")
        if rest == "shaking":
            return cls(shaking=True)
        if rest == "no-signal":
            return cls(no_signal=True)
        if not rest:
            return cls()
        path = Path(rest)
        if not path.is_file():
            raise ScannerError("not_present", reason="simulated_picture_missing", path=rest)
        try:
            with Image.open(path) as img:
                img.load()
                return cls(picture=img.convert("RGB"))
        except OSError as exc:
            raise ScannerError("unreadable", reason="picture_unreadable", path=rest, error=str(exc)) from exc

    def feed(self, parent: QObject) -> SimulatedFeed:
        """The frame source for a capture session on the camera thread (its `input` is the QVideoFrameInput)."""
        return SimulatedFeed(self, parent)

    def frames(self) -> tuple[list[Any], Any]:
        """(moving QImages, the still QImage), drawn once per scene (≈0.4 s for 5 MP frames)."""
        if self._frames is None:
            self._frames = self._draw()
        return self._frames

    def _draw(self) -> tuple[list[Any], Any]:
        page = self.picture if self.picture is not None else demo_page()
        still = pil_to_qimage(on_desk(page, self.frame))
        count = 3 if self.shaking else self.moving_frames
        moving = [pil_to_qimage(_with_hand(page, i % 3, self.frame)) for i in range(min(count, 3))]
        return moving, still


class SimulatedFeed(QObject):
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
