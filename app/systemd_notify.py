"""The systemd service-manager protocol (sd_notify), without libsystemd: a datagram to `$NOTIFY_SOCKET`.

Contract: `notify("READY=1")` once the kiosk's window is up; `notify("WATCHDOG=1")` every `watchdog_interval()`
seconds from a timer on the GUI thread (`app.main.run_kiosk`), so a GUI thread that hangs stops the pings and systemd
(`WatchdogSec=` in yunban-kiosk.service) kills and restarts the kiosk. Outside systemd (no `$NOTIFY_SOCKET`) every
call is a no-op returning False; a socket error is logged once and never raised, since the kiosk must not fail because
its supervisor went away.

`$WATCHDOG_PID` is deliberately not compared with our pid: under cage the service's main process is the compositor
and the kiosk is its child (the unit sets `NotifyAccess=all`).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)

_warned = False


def notify(state: str, env: Mapping[str, str] | None = None) -> bool:
    """Send `state` (e.g. "READY=1", "WATCHDOG=1", "STATUS=…") to the service manager; True if it was sent."""
    global _warned
    env = os.environ if env is None else env
    address = env.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(state.encode("utf-8"))
    except OSError as exc:
        if not _warned:
            log.warning("cannot notify the service manager at %s: %s", env.get("NOTIFY_SOCKET"), exc)
            _warned = True
        return False
    return True


def watchdog_interval(env: Mapping[str, str] | None = None) -> float | None:
    """Seconds between WATCHDOG=1 pings: half of `$WATCHDOG_USEC`, or None when no watchdog is asked for."""
    env = os.environ if env is None else env
    try:
        usec = int(env.get("WATCHDOG_USEC", "0"))
    except ValueError:
        return None
    if usec <= 0 or not env.get("NOTIFY_SOCKET"):
        return None
    return usec / 2_000_000
