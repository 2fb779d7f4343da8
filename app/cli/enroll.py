"""`yunban enroll --platform URL --code CODE [--force]` / `--show`: register this terminal with the provincial
platform using a one-time code; the key pair is made here and only the public key is sent (safe to retry).

Contract: `--json` keys: terminal_id, division, platform_url, platform_public_key, keyring_backend (`--show`:
enrolled plus the same keys).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import messages as m
from app.cli.output import context, print_json
from app.cli.style import print_warning
from app.errors import UserError


def _enroll(args: Any) -> int:
    ctx = context(args)
    try:
        enrollment = ctx.enrollment
        if args.show:
            identity = enrollment.identity()
            if args.json:
                print_json({"enrolled": identity is not None, **(vars_of(identity) if identity else {})})
            elif identity is None:
                print(m.bilingual(m.NOT_ENROLLED_SHORT))
                print(m.say(m.ENROLL_HINT))
            else:  # both languages, one per line: a technician reads either
                params = {"terminal": identity.terminal_id, "division": identity.division,
                          "platform": identity.platform_url}  # fmt: skip
                for line in m.bilingual(m.ENROLLED_AS, **params).split(" / "):
                    print(line)
            return 0
        if not args.code:
            raise UserError(m.CODE_REQUIRED)
        identity = enrollment.enroll(args.code, args.platform, force=args.force)
        if identity.division != ctx.config.terminal.division_code:
            configured = ctx.config.terminal.division_code
            print_warning(m.say(m.NOTE_DIVISION, issued=identity.division, configured=configured))
        if identity.platform_url != ctx.config.platform.url.rstrip("/"):
            note = m.say(m.NOTE_PLATFORM_URL, configured=ctx.config.platform.url, platform=identity.platform_url)
            print_warning(note)
        out = {
            "terminal_id": identity.terminal_id,
            "division": identity.division,
            "platform_url": identity.platform_url,
            "platform_public_key": identity.platform_public_key,
            "keyring_backend": enrollment.keystore.backend_name,
        }
        if args.json:
            print_json(out)
        else:
            print(m.say(m.ENROLLED, terminal=identity.terminal_id, division=identity.division))
            print(m.say(m.ENROLLED_PLATFORM, platform=identity.platform_url, key=identity.platform_public_key))
            print(m.say(m.ENROLLED_KEYSTORE, backend=out["keyring_backend"]))
        return 0
    finally:
        ctx.close()


def vars_of(identity: Any) -> dict[str, Any]:
    return {
        "terminal_id": identity.terminal_id,
        "division": identity.division,
        "platform_url": identity.platform_url,
        "platform_public_key": identity.platform_public_key,
        "enrolled_at": identity.enrolled_at,
    }


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("enroll", parents=[common], help="register this terminal with the platform (one-time code)")
    p.add_argument("--platform", metavar="URL", help="platform URL (default: platform.url / $YUNBAN_PLATFORM_URL)")
    p.add_argument("--code", help="one-time enrollment code from the platform")
    p.add_argument("--force", action="store_true", help="enroll again although already enrolled (new key)")
    p.add_argument("--show", action="store_true", help="show the current enrollment")
    p.set_defaults(func=_enroll)
