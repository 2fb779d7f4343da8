"""The exception every service raises for a failure a person can act on.

The CLI prints `UserError` messages as they are (exit code 2, or `{"error": ...}` with `--json`); the UI shows them
in a dialog. Anything else is a bug and is logged with its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure with a message fit for a technician or citizen (no personal data in it)."""

    exit_code = 2
