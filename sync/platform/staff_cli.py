"""`yunban platform staff add|list|revoke|reset`: a hall's staff accounts on the reference platform (issue 14 §1).

    yunban platform staff add --division CODE --id ID --name NAME --role ROLE [--password-stdin]
        (ROLE: clerk, supervisor, technician, grid_worker)
    yunban platform staff list [--division CODE] [--json]
    yunban platform staff revoke ID
    yunban platform staff reset ID [--password-stdin]

The password or PIN is read from the terminal without echo (asked twice), or as the first line of standard input
with `--password-stdin`; never from the command line (other users see it in `ps`). `--json` keys (stable):
add/revoke/reset → the account `{staff_id, division, name, role, created_at, updated_at, revoked_at, version}`;
list → `{staff: [account, ...]}`. The hash never leaves the platform except in the signed roster.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from sync.platform import admin as platform_main
from sync.platform import staff
from sync.platform.cli_common import data_dir, refuse_empty
from sync.platform.errors import PlatformError
from sync.platform.store_staff import ROLES

__all__ = ["register"]


def _store(args: Any) -> Any:
    return platform_main.open_store(data_dir(args), getattr(args, "database", None))


def _print(args: Any, account: dict[str, Any], verb: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(account, ensure_ascii=False, indent=2))
    else:
        state = "revoked" if account["revoked_at"] else "active"
        print(
            f"{verb}: {account['staff_id']} {account['name']} ({account['role']}, {account['division']}, {state}, "
            f"roster version {account['version']})"
        )


def read_secret(args: Any) -> str:
    """The new password or PIN: first line of stdin with --password-stdin, else asked twice without echo."""
    if args.password_stdin:
        line = sys.stdin.readline()
        secret = line[:-1] if line.endswith("\n") else line
        if not secret:
            raise PlatformError("--password-stdin: standard input is empty")
        return secret
    if not sys.stdin.isatty():
        raise PlatformError("no terminal to ask the password on: pass it on standard input with --password-stdin")
    first = getpass.getpass("password or PIN / 密码或 PIN: ")
    if getpass.getpass("again / 再输一次: ") != first:
        raise PlatformError("the two entries differ; nothing changed")
    return first


def _add(args: Any) -> int:
    staff.check_secret(secret := read_secret(args))
    store = _store(args)
    try:
        account = staff.add_staff(
            store, division=args.division, staff_id=args.id, name=args.name, role=args.role, secret=secret
        )
    finally:
        store.close()
    _print(args, account, "added")
    return 0


def _list(args: Any) -> int:
    refuse_empty("--division", args.division, "a division code", "to list every hall's")  # issue 17
    store = _store(args)
    try:
        accounts = staff.list_staff(store, args.division)
    finally:
        store.close()
    if getattr(args, "json", False):
        print(json.dumps({"staff": accounts}, ensure_ascii=False, indent=2))
        return 0
    for a in accounts:
        state = f"revoked {a['revoked_at']}" if a["revoked_at"] else "active"
        print(f"{a['division']}  {a['staff_id']:<16} {a['role']:<11} v{a['version']:<5} {state:<32} {a['name']}")
    if not accounts:
        print("no staff accounts")
    return 0


def _revoke(args: Any) -> int:
    store = _store(args)
    try:
        account = staff.revoke_staff(store, args.staff_id)
    finally:
        store.close()
    _print(args, account, "revoked")
    return 0


def _reset(args: Any) -> int:
    staff.check_secret(secret := read_secret(args))
    store = _store(args)
    try:
        account = staff.reset_staff(store, args.staff_id, secret)
    finally:
        store.close()
    _print(args, account, "reset")
    return 0


def register(psub: Any, common: argparse.ArgumentParser, data_opt: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `staff ...` under `yunban platform` (`data_opt` adds --data and --database as the other commands have)."""
    parser = psub.add_parser("staff", parents=[common], help="a hall's staff accounts (clerk, supervisor, technician)")
    ssub = parser.add_subparsers(dest="staff_command", metavar="SUBCOMMAND", required=True)

    p = ssub.add_parser("add", parents=[common], help="add a staff account (password or PIN hashed with argon2id)")
    p.add_argument("--division", required=True, help="the hall's 12-digit division code")
    p.add_argument("--id", required=True, help="staff id (3-32 letters, digits, _ or -; never an ID number)")
    p.add_argument("--name", required=True, help="the name shown at log-in")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--password-stdin", action="store_true", help="read the password or PIN from standard input")
    data_opt(p)
    p.set_defaults(func=_add)

    p = ssub.add_parser("list", parents=[common], help="staff accounts (without their hashes)")
    p.add_argument("--division", help="only this hall's accounts")
    data_opt(p)
    p.set_defaults(func=_list)

    p = ssub.add_parser("revoke", parents=[common], help="revoke an account (terminals refuse it at their next sync)")
    p.add_argument("staff_id")
    data_opt(p)
    p.set_defaults(func=_revoke)

    p = ssub.add_parser("reset", parents=[common], help="set a new password or PIN (reinstates a revoked account)")
    p.add_argument("staff_id")
    p.add_argument("--password-stdin", action="store_true", help="read the password or PIN from standard input")
    data_opt(p)
    p.set_defaults(func=_reset)
