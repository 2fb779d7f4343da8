"""Step 1 of provisioning (区划): the terminal's division, picked from the real tree by a cascade of drop-downs
(省 → 市（州）→ 县（市、区）→ 乡镇（街道）→ 村（社区）) or found by a search (name, pinyin, initials or code).
Contract: the tree and the search come from the port on a worker; names are shown as plain text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.errors import error_text
from ui.forms.inputs import TouchComboBox
from ui.screens.base import make_label
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.model.provisioning import DivisionOption
    from ui.screens.provisioning.ports import ProvisioningPort

__all__ = ["TERMINAL_LEVELS", "DivisionPage", "full_code"]

TERMINAL_LEVELS = ("county", "township", "village")
"""Where a terminal may stand (the service checks the same)."""
BOUNDS = (2, 4, 6, 9, 12)


def full_code(code: str) -> str:
    return code.ljust(12, "0")


class DivisionPage(QWidget):
    """The cascade and the search; `chosen` carries the picked division (None while nothing usable is picked)."""

    chosen = Signal(object)
    levels_shown = Signal()
    """The drop-downs were filled after a pick or a search result (tests wait on it)."""
    results_shown = Signal()

    def __init__(
        self,
        service: ProvisioningPort,
        tasks: TaskRunner,
        language: Callable[[], str],
        parent: QWidget | None = None,
        *,
        debounce_ms: int = 300,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self._language = language
        self.selected: DivisionOption | None = None
        self._options: list[list[DivisionOption]] = [[] for _ in BOUNDS]
        self.direction = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.direction.setContentsMargins(0, 0, 0, 0)
        self.direction.setSpacing(28)

        left = QVBoxLayout()
        left.setSpacing(10)
        self.search_title = make_label("SectionTitle")
        left.addWidget(self.search_title)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("SearchBox")
        self.search_box.setClearButtonEnabled(True)
        left.addWidget(self.search_box)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.setMinimumHeight(150)
        left.addWidget(self.results, 1)
        self.search_status = make_label("Hint")
        left.addWidget(self.search_status)
        self.direction.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(10)
        self.cascade_title = make_label("SectionTitle")
        right.addWidget(self.cascade_title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        self.level_labels = []
        self.combos: list[QComboBox] = []
        for n in range(len(BOUNDS)):
            label = make_label("SectionBody", wrap=False)
            combo = TouchComboBox(self)
            combo.setMinimumHeight(64)
            combo.setMaxVisibleItems(8)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setEnabled(False)
            combo.activated.connect(lambda _i, level=n: self._picked(level))
            grid.addWidget(label, n, 0)
            grid.addWidget(combo, n, 1)
            self.level_labels.append(label)
            self.combos.append(combo)
        grid.setColumnStretch(1, 1)
        right.addLayout(grid)
        self.summary = make_label("SectionBody")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        right.addWidget(self.summary)
        self.message = make_label("Hint")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        right.addWidget(self.message)
        right.addStretch(1)
        self.direction.addLayout(right, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.search)
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        self.search_box.returnPressed.connect(self.search)
        self.results.itemClicked.connect(self._result_clicked)
        self._search_task_id = 0
        self.retranslate()

    # -- texts ------------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search_title.setText(self.tr("搜索区划"))
        self.search_box.setPlaceholderText(self.tr("名称、拼音或代码，如 团山 / tuanshan / tsc"))
        self.cascade_title.setText(self.tr("逐级选择"))
        names = [self.tr("省"), self.tr("市（州）"), self.tr("县（市、区）"), self.tr("乡镇（街道）"),
                 self.tr("村（社区）")]  # fmt: skip
        for label, name in zip(self.level_labels, names, strict=True):
            label.setText(name)
        for combo in self.combos:
            if combo.count() and combo.itemData(0) is None:
                combo.setItemText(0, self.tr("请选择"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_portrait(self, portrait: bool) -> None:
        self.direction.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)

    # -- the cascade ------------------------------------------------------------------------------------------

    def load(self, code: str | None = None) -> None:
        """Fill the drop-downs down to `code` (a division code in any length; None: the province level only)."""
        service = self.service
        short = _short(code) if code else ""
        chain = [short[:b] for b in BOUNDS if b <= len(short)]

        def levels() -> list[list[DivisionOption]]:
            out = [service.division_children(None)]
            for parent in chain:
                out.append(service.division_children(parent))
            return out

        self.tasks.run(levels, on_success=lambda lv: self._fill(lv, chain), on_failure=self._failed)

    def _fill(self, levels: list[list[DivisionOption]], chain: list[str]) -> None:
        for n, combo in enumerate(self.combos):
            options = levels[n] if n < len(levels) else []
            self._options[n] = options
            combo.blockSignals(True)
            combo.clear()
            if options:
                combo.addItem(self.tr("请选择"), None)
                for option in options:
                    combo.addItem(option.name, option.code)
                if n < len(chain):
                    combo.setCurrentIndex(max(0, combo.findData(chain[n])))
            combo.setEnabled(bool(options))
            combo.blockSignals(False)
        picked = [
            o for n, options in enumerate(self._options) for o in options if n < len(chain) and o.code == chain[n]
        ]
        self._select(picked[-1] if picked else None)
        self.levels_shown.emit()

    def _picked(self, level: int) -> None:
        code = self.combos[level].currentData()
        if code is None:  # 请选择: back to the level above
            self.load(self.combos[level - 1].currentData() if level else None)
        else:
            self.load(str(code))

    def pick(self, level: int, code: str) -> None:
        """Choose `code` in the drop-down of `level` (as a tap would)."""
        combo = self.combos[level]
        combo.setCurrentIndex(combo.findData(code))
        self._picked(level)

    def _select(self, option: DivisionOption | None) -> None:
        self.selected = option
        self._show_summary()
        usable = option is not None and option.level in TERMINAL_LEVELS
        self.chosen.emit(option if usable else None)

    def _show_summary(self) -> None:
        option = self.selected
        self.message.setVisible(option is None or option.level not in TERMINAL_LEVELS)
        if option is None:
            self.summary.setText(self.tr("尚未选择区划"))
            self.message.setText(self.tr("终端须设在县（市、区）、乡镇（街道）或村（社区）。"))
            return
        self.summary.setText(self.tr("已选择：{name}（{code}）").format(name=option.full_name,
                                                                       code=full_code(option.code)))  # fmt: skip
        if option.level in TERMINAL_LEVELS:
            self.message.setText("")
        else:
            self.message.setText(self.tr("请继续选择到县（市、区）、乡镇（街道）或村（社区）。"))

    @property
    def code(self) -> str | None:
        """The picked division's 12-digit code, when it is usable for a terminal."""
        option = self.selected
        return full_code(option.code) if option is not None and option.level in TERMINAL_LEVELS else None

    # -- the search -------------------------------------------------------------------------------------------

    def search(self) -> None:
        self._debounce.stop()
        query = self.search_box.text().strip()
        self._search_task_id += 1
        task_id = self._search_task_id
        if not query:
            self.results.clear()
            self.search_status.setText("")
            return
        self.search_status.setText(self.tr("正在搜索……"))
        service = self.service

        def shown(found: list[DivisionOption]) -> None:
            if task_id == self._search_task_id:  # an answer to a query typed past is dropped
                self._show_results(found)

        self.tasks.run(lambda: service.search_divisions(query), on_success=shown, on_failure=self._failed)

    def _show_results(self, found: list[DivisionOption]) -> None:
        self.results.clear()
        for option in found:
            item = QListWidgetItem(f"{option.full_name}\n{full_code(option.code)}")
            item.setData(Qt.ItemDataRole.UserRole, option.code)
            self.results.addItem(item)
        self.search_status.setText(
            self.tr("找到 {n} 个区划，点选一个").format(n=len(found)) if found else self.tr("没有找到，换个写法试试")
        )
        self.results_shown.emit()

    def _result_clicked(self, item: QListWidgetItem) -> None:
        self.load(str(item.data(Qt.ItemDataRole.UserRole)))

    def choose_result(self, row: int) -> None:
        """Tap the search result in `row`."""
        item = self.results.item(row)
        if item is not None:
            self._result_clicked(item)

    def _failed(self, error: BaseException) -> None:
        self.search_status.setText(error_text(error, self._language()))

    def reset(self) -> None:
        self.search_box.clear()
        self.results.clear()


def _short(code: str) -> str:
    """Strip trailing all-zero levels (`532524103000` → `532524103`)."""
    code = code.strip()
    for n in range(len(BOUNDS) - 1, 0, -1):
        if len(code) == BOUNDS[n] and code[BOUNDS[n - 1] :].strip("0") == "":
            code = code[: BOUNDS[n - 1]]
    return code
