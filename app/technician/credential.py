"""The technician's credential: an argon2id hash of the PIN and the gate's lock-out state, in `<home>/technician.json`
(mode 0600), so neither the PIN nor a restart can be used to get round the gate.

Contract: `TechnicianCredential(home).set_pin(pin)` (6–12 digits, else `UserError(technician.pin_format)`);
`check(pin)` returns whether it is right, raises `PinLockedError` while locked out and
`UserError(technician.no_credential)` while none is set. The file holds only the PHC string
(`$argon2id$v=19$m=...,t=...,p=...$salt$hash`), `failures` and `locked_until` (wall-clock seconds, since a
monotonic clock does not survive a restart). Parameters and the measured verify time: docs/technician.md.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.errors import UserError
from app.technician import messages as m

log = logging.getLogger(__name__)

__all__ = ["CREDENTIAL_FILE", "PIN_LOCK_MAX_S", "PIN_LOCK_S", "PIN_TRIES", "PinLockedError", "TechnicianCredential"]

CREDENTIAL_FILE = "technician.json"
PIN_PATTERN = re.compile(r"[0-9]{6,12}")

TIME_COST = 3
MEMORY_COST_KIB = 65536  # 64 MiB
PARALLELISM = 4
"""argon2id parameters: RFC 9106's second recommended option (t=3, m=64 MiB, p=4); see docs/technician.md."""

PIN_TRIES = 5
PIN_LOCK_S = 60.0
PIN_LOCK_MAX_S = 1800.0


class PinLockedError(UserError):
    """Too many wrong technician PINs: entry refused for `wait_s` more seconds."""

    def __init__(self, wait_s: float) -> None:
        super().__init__(m.PIN_LOCKED, minutes=max(1, math.ceil(wait_s / 60)))
        self.wait_s = wait_s


def _hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID)


def valid_pin(pin: str) -> bool:
    return PIN_PATTERN.fullmatch(pin) is not None


class TechnicianCredential:
    """The credential file of one terminal's home; `clock` gives wall-clock seconds (tests inject one)."""

    def __init__(self, home: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(home) / CREDENTIAL_FILE
        self.clock = clock
        self._lock = threading.Lock()

    def is_set(self) -> bool:
        try:
            return bool(self._read().get("hash"))
        except UserError:
            return False

    def set_pin(self, pin: str) -> None:
        """Set (or replace) the PIN; the lock-out starts afresh. The PIN is never written or logged."""
        if not valid_pin(pin):
            raise UserError(m.PIN_FORMAT)
        digest = _hasher().hash(pin)
        with self._lock:
            self._write({"hash": digest, "failures": 0, "locked_until": 0.0})
        log.info("technician credential set (argon2id, %s)", self.path)

    def check(self, pin: str) -> bool:
        with self._lock:
            state = self._read()
            digest = state.get("hash")
            if not isinstance(digest, str) or not digest:
                raise UserError(m.NO_CREDENTIAL)
            now = self.clock()
            failures = int(state.get("failures", 0))
            locked_until = float(state.get("locked_until", 0.0))
            if now < locked_until:
                wait = locked_until - now
                if wait > PIN_LOCK_MAX_S:  # the clock was set back: never lock longer than the longest lock
                    state["locked_until"] = now + PIN_LOCK_MAX_S
                    self._write(state)
                    wait = PIN_LOCK_MAX_S
                raise PinLockedError(wait)
            hasher = _hasher()
            ok: bool
            try:
                ok = hasher.verify(digest, pin)
            except VerifyMismatchError:
                ok = False
            except (VerificationError, InvalidHashError) as exc:
                log.error("technician credential %s unusable: %s", self.path, exc)
                raise UserError(m.CREDENTIAL_UNREADABLE, path=self.path, error=type(exc).__name__) from exc
            if ok:
                rehash = hasher.check_needs_rehash(digest)  # parameters raised since it was set
                if rehash or failures or locked_until:
                    if rehash:
                        state["hash"] = hasher.hash(pin)
                    state.update(failures=0, locked_until=0.0)
                    self._write(state)
                return True
            failures += 1
            state["failures"] = failures
            if failures >= PIN_TRIES:
                lock = min(PIN_LOCK_MAX_S, PIN_LOCK_S * 2 ** (failures - PIN_TRIES))
                state["locked_until"] = now + lock
                log.warning("technician PIN entry locked for %.0f s after %d wrong PINs", lock, failures)
            self._write(state)
            return False

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise UserError(m.CREDENTIAL_UNREADABLE, path=self.path, error=exc) from exc
        if not isinstance(data, dict):
            raise UserError(m.CREDENTIAL_UNREADABLE, path=self.path, error="not an object")
        return data

    def _write(self, state: dict[str, Any]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(state, f, indent=2)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except OSError as exc:
            raise UserError(m.CREDENTIAL_UNWRITABLE, path=self.path, error=exc) from exc
