"""Logging to one rotating file per process, in the data directory of the terminal last opened.

Contract: never log personal data (log record ids, receipt numbers and codes); `redact()` masks anything that looks
like a citizen ID number (GB 11643) as a last line of defence.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from app.config import LoggingConfig

_ID_LIKE = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")


def redact(text: str) -> str:
    """Mask 18-character ID numbers (GB 11643) that slipped into a log message."""
    return _ID_LIKE.sub(lambda m: m.group(1) + "********" + m.group(2), text)


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _YunbanFileHandler(logging.handlers.RotatingFileHandler):
    """Our handler, told apart from handlers others (pytest, an embedding program) put on the root logger."""


def setup_logging(log_dir: Path, config: LoggingConfig) -> None:
    """Set up the process's one rotating file handler on the root logger.

    Idempotent: the same directory again changes nothing; another directory (a second terminal home in one
    process, as tests and the demo make) replaces the handler instead of adding one."""
    log_dir.mkdir(parents=True, exist_ok=True)
    target = str(log_dir / "yunban.log")
    root = logging.getLogger()
    for existing in [h for h in root.handlers if isinstance(h, _YunbanFileHandler)]:
        if existing.baseFilename == target:
            root.setLevel(config.level.upper())
            return
        root.removeHandler(existing)
        existing.close()
    handler = _YunbanFileHandler(target, maxBytes=config.max_bytes, backupCount=config.backups, encoding="utf-8")
    handler.setFormatter(_RedactingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root.addHandler(handler)
    root.setLevel(config.level.upper())
