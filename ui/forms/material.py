"""The material slot (申请材料): one material's pages as thumbnails, with scan, re-take and delete. Contract: the slot
only asks (`scan_requested`, `retake_requested`, `delete_requested`); its owner answers with `set_pages` / `add_page` /
`remove_page`. The field's answer is the list of page references (attachment hashes), in page order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.model.forms import Field
from ui.forms.inputs import FieldInput
from ui.forms.style import target
from ui.forms.texts import text
from ui.plain import PlainLabel

__all__ = ["MaterialInput"]

Thumbnail = QImage | bytes | None
"""A page's picture: a QImage, encoded image bytes (PNG/JPEG), or None (a grey placeholder)."""


class _PageTile(QFrame):
    def __init__(self, slot: MaterialInput, ref: str, number: int, image: Thumbnail) -> None:
        super().__init__(slot)
        self.setObjectName("MaterialThumb")
        self.ref = ref
        scale = slot.scale
        width, height = round(180 * scale), round(240 * scale)
        layout = QVBoxLayout(self)
        picture = PlainLabel(self)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setFixedSize(width, height)
        qimage = QImage.fromData(image) if isinstance(image, bytes) else image
        if qimage is not None and not qimage.isNull():
            picture.setPixmap(
                QPixmap.fromImage(qimage).scaled(
                    width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            picture.setStyleSheet("background: #d5dbe3;")
        layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        self.caption = PlainLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = number
        layout.addWidget(self.caption)
        buttons = QHBoxLayout()
        self.retake = QPushButton(self)
        self.retake.setMinimumHeight(target(scale))
        self.retake.setObjectName(f"retake_{slot.field.id}_{number}")
        self.delete = QPushButton(self)
        self.delete.setMinimumHeight(target(scale))
        self.delete.setObjectName(f"delete_{slot.field.id}_{number}")
        buttons.addWidget(self.retake)
        buttons.addWidget(self.delete)
        layout.addLayout(buttons)
        self.retake.clicked.connect(lambda: slot.retake_requested.emit(slot.field.id, ref))
        self.delete.clicked.connect(lambda: slot.delete_requested.emit(slot.field.id, ref))
        self.set_language(slot.language)

    def set_language(self, language: str) -> None:
        self.caption.setText(text("page_n", language, n=self.number))
        self.retake.setText(text("retake", language))
        self.delete.setText(text("delete", language))


class MaterialInput(FieldInput):
    """material: thumbnails of the scanned pages, a scan button; signals carry (field id, page reference)."""

    scan_requested = Signal(str)
    retake_requested = Signal(str, str)
    delete_requested = Signal(str, str)

    COLUMNS = 3

    def __init__(self, field: Field, *, language: str = "zh_CN", scale: float = 1.0, parent: QWidget | None = None):
        super().__init__(field, language=language, scale=scale, parent=parent)
        self._pages: list[tuple[str, Thumbnail]] = []
        self._tiles: list[_PageTile] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = PlainLabel(text("no_pages", language), self)
        self.empty.setObjectName("MaterialEmpty")
        layout.addWidget(self.empty)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        row = QHBoxLayout()
        self.scan_button = QPushButton(text("scan", language), self)
        self.scan_button.setObjectName(f"scan_{field.id}")
        self.scan_button.setMinimumHeight(target(scale))
        self.scan_button.clicked.connect(lambda: self.scan_requested.emit(field.id))
        row.addWidget(self.scan_button)
        row.addStretch(1)
        layout.addLayout(row)

    def pages(self) -> list[str]:
        return [ref for ref, _ in self._pages]

    def set_pages(self, pages: list[tuple[str, Thumbnail]]) -> None:
        self._pages = list(pages)
        self._rebuild()

    def add_page(self, ref: str, image: Thumbnail = None) -> None:
        self._pages.append((ref, image))
        self._rebuild()

    def replace_page(self, ref: str, new_ref: str, image: Thumbnail = None) -> None:
        self._pages = [(new_ref, image) if r == ref else (r, im) for r, im in self._pages]
        self._rebuild()

    def remove_page(self, ref: str) -> None:
        self._pages = [(r, im) for r, im in self._pages if r != ref]
        self._rebuild()

    def _rebuild(self) -> None:
        for tile in self._tiles:
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self._tiles = []
        for index, (ref, image) in enumerate(self._pages):
            tile = _PageTile(self, ref, index + 1, image)
            self.grid.addWidget(tile, index // self.COLUMNS, index % self.COLUMNS)
            self._tiles.append(tile)
        self.empty.setVisible(not self._pages)
        self.changed.emit()

    def value(self) -> Any:
        return self.pages() or None

    def set_value(self, value: Any) -> None:
        """Page references without pictures (a draft reopened): placeholders until the owner sets thumbnails."""
        refs = [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []
        known = dict(self._pages)
        self.set_pages([(ref, known.get(ref)) for ref in refs])

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self.empty.setText(text("no_pages", language))
        self.scan_button.setText(text("scan", language))
        for tile in self._tiles:
            tile.set_language(language)

    def focus_target(self) -> QWidget:
        return self.scan_button
