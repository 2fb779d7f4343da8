"""`yunban records make-test|show|purge-drafts|acknowledge-new-db`: finalised records on this terminal (test records
through the real finalise path, lookup by record id or receipt number, the draft retention purge, a technician's
acceptance of a new records.db).

Contract: `--json` keys as printed by each command are stable; status lines are in the CLI's language.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import messages
from app.cli.output import context, print_json, print_table, refuse_empty
from app.errors import UserError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("records", parents=[common], help="finalised records (test records, lookup, draft purge)")
    rs = p.add_subparsers(dest="records_command", metavar="SUBCOMMAND")

    mk = rs.add_parser("make-test", parents=[common], help="write N finalised test submissions (marked 测试记录)")
    mk.add_argument("--count", type=int, required=True, metavar="N", help="how many, 1 to 100000")
    mk.add_argument("--attachment-kb", type=int, default=0, metavar="K",
                    help="one attachment of K KiB per record, 0 to 102400 (default 0: none)")  # fmt: skip
    mk.set_defaults(func=cmd_make_test)

    sh = rs.add_parser(
        "show", parents=[common], help="one record by id or receipt number (times in the terminal's zone)"
    )
    sh.add_argument("key", metavar="ID|RECEIPT", help="a record id or a receipt number (受理编号)")
    sh.set_defaults(func=cmd_show)

    pd = rs.add_parser("purge-drafts", parents=[common], help="delete drafts past their keep-until date")
    pd.set_defaults(func=cmd_purge_drafts)

    ack = rs.add_parser(
        "acknowledge-new-db",
        parents=[common],
        help="accept a new, emptied or replaced records.db: receipt numbers continue after the last one issued",
    )
    ack.add_argument("--force", action="store_true", help="re-bind the keystore's marker even if nothing was replaced")
    ack.set_defaults(func=cmd_acknowledge_new_db)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def cmd_acknowledge_new_db(args: Any) -> int:
    """A technician checked why records.db is new (restored from a backup, re-created after damage) and accepts it:
    the keystore's marker (app/records/marker.py) carries the last receipt sequence of its day into the database, so
    numbering resumes without repeating a number already issued; the marker then names this database."""
    from app.records import messages as rm

    ctx = context(args)
    try:
        day, nxt = ctx.numbering_marker.acknowledge(force=args.force)
        path = ctx.paths.records_db
    finally:
        ctx.close()
    if args.json:
        print_json({"acknowledged": str(path), "day": day, "next_sequence": nxt})
    else:
        print(messages.say(rm.RECORDS_DB_ACKNOWLEDGED, path=path, day=day or "-", next=nxt))
    return 0


def cmd_make_test(args: Any) -> int:
    """Real finalised TEST submissions through `RecordsService.finalise`, exactly like the apply flow: each record is
    signed (when the terminal is enrolled), numbered, stored with its attachment and enqueued in one transaction.
    Its payload carries `test_record: true` and the item name says 测试记录, so nobody mistakes it for a citizen's
    application."""
    if args.count < 1 or args.count > 100_000:
        raise UserError(messages.COUNT_RANGE)
    if args.attachment_kb < 0 or args.attachment_kb > 100 * 1024:
        raise UserError(messages.ATTACHMENT_KB_RANGE)
    ctx = context(args)
    try:
        from app.cli.progress import progress

        size = args.count * args.attachment_kb * 1024
        with progress(args, "records make-test", total=args.count, total_bytes=size or None, unit="records") as bar:
            step = args.attachment_kb * 1024

            def made_one(n: int) -> None:
                bar.advance(n - bar.done, (n - bar.done) * step)

            made = ctx.records.make_test(args.count, attachment_kb=args.attachment_kb, progress=made_one)
        pending = ctx.sync.status().pending
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "created": len(made),
                "test_records": True,
                "first_seq": made[0].seq,
                "last_seq": made[-1].seq,
                "receipts": [m.receipt_no for m in made[:5]],
                "pending": pending,
            }
        )
    else:
        print(messages.say(messages.TEST_RECORDS_WRITTEN, count=len(made), first=made[0].seq, last=made[-1].seq))
    return 0


def cmd_show(args: Any) -> int:
    refuse_empty("ID|RECEIPT", args.key, messages.WHAT_RECORD)
    ctx = context(args)
    try:
        rec = ctx.records.get(args.key)
        status = None
        if rec is None:
            status = ctx.records.status_of(args.key)
            if status is not None:
                rec = ctx.records.get(status["record_id"])
        elif rec.receipt_no:
            status = ctx.records.status_of(rec.receipt_no)
        entry = ctx.records_db.outbox_entry(rec.record_id) if rec is not None else None
    finally:
        ctx.close()
    if rec is None:
        raise UserError(messages.NO_RECORD, key=args.key)
    data = {
        "record_id": rec.record_id,
        "seq": rec.seq,
        "kind": rec.kind,
        "receipt_no": rec.receipt_no,
        "created_at": rec.created_at,
        "content_hash": rec.content_hash,
        "is_test": rec.is_test,
        "attachments": [{"sha256": a.sha256, "name": a.name, "size": a.size} for a in rec.attachments],
        "outbox": {
            "stage": entry.stage if entry else None,
            "attempts": entry.attempts if entry else None,
            "last_error": entry.last_error if entry else None,
            "result": entry.result if entry else None,
        },
        "status": status,
    }
    if args.json:
        print_json(data)
    else:
        _print_record(data)
    return 0


def _print_record(data: dict[str, Any]) -> None:
    """`records show` for people: the record, its attachments, its delivery and its status history as tables, every
    time in the terminal's zone (`terminal.time_zone`); `--json` keeps the stored UTC values."""
    from app.model.clock import format_local, terminal_zone_name

    def when(value: Any) -> str:
        return format_local(value, "%Y-%m-%d %H:%M:%S") if value else "-"

    zone = terminal_zone_name()
    outbox = data["outbox"]
    status = data["status"] or {}
    print_table(
        ["项目 field", "内容 value"],
        [
            ["受理编号 receipt_no", data["receipt_no"] or "-"],
            ["记录 record_id", data["record_id"]],
            ["序号 seq", data["seq"]],
            ["类型 kind", data["kind"] + ("（测试 test）" if data["is_test"] else "")],
            [f"生成时间 created_at ({zone})", when(data["created_at"])],
            ["内容哈希 content_hash", data["content_hash"]],
            ["外发 outbox", outbox["stage"] or "-"],
            ["尝试次数 attempts", "-" if outbox["attempts"] is None else outbox["attempts"]],
            ["平台结果 result", outbox["result"] or "-"],
            ["最近错误 last_error", outbox["last_error"] or "-"],
            ["办件状态 status", status.get("status") or "-"],
            [f"状态时间 status_at ({zone})", when(status.get("at"))],
            ["状态说明 note", status.get("note") or "-"],
        ],
    )
    if data["attachments"]:
        print()
        print_table(
            ["附件 attachment", "大小 size", "sha256"],
            [[a["name"], a["size"], a["sha256"]] for a in data["attachments"]],
        )
    history = status.get("history") or []
    if history:
        print()
        print_table(
            [f"时间 at ({zone})", "状态 status", "说明 note"],
            [[when(h.get("at")), h.get("status", ""), h.get("note") or ""] for h in history],
        )


def cmd_purge_drafts(args: Any) -> int:
    """The apply service's retention purge, now (it also runs at the first session after start-up and hourly):
    drafts past their keep-until date (`[apply] draft_retention_days`, `counter_draft_retention_days`) are deleted,
    then attachment blobs no record or draft refers to. Prints counts only, never a draft's content."""
    ctx = context(args)
    try:
        service = ctx.apply
        result = service.kept_drafts.purge_drafts()
        left = len(service.tables.list_drafts())
        days = (service.draft_retention_days, service.counter_draft_retention_days)
        visits = ctx.visits.purge()  # the grid worker's visit list, after the drafts (docs/laptop.md)
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "drafts_purged": result.drafts,
                "blobs_removed": result.blobs,
                "drafts_left": left,
                "draft_retention_days": days[0],
                "counter_draft_retention_days": days[1],
                "visit_households_purged": visits.households,
                "visit_people_purged": visits.people,
                "visit_links_dropped": visits.links,
            }
        )
    else:
        print(messages.say(messages.DRAFTS_PURGED, drafts=result.drafts, blobs=result.blobs, left=left))
        if visits.households or visits.people or visits.links:
            from app.visits import messages as vm

            print(messages.say(vm.PURGED, households=visits.households, people=visits.people, links=visits.links))
    return 0
