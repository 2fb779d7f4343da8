"""`yunban doctor`: the one command a technician runs first. Each line is OK, WARN or FAIL with what was found and,
when not OK, the one thing to do.

Checks, in order: config (config.toml valid), enrollment, platform (reachable; the clock offset it measures),
keyring (usable), devices (each configured device found), disk (free space under the data directory), time zone
(the configured zone and the clock's offset from the platform), catalog (version and age), outbox (depth, oldest
pending record, quarantined records).

Contract: exit 0 when no check FAILs (WARNs allowed), 1 when one does. `--json`: `{ok, checks: [{check, status,
detail, fix}]}` with `status` OK / WARN / FAIL and `fix` null when OK. Nothing is changed on the terminal (a fresh
data directory is initialised like by every other command).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.cli import messages as m
from app.cli.output import print_json
from app.cli.style import GREEN, RED, YELLOW, paint
from app.errors import UserError

DISK_FAIL_BYTES = 200 * 1024 * 1024
DISK_WARN_BYTES = 2 * 1024 * 1024 * 1024
CLOCK_WARN_S = 30.0
CLOCK_FAIL_S = 300.0
CATALOG_WARN_DAYS = 30
OUTBOX_WARN_HOURS = 24
DEVICE_OK = ("ready",)
DEVICE_WARN = ("paper_near_end", "unknown", "not_configured")


@dataclass(slots=True)
class Check:
    check: str
    status: str
    detail: str
    fix: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "status": self.status, "detail": self.detail, "fix": self.fix}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "doctor",
        parents=[common],
        help="check the terminal: config, enrollment, platform, keyring, devices, disk, clock, catalog, outbox",
    )
    p.add_argument("--offline", action="store_true", help="do not contact the platform (no reachability, no clock)")
    p.set_defaults(func=cmd_doctor)


def _ok(name: str, detail: str) -> Check:
    return Check(name, "OK", detail)


def _warn(name: str, detail: str, fix: str) -> Check:
    return Check(name, "WARN", detail, fix)


def _fail(name: str, detail: str, fix: str) -> Check:
    return Check(name, "FAIL", detail, fix)


def _age(iso: str | None) -> dt.timedelta | None:
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC) - moment


def _human_age(age: dt.timedelta) -> str:
    hours = age.total_seconds() / 3600
    if hours < 1:
        return m.say(m.DOCTOR_MINUTES, n=max(0, int(age.total_seconds() // 60)))
    if hours < 48:
        return m.say(m.DOCTOR_HOURS, n=int(hours))
    return m.say(m.DOCTOR_DAYS, n=int(hours // 24))


def run_checks(args: argparse.Namespace) -> list[Check]:
    """Every check; a check that crashes is a FAIL naming the error, the others still run."""
    from app.config import ConfigError, load_config
    from app.context import AppContext
    from app.paths import HomePaths, resolve_home

    checks: list[Check] = []
    home = resolve_home(args.home)
    try:
        load_config(HomePaths(home).config)
        checks.append(_ok("config", str(HomePaths(home).config)))
    except ConfigError as exc:  # nothing else can be opened without a config; the disk can still be looked at
        checks.append(_fail("config", str(UserError(exc.msg, **exc.params)), m.say(m.DOCTOR_FIX_CONFIG)))
        return checks + _disk_at(home)
    try:
        ctx = AppContext(home)
    except UserError as exc:
        checks.append(_fail("config", str(exc), m.say(m.DOCTOR_FIX_CONFIG)))
        return checks + _disk_at(home)
    try:
        steps: list[Callable[[Any, argparse.Namespace], list[Check]]] = [
            _enrollment,
            _keyring,
            _platform,
            _devices,
            _disk,
            _catalog,
            _outbox,
        ]
        for step in steps:
            try:
                checks.extend(step(ctx, args))
            except Exception as exc:  # one broken part must not hide the others
                name = step.__name__.lstrip("_")
                checks.append(_fail(name, f"{type(exc).__name__}: {exc}", m.say(m.DOCTOR_FIX_LOGS)))
    finally:
        ctx.close()
    return checks


def _enrollment(ctx: Any, args: argparse.Namespace) -> list[Check]:
    try:
        identity = ctx.enrollment.identity()
    except UserError as exc:
        return [_fail("enrollment", str(exc), m.say(m.DOCTOR_FIX_ENROLL))]
    if identity is None:
        return [_warn("enrollment", m.bilingual(m.NOT_ENROLLED_SHORT), m.say(m.DOCTOR_FIX_ENROLL))]
    return [
        _ok(
            "enrollment",
            m.say(m.ENROLLED_AS, terminal=identity.terminal_id, division=identity.division,
                  platform=identity.platform_url),
        )
    ]  # fmt: skip


def _keyring(ctx: Any, args: argparse.Namespace) -> list[Check]:
    from app.cli.keyring_help import explain
    from app.cli.output import CliError

    try:
        keystore = ctx.keystore
        keystore.get("doctor-probe")
    except UserError as exc:
        short = explain(exc, ctx.home)
        fix = short.details.get("fix") if isinstance(short, CliError) else None
        return [_fail("keyring", str(short), str(fix or exc))]
    return [_ok("keyring", keystore.backend_name)]


def _platform(ctx: Any, args: argparse.Namespace) -> list[Check]:
    from app.model.clock import terminal_zone_name

    zone = terminal_zone_name()
    if args.offline:
        return [_ok("time_zone", m.say(m.DOCTOR_ZONE, zone=zone, now=_now_local()))]
    if ctx.enrollment.identity() is None:
        return [
            _warn("platform", m.bilingual(m.NOT_ENROLLED_SHORT), m.say(m.DOCTOR_FIX_ENROLL)),
            _ok("time_zone", m.say(m.DOCTOR_ZONE, zone=zone, now=_now_local())),
        ]
    sync = ctx.sync
    sync.settings = type(sync.settings)(**{**_settings_dict(sync.settings), "timeout_s": 5.0})
    url = sync.platform_url
    if not sync.probe():
        unknown = m.say(m.DOCTOR_CLOCK_UNKNOWN, zone=zone, now=_now_local())
        return [
            _fail("platform", m.say(m.UNREACHABLE, url=url), m.say(m.DOCTOR_FIX_PLATFORM)),
            _warn("time_zone", unknown, m.say(m.DOCTOR_FIX_PLATFORM)),
        ]
    offset = sync.server_offset()
    checks = [_ok("platform", m.say(m.REACHABLE, url=url, offset=f"{offset:+.1f}"))]
    detail = m.say(m.DOCTOR_CLOCK, zone=zone, now=_now_local(), offset=f"{offset:+.1f}")
    if abs(offset) >= CLOCK_FAIL_S:
        checks.append(_fail("time_zone", detail, m.say(m.DOCTOR_FIX_CLOCK)))
    elif abs(offset) >= CLOCK_WARN_S:
        checks.append(_warn("time_zone", detail, m.say(m.DOCTOR_FIX_CLOCK)))
    else:
        checks.append(_ok("time_zone", detail))
    return checks


def _settings_dict(settings: Any) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)}


def _now_local() -> str:
    from app.model.clock import format_local

    return format_local(dt.datetime.now(dt.UTC), "%Y-%m-%d %H:%M:%S %z")


def _devices(ctx: Any, args: argparse.Namespace) -> list[Check]:
    from app.devices.registry import list_devices

    checks = []
    for entry in list_devices(ctx.config):
        name = f"device {entry.kind}"
        detail = f"{entry.driver} {entry.target} {entry.state}: {entry.message}".replace("  ", " ").strip()
        if entry.state in DEVICE_OK:
            checks.append(_ok(name, detail))
        elif entry.state in DEVICE_WARN:
            checks.append(_warn(name, detail, m.say(m.DOCTOR_FIX_DEVICE, kind=f"devices.{entry.kind}")))
        else:  # offline, unreachable, paper_out, cover_open, refused, missing_library, error, ...
            checks.append(_fail(name, detail, m.say(m.DOCTOR_FIX_DEVICE, kind=f"devices.{entry.kind}")))
    return checks


def _disk(ctx: Any, args: argparse.Namespace) -> list[Check]:
    return _disk_at(ctx.home)


def _disk_at(home: Any) -> list[Check]:
    from app.cli.progress import human_bytes

    usage = shutil.disk_usage(home)
    detail = m.say(m.DOCTOR_DISK, free=human_bytes(usage.free), total=human_bytes(usage.total), path=home)
    if usage.free < DISK_FAIL_BYTES:
        return [_fail("disk", detail, m.say(m.DOCTOR_FIX_DISK))]
    if usage.free < DISK_WARN_BYTES:
        return [_warn("disk", detail, m.say(m.DOCTOR_FIX_DISK))]
    return [_ok("disk", detail)]


def _catalog(ctx: Any, args: argparse.Namespace) -> list[Check]:
    try:
        info = ctx.catalog.bundle_info()
    except UserError as exc:
        return [_fail("catalog", str(exc), m.say(m.DOCTOR_FIX_CATALOG))]
    age = _age(info.get("imported_at"))
    detail = m.say(
        m.DOCTOR_CATALOG,
        bundle=info.get("bundle_id"),
        version=info.get("version"),
        age=_human_age(age) if age is not None else "?",
    )
    if info.get("demo"):
        return [_warn("catalog", detail + m.say(m.DOCTOR_DEMO), m.say(m.DOCTOR_FIX_CATALOG))]
    if age is not None and age > dt.timedelta(days=CATALOG_WARN_DAYS):
        return [_warn("catalog", detail, m.say(m.DOCTOR_FIX_CATALOG))]
    return [_ok("catalog", detail)]


def _outbox(ctx: Any, args: argparse.Namespace) -> list[Check]:
    from app.cli.progress import human_bytes
    from app.model.clock import format_local

    summary = ctx.records_db.pending_summary()
    quarantined = ctx.records_db.outbox_counts()["quarantined"]
    checks = []
    if not summary["records"]:
        checks.append(_ok("outbox", m.say(m.DOCTOR_OUTBOX_EMPTY)))
    else:
        age = _age(summary["oldest_created_at"])
        detail = m.say(
            m.DOCTOR_OUTBOX,
            records=summary["records"],
            size=human_bytes(summary["attachment_bytes"]),
            oldest=summary["oldest_receipt_no"] or summary["oldest_record_id"],
            at=format_local(summary["oldest_created_at"]),
            age=_human_age(age) if age is not None else "?",
        )
        if age is not None and age > dt.timedelta(hours=OUTBOX_WARN_HOURS):
            checks.append(_warn("outbox", detail, m.say(m.DOCTOR_FIX_OUTBOX)))
        else:
            checks.append(_ok("outbox", detail))
    if quarantined:
        checks.append(_warn("quarantine", m.say(m.DOCTOR_QUARANTINED, n=quarantined), m.say(m.DOCTOR_FIX_QUARANTINE)))
    return checks


def cmd_doctor(args: argparse.Namespace) -> int:
    checks = run_checks(args)
    failed = any(c.status == "FAIL" for c in checks)
    if args.json:
        print_json({"ok": not failed, "checks": [c.to_json() for c in checks]})
        return 1 if failed else 0
    colour = {"OK": GREEN, "WARN": YELLOW, "FAIL": RED}
    width = max(len(c.check) for c in checks)
    for c in checks:
        mark = paint(f"{c.status:<4}", colour[c.status], sys.stdout)
        print(f"{mark}  {c.check:<{width}}  {c.detail}")
        if c.fix:
            print(f"      {'':<{width}}  → {c.fix}")
    return 1 if failed else 0
