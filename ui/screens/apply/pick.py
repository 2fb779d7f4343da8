"""我要办理, first page: find an item by name, choose a 一件事 theme, or type a kept draft's code. Emits `chosen(code)`
or `resume_requested(draft code)`; the catalog is asked only through the flow's task runner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import clear_layout, primary, scroll_body
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.catalog import ItemSummary, Theme
    from ui.ports import CatalogPort

__all__ = ["PickStep"]

THEMES_PER_ROW = 4


class PickStep(Step):
    chosen = Signal(str)
    """An item or 一件事 theme code to apply for."""
    resume_requested = Signal(str)
    """A kept draft's code, as typed."""

    def __init__(self, flow: Flow, catalog: CatalogPort | None, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self._catalog = catalog
        self._themes: list[Theme] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = scroll_body(self, outer, spacing=12)  # taller than the room in 大字模式 or English: the page scrolls
        self.hint = make_label("Hint")
        layout.addWidget(self.hint)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._search)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("SearchBox")
        self.search_box.setMaxLength(60)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        layout.addWidget(self.search_box)
        self.results = QListWidget(self)
        self.results.itemClicked.connect(self._on_result)
        self.results.setMinimumHeight(200)  # a few results in view even when the page scrolls
        layout.addWidget(self.results, 2)
        # The themes and the draft code give way while the on-screen keyboard is up (ui/kiosk/keyboard.py), the
        # results stay in view above it.
        self.themes_box = QWidget(self)
        self.themes_box.setProperty("keyboardHides", True)
        themes = QVBoxLayout(self.themes_box)
        themes.setContentsMargins(0, 0, 0, 0)
        self.themes_title = make_label("SectionTitle")
        themes.addWidget(self.themes_title)
        self.theme_grid = QGridLayout()
        self.theme_grid.setSpacing(12)
        themes.addLayout(self.theme_grid)
        layout.addWidget(self.themes_box)
        self.draft_box_row = QWidget(self)
        self.draft_box_row.setProperty("keyboardHides", True)
        draft_row = QHBoxLayout(self.draft_box_row)
        draft_row.setContentsMargins(0, 0, 0, 0)
        self.draft_label = make_label("Hint", wrap=False)
        self.draft_box = QLineEdit(self)
        self.draft_box.setObjectName("SearchBox")
        self.draft_box.setMaxLength(12)
        self.open_draft = primary(parent=self, name="")
        self.open_draft.clicked.connect(lambda: self.resume_requested.emit(self.draft_box.text()))
        draft_row.addWidget(self.draft_label)
        draft_row.addWidget(self.draft_box, 1)
        draft_row.addWidget(self.open_draft)
        layout.addWidget(self.draft_box_row)

    def retranslate(self) -> None:
        self.hint.setText(self._t("pick_hint"))
        self.search_box.setPlaceholderText(self._t("pick_search"))
        self.themes_title.setText(self._t("themes"))
        self.draft_label.setText(self._t("draft_code"))
        self.open_draft.setText(self._t("open_draft"))

    def clear(self) -> None:
        self.search_box.clear()
        self.results.clear()
        self.draft_box.clear()

    def load_themes(self) -> None:
        """The 一件事 theme buttons, asked of the catalog once."""
        if self._themes or self._catalog is None:
            return
        catalog = self._catalog
        self.flow.run(lambda: [th for th in catalog.list_themes() if th.kind == "bundle"], self._show_themes)

    def _show_themes(self, themes: list[Theme]) -> None:
        self._themes = themes
        clear_layout(self.theme_grid)
        for n, theme in enumerate(themes):
            button = primary(theme.name, self, name="")
            button.setMinimumHeight(72)
            button.clicked.connect(lambda _c=False, code=theme.code: self.chosen.emit(code))
            self.theme_grid.addWidget(button, n // THEMES_PER_ROW, n % THEMES_PER_ROW)

    def _search(self) -> None:
        query = self.search_box.text().strip()
        if not query or self._catalog is None:
            self.results.clear()
            return
        catalog = self._catalog
        self.flow.run(lambda: catalog.search(query, limit=12), self._show_results)

    def _show_results(self, items: list[ItemSummary]) -> None:
        self.results.clear()
        for item in items:
            entry = QListWidgetItem(item.name)
            entry.setData(Qt.ItemDataRole.UserRole, item.code)
            self.results.addItem(entry)

    def _on_result(self, entry: QListWidgetItem) -> None:
        code = entry.data(Qt.ItemDataRole.UserRole)
        if code:
            self.chosen.emit(str(code))
