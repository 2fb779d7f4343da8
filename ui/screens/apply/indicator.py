"""The whole flow's step indicator (读卡 › 填表 › 材料 › 核对 › 回执) above every page of 我要办理, instead of a count
of form pages: the citizen sees where they are in the whole application, and how many pages the form still has
(填表（第 1/2 页）). A 预申请 says so in front of the steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.plain import PlainLabel

__all__ = ["FLOW_STEPS", "STEP_OF_PAGE", "StepIndicator"]

FLOW_STEPS = ("card", "form", "materials", "review", "done")
"""The citizen's five steps; the pages of the apply screen map onto them (`STEP_OF_PAGE`)."""

STEP_OF_PAGE = {"card": 0, "form": 1, "materials": 2, "review": 3, "notice": 3, "done": 4}
"""Pages without a step (pick, counter, keep) hide the indicator."""

_STYLE = {
    "done": "color: #2e7d32;",
    "current": "color: #ffffff; background: #1f5fa8; border-radius: 8px; padding: 2px 12px; font-weight: bold;",
    "todo": "color: #6b7480;",
}


class StepIndicator(QWidget):
    """A row of step names separated by ›, the current one highlighted; `text()` reads it as one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StepIndicator")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.tag = PlainLabel(self)
        self.tag.setStyleSheet("color: #a15c00; font-weight: bold;")
        self.tag.hide()
        row.addWidget(self.tag)
        self.labels: list[QLabel] = []
        self.arrows: list[QLabel] = []
        for n in range(len(FLOW_STEPS)):
            if n:
                arrow = PlainLabel("›", self)
                arrow.setStyleSheet("color: #9aa5b4;")
                row.addWidget(arrow)
                self.arrows.append(arrow)
            label = PlainLabel(self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.addWidget(label)
            self.labels.append(label)
        row.addStretch(1)
        self.current = -1
        self.setAccessibleName("apply_steps")

    def show_step(self, index: int, names: list[str], *, form_page: str = "", tag: str = "") -> None:
        """Highlight step `index` (0-based) of `names`; `form_page` is added to 填表's name while on it; `tag`
        (预申请) stands before the steps."""
        self.current = index
        self.tag.setText(tag)
        self.tag.setVisible(bool(tag))
        for n, (label, name) in enumerate(zip(self.labels, names, strict=True)):
            state = "done" if n < index else "current" if n == index else "todo"
            label.setText(name + (form_page if n == index == 1 else ""))
            label.setStyleSheet(_STYLE[state])
            label.setProperty("step_state", state)
        self.setAccessibleDescription(self.text())

    def text(self) -> str:
        """The indicator as one line, e.g. `读卡 › [填表] › 材料 › 核对 › 回执` (the current step bracketed)."""
        parts = [f"[{lb.text()}]" if n == self.current else lb.text() for n, lb in enumerate(self.labels)]
        head = f"{self.tag.text()} " if self.tag.text() else ""
        return head + " › ".join(parts)
