"""The reference platform's back office as admin commands (issue 14 §5): counter decisions and the statuses they
became, answers to consultations and complaints (已答复, delivered back through the status feed), and the 差评
follow-up deadline with the overdue list.

    yunban platform decisions [--receipt N] [--json]
    yunban platform complaints [--open] [--json]
    yunban platform complaint-answer KEY --answer TEXT [--json]      KEY: the complaint's record id or reference (Z…)
    yunban platform rating-overdue [--today YYYY-MM-DD] [--catalog BUNDLE] [--json]

Contract: 整改反馈 for a 差评 is due within `FOLLOWUP_WORKDAYS` (15) working days of its receipt by the platform, the
rule Yunnan sets for 差评 rectification; working days skip weekends and the catalog's public holidays (法定节假日) and
count its adjusted working days (调休上班). `--json` keys (stable): decisions → `{decisions: [{record_id, terminal_id,
action, decision, receipt_no, clerk_id, window, notice_no, decided_at, received_at, review, submission_status,
submission_received}]}`; complaints → `{complaints: [{record_id, terminal_id, reference, kind, subject, receipt_no,
text, received_at, answer, answered_at}]}`; complaint-answer → `{record_id, terminal_id, reference, status, answer,
cursor, at}`; rating-overdue → `{today, workdays, open: [{..., deadline, overdue, overdue_workdays}]}`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sync.platform import admin as platform_main
from sync.platform import store_backoffice
from sync.platform.catalog_source import BundleError, load_bundle
from sync.platform.cli_common import refuse_empty
from sync.platform.errors import PlatformError

__all__ = ["FOLLOWUP_WORKDAYS", "add_workdays", "overdue_ratings", "register"]

FOLLOWUP_WORKDAYS = 15
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
MAX_ANSWER = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def add_workdays(start: dt.date, days: int, holidays: Iterable[str] = (), workdays: Iterable[str] = ()) -> dt.date:
    """The date `days` working days after `start` (weekends and `holidays` skipped, `workdays` counted)."""
    off, on = set(holidays), set(workdays)
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        iso = day.isoformat()
        if iso in on or (day.weekday() < 5 and iso not in off):
            left -= 1
    return day


def _workdays_between(a: dt.date, b: dt.date, holidays: set[str], workdays: set[str]) -> int:
    n, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        iso = day.isoformat()
        if iso in workdays or (day.weekday() < 5 and iso not in holidays):
            n += 1
    return n


def _calendar(catalog: str | Path | None) -> tuple[set[str], set[str]]:
    if catalog is None:
        return set(), set()
    if not str(catalog).strip():
        raise PlatformError("--catalog: give the path of a catalog bundle folder (or leave the option out)")
    try:
        data = load_bundle(catalog).get("holidays") or {}
    except BundleError as exc:
        raise PlatformError(f"--catalog {catalog}: {exc}") from exc
    return {str(d) for d in data.get("holidays") or ()}, {str(d) for d in data.get("workdays") or ()}


def overdue_ratings(store: Any, today: dt.date, catalog: str | Path | None = None) -> dict[str, Any]:
    holidays, workdays = _calendar(catalog)
    out = []
    for r in store_backoffice.open_bad_ratings(store):
        received = dt.datetime.fromisoformat(str(r["received_at"]).replace("Z", "+00:00")).astimezone(CHINA).date()
        deadline = add_workdays(received, FOLLOWUP_WORKDAYS, holidays, workdays)
        late = _workdays_between(deadline, today, holidays, workdays) if today > deadline else 0
        out.append({**r, "deadline": deadline.isoformat(), "overdue": today > deadline, "overdue_workdays": late})
    return {"today": today.isoformat(), "workdays": FOLLOWUP_WORKDAYS, "open": out}


def _store(args: Any) -> Any:
    data = Path(args.data or os.environ.get("YUNBAN_PLATFORM_DATA") or "platform-data")
    return platform_main.open_store(data, getattr(args, "database", None))


def _print(args: Any, data: Any) -> bool:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return True
    return False


def _decisions(args: Any) -> int:
    refuse_empty("--receipt", args.receipt)  # issue 17: refused, not taken as "all"
    store = _store(args)
    try:
        rows = store_backoffice.decisions(store, args.receipt)
    finally:
        store.close()
    if not _print(args, {"decisions": rows}):
        for r in rows:
            print(f"{r['decided_at']}  {r['receipt_no']}  {r['action']}:{r['decision']}  {r['clerk_id']}@{r['window']}"
                  f"  {r['notice_no'] or '-'}  → {r['submission_status'] or '(not applied)'}")  # fmt: skip
        if not rows:
            print("no decisions")
    return 0


def _complaints(args: Any) -> int:
    store = _store(args)
    try:
        rows = store_backoffice.complaints(store, open_only=args.open)
    finally:
        store.close()
    if not _print(args, {"complaints": rows}):
        for r in rows:
            state = f"已答复 {r['answered_at']}" if r["answer"] else "待答复"
            print(f"{r['received_at']}  {r['reference']}  {r['kind']}  {r['receipt_no'] or '-'}  {state}")
        if not rows:
            print("no complaints")
    return 0


def _answer(args: Any) -> int:
    answer = args.answer.strip()
    if not answer or len(answer) > MAX_ANSWER or _CONTROL.search(answer):
        raise PlatformError(f"--answer: 1-{MAX_ANSWER} characters, no control characters")
    store = _store(args)
    try:
        try:
            result = store_backoffice.answer_complaint(store, args.key, answer, _now())
        except ValueError as exc:
            raise PlatformError(f"{args.key} was answered already") from exc
    finally:
        store.close()
    if result is None:
        raise PlatformError(f"no consultation or complaint {args.key}")
    if not _print(args, result):
        print(f"answered {result['reference'] or result['record_id']} (feed cursor {result['cursor']})")
    return 0


def _overdue(args: Any) -> int:
    try:
        refuse_empty("--today", args.today, "a date YYYY-MM-DD", "for today (UTC+8)")  # issue 17
        today = dt.date.fromisoformat(args.today) if args.today else dt.datetime.now(CHINA).date()
    except ValueError as exc:
        raise PlatformError(f"--today {args.today!r}: a date YYYY-MM-DD") from exc
    store = _store(args)
    try:
        report = overdue_ratings(store, today, args.catalog)
    finally:
        store.close()
    if not _print(args, report):
        for r in report["open"]:
            late = f"OVERDUE by {r['overdue_workdays']} working day(s)" if r["overdue"] else "due"
            print(f"{r['receipt_no']}  {r['level']}  {r['followup'] or 'pending'}  deadline {r['deadline']}  {late}")
        if not report["open"]:
            print("no open 差评")
    return 0


def register(
    psub: Any,
    common: argparse.ArgumentParser,
    data_opt: Callable[[argparse.ArgumentParser], None],
    default_catalog: Path | None = None,
) -> None:
    p = psub.add_parser("decisions", parents=[common], help="counter decisions received and the status each became")
    p.add_argument("--receipt", help="only the decisions on this receipt number")
    data_opt(p)
    p.set_defaults(func=_decisions)

    p = psub.add_parser(
        "complaints", parents=[common], help="consultations and complaints (咨询投诉) and their answers"
    )
    p.add_argument("--open", action="store_true", help="only those not answered yet")
    data_opt(p)
    p.set_defaults(func=_complaints)

    p = psub.add_parser(
        "complaint-answer", parents=[common], help="answer a consultation or complaint (已答复, back to its terminal)"
    )
    p.add_argument("key", help="the complaint's record id or its reference (Z…)")
    p.add_argument("--answer", required=True, help="the answer shown at the kiosk's progress lookup")
    data_opt(p)
    p.set_defaults(func=_answer)

    p = psub.add_parser(
        "rating-overdue", parents=[common], help=f"open 差评 with their {FOLLOWUP_WORKDAYS}-working-day deadline"
    )
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the day to count to (default: today, UTC+8)")
    p.add_argument("--catalog", metavar="BUNDLE", default=default_catalog, help="bundle whose holidays count")
    data_opt(p)
    p.set_defaults(func=_overdue)
