"""The scanned-page viewer of the counter's detail view: one page at a time, zoom in and out, fit, rotate by quarter
turns, previous and next. Contract: shows bytes it is handed (decoded by Qt's image readers); never reads a file or
calls a service itself (the workspace fetches pages through its task runner)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QTransform
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.screens.base import make_label

__all__ = ["PageViewer"]

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.1, 8.0


class PageViewer(QWidget):
    """`show_page(data, position, count)`; emits `page_requested(position)` for 上一页 / 下一页."""

    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position = 0
        self.count = 0
        self.zoom = 1.0
        self.rotation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.prev_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.zoom_in_button = QPushButton(self)
        self.zoom_out_button = QPushButton(self)
        self.fit_button = QPushButton(self)
        self.rotate_button = QPushButton(self)
        self.caption = make_label("Hint", "", wrap=False)
        for b in (self.prev_button, self.next_button, self.zoom_out_button, self.zoom_in_button, self.fit_button,
                  self.rotate_button):  # fmt: skip
            bar.addWidget(b)
        bar.addWidget(self.caption, 1)
        layout.addLayout(bar)
        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = QGraphicsView(self.scene, self)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        layout.addWidget(self.view, 1)
        self.prev_button.clicked.connect(lambda: self._go(-1))
        self.next_button.clicked.connect(lambda: self._go(1))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit)
        self.rotate_button.clicked.connect(self.rotate)
        self.retranslate()
        self._buttons()

    def retranslate(self) -> None:
        self.prev_button.setText(self.tr("上一页"))
        self.next_button.setText(self.tr("下一页"))
        self.zoom_in_button.setText(self.tr("放大"))
        self.zoom_out_button.setText(self.tr("缩小"))
        self.fit_button.setText(self.tr("适合窗口"))
        self.rotate_button.setText(self.tr("旋转"))
        self._caption()

    def _caption(self) -> None:
        if not self.count:
            self.caption.setText(self.tr("没有扫描材料"))
            return
        self.caption.setText(
            self.tr("第 %1 / %2 页 · %3% · %4°")
            .replace("%1", str(self.position + 1))
            .replace("%2", str(self.count))
            .replace("%3", str(round(self.zoom * 100)))
            .replace("%4", str(self.rotation))
        )

    def _buttons(self) -> None:
        has = self.count > 0
        self.prev_button.setEnabled(has and self.position > 0)
        self.next_button.setEnabled(has and self.position < self.count - 1)
        for b in (self.zoom_in_button, self.zoom_out_button, self.fit_button, self.rotate_button):
            b.setEnabled(has)

    def _go(self, step: int) -> None:
        target = self.position + step
        if 0 <= target < self.count:
            self.page_requested.emit(target)

    def clear(self) -> None:
        self.item.setPixmap(QPixmap())
        self.position, self.count, self.zoom, self.rotation = 0, 0, 1.0, 0
        self._apply()

    def show_page(self, data: bytes, position: int, count: int) -> bool:
        """Show one page; False when the bytes are not an image Qt can read (the caption says so)."""
        self.position, self.count, self.rotation = position, count, 0
        image = QImage.fromData(data)
        if image.isNull():
            self.item.setPixmap(QPixmap())
            self._buttons()
            self.caption.setText(self.tr("第 %1 页不是可显示的图片").replace("%1", str(position + 1)))
            return False
        self.item.setPixmap(QPixmap.fromImage(image))
        self.fit()
        return True

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(ZOOM_MAX, max(ZOOM_MIN, zoom))
        self._apply()

    def rotate(self) -> None:
        self.rotation = (self.rotation + 90) % 360
        self._apply()

    def fit(self) -> None:
        pixmap = self.item.pixmap()
        if pixmap.isNull():
            return
        w, h = pixmap.width(), pixmap.height()
        if self.rotation in (90, 270):
            w, h = h, w
        view = self.view.viewport().size()
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, min(view.width() / max(1, w), view.height() / max(1, h))))
        self._apply()

    def _apply(self) -> None:
        self.view.setTransform(QTransform().scale(self.zoom, self.zoom).rotate(self.rotation))
        self.scene.setSceneRect(self.item.sceneBoundingRect())
        self._caption()
        self._buttons()
