"""Editing `<home>/config.toml` in place for provisioning: set single `[table] key = "value"` lines and keep every
comment and other line.

Contract: `save_config_keys` checks the edited text reads back with the new values before anything is written, then
replaces the file atomically (a temporary file beside it, `os.replace`). A `config.toml` that is a symlink (an
installed terminal links `/var/lib/yunban/config.toml` to `/etc/yunban/config.toml`) is followed: the link's target
is replaced, the link stays a link. Failures raise `UserError(CONFIG_EDIT_FAILED)` and leave the file as it was.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

from app.errors import UserError
from app.provisioning import messages as m

__all__ = ["check_writable", "save_config_keys", "set_toml_keys"]

_TABLE = re.compile(r"^\s*\[([A-Za-z0-9_.\-]+)\]\s*(#.*)?$")


def set_toml_keys(text: str, values: dict[tuple[str, str], str]) -> str:
    """`text` with each `[table] key` set to its string value, by editing or adding that one line only (comments and
    every other line kept). Tables absent from the file are appended."""
    lines = text.splitlines()
    for (table, key), value in values.items():
        assignment = f"{key} = {json.dumps(value)}"
        key_line = re.compile(rf"^\s*{re.escape(key)}\s*=")
        current, header, done = "", None, False
        for n, line in enumerate(lines):
            found = _TABLE.match(line)
            if found:
                current = found.group(1).strip()
                if current == table:
                    header = n
                continue
            if current == table and key_line.match(line):
                lines[n] = assignment
                done = True
                break
        if done:
            continue
        if header is not None:
            lines.insert(header + 1, assignment)
        else:
            lines += ["", f"[{table}]", assignment]
    return "\n".join(lines) + "\n"


def _target(path: Path) -> Path:
    """The file to write: `path` itself, or where its symlink(s) point (which may not exist yet)."""
    return path.resolve() if path.is_symlink() else path


def _key_names(values: dict[tuple[str, str], str]) -> str:
    return ", ".join(f"{t}.{k}" for t, k in values)


def check_writable(path: Path, values: dict[tuple[str, str], str]) -> None:
    """Raise `CONFIG_EDIT_FAILED` now if `save_config_keys(path, values)` could not write (a read-only directory or
    file, an unreadable or unparsable file): checked before enrollment, so a terminal is not left enrolled with a
    configuration that could not be saved."""
    target = _target(path)
    key = _key_names(values)
    try:
        text = target.read_text(encoding="utf-8") if target.exists() else ""
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(m.CONFIG_EDIT_FAILED, path=target, key=key, error=exc) from exc
    directory = target.parent
    if not os.access(directory, os.W_OK | os.X_OK):
        error = PermissionError(f"{directory} is not writable")
        raise UserError(m.CONFIG_EDIT_FAILED, path=target, key=key, error=error)


def save_config_keys(path: Path, values: dict[tuple[str, str], str]) -> None:
    """Write `values` into the configuration file, checking the result reads back with them before replacing it."""
    target = _target(path)
    key = _key_names(values)
    try:
        text = target.read_text(encoding="utf-8") if target.exists() else ""
        new = set_toml_keys(text, values)
        data = tomllib.loads(new)
        for (table, name), value in values.items():
            if data.get(table, {}).get(name) != value:
                raise ValueError(f"{table}.{name} does not read back")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, AttributeError) as exc:
        raise UserError(m.CONFIG_EDIT_FAILED, path=target, key=key, error=exc) from exc
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(new, encoding="utf-8")
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(m.CONFIG_EDIT_FAILED, path=target, key=key, error=exc) from exc
