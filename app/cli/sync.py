"""`yunban sync run|status|quarantine|requeue|probe|export|export-passphrase`: deliver the outbox to the provincial
platform, inspect it, and carry unacknowledged records by hand (an encrypted bundle).

Contract: `--json` keys are stable (`status`: pending, delivered, quarantined, last_success, last_error); `run`'s
tuning options (`--backoff-base`, `--backoff-cap`, `--http-timeout`, `--probe-interval`, `--chunk-kb`) exist for
slow links and tests.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import os
import re
import sys
from pathlib import Path
from typing import Any

from app.audit.service import audit_event
from app.cli import messages as m
from app.cli.output import context, print_json, print_table, refuse_empty
from app.cli.style import print_warning
from app.errors import UserError
from app.records import messages as records_messages

PASSPHRASE_ENV = "YUNBAN_EXPORT_PASSPHRASE"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common], help="deliver records to the platform; outbox status")
    ss = p.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")

    run = ss.add_parser("run", parents=[common], help="deliver the outbox (one pass, or --until-idle)")
    run.add_argument("--until-idle", action="store_true", help="keep going (with backoff) until nothing is pending")
    run.add_argument("--timeout", type=float, default=None, metavar="S", help="give up after S seconds")
    run.add_argument("--backoff-base", type=float, default=None, metavar="S", help="first backoff ceiling (1 s)")
    run.add_argument("--backoff-cap", type=float, default=None, metavar="S", help="largest backoff (300 s)")
    run.add_argument("--http-timeout", type=float, default=None, metavar="S", help="per-request timeout (30 s)")
    run.add_argument("--probe-interval", type=float, default=None, metavar="S", help="health probe when offline")
    run.add_argument("--chunk-kb", type=int, default=None, metavar="K", help="attachment chunk size (256 KiB)")
    run.set_defaults(func=cmd_run)

    st = ss.add_parser("status", parents=[common], help="outbox figures (or 未注册 / not enrolled)")
    st.set_defaults(func=cmd_status)

    q = ss.add_parser("quarantine", parents=[common], help="records the platform refused")
    q.set_defaults(func=cmd_quarantine)

    rq = ss.add_parser("requeue", parents=[common], help="put a quarantined record back in the queue")
    rq.add_argument("record_id", metavar="RECORD_ID", help="the record id `yunban sync quarantine` lists")
    rq.set_defaults(func=cmd_requeue)

    pr = ss.add_parser("probe", parents=[common], help="check the platform is reachable")
    pr.set_defaults(func=cmd_probe)

    ex = ss.add_parser("export", parents=[common], help="encrypted bundle of unacknowledged records")
    ex.add_argument("dir", type=Path, metavar="DIR", help="folder the .ybx bundle is written to (created if missing)")
    ex.add_argument(
        "--passphrase-file",
        type=Path,
        default=None,
        help=f"read the passphrase from this file (else ${PASSPHRASE_ENV}, else a prompt)",
    )
    ex.add_argument(
        "--keystore",
        action="store_true",
        help="use the export passphrase provisioned in the terminal's keystore (yunban sync export-passphrase)",
    )
    ex.set_defaults(func=cmd_export)

    ep = ss.add_parser(
        "export-passphrase", parents=[common], help="provision the export passphrase into the terminal's keystore"
    )
    ep.add_argument("--from-file", type=Path, required=True, metavar="FILE")
    ep.set_defaults(func=cmd_export_passphrase)

    from app.cli.handover import register_sync  # issue 15: import, import-ack (USB hand-over)

    register_sync(ss, common)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _tuned(args: Any) -> Any:
    ctx = context(args)
    svc = ctx.sync
    changes: dict[str, Any] = {}
    for opt, field in (
        ("backoff_base", "backoff_base_s"),
        ("backoff_cap", "backoff_cap_s"),
        ("http_timeout", "timeout_s"),
        ("probe_interval", "probe_interval_s"),
    ):
        value = getattr(args, opt, None)
        if value is not None:
            if value <= 0:
                raise UserError(m.NOT_POSITIVE, option="--" + opt.replace("_", "-"))
            changes[field] = value
    if getattr(args, "chunk_kb", None) is not None:
        if args.chunk_kb < 1:
            raise UserError(m.NOT_POSITIVE, option="--chunk-kb")
        changes["chunk_size"] = int(args.chunk_kb) * 1024
    timeout = getattr(args, "timeout", None)
    if timeout is not None and not timeout > 0:  # 0, a negative number or nan: refused, never "give up at once"
        raise UserError(m.NOT_POSITIVE, option="--timeout")
    if changes:
        svc.settings = dataclasses.replace(svc.settings, **changes)
    return ctx


class _CountingOutbox:
    """The sync service's outbox seen through a progress reporter: each record delivered or quarantined counts one,
    each attachment chunk read for upload counts its bytes. Everything else goes to the real outbox unchanged."""

    def __init__(self, outbox: Any, reporter: Any) -> None:
        self._outbox = outbox
        self._reporter = reporter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._outbox, name)

    def read_attachment(self, sha256: str, offset: int, length: int) -> bytes:
        data: bytes = self._outbox.read_attachment(sha256, offset, length)
        self._reporter.add_bytes(len(data))
        return data

    def mark_delivered(self, record_id: str, **kwargs: Any) -> None:
        self._outbox.mark_delivered(record_id, **kwargs)
        self._reporter.advance(1)

    def mark_quarantined(self, record_id: str, **kwargs: Any) -> None:
        self._outbox.mark_quarantined(record_id, **kwargs)
        self._reporter.advance(1)

    def mark_failed(self, record_id: str, **kwargs: Any) -> int:
        attempts: int = self._outbox.mark_failed(record_id, **kwargs)
        self._reporter.note(m.say(m.LAST_ERROR, error=kwargs.get("error", "")))
        return attempts


def cmd_run(args: Any) -> int:
    from app.cli.progress import progress

    ctx = _tuned(args)
    try:
        if ctx.sync_credentials() is None:
            raise UserError(m.SYNC_NOT_ENROLLED)
        pending = ctx.records_db.pending_summary()
        sync = ctx.sync
        with progress(args, "sync run", total=pending["records"], total_bytes=pending["attachment_bytes"] or None,
                      unit="records") as reporter:  # fmt: skip
            sync.outbox = _CountingOutbox(sync.outbox, reporter)
            report = sync.run_until_idle(timeout_s=args.timeout) if args.until_idle else sync.run_once()
        status = ctx.sync.status()
    finally:
        ctx.close()
    if args.json:
        print_json({**report.to_json(), "status": status.to_json()})
    else:
        print(
            m.say(
                m.SYNC_REPORT,
                delivered=report.delivered,
                duplicates=report.duplicates,
                quarantined=report.quarantined,
                failures=report.failures,
                pending=status.pending,
                status_changes=report.status_changes,
            )
        )
        if report.last_error:  # a warning; once everything went through, said as an error it recovered from
            said = m.LAST_ERROR if status.pending else m.LAST_ERROR_RECOVERED
            print_warning(m.say(said, error=report.last_error), stream=sys.stdout)
    if args.until_idle and status.pending:
        return 1
    return 0


def cmd_status(args: Any) -> int:
    ctx = context(args)
    try:
        status = ctx.sync.status()
        enrolled = ctx.enrollment.identity() is not None
    finally:
        ctx.close()
    if args.json:
        print_json({**status.to_json(), "enrolled": enrolled})  # `enrolled` added: scripts need not parse the text
    elif not enrolled:
        print(m.bilingual(m.NOT_ENROLLED_SHORT))
        print(m.say(m.ENROLL_HINT))
        if status.pending:  # records made before enrollment wait for it
            print_table(["待发 pending"], [[status.pending]])
    else:
        from app.model.clock import format_local, terminal_zone_name

        success = f"最近成功 last success ({terminal_zone_name()})"
        print_table(
            ["待发 pending", "已送达 delivered", "已隔离 quarantined", success, "最近错误 last error"],
            [
                [
                    status.pending,
                    status.delivered,
                    status.quarantined,
                    format_local(status.last_success, "%Y-%m-%d %H:%M:%S") if status.last_success else "-",
                    _local_error(status.last_error) or "-",
                ]
            ],
        )
    return 0


_STAMPED = re.compile(r"(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)) (.*)", re.DOTALL)


def _local_error(error: str | None) -> str | None:
    """The stored last error (`<UTC ISO time> <message>`) with its time in the terminal's zone, for people."""
    from app.model.clock import format_local

    stamped = _STAMPED.fullmatch(error or "")
    if stamped is None:
        return error
    return f"{format_local(stamped.group(1), '%Y-%m-%d %H:%M:%S')} {stamped.group(2)}"


def cmd_quarantine(args: Any) -> int:
    ctx = context(args)
    try:
        rows = ctx.sync.quarantined()
    finally:
        ctx.close()
    if args.json:
        print_json([r.to_json() for r in rows])
    elif not rows:
        print(m.say(m.NOTHING_QUARANTINED))
    else:
        print_table(
            ["seq", "record_id", "kind", "receipt_no", "类型 kind", "原因 reason"],
            [[r.seq, r.record_id, r.kind, r.receipt_no or "-", r.quarantine_kind, r.reason] for r in rows],
        )
    return 0


def cmd_requeue(args: Any) -> int:
    refuse_empty("RECORD_ID", args.record_id, m.WHAT_QUARANTINED)
    ctx = context(args)
    try:
        ok = ctx.records_db.requeue(args.record_id)
    finally:
        ctx.close()
    if not ok:
        raise UserError(m.NOT_QUARANTINED, record=args.record_id)
    if args.json:
        print_json({"requeued": args.record_id})
    else:
        print(m.say(m.REQUEUED, record=args.record_id))
    return 0


def cmd_probe(args: Any) -> int:
    ctx = _tuned(args)
    try:
        ok = ctx.sync.probe()
        offset = ctx.sync.server_offset()
        url = ctx.sync.platform_url
    finally:
        ctx.close()
    if args.json:
        print_json({"reachable": ok, "platform": url, "clock_offset_s": offset if ok else None})
    else:
        print(m.say(m.REACHABLE, url=url, offset=f"{offset:+.1f}") if ok else m.say(m.UNREACHABLE, url=url))
    return 0 if ok else 1


KEYSTORE_EXPORT_SECRET = "export_passphrase"


def _passphrase(args: Any) -> str:
    if args.keystore:
        ctx = context(args)
        try:
            value = ctx.keystore.get(KEYSTORE_EXPORT_SECRET)
        finally:
            ctx.close()
        if not value:
            raise UserError(m.NO_EXPORT_PASSPHRASE)
        return str(value)
    if args.passphrase_file is not None:
        try:
            return str(args.passphrase_file.read_text(encoding="utf-8")).strip()
        except OSError as exc:
            raise UserError(m.CANNOT_READ, path=args.passphrase_file, error=exc.strerror) from exc
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin.isatty():
        first = getpass.getpass(m.say(m.PASSPHRASE_PROMPT) + " ")
        if getpass.getpass(m.say(m.PASSPHRASE_AGAIN) + " ") != first:
            raise UserError(m.PASSPHRASES_DIFFER)
        return first
    raise UserError(m.PASSPHRASE_NEEDED, env=PASSPHRASE_ENV)


class _TotallingRecords:
    """records.db seen by the export: the rows it reads set the progress totals (distinct attachments, bytes)."""

    def __init__(self, db: Any, reporter: Any) -> None:
        self._db = db
        self._reporter = reporter
        self._seen: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    def _total(self, rows: list[Any]) -> list[Any]:
        for row in rows:
            for att in row.attachments:
                self._seen[att.sha256] = att.size
        self._reporter.set_total(len(self._seen), sum(self._seen.values()) or None)
        return rows

    def pending(self, *a: Any, **kw: Any) -> list[Any]:
        return self._total(self._db.pending(*a, **kw))

    def quarantined(self, *a: Any, **kw: Any) -> list[Any]:
        return self._total(self._db.quarantined(*a, **kw))


class _CountingStore:
    """The attachment store seen by the export: each attachment read counts one, with its bytes as they stream."""

    def __init__(self, store: Any, reporter: Any) -> None:
        self._store = store
        self._reporter = reporter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def read_range(self, sha256: str, offset: int, length: int) -> bytes:
        data: bytes = self._store.read_range(sha256, offset, length)
        # The export streams an attachment in ranges: the first range counts the attachment, every range its bytes.
        self._reporter.advance(1 if offset == 0 else 0, len(data))
        return data


def cmd_export(args: Any) -> int:
    from app.cli.progress import progress
    from app.records.export import export_bundle

    passphrase = _passphrase(args)
    ctx = context(args)
    try:
        from app.sync.handover import export_signatures

        # The manifest names this terminal's enrollment id and every record goes signed, so the platform can import
        # the bundle (yunban platform import-bundle, or relayed by yunban sync import) and verify each record.
        try:
            credentials = ctx.enrollment.credentials()
        except UserError:
            credentials = None
        terminal_id, sign = export_signatures(credentials)
        with progress(args, "sync export", unit="attachments") as reporter:
            result = export_bundle(
                _TotallingRecords(ctx.records_db, reporter),  # type: ignore[arg-type]
                _CountingStore(ctx.records.store, reporter),  # type: ignore[arg-type]
                args.dir,
                terminal=ctx.records.terminal_code,
                passphrase=passphrase,
                terminal_id=terminal_id,
                sign=sign,
            )
        audit_event(lambda: ctx.audit, "sync.export", actor="technician", records=result.records,
                    attachments=result.attachments)  # fmt: skip
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "records": result.records,
                "attachments": result.attachments,
                "bytes": result.bytes,
            }
        )
    else:
        print(m.say(m.EXPORTED, records=result.records, attachments=result.attachments, path=result.path))
    return 0


def cmd_export_passphrase(args: Any) -> int:
    try:
        value = str(args.from_file.read_text(encoding="utf-8")).strip()
    except OSError as exc:
        raise UserError(m.CANNOT_READ, path=args.from_file, error=exc.strerror) from exc
    if len(value) < 8:
        raise UserError(records_messages.EXPORT_PASSPHRASE_SHORT)
    ctx = context(args)
    try:
        ctx.keystore.set(KEYSTORE_EXPORT_SECRET, value)
        backend = ctx.keystore.backend_name
        audit_event(lambda: ctx.audit, "key.export_passphrase", actor="technician", backend=backend)
    finally:
        ctx.close()
    if args.json:
        print_json({"stored": True, "keyring_backend": backend})
    else:
        print(m.say(m.PASSPHRASE_STORED, backend=backend))
    return 0
