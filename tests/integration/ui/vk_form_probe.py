"""Run under Xvfb by test_virtual_keyboard_layout.py: the kiosk (大字模式, 1280×800) on a fake apply service with Qt
Virtual Keyboard; opens the form, taps a field with xdotool (a real X pointer click), lets the keyboard panel come up
and prints, as JSON, where the keyboard, the focused field and the next button are on the screen. Not a test module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.config import Config
from app.main import configure_input_method, create_application
from tests.support.apply_fakes import FakeApply
from tests.support.ui_fakes import FakeCatalog
from ui.shell import KioskWindow

report: dict[str, object] = {"im_module": configure_input_method(Config())}
app = create_application()
window = KioskWindow(FakeCatalog(), apply=FakeApply(), search_debounce_ms=50)
window.resize(1280, 800)
window.set_elder_mode(True)
window.show()
im = QGuiApplication.inputMethod()


def tap(widget: QWidget) -> None:
    centre = widget.mapToGlobal(widget.rect().center())
    subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "1"], check=True, timeout=10)


def global_rect(widget: QWidget) -> list[int]:
    rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def open_form() -> None:
    window.start_apply("530000-GA-0001")
    QTimer.singleShot(300, to_card)


def to_card() -> None:
    screen = window.screens.apply
    assert screen is not None
    counter = getattr(screen, "counter", None)
    if screen.step == "counter" and counter is not None:
        counter.pre_apply_requested.emit()
    if screen.step in ("card", "counter") or screen.busy:
        screen.card.fill_manually() if screen.step == "card" and not screen.busy else None
        QTimer.singleShot(300, to_card if screen.step != "form" else tap_field)
        return
    tap_field()


def tap_field() -> None:
    screen = window.screens.apply
    assert screen is not None and screen.form_view is not None
    view = screen.form_view
    # The first field on screen that types with the keyboard (an ID number has its own pad).
    fields = [
        e
        for e in view.findChildren(QLineEdit)
        if e.isVisible()
        and not e.visibleRegion().isEmpty()
        and e.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    ]
    report["field"] = fields[0].objectName()
    tap(fields[0])


settled = QTimer()
settled.setSingleShot(True)
settled.setInterval(600)


def on_keyboard_moved() -> None:
    if im.isVisible():
        settled.start()


def measure() -> None:
    screen = window.screens.apply
    assert screen is not None and screen.form_view is not None
    view = screen.form_view
    rect = im.keyboardRectangle()
    focus = QApplication.focusWidget()
    report["keyboard_visible"] = im.isVisible()
    report["keyboard_rect"] = [rect.x(), rect.y(), rect.width(), rect.height()]
    report["covered"] = window.keyboard.covered
    report["focus"] = focus.objectName() if focus is not None else ""
    report["focus_rect"] = global_rect(focus) if focus is not None else []
    report["focus_unclipped"] = focus is not None and focus.visibleRegion().boundingRect() == focus.rect()
    button = view.next_button if view.next_button.isVisible() else view.submit_button
    report["button_rect"] = global_rect(button)
    report["button_unclipped"] = button.visibleRegion().boundingRect() == button.rect()
    report["top_bar_visible"] = window.top_bar.isVisible()
    report["window_rect"] = global_rect(window)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    app.quit()


def when_exposed() -> None:
    handle = window.windowHandle()
    if handle is not None and handle.isExposed():
        tap(window.home.welcome)  # a real click makes the window active (there is no window manager)
        QTimer.singleShot(300, open_form)
    else:
        QTimer.singleShot(50, when_exposed)


settled.timeout.connect(measure)
im.visibleChanged.connect(on_keyboard_moved)
im.keyboardRectangleChanged.connect(on_keyboard_moved)
QTimer.singleShot(0, when_exposed)


def give_up() -> None:
    print(json.dumps(report, ensure_ascii=False), flush=True)
    app.quit()


QTimer.singleShot(30000, give_up)
app.exec()
os._exit(0)  # skip teardown of the QML input panel (slow, and not what is tested)
