#!/usr/bin/env python3
"""Time a kiosk's start: from exec to the READY=1 it sends the service manager (app/systemd_notify.py) once its
window is up, i.e. what systemd's Type=notify waits for. Standard library only, so it runs with any python3 (the
checkout's or an installed terminal's).

Usage: measure-start.py [--runs N] [--timeout S] -- COMMAND [ARG...]
Prints one JSON line: {"runs_ms": [...], "first_ms": ..., "median_ms": ...}; exit 1 if a run never got ready.
The command gets NOTIFY_SOCKET (a socket file anyone may write to, for a command that changes user) and is sent
SIGTERM once ready.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(command: list[str], timeout: float) -> float | None:
    with tempfile.TemporaryDirectory(prefix="yunban-start-") as tmp:
        os.chmod(tmp, 0o755)
        path = os.path.join(tmp, "notify.sock")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.bind(path)
            os.chmod(path, 0o777)
            sock.settimeout(0.2)
            env = {**os.environ, "NOTIFY_SOCKET": path}
            started = time.perf_counter()
            proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            ready: float | None = None
            try:
                while time.perf_counter() - started < timeout and proc.poll() is None:
                    try:
                        message = sock.recv(4096).decode()
                    except TimeoutError:
                        continue
                    if "READY=1" in message.splitlines():
                        ready = (time.perf_counter() - started) * 1000
                        break
            finally:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            return ready


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")
    runs: list[float] = []
    for _ in range(args.runs):
        ms = one_run(command, args.timeout)
        if ms is None:
            print(json.dumps({"error": "the command never said READY=1", "runs_ms": runs}))
            return 1
        runs.append(round(ms))
    print(json.dumps({"runs_ms": runs, "first_ms": runs[0], "median_ms": round(statistics.median(runs))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
