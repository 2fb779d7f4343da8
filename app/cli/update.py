"""`yunban update check|apply|rollback|status`: signed USB software updates (docs/updates.md).

PATH (check, apply) is a bundle directory or a directory holding `yunban-update/`; without it the first
`yunban-update/` on mounted USB media is used (`/media/*/`, `/media/*/*/`, `/run/media/*/*/`). `apply` and
`rollback` install with dpkg and need root (`sudo yunban update apply`).

Exit codes: 0 done; 2 refused (a clear message; `{"error", "code"}` with `--json`; nothing changed); 3 deferred
(`apply --when-idle` while a citizen is mid-application: try again later). With `--when-idle` (the
`yunban-update.timer` run), "no bundle found" and "this version is already installed" are not errors (exit 0).

`--json` keys:
- check: bundle, package, version, architecture, expires, root_version, timestamp_version, targets (list of
  {path, length, sha256}), catalog, installed
- apply: applied, version, previous, previous_deb, catalog, kiosk_restarted (a running kiosk restarted onto the
  new version; with --when-idle and nothing to do: applied false, reason = the message code)
- rollback: rolled_back, version, previous, kiosk_restarted
- status: installed, dpkg_state, previous, previous_deb, current_deb, journal (null or its entries),
  trusted_root_version, busy

`apply` and `rollback` also write `<home>/updates/last-result.json` for the technician screen (`app.updates.handoff`:
ok / refused / deferred, code, message in zh_CN and en, version, time), and `apply` removes the kiosk's install
request `<home>/update-request` unless deferred. A `--when-idle` run with nothing to do (no stick, version already
installed) records nothing unless a request was pending.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from app.audit.events import token  # these imported up front too: the audit entry is written after `apply`
from app.audit.service import AuditLog, audit_event
from app.cli.output import print_json  # imported up front: `apply` replaces the venv it runs from
from app.cli.progress import progress
from app.config import ConfigError, load_config
from app.errors import UserError
from app.i18n import cli_language
from app.paths import HomePaths, resolve_home
from app.updates import messages as um
from app.updates.handoff import clear_request, read_request, write_result
from app.updates.manager import UpdateDeferred, UpdateManager
from local_db.records.store import RecordsDB

log = logging.getLogger(__name__)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("update", parents=[common], help="signed USB software updates: check, apply, rollback")
    us = p.add_subparsers(dest="update_command", metavar="SUBCOMMAND")

    check = us.add_parser("check", parents=[common], help="verify a bundle, change nothing")
    check.add_argument("path", nargs="?", default=None, metavar="PATH", help="bundle (default: on USB media)")
    check.set_defaults(func=cmd_check)

    apply = us.add_parser("apply", parents=[common], help="verify and install a bundle (root)")
    apply.add_argument("path", nargs="?", default=None, metavar="PATH", help="bundle (default: on USB media)")
    apply.add_argument("--when-idle", action="store_true", help="defer (exit 3) while a citizen is mid-application")
    apply.add_argument("--force", action="store_true", help="apply even while a citizen is mid-application")
    apply.add_argument("--no-rollback", action="store_true", help="apply although no previous .deb can be kept")
    apply.set_defaults(func=cmd_apply)

    rollback = us.add_parser("rollback", parents=[common], help="reinstall the kept previous version (root)")
    rollback.add_argument("--force", action="store_true", help="even while a citizen is mid-application")
    rollback.set_defaults(func=cmd_rollback)

    status = us.add_parser("status", parents=[common], help="installed version, kept previous, pending journal")
    status.set_defaults(func=cmd_status)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def manager(args: Any) -> UpdateManager:
    home = resolve_home(args.home)
    try:
        config = load_config(HomePaths(home).config)
    except ConfigError as exc:
        raise UserError(exc.msg, **exc.params) from exc
    return UpdateManager(home, config.update)


def _print(args: Any, data: dict[str, object], text: str) -> None:
    if args.json:
        print_json(data)
    else:
        print(text)


def cmd_check(args: Any) -> int:
    data = manager(args).check(args.path)
    text = um.VERIFIED.render(_lang(), version=data["version"], arch=data["architecture"], expires=data["expires"])
    targets = data["targets"]
    lines = [text] + [f"  {t['path']}  {t['length']} B  sha256 {t['sha256']}" for t in targets]  # type: ignore[attr-defined]
    _print(args, data, "\n".join(lines))
    return 0


def cmd_apply(args: Any) -> int:
    updates = manager(args)
    requested = read_request(updates.home) is not None
    try:
        with progress(args, "update apply", total=len(APPLY_STEPS), unit="steps") as reporter:
            _count_steps(updates, reporter)
            data = updates.apply(args.path, when_idle=args.when_idle, force=args.force, no_rollback=args.no_rollback)
    except UpdateDeferred as exc:
        _outcome(updates.home, "deferred", exc, requested=requested, clear=False)
        raise
    except UserError as exc:
        nothing_to_do = args.when_idle and exc.code in (um.NO_BUNDLE.code, um.ALREADY_INSTALLED.code)
        if not nothing_to_do or requested:  # the timer's runs without a stick leave the last real outcome shown
            _outcome(updates.home, "ok" if exc.code == um.ALREADY_INSTALLED.code else "refused", exc,
                     requested=requested)  # fmt: skip
        if nothing_to_do:
            _print(args, {"applied": False, "reason": exc.code}, str(exc))
            return 0
        raise
    except Exception as exc:
        _outcome(updates.home, "refused", UserError(um.FAILED, detail=type(exc).__name__), requested=requested)
        raise
    version, previous = str(data["version"]), data["previous"] or "-"
    done = UserError(um.APPLIED, version=version, previous=previous)
    _outcome(updates.home, "ok", done, version=version, requested=requested)
    _audit(args, "update.apply", version=version, previous=str(data["previous"] or "") or None)
    _print(args, data, um.APPLIED.render(_lang(), version=version, previous=previous))
    return 0


APPLY_STEPS = ("_verify", "_install", "_restart_kiosk")
"""The update manager's steps the progress counts (verify the bundle, install with dpkg, restart the kiosk)."""


def _count_steps(updates: UpdateManager, reporter: Any) -> None:
    """Count each finished step of `apply` on `reporter` (bytes: the verified package). The manager has no hook, so
    its step methods are wrapped on this instance only; a step it no longer has is simply not counted."""
    for name in APPLY_STEPS:
        step = getattr(updates, name, None)
        if step is None:
            continue

        def counted(*a: Any, _step: Any = step, **kw: Any) -> Any:
            result = _step(*a, **kw)
            package = getattr(result, "package", None)
            size = package.stat().st_size if isinstance(package, Path) and package.exists() else 0
            reporter.advance(1, size)
            return result

        setattr(updates, name, counted)


def _outcome(
    home: Path, outcome: str, message: UserError, *, version: str | None = None, requested: bool, clear: bool = True
) -> None:
    """`<home>/updates/last-result.json` for the technician screen, and the kiosk's request done with (a deferred
    run keeps it: `yunban-update.path` starts the service again). Never changes the command's own outcome."""
    try:
        write_result(home, outcome, message=message, version=version, requested=requested)
    except OSError as exc:
        log.warning("cannot write the update result: %s", exc)
    if clear:
        try:
            clear_request(home)
        except OSError as exc:
            log.warning("cannot remove the update request: %s", exc)


def cmd_rollback(args: Any) -> int:
    updates = manager(args)
    data = updates.rollback(force=args.force)
    done = UserError(um.ROLLED_BACK, version=data["version"])
    _audit(args, "update.rollback", version=str(data["version"]), previous=str(data["previous"] or "") or None)
    _outcome(updates.home, "ok", done, version=str(data["version"]), requested=False, clear=False)
    _print(args, data, um.ROLLED_BACK.render(_lang(), version=data["version"]))
    return 0


def _audit(args: Any, event: str, **detail: str | None) -> None:
    """Record an update in the terminal's audit log. `yunban update` runs as root (dpkg) and may have just replaced
    the code it runs from: it appends the entry with what it imported up front (no batch: the kiosk's next event
    sends it to the platform) and only into a records.db that exists and that root owns, never creating or taking
    over the kiosk user's database; a skipped entry is logged."""
    path = HomePaths(resolve_home(args.home)).records_db
    try:
        owner = path.stat().st_uid
    except OSError:
        log.info("no records.db at %s: %s not audited", path, event)
        return
    if owner != os.geteuid():
        log.info("records.db %s belongs to uid %d: %s not audited by uid %d", path, owner, event, os.geteuid())
        return
    dbs: list[RecordsDB] = []

    def open_log() -> AuditLog:
        dbs.append(RecordsDB(path))
        return AuditLog(dbs[0])

    try:
        audit_event(open_log, event, actor="technician", **{k: token(v) for k, v in detail.items()})
    finally:
        for db in dbs:
            db.close()


def cmd_status(args: Any) -> int:
    data = manager(args).status()
    lines = [f"{key}: {_readable(value)}" for key, value in data.items()]
    _print(args, data, "\n".join(lines))
    return 0


def _readable(value: object) -> str:
    """A status value for people: `-` for none, `key=value, …` for a record such as the journal (not a Python dict
    with quotes and braces), yes/no for a flag."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_readable(v)}" for k, v in value.items()) or "-"
    if isinstance(value, list | tuple):
        return ", ".join(_readable(v) for v in value) or "-"
    return str(value)


def _lang() -> str:
    return cli_language()


if __name__ == "__main__":  # pragma: no cover
    from app.cli import main

    sys.exit(main(["update", *sys.argv[1:]]))
