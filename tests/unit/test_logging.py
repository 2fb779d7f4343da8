from __future__ import annotations

import logging
from pathlib import Path

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
