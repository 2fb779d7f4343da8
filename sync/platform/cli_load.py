"""`yunban platform load-test`: thousands of simulated terminals against a platform (`sync.platform.loadtest`), with
the progress of each phase through the reporter the terminal's CLI passes in (`progress`: the platform imports
nothing of the terminal; without one, no progress). JSON: the load generator's report (docs/platform.md)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable
from types import TracebackType
from typing import Any

from sync.platform import admin as platform_main
from sync.platform.cli_common import data_dir, print_json
from sync.platform.errors import PlatformError

ProgressFactory = Callable[..., contextlib.AbstractContextManager[Any]]
"""`factory(args, task, total=…, total_bytes=…, unit=…)`: a context manager giving a reporter with `advance(n,
nbytes)` (the terminal CLI's `app.cli.progress.progress`, passed in by `register`)."""


class _LoadProgress:
    """The load test's phases (`sync.platform.loadtest`: enroll, records, catalog), each its own progress task in
    turn: `load-test enroll` N terminals, `load-test` N records with their attachment bytes, `load-test catalog`
    N terminals. A phase ends (its bar done) when the next one starts; a failure ends the current one as failed."""

    def __init__(self, factory: ProgressFactory, args: Any, config: Any) -> None:
        self._factory = factory
        self._args = args
        self._stack = contextlib.ExitStack()
        self._phase: str | None = None
        self._reporter: Any = None
        records = config.records
        self._tasks = {
            "enroll": ("load-test enroll", config.terminals, None, "terminals"),
            "records": ("load-test", records, records * config.attachment_bytes or None, "records"),
            "catalog": ("load-test catalog", config.terminals, None, "terminals"),
        }

    def __call__(self, phase: str, n: int, nbytes: int) -> None:
        if phase != self._phase:
            self._stack.close()
            task, total, total_bytes, unit = self._tasks.get(phase, (f"load-test {phase}", None, None, ""))
            self._reporter = self._stack.enter_context(
                self._factory(self._args, task, total=total, total_bytes=total_bytes, unit=unit)
            )
            self._phase = phase
        self._reporter.advance(n, nbytes)

    def __enter__(self) -> _LoadProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool | None:
        return self._stack.__exit__(kind, exc, tb)


def _load_test(args: Any) -> int:
    from sync.platform.loadtest import LoadConfig, enroll_codes, run_load

    if not (1 <= args.terminals <= 100_000 and 1 <= args.records <= 10_000_000 and 0 < args.duration <= 86400):
        raise PlatformError("--terminals 1..100000, --records 1..10000000 and --duration up to 86400 s")
    if not (0 < args.rate <= 100_000 and 1 <= args.burst <= 100_000 and 1 <= args.concurrency <= 4096):
        raise PlatformError("--rate must be more than 0, --burst and --concurrency 1 or more")
    store = platform_main.open_store(data_dir(args), args.database)
    try:
        codes = enroll_codes(store, args.terminals)
    finally:
        store.close()
    config = LoadConfig(
        url=args.url.rstrip("/"),
        terminals=args.terminals,
        records=args.records,
        duration=args.duration,
        rate=args.rate,
        burst=args.burst,
        attachment_bytes=int(args.attachment_kb * 1024),
        concurrency=args.concurrency,
        status_every=args.status_every,
        catalog_phase=args.catalog_phase,
    )
    factory: ProgressFactory | None = getattr(args, "progress_factory", None)
    if factory is None:  # the platform's CLI alone: no progress
        report = run_load(config, codes, args.pid or [], args.db_pid or [])
    else:
        with _LoadProgress(factory, args, config) as reporter:
            report = run_load(config, codes, args.pid or [], args.db_pid or [], progress=reporter)
    if args.json:
        print_json(report)
    else:
        lat = report["intake_latency_ms"]
        print(
            f"{report['records_acknowledged']} records from {report['terminals']} terminals in {report['seconds']} s: "
            f"{report['records_per_s']} records/s, {report['mb_per_s']} MB/s; intake p50/p95/p99 "
            f"{lat['p50']}/{lat['p95']}/{lat['p99']} ms; errors {report['error_count']}; "
            f"duplicates {report['duplicates']}; platform {report['platform']}; database {report['database']}; "
            f"load generator {report['load_generator']}"
        )
    return 0 if report["error_count"] == 0 else 1


def register(
    psub: Any,
    common: argparse.ArgumentParser,
    data_opt: Callable[[argparse.ArgumentParser], None],
    progress: ProgressFactory | None,
) -> None:
    p = psub.add_parser(
        "load-test",
        parents=[common],
        help="simulate many enrolled terminals sending signed records with attachments (bounded; a report)",
    )
    p.add_argument("--url", required=True, help="the platform (or the proxy in front of its nodes)")
    p.add_argument("--terminals", type=int, default=1000, help="terminals to enroll, each with its own key")
    p.add_argument("--records", type=int, default=3000, help="records to send at most")
    p.add_argument("--duration", type=float, default=60.0, metavar="S", help="seconds of load at most")
    p.add_argument("--rate", type=float, default=100.0, help="records per second (token bucket)")
    p.add_argument("--burst", type=int, default=50, help="records sent at once at most after a pause")
    p.add_argument("--attachment-kb", type=float, default=200.0, help="attachment size of each record in KiB")
    p.add_argument("--concurrency", type=int, default=64, help="records in flight at most")
    p.add_argument(
        "--status-every", type=int, default=10, metavar="N", help="every Nth record also fetches status and catalog"
    )
    p.add_argument(
        "--catalog-phase",
        action="store_true",
        help="afterwards every terminal fetches a catalog change page and its status once",
    )
    p.add_argument(
        "--pid", type=int, action="append", help="a platform process to report CPU and memory of (repeatable)"
    )
    p.add_argument(
        "--db-pid",
        type=int,
        action="append",
        metavar="PID",
        help="a database server process (e.g. PostgreSQL's postmaster: its backends are counted with it), reported "
        "apart as `database` (repeatable)",
    )
    data_opt(p)
    p.set_defaults(func=_load_test, progress_factory=progress)
