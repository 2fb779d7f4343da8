"""The division picker (行政区划): cascading drop-downs over a division tree passed in as data. Contract: the picker
never loads the tree itself; each drop-down lists the children of the level above (of Yunnan's 14,888 villages, a
few hundred items at a time at most)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from app.model.forms import Field
from ui.forms.inputs import FieldInput, TouchComboBox
from ui.forms.style import target
from ui.forms.texts import text
from ui.plain import PlainLabel

__all__ = ["DivisionInput", "DivisionTree"]


@dataclass(slots=True)
class DivisionTree:
    """Names and children of divisions by code; build it once and share it between forms."""

    names: dict[str, str] = field(default_factory=dict)
    children: dict[str | None, list[str]] = field(default_factory=dict)
    parents: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[Any]) -> DivisionTree:
        """From `app.model.catalog.Division` objects or `(code, name, parent_code)` tuples, parents before children
        or not."""
        tree = cls()
        for row in rows:
            if isinstance(row, tuple):
                code, name, parent = row[0], row[1], row[2]
            else:
                code, name, parent = row.code, row.name, row.parent_code
            parent = parent or None
            tree.names[code] = name
            tree.parents[code] = parent
            tree.children.setdefault(parent, []).append(code)
        for codes in tree.children.values():
            codes.sort()
        return tree

    def chain(self, code: str) -> list[str]:
        """Codes from the top of the tree down to `code` (empty when unknown)."""
        if code not in self.names:
            return []
        out: list[str] = []
        current: str | None = code
        while current is not None and current in self.names:
            out.append(current)
            current = self.parents.get(current)
        return out[::-1]


class DivisionInput(FieldInput):
    """Cascading drop-downs from `root` (None: the top of the tree) down to the leaves. The value is the deepest
    code chosen. Without a tree it falls back to typing the code."""

    def __init__(
        self,
        field: Field,
        *,
        tree: DivisionTree | None,
        root: str | None = None,
        language: str = "zh_CN",
        scale: float = 1.0,
        parent: QWidget | None = None,
    ):
        super().__init__(field, language=language, scale=scale, parent=parent)
        self.tree = tree
        self.root = root
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(round(8 * scale))
        self.combos: list[QComboBox] = []
        self.fallback: QLineEdit | None = None
        self.note: QLabel | None = None
        if tree is None or not tree.children.get(root):
            self.note = PlainLabel(text("no_divisions", language), self)
            self.note.setWordWrap(True)
            layout.addWidget(self.note)
            self.fallback = QLineEdit(self)
            self.fallback.setMaxLength(12)
            self.fallback.setMinimumHeight(target(scale))
            self.fallback.textChanged.connect(self.changed)
            layout.addWidget(self.fallback)
            return
        depth = self._depth(root)
        for level in range(depth):
            combo = TouchComboBox(self)
            combo.setMinimumHeight(target(scale))
            combo.setMaxVisibleItems(8)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setObjectName(f"input_{field.id}_{level}")
            combo.currentIndexChanged.connect(lambda _i, lv=level: self._picked(lv))
            layout.addWidget(combo)
            self.combos.append(combo)
        self._fill(0, root)

    def _depth(self, root: str | None) -> int:
        assert self.tree is not None
        depth, level = 0, list[str | None]([root])
        while True:
            nxt = [c for code in level for c in self.tree.children.get(code, [])]
            if not nxt:
                return depth
            depth += 1
            # Levels of a division tree are uniform enough to probe a sample rather than walk all 16k rows.
            level = list[str | None](nxt[:64])

    def _fill(self, level: int, parent: str | None) -> None:
        assert self.tree is not None
        for index in range(level, len(self.combos)):
            combo = self.combos[index]
            combo.blockSignals(True)
            combo.clear()
            if index == level:
                combo.addItem(text("choose", self.language), None)
                for code in self.tree.children.get(parent, []):
                    combo.addItem(self.tree.names[code], code)
            combo.setEnabled(index == level and combo.count() > 1)
            if combo.isHidden() != (index > level):  # setVisible re-polishes: only on a change
                combo.setVisible(index <= level)
            combo.blockSignals(False)

    def _picked(self, level: int) -> None:
        code = self.combos[level].currentData()
        if level + 1 < len(self.combos):
            if code is None:
                for combo in self.combos[level + 1 :]:
                    combo.blockSignals(True)
                    combo.clear()
                    combo.setEnabled(False)
                    combo.setVisible(False)
                    combo.blockSignals(False)
            else:
                self._fill(level + 1, code)
        self.changed.emit()

    def value(self) -> Any:
        if self.fallback is not None:
            return self.fallback.text().strip() or None
        chosen = [c.currentData() for c in self.combos if c.isVisibleTo(self) and c.currentData() is not None]
        return chosen[-1] if chosen else None

    def set_value(self, value: Any) -> None:
        if self.fallback is not None:
            self.fallback.setText("" if value is None else str(value))
            return
        assert self.tree is not None
        chain = self.tree.chain(str(value)) if value else []
        if self.root is not None:
            chain = chain[chain.index(self.root) + 1 :] if self.root in chain else []
        self._fill(0, self.root)
        for level, code in enumerate(chain[: len(self.combos)]):
            combo = self.combos[level]
            index = combo.findData(code)
            if index < 0:
                break
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
            if level + 1 < len(self.combos):
                self._fill(level + 1, code)
        self.changed.emit()

    def set_language(self, language: str) -> None:
        super().set_language(language)
        for combo in self.combos:
            if combo.count() and combo.itemData(0) is None:
                combo.setItemText(0, text("choose", language))
        if self.note is not None:
            self.note.setText(text("no_divisions", language))

    def focus_target(self) -> QWidget:
        return self.combos[0] if self.combos else (self.fallback or self)
