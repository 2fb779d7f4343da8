"""Through the counter screens on the real services (issue 11, item 13): a file that is not a page — a directory, a
FIFO, an ELF binary, an empty file, /proc/self/environ — is refused at once with its reason shown plainly on the
materials step, and the slot stays empty; a real JPEG is taken."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.lazy import LazyServices
from tests.integration.apply.conftest import jpeg_page
from ui.shell import KioskWindow


@pytest.mark.parametrize("target", ["dir", "fifo", "elf", "empty", "environ"])
def test_the_counter_screen_refuses_what_is_not_a_page(
    qtbot: QtBot, real_home: Path, tmp_path: Path, target: str
) -> None:
    fifo = tmp_path / "scan.jpg.fifo"
    os.mkfifo(fifo)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    path = {"dir": tmp_path, "fifo": fifo, "elf": Path(sys.executable).resolve(), "empty": empty,
            "environ": Path("/proc/self/environ")}[target]  # fmt: skip
    ctx = AppContext(real_home)
    lazy = LazyServices(ctx)
    window = KioskWindow(lazy.catalog, apply=lazy.apply, identity=ctx.identity, search_debounce_ms=10, role="counter")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    try:
        window.start_apply("530000-GA-0001")
        screen = window.screens.apply
        assert screen is not None
        qtbot.waitUntil(lambda: screen.step == "card" and not screen.busy, timeout=60_000)
        screen.card.fill_manually()
        qtbot.waitUntil(lambda: screen.step == "form" and not screen.busy, timeout=20_000)
        screen.go("materials")
        qtbot.waitUntil(lambda: screen.step == "materials" and not screen.busy, timeout=20_000)
        session = screen.session
        assert session is not None
        slot = session.slots[0]
        screen.materials.import_file(slot.slot_id, path)
        qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)
        shown = screen.status.text()
        expected = {"dir": "不是普通文件", "fifo": "不是普通文件", "elf": "不是图片或 PDF", "empty": "空文件",
                    "environ": "不是图片或 PDF"}[target]  # fmt: skip
        assert expected in shown, shown
        assert slot.pages == []
        good = tmp_path / "page.jpg"
        good.write_bytes(jpeg_page())
        screen.materials.import_file(slot.slot_id, good)
        qtbot.waitUntil(lambda: len(slot.pages) == 1 and not screen.busy, timeout=20_000)
        assert slot.pages[0].media_type == "image/jpeg"
        window.close()
    finally:
        ctx.close()
