"""`yunban platform ...`: run the reference platform and administer it (technicians, tests, pilots).

    yunban platform serve [--host 127.0.0.1] [--port 8700] [--data DIR] [--database URL] [--workers N]
                          [--catalog BUNDLE] [--apt-repo DIR] [--head-timeout S] [--body-timeout S] ...
    yunban platform enroll-code --data DIR --division CODE
    yunban platform terminals --data DIR --division CODE [--json]
    yunban platform stats --data DIR --json
    yunban platform set-status --data DIR RECEIPT_NO STATUS [--note REASON]
    yunban platform revoke --data DIR TERMINAL_ID
    yunban platform ratings --data DIR [--receipt RECEIPT_NO] [--json]
    yunban platform rating-followup --data DIR RECEIPT_NO|RECORD_ID in_progress|resolved --note WHAT_WAS_DONE
    yunban platform publish --data DIR CHANGES.json
    yunban platform public-key --data DIR
    yunban platform export-snapshot --data DIR --division CODE FILE
    yunban platform handover-passphrase --data DIR [--passphrase-file FILE]
    yunban platform import-bundle --data DIR BUNDLE.ybx [--ack-out DIR]

Contract: imports nothing of the terminal; the terminal's CLI mounts it (`app/cli/platform.py`).
`serve` prints one JSON line `{"event": "listening", "host", "port", "url", "public_key"}` on stdout once the socket
is bound (so `--port 0` works for tests and the demo), then serves until SIGINT/SIGTERM. With `--apt-repo DIR` it
also serves DIR (the signed apt repository packaging/apt/make-repo.sh builds) as static files under /apt/.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from pathlib import Path
from typing import Any

from sync.platform import admin as platform_main
from sync.platform.admin import ReleaseCheck
from sync.platform.cli_common import DEFAULT_DATA, data_dir, print_json, refuse_empty
from sync.platform.cli_load import ProgressFactory
from sync.platform.errors import PlatformError
from sync.platform.guard import ServerLimits
from sync.platform.observability import setup_json_logging
from sync.platform.storage import EngineOptions

_data = data_dir


def _serve(args: Any) -> int:
    data = _data(args)
    apt_repo = Path(args.apt_repo) if args.apt_repo else None
    if apt_repo is not None and not apt_repo.is_dir():
        raise PlatformError(f"--apt-repo {apt_repo}: not a directory")

    def on_bound(host: str, port: int) -> None:
        store = platform_main.open_store(data, args.database)
        try:
            key = platform_main.public_key(store)
        finally:
            store.close()
        line = {"event": "listening", "host": host, "port": port, "url": f"http://{host}:{port}", "public_key": key}
        print(json.dumps(line), flush=True)

    try:
        limits = ServerLimits(
            head_timeout=args.head_timeout,
            keep_alive=args.keep_alive,
            body_timeout=args.body_timeout,
            body_min_rate=args.body_min_rate,
            send_timeout=args.send_timeout,
            max_connections=args.max_connections,
            max_pending=args.max_pending,
            max_unauthenticated=args.max_unauthenticated,
            max_body_bytes=args.max_body_bytes,
            max_head_bytes=args.max_head_bytes,
            backlog=args.backlog,
        )
    except ValueError as exc:
        raise PlatformError(f"serve: {exc}") from exc
    # uvicorn handles SIGINT and SIGTERM itself (main thread): either one shuts down cleanly.
    if args.log_format == "json":
        setup_json_logging(getattr(logging, args.log_level.upper()))
    else:
        logging.getLogger().setLevel(getattr(logging, args.log_level.upper()))
    if not 1 <= args.workers <= 64:
        raise PlatformError("--workers must be from 1 to 64")
    if not (1 <= args.pool_size <= 1000 and math.isfinite(args.pool_timeout) and 0 < args.pool_timeout <= 600):
        raise PlatformError("--pool-size must be from 1 to 1000 and --pool-timeout more than 0 and at most 600 s")
    options = EngineOptions(pool_size=args.pool_size, pool_timeout=args.pool_timeout)
    platform_main.run(
        data,
        args.host,
        args.port,
        args.catalog,
        on_bound,
        apt_repo=apt_repo,
        limits=limits,
        database=args.database,
        workers=args.workers,
        options=options,
    )
    return 0


def _enroll_code(args: Any) -> int:
    store = platform_main.open_store(_data(args), args.database)
    try:
        code = platform_main.enroll_code(store, args.division)
    finally:
        store.close()
    if args.json:
        print_json({"code": code, "division": args.division})
    else:
        print(code)
    return 0


def _terminals(args: Any) -> int:
    store = platform_main.open_store(_data(args), args.database)
    try:
        rows = platform_main.terminals(store, args.division)
    finally:
        store.close()
    if args.json:
        print_json({"division": args.division, "terminals": rows})
    elif not rows:
        print(f"division {args.division}: no terminal enrolled yet")
    else:
        for row in rows:
            state = f"revoked {row['revoked_at']}" if row["revoked"] else "active"
            print(f"{row['terminal_no']}  {row['terminal_id']}  enrolled {row['enrolled_at']}  {state}")
    return 0


def _stats(args: Any) -> int:
    store = platform_main.open_store(_data(args), args.database)
    try:
        stats = store.stats()
    finally:
        store.close()
    if args.json:
        print_json(stats)
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def _purge_uploads(args: Any) -> int:
    if not (math.isfinite(args.older_than_days) and 0 <= args.older_than_days <= 36500):  # nan, inf: refused
        raise PlatformError("--older-than-days must be a number of days from 0 to 36500")
    store = platform_main.open_store(_data(args), args.database)
    try:
        result = platform_main.purge_uploads(store, args.older_than_days * 86400)
    finally:
        store.close()
    if args.json:
        print_json(result)
    else:
        print(f"dropped {result['uploads']} partial uploads ({result['bytes']} bytes)")
    return 0


def _set_status(args: Any) -> int:
    store = platform_main.open_store(_data(args), args.database)
    try:
        change = platform_main.set_status(store, args.receipt_no, args.status, args.note or "")
    finally:
        store.close()
    if args.json:
        print_json(change)
    else:
        print(f"{change['receipt_no']}: {change['status']} (cursor {change['cursor']})")
    return 0


def _ratings(args: Any) -> int:
    refuse_empty("--receipt", args.receipt)
    store = platform_main.open_store(_data(args), args.database)
    try:
        rows = store.ratings.list(args.receipt)
    finally:
        store.close()
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            state = r["followup"] or "-"
            current = "superseded" if r["superseded_by"] else "current"
            print(f"{r['receipt_no']} {r['level']} {r['verification']} {current} 整改:{state} {r['record_id']}")
        if not rows:
            print("no ratings")
    return 0


def _rating_followup(args: Any) -> int:
    store = platform_main.open_store(_data(args), args.database)
    try:
        row = platform_main.rating_followup(store, args.key, args.state, args.note or "")
    finally:
        store.close()
    if args.json:
        print_json(row)
    else:
        print(f"{row['receipt_no']}: 差评 {row['followup']} ({row['followup_note']})")
    return 0


def _revoke(args: Any) -> int:
    store = platform_main.open_store(_data(args), args.database)
    try:
        platform_main.revoke(store, args.terminal_id)
    finally:
        store.close()
    if args.json:
        print_json({"terminal_id": args.terminal_id, "revoked": True})
    else:
        print(f"{args.terminal_id}: revoked")
    return 0


def _publish(args: Any) -> int:
    try:
        changes = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PlatformError(f"{args.file}: cannot read a JSON list of changes: {exc}") from exc
    if not isinstance(changes, list):
        raise PlatformError(f"{args.file}: expected a JSON list of changes")
    store = platform_main.open_store(_data(args), args.database)
    try:
        result = platform_main.publish_changes(store, changes, args.catalog, check=args.release_check)
    finally:
        store.close()
    if args.json:
        print_json(result)
    else:
        print(f"published bundle version {result['bundle_version']} (cursor {result['cursor']})")
    return 0


def _public_key(args: Any) -> int:
    store = platform_main.open_store(_data(args), args.database)
    try:
        key = platform_main.public_key(store)
    finally:
        store.close()
    if args.json:
        print_json({"public_key": key, "algorithm": "ed25519"})
    else:
        print(key)
    return 0


def _export_snapshot(args: Any) -> int:
    out = Path(args.file)
    if out.is_dir() or not out.name or out.name in (".", ".."):
        raise PlatformError(f"{args.file}: name a file to write, not a folder")
    if not out.parent.is_dir():
        raise PlatformError(f"{args.file}: the folder {out.parent} does not exist")
    store = platform_main.open_store(_data(args), args.database)
    try:
        try:
            result = platform_main.export_snapshot(store, args.division, out, args.catalog)
        except OSError as exc:
            raise PlatformError(f"{args.file}: cannot write the snapshot: {exc.strerror or exc}") from exc
    finally:
        store.close()
    if args.json:
        print_json(result)
    else:
        print(f"wrote {result['file']}: bundle version {result['bundle_version']}, signed by {result['public_key']}")
    return 0


def _limit_opts(p: argparse.ArgumentParser) -> None:
    """`serve`'s defences against slow and hostile clients (docs/platform.md, "Slow and hostile clients")."""
    d = ServerLimits()
    g = p.add_argument_group("slow and hostile clients")
    g.add_argument(
        "--head-timeout",
        type=float,
        default=d.head_timeout,
        metavar="S",
        help=f"seconds to send a whole request head (request line and headers) (default {d.head_timeout:g})",
    )
    g.add_argument(
        "--keep-alive",
        type=float,
        default=d.keep_alive,
        metavar="S",
        help=f"seconds an idle kept-alive connection stays open (default {d.keep_alive:g})",
    )
    g.add_argument(
        "--body-timeout",
        type=float,
        default=d.body_timeout,
        metavar="S",
        help=f"most seconds between two reads of a request body (default {d.body_timeout:g})",
    )
    g.add_argument(
        "--body-min-rate",
        type=int,
        default=d.body_min_rate,
        metavar="BYTES",
        help=f"least average body rate in bytes/s after the first --body-timeout seconds (default {d.body_min_rate})",
    )
    g.add_argument(
        "--send-timeout",
        type=float,
        default=d.send_timeout,
        metavar="S",
        help=f"seconds a client may stop reading a response (default {d.send_timeout:g})",
    )
    g.add_argument(
        "--max-connections",
        type=int,
        default=d.max_connections,
        metavar="N",
        help=f"open connections at most (default {d.max_connections}; lowered to fit the open file limit)",
    )
    g.add_argument(
        "--max-pending",
        type=int,
        default=d.max_pending,
        metavar="N",
        help="connections waiting for a request head at most; the oldest is dropped for a new one "
        f"(default {d.max_pending})",
    )
    g.add_argument(
        "--max-unauthenticated",
        type=int,
        default=d.max_unauthenticated,
        metavar="N",
        help=f"unauthenticated request bodies (enrollment) read at once; more get 503 "
        f"(default {d.max_unauthenticated})",
    )
    g.add_argument(
        "--max-body-bytes",
        type=int,
        default=d.max_body_bytes,
        metavar="BYTES",
        help=f"largest request body (default {d.max_body_bytes})",
    )
    g.add_argument(
        "--max-head-bytes",
        type=int,
        default=d.max_head_bytes,
        metavar="BYTES",
        help=f"largest request head (default {d.max_head_bytes})",
    )
    g.add_argument("--backlog", type=int, default=d.backlog, metavar="N", help=f"listen backlog (default {d.backlog})")


def register(
    sub: Any,
    common: argparse.ArgumentParser,
    *,
    release_check: ReleaseCheck | None = None,
    default_catalog: Path | None = None,
    progress: ProgressFactory | None = None,
) -> None:
    """Add `platform ...` to a CLI; `release_check` is what `publish` validates a release with (the terminals'
    own catalog check, passed in by the terminal's CLI so the platform imports nothing of the terminal);
    `default_catalog` the bundle `--catalog` means when it is not given (the terminal's demo catalog); `progress`
    how long work (`load-test`) reports its progress (the terminal CLI's reporter, `--progress`), none without it."""
    parser = sub.add_parser("platform", parents=[common], help="run and administer the reference platform")
    psub = parser.add_subparsers(dest="platform_command", metavar="COMMAND", required=True)

    def data_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data", metavar="DIR", help=f"platform data directory (default $YUNBAN_PLATFORM_DATA or ./{DEFAULT_DATA})"
        )
        p.add_argument(
            "--database",
            metavar="URL",
            help="postgresql://... to keep the platform's tables in PostgreSQL (default $YUNBAN_PLATFORM_DATABASE, "
            "else SQLite platform.db in the data directory)",
        )

    p = psub.add_parser("serve", parents=[common], help="serve the sync protocol over HTTP (127.0.0.1 by default)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8700, help="0 picks a free port (printed on stdout as JSON)")
    p.add_argument(
        "--catalog",
        metavar="BUNDLE",
        default=default_catalog,
        help="catalog bundle folder to serve (default: the demo catalog)",
    )
    p.add_argument(
        "--apt-repo",
        metavar="DIR",
        help="also serve this signed apt repository (packaging/apt/make-repo.sh) read-only under /apt/",
    )
    p.add_argument(
        "--log-format",
        choices=["json", "text"],
        default="json",
        help="log lines on stderr: one JSON object each, with the request id (default), or plain text",
    )
    p.add_argument(
        "--log-level",
        choices=["debug", "info", "warning", "error"],
        default="warning",
        help="least level logged (default warning; info adds one access line per request)",
    )
    p.add_argument(
        "--workers", type=int, default=1, metavar="N", help="worker processes sharing the listening socket (default 1)"
    )
    p.add_argument(
        "--pool-size",
        type=int,
        default=EngineOptions().pool_size,
        metavar="N",
        help=f"PostgreSQL connections per worker at most (default {EngineOptions().pool_size})",
    )
    p.add_argument(
        "--pool-timeout",
        type=float,
        default=EngineOptions().pool_timeout,
        metavar="S",
        help="seconds a request waits for a database connection before it is answered 503 "
        f"(default {EngineOptions().pool_timeout:g})",
    )
    _limit_opts(p)
    data_opt(p)
    p.set_defaults(func=_serve)

    p = psub.add_parser("enroll-code", parents=[common], help="print a one-time enrollment code for a terminal")
    p.add_argument("--division", required=True, help="the terminal's 12-digit division code")
    data_opt(p)
    p.set_defaults(func=_enroll_code)

    p = psub.add_parser(
        "terminals", parents=[common], help="a division's terminals with their numbers (in receipt numbers)"
    )
    p.add_argument("--division", required=True, help="the division code enrollment codes were issued for")
    data_opt(p)
    p.set_defaults(func=_terminals)

    p = psub.add_parser("stats", parents=[common], help="terminals, submissions, attachments, duplicates, conflicts")
    data_opt(p)
    p.set_defaults(func=_stats)

    p = psub.add_parser(
        "set-status", parents=[common], help="move an application to 已受理/审查中/已办结/不予受理/已送达"
    )
    p.add_argument("receipt_no")
    p.add_argument("status")
    p.add_argument("--note", help="remark; the reason is required for 不予受理")
    data_opt(p)
    p.set_defaults(func=_set_status)

    p = psub.add_parser("ratings", parents=[common], help="好差评 stored: verification, current or superseded, 整改")
    p.add_argument("--receipt", help="only the ratings of this receipt number")
    data_opt(p)
    p.set_defaults(func=_ratings)

    p = psub.add_parser(
        "rating-followup", parents=[common], help="move a 差评's follow-up (整改): pending → in_progress → resolved"
    )
    p.add_argument("key", help="the rated receipt number (or the rating's record id)")
    p.add_argument("state", choices=["in_progress", "resolved"])
    p.add_argument("--note", help="what was done (returned to the rating's terminal)")
    data_opt(p)
    p.set_defaults(func=_rating_followup)

    p = psub.add_parser("revoke", parents=[common], help="revoke a terminal (its requests get 403)")
    p.add_argument("terminal_id")
    data_opt(p)
    p.set_defaults(func=_revoke)

    p = psub.add_parser("publish", parents=[common], help="publish catalog changes (JSON list) as a new version")
    p.add_argument("file")
    p.add_argument(
        "--catalog",
        metavar="BUNDLE",
        default=default_catalog,
        help="the base bundle served (default: the demo catalog)",
    )
    data_opt(p)
    p.set_defaults(func=_publish, release_check=release_check)

    p = psub.add_parser("export-snapshot", parents=[common], help="write a signed catalog snapshot file (USB installs)")
    p.add_argument("file")
    p.add_argument("--division", required=True, help="division code the snapshot is for")
    p.add_argument(
        "--catalog",
        metavar="BUNDLE",
        default=default_catalog,
        help="the base bundle served (default: the demo catalog)",
    )
    data_opt(p)
    p.set_defaults(func=_export_snapshot)

    p = psub.add_parser(
        "purge-uploads", parents=[common], help="drop partial attachment uploads abandoned for longer than N days"
    )
    p.add_argument("--older-than-days", type=float, default=14.0, metavar="N", help="cut-off in days (default 14)")
    data_opt(p)
    p.set_defaults(func=_purge_uploads)

    from sync.platform import cli_load  # the load generator's command and its progress

    cli_load.register(psub, common, data_opt, progress)

    p = psub.add_parser("public-key", parents=[common], help="the platform's signing public key (base64)")
    data_opt(p)
    p.set_defaults(func=_public_key)

    from sync.platform import handover_cli  # issue 15: handover-passphrase, import-bundle (USB hand-over)

    handover_cli.register(psub, common, data_opt)

    from sync.platform import staff_cli  # issue 14: yunban platform staff add|list|revoke|reset

    staff_cli.register(psub, common, data_opt)
    from sync.platform import backoffice  # issue 14 §5: decisions, complaint answers, 差评 deadlines

    backoffice.register(psub, common, data_opt, default_catalog)
    from sync.platform import audit_cli  # issue 14 §4: yunban platform audit verify

    audit_cli.register(psub, common, data_opt)
