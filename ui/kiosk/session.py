"""The visitor session: a visitor idle for `timeout_s` is warned by a countdown over everything (`IdleOverlay`; not
on an untouched kiosk), then `idle.timed_out` fires and the window wipes what they left (`wipe`) and goes home."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ui.idle import IdleWatcher
from ui.kiosk.appearance import Appearance
from ui.kiosk.keyboard import room_above_keyboard
from ui.screens.base import Screen, make_label
from ui.tasks import TaskRunner

__all__ = ["IdleOverlay", "VisitorSession"]


class IdleOverlay(QWidget):
    """The countdown shown over everything before an idle session is wiped; any touch dismisses it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("OverlayCard")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.setSpacing(20)
        self.text = make_label("OverlayText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count = make_label("OverlayCount", wrap=False)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stay = QPushButton(card)
        self.stay.setObjectName("Primary")
        layout.addWidget(self.text)
        layout.addWidget(self.count)
        layout.addWidget(self.stay)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()
        self.retranslate()

    def set_seconds(self, seconds: int) -> None:
        self.count.setText(str(seconds))

    def fit(self) -> None:
        """Cover the parent above the on-screen keyboard (the room its layout leaves at the bottom for the panel)."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(room_above_keyboard(parent))

    def retranslate(self) -> None:
        self.text.setText(self.tr("您还在使用吗？\n倒计时结束后将清除本页信息并返回首页"))
        self.stay.setText(self.tr("继续使用"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class VisitorSession(QObject):
    """The idle watcher and its countdown over `root`; `wipe` clears the stack's screens, language and type size."""

    def __init__(
        self,
        root: QWidget,
        stack: QStackedWidget,
        tasks: TaskRunner,
        appearance: Appearance,
        *,
        timeout_s: float,
        warning_s: int,
        is_pristine: Callable[[], bool],
    ) -> None:
        super().__init__(root)
        self._stack = stack
        self._tasks = tasks
        self._appearance = appearance
        self._is_pristine = is_pristine
        self._watching = False
        self.overlay = IdleOverlay(root)
        self.idle = IdleWatcher(timeout_s, warning_s, self)
        self.idle.warning_started.connect(self._on_warning)
        self.idle.countdown.connect(self.overlay.set_seconds)
        self.idle.warning_cancelled.connect(self.overlay.hide)
        self.overlay.stay.clicked.connect(self.idle.poke)
        self.idle.start()

    def watch_input(self) -> None:
        """Watch every input event of the application (once; after the first paint, see `KioskWindow.showEvent`)."""
        if self._watching:
            return
        self._watching = True
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

    def _on_warning(self, seconds: int) -> None:
        if self._is_pristine():
            self.idle.poke()  # nothing to wipe: no countdown in an empty hall
            return
        self.overlay.set_seconds(seconds)
        self.overlay.fit()
        self.overlay.raise_()
        self.overlay.show()

    def wipe(self) -> None:
        """Forget everything the visitor left: the countdown, a half-typed Pinyin syllable, every screen's content,
        the answers of tasks still running, the language and type size they chose."""
        self.overlay.hide()
        input_method = QGuiApplication.inputMethod()
        input_method.reset()
        input_method.hide()
        for index in range(self._stack.count()):
            screen = self._stack.widget(index)
            if isinstance(screen, Screen):
                screen.reset()
        self._tasks.cancel_all()
        self._appearance.restore_defaults()

    def stop(self) -> None:
        self.idle.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
