"""`yunban enroll`: register this terminal with the provincial platform using a one-time code.

    yunban enroll --platform URL --code CODE [--force]
    yunban enroll --show

The key pair is made here and its private half goes into the keystore (`keyring.backend`); only the public key is
sent. Safe to retry with the same code if the reply was lost. `--json` keys: terminal_id, division, platform_url,
platform_public_key, keyring_backend (`--show`: enrolled plus the same keys).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.output import context, print_json
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
                print("not enrolled")
            else:
                print(f"terminal {identity.terminal_id} ({identity.division}) enrolled with {identity.platform_url}")
            return 0
        if not args.code:
            raise UserError("--code is required (get one with `yunban platform enroll-code` on the platform)")
        identity = enrollment.enroll(args.code, args.platform, force=args.force)
        if identity.division != ctx.config.terminal.division_code:
            print(
                f"note: the code was issued for division {identity.division} but terminal.division_code is "
                f"{ctx.config.terminal.division_code}; check config.toml",
                file=sys.stderr,
            )
        if identity.platform_url != ctx.config.platform.url.rstrip("/"):
            print(
                f"note: sync and catalog updates use platform.url = {ctx.config.platform.url}; set it (config.toml "
                f"or $YUNBAN_PLATFORM_URL) to {identity.platform_url} if this terminal should talk to it",
                file=sys.stderr,
            )
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
            print(f"enrolled: terminal {identity.terminal_id}, division {identity.division}")
            print(f"platform {identity.platform_url}, key pinned {identity.platform_public_key}")
            print(f"credentials kept in the {out['keyring_backend']} keystore")
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
