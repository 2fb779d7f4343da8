"""The decision dialog of the counter: 受理, 不予受理 (reason required; the legal basis the catalog gives is shown and
cited), 补正 (tick the materials to correct, or type others), 容缺受理 (materials owed and the deadline), and where the
notice prints (A4 or the receipt printer). Contract: collects and checks what the clerk typed; the service refuses
again whatever is incomplete (the dialog is a convenience, not the rule)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.model.counter import CaseDetail
from ui.screens.base import make_label

__all__ = ["DecisionDialog"]


class DecisionDialog(QDialog):
    def __init__(self, kind: str, detail: CaseDetail, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.today = today
        self.setObjectName("DecisionDialog")
        titles = {
            "accept": self.tr("受理"),
            "refuse": self.tr("不予受理"),
            "correct": self.tr("补正材料"),
            "defer": self.tr("容缺受理"),
        }
        self.setWindowTitle(titles[kind])
        layout = QVBoxLayout(self)
        case = detail.entry.receipt_no or detail.entry.key
        layout.addWidget(make_label("ScreenTitle", f"{titles[kind]} · {case}"))
        layout.addWidget(make_label("", "、".join(name for _code, name in detail.items)))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("DecisionReason")
        self.materials = QListWidget(self)
        self.materials.setObjectName("DecisionMaterials")
        self.other = QLineEdit(self)
        self.other.setObjectName("DecisionOther")
        self.deadline = QDateEdit(self)
        self.deadline.setObjectName("DecisionDeadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.error = make_label("Error", "")
        if kind == "refuse":
            layout.addWidget(make_label("", self.tr("不予受理的理由（必填）：")))
            layout.addWidget(self.reason)
            layout.addWidget(make_label("", self.tr("法律依据（来自事项目录）：")))
            basis = "\n".join(detail.basis) or self.tr("（目录中没有该事项的设定依据，不能出具不予受理通知书）")
            layout.addWidget(make_label("Basis", basis))
        if kind in ("correct", "defer"):
            prompt = self.tr("需要补正的材料：") if kind == "correct" else self.tr("容缺（后补）的材料：")
            layout.addWidget(make_label("", prompt))
            owed = set(detail.owed) | set(detail.deferred)
            for name in detail.material_names:
                item = QListWidgetItem(name, self.materials)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if name in owed else Qt.CheckState.Unchecked)
            layout.addWidget(self.materials)
            self.other.setPlaceholderText(self.tr("其他材料（用顿号分隔）"))
            layout.addWidget(self.other)
        if kind == "defer":
            layout.addWidget(make_label("", self.tr("补交期限：")))
            start = today + dt.timedelta(days=5)
            self.deadline.setMinimumDate(QDate(today.year, today.month, today.day).addDays(1))
            self.deadline.setDate(QDate(start.year, start.month, start.day))
            layout.addWidget(self.deadline)
        layout.addWidget(make_label("", self.tr("通知书打印到：")))
        self.target = QComboBox(self)
        self.target.setObjectName("DecisionTarget")
        self.target.addItem(self.tr("A4 打印机"), "a4")
        self.target.addItem(self.tr("凭条打印机"), "thermal")
        layout.addWidget(self.target)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定并出具通知书"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_materials(self) -> tuple[str, ...]:
        names = [
            self.materials.item(i).text()
            for i in range(self.materials.count())
            if self.materials.item(i).checkState() == Qt.CheckState.Checked
        ]
        names += [p.strip() for p in self.other.text().replace("，", "、").replace(",", "、").split("、") if p.strip()]
        return tuple(dict.fromkeys(names))

    def chosen_deadline(self) -> dt.date | None:
        if self.kind != "defer":
            return None
        d = self.deadline.date()
        return dt.date(d.year(), d.month(), d.day())

    def try_accept(self) -> None:
        if self.kind == "refuse" and not self.reason.toPlainText().strip():
            self.error.setText(self.tr("请写明不予受理的理由"))
            return
        if self.kind in ("correct", "defer") and not self.chosen_materials():
            self.error.setText(self.tr("请至少选择一项材料"))
            return
        self.accept()

    def values(self) -> dict[str, object]:
        return {
            "reason": self.reason.toPlainText().strip(),
            "materials": self.chosen_materials() if self.kind in ("correct", "defer") else (),
            "deadline": self.chosen_deadline(),
            "print_target": self.target.currentData(),
        }
