"""`yunban submit --item CODE --data FILE.json [--attach SLOT=FILE …] [--card-json FILE] [--print URI]`: apply for
an item without the screens, through exactly the same ApplyService as the kiosk.

Contract: FILE.json maps field ids to values (answers win over `--card-json`, the output of `yunban devices
read-card --json`); SLOT is a material field's id or material id. JSON: `{receipt_no, record_id, due_date,
outbox: "pending"}`, plus `printed`/`print_queued`/`print_message` with --print. A failed submit (an unknown
field, a refused attachment, an unknown slot, a form error, an interruption) leaves no draft behind unless
`--keep-draft` asks for one; the files named are read as regular files only, with size and depth caps.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.apply.files import load_json
from app.cli import messages as m
from app.cli.output import context, print_json
from app.errors import UserError

MAX_DATA_BYTES = 4 * 1024 * 1024
"""--data and --card-json: a regular file of at most this size, nested at most 32 levels (app.apply.files)."""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("submit", parents=[common], help="apply for an item (or 一件事 theme) non-interactively")
    p.add_argument("--item", required=True, metavar="CODE", help="item code or 一件事 theme code")
    p.add_argument("--data", required=True, metavar="FILE.json", help="answers: a JSON object of field id → value")
    p.add_argument("--attach", action="append", default=[], metavar="SLOT=FILE", help="a material page (repeatable)")
    p.add_argument("--card-json", metavar="FILE", help="the output of `yunban devices read-card --json`")
    p.add_argument("--defer", action="append", default=[], metavar="SLOT", help="容缺: bring this material later")
    p.add_argument("--print", dest="print_uri", metavar="URI", help="print the receipt on this printer")
    p.add_argument("--channel", default="counter", choices=["kiosk", "counter", "laptop"])
    p.add_argument(
        "--keep-draft", action="store_true", help="keep a (counter) draft of what was entered when the submit fails"
    )
    p.set_defaults(func=_run)


def _load_json(path: str, what: str) -> Any:
    return load_json(Path(path), option=what, cap=MAX_DATA_BYTES)


def _run(args: argparse.Namespace) -> int:
    answers = _load_json(args.data, "--data")
    if not isinstance(answers, dict):
        raise UserError(m.DATA_NOT_OBJECT)
    card = _load_json(args.card_json, "--card-json") if args.card_json else None
    if card is not None and not isinstance(card, dict):
        raise UserError(m.CARD_NOT_OBJECT)
    attachments = []
    for spec in args.attach:
        slot, sep, file = spec.partition("=")
        if not sep or not slot or not file:
            raise UserError(m.BAD_ATTACH, spec=repr(spec))
        attachments.append((slot, Path(file)))
    ctx = context(args)
    try:
        service = ctx.apply
        if args.print_uri:
            printer = ctx.printer.with_overrides(uri=args.print_uri)
            service = service.with_printer(lambda: printer)
        # Without --keep-draft no draft row is ever written (autosave off): a refusal or a kill at any step leaves
        # no draft holding card data; pages already stored are released here, or collected as orphans after a kill.
        session = service.start(args.item, channel=args.channel, autosave=args.keep_draft)
        try:
            warnings: list[str] = []
            if card is not None:
                warnings += service.apply_card(session, card).warnings
            service.save_page(session, answers)
            for slot, file in attachments:
                service.add_page(session, slot, file)
            for slot in args.defer:
                service.mark_deferred(session, slot)
            result = service.finalise(session, print_receipt=bool(args.print_uri))
        except BaseException:
            service.discard(session, drop_draft=not args.keep_draft)
            raise
        service.discard(session)
    finally:
        ctx.close()
    data = result.to_json()
    if args.print_uri:
        data.update(printed=result.printed, print_queued=result.print_queued, print_message=result.print_message)
    if args.json:
        for w in warnings:
            print(m.say(m.NOTE, warning=w), file=sys.stderr)
        print_json(data)
    else:
        print(m.say(m.SUBMITTED_RECEIPT, receipt=result.receipt_no))
        print(m.say(m.SUBMITTED_DUE, due=result.due_date or "-"))
        print(m.say(m.SUBMITTED_RECORD, record=result.record_id, outbox=result.outbox))
        for w in warnings:
            print(m.say(m.NOTE, warning=w))
        if result.print_message:
            print(result.print_message)
    return 0
