"""The identity service: the terminal's configured card reader, read into `CardData`, and card events for the UI.

Contract: built by `AppContext.identity`; `watch(callback)` calls back on the reader's device thread (the UI's card
adapter re-emits each `CardEventData` as a Qt signal, and must only forward); failures are `CardReadFailed`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.config import CardReaderConfig
from app.devices.card_data import to_card_data, to_event_data
from app.devices.messages import DeviceFailure
from app.devices.registry import open_card_reader
from app.model.identity import CardData, CardEventData
from devices.card.base import CardError, CardEvent, CardReader
from devices.errors import UnknownDriverError

log = logging.getLogger(__name__)


class CardReadFailed(DeviceFailure):
    """A card could not be read; `code` is the driver's (no_card, card_removed, checksum, unknown_driver...)."""


class IdentityService:
    def __init__(self, settings: CardReaderConfig, *, language: str = "zh_CN") -> None:
        self.settings = settings
        self.language = language
        self._reader: CardReader | None = None

    def _open(self, driver: str | None = None, port: str | None = None) -> CardReader:
        try:
            return open_card_reader(self.settings, driver=driver, port=port)
        except (UnknownDriverError, CardError) as exc:
            raise CardReadFailed(exc) from exc

    @property
    def reader(self) -> CardReader:
        """The configured reader (created on first use, closed by `close`)."""
        if self._reader is None:
            self._reader = self._open()
        return self._reader

    def install_reader(self, reader: CardReader) -> CardReader:
        """Use `reader` if no reader was opened yet (the service closes it); returns the reader in use."""
        if self._reader is None:
            self._reader = reader
        return self._reader

    def read_card(self, *, timeout: float = 10.0, driver: str | None = None, port: str | None = None) -> CardData:
        """Wait for a card and read it; a driver or port other than the configured one gets a one-off reader."""
        one_off = driver is not None or port is not None
        reader = self._open(driver, port) if one_off else self.reader
        try:
            return to_card_data(reader.read_card(timeout), language=self.language)
        except CardError as exc:
            raise CardReadFailed(exc) from exc
        finally:
            if one_off:
                reader.close()

    def watch(self, on_event: Callable[[CardEventData], None]) -> None:
        """Report every card laid on the configured reader. `on_event` runs on the device thread."""

        def forward(event: CardEvent) -> None:
            # An error is worded by `error.message(language)`: the devices' catalog, installed by app.devices.messages.
            on_event(to_event_data(event, language=self.language))

        try:
            self.reader.watch(forward)
        except CardError as exc:
            raise CardReadFailed(exc) from exc

    def stop_watching(self) -> None:
        if self._reader is not None:
            self._reader.stop_watching()

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
