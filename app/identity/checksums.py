"""Check characters of the national identifier standards, as pure functions over the leading characters.

Each function takes the code *without* its check character and returns the check character the standard demands.
Callers (validators with reasons in `app.identity.validators`, receipt and form code) compare it with what they got.
Inputs are assumed to be in the right alphabet and length; a `ValueError` says otherwise.

- GB 11643-1999 citizen identity number: ISO 7064 MOD 11-2 over 17 digits, check `0`–`9` or `X`.
- GB 11714-1997 organisation code: 8 characters (digits, capital letters), weights 3 7 9 10 5 8 4 2, MOD 11.
- GB 32100-2015 unified social credit code: 17 characters over a 31-character alphabet (no I O S V Z),
  weights 3^i mod 31, MOD 31.
"""

from __future__ import annotations

__all__ = [
    "GB32100_ALPHABET",
    "gb11643_check_char",
    "gb11714_check_char",
    "gb32100_check_char",
    "iso7064_mod11_2",
]

_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of a unified social credit code: digits and capital letters without I, O, S, V, Z."""
_GB32100_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28


def iso7064_mod11_2(digits: str) -> str:
    """ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) over any number of decimal digits: GB 11643's scheme, also
    used for receipt numbers and draft codes."""
    p = 0
    for ch in digits:
        if not ch.isdigit():  # as before: a receipt number typed in full-width digits is still checked
            raise ValueError("ISO 7064 MOD 11-2 covers decimal digits only")
        p = ((p + int(ch)) * 2) % 11
    check = (12 - p) % 11
    return "X" if check == 10 else str(check)


def gb11643_check_char(first17: str) -> str:
    """The 18th character of a citizen identity number (GB 11643, ISO 7064 MOD 11-2): `0`–`9` or `X`."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("GB 11643 needs exactly 17 digits")
    return iso7064_mod11_2(first17)


def _gb11714_value(ch: str) -> int:
    if ch.isascii() and ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    raise ValueError(f"GB 11714 allows digits and capital letters only, got {ch!r}")


def gb11714_check_char(first8: str) -> str:
    """The 9th character of an organisation code (GB 11714): `0`–`9` or `X`."""
    if len(first8) != 8:
        raise ValueError("GB 11714 needs exactly 8 characters")
    total = sum(_gb11714_value(c) * w for c, w in zip(first8, _GB11714_WEIGHTS, strict=True))
    value = 11 - total % 11
    if value == 10:
        return "X"
    return "0" if value == 11 else str(value)


def gb32100_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100): one of `GB32100_ALPHABET`."""
    if len(first17) != 17:
        raise ValueError("GB 32100 needs exactly 17 characters")
    total = 0
    for ch, weight in zip(first17, _GB32100_WEIGHTS, strict=True):
        index = GB32100_ALPHABET.find(ch)
        if index < 0:
            raise ValueError(f"GB 32100 does not use the character {ch!r}")
        total += index * weight
    return GB32100_ALPHABET[(31 - total % 31) % 31]
