"""Exception text for the screens: `error_text(error, language)` renders a `UserError` in the kiosk's current language
and falls back to `str(error)` (or the exception's type name when that is empty) for anything else."""

from __future__ import annotations

from app.errors import UserError

__all__ = ["error_text"]


def error_text(error: BaseException, language: str) -> str:
    if isinstance(error, UserError):
        return error.message(language)
    return str(error) or type(error).__name__
