"""`yunban check id|uscc|division|receipt VALUE`: validate a typed identifier and say what to fix.

Contract: JSON `{valid, kind, reason, normalized}`; for `id` also `birth_date`, `gender`, `region`, `address_code`
(`current` / `historical` GB/T 2260 code, null when not a resident number) and `converted` (the 18-digit number of a
15-digit first-generation number, else null); for `division` also `known`, `name` and `historical`. The reason is in
`--lang`, else the CLI's language. Exit code 0 when valid, 1 when not. Every value goes through
`app.identity.normalise.normalise_code` first, the normalisation the forms use (receipt numbers too), so the CLI and
the forms agree on every value (tests/integration/cli/test_check_agrees_with_forms.py).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import messages as m
from app.cli.output import print_json
from app.i18n import cli_language

KINDS = {
    "id": "citizen ID (GB 11643) or HK/Macao/Taiwan residence permit / foreign permanent resident ID number",
    "uscc": "unified social credit code (GB 32100)",
    "division": "division code of 2, 4, 6, 9 or 12 digits (GB/T 2260 + statistical codes)",
}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "check",
        parents=[common],
        help="validate an ID number, credit code, division code or receipt number, saying what to fix",
    )
    checksub = parser.add_subparsers(dest="check_kind", metavar="KIND")
    for kind, help_text in KINDS.items():
        p = checksub.add_parser(kind, parents=[common], help=help_text)
        p.add_argument("value", metavar="VALUE")
        p.add_argument(
            "--lang", choices=["zh_CN", "en"], default=None, help="language of the reason (default: the CLI's language)"
        )
        p.set_defaults(func=_run, check_kind=kind)
    rp = checksub.add_parser(
        "receipt",
        parents=[common],
        help="receipt number (受理编号): which part is wrong (length, terminal, date, sequence, check character)",
    )
    rp.add_argument("value", metavar="NUMBER", help="a receipt number, or the payload of a receipt's QR code")
    rp.set_defaults(func=_run_receipt, check_kind="receipt")


def _run_receipt(args: argparse.Namespace) -> int:
    """`check receipt`: `{valid, kind: "receipt", normalized, reason, division, terminal, date, sequence, part}`
    (`part`: which part is wrong, see `receipt_problem`); exit 1 when invalid. No terminal state is needed
    (docs/receipt-number.md)."""
    import datetime as dt

    from app.apply.shared import parse_qr
    from app.identity.normalise import normalise_code
    from app.records.service import validate_receipt_no

    number, _ = parse_qr(args.value)
    number = normalise_code(number)
    valid = validate_receipt_no(number)
    data: dict[str, Any] = {"valid": valid, "kind": "receipt", "normalized": number, "reason": None,
                            "division": None, "terminal": None, "date": None, "sequence": None,
                            "part": None}  # fmt: skip
    if valid:
        data.update(division=number[:12], terminal=number[12:14], sequence=int(number[20:24]),
                    date=dt.datetime.strptime(number[14:20], "%y%m%d").date().isoformat())  # fmt: skip
    else:
        data["part"], data["reason"] = receipt_problem(number)
    if args.json:
        print_json(data)
    elif valid:
        print(f"{number}: {m.say(m.VALID)}")
    else:
        print(m.say(m.VERDICT_BECAUSE, value=number, verdict=m.say(m.INVALID), reason=data["reason"]))
    return 0 if valid else 1


def receipt_problem(number: str) -> tuple[str, str]:
    """Which part of an invalid receipt number is wrong (docs/receipt-number.md), and why: `length`, `character`,
    `terminal`, `date`, `sequence` or `check` (the check character does not match the first 24 digits)."""
    import datetime as dt

    from app.identity.checksums import iso7064_mod11_2

    if len(number) != 25:
        return "length", m.say(m.RECEIPT_LENGTH, n=len(number))
    for position, char in enumerate(number, 1):
        if not (char.isascii() and char.isdigit()) and not (position == 25 and char == "X"):
            return "character", m.say(m.RECEIPT_CHARACTER, position=position, char=char)
    if number[12:14] == "00":
        return "terminal", m.say(m.RECEIPT_TERMINAL)
    try:
        dt.datetime.strptime(number[14:20], "%y%m%d")
    except ValueError:
        return "date", m.say(m.RECEIPT_DATE, date=number[14:20])
    if number[20:24] == "0000":
        return "sequence", m.say(m.RECEIPT_SEQUENCE)
    expected = iso7064_mod11_2(number[:24])
    if expected != number[24]:
        return "check", m.say(m.RECEIPT_CHECK_CHARACTER, found=number[24], expected=expected)
    return "format", m.say(m.RECEIPT_FORMAT)


def _run(args: argparse.Namespace) -> int:
    # Validation needs no terminal state, so no AppContext (and no data directory) is created here.
    from app.identity.policy import configure_from_home
    from app.identity.validators import validate

    language = args.lang or cli_language()
    if args.check_kind == "id":
        configure_from_home(args.home)  # the terminal's [identity] birth-date bound, as its forms apply it
    result = validate(args.check_kind, args.value)
    data: dict[str, Any] = {
        "valid": result.valid,
        "kind": result.kind,
        "reason": result.reason(language),
        "normalized": result.normalized,
    }
    if args.check_kind == "id":
        for key in ("birth_date", "gender", "region", "address_code", "converted"):
            data[key] = result.details.get(key)
        if language == "en" and data["gender"] is not None:
            data["gender"] = {"男": "male", "女": "female"}[data["gender"]]
    elif args.check_kind == "division":
        data["known"] = result.details.get("known")
        data["name"] = result.details.get("name")
        data["historical"] = result.details.get("historical", False)
    if args.json:
        print_json(data)
    else:
        verdict = (m.VALID if result.valid else m.INVALID).render(language)
        kind = f" ({result.kind})" if result.kind else ""  # issue 17: no "(None)", no Python booleans
        print(f"{result.normalized or repr(args.value)}: {verdict}{kind}")
        for key, value in data.items():
            if key not in ("valid", "kind", "normalized") and value is not None:
                print(f"  {key}: {({True: 'yes', False: 'no'}[value]) if isinstance(value, bool) else value}")
    return 0 if result.valid else 1
