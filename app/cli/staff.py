"""`yunban staff sync|list|login-test|unlock|override|status`: staff identity on this terminal (docs/staff.md).

The password or PIN is read without echo from the terminal, or as the first line of standard input with
`--password-stdin` (never from the command line). `--json` keys (stable):
sync → `{version, changed, accounts, revoked}`; list → `{staff: [{staff_id, name, role, revoked, failures,
locked_until}], roster_version, offline}`; login-test → `{staff_id, role, window, offline}`;
unlock → `{unlocked}`; override → `{offline}`; status → `{offline: {level, hours, warn_hours, limit_hours,
override_until, override_by}}`. Exit 2 for a refusal (wrong password, locked, revoked, tampered roster).
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import math
import sys
from typing import Any

from app.cli.output import context, print_json, print_table
from app.errors import UserError
from app.i18n import cli_language
from app.model.clock import format_local


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("staff", parents=[common], help="staff accounts on this terminal (roster, log-in, unlock)")
    ss = p.add_subparsers(dest="staff_command", metavar="SUBCOMMAND")

    s = ss.add_parser("sync", parents=[common], help="fetch the hall's signed staff roster from the platform")
    s.set_defaults(func=cmd_sync)

    s = ss.add_parser("list", parents=[common], help="the accounts this terminal holds (no hashes) and lock-outs")
    s.set_defaults(func=cmd_list)

    s = ss.add_parser("login-test", parents=[common], help="check a staff id and password offline (audited)")
    s.add_argument("staff_id")
    s.add_argument("--password-stdin", action="store_true", help="read the password or PIN from standard input")
    s.set_defaults(func=cmd_login_test)

    s = ss.add_parser("unlock", parents=[common], help="a supervisor unlocks a locked-out account (audited)")
    s.add_argument("staff_id", help="the locked account")
    s.add_argument("--supervisor", required=True, help="the supervisor's staff id")
    s.add_argument("--password-stdin", action="store_true", help="read the supervisor's password from stdin")
    s.set_defaults(func=cmd_unlock)

    s = ss.add_parser(
        "override", parents=[common], help="a supervisor lifts the offline restriction for N hours (audited)"
    )
    s.add_argument("--supervisor", required=True, help="the supervisor's staff id")
    s.add_argument("--hours", type=int, required=True, metavar="N")
    s.add_argument("--password-stdin", action="store_true", help="read the supervisor's password from stdin")
    s.set_defaults(func=cmd_override)

    s = ss.add_parser("status", parents=[common], help="the offline state (hours since the last roster sync)")
    s.set_defaults(func=cmd_status)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _secret(args: Any, prompt: str) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        raise UserError("no terminal to ask the password on: use --password-stdin / 请用 --password-stdin 输入密码")
    return getpass.getpass(prompt)


def _offline(state: Any) -> dict[str, Any]:
    data = dataclasses.asdict(state)
    if not math.isfinite(data["hours"]):
        data["hours"] = None
    else:
        data["hours"] = round(data["hours"], 2)
    return data


def cmd_sync(args: Any) -> int:
    ctx = context(args)
    try:
        result = ctx.staff.sync(ctx.config.platform.url, ctx.sync_credentials())
    finally:
        ctx.close()
    if getattr(args, "json", False):
        print_json(
            {
                "version": result.version,
                "changed": result.changed,
                "accounts": result.accounts,
                "revoked": list(result.revoked),
            }
        )
    else:
        what = "updated" if result.changed else "unchanged"
        print(
            f"staff roster {what}: version {result.version}, {result.accounts} account(s)"
            + (f", revoked: {', '.join(result.revoked)}" if result.revoked else "")
        )
    return 0


def cmd_list(args: Any) -> int:
    ctx = context(args)
    try:
        accounts = ctx.staff.accounts()
        version = ctx.staff.table.roster_version()
        state = ctx.staff.offline_state()
    finally:
        ctx.close()
    if getattr(args, "json", False):
        print_json(
            {"staff": [dataclasses.asdict(a) for a in accounts], "roster_version": version, "offline": _offline(state)}
        )
        return 0
    rows = []
    for a in accounts:
        lock = format_local(a.locked_until) if a.locked_until else ("-" if not a.failures else f"{a.failures}x")
        rows.append((a.staff_id, a.name, a.role, "revoked" if a.revoked else "active", lock))
    print_table(("staff id", "name", "role", "state", "locked until"), rows)
    print(f"roster version {version}; offline: {state.level}")
    return 0


def cmd_login_test(args: Any) -> int:
    ctx = context(args)
    try:
        session = ctx.staff.login(args.staff_id, _secret(args, "password / 密码: "))
        state = ctx.staff.offline_state()
        warning = ctx.staff.offline_message(cli_language())
        ctx.staff.logout()
    finally:
        ctx.close()
    if getattr(args, "json", False):
        print_json(
            {"staff_id": session.staff_id, "role": session.role, "window": session.window, "offline": _offline(state)}
        )
    else:
        print(f"ok: {session.staff_id} ({session.role}) window {session.window or '-'}")
        if warning:
            print(warning)
    return 0


def cmd_unlock(args: Any) -> int:
    ctx = context(args)
    try:
        ctx.staff.unlock(args.supervisor, _secret(args, "supervisor password / 值班长密码: "), args.staff_id)
    finally:
        ctx.close()
    if getattr(args, "json", False):
        print_json({"unlocked": args.staff_id})
    else:
        print(f"unlocked: {args.staff_id}")
    return 0


def cmd_override(args: Any) -> int:
    ctx = context(args)
    try:
        state = ctx.staff.override_offline(
            args.supervisor, _secret(args, "supervisor password / 值班长密码: "), args.hours
        )
    finally:
        ctx.close()
    if getattr(args, "json", False):
        print_json({"offline": _offline(state)})
    else:
        print(f"offline: {state.level} for {args.hours} h")
    return 0


def cmd_status(args: Any) -> int:
    ctx = context(args)
    try:
        state = ctx.staff.offline_state()
        warning = ctx.staff.offline_message(cli_language())
    finally:
        ctx.close()
    if getattr(args, "json", False):
        print_json({"offline": _offline(state)})
    else:
        hours = "never synced" if not math.isfinite(state.hours) else f"{state.hours:.1f} h since the last sync"
        print(f"offline: {state.level} ({hours}; warn {state.warn_hours} h, limit {state.limit_hours} h)")
        if warning:
            print(warning)
    return 0
