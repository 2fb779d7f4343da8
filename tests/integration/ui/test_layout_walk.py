"""Issue 13, layouts that never clip: every kiosk screen (home, search, browse, guide, the apply steps from the item
picker to the receipt, the 一次性告知, 评价, 进度查询, 咨询投诉, maintenance), on the demo catalog and the demo devices,
at 1280×800, 1366×768, 1920×1080 and 1080×1920 portrait, in Chinese and English, standard and 大字模式, and with Qt
Virtual Keyboard's panel up over the screens that have a field to type into. Fails when any label's or button's
text is cut or a field or button is squeezed (ui/kiosk/fit.py `clipped_texts`), when a primary button of a page is
not wholly above the keyboard and inside the window (`hidden_primaries`), when any button of a page's fixed part runs
off the panel (`hidden_buttons`), when a text of a screen does not grow in 大字模式 (`unscaled_texts`), or when a
screen forced the window past the panel's size. One window walks them all (`app.demo.screenshots.walk_layouts`, the
walk the screenshots take)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.demo.screenshots import LAYOUT_SCREENS, apply_combo, combos, walk_layouts
from app.main import attach_services, build_window, close_kiosk, create_application, start_demo_services
from ui.kiosk.fit import clipped_texts, hidden_buttons, hidden_primaries, text_sizes, unscaled_texts
from ui.theme import ELDER_SCALE


@pytest.mark.slow
def test_no_screen_clips_in_any_size_language_type_size_or_keyboard(
    demo_home: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # the demo's file keystore, as `yunban demo`
    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    app = create_application()  # the kiosk's CJK application font, as on a terminal
    font = QApplication.font()
    ctx = AppContext(home)
    window = build_window(ctx)
    running: list[object] = []
    attached = []
    problems: list[str] = []
    visited: list[str] = []
    checked = 0
    standard: dict[tuple[str, tuple[int, int], str], dict[int, tuple[str, int, QWidget]]] = {}
    try:
        start_demo_services(ctx, window, running)
        services = attach_services(ctx, window, running, start=False)
        attached.append(services)
        services.start(sync_delay_ms=600_000)  # the card watch; no sync pass during the walk
        for name, field in walk_layouts(window, services, running):
            visited.append(name)
            for combo in combos(field is not None):
                covered = apply_combo(window, combo, field)
                checked += 1
                if window.size().toTuple() != combo.size:
                    problems.append(f"{name} {combo.name}: the window is {window.width()}×{window.height()}")
                for misfit in (*clipped_texts(window), *hidden_primaries(window, covered)):
                    problems.append(f"{name} {combo.name}: {misfit}")
                screen = window.stack.currentWidget()
                if screen is None or combo.keyboard:
                    continue
                # Every button of the page's fixed part wholly shown (a row too wide runs off the panel).
                problems += [f"{name} {combo.name}: cut {m}" for m in hidden_buttons(window, 0, screen)]
                # 大字模式 reaches every text of the screen (a fixed pixel size does not grow).
                key = (name, combo.size, combo.language)
                if not combo.elder:
                    standard[key] = text_sizes(screen)
                elif key in standard:
                    small = unscaled_texts(standard[key], text_sizes(screen), ELDER_SCALE)
                    problems += [f"{name} {combo.name}: not enlarged: {m}" for m in small]
    finally:
        close_kiosk(ctx, window, running, attached)
        app.setFont(font)
    assert visited == list(LAYOUT_SCREENS)
    assert checked >= len(LAYOUT_SCREENS) * 16
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])
