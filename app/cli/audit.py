"""`yunban audit verify|send|show`: the terminal's hash-chained audit log (docs/audit.md).

`verify` walks the whole chain and its anchors (the batches already handed to the outbox) and names the first broken
link; it exits 0 when the chain holds and 1 when it is broken (2 for a usage failure, as everywhere).
`--json` keys (stable): verify → `{ok, entries, head: {seq, hash}, anchored_seq, delivered_seq, first_broken:
null | {seq, reason, detail}}`; send → `{sent, unsent, entries}` (a broken chain is not sent: verify's keys, exit 1);
show → `{entries: [{seq, at, event, actor, subject, detail, prev, hash}]}`.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import messages as m
from app.cli.output import context, print_json, print_table
from app.errors import UserError
from app.i18n import cli_language
from app.model.clock import format_local

MAX_LIMIT = 10_000


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("audit", parents=[common], help="the hash-chained audit log (verify, show)")
    aus = p.add_subparsers(dest="audit_command", metavar="SUBCOMMAND")

    v = aus.add_parser("verify", parents=[common], help="prove the chain; name the first broken link (exit 1)")
    v.set_defaults(func=cmd_verify)

    snd = aus.add_parser("send", parents=[common], help="hand every entry not yet sent to the outbox now")
    snd.set_defaults(func=cmd_send)

    s = aus.add_parser("show", parents=[common], help="the newest entries (ids and receipt numbers only)")
    s.add_argument("--limit", type=int, default=20, metavar="N", help=f"how many, 1 to {MAX_LIMIT} (default 20)")
    s.set_defaults(func=cmd_show)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def cmd_verify(args: Any) -> int:
    ctx = context(args)
    try:
        report = ctx.audit.verify()
        if report.ok and ctx.audit.flush():  # a sound chain's waiting entries are anchored, then shown so
            report = ctx.audit.verify()
    finally:
        ctx.close()
    if args.json:
        print_json(report.as_json())
    else:
        print(report.text(cli_language()))
    return 0 if report.ok else 1


def cmd_send(args: Any) -> int:
    """Batch the waiting entries now; a broken chain is not anchored (reported as by `verify`, exit 1)."""
    ctx = context(args)
    try:
        report = ctx.audit.verify()
        if not report.ok:
            if args.json:
                print_json(report.as_json())
            else:
                print(report.text(cli_language()))
            return 1
        sent = ctx.audit.flush()
        health = ctx.audit.health(verify_now=False)
    finally:
        ctx.close()
    if args.json:
        print_json({"sent": sent, "unsent": health.unsent, "entries": health.entries})
    else:
        print(f"{sent} → outbox; {health.unsent} unsent; {health.entries} entries")
    return 0


def cmd_show(args: Any) -> int:
    if not 1 <= args.limit <= MAX_LIMIT:  # 0 or -1 used to show one entry silently
        raise UserError(m.LIMIT_RANGE, option="--limit", high=MAX_LIMIT)
    ctx = context(args)
    try:
        entries = ctx.audit.recent(args.limit)
    finally:
        ctx.close()
    if args.json:
        print_json({"entries": entries})
        return 0
    shown = [(e, format_local(e["at"], "%Y-%m-%d %H:%M:%S")) for e in entries]  # the zone's clock; --json keeps UTC
    rows = [(e["seq"], at, e["event"], e["actor"] or "-", e["subject"] or "-", e["hash"][:12]) for e, at in shown]
    print_table(("#", "at", "event", "actor", "subject", "hash"), rows)
    return 0
