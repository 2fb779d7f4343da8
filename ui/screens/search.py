"""Search (办事指南 · 查找事项): one big input, results listed as the visitor types, 一件事 themes above the items, and
words to tap when the box is empty or a search found nothing. Contract: a search starts `debounce_ms` after the last
keystroke, on the `TaskRunner`; the answer to a query already typed past is dropped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.plain import plain_tooltip
from ui.ports import CatalogPort
from ui.screens.base import Screen, make_label
from ui.screens.labels import summary_line
from ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from app.model.catalog import ItemSummary, Theme

__all__ = ["CODE_ROLE", "MAX_QUERY_CHARS", "SUGGESTIONS", "THEME_ROLE", "SearchScreen", "fill_item_list"]

CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
THEME_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""A theme row (一件事) in the results: tapping it lists the theme's items."""
SUGGESTIONS = 6
"""Words to tap shown under the box (two rows of three: big enough for a finger, short enough to read)."""
_SUGGESTION_COLUMNS = 3
_THEME_ABOUT_CHARS = 32
MAX_QUERY_CHARS = 200
"""Longer input is cut before it reaches the service (the service is safe with more; the screen has no use for it)."""
POPULAR = 8
"""常办事项 listed while the box is empty: the hall's most used items (local usage counts), so a visitor can tap
instead of type."""


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
    suggestions_shown = Signal(int)
    theme_shown = Signal(str)

    def __init__(
        self,
        catalog: CatalogPort,
        tasks: TaskRunner,
        *,
        debounce_ms: int = 250,
        limit: int = 30,
        language: Callable[[], str] = lambda: "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._language = language
        self._words_language = language()
        """The language the shown suggestion words are in (they are reloaded when the kiosk's language changes)."""
        self._tasks = tasks
        self._limit = limit
        self._task: Task | None = None
        self._results: list[ItemSummary] = []
        self._themes: list[Theme] = []
        self._popular: list[ItemSummary] = []
        self._popular_words: list[str] = []
        self._suggested: list[str] = []
        self._theme: Theme | None = None
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
        self.suggestion_box = QWidget(self)
        self.suggestion_box.setObjectName("Suggestions")
        self._suggestion_grid = QGridLayout(self.suggestion_box)
        self._suggestion_grid.setContentsMargins(0, 0, 0, 0)
        self._suggestion_grid.setSpacing(10)
        self.suggestion_buttons: list[QPushButton] = []
        for n in range(SUGGESTIONS):
            button = QPushButton(self.suggestion_box)
            button.setObjectName("Suggestion")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=n: self._on_suggestion(i))
            button.hide()
            self._suggestion_grid.addWidget(button, n // _SUGGESTION_COLUMNS, n % _SUGGESTION_COLUMNS)
            self.suggestion_buttons.append(button)
        layout.addWidget(self.suggestion_box)
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

    @property
    def theme_codes(self) -> list[str]:
        return [t.code for t in self._themes]

    @property
    def suggestion_words(self) -> list[str]:
        """The words on the shown suggestion buttons, in order."""
        return [b.text() for b in self.suggestion_buttons if not b.isHidden()]

    def is_clear(self) -> bool:
        """No query and no search results (the 常办事项 list is the same for everyone: not the visitor's)."""
        return not self.box.text() and not self._results and not self._themes and self._task is None

    def reset(self) -> None:
        self._debounce.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.box.blockSignals(True)
        self.box.setText("")  # not clear(): that is undoable, and the next visitor must not get the query back
        self.box.blockSignals(False)
        self._results = []
        self._themes = []
        self._theme = None
        self._suggested = []
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
        self._theme = None
        if not query:
            self._results = []
            self._themes = []
            self._suggested = []
            self._state = "empty"
            self._show_popular()
            self._update_status()
            return
        self._state = "searching"
        self._update_status()
        catalog, limit, language = self._catalog, self._limit, self._language()
        self._words_language = language

        def find() -> tuple[list[ItemSummary], list[Theme], list[str]]:
            items = catalog.search(query, limit=limit)
            themes = catalog.search_themes(query)
            # Nothing found: words the visitor may have meant, then the popular ones (the service's order), in the
            # kiosk's language.
            words = [] if items or themes else catalog.suggestions(query, limit=SUGGESTIONS, language=language)
            return items, themes, words

        self._task = self._tasks.run(find, on_success=self._on_results, on_failure=self._on_failure)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._state == "empty":
            self._load_popular()

    def _load_popular(self) -> None:
        if self._popular_task is not None or not self.isVisible():
            return
        catalog, language = self._catalog, self._language()
        self._words_language = language

        def popular() -> tuple[list[ItemSummary], list[str]]:
            return catalog.frequent_items(limit=POPULAR), catalog.suggestions("", limit=SUGGESTIONS, language=language)

        self._popular_task = self._tasks.run(popular, on_success=self._on_popular, on_failure=self._on_popular_failure)

    def _on_popular(self, answer: tuple[list[ItemSummary], list[str]]) -> None:
        self._popular_task = None
        if self._language() != self._words_language:  # the language changed while they were looked up
            self._load_popular()
            return
        self._popular, self._popular_words = list(answer[0]), list(answer[1])
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
        self._show_suggestions(self._popular_words)

    def _show_suggestions(self, words: Sequence[str]) -> None:
        for n, button in enumerate(self.suggestion_buttons):
            if n < len(words):
                button.setText(words[n])
                button.setToolTip(plain_tooltip(words[n]))
                button.show()
            else:
                button.hide()
        self.suggestion_box.setVisible(bool(words))
        if words:
            self.suggestions_shown.emit(min(len(words), SUGGESTIONS))

    def _on_suggestion(self, index: int) -> None:
        """A tapped word searches at once (no debounce: it was not typed)."""
        word = self.suggestion_buttons[index].text()
        self.box.blockSignals(True)
        self.box.setText(word)
        self.box.blockSignals(False)
        self._debounce.stop()
        self._start_search()

    def _fill_results(self) -> None:
        """Theme rows (一件事 bundles first, then life-event and enterprise themes) above the items."""
        fill_item_list(self.results, self._results)
        for n, theme in enumerate(self._themes):
            label = self.tr("一件事 · %1") if theme.kind == "bundle" else self.tr("主题 · %1")
            text = label.replace("%1", theme.name)
            about = theme.description
            if len(about) > _THEME_ABOUT_CHARS:  # one line under the name; the whole text is the tooltip
                about = about[: _THEME_ABOUT_CHARS - 1] + "…"
            row = QListWidgetItem(f"{text}\n{about}" if about else text)
            row.setData(THEME_ROLE, theme.code)
            row.setToolTip(plain_tooltip(theme.description))
            self.results.insertItem(n, row)

    def _on_results(self, answer: tuple[list[ItemSummary], list[Theme], list[str]]) -> None:
        self._task = None
        self._results, self._themes, self._suggested = list(answer[0]), list(answer[1]), list(answer[2])
        self._fill_results()
        self.results.scrollToTop()
        self._show_suggestions(self._suggested)
        self._state = "shown"
        self._update_status()
        self.results_shown.emit(len(self._results))

    def _open_theme(self, code: str) -> None:
        theme = next((t for t in self._themes if t.code == code), None)
        if theme is None:
            return
        catalog = self._catalog
        self._task = self._tasks.run(
            lambda: catalog.items_of_theme(code),
            on_success=lambda items: self._on_theme_items(theme, items),
            on_failure=self._on_failure,
        )

    def _on_theme_items(self, theme: Theme, items: list[ItemSummary]) -> None:
        self._task = None
        self._theme, self._results, self._themes = theme, list(items), []
        fill_item_list(self.results, self._results)
        self.results.scrollToTop()
        self._show_suggestions([])
        self._state = "shown"
        self._update_status()
        self.theme_shown.emit(theme.code)

    def _on_failure(self, error: BaseException) -> None:
        self._task = None
        self._state = "error"
        self._update_status()
        self.failed.emit(error)

    def _on_item_clicked(self, row: QListWidgetItem) -> None:
        theme = row.data(THEME_ROLE)
        if theme:
            self._open_theme(str(theme))
            return
        code = row.data(CODE_ROLE)
        if code:
            self.item_chosen.emit(str(code))

    # -- text -------------------------------------------------------------------------------------------------

    def _update_status(self) -> None:
        if self._state == "searching":
            text = self.tr("正在查找…")
        elif self._state == "error":
            text = self.tr("暂时无法查询，请稍后再试或到窗口咨询。")
        elif self._state == "shown" and self._theme is not None:
            text = self.tr("“%1”包含以下事项，点击查看办事指南").replace("%1", self._theme.name)
        elif self._state == "shown" and self._results:
            text = self.tr("找到 %n 个事项，点击查看办事指南", "", len(self._results))
        elif self._state == "shown" and self._themes:
            text = self.tr("找到相关的“一件事”，点击查看包含的事项")
        elif self._state == "shown" and self._suggested:
            text = self.tr("没有找到相关事项。您是不是要找下面这些？点一下即可查找，或到窗口咨询。")
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
        if self._state == "empty":
            fill_item_list(self.results, self._popular)
        else:
            self._fill_results()
        self._update_status()
        if self._language() != self._words_language:
            self._reload_words()

    def _reload_words(self) -> None:
        """The kiosk's language changed: the words to tap are asked for again in it (for the empty box, or for the
        search that found nothing)."""
        if self._state == "empty":
            self._show_suggestions([])  # not the old language's words meanwhile
            self._load_popular()
        elif self._state == "shown" and self._suggested:
            self._start_search()
