"""Run under Xvfb by test_virtual_keyboard.py: the kiosk on a fake catalog with Qt Virtual Keyboard; taps the
keyboard's keys with xdotool (real X pointer events) and prints what happened as JSON. Not a test module itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QInputMethodEvent

from app.config import Config
from app.main import configure_input_method, create_application
from tests.support.ui_fakes import FakeCatalog
from ui.shell import KioskWindow

report: dict[str, object] = {"im_module": configure_input_method(Config())}
app = create_application()
window = KioskWindow(FakeCatalog(), search_debounce_ms=50)
window.resize(1280, 800)
window.show()
im = QGuiApplication.inputMethod()


def tap(x: float, y: float) -> None:
    subprocess.run(["xdotool", "mousemove", str(int(x)), str(int(y)), "click", "1"], check=True, timeout=10)


def open_search() -> None:
    tile = window.home.tiles["guide"]
    centre = tile.mapToGlobal(tile.rect().center())
    tap(centre.x(), centre.y())  # a real click also makes the window active (there is no window manager)


# The panel slides in: tap its keys only once its rectangle has stopped moving for a while.
settled = QTimer()
settled.setSingleShot(True)
settled.setInterval(400)


def on_keyboard_moved() -> None:
    if im.isVisible() and "keyboard_visible" not in report:
        settled.start()


def type_sfz() -> None:
    report["keyboard_visible"] = im.isVisible()
    rect = im.keyboardRectangle()
    report["keyboard_rect"] = [rect.x(), rect.y(), rect.width(), rect.height()]
    search = window.screens.search
    assert search is not None
    report["compact"] = not search.title.isVisible()
    search.results_shown.connect(finish)
    search.box.installEventFilter(preedit_watch)
    # Key positions of the Pinyin layout, as fractions of the panel (measured on a 1280x800 screen).
    top, width = rect.y(), rect.width()
    for fx, dy in ((0.2008, 199.5), (0.4, 199.5), (0.2008, 298.5)):  # s, f, z
        tap(fx * width, top + dy)


class PreeditWatch(QObject):
    """Sees the input method's pre-edit reach the box; the candidate list is filled by then."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        typed = isinstance(event, QInputMethodEvent) and event.preeditString().replace(" ", "") == "sfz"
        if typed and "preedit" not in report:
            assert isinstance(event, QInputMethodEvent)
            report["preedit"] = event.preeditString()
            search = window.screens.search
            assert search is not None
            report["text_during_preedit"] = search.box.text()
            QTimer.singleShot(300, pick_candidate)
        return False


preedit_watch = PreeditWatch()


def pick_candidate() -> None:
    if "results" in report:
        return
    rect = im.keyboardRectangle()
    tap(0.045 * rect.width(), rect.y() + 20.5)  # first candidate
    QTimer.singleShot(2000, pick_candidate)  # a tap lost under load: try again


def finish() -> None:
    search = window.screens.search
    assert search is not None
    if "results" in report:
        return
    report["text"] = search.box.text()
    report["results"] = search.result_codes
    print(json.dumps(report, ensure_ascii=False), flush=True)
    app.quit()


def when_exposed() -> None:
    handle = window.windowHandle()
    if handle is not None and handle.isExposed():
        open_search()
    else:
        QTimer.singleShot(50, when_exposed)


settled.timeout.connect(type_sfz)
im.visibleChanged.connect(on_keyboard_moved)
im.keyboardRectangleChanged.connect(on_keyboard_moved)
QTimer.singleShot(0, when_exposed)


def give_up() -> None:
    print(json.dumps(report, ensure_ascii=False), flush=True)
    app.quit()


QTimer.singleShot(30000, give_up)  # the test then reports what is missing
app.exec()
os._exit(0)  # skip teardown of the QML input panel (slow, and not what is tested)
