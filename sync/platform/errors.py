"""The platform's admin failure a technician can act on (the CLI prints it, exit code 2), and the refusal of an HTTP
request (status + reason)."""

from __future__ import annotations

from typing import Any


class PlatformError(Exception):
    """A refused admin operation, with a message naming what is wrong (no personal data in it)."""

    exit_code = 2


class HttpError(Exception):
    """A request the platform refuses: the HTTP status and the JSON body `{"error": reason, **extra}` it answers."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": message, **extra}
