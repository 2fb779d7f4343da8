"""Progress of long work (`sync run`, `catalog import`/`update`, `records make-test`, `sync export`, `update apply`,
and any later command that counts through work): one reporter, four renderings, all on stderr.

- `bar` (the default on a terminal): a rich progress bar with the count, bytes, rate and time left.
- `plain` (the default when stderr is not a terminal): a line now and then (every 10 % or 5 s, and at the end).
- `json` (`--progress json`): JSON lines, `{"event": "start"|"progress"|"done"|"failed", "task", "done", "total",
  "bytes", "total_bytes", "rate", "bytes_rate", "eta_s", "elapsed_s"}`, at most five a second plus the first and
  last.
- `none`: nothing (the default with `--json`, so machine output stays clean; `--progress json` asks for lines).

Contract: `progress(args, task, total=…, total_bytes=…)` is a context manager giving a `Reporter` with
`advance(n, nbytes)`, `add_bytes(nbytes)`, `set_total(total, total_bytes)` and `note(text)`; a command calls it
whatever the mode (the reporter decides). Unknown totals are allowed (`None`): the bar then shows counts and rate only.
stdout is never touched, so `--json` output stays one JSON document.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from typing import Any, TextIO

MODES = ("auto", "bar", "plain", "json", "none")
PLAIN_EVERY_S = 5.0
JSON_EVERY_S = 0.2
RATE_WINDOW_S = 30.0
"""Rates and time left are measured over the last 30 s of work (the whole run once it is done)."""


def human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover


def human_seconds(s: float | None) -> str:
    if s is None:
        return "?"
    s = max(0, round(s))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def resolve_mode(args: Any, stream: TextIO | None = None) -> str:
    """The rendering for this command: `--progress` if given, else none with `--json`, else bar on a terminal
    (not with TERM=dumb), else plain lines."""
    mode = getattr(args, "progress", None) or "auto"
    if mode != "auto":
        return str(mode)
    if getattr(args, "json", False):
        return "none"
    stream = sys.stderr if stream is None else stream
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):
        tty = False
    return "bar" if tty and os.environ.get("TERM") != "dumb" else "plain"


class Reporter:
    """Counts work done; renders it in one of the modes. Cheap to call per item (rendering is throttled)."""

    def __init__(
        self, task: str, mode: str, *, total: int | None, total_bytes: int | None, unit: str, stream: TextIO
    ) -> None:
        self.task = task
        self.mode = mode
        self.total = total
        self.total_bytes = total_bytes
        self.unit = unit
        self.stream = stream
        self.done = 0
        self.bytes = 0
        self.started = time.monotonic()
        self._last_emit = 0.0
        self._last_fraction = -1.0
        self._last_plain: tuple[int | None, ...] | None = None
        self._last_note: str | None = None
        self._samples: collections.deque[tuple[float, int, int]] = collections.deque()
        self._finished = False
        self._bar: Any = None
        self._task_id: Any = None

    # -- the figures -----------------------------------------------------------------------------------------------

    @property
    def elapsed(self) -> float:
        return max(1e-9, time.monotonic() - self.started)

    def _sample(self) -> None:
        now = time.monotonic()
        if not self._samples or now - self._samples[-1][0] >= 0.2:
            self._samples.append((now, self.done, self.bytes))
        while len(self._samples) > 2 and now - self._samples[0][0] > RATE_WINDOW_S:
            self._samples.popleft()

    def _window(self) -> tuple[float, int, int] | None:
        """(seconds, items, bytes) over the last RATE_WINDOW_S, or None while too short to say (then: the average)."""
        if self._finished or len(self._samples) < 2:
            return None
        t0, d0, b0 = self._samples[0]
        span = time.monotonic() - t0
        return (span, self.done - d0, self.bytes - b0) if span >= 2.0 else None

    @property
    def rate(self) -> float:
        """Items per second: over the last RATE_WINDOW_S while working (an outage early on does not skew the time
        left for ever), over the whole run once finished."""
        window = self._window()
        return window[1] / window[0] if window else self.done / self.elapsed

    @property
    def bytes_rate(self) -> float:
        window = self._window()
        return window[2] / window[0] if window else self.bytes / self.elapsed

    @property
    def eta_s(self) -> float | None:
        if self.by_bytes and self.total_bytes and self._shown_bytes >= self.total_bytes:
            return 0.0
        if self.total_bytes and self.bytes and self.bytes_rate > 0:
            return max(0.0, (self.total_bytes - self.bytes) / self.bytes_rate)
        if self.total and self.done and self.rate > 0:
            return max(0.0, (self.total - self.done) / self.rate)
        return None

    @property
    def by_bytes(self) -> bool:
        """Work measured in bytes alone (`unit="bytes"`, e.g. `sync import` streaming a bundle): the bar, the
        percentage and the time left follow the bytes; there is no item count to show."""
        return self.unit == "bytes" and self.total is None

    @property
    def _shown_bytes(self) -> int:
        """Bytes shown next to the total: a chunk sent again after an interruption counts in the rate, not twice
        towards the total."""
        return min(self.bytes, self.total_bytes) if self.total_bytes else self.bytes

    def snapshot(self, event: str) -> dict[str, Any]:
        eta = self.eta_s
        return {
            "event": event,
            "task": self.task,
            "done": self.done,
            "total": self.total,
            "bytes": self.bytes,
            "total_bytes": self.total_bytes,
            "rate": round(self.rate, 3),
            "bytes_rate": round(self.bytes_rate, 1),
            "eta_s": None if eta is None else round(eta, 1),
            "elapsed_s": round(self.elapsed, 3),
        }

    def line(self) -> str:
        """The plain rendering, e.g. `sync run: 120/1000 records (12 %), 12.0 MiB/100.0 MiB, 35.2/s, 1.2 MiB/s,
        0:25 left`."""
        if self.by_bytes:
            return f"{self.task}: " + ", ".join(self._byte_parts())
        parts = [f"{self.done}/{self.total}" if self.total is not None else str(self.done)]
        parts[0] += f" {self.unit}"
        if self.total:
            parts[0] += f" ({100 * self.done // max(1, self.total)} %)"
        if self.total_bytes or self.bytes:
            size = human_bytes(self._shown_bytes)
            parts.append(f"{size}/{human_bytes(self.total_bytes)}" if self.total_bytes else size)
        parts.append(f"{self.rate:.1f}/s")
        if self.bytes:
            parts.append(f"{human_bytes(self.bytes_rate)}/s")
        eta = self.eta_s
        if eta is not None and self.total is not None and self.done < self.total:
            parts.append(f"{human_seconds(eta)} left")
        return f"{self.task}: " + ", ".join(parts)

    def _byte_parts(self) -> list[str]:
        """The plain line of work measured in bytes: `37.2 MiB/50.5 MiB (73 %), 12.0 MiB/s, 0:01 left`."""
        size = human_bytes(self._shown_bytes)
        if self.total_bytes:
            size += f"/{human_bytes(self.total_bytes)} ({100 * self._shown_bytes // max(1, self.total_bytes)} %)"
        parts = [size, f"{human_bytes(self.bytes_rate)}/s"]
        eta = self.eta_s
        if eta is not None and self.total_bytes and self._shown_bytes < self.total_bytes:
            parts.append(f"{human_seconds(eta)} left")
        return parts

    def _completed(self) -> tuple[float, float | None]:
        """(completed, total) for the bar: items, or bytes when the work is measured in bytes."""
        if self.by_bytes:
            return float(self._shown_bytes), (float(self.total_bytes) if self.total_bytes else None)
        return float(self.done), (float(self.total) if self.total is not None else None)

    # -- the calls a command makes ---------------------------------------------------------------------------------

    def set_total(self, total: int | None = None, total_bytes: int | None = None) -> None:
        if total is not None:
            self.total = total
        if total_bytes is not None:
            self.total_bytes = total_bytes
        if self._bar is not None:
            self._bar.update(self._task_id, total=self._completed()[1])
        self._render(force=False)

    def advance(self, n: int = 1, nbytes: int = 0) -> None:
        if n:
            self._last_note = None  # work moved on: the next trouble is news
        self.done += n
        self.bytes += nbytes
        self._sample()
        self._render(force=False)

    def add_bytes(self, nbytes: int) -> None:
        self.bytes += nbytes
        self._sample()
        self._render(force=False)

    def note(self, text: str) -> None:
        """A warning (a retry, a wait) above the bar, or as a plain line, yellow where colour is on; never in json/none
        modes."""
        if text == self._last_note:  # a retry loop repeats itself: say it once
            return
        self._last_note = text
        if self.mode == "bar" and self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False, style="yellow")
        elif self.mode == "plain":
            from app.cli.style import print_warning

            print_warning(f"{self.task}: {text}", stream=self.stream)

    # -- rendering -------------------------------------------------------------------------------------------------

    def start(self) -> None:
        if self.mode == "bar":
            self._start_bar()
        elif self.mode == "json":
            self._emit_json("start")
        elif self.mode == "plain":
            self._last_emit = time.monotonic()  # the first line comes with the first work done

    def finish(self, *, failed: bool = False) -> None:
        self._finished = True
        every_item = self.total is not None and self.done >= self.total and not self.by_bytes
        if not failed and every_item and self.total_bytes and self.bytes < self.total_bytes:
            # Every item done with fewer bytes than foreseen (attachments the platform already held are not sent
            # again): the total becomes what the work took, so a finished bar does not look unfinished.
            self.total_bytes = self.bytes
        if self.mode == "bar" and self._bar is not None:
            completed, total = self._completed()
            self._bar.update(self._task_id, completed=completed, total=total or completed, **self._fields())
            self._bar.stop()
        elif self.mode == "json":
            self._emit_json("failed" if failed else "done")
        elif self.mode == "plain" and not failed and (self.done or self.bytes):
            self._plain()

    def _plain(self) -> None:
        """One plain line, unless it would repeat the last one's count (the end of work already printed)."""
        key = (self.done, self.total, self.total_bytes) if not self.by_bytes else (self._shown_bytes, self.total_bytes)
        if key != self._last_plain:
            self._last_plain = key
            print(self.line(), file=self.stream, flush=True)
        self._last_emit = time.monotonic()

    def _render(self, *, force: bool) -> None:
        now = time.monotonic()
        if self.mode == "bar" and self._bar is not None:
            self._bar.update(self._task_id, completed=self._completed()[0], **self._fields())
        elif self.mode == "json":
            if force or now - self._last_emit >= JSON_EVERY_S:
                self._emit_json("progress")
        elif self.mode == "plain":
            completed, total = self._completed()
            fraction = completed / total if total else 0.0
            if (
                force or now - self._last_emit >= PLAIN_EVERY_S or fraction >= self._last_fraction + 0.1 - 1e-9
            ):  # every 10 % (in floats 0.2 + 0.1 > 0.3)
                self._last_fraction = fraction
                self._plain()

    def _emit_json(self, event: str) -> None:
        self._last_emit = time.monotonic()
        print(json.dumps(self.snapshot(event), ensure_ascii=False), file=self.stream, flush=True)

    def _fields(self) -> dict[str, Any]:
        """The bar's bytes and rate columns."""
        size = ""
        if self.total_bytes or self.bytes:
            size = human_bytes(self._shown_bytes) + (f"/{human_bytes(self.total_bytes)}" if self.total_bytes else "")
        speed = f"{self.rate:.1f}/s" + (f" {human_bytes(self.bytes_rate)}/s" if self.bytes else "")
        eta = self.eta_s
        left = f"{human_seconds(eta)} left" if eta is not None and (self.total or 0) > self.done else ""
        if self.by_bytes:
            speed = f"{human_bytes(self.bytes_rate)}/s"
            unfinished = self.total_bytes is not None and self._shown_bytes < self.total_bytes
            left = f"{human_seconds(eta)} left" if eta is not None and unfinished else ""
        return {"size": size, "speed": speed, "eta": left}

    def _start_bar(self) -> None:
        """The rich bar, its columns fitted to the terminal's width: all of them from 120 columns, without the
        elapsed time and the percentage below, counts and time left only below 80."""
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        from app.cli.style import colour_enabled

        console = Console(file=self.stream, no_color=not colour_enabled(self.stream), highlight=False)
        width = console.width
        columns: list[ProgressColumn | str] = [TextColumn("{task.description}")]
        if width >= 80:
            columns += [BarColumn(bar_width=None if width >= 120 else 20)]
        if width >= 120:
            columns += [TaskProgressColumn()]
        if not self.by_bytes:  # work in bytes: the size column says it all
            columns += [MofNCompleteColumn(), TextColumn(self.unit)]
        if width >= 80 or self.by_bytes:
            columns += [TextColumn("{task.fields[size]}"), TextColumn("{task.fields[speed]}")]
        if width >= 120:
            columns += [TimeElapsedColumn()]
        columns += [TextColumn("{task.fields[eta]}")]
        self._bar = Progress(*columns, console=console, refresh_per_second=8)
        self._bar.start()
        self._task_id = self._bar.add_task(self.task, total=self._completed()[1], **self._fields())


@contextlib.contextmanager
def progress(
    args: Any,
    task: str,
    *,
    total: int | None = None,
    total_bytes: int | None = None,
    unit: str = "",
    stream: TextIO | None = None,
) -> Iterator[Reporter]:
    """A reporter for `task`, rendered as `args` and the terminal ask (see the module docstring)."""
    out = sys.stderr if stream is None else stream
    reporter = Reporter(task, resolve_mode(args, out), total=total, total_bytes=total_bytes, unit=unit, stream=out)
    reporter.start()
    try:
        yield reporter
    except BaseException:
        reporter.finish(failed=True)
        raise
    reporter.finish()
