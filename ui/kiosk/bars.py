"""The kiosk's top bar (首页, 返回, title and place, 演示数据, the language switch, 大字模式) and its status bar (the
terminal's division chain, and a slot for indicators such as the sync state). Widgets only: the window wires them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStatusBar, QVBoxLayout, QWidget

from ui.plain import PlainLabel
from ui.screens.base import make_label
from ui.screens.labels import level_rank

if TYPE_CHECKING:
    from app.model.catalog import Division

__all__ = ["KioskStatusBar", "TopBar"]


class TopBar(QWidget):
    """Along the top of every screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(14)
        self.home_button = QPushButton(self)
        self.back_button = QPushButton(self)
        row.addWidget(self.home_button)
        row.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.app_title = make_label("AppTitle", wrap=False)
        self.place = make_label("Place", wrap=False)
        titles.addWidget(self.app_title)
        titles.addWidget(self.place)
        row.addLayout(titles, 1)
        self.demo_badge = make_label("DemoBadge", wrap=False)
        self.demo_badge.hide()
        row.addWidget(self.demo_badge)
        self.language_button = QPushButton(self)
        self.elder_button = QPushButton(self)
        self.elder_button.setCheckable(True)
        row.addWidget(self.language_button)
        row.addWidget(self.elder_button)

    def retranslate(self, language: str, elder: bool) -> None:
        # Context "KioskWindow", as when the window built this bar itself: the .ts keeps these translations. Literal
        # arguments, so that lupdate finds them.
        self.app_title.setText(QCoreApplication.translate("KioskWindow", "云办 · 政务服务自助终端"))
        self.home_button.setText(QCoreApplication.translate("KioskWindow", "首页"))
        self.back_button.setText(QCoreApplication.translate("KioskWindow", "返回"))
        self.demo_badge.setText(QCoreApplication.translate("KioskWindow", "演示数据"))
        # The switch names the language it switches to, in that language.
        self.language_button.setText("English" if language == "zh_CN" else "中文")
        self.elder_button.setChecked(elder)
        standard = QCoreApplication.translate("KioskWindow", "标准字体")
        self.elder_button.setText(standard if elder else QCoreApplication.translate("KioskWindow", "大字模式"))

    def show_catalog(self, is_demo: bool, chain: Sequence[Division]) -> None:
        """The catalog answered: the demo badge, and the place as the last two levels of the terminal's chain."""
        self.demo_badge.setVisible(is_demo)
        ordered = sorted(chain, key=lambda d: level_rank(d.level))
        self.place.setText(" ".join(d.name for d in ordered[-2:]))


class KioskStatusBar(QStatusBar):
    """The terminal's division chain at the left; indicators (`add_widget`) at the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.text = PlainLabel(self)
        self.addWidget(self.text, 1)
        self.slot = QWidget(self)
        self.slot.setObjectName("StatusSlot")
        slot_layout = QHBoxLayout(self.slot)
        slot_layout.setContentsMargins(0, 0, 8, 0)
        slot_layout.setSpacing(12)
        self.addPermanentWidget(self.slot)

    def show_chain(self, chain: Sequence[Division]) -> None:
        ordered = sorted(chain, key=lambda d: level_rank(d.level))
        self.text.setText(" › ".join(d.name for d in ordered))

    def add_indicator(self, widget: QWidget) -> None:
        """A small indicator (e.g. the sync state) at the right."""
        layout = self.slot.layout()
        assert layout is not None
        layout.addWidget(widget)
        widget.show()
