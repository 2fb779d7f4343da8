"""Search (办事指南 · 查找事项): one big input, results listed as the visitor types. Contract: a search starts
`debounce_ms` after the last keystroke, on the `TaskRunner`; the answer to a query already typed past is dropped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ui.plain import plain_tooltip
from ui.ports import CatalogPort
from ui.screens.base import Screen, make_label
from ui.screens.labels import summary_line
from ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from app.model.catalog import ItemSummary

__all__ = ["CODE_ROLE", "MAX_QUERY_CHARS", "SearchScreen", "fill_item_list"]

CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
MAX_QUERY_CHARS = 200
"""Longer input is cut before it reaches the service (the service is safe with more; the screen has no use for it)."""
POPULAR = 8
"""常办事项 listed while the box is empty: most viewed on this terminal first, so a visitor can tap instead of type."""


def fill_item_list(widget: QListWidget, items: Sequence[ItemSummary]) -> None:
    """Two-line rows: the item name, then department · type · level."""
    widget.clear()
    for item in items:
        row = QListWidgetItem(f"{item.name}\n{summary_line(item.department, item.type, item.level)}")
        row.setData(CODE_ROLE, item.code)
        row.setToolTip(plain_tooltip(item.code))
        widget.addItem(row)


class SearchScreen(Screen):
    """Emits `item_chosen(code)` when a result is tapped, `failed(error)` when the catalog cannot answer."""

    item_chosen = Signal(str)
    failed = Signal(object)
    results_shown = Signal(int)
    popular_shown = Signal(int)

    def __init__(
        self,
        catalog: CatalogPort,
        tasks: TaskRunner,
        *,
        debounce_ms: int = 250,
        limit: int = 30,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._tasks = tasks
        self._limit = limit
        self._task: Task | None = None
        self._results: list[ItemSummary] = []
        self._popular: list[ItemSummary] = []
        self._popular_task: Task | None = None
        self._state = "empty"  # empty (popular items listed), searching, shown, error

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.setSpacing(14)
        self.title = make_label("ScreenTitle")
        layout.addWidget(self.title)
        row = QHBoxLayout()
        self.box = QLineEdit(self)
        self.box.setObjectName("SearchBox")
        self.box.setClearButtonEnabled(False)
        self.box.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
        row.addWidget(self.box, 1)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.reset)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        self.status = make_label("Status")
        layout.addWidget(self.status)
        self.results = QListWidget(self)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setWordWrap(True)
        self.results.itemClicked.connect(self._on_item_clicked)
        layout.addWidget(self.results, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._start_search)
        self.box.textChanged.connect(self._on_text_changed)
        self.retranslate()

    # -- state ------------------------------------------------------------------------------------------------

    @property
    def result_codes(self) -> list[str]:
        return [r.code for r in self._results]

    @property
    def popular_codes(self) -> list[str]:
        return [r.code for r in self._popular]

    def is_clear(self) -> bool:
        """No query and no search results (the 常办事项 list is the same for everyone: not the visitor's)."""
        return not self.box.text() and not self._results and self._task is None

    def reset(self) -> None:
        self._debounce.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.box.blockSignals(True)
        self.box.setText("")  # not clear(): that is undoable, and the next visitor must not get the query back
        self.box.blockSignals(False)
        self._results = []
        self._state = "empty"
        self._show_popular()
        self._update_status()
        self._load_popular()

    def set_query(self, text: str) -> None:
        """Put text in the box as if typed (the search follows after the debounce)."""
        self.box.setText(text)

    def set_compact(self, on: bool) -> None:
        """While the on-screen keyboard covers the lower screen: drop the title so more results fit above it."""
        self.title.setVisible(not on)

    def focus_input(self) -> None:
        """Focus the box and ask for the input panel (Qt Virtual Keyboard shows itself on a tap, not on focus)."""
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)
        QGuiApplication.inputMethod().show()

    # -- searching --------------------------------------------------------------------------------------------

    def _on_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _start_search(self) -> None:
        query = self.box.text().strip()[:MAX_QUERY_CHARS]
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if not query:
            self._results = []
            self._state = "empty"
            self._show_popular()
            self._update_status()
            return
        self._state = "searching"
        self._update_status()
        catalog, limit = self._catalog, self._limit
        self._task = self._tasks.run(
            lambda: catalog.search(query, limit=limit),
            on_success=self._on_results,
            on_failure=self._on_failure,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._state == "empty":
            self._load_popular()

    def _load_popular(self) -> None:
        if self._popular_task is not None or not self.isVisible():
            return
        catalog = self._catalog
        self._popular_task = self._tasks.run(
            lambda: catalog.browse()[:POPULAR], on_success=self._on_popular, on_failure=self._on_popular_failure
        )

    def _on_popular(self, items: list[ItemSummary]) -> None:
        self._popular_task = None
        self._popular = list(items)
        if self._state == "empty":
            self._show_popular()
            self._update_status()
        self.popular_shown.emit(len(self._popular))

    def _on_popular_failure(self, error: BaseException) -> None:
        self._popular_task = None
        self.failed.emit(error)  # the shell decides (maintenance for an unusable catalog); typing still works

    def _show_popular(self) -> None:
        fill_item_list(self.results, self._popular)
        self.results.scrollToTop()

    def _on_results(self, results: list[ItemSummary]) -> None:
        self._task = None
        self._results = list(results)
        fill_item_list(self.results, self._results)
        self.results.scrollToTop()
        self._state = "shown"
        self._update_status()
        self.results_shown.emit(len(self._results))

    def _on_failure(self, error: BaseException) -> None:
        self._task = None
        self._state = "error"
        self._update_status()
        self.failed.emit(error)

    def _on_item_clicked(self, row: QListWidgetItem) -> None:
        code = row.data(CODE_ROLE)
        if code:
            self.item_chosen.emit(str(code))

    # -- text -------------------------------------------------------------------------------------------------

    def _update_status(self) -> None:
        if self._state == "searching":
            text = self.tr("正在查找…")
        elif self._state == "error":
            text = self.tr("暂时无法查询，请稍后再试或到窗口咨询。")
        elif self._state == "shown" and self._results:
            text = self.tr("找到 %n 个事项，点击查看办事指南", "", len(self._results))
        elif self._state == "shown":
            text = self.tr("没有找到相关事项。请换个说法试试，如“低保”“身份证”，或到窗口咨询。")
        elif self._popular:
            text = self.tr("常办事项如下，点击查看；也可输入事项名称、常用说法或拼音首字母，例如：身份证、低保、sfz")
        else:
            text = self.tr("可输入事项名称、常用说法或拼音首字母，例如：身份证、低保、sfz")
        self.status.setText(text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("办事指南 · 查找事项"))
        self.box.setPlaceholderText(self.tr("请输入要办的事，如：身份证"))
        self.clear_button.setText(self.tr("清空"))
        fill_item_list(self.results, self._results if self._state != "empty" else self._popular)
        self._update_status()
