"""走访清单: the households and people the worker serves (from the worker's own entries), each person with the
applications and drafts made on their behalf; adding a household or a person inline (keyboard: Ctrl+N, Ctrl+Shift+N,
Enter saves, Esc cancels); 为此人办理 opens the apply flow on the person's behalf."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.identity.masking import mask_id
from ui.screens.base import make_label
from ui.screens.laptop.common import Language, LaptopPage, local, make_table, set_rows, shortcut

if TYPE_CHECKING:
    from app.visits.model import Household, Person, VisitApplication
    from ui.screens.laptop.ports import LaptopPort

__all__ = ["VisitsPage"]

_ROLE = Qt.ItemDataRole.UserRole


class _Form(QWidget):
    """An inline form of named line edits with 保存 / 取消 (Enter saves, Esc cancels)."""

    saved = Signal(dict)
    cancelled = Signal()

    def __init__(self, fields: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = make_label("PageTitle")
        layout.addWidget(self.title)
        self.form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for name in fields:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.returnPressed.connect(self._save)
            label = make_label("", wrap=False)
            self.form.addRow(label, edit)
            self.edits[name] = edit
            self.labels[name] = label
        layout.addLayout(self.form)
        row = QHBoxLayout()
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("Primary")
        self.save_button.clicked.connect(self._save)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancelled)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        shortcut(Qt.Key.Key_Escape, self, self.cancelled.emit)

    def _save(self) -> None:
        self.saved.emit({k: e.text() for k, e in self.edits.items()})

    def fill(self, values: dict[str, str]) -> None:
        for key, edit in self.edits.items():
            edit.setText(values.get(key, ""))

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        next(iter(self.edits.values())).setFocus()


class VisitsPage(LaptopPage):
    apply_requested = Signal(str)
    """为此人办理: the person id the apply flow is started for."""
    resume_requested = Signal(str, str)
    """(draft id, person id): reopen a draft made for the person."""

    def __init__(self, port: LaptopPort, *, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(port, language=language, parent=parent)
        self.households: list[Household] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        self.title = make_label("PageTitle")
        outer.addWidget(self.title)
        tools = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill_tree)
        tools.addWidget(self.search, 1)
        self.add_household_button = QPushButton(self)
        self.add_household_button.clicked.connect(self.show_household_form)
        self.add_person_button = QPushButton(self)
        self.add_person_button.clicked.connect(self.show_person_form)
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("Primary")
        self.apply_button.clicked.connect(self._apply_for_person)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("Danger")
        self.remove_button.clicked.connect(self.remove_selected)
        self._editing: str | None = None
        """The household or person the open form changes (None: the form adds one)."""
        self._confirming: tuple[str, str] | None = None
        for b in (self.add_household_button, self.add_person_button, self.edit_button, self.remove_button,
                  self.apply_button):  # fmt: skip
            tools.addWidget(b)
        outer.addLayout(tools)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeWidget(split)
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.tree.itemActivated.connect(lambda *_: self._apply_for_person())
        self.side = QStackedWidget(split)
        self.detail = QWidget(self.side)
        dl = QVBoxLayout(self.detail)
        dl.setContentsMargins(12, 0, 0, 0)
        self.who = make_label("PageTitle")
        self.facts = make_label("")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.apps_title = make_label("Figure")
        self.apps = make_table(self.detail, 4, stretch=0)
        self.drafts_title = make_label("Figure")
        self.drafts = make_table(self.detail, 3, stretch=0)
        self.drafts.itemActivated.connect(lambda *_: self._resume_selected())
        for w in (self.who, self.facts, self.apps_title, self.apps, self.drafts_title, self.drafts):
            dl.addWidget(w)
        dl.setStretch(3, 2)
        dl.setStretch(5, 1)
        self.household_form = _Form(["head", "village", "address", "note"], self.side)
        self.household_form.saved.connect(self._save_household)
        self.household_form.cancelled.connect(self._cancel_form)
        self.person_form = _Form(["name", "id_number", "phone", "relation", "note"], self.side)
        self.person_form.saved.connect(self._save_person)
        self.person_form.cancelled.connect(self._cancel_form)
        for page in (self.detail, self.household_form, self.person_form):
            self.side.addWidget(page)
        split.addWidget(self.tree)
        split.addWidget(self.side)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        outer.addWidget(split, 1)
        outer.addWidget(self.status)
        shortcut("Ctrl+N", self, self.show_household_form)
        shortcut("Ctrl+Shift+N", self, self.show_person_form)
        shortcut("Ctrl+F", self, self.search.setFocus)
        shortcut("F2", self, self.edit_selected)
        shortcut(Qt.Key.Key_Delete, self.tree, self.remove_selected)
        self.tree.currentItemChanged.connect(lambda *_: self._cancel_confirm())
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("走访清单"))
        self.search.setPlaceholderText(self.tr("按姓名、户主或村组查找（Ctrl+F）"))
        self.add_household_button.setText(self.tr("新增一户 (Ctrl+N)"))
        self.add_person_button.setText(self.tr("添加家庭成员 (Ctrl+Shift+N)"))
        self.apply_button.setText(self.tr("为此人办理"))
        self.edit_button.setText(self.tr("修改 (F2)"))
        self._cancel_confirm()
        self.tree.setHeaderLabels([self.tr("户 / 人"), self.tr("未办结")])
        self.apps.setHorizontalHeaderLabels([self.tr("事项"), self.tr("回执号"), self.tr("状态"), self.tr("办理时间")])
        self.drafts.setHorizontalHeaderLabels([self.tr("草稿事项"), self.tr("最后修改"), self.tr("草稿状态")])
        names = {
            "head": self.tr("户主姓名 *"),
            "village": self.tr("村组"),
            "address": self.tr("住址"),
            "note": self.tr("备注"),
            "name": self.tr("姓名 *"),
            "id_number": self.tr("身份证号"),
            "phone": self.tr("联系电话"),
            "relation": self.tr("与户主关系"),
        }
        for form in (self.household_form, self.person_form):
            for key, label in form.labels.items():
                label.setText(names[key])
            form.save_button.setText(self.tr("保存 (Enter)"))
            form.cancel_button.setText(self.tr("取消 (Esc)"))
        self._fill_tree()

    # -- loading --------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.call(self.port.visit_list, self._loaded)

    def _loaded(self, households: list[Household]) -> None:
        self.households = households
        self._fill_tree()

    def _fill_tree(self) -> None:
        selected = self._selected_key()
        query = self.search.text().strip().lower()
        self.tree.clear()
        people = total = 0
        for h in self.households:
            members = [p for p in h.people if not query or query in p.name.lower()]
            if query and not members and query not in (h.head + h.village + h.address).lower():
                continue
            head = f"{h.head} · {h.village}" if h.village else h.head
            item = QTreeWidgetItem([head, str(h.open_count or "")])
            item.setData(0, _ROLE, ("household", h.household_id))
            for p in members if query else h.people:
                label = f"{p.name}（{p.relation}）" if p.relation else p.name
                child = QTreeWidgetItem([label, str(p.open_count or "")])
                child.setData(0, _ROLE, ("person", p.person_id))
                item.addChild(child)
                people += 1
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            total += 1
        self.tree.resizeColumnToContents(1)
        self.say(self.tr("共 %1 户 %2 人").replace("%1", str(total)).replace("%2", str(people)))
        if selected is not None:
            self.select(*selected)
        self._show_selected()

    # -- selection ------------------------------------------------------------------------------------------------

    def _selected_key(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        key = item.data(0, _ROLE)
        return (str(key[0]), str(key[1])) if key else None

    def select(self, kind: str, row_id: str) -> bool:
        """Select a household or a person in the tree (True if found)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for item in [top, *(top.child(j) for j in range(top.childCount()))]:
                if item is not None and item.data(0, _ROLE) == (kind, row_id):
                    self.tree.setCurrentItem(item)
                    return True
        return False

    def selected_household(self) -> Household | None:
        key = self._selected_key()
        if key is None:
            return None
        if key[0] == "household":
            return next((h for h in self.households if h.household_id == key[1]), None)
        return next((h for h in self.households if any(p.person_id == key[1] for p in h.people)), None)

    def selected_person(self) -> Person | None:
        key = self._selected_key()
        if key is None or key[0] != "person":
            return None
        return next((p for h in self.households for p in h.people if p.person_id == key[1]), None)

    def _show_selected(self) -> None:
        if self.side.currentWidget() is not self.detail:
            return
        person, household = self.selected_person(), self.selected_household()
        self.apply_button.setEnabled(person is not None)
        self.add_person_button.setEnabled(household is not None)
        self.edit_button.setEnabled(household is not None)
        self.remove_button.setEnabled(household is not None)
        if person is not None:
            self._show_person(person)
        elif household is not None:
            self.who.setText(household.head)
            lines = [
                self.tr("村组：%1").replace("%1", household.village or "-"),
                self.tr("住址：%1").replace("%1", household.address or "-"),
                self.tr("家庭成员：%1 人").replace("%1", str(len(household.people))),
            ]
            if household.note:
                lines.append(self.tr("备注：%1").replace("%1", household.note))
            self.facts.setText("\n".join(lines))
            self._fill_links([], [])
        else:
            self.who.setText(self.tr("还没有选中任何一户"))
            self.facts.setText(
                self.tr("走访清单只保存您在本机录入的户和人，不从平台下载任何人的信息。按 Ctrl+N 新增一户。")
            )
            self._fill_links([], [])

    def _show_person(self, p: Person) -> None:
        self.who.setText(p.name)
        lines = [
            self.tr("身份证号：%1").replace("%1", mask_id(p.id_number) if p.id_number else "-"),
            self.tr("联系电话：%1").replace("%1", p.phone or "-"),
            self.tr("与户主关系：%1").replace("%1", p.relation or "-"),
        ]
        if p.note:
            lines.append(self.tr("备注：%1").replace("%1", p.note))
        self.facts.setText("\n".join(lines))
        self._fill_links(list(p.applications), [(d.draft_id, d.title, d.updated_at) for d in p.drafts])

    def _stage_text(self, a: VisitApplication) -> str:
        if a.stage == "quarantined":
            return self.tr("已隔离：请到“批量报送”查看处理办法")
        if a.stage == "pending":
            return self.tr("待报送（本机）")
        if a.stage == "gone":
            return self.tr("本机已无此记录")
        return a.status or self.tr("已送达平台，等待受理")

    def _fill_links(self, apps: list[VisitApplication], drafts: list[tuple[str, str, str | None]]) -> None:
        self.apps_title.setText(self.tr("申请（%1 件）").replace("%1", str(len(apps))))
        set_rows(
            self.apps,
            [[a.title, a.receipt_no or "-", self._stage_text(a), local(a.linked_at)] for a in apps],
            [a.record_id for a in apps],
        )
        self.drafts_title.setText(self.tr("草稿（%1 份，双击继续办理）").replace("%1", str(len(drafts))))
        set_rows(
            self.drafts,
            [
                [title, local(at) if at else "-", self.tr("保存中") if at else self.tr("已提交、已删除或已过期")]
                for _, title, at in drafts
            ],
            [d[0] for d in drafts],
        )

    # -- actions --------------------------------------------------------------------------------------------------

    def _apply_for_person(self) -> None:
        person = self.selected_person()
        if person is not None:
            self.apply_requested.emit(person.person_id)

    def _resume_selected(self) -> None:
        person = self.selected_person()
        row = self.drafts.currentRow()
        item = self.drafts.item(row, 0) if row >= 0 else None
        if person is not None and item is not None:
            self.resume_requested.emit(str(item.data(_ROLE)), person.person_id)

    def show_household_form(self) -> None:
        self._editing = None
        self.household_form.clear()
        self.household_form.title.setText(self.tr("新增一户"))
        self.side.setCurrentWidget(self.household_form)
        self.household_form.edits["head"].setFocus()

    def show_person_form(self) -> None:
        household = self.selected_household()
        if household is None:
            self.say(self.tr("请先在左侧选中一户"))
            return
        self._editing = None
        self._form_household = household.household_id
        self.person_form.clear()
        self.person_form.title.setText(self.tr("添加家庭成员：%1").replace("%1", household.head))
        self.side.setCurrentWidget(self.person_form)
        self.person_form.edits["name"].setFocus()

    def edit_selected(self) -> None:
        """F2: the selected person's or household's form, filled, to correct it."""
        person, household = self.selected_person(), self.selected_household()
        if person is not None:
            self._editing = person.person_id
            self.person_form.fill({"name": person.name, "id_number": person.id_number, "phone": person.phone,
                                   "relation": person.relation, "note": person.note})  # fmt: skip
            self.person_form.title.setText(self.tr("修改：%1").replace("%1", person.name))
            self.side.setCurrentWidget(self.person_form)
            self.person_form.edits["name"].setFocus()
        elif household is not None:
            self._editing = household.household_id
            self.household_form.fill({"head": household.head, "village": household.village,
                                      "address": household.address, "note": household.note})  # fmt: skip
            self.household_form.title.setText(self.tr("修改：%1").replace("%1", household.head))
            self.side.setCurrentWidget(self.household_form)
            self.household_form.edits["head"].setFocus()

    def _cancel_confirm(self) -> None:
        self._confirming = None
        self.remove_button.setText(self.tr("移出清单 (Delete)"))

    def remove_selected(self) -> None:
        """Delete: take the selected person (or an emptied household) off the list; the first press asks."""
        key = self._selected_key()
        if key is None:
            return
        if self._confirming != key:
            self._confirming = key
            self.remove_button.setText(self.tr("确认移出？再按一次"))
            self.say(self.tr("移出后本机不再保存其信息；有未办结的申请或草稿时不能移出。"))
            return
        self._cancel_confirm()
        port, (kind, row_id) = self.port, key
        remove = port.remove_person if kind == "person" else port.remove_household

        def done(households: list[Household]) -> None:
            self._loaded(households)
            self.say(self.tr("已移出走访清单"))

        self.call(lambda: (remove(row_id), port.visit_list())[1], done)

    def _cancel_form(self) -> None:
        self.side.setCurrentWidget(self.detail)
        self._show_selected()
        self.tree.setFocus()

    def _save_household(self, values: dict[str, str]) -> None:
        port, editing = self.port, self._editing
        if editing is not None:
            self.call(lambda: port.update_household(editing, **values), lambda _r: self._saved("household", editing))
        else:
            self.call(lambda: port.add_household(**values), lambda hid: self._saved("household", str(hid)))

    def _save_person(self, values: dict[str, str]) -> None:
        port, editing, hid = self.port, self._editing, self._form_household
        if editing is not None:
            self.call(lambda: port.update_person(editing, **values), lambda _r: self._saved("person", editing))
        else:
            self.call(lambda: port.add_person(hid, **values), lambda pid: self._saved("person", str(pid)))

    def _saved(self, kind: str, row_id: str) -> None:
        self.side.setCurrentWidget(self.detail)

        def loaded(households: list[Household]) -> None:
            self._loaded(households)
            self.select(kind, row_id)
            self.say(self.tr("已保存（已加密存储在本机）"))
            self.tree.setFocus()

        self.call(self.port.visit_list, loaded)
