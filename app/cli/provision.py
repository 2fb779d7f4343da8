"""`yunban provision [--division CODE] [--platform URL --code CODE] [--technician-pin PIN]`: set a terminal up in one
command: its division (checked against the bundled division table), enrollment with the platform (the platform URL
and division are then saved in `<home>/config.toml`, so `yunban sync run` and `yunban kiosk` use them), and the
technician's PIN (an argon2id hash in `<home>/technician.json`).

Contract: everything is checked before anything changes (an unknown division or a malformed PIN: exit 2, nothing
done); then enrollment, then the configuration (written only after enrollment succeeded, by editing just the
`[terminal] division_code` and `[platform] url` lines, the rest of the file kept), then the PIN. Each step prints
OK or FAIL; a failing step stops the command with exit code 2. `--json` keys: steps (a list of {step, ok, detail}),
and on failure error and code; after enrollment also terminal_id, division, platform_url.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from app.cli import messages as m
from app.cli.output import context, print_json
from app.errors import UserError

_TABLE = re.compile(r"^\s*\[([A-Za-z0-9_.\-]+)\]\s*(#.*)?$")


def set_toml_keys(text: str, values: dict[tuple[str, str], str]) -> str:
    """`text` with each `[table] key` set to its string value, by editing or adding that one line only (comments and
    every other line kept). Tables absent from the file are appended."""
    lines = text.splitlines()
    for (table, key), value in values.items():
        assignment = f"{key} = {json.dumps(value)}"
        key_line = re.compile(rf"^\s*{re.escape(key)}\s*=")
        current, header, done = "", None, False
        for n, line in enumerate(lines):
            found = _TABLE.match(line)
            if found:
                current = found.group(1).strip()
                if current == table:
                    header = n
                continue
            if current == table and key_line.match(line):
                lines[n] = assignment
                done = True
                break
        if done:
            continue
        if header is not None:
            lines.insert(header + 1, assignment)
        else:
            lines += ["", f"[{table}]", assignment]
    return "\n".join(lines) + "\n"


def save_config_keys(path: Path, values: dict[tuple[str, str], str]) -> None:
    """Write `values` into the configuration file, checking the result reads back with them before replacing it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    new = set_toml_keys(text, values)
    key = ", ".join(f"{t}.{k}" for t, k in values)
    try:
        data = tomllib.loads(new)
        for (table, name), value in values.items():
            if data.get(table, {}).get(name) != value:
                raise ValueError(f"{table}.{name} does not read back")
    except (tomllib.TOMLDecodeError, ValueError, AttributeError) as exc:
        raise UserError(m.CONFIG_EDIT_FAILED, path=path, key=key, error=exc) from exc
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(new, encoding="utf-8")
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(m.CONFIG_EDIT_FAILED, path=path, key=key, error=exc) from exc


def _provision(args: Any) -> int:
    from app.identity.divisions import chain_name, lookup
    from app.technician import messages as tm
    from app.technician.credential import TechnicianCredential, valid_pin

    steps: list[dict[str, Any]] = []
    out: dict[str, Any] = {"steps": steps}

    def report(step: str, ok: bool, detail: str) -> None:
        steps.append({"step": step, "ok": ok, "detail": detail})
        if not args.json:
            line = m.say(m.PROVISION_STEP_OK if ok else m.PROVISION_STEP_FAIL, step=step, detail=detail)
            print(line, file=sys.stdout if ok else sys.stderr)

    def fail(step: str, exc: UserError) -> int:
        report(step, False, str(exc))
        if args.json:
            print_json({**out, "error": str(exc), "code": exc.code})
        return exc.exit_code

    if not (args.division or args.code or args.platform or args.technician_pin is not None):
        raise UserError(m.PROVISION_NOTHING)
    # Checks first: nothing changes unless every argument is usable.
    if args.division is not None:
        division = args.division.strip()
        if not (re.fullmatch(r"[0-9]{12}", division) and lookup(division)):
            return fail("division", UserError(m.UNKNOWN_DIVISION, code=args.division))
        report("division", True, f"{division} {chain_name(division) or ''}".strip())
    if args.technician_pin is not None and not valid_pin(args.technician_pin):
        return fail("technician_pin", UserError(tm.PIN_FORMAT))
    if args.platform and not args.code:
        return fail("enroll", UserError(m.PLATFORM_NEEDS_CODE))

    ctx = context(args)
    try:
        if args.division is not None:
            ctx.config.terminal.division_code = args.division.strip()  # enrollment asks for this division
        saved: dict[tuple[str, str], str] = {}
        if args.code:
            try:
                identity = ctx.enrollment.enroll(args.code, args.platform, force=args.force)
            except UserError as exc:
                return fail("enroll", exc)
            report("enroll", True, f"{identity.terminal_id} @ {identity.platform_url}")
            out.update(terminal_id=identity.terminal_id, division=identity.division, platform_url=identity.platform_url)
            saved[("platform", "url")] = identity.platform_url
        if args.division is not None:
            saved[("terminal", "division_code")] = args.division.strip()
        if saved:
            try:
                save_config_keys(ctx.paths.config, saved)
            except UserError as exc:
                return fail("config", exc)
            report("config", True, ", ".join(f"{t}.{k} = {v}" for (t, k), v in saved.items()))
        if args.technician_pin is not None:
            try:
                TechnicianCredential(ctx.home).set_pin(args.technician_pin)
            except UserError as exc:
                return fail("technician_pin", exc)
            report("technician_pin", True, "argon2id → technician.json")
        if args.json:
            print_json(out)
        return 0
    finally:
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
