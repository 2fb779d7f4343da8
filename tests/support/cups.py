"""A private CUPS scheduler for tests: the real `cupsd` (cups-daemon) with its own configuration, spool and logs in a
temporary folder, listening on a Unix socket there (never the system's scheduler, never a network port), and a
`capture` backend that keeps every job's document bytes as `<out>/job-<id>.pdf`: the virtual A4 printer.

    with PrivateCups(tmp_path / "cups") as cups:
        cups.add_queue("counter-a4")
        # CUPS_SERVER=cups.server for lp/lpstat; [printer.a4] server = cups.server
        cups.wait_job(job_id)  -> Path of the captured document

Queues are raw (no PPD, no filters): the PDF the terminal sends is the PDF the backend receives, byte for byte.
cupsd runs backends as root only when it runs as root, so the fixture needs root (as scripts/test.sh and CI run).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["PrivateCups", "cups"]

_BACKEND = """#!/bin/sh
# capture backend: no arguments = device discovery; else copy the job (file argv 6, or stdin) into the URI's folder
if [ $# -eq 0 ]; then echo 'direct capture "Unknown" "Yunban test capture"'; exit 0; fi
dir="${DEVICE_URI#capture:}"
out="$dir/job-$1.pdf"
if [ -n "$6" ]; then cat "$6" > "$out.part"; else cat > "$out.part"; fi
mv "$out.part" "$out"
exit 0
"""


class PrivateCups:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.out = self.root / "out"
        self.server = str(self.root / "cups.sock")
        self._proc: subprocess.Popen[bytes] | None = None

    @staticmethod
    def available() -> str | None:
        """Why the scheduler cannot run here (None: it can)."""
        if shutil.which("cupsd") is None or shutil.which("lpadmin") is None:
            return "cupsd/lpadmin not installed (scripts/setup.sh installs cups-daemon, cups-client, cups-bsd)"
        if os.geteuid() != 0:
            return "a private cupsd runs its backends as root only when started as root"
        return None

    def _write_config(self) -> None:
        r = self.root
        for d in ("spool", "tmp", "cache", "state", "log", "bin/backend", "out"):
            (r / d).mkdir(parents=True, exist_ok=True)
        self.out.chmod(0o777)
        for d in ("daemon", "cgi-bin", "notifier", "monitor", "driver", "filter"):
            if (Path("/usr/lib/cups") / d).exists() and not (r / "bin" / d).exists():
                (r / "bin" / d).symlink_to(Path("/usr/lib/cups") / d)
        backend = r / "bin/backend/capture"
        backend.write_text(_BACKEND, encoding="utf-8")
        backend.chmod(0o700)  # 0700: cupsd runs it as root
        (r / "cupsd.conf").write_text(
            f"Listen {self.server}\nLogLevel info\nDefaultAuthType None\nWebInterface No\nBrowsing No\nPrintcap\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n</Policy>\n",
            encoding="utf-8",
        )
        (r / "cups-files.conf").write_text(
            f"ServerRoot {r}\nRequestRoot {r}/spool\nTempDir {r}/tmp\nCacheDir {r}/cache\nStateDir {r}/state\n"
            f"AccessLog {r}/log/access_log\nErrorLog {r}/log/error_log\nPageLog {r}/log/page_log\n"
            f"FileDevice Yes\nSystemGroup root\nServerBin {r}/bin\nDataDir /usr/share/cups\n",
            encoding="utf-8",
        )

    def start(self) -> PrivateCups:
        self._write_config()
        self._proc = subprocess.Popen(
            ["cupsd", "-f", "-c", str(self.root / "cupsd.conf"), "-s", str(self.root / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "log" / "stderr", "wb"),  # noqa: SIM115 (lives as long as the process)
            start_new_session=True,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"cupsd exited: {(self.root / 'log' / 'error_log').read_text(errors='replace')}")
            if Path(self.server).exists() and self.run("lpstat", "-r").returncode == 0:
                return self
            time.sleep(0.05)
        raise RuntimeError("cupsd did not start listening within 15 s")

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "CUPS_SERVER": self.server, "LC_ALL": "C"}
        return subprocess.run(list(argv), capture_output=True, text=True, env=env, timeout=30, check=False)

    def _ok(self, *argv: str) -> None:
        done = self.run(*argv)
        assert done.returncode == 0, f"{' '.join(argv)}: {done.stdout} {done.stderr}"

    def add_queue(self, name: str) -> None:
        self._ok("lpadmin", "-p", name, "-v", f"capture:{self.out}", "-E")

    def delete_queue(self, name: str) -> None:
        self._ok("lpadmin", "-x", name)

    def stop_queue(self, name: str) -> None:
        self._ok("cupsdisable", name)

    def start_queue(self, name: str) -> None:
        self._ok("cupsenable", name)

    def reject(self, name: str) -> None:
        self._ok("cupsreject", name)

    def captured(self) -> list[Path]:
        return sorted(self.out.glob("job-*.pdf"), key=lambda p: int(p.stem.split("-")[1]))

    def wait_job(self, job_id: str, timeout: float = 30.0) -> Path:
        """The captured document of `job_id` (`QUEUE-N`) once the backend wrote it."""
        path = self.out / f"job-{job_id.rsplit('-', 1)[1]}.pdf"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if path.exists():
                return path
            time.sleep(0.05)
        raise AssertionError(f"job {job_id} never reached the capture backend: {self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join((self.root / "log" / "error_log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None

    def __enter__(self) -> PrivateCups:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture
def cups(tmp_path: Path) -> Iterator[PrivateCups]:
    """A private CUPS scheduler with no queue yet (add them with `add_queue`)."""
    why = PrivateCups.available()
    if why is not None:
        pytest.skip(why)
    # A short path: a Unix socket's path is limited to 107 bytes.
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="yb-cups-", dir="/tmp"))
    with PrivateCups(root) as server:
        yield server
    shutil.rmtree(root, ignore_errors=True)
