"""Logging to one rotating file per process, in the data directory of the terminal last opened.

Contract: never log personal data (log record ids, receipt numbers and codes); `redact()` masks anything that looks
like a citizen ID number (GB 11643) as a last line of defence.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path
from typing import Any

from app.config import LoggingConfig

_ID_LIKE = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")


def redact(text: str) -> str:
    """Mask 18-character ID numbers (GB 11643) that slipped into a log message."""
    return _ID_LIKE.sub(lambda m: m.group(1) + "********" + m.group(2), text)


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _YunbanFileHandler(logging.handlers.RotatingFileHandler):
    """Our handler, told apart from handlers others (pytest, an embedding program) put on the root logger. Log files
    are 0600 whatever the umask (they name record ids and terminals), also after a rotation."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)  # a file made under an older, looser umask
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_logging(log_dir: Path, config: LoggingConfig) -> None:
    """Set up the process's one rotating file handler on the root logger.

    Idempotent: the same directory again changes nothing; another directory (a second terminal home in one
    process, as tests and the demo make) replaces the handler instead of adding one."""
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if log_dir.stat().st_mode & 0o077:
        log_dir.chmod(0o700)
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
