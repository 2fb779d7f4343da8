"""`yunban provision [--division CODE] [--platform URL --code CODE] [--technician-pin PIN]`: set a terminal up in one
command: its division (checked against the bundled division table), enrollment with the platform (the platform URL
and division are then saved in `<home>/config.toml`, so `yunban sync run` and `yunban kiosk` use them), and the
technician's PIN (an argon2id hash in `<home>/technician.json`). The steps are `app.provisioning` (shared with the
kiosk's provisioning screen); this module parses, prints and exits.

Contract: everything is checked before anything changes (an unknown division or a malformed PIN: exit 2, nothing
done); then enrollment, then the configuration (written only after enrollment succeeded, by editing just the
`[terminal] division_code` and `[platform] url` lines, the rest of the file kept; a symlinked `config.toml` is
written through to its target), then the PIN. Each step prints OK or FAIL; a failing step stops the command with exit
code 2. `--json` keys: steps (a list of {step, ok, detail}), and on failure error and code; after enrollment also
terminal_id, division, platform_url.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli import messages as m
from app.cli.output import context, print_json
from app.errors import UserError
from app.provisioning.config_file import save_config_keys, set_toml_keys

__all__ = ["register", "save_config_keys", "set_toml_keys"]


def _provision(args: Any) -> int:
    from app.provisioning.service import ProvisioningService
    from app.provisioning.steps import Plan, StepFailed, precheck, run

    steps: list[dict[str, Any]] = []
    out: dict[str, Any] = {"steps": steps}

    def report(step: str, ok: bool, detail: str) -> None:
        steps.append({"step": step, "ok": ok, "detail": detail})
        if not args.json:
            line = m.say(m.PROVISION_STEP_OK if ok else m.PROVISION_STEP_FAIL, step=step, detail=detail)
            print(line, file=sys.stdout if ok else sys.stderr)

    def fail(failed: StepFailed) -> int:
        if args.json:
            print_json({**out, "error": str(failed.error), "code": failed.error.code})
        return failed.error.exit_code

    plan = Plan(args.division, args.platform, args.code, args.technician_pin, args.force)
    if plan.empty:
        raise UserError(m.PROVISION_NOTHING)
    try:
        precheck(plan, report)  # nothing changes unless every argument is usable
    except StepFailed as failed:
        return fail(failed)
    ctx = context(args)
    service = ProvisioningService(ctx)
    try:
        try:
            out.update(run(service, plan, report))
        except StepFailed as failed:
            return fail(failed)
        if args.json:
            print_json(out)
        return 0
    finally:
        service.close()
        ctx.close()


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "provision",
        parents=[common],
        help="set the terminal up: division, enrollment (saves platform URL), technician PIN",
        description="Each given step runs and reports OK/FAIL; arguments are checked before anything changes, and "
        "config.toml is updated only after enrollment succeeded.",
    )
    p.add_argument("--division", metavar="CODE", help="the terminal's 12-digit division code (saved in config.toml)")
    p.add_argument("--platform", metavar="URL", help="platform URL to enroll with (saved in config.toml)")
    p.add_argument("--code", help="one-time enrollment code from the platform")
    p.add_argument("--force", action="store_true", help="enroll again although already enrolled (new key)")
    p.add_argument("--technician-pin", metavar="PIN", help="set the technician's PIN (6–12 digits)")
    p.set_defaults(func=_provision)
