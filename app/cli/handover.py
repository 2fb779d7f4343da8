"""`yunban sync import BUNDLE` and `yunban sync import-ack ACK`: the USB hand-over (交接包) on the terminal side
(`app.sync.handover`; format `sync.handover`; the platform's half `yunban platform import-bundle`).

    yunban sync import BUNDLE.ybx [--ack-out DIR] [--json]     # a township terminal, online: relay, write the .yback
    yunban sync import-ack ACK.yback [--json]                  # the terminal that made the bundle: mark delivered

Exit codes: 0 every record is on the platform (import) / applied (import-ack); 1 some records were refused (listed);
2 the bundle or acknowledgement could not be used (message says why and what to do).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.audit.service import audit_event
from app.cli.output import context, print_json
from app.errors import UserError
from app.sync import messages as m
from sync.handover import DELIVERED_RESULTS

KEYSTORE_EXPORT_SECRET = "export_passphrase"
"""The keystore name `yunban sync export-passphrase` uses (app/cli/sync.py, which registers this module)."""


def register_sync(ss: Any, common: argparse.ArgumentParser) -> None:
    im = ss.add_parser(
        "import", parents=[common], help="relay a hand-over bundle (.ybx) from a terminal without network"
    )
    im.add_argument("bundle", type=Path, metavar="BUNDLE", help="the .ybx file `yunban sync export` wrote")
    im.add_argument(
        "--ack-out", type=Path, default=None, metavar="DIR", help="where to write the .yback (default: beside BUNDLE)"
    )
    im.set_defaults(func=cmd_import)

    ia = ss.add_parser(
        "import-ack", parents=[common], help="mark records delivered from the platform's hand-over receipt (.yback)"
    )
    ia.add_argument("ack", type=Path, metavar="ACK", help="the .yback file written where the bundle was imported")
    ia.set_defaults(func=cmd_import_ack)


def _say(message: Any, **params: Any) -> str:
    from app.cli.messages import say

    return say(message, **params)


def cmd_import(args: Any) -> int:
    from app.cli.progress import progress
    from app.sync.handover import relay_bundle

    ctx = context(args)
    try:
        try:
            passphrase = ctx.keystore.get(KEYSTORE_EXPORT_SECRET)
        except Exception:  # no keystore here: the platform checks the bundle alone
            passphrase = None
        client = ctx.sync.platform_client()
        try:
            # The bundle is streamed twice (read to hash and check it, then uploaded): both count in the bytes.
            size = 2 * args.bundle.stat().st_size if args.bundle.is_file() else None
            with progress(args, "sync import", total_bytes=size, unit="bytes") as reporter:
                sent = [0]

                def advance(done: int, total: int) -> None:
                    reporter.add_bytes(max(0, done - sent[0]))
                    if done >= total > sent[0]:  # the bar is full, the platform's answer is not: say what it waits on
                        reporter.note(_say(m.HANDOVER_IMPORTING))
                    sent[0] = done

                result = relay_bundle(
                    client, args.bundle, ack_out=args.ack_out, passphrase=passphrase or None, progress=advance
                )
        finally:
            client.close()
        audit_event(lambda: ctx.audit, "sync.import", actor="technician", bundle=result.bundle_sha256[:16],
                    records=result.summary.get("records", 0))  # fmt: skip
    finally:
        ctx.close()
    summary = dict(result.summary) | {"ack": str(result.ack_path)}
    refused = {k: v for k, v in summary.get("results", {}).items() if k not in DELIVERED_RESULTS}
    if args.json:
        print_json(summary)
    else:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.get("results", {}).items())) or "0"
        print(
            _say(
                m.HANDOVER_RELAYED,
                path=args.bundle,
                terminal=summary.get("terminal_id"),
                records=summary.get("records"),
                counts=counts,
                ack=result.ack_path,
            )
        )
        if not summary.get("first_import", True):
            print(_say(m.HANDOVER_REPLAYED))
    return 1 if refused else 0


def cmd_import_ack(args: Any) -> int:
    from app.sync.handover import ack_summary, apply_ack

    ctx = context(args)
    try:
        identity = ctx.enrollment.identity()
        if identity is None:
            from app.cli import messages as cli_messages

            raise UserError(cli_messages.NOT_ENROLLED)
        result = apply_ack(
            ctx.records_db, ctx.enrollment.platform_verifier(), identity.terminal_id, args.ack, ctx.sync.now_iso
        )
        audit_event(lambda: ctx.audit, "sync.import_ack", actor="technician", marked=len(result.marked),
                    refused=len(result.refused))  # fmt: skip
    finally:
        ctx.close()
    if args.json:
        print_json(ack_summary(result))
    else:
        print(
            _say(
                m.HANDOVER_ACK_APPLIED,
                marked=len(result.marked),
                already=len(result.already),
                refused=len(result.refused),
                unknown=len(result.unknown),
            )
        )
        for record, why in sorted(result.refused.items()):
            print(_say(m.HANDOVER_ACK_REFUSED_ROW, record=record, result=why))
    return 1 if result.refused else 0
