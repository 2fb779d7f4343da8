"""Masking identity numbers for screens and paper (a public screen, a receipt left on a counter).

Contract: the one ID-masking function of the terminal; log redaction (`app.logging_setup.redact`) finds numbers in
free text and is separate.
"""

from __future__ import annotations

__all__ = ["mask_id"]


def mask_id(value: str | None) -> str:
    """5301**********1234: the first four and last four characters of an ID number, the rest starred; a value of
    eight characters or fewer is starred whole (nothing of a short number is shown)."""
    if not value:
        return ""
    v = str(value)
    return v[:4] + "*" * (len(v) - 8) + v[-4:] if len(v) > 8 else "*" * len(v)
