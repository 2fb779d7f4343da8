"""The one normalisation of typed codes: identity numbers, credit codes, division codes and receipt numbers.

Contract: `normalise_code(text)` is applied *before* any check, by `yunban check id|uscc|division|receipt`, by the
forms (`app.forms.engine.normalise` stores it, `validate_answers` checks it) and by the validators themselves, so
every path sees the same characters and a number typed in groups is never "too long" in one place and valid in
another. It never raises and never turns one code into another: it only removes what is not part of any of these
codes and folds what is the same character written differently.

Steps, in order:
1. NFKC: full-width digits and letters (`５３２５`, `ｘ`) become ASCII; the ideographic space becomes a space.
2. Drop whitespace, zero-width and invisible characters (U+200B–U+200D, U+2060, U+FEFF, U+00AD soft hyphen),
   C0/C1 controls and bidi controls: none of them is a character of any code.
3. Drop the group separators people type: `-`, `_`, the Unicode dashes (U+2010–U+2015, U+2212 minus, U+FE58,
   U+FE63), `.` and `·` are *not* dropped (they are not separators of these codes and are reported where they are).
4. Upper-case (`x` → `X` for the check character of an identity number, letters of a credit code).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_code"]

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_BIDI = (
    "\u200e\u200f\u061c"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2066, 0x206A))
)
_DASHES = "-_\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
_DROP = re.compile("[\\s\x00-\x1f\x7f-\x9f" + re.escape(_INVISIBLE + _BIDI + _DASHES) + "]")


def normalise_code(value: str) -> str:
    """The code without spaces, dashes and invisible characters, half-width and upper case (see the module doc)."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", value)).upper()
    return _DROP.sub("", unicodedata.normalize("NFKC", text))  # upper() may leave a non-NFKC form (ǰ → J̌)
