"""Where a terminal keeps its state.

Order of precedence: the `--home DIR` option of every command, then `YUNBAN_HOME`, then the platform's user data
directory (platformdirs). Tests and technicians point `--home` at a scratch directory to isolate a terminal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_HOME = "YUNBAN_HOME"


def home_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory by the order of precedence above, without creating it."""
    if explicit:
        home = Path(explicit)
    elif os.environ.get(ENV_HOME):
        home = Path(os.environ[ENV_HOME])
    else:
        home = Path(platformdirs.user_data_dir("yunban", appauthor=False))
    return home.expanduser().resolve()


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory, creating it if needed."""
    home = home_dir(explicit)
    home.mkdir(parents=True, exist_ok=True)
    return home


@dataclass(frozen=True, slots=True)
class HomePaths:
    """The files of one terminal's data directory."""

    home: Path

    @property
    def config(self) -> Path:
        return self.home / "config.toml"

    @property
    def catalog_db(self) -> Path:
        return self.home / "catalog.db"

    @property
    def records_db(self) -> Path:
        return self.home / "records.db"

    @property
    def attachments(self) -> Path:
        return self.home / "attachments"

    @property
    def logs(self) -> Path:
        return self.home / "logs"
