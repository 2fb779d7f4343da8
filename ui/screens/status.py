"""进度查询: a receipt number typed on a keypad with its printed 校验码, or the receipt's QR (which carries the code)
read by the document camera (高拍仪), then the submission's status from the locally synced feed. Receipt numbers are
sequential: a typed number without its code shows no status, only the message saying where the code is printed
(the service refuses it). The answer lists the ratings' follow-up (整改) state the platform returned.
Contract: service calls run on the screen's `TaskRunner`, except
`cancel_receipt_qr`, which returns at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from app.model.clock import format_local
from ui.errors import error_text
from ui.screens.apply.texts import Lang, t
from ui.screens.apply.widgets import ReceiptKeypad, card, primary
from ui.screens.base import Screen, make_label
from ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from app.model.apply import StatusView
    from ui.ports import ApplyPort

__all__ = ["StatusScreen"]

_STAGE = {
    "pending": ("等待上传", "waiting to upload"),
    "attachments": ("正在上传材料", "uploading materials"),
    "delivered": ("已送达平台", "delivered"),
    "quarantined": ("上传受阻，请到窗口咨询", "held back, please ask at the counter"),
}


def _local(at: str | None) -> str:
    """An ISO time from the records (UTC) in the terminal's configured zone, to the minute (`format_local`)."""
    return format_local(at)


_FOLLOWUP = ("followup.pending", "followup.in_progress", "followup.resolved", "followup.refused")
"""The platform's follow-up (整改) states of a rating, as its status feed carries them (docs/platform-api.yaml)."""


def _linked(link: dict[str, object], lang: str) -> str:
    """One evaluation or complaint about the receipt: a rating shows its follow-up (整改) state from the feed."""
    status = str(link.get("status") or "")
    note = str(link.get("note") or "")
    if link.get("kind") == "evaluation":
        state = t(status, lang) if status in _FOLLOWUP else (status or t("status_pending", lang))
        return f"{t('rating_label', lang)} {state}" + (f"（{note}）" if note else "")
    return f"{link.get('reference')} {status or t('status_pending', lang)}" + (f"（{note}）" if note else "")


class StatusScreen(Screen):
    """Signals: `shown(StatusView)` once an answer is on screen; `qr_available(bool)` after the camera check;
    `qr_failed(str)` when reading a receipt QR did not work (the message is on screen).

    扫描回执二维码 is shown only when the service says a document camera is ready (asked off the GUI thread each time
    the screen is shown). It prompts the citizen, reads the QR on a worker (the camera has its own I/O thread behind
    the service) and runs the same query as a typed number: `ApplyPort.status` accepts the QR text and checks its
    verification code. 取消扫描 ends the read at once."""

    shown = Signal(object)
    qr_available = Signal(bool)
    qr_failed = Signal(str)
    QR_TIMEOUT = 30.0
    """Seconds the camera looks for a QR code before the screen says none was seen."""

    def __init__(self, apply: ApplyPort, *, language: Lang = lambda: "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._lang = language
        self.tasks = TaskRunner(parent=self)
        self.view: StatusView | None = None
        self._qr_task: Task | None = None
        self._qr_generation = 0
        """Bumped by a cancel: a read whose worker had not started yet then does not start the camera."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 20, 40, 20)
        outer.setSpacing(14)
        self.title = make_label("ScreenTitle")
        self.hint = make_label("Hint")
        outer.addWidget(self.title)
        outer.addWidget(self.hint)
        # Keypad on the left, the answer on the right: both stay in view on a 1280×800 panel.
        columns = QHBoxLayout()
        columns.setSpacing(24)
        left = QVBoxLayout()
        self.keypad = ReceiptKeypad(self)
        self.keypad.submitted.connect(lambda _t: self.query())
        left.addWidget(self.keypad)
        self.check_label = make_label("Hint")
        left.addWidget(self.check_label)
        self.check_code = QLineEdit(self)
        self.check_code.setObjectName("SearchBox")
        self.check_code.setMaxLength(20)
        self.check_code.setAccessibleName("check_code")
        self.check_code.returnPressed.connect(lambda: self.query())
        left.addWidget(self.check_code)
        row = QHBoxLayout()
        self.clear_button = primary(parent=self, name="")
        self.clear_button.clicked.connect(self.reset)
        self.query_button = primary(parent=self, big=True)
        self.query_button.clicked.connect(lambda: self.query())
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.query_button)
        left.addLayout(row)
        qr_row = QHBoxLayout()
        self.qr_button = primary(parent=self, big=True)
        self.qr_button.clicked.connect(self.scan_qr)
        self.qr_button.hide()
        self.qr_cancel_button = primary(parent=self, name="")
        self.qr_cancel_button.clicked.connect(self.cancel_qr)
        self.qr_cancel_button.hide()
        qr_row.addWidget(self.qr_button)
        qr_row.addWidget(self.qr_cancel_button)
        qr_row.addStretch(1)
        left.addLayout(qr_row)
        self.qr_prompt = make_label("SectionBody")
        self.qr_prompt.hide()
        left.addWidget(self.qr_prompt)
        left.addStretch(1)
        columns.addLayout(left, 1)
        frame, box = card(self)
        self.answer = make_label("SectionBody")
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.answer)
        box.addStretch(1)
        self.heard = make_label("Hint")
        box.addWidget(self.heard)
        self.answer_card = frame
        frame.hide()
        columns.addWidget(frame, 1)
        # Everything under the title scrolls: taller than the room left in 大字模式 or with the on-screen keyboard up.
        body = QWidget(self)
        body.setObjectName("Screen")
        body.setLayout(columns)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(body)
        outer.addWidget(area, 1)
        self.retranslate()

    @property
    def language(self) -> str:
        return self._lang()

    def retranslate(self) -> None:
        if not hasattr(self, "answer_card"):
            return
        lang = self.language
        self.title.setText(t("status_title", lang))
        self.hint.setText(t("status_hint", lang))
        self.clear_button.setText(t("clear", lang))
        self.query_button.setText(t("query", lang))
        self.qr_button.setText(t("scan_qr", lang))
        self.qr_cancel_button.setText(t("qr_cancel", lang))
        self.qr_prompt.setText(t("qr_prompt", lang))
        self.check_label.setText(t("check_code", lang))
        if self.view is not None:
            self._render(self.view)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.check_qr_reader()

    def hideEvent(self, event: QHideEvent) -> None:
        self.cancel_qr()  # the citizen left the screen: free the camera
        super().hideEvent(event)

    def check_qr_reader(self) -> None:
        """Ask (off the GUI thread) whether a document camera can read a receipt QR; show the button if so."""
        apply = self._apply
        self.tasks.run(
            lambda: apply.qr_reader_available(),
            on_success=self._qr_checked,
            on_failure=lambda _e: self._qr_checked(False),
        )

    def _qr_checked(self, available: object) -> None:
        ok = bool(available)
        self.qr_button.setVisible(ok and self._qr_task is None)
        self.qr_available.emit(ok)

    def scan_qr(self) -> None:
        """Prompt the citizen and read the receipt QR through the document camera (on a worker)."""
        if self._qr_task is not None:
            return
        apply = self._apply
        timeout = self.QR_TIMEOUT
        generation = self._qr_generation

        def read() -> str:
            if generation != self._qr_generation:
                return ""  # cancelled before this worker started: its result is dropped anyway
            return apply.read_receipt_qr(timeout=timeout)

        self.qr_button.hide()
        self.qr_prompt.show()
        self.qr_cancel_button.show()
        self._qr_task = self.tasks.run(read, on_success=self._qr_read, on_failure=self._qr_error)

    def cancel_qr(self) -> None:
        """End a QR read in progress: the camera stops at once (the port's call does not block)."""
        if self._qr_task is None:
            return
        self._qr_task.cancel()
        self._qr_task = None
        self._qr_generation += 1
        self._apply.cancel_receipt_qr()
        self._qr_idle()

    def _qr_idle(self) -> None:
        self.qr_prompt.hide()
        self.qr_cancel_button.hide()
        self.qr_button.show()

    def _qr_read(self, text: object) -> None:
        self._qr_task = None
        self._qr_idle()
        self.keypad.clear()
        self.check_code.clear()
        apply, qr = self._apply, str(text)
        self.tasks.run(lambda: apply.status(qr), on_success=self._render_scanned, on_failure=self._failed)

    def _qr_error(self, error: BaseException) -> None:
        self._qr_task = None
        self._qr_idle()
        message = t("qr_failed", self.language, msg=error_text(error, self.language))
        self.answer.setText(message)
        self.heard.clear()
        self.answer_card.show()
        self.qr_failed.emit(message)

    def _render_scanned(self, view: StatusView) -> None:
        self.keypad.line.setText(view.receipt_no)  # the number from the QR, as if typed
        self._render(view)

    def query(self, number: str | None = None) -> None:
        text = number if number is not None else self.keypad.text()
        if number is not None:
            self.keypad.line.setText(number)
        if not text:
            return
        apply = self._apply
        code = self.check_code.text().strip() or None
        self.view = None
        self.tasks.run(lambda: apply.status(text, code), on_success=self._render, on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.view = None
        self.heard.clear()
        self.answer.setText(t("failed", self.language, msg=error_text(error, self.language)))
        self.answer_card.show()

    def _render(self, view: StatusView) -> None:
        self.view = view
        lang = self.language
        en = lang.startswith("en")
        if not view.found:
            lines = [t("not_found", lang)]
        else:
            status = view.status or t("status_pre" if view.pre_application else "status_pending", lang)
            stage = _STAGE.get(view.outbox or "", (view.outbox or "", view.outbox or ""))[1 if en else 0]
            colon = ": " if lang.startswith("en") else "："
            lines = [view.title, f"{t('receipt_no', lang)}{colon}{view.receipt_no}"]
            if view.submitted_at:
                lines.append(f"{t('submitted_at', lang)}{colon}{_local(view.submitted_at)}")
            if view.due_date:
                lines.append(f"{t('promised', lang)}{colon}{view.due_date}")
            lines.append(f"{t('state', lang)}{colon}{status}" + (f"（{view.note}）" if view.note else ""))
            if stage:
                lines.append(f"{t('delivery', lang)}{colon}{stage}")
            for entry in view.history:
                lines.append(f"  · {_local(entry.at)} {entry.status}" + (f" {entry.note}" if entry.note else ""))
            if view.complaints:
                lines.append(t("complaints", lang) + "：")
                for c in view.complaints:
                    lines.append("  · " + _linked(c, lang))
        self.answer.setText("\n".join(lines))
        self.heard.setText(
            t("last_heard", lang, at=_local(view.last_heard)) if view.last_heard else t("never_heard", lang)
        )
        self.answer_card.show()
        self.shown.emit(view)

    def reset(self) -> None:
        if self._qr_task is not None:
            self.cancel_qr()
        self.tasks.cancel_all()
        self.view = None
        self.keypad.clear()
        self.check_code.clear()
        self.answer.clear()
        self.heard.clear()
        self.answer_card.hide()
