"""The kiosk's top bar (首页, 返回, title and place, 演示数据, the language switch, 大字模式) and its status bar (the
terminal's division chain, and a slot for indicators such as the sync state). Widgets only: the window wires them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QStatusBar, QVBoxLayout, QWidget

from ui.plain import PlainLabel
from ui.screens.labels import level_rank

if TYPE_CHECKING:
    from app.model.catalog import Division

__all__ = ["KioskStatusBar", "TopBar"]


class FitLabel(PlainLabel):
    """A one-line label that shows the longest of its `texts` that fits its width (the window title in full on a
    wide panel, shorter in English or 大字模式): it never cuts, and asks only for the shortest one's width."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._texts: list[str] = []

    def set_texts(self, *texts: str) -> None:
        """Longest first."""
        self._texts = [t for t in texts if t]
        self._fit()
        self.updateGeometry()

    def _width(self, text: str) -> int:
        return self.fontMetrics().horizontalAdvance(text) + 2 * self.margin() + 2

    def _height(self) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().height() + 2 * self.margin() + margins.top() + margins.bottom()

    def minimumSizeHint(self) -> QSize:
        return QSize(min((self._width(t) for t in self._texts), default=0), self._height())

    def sizeHint(self) -> QSize:
        return QSize(max((self._width(t) for t in self._texts), default=0), self._height())

    def _fit(self) -> None:
        room = self.contentsRect().width()
        chosen = next((t for t in self._texts if self._width(t) <= room), self._texts[-1] if self._texts else "")
        if chosen != self.text():
            self.setText(chosen)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
            self.updateGeometry()


class TopBar(QWidget):
    """Along the top of every screen: 首页 and 返回 (not on home), the title and place, 演示数据 (tap: what it
    means), 帮助 (how to use the kiosk, call the staff), the language switch and 大字模式."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(12)
        column.addLayout(row)
        self._column, self._row = column, row
        self.home_button = QPushButton(self)
        self.back_button = QPushButton(self)
        row.addWidget(self.home_button)
        row.addWidget(self.back_button)
        self.titles = QWidget(self)
        titles = QVBoxLayout(self.titles)
        titles.setContentsMargins(0, 0, 0, 0)
        titles.setSpacing(0)
        self.app_title = FitLabel("AppTitle")
        self.place = FitLabel("Place")
        titles.addWidget(self.app_title)
        titles.addWidget(self.place)
        row.addWidget(self.titles, 1)
        self.two_rows = False
        """The title and place on a row of their own above the buttons (a narrow panel, 大字模式 in English)."""
        self.demo_badge = QPushButton(self)
        self.demo_badge.setObjectName("DemoBadge")
        self.demo_badge.hide()
        row.addWidget(self.demo_badge)
        self.help_button = QPushButton(self)
        self.help_button.setObjectName("HelpButton")
        row.addWidget(self.help_button)
        self.language_button = QPushButton(self)
        self.elder_button = QPushButton(self)
        self.elder_button.setCheckable(True)
        row.addWidget(self.language_button)
        row.addWidget(self.elder_button)
        self._place_names: list[str] = []

    def set_home(self, on_home: bool) -> None:
        """首页 and 返回 mean nothing on home: hidden there."""
        self.home_button.setVisible(not on_home)
        self.back_button.setVisible(not on_home)
        self._arrange()

    def _buttons_width(self) -> int:
        buttons = [b for b in self.findChildren(QPushButton) if not b.isHidden()]
        margins = self._column.contentsMargins()
        spacing = self._row.spacing()
        return sum(b.sizeHint().width() for b in buttons) + spacing * len(buttons) + margins.left() + margins.right()

    def _arrange(self) -> None:
        """One row when the title fits beside the buttons (at least its shortest form), else two rows."""
        room = self.width() - self._buttons_width()
        need = max(self.app_title.minimumSizeHint().width(), self.place.minimumSizeHint().width())
        two_rows = self.width() > 0 and room < need
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        if two_rows:
            self._row.removeWidget(self.titles)
            self._column.insertWidget(0, self.titles)
            self._row.insertStretch(2, 1)
        else:
            self._column.removeWidget(self.titles)
            stretch = self._row.takeAt(2)
            del stretch
            self._row.insertWidget(2, self.titles, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self._arrange)  # not while Qt is still restyling the widget tree

    def retranslate(self, language: str, elder: bool) -> None:
        # Context "KioskWindow", as when the window built this bar itself: the .ts keeps these translations. Literal
        # arguments, so that lupdate finds them.
        self.app_title.set_texts(
            QCoreApplication.translate("KioskWindow", "云办 · 政务服务自助终端"),
            QCoreApplication.translate("KioskWindow", "政务服务自助终端"),
            QCoreApplication.translate("KioskWindow", "云办"),
        )
        self.home_button.setText(QCoreApplication.translate("KioskWindow", "首页"))
        self.back_button.setText(QCoreApplication.translate("KioskWindow", "返回"))
        self.demo_badge.setText(QCoreApplication.translate("KioskWindow", "演示数据"))
        self.help_button.setText(QCoreApplication.translate("KioskWindow", "帮助"))
        # The switch names the language it switches to, in that language.
        self.language_button.setText("English" if language == "zh_CN" else "中文")
        self.elder_button.setChecked(elder)
        standard = QCoreApplication.translate("KioskWindow", "标准字体")
        self.elder_button.setText(standard if elder else QCoreApplication.translate("KioskWindow", "大字模式"))
        self._arrange()

    def show_catalog(self, is_demo: bool, chain: Sequence[Division]) -> None:
        """The catalog answered: the demo badge, and the place as the last two levels of the terminal's chain."""
        self.demo_badge.setVisible(is_demo)
        ordered = sorted(chain, key=lambda d: level_rank(d.level))
        names = [d.name for d in ordered[-2:]]
        self.place.set_texts(" ".join(names), names[-1] if names else "")


class KioskStatusBar(QStatusBar):
    """The terminal's division chain at the left; indicators (`add_widget`) at the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.text = FitLabel("StatusChain", self)  # the whole chain, or its lower levels when the bar is narrow
        self.addWidget(self.text, 1)
        self.slot = QWidget(self)
        self.slot.setObjectName("StatusSlot")
        slot_layout = QHBoxLayout(self.slot)
        slot_layout.setContentsMargins(0, 0, 8, 0)
        slot_layout.setSpacing(12)
        self.addPermanentWidget(self.slot)

    def show_chain(self, chain: Sequence[Division]) -> None:
        names = [d.name for d in sorted(chain, key=lambda d: level_rank(d.level))]
        self.text.set_texts(*(" › ".join(names[n:]) for n in range(max(1, len(names)))))

    def add_indicator(self, widget: QWidget) -> None:
        """A small indicator (e.g. the sync state) at the right."""
        layout = self.slot.layout()
        assert layout is not None
        layout.addWidget(widget)
        widget.show()
