"""What the laptop pages share: the page base (port, background tasks, language, status line), compact tables, the
figures' wording (bytes, time left), and the laptop's own denser style sheet (keyboard and mouse, not touch)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.model.clock import format_local
from ui.errors import error_text
from ui.plain import plain_tooltip
from ui.screens.base import make_label
from ui.screens.laptop.ports import LaptopPort
from ui.tasks import TaskRunner

__all__ = ["LAPTOP_STYLE", "LaptopPage", "human_bytes", "human_seconds", "local", "make_table", "set_rows", "shortcut"]

Language = Callable[[], str]

PRIMARY = "#1f5fa8"
PAPER = "#f4f6f9"
INK = "#1d2733"
MUTED = "#5b6675"
LINE = "#c9d2de"

LAPTOP_STYLE = f"""
QWidget#LaptopRoot {{ background: {PAPER}; color: {INK}; font-size: 15px; }}
QWidget#LaptopRoot QLabel {{ color: {INK}; font-size: 15px; }}
QWidget#LaptopHeader {{ background: {PRIMARY}; }}
QWidget#LaptopHeader QLabel {{ color: white; }}
QWidget#LaptopRoot QLabel#LaptopTitle {{ font-size: 20px; font-weight: bold; }}
QWidget#LaptopRoot QLabel#ScreenTitle {{ font-size: 22px; font-weight: bold; color: #163f70; }}
QWidget#LaptopRoot QLabel#PageTitle {{ font-size: 20px; font-weight: bold; color: #163f70; }}
QWidget#LaptopRoot QLabel#Hint, QWidget#LaptopRoot QLabel#Status {{ color: {MUTED}; font-size: 14px; }}
QWidget#LaptopRoot QLabel#Error {{ color: #a4161a; font-size: 14px; }}
QWidget#LaptopRoot QLabel#Notice {{ background: #fff3cd; color: #5c4400; border: 1px solid #e0c36b; border-radius: 4px;
  padding: 4px 8px; }}
QWidget#LaptopHeader QLabel#Notice {{ color: #5c4400; }}
QWidget#LaptopRoot QLabel#Figure {{ font-size: 17px; font-weight: bold; color: #163f70; }}
QPushButton {{ min-height: 30px; padding: 0 14px; border-radius: 4px; background: white; color: #163f70;
  border: 1px solid {PRIMARY}; font-size: 15px; }}
QPushButton:hover {{ background: #e8f0fa; }}
QPushButton:disabled {{ color: #8a9099; border-color: {LINE}; }}
QPushButton#Primary {{ background: {PRIMARY}; color: white; border: none; font-weight: bold; }}
QPushButton#Primary:disabled {{ background: {LINE}; color: #6b7380; }}
QPushButton#Danger {{ color: #a4161a; border-color: #a4161a; }}
QWidget#LaptopHeader QPushButton {{ background: transparent; color: white; border: 1px solid #8fb3dc; }}
QListWidget#LaptopNav {{ background: white; border: none; border-right: 1px solid {LINE}; font-size: 16px; }}
QListWidget#LaptopNav::item {{ min-height: 40px; padding: 4px 12px; }}
QListWidget#LaptopNav::item:selected {{ background: #dbe7f5; color: {INK}; }}
QTreeWidget, QTableWidget {{ background: white; border: 1px solid {LINE}; font-size: 15px;
  selection-background-color: #dbe7f5; selection-color: {INK}; }}
QHeaderView::section {{ background: #e9eef5; border: none; border-bottom: 1px solid {LINE}; padding: 4px 6px;
  font-weight: bold; color: {INK}; font-size: 14px; }}
QLineEdit, QPlainTextEdit {{ min-height: 28px; background: white; border: 1px solid {LINE}; border-radius: 3px;
  padding: 0 6px; font-size: 15px; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 1px solid {PRIMARY}; }}
QProgressBar {{ border: 1px solid {LINE}; border-radius: 3px; background: white; min-height: 22px;
  text-align: center; font-size: 14px; }}
QProgressBar::chunk {{ background: #3a7bd5; }}
QFrame#Panel {{ background: white; border: 1px solid {LINE}; border-radius: 6px; }}
"""


def shortcut(key: str | QKeySequence.StandardKey | Qt.Key, parent: QWidget, action: Callable[[], object]) -> QShortcut:
    """A keyboard shortcut on `parent` (and its children) running `action`."""
    sc = QShortcut(QKeySequence(key), parent)
    sc.activated.connect(action)
    return sc


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover


def human_seconds(s: float | None) -> str:
    if s is None:
        return "--:--"
    s = max(0, round(s))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def local(iso: str | None) -> str:
    """A stored UTC time in the terminal's zone (one clock), "" for none."""
    return format_local(iso) if iso else ""


def make_table(parent: QWidget, columns: int, *, stretch: int = 0) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def set_rows(table: QTableWidget, rows: list[list[str]], keys: list[str] | None = None) -> None:
    """Fill a table with text cells (shown as plain text); `keys` is kept on each row's first cell (UserRole)."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(plain_tooltip(text))
            if c == 0 and keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)
    table.resizeRowsToContents()


LOGIN_CODES = ("staff.not_logged_in", "staff.session_expired")


class LaptopPage(QWidget):
    """A page of the laptop window: its port, its own task runner, the window's language and a status line."""

    login_needed = Signal(str)
    """The worker's staff session ended (the message); the window shows the log-in page."""

    def __init__(self, port: LaptopPort, *, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.port = port
        self.language = language
        self.tasks = TaskRunner(parent=self)
        self.status = make_label("Status")
        self.status.setAccessibleName("status")

    def call(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        """Run a service call off the GUI thread; a failure is shown on the status line in the window's language."""
        self.tasks.run(fn, on_success=done, on_failure=self.show_error)

    def show_error(self, error: BaseException) -> None:
        msg = getattr(error, "msg", None)
        if getattr(msg, "code", "") in LOGIN_CODES:  # the staff session ended: the window asks for the log-in
            self.login_needed.emit(error_text(error, self.language()))
            return
        self.status.setObjectName("Error")
        self.status.setText(error_text(error, self.language()))
        self.status.style().polish(self.status)

    def say(self, text: str) -> None:
        self.status.setObjectName("Status")
        self.status.setText(text)
        self.status.style().polish(self.status)

    def refresh(self) -> None:
        """Reload what the page shows."""

    def retranslate(self) -> None:
        """Set every user-facing text."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
