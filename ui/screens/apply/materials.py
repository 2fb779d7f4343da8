"""我要办理, materials page: what is still missing (还缺 2 项) above one card per material slot (扫描, 导入文件 on
counters and laptops, 容缺 where the item allows it) with its pages as thumbnails (重拍 / 删除), and a 一件事's
免提交（部门共享） materials below. Every change goes through the service on the flow's worker and comes back with
every page's bytes for the thumbnails. The ID card read on the reader counts as provided. The next button says what
happens with items missing: 容缺 (brought later), the 一次性告知书 (this item takes no 容缺), or, for a 预申请, that
they are brought to the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.plain import PlainLabel
from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import clear_layout, primary
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import ApplySession, MaterialSlot

__all__ = ["THUMBS_PER_ROW", "THUMB_TILE_WIDTH", "MaterialsStep", "SlotCard"]

THUMBS_PER_ROW = 4
"""Page tiles to a row (three in 大字模式, whose wider buttons make wider tiles)."""
THUMB_TILE_WIDTH = 240
"""A page's tile at least: the 150 × 200 thumbnail over its 重拍 and 删除 buttons (wider when they need it)."""

Thumbs = dict[str, list[bytes]]
"""Every page's (decrypted) bytes, by slot id."""


class SlotCard(QFrame):
    """One material slot: name, what is asked, thumbnails, and the actions."""

    def __init__(self, step: MaterialsStep, slot_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        # Never squeezed below its content: the page scrolls instead (a squeezed card hid its buttons and lines).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.slot_id = slot_id
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.setSpacing(10)
        self.title = make_label("SectionTitle")
        self.detail = make_label("SectionBody")
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.detail)
        self.thumbs = QGridLayout()
        self.thumbs.setSpacing(12)
        self.thumbs.setColumnStretch(THUMBS_PER_ROW, 1)  # tiles keep their width, packed from the left
        self.layout_.addLayout(self.thumbs)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.scan = primary(parent=self)
        self.scan.setObjectName("Primary")
        self.scan.setAccessibleName(f"scan_{slot_id}")
        self.scan.clicked.connect(lambda: step.scan(slot_id))
        row.addWidget(self.scan)
        self.import_ = primary(parent=self, name="")
        self.import_.setAccessibleName(f"import_{slot_id}")
        self.import_.clicked.connect(lambda: step.import_file(slot_id))
        row.addWidget(self.import_)
        self.defer = primary(parent=self, name="")
        self.defer.setAccessibleName(f"defer_{slot_id}")
        self.defer.clicked.connect(lambda: step.toggle_deferred(slot_id))
        row.addWidget(self.defer)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.page_buttons: list[tuple[QPushButton, QPushButton]] = []


class MaterialsStep(Step):
    review_requested = Signal()
    """下一步: on to the review."""
    thumbnails_shown = Signal()

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.cards: dict[str, SlotCard] = {}
        self.thumbs: Thumbs = {}
        inner = self._scroll_page()
        self.hint = make_label("Hint")
        inner.addWidget(self.hint)
        self.missing = make_label("Notice")
        self.missing.setAccessibleName("materials_missing")
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.missing)
        self.slots_layout = QVBoxLayout()
        self.slots_layout.setSpacing(14)
        inner.addLayout(self.slots_layout)
        self.shared = make_label("SectionBody")  # 免提交（部门共享）: what a 一件事 does not ask for
        self.shared.setTextFormat(Qt.TextFormat.PlainText)
        self.shared.setWordWrap(True)
        inner.addWidget(self.shared)
        inner.addStretch(1)
        row = self._nav()
        self.back_button = primary(parent=self, name="")
        self.back_button.clicked.connect(lambda: self.flow.go("form"))
        self.to_review = primary(parent=self)
        self.to_review.clicked.connect(self.next_step)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.to_review)

    def retranslate(self) -> None:
        self.hint.setText(self._t("materials_hint"))
        self.back_button.setText(self._t("back_to_form"))
        self.to_review.setText(self._t("to_review"))
        for slot_id in self.cards:
            self._render_slot(slot_id)
        self._render_missing()

    def clear(self) -> None:
        clear_layout(self.slots_layout)
        self.cards = {}
        self.thumbs = {}
        self.shared.clear()
        self.missing.clear()

    def entered(self) -> None:
        self._render_slots()

    # -- opening ---------------------------------------------------------------------------------------------

    def open(self, before: Callable[[ApplySession], object] | None = None) -> None:
        """Show the page: `before(session)` first (on the worker, e.g. saving the form), then every page's bytes."""
        session = self.flow.session
        if session is None:
            return

        def work() -> Thumbs:
            if before is not None:
                before(session)
            return self.load_thumbs(session)

        self.flow.run(work, self._show)

    def load_thumbs(self, session: ApplySession) -> Thumbs:
        """Worker side: every page's decrypted bytes for the thumbnails."""
        apply = self.flow.apply
        return {
            s.slot_id: [apply.page_bytes(session, s.slot_id, i) for i in range(len(s.pages))] for s in session.slots
        }

    def _show(self, thumbs: Thumbs) -> None:
        self.thumbs = thumbs
        self.flow.go("materials")

    # -- rendering -------------------------------------------------------------------------------------------

    def _render_slots(self) -> None:
        session = self.flow.session
        if session is None:
            return
        if set(self.cards) != {s.slot_id for s in session.slots}:
            clear_layout(self.slots_layout)
            self.cards = {}
            for s in session.slots:
                box = SlotCard(self, s.slot_id, self.slots_layout.parentWidget() or self)
                self.slots_layout.addWidget(box)
                self.cards[s.slot_id] = box
        for slot_id in self.cards:
            self._render_slot(slot_id)
        en = self.flow.language.startswith("en")
        shared = [
            f"· {m.name}{self._colon()}{(m.reason_en if en and m.reason_en else m.reason)}" for m in session.shared
        ]
        self.shared.setText("\n".join([self._t("shared") + self._colon(), *shared]) if shared else "")
        self.shared.setVisible(bool(shared))
        self._render_missing()
        self.thumbnails_shown.emit()

    def _owed(self) -> list[MaterialSlot]:
        session = self.flow.session
        return [s for s in session.slots if s.owed] if session is not None else []

    def _render_missing(self) -> None:
        """还缺 N 项 (naming them), and the next button saying what happens with them."""
        session = self.flow.session
        if session is None:
            return
        owed = self._owed()
        names = "、".join(s.name for s in owed)
        self.missing.setText(self._t("missing_n", n=len(owed), names=names) if owed else self._t("missing_none"))
        if not owed:
            self.to_review.setText(self._t("to_review"))
        elif session.pre_application:
            self.to_review.setText(self._t("to_pre_review", n=len(owed)))
        elif all(s.deferrable for s in owed):
            self.to_review.setText(self._t("to_deferred", n=len(owed)))
        else:
            self.to_review.setText(self._t("to_notice", n=len(owed)))

    def next_step(self) -> None:
        """What the button says: on to the review; with items missing, 容缺 for all of them (when every one allows
        it) before the review, or the 一次性告知书 (the flow shows it when the review says it is due)."""
        session = self.flow.session
        owed = self._owed()
        if session is None or self.flow.busy:
            return
        if owed and not session.pre_application and all(s.deferrable for s in owed):
            apply, ids = self.flow.apply, [s.slot_id for s in owed]

            def defer_all(s: ApplySession) -> None:
                for slot_id in ids:
                    apply.mark_deferred(s, slot_id, True)

            session_ = session

            def work() -> Thumbs:
                defer_all(session_)
                return self.load_thumbs(session_)

            def deferred(thumbs: Thumbs) -> None:
                self._show(thumbs)
                self.review_requested.emit()

            self.flow.run(work, deferred)
            return
        self.review_requested.emit()

    def _render_slot(self, slot_id: str) -> None:
        session, box = self.flow.session, self.cards.get(slot_id)
        s = session.slot(slot_id) if session is not None else None
        if s is None or box is None:
            return
        en = self.flow.language.startswith("en")
        tag = self._t("required") if s.required else self._t("optional")
        box.title.setText(f"{s.name} ({tag})" if en else f"{s.name}（{tag}）")
        box.detail.setText("\n".join(self._slot_lines(s, en)))
        clear_layout(box.thumbs)
        box.page_buttons = []
        images = self.thumbs.get(slot_id, [])
        per_row = THUMBS_PER_ROW - 1 if self.flow.elder else THUMBS_PER_ROW
        for index in range(len(s.pages)):
            tile, buttons = self._tile(box, slot_id, index, images[index] if index < len(images) else b"")
            box.thumbs.addWidget(tile, index // per_row, index % per_row, Qt.AlignmentFlag.AlignTop)
            box.page_buttons.append(buttons)
        box.scan.setText(self._t("scan"))
        box.import_.setText(self._t("import"))
        box.import_.setVisible(self.flow.role != "kiosk")
        box.defer.setText(self._t("undefer") if s.deferred else self._t("defer"))
        box.defer.setVisible(s.deferrable)

    def _slot_lines(self, s: MaterialSlot, en: bool) -> list[str]:
        copies = f"{s.copies} {'copy' if s.copies == 1 else 'copies'}" if en else f"{s.copies} 份"
        lines = [f"{s.form} · {s.medium} · {copies}"]
        if s.from_card and not s.pages:
            lines.append(self._t("from_card"))
        elif s.deferred:
            lines.append(self._t("deferred"))
        elif s.pages:
            lines.append(self._t("pages", n=len(s.pages)))
        elif s.required and self.flow.session is not None and self.flow.session.pre_application:
            lines.append(self._t("pre_bring"))
        elif s.required and not s.deferrable:
            lines.append(self._t("no_defer"))
        return lines

    def _tile(
        self, box: SlotCard, slot_id: str, index: int, data: bytes
    ) -> tuple[QWidget, tuple[QPushButton, QPushButton]]:
        """A page's tile: its thumbnail (grey when it cannot be shown), 第 n 页, and 重拍 / 删除 below."""
        tile = QWidget(box)
        tile.setMinimumWidth(THUMB_TILE_WIDTH)
        tile.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        col = QVBoxLayout(tile)
        col.setContentsMargins(0, 0, 0, 0)
        picture = PlainLabel(tile)
        picture.setFixedSize(150, 200)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        image = QImage.fromData(data) if data else QImage()
        if not image.isNull():
            picture.setPixmap(
                QPixmap.fromImage(image).scaled(
                    150, 200, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            picture.setStyleSheet("background: #d5dbe3;")
        col.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        caption = make_label("", self._t("page_n", n=index + 1))
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(caption)
        buttons = QHBoxLayout()
        retake = QPushButton(self._t("retake"), tile)
        retake.setAccessibleName(f"retake_{slot_id}_{index}")
        retake.clicked.connect(lambda _c=False, i=index: self.retake(slot_id, i))
        delete = QPushButton(self._t("delete"), tile)
        delete.setAccessibleName(f"delete_{slot_id}_{index}")
        delete.clicked.connect(lambda _c=False, i=index: self.delete_page(slot_id, i))
        buttons.addWidget(retake)
        buttons.addWidget(delete)
        col.addLayout(buttons)
        return tile, (retake, delete)

    # -- actions ---------------------------------------------------------------------------------------------

    def _change(self, op: Callable[[ApplySession], object], busy_key: str = "", failure_key: str = "failed") -> None:
        session = self.flow.session
        if session is None or self.flow.busy:
            return

        def work() -> Thumbs:
            op(session)
            return self.load_thumbs(session)

        def failed(error: BaseException) -> None:
            self.flow.say(lambda: self._t(failure_key, msg=self._error(error)))

        busy_text = self._t(busy_key) if busy_key else ""
        self.flow.run(work, self._show, busy_text=busy_text, on_failure=failed)

    def scan(self, slot_id: str) -> None:
        apply = self.flow.apply
        self._change(lambda s: apply.scan_into(s, slot_id), "scanning", "scan_failed")

    def retake(self, slot_id: str, index: int) -> None:
        apply = self.flow.apply

        def redo(s: ApplySession) -> None:
            apply.scan_into(s, slot_id)  # scan first: a failing scan leaves the old page in place
            apply.remove_page(s, slot_id, index)

        self._change(redo, "scanning", "scan_failed")

    def delete_page(self, slot_id: str, index: int) -> None:
        apply = self.flow.apply
        self._change(lambda s: apply.remove_page(s, slot_id, index))

    def toggle_deferred(self, slot_id: str) -> None:
        session = self.flow.session
        slot = session.slot(slot_id) if session is not None else None
        if slot is None:
            return
        apply, on = self.flow.apply, not slot.deferred
        self._change(lambda s: apply.mark_deferred(s, slot_id, on))

    def import_file(self, slot_id: str, path: Path | None = None) -> None:
        """Counters and laptops: add a file (image or PDF) as a page; `path` skips the file dialog (tests)."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self._t("import"), "", "Images/PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)"
            )
            if not name:
                return
            path = Path(name)
        apply, chosen = self.flow.apply, path
        self._change(lambda s: apply.add_page(s, slot_id, chosen))
