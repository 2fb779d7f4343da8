"""The platform's admin failure a technician can act on (the CLI prints it, exit code 2)."""

from __future__ import annotations


class PlatformError(Exception):
    """A refused admin operation, with a message naming what is wrong (no personal data in it)."""

    exit_code = 2
