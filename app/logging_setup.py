"""Logging to a rotating file in the data directory.

Never log personal data (ID numbers, names, addresses, phone numbers): log record ids, receipt numbers and codes.
`redact()` masks anything that looks like a citizen ID number, as a last line of defence.
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


def setup_logging(log_dir: Path, config: LoggingConfig) -> None:
    """Attach one rotating file handler to the root logger (idempotent per directory)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    target = str(log_dir / "yunban.log")
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and handler.baseFilename == target:
            return
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=config.max_bytes, backupCount=config.backups, encoding="utf-8"
    )
    handler.setFormatter(_RedactingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root.addHandler(handler)
    root.setLevel(config.level.upper())
