"""The services of one terminal, built lazily from its data directory and configuration.

This is the service half of the composition root: the CLI and `app.main` (which also builds the UI) get every
service from here, so both faces go through exactly the same code. Services are created on first use, so a command
pays only for what it touches.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import Config, load_config
from app.logging_setup import setup_logging
from app.paths import HomePaths, resolve_home

if TYPE_CHECKING:
    from app.catalog import CatalogService
    from app.identity.service import IdentityService

log = logging.getLogger(__name__)


class AppContext:
    """One terminal: its data directory, its configuration and (lazily) its services."""

    def __init__(self, home: str | Path | None = None, config: Config | None = None) -> None:
        self.paths = HomePaths(resolve_home(home))
        if config is None:
            from app.config import config_template

            if not self.paths.config.exists():
                self.paths.config.write_text(config_template(), encoding="utf-8")
            config = load_config(self.paths.config)
        self.config = config
        setup_logging(self.paths.logs, config.logging)

    @property
    def home(self) -> Path:
        return self.paths.home

    # Services are added below as cached properties, one per domain (catalog, identity, records, sync, devices).

    @cached_property
    def catalog(self) -> CatalogService:
        """The item catalog; a fresh data directory is filled from the bundled demo catalog on first use.

        Raises `app.catalog.CatalogUnavailable` (a UserError) for a corrupt database or an unknown terminal division.
        """
        from app.catalog import open_for_config

        service = open_for_config(self.paths.catalog_db, self.config)
        self._closers.append(service)
        return service

    @cached_property
    def identity(self) -> IdentityService:
        """The configured ID-card reader and card reads as `CardData`; see app/identity/service.py."""
        from app.identity.service import IdentityService

        service = IdentityService(self.config.devices.card, language=self.config.terminal.language)
        self._closers.append(service)
        return service

    @cached_property
    def _closers(self) -> list[object]:
        return []

    def close(self) -> None:
        """Release databases, device threads and servers held by services."""
        for obj in reversed(self._closers):
            close = getattr(obj, "close", None)
            if callable(close):
                try:
                    close()
                except Exception:  # close everything even if one fails
                    log.exception("closing %r failed", obj)
        self._closers.clear()
