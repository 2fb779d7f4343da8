"""回执 for the villager, after the worker finished an application on their behalf: the receipt's QR on the screen
for the villager's phone (the receipt number and check code, read by 进度查询 and `yunban check receipt`), the number
in its printed groups, and the slip in plain words of what happens next. 打印回执 prints the 受理回执 again,
打印办事指引 the slip, on the portable receipt printer; 返回走访清单 (Esc) goes back to the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.screens.base import make_label
from ui.screens.laptop.common import Language, LaptopPage, shortcut

if TYPE_CHECKING:
    from app.model.apply import PrintOutcome
    from app.visits.model import ReceiptView
    from ui.screens.laptop.ports import LaptopPort

__all__ = ["ReceiptPage"]

QR_SIDE = 260


class ReceiptPage(LaptopPage):
    done = Signal()
    """返回走访清单."""

    def __init__(self, port: LaptopPort, *, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(port, language=language, parent=parent)
        self.receipt_no = ""
        self.view: ReceiptView | None = None
        self._printed_state: tuple[bool | None, str] = (None, "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)
        self.title = make_label("PageTitle")
        self.printed = make_label("Hint")
        self.printed.setAccessibleName("printed")
        outer.addWidget(self.title)
        outer.addWidget(self.printed)
        body = QHBoxLayout()
        left = QFrame(self)
        left.setObjectName("Panel")
        lbox = QVBoxLayout(left)
        self.qr = make_label("", wrap=False)
        self.qr.setAccessibleName("receipt_qr")
        self.qr.setFixedSize(QR_SIDE, QR_SIDE)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_hint = make_label("Hint")
        self.number = make_label("Figure")
        self.number.setAccessibleName("receipt_no")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lbox.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        lbox.addWidget(self.qr_hint)
        lbox.addWidget(self.number)
        lbox.addStretch(1)
        left.setFixedWidth(QR_SIDE + 60)
        body.addWidget(left)
        right = QFrame(self)
        right.setObjectName("Panel")
        rbox = QVBoxLayout(right)
        self.slip_title = make_label("PageTitle")
        self.slip = make_label("")
        self.slip.setAccessibleName("slip")
        self.slip.setStyleSheet("font-size: 18px; background: white;")  # plain words, read to an elderly villager
        self.slip.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.slip)
        rbox.addWidget(self.slip_title)
        rbox.addWidget(scroll, 1)
        body.addWidget(right, 1)
        outer.addLayout(body, 1)
        row = QHBoxLayout()
        self.reprint_button = QPushButton(self)
        self.reprint_button.clicked.connect(self.reprint)
        self.slip_button = QPushButton(self)
        self.slip_button.setObjectName("Primary")
        self.slip_button.clicked.connect(self.print_slip)
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.done.emit)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.reprint_button)
        row.addWidget(self.slip_button)
        outer.addLayout(row)
        outer.addWidget(self.status)
        shortcut(Qt.Key.Key_Escape, self, self.done.emit)
        shortcut("Ctrl+P", self, self.print_slip)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("已替村民提交：请把回执交给村民"))
        self.qr_hint.setText(self.tr("请村民用手机扫码，保存受理编号，日后可查进度"))
        self.slip_title.setText(self.tr("办事指引（念给村民听）"))
        self.reprint_button.setText(self.tr("打印回执"))
        self.slip_button.setText(self.tr("打印办事指引  Ctrl+P"))
        self.back_button.setText(self.tr("返回走访清单  Esc"))
        self._show_printed()
        self.say("")
        if self.receipt_no:
            self.refresh()

    def show_receipt(self, receipt_no: str, printed: bool | None = None, message: str = "") -> None:
        """The receipt of a just-finalised application; `printed`: whether its 受理回执 came out of the printer
        (`message`: why not)."""
        self.receipt_no = receipt_no
        self._printed_state = (printed, message)
        self.say("")
        self._show_printed()
        self.refresh()

    def _show_printed(self) -> None:
        printed, message = self._printed_state
        if printed is None:
            self.printed.setText("")
        elif printed:
            self.printed.setText(self.tr("受理回执已在便携打印机打印。"))
        else:
            self.printed.setText(self.tr("回执没有打印（%1）：请让村民扫码保存。").replace("%1", message))

    def refresh(self) -> None:
        if not self.receipt_no:
            return
        port, number, lang = self.port, self.receipt_no, self.language()
        self.call(lambda: port.receipt_view(number, lang), self._shown)

    def _shown(self, view: ReceiptView) -> None:
        self.view = view
        pixmap = QPixmap()
        pixmap.loadFromData(view.qr_png, "PNG")
        self.qr.setPixmap(
            pixmap.scaled(
                QR_SIDE, QR_SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        )
        self.number.setText(self.tr("受理编号 %1\n校验码 %2").replace("%1", view.grouped)
                            .replace("%2", view.verification))  # fmt: skip
        self.slip.setText("\n".join(view.lines))

    def print_slip(self) -> None:
        if not self.receipt_no:
            return
        port, number = self.port, self.receipt_no
        self.say(self.tr("正在打印办事指引…"))
        self.call(lambda: port.print_slip(number), self._printed)

    def reprint(self) -> None:
        if not self.receipt_no:
            return
        port, number = self.port, self.receipt_no
        self.say(self.tr("正在打印回执…"))
        self.call(lambda: port.reprint_receipt(number), self._printed)

    def _printed(self, outcome: PrintOutcome) -> None:
        if outcome.printed:
            self.say(self.tr("已打印"))
        else:
            self.say(self.tr("没有打印：%1").replace("%1", outcome.message or ""))
