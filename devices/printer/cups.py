"""A CUPS print queue (the system's print service) driven through its command-line client: `lpstat` for the queue's
state, `lp` to submit a PDF, `lpstat -W completed` to see a job done. Used for the counter's A4 printer (formal
notices, app/notices/); the receipt printer stays ESC/POS (devices/printer/driver.py).

Contract: no words (codes and reasons, devices/errors.py): `CupsError` with code `no_client` (lp/lpstat missing),
`unreachable` (no scheduler answers), `no_queue` (the queue does not exist), `stopped` (disabled or not accepting
jobs), `refused` (lp failed for another reason), `timeout`. The server is `server` (host[:port] or a socket path,
passed as `CUPS_SERVER`), else the system's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from devices.errors import DeviceError

__all__ = ["CupsError", "CupsQueue", "QueueState"]

_JOB_ID = re.compile(r"request id is (\S+-\d+)")


class CupsError(DeviceError):
    kind = "cups"


@dataclass(frozen=True, slots=True)
class QueueState:
    queue: str
    exists: bool
    enabled: bool
    accepting: bool
    reason: str = ""
    """The scheduler's own line about the queue (why it is stopped), for logs and technicians."""

    @property
    def ready(self) -> bool:
        return self.exists and self.enabled and self.accepting


class CupsQueue:
    """One queue of one CUPS scheduler."""

    def __init__(self, queue: str, server: str = "", *, timeout_s: float = 20.0) -> None:
        if not re.fullmatch(r"[A-Za-z0-9_.@-]{1,127}", queue):
            raise CupsError("no_queue", queue=queue)
        self.queue = queue
        self.server = server
        self.timeout_s = timeout_s

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        if shutil.which(argv[0]) is None:
            raise CupsError("no_client", program=argv[0])
        env = dict(os.environ)
        if self.server:
            env["CUPS_SERVER"] = self.server
        env["LC_ALL"] = env["LANG"] = "C"  # the messages parsed below are the C locale's
        try:
            return subprocess.run(
                list(argv), capture_output=True, text=True, env=env, timeout=self.timeout_s, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise CupsError("timeout", queue=self.queue, seconds=self.timeout_s) from exc

    @staticmethod
    def _unreachable(text: str) -> bool:
        low = text.lower()
        return any(s in low for s in ("unable to connect", "connection refused", "no such file", "bad file descriptor"))

    def state(self) -> QueueState:
        """The queue's state as the scheduler reports it (`lpstat -r`, then `lpstat -p Q -a Q`: without a running
        scheduler the latter only says the queue is unknown)."""
        running = self._run("lpstat", "-r")
        if "not running" in running.stdout or running.returncode != 0:
            raise CupsError("unreachable", server=self.server or "default", detail=running.stdout.strip()[:200])
        done = self._run("lpstat", "-p", self.queue, "-a", self.queue)
        text = (done.stdout + done.stderr).strip()
        if self._unreachable(text):
            raise CupsError("unreachable", server=self.server or "default", detail=text[:200])
        if "invalid destination" in text.lower() or "does not exist" in text.lower() or not done.stdout.strip():
            return QueueState(self.queue, exists=False, enabled=False, accepting=False, reason=text[:200])
        lines = done.stdout.splitlines()
        printer = next((ln for ln in lines if ln.startswith(f"printer {self.queue} ")), "")
        accept = next((ln for ln in lines if ln.startswith(f"{self.queue} ")), "")
        enabled = bool(printer) and " disabled " not in printer
        accepting = bool(accept) and "not accepting" not in accept
        at = lines.index(printer) if printer else -1
        following = lines[at + 1] if 0 <= at < len(lines) - 1 else ""
        reason = following.strip() if following[:1].isspace() else ""  # e.g. "\tPaused" under a disabled queue
        return QueueState(self.queue, exists=True, enabled=enabled, accepting=accepting, reason=reason[:200])

    def submit(self, pdf: Path, *, title: str, copies: int = 1, media: str = "A4") -> str:
        """Hand a PDF to the queue; returns the scheduler's job id (`QUEUE-N`). Refuses with `no_queue` or
        `stopped` first (a stopped CUPS queue would hold the job where the clerk cannot see it)."""
        state = self.state()
        if not state.exists:
            raise CupsError("no_queue", queue=self.queue)
        if not state.ready:
            raise CupsError("stopped", queue=self.queue, detail=state.reason)
        done = self._run(
            "lp", "-d", self.queue, "-t", title[:255], "-n", str(max(1, int(copies))), "-o", f"media={media}",
            "--", str(pdf),
        )  # fmt: skip
        found = _JOB_ID.search(done.stdout)
        if done.returncode != 0 or found is None:
            text = (done.stdout + done.stderr).strip()
            if self._unreachable(text):
                raise CupsError("unreachable", server=self.server or "default", detail=text[:200])
            if "does not exist" in text.lower():
                raise CupsError("no_queue", queue=self.queue)
            if "not accepting" in text.lower():
                raise CupsError("stopped", queue=self.queue, detail=text[:200])
            raise CupsError("refused", queue=self.queue, detail=text[:200])
        return found.group(1)

    def completed(self, job_id: str) -> bool:
        """Has the scheduler finished `job_id` (handed it to the printer's backend)?"""
        done = self._run("lpstat", "-W", "completed", "-o", self.queue)
        return any(line.split(" ", 1)[0] == job_id for line in done.stdout.splitlines())

    def wait_completed(self, job_id: str, timeout_s: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.completed(job_id):
                return True
            time.sleep(0.1)
        return False
