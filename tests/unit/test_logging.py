from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.config import LoggingConfig
from app.logging_setup import redact, setup_logging


def test_redact_masks_id_numbers() -> None:
    assert redact("id=53252419800101123X ok") == "id=532524********123X ok"
    assert redact("receipt 20261126") == "receipt 20261126"


def test_log_file_never_holds_an_id_number(tmp_path: Path) -> None:
    setup_logging(tmp_path, LoggingConfig())
    logging.getLogger("t").warning("read card 532524198001011234")
    for h in logging.getLogger().handlers:
        h.flush()
    text = (tmp_path / "yunban.log").read_text(encoding="utf-8")
    assert "532524198001011234" not in text
    assert "532524********1234" in text


def _ours() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if type(h).__name__ == "_YunbanFileHandler"]


def test_logging_is_set_up_once_per_process(tmp_path: Path) -> None:
    """A second terminal home in one process (tests, the demo) replaces the file handler instead of adding one."""
    setup_logging(tmp_path / "a", LoggingConfig())
    setup_logging(tmp_path / "a", LoggingConfig())
    assert len(_ours()) == 1
    setup_logging(tmp_path / "b", LoggingConfig())
    assert len(_ours()) == 1
    handler = _ours()[0]
    assert isinstance(handler, logging.FileHandler) and handler.baseFilename == str(tmp_path / "b" / "yunban.log")


def test_a_second_context_adds_no_handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.context import AppContext

    monkeypatch.delenv("YUNBAN_HOME", raising=False)
    before = len(logging.getLogger().handlers)
    first = AppContext(tmp_path / "one")
    after_first = len(logging.getLogger().handlers)
    AppContext(tmp_path / "two")
    assert len(logging.getLogger().handlers) == after_first <= before + 1
    assert len(_ours()) == 1
    del first
