"""Idle timeout of the kiosk: after `timeout_s` without input, a countdown (`warning_started`, `countdown`), then
`timed_out`. Contract: the watcher only counts; the shell decides what a timeout wipes, and whether there is any."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

__all__ = ["IdleWatcher"]

_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Counts idle time. Installed as an event filter on the application, it sees every press, touch, key and wheel
    event of every window: any input anywhere restarts the clock (and cancels a running countdown).

    Emits `warning_started(seconds)`, `countdown(seconds_left)`, `warning_cancelled` and `timed_out`.
    """

    warning_started = Signal(int)
    countdown = Signal(int)
    warning_cancelled = Signal()
    timed_out = Signal()

    def __init__(self, timeout_s: float, warning_s: int, parent: QObject | None = None) -> None:
        """`timeout_s <= 0` disables the watcher (a counter or laptop may not want one)."""
        super().__init__(parent)
        self.enabled = timeout_s > 0
        self._warning_s = max(0, int(warning_s))
        self._left = 0
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(1, int(timeout_s * 1000)))
        self._idle.timeout.connect(self._start_warning)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

    @property
    def warning(self) -> bool:
        return self._tick.isActive()

    def set_tick_interval(self, msecs: int) -> None:
        """Length of one countdown step (1 s; tests shorten it)."""
        self._tick.setInterval(msecs)

    def start(self) -> None:
        if self.enabled:
            self._idle.start()

    def stop(self) -> None:
        self._idle.stop()
        self._tick.stop()

    def poke(self) -> None:
        """Activity: restart the idle clock, cancelling a countdown."""
        if self._tick.isActive():
            self._tick.stop()
            self.warning_cancelled.emit()
        if self.enabled:
            self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and (self._idle.isActive() or self._tick.isActive()):
            self.poke()
        return False

    def _start_warning(self) -> None:
        self._left = self._warning_s
        if self._left <= 0:
            self.timed_out.emit()
            self._idle.start()
            return
        self._tick.start()  # before the signal: a handler may cancel the warning at once (poke)
        self.warning_started.emit(self._left)

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdown.emit(self._left)
            return
        self._tick.stop()
        self.timed_out.emit()
        self._idle.start()
