"""The real pcscd with vpcd, isolated in its own network and mount namespaces (tests, benchmarks, the demo; root).

Contract: `start()` raises `SandboxUnavailable` saying what is missing; clients in this process reach it through
`env()` (`PCSCLITE_CSOCK_NAME`), the virtual card through `netns`. Why the namespaces: docs/card-readers.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
VPCD_CONF = f"""FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      {VPCD_DRIVER}
CHANNELID    0x8C7B
"""
# 0x8C7B = 35963, the port vpcd listens on.

_SCRIPT = """set -e
ip link set lo up
mount -t tmpfs -o size=1m,mode=0755 yunban-pcscd /run
mkdir -p /run/pcscd
mount --bind "$YUNBAN_PCSCD_DIR/run" /run/pcscd
exec pcscd --foreground --config "$YUNBAN_PCSCD_DIR/conf" $YUNBAN_PCSCD_FLAGS
"""


class SandboxUnavailable(RuntimeError):
    """pcscd, vpcd, unshare or root privileges are missing."""


def missing_requirements() -> str | None:
    """Why a sandbox cannot start here, or None."""
    if os.geteuid() != 0:
        return "needs root (unshare --net --mount)"
    for tool in ("unshare", "pcscd", "ip", "mount"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            return f"{tool} not installed"
    if not Path(VPCD_DRIVER).exists():
        return "vsmartcard-vpcd not installed"
    return None


class PcscdSandbox:
    def __init__(self, workdir: str | Path | None = None, *, debug: bool = False) -> None:
        self._own_dir = workdir is None
        self.dir = Path(workdir) if workdir is not None else Path(tempfile.mkdtemp(prefix="yunban-pcscd-"))
        self.debug = debug
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None
        """From spawning to pcscd's socket appearing."""

    @property
    def socket_path(self) -> str:
        return str(self.dir / "run" / "pcscd.comm")

    @property
    def netns(self) -> str:
        assert self.process is not None, "sandbox not started"
        return f"/proc/{self.process.pid}/ns/net"

    def env(self) -> dict[str, str]:
        """Environment for a client process (e.g. `yunban devices read-card --driver pcsc`)."""
        return {"PCSCLITE_CSOCK_NAME": self.socket_path}

    def start(self, timeout: float = 10.0) -> PcscdSandbox:
        why = missing_requirements()
        if why:
            raise SandboxUnavailable(why)
        (self.dir / "run").mkdir(parents=True, exist_ok=True)
        (self.dir / "conf").mkdir(parents=True, exist_ok=True)
        (self.dir / "conf" / "vpcd").write_text(VPCD_CONF, encoding="ascii")
        env = dict(os.environ)
        env["YUNBAN_PCSCD_DIR"] = str(self.dir)
        env["YUNBAN_PCSCD_FLAGS"] = "--debug" if self.debug else ""
        env["PATH"] = env.get("PATH", "") + ":/usr/sbin:/sbin"
        log_file = open(self.dir / "pcscd.log", "wb")  # noqa: SIM115 - kept open for the daemon's lifetime
        started = time.perf_counter()
        self.process = subprocess.Popen(
            ["unshare", "--net", "--mount", "sh", "-c", _SCRIPT], env=env, stdout=log_file, stderr=log_file
        )
        log_file.close()
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.socket_path):
            if self.process.poll() is not None:
                raise SandboxUnavailable(f"pcscd exited ({self.process.returncode}): {self.log()[-2000:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise SandboxUnavailable(f"pcscd did not start within {timeout} s")
            time.sleep(0.005)
        self.startup_seconds = time.perf_counter() - started
        return self

    def restart(self, timeout: float = 10.0) -> PcscdSandbox:
        """Stop pcscd and start a fresh one with the same socket path (clients keep their PCSCLITE_CSOCK_NAME)."""
        own, self._own_dir = self._own_dir, False
        try:
            self.stop()
        finally:
            self._own_dir = own
        (self.dir / "run" / "pcscd.comm").unlink(missing_ok=True)
        return self.start(timeout)

    def log(self) -> str:
        path = self.dir / "pcscd.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> PcscdSandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
