"""Check characters written from the standards' own text, independently of app.identity.checksums, so test cases
built with them do not take the implementation's word for anything.

- GB 11643-1999 §5.5 (ISO 7064:1983 MOD 11-2): S = Σ a_i × W_i with W_i = 2^(i-1) mod 11 counted from the check
  position (i = 18 … 2), check = (12 − S mod 11) mod 11, 10 written X.
- GB 32100-2015 §4.5 and annex: code characters valued 0–30 by table (0–9, A=10 … Y=30 without I O S V Z),
  W_i = 3^(i-1) mod 31, check = 31 − S mod 31 (31 → 0).
- GB 11714-1997 §5: weights 3 7 9 10 5 8 4 2, letters A=10 … Z=35, check = 11 − S mod 11 (10 → X, 11 → 0).
"""

from __future__ import annotations

GB32100_TABLE = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015 table 2, in value order 0..30


def mod11_2(body: str) -> str:
    n = len(body) + 1
    s = sum(int(d) * pow(2, n - i, 11) for i, d in enumerate(body, start=1))
    c = (12 - s % 11) % 11
    return "X" if c == 10 else str(c)


def gb11714(body8: str) -> str:
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body8]
    c = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def gb32100(body17: str) -> str:
    s = sum(GB32100_TABLE.index(ch) * pow(3, i, 31) for i, ch in enumerate(body17))
    return GB32100_TABLE[(31 - s % 31) % 31]


def id_number(body17: str) -> str:
    return body17 + mod11_2(body17)


def uscc(authority: str, org_type: str, area: str, org8: str = "MA6K2Q3B") -> str:
    body = authority + org_type + area + org8 + gb11714(org8)
    return body + gb32100(body)
