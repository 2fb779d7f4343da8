"""The update journal `<home>/updates/journal`: written (atomically, fsynced) before dpkg runs, removed after it
succeeded. Its presence after a power cut tells `yunban-update-recover` (a POSIX shell script, so it works while the
venv is half replaced) to finish the job.

Format (read by the shell script: keep it `key=value` lines, no quoting, no spaces around `=`):
    action=apply|rollback
    target=<the .deb being installed>        target_version=<its version>
    fallback=<the .deb to reinstall if target is gone or fails; may be empty>   fallback_version=<…>
    dpkg_root=<empty for this machine; tests: the private dpkg root>
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["clear_journal", "read_journal", "write_journal"]

KEYS = ("action", "target", "target_version", "fallback", "fallback_version", "dpkg_root")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_journal(path: Path, **values: str) -> None:
    """Write the journal atomically (temp file, fsync, rename, fsync of the directory)."""
    for key, value in values.items():
        if key not in KEYS or "\n" in value:
            raise ValueError(f"journal: bad entry {key}")
    tmp = path.with_name(path.name + ".tmp")
    data = "".join(f"{key}={values.get(key, '')}\n" for key in KEYS).encode()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def read_journal(path: Path) -> dict[str, str] | None:
    """The pending journal's entries, None when no update is pending."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    entries = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            entries[key] = value
    return entries


def clear_journal(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    _fsync_dir(path.parent)
