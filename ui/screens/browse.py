"""Browse (分类浏览) by department, 一件事 bundle, life event (人生事件) or enterprise lifecycle: groups at the left,
the chosen group's items at the right. Contract: lists load through the `TaskRunner`; a chosen bundle offers 一件事联办
(one merged application for all its items) once the shell has the apply flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.plain import plain_tooltip
from ui.ports import CatalogPort
from ui.screens.base import Screen, make_label
from ui.screens.search import CODE_ROLE, fill_item_list
from ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from app.model.catalog import Department, ItemSummary, Theme

__all__ = ["MODES", "BrowseScreen"]

MODES = ("department", "bundle", "life_event", "enterprise")
_KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 2


class BrowseScreen(Screen):
    """Emits `item_chosen(code)`; `failed(error)` when the catalog cannot answer; `items_shown(n)` after a load;
    `apply_requested(theme code)` for 一件事联办 of the chosen bundle."""

    item_chosen = Signal(str)
    apply_requested = Signal(str)
    failed = Signal(object)
    groups_shown = Signal(int)
    items_shown = Signal(int)

    def __init__(self, catalog: CatalogPort, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._tasks = tasks
        self._mode = "department"
        self._departments: list[Department] | None = None
        self._themes: list[Theme] | None = None
        self._items: list[ItemSummary] = []
        self._task: Task | None = None
        self._chosen: str | None = None
        self._apply_enabled = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 16)
        layout.setSpacing(14)
        self.title = make_label("ScreenTitle")
        layout.addWidget(self.title)
        modes = QGridLayout()
        modes.setHorizontalSpacing(12)
        modes.setVerticalSpacing(8)
        self._modes = modes
        self._mode_columns = 0
        self.mode_buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        for mode in MODES:
            button = QPushButton(self)
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, m=mode: self.set_mode(m))
            self._group.addButton(button)
            self.mode_buttons[mode] = button
        self._arrange_modes(len(MODES))
        layout.addLayout(modes)
        self.status = make_label("Status")
        layout.addWidget(self.status)
        lists = QHBoxLayout()
        self.groups = QListWidget(self)
        self.groups.setWordWrap(True)
        self.groups.itemClicked.connect(self._on_group_clicked)
        self.items = QListWidget(self)
        self.items.setWordWrap(True)
        self.items.itemClicked.connect(self._on_item_clicked)
        lists.addWidget(self.groups, 2)
        lists.addWidget(self.items, 3)
        layout.addLayout(lists, 1)
        self.apply_bundle = QPushButton(self)
        self.apply_bundle.setObjectName("Primary")
        self.apply_bundle.setMinimumHeight(80)
        self.apply_bundle.clicked.connect(self._apply_clicked)
        self.apply_bundle.hide()
        layout.addWidget(self.apply_bundle, 0, Qt.AlignmentFlag.AlignRight)
        self.mode_buttons["department"].setChecked(True)
        self.retranslate()

    def _arrange_modes(self, columns: int) -> None:
        """The mode buttons on one row, or on two when one row would cut their texts (English, 大字模式, portrait)."""
        if columns == self._mode_columns:
            return
        self._mode_columns = columns
        for n, mode in enumerate(MODES):
            button = self.mode_buttons[mode]
            self._modes.removeWidget(button)
            self._modes.addWidget(button, n // columns, n % columns)
        for column in range(len(MODES) + 1):
            self._modes.setColumnStretch(column, 1 if column == columns else 0)

    def _fit_modes(self) -> None:
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        room = self.width() - (margins.left() + margins.right() if margins else 0)
        need = sum(b.sizeHint().width() for b in self.mode_buttons.values()) + 12 * (len(MODES) - 1)
        self._arrange_modes(len(MODES) if need <= room else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_modes()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self._fit_modes)  # not while Qt is still restyling the widget tree

    @property
    def mode(self) -> str:
        return self._mode

    def reset(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._items = []
        self.items.clear()
        self.groups.clearSelection()
        self._chosen = None
        self._update_apply()
        self._mode = "department"
        self.mode_buttons["department"].setChecked(True)
        self._show_groups()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._departments is None:
            self.load()

    def load(self) -> None:
        """Fetch the department and theme lists (once; they change only with a catalog update)."""
        catalog = self._catalog
        self._tasks.run(
            lambda: (catalog.list_departments(), catalog.list_themes()),
            on_success=self._on_lists,
            on_failure=self.failed.emit,
        )

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(mode)
        self._mode = mode
        self.mode_buttons[mode].setChecked(True)
        self._items = []
        self.items.clear()
        self._chosen = None
        self._update_apply()
        self._show_groups()

    def set_apply_enabled(self, enabled: bool) -> None:
        """The shell has the apply flow: a chosen 一件事 bundle can be applied for as one."""
        self._apply_enabled = enabled
        self._update_apply()

    def _update_apply(self) -> None:
        self.apply_bundle.setVisible(self._apply_enabled and self._mode == "bundle" and self._chosen is not None)

    def _apply_clicked(self) -> None:
        if self._chosen is not None:
            self.apply_requested.emit(self._chosen)

    def choose_group(self, key: str) -> None:
        """Show the items of a department (mode department) or theme code (other modes)."""
        if self._task is not None:
            self._task.cancel()
        self._chosen = key
        self._update_apply()
        catalog = self._catalog
        if self._mode == "department":
            fn = lambda: catalog.browse(department=key)  # noqa: E731
        else:
            fn = lambda: catalog.items_of_theme(key)  # noqa: E731
        self.status.setText(self.tr("正在加载…"))
        self._task = self._tasks.run(fn, on_success=self._on_items, on_failure=self._on_failure)

    # -- callbacks --------------------------------------------------------------------------------------------

    def _on_lists(self, lists: tuple[list[Department], list[Theme]]) -> None:
        self._departments, self._themes = list(lists[0]), list(lists[1])
        self._show_groups()

    def _on_items(self, items: list[ItemSummary]) -> None:
        self._task = None
        self._items = list(items)
        fill_item_list(self.items, self._items)
        self.status.setText(self.tr("共 %n 个事项，点击查看办事指南", "", len(self._items)))
        self.items_shown.emit(len(self._items))

    def _on_failure(self, error: BaseException) -> None:
        self._task = None
        self.status.setText(self.tr("暂时无法加载，请稍后再试。"))
        self.failed.emit(error)

    def _on_group_clicked(self, row: QListWidgetItem) -> None:
        key = row.data(_KEY_ROLE)
        if key:
            self.choose_group(str(key))

    def _on_item_clicked(self, row: QListWidgetItem) -> None:
        code = row.data(CODE_ROLE)
        if code:
            self.item_chosen.emit(str(code))

    def _show_groups(self) -> None:
        self.groups.clear()
        if self._departments is None or self._themes is None:
            self.status.setText(self.tr("正在加载…"))
            return
        if self._mode == "department":
            for dept in self._departments:
                if dept.item_count <= 0:
                    continue
                row = QListWidgetItem(f"{dept.name}（{dept.item_count}）")
                row.setData(_KEY_ROLE, dept.key)
                self.groups.addItem(row)
        else:
            for theme in self._themes:
                if theme.kind != self._mode:
                    continue
                row = QListWidgetItem(f"{theme.name}\n{theme.description}" if theme.description else theme.name)
                row.setData(_KEY_ROLE, theme.code)
                row.setToolTip(plain_tooltip(theme.description))
                self.groups.addItem(row)
        if self.groups.count():
            self.status.setText(self.tr("请在左侧选择一类，右侧显示其中的事项"))
        else:
            self.status.setText(self.tr("本类暂无内容"))
        self.groups_shown.emit(self.groups.count())

    def retranslate(self) -> None:
        self.title.setText(self.tr("分类浏览"))
        names = {
            "department": self.tr("按部门"),
            "bundle": self.tr("一件事"),
            "life_event": self.tr("人生事件"),
            "enterprise": self.tr("企业办事"),
        }
        for mode, button in self.mode_buttons.items():
            button.setText(names[mode])
        self._fit_modes()
        self.apply_bundle.setText(self.tr("一件事联办：我要办理"))
        fill_item_list(self.items, self._items)
        if self._task is None:
            self._show_groups()
