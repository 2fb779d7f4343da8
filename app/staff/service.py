"""Staff identity on the terminal (issue 14 §1): the signed roster from the platform, offline log-in with a persisted
lock-out, session time-out, supervisor unlock, the offline limit with its audited override, and role checks.

Contract:
- The roster (`GET /v1/staff/roster`) is applied only when its signature verifies against the platform key pinned at
  enrollment, it names this terminal and its division, and its version is not older than the one held (rollback
  refused); otherwise `UserError(staff.roster_tampered | staff.roster_refused)` and nothing changes. Accounts revoked
  on the platform (or gone from the roster) are revoked here in the same transaction, each audited, and a session of
  one of them ends.
- `login(staff_id, secret)` verifies the argon2id hash of an account of the stored roster, which is re-verified
  against the pinned key first (an edited records.db is `staff.roster_tampered`). Wrong secrets count per account in
  records.db: after `LOCK_TRIES` the account is locked for `LOCK_S` doubling to `LOCK_MAX_S`, across restarts, until
  the time passes or a supervisor unlocks it. Every outcome is audited (`login`, `login.failed` with the reason,
  `login.locked`, `unlock`, `override`, `config.change` for roster changes); ids only, never a secret or a name.
- A session ends after `staff.session_timeout_min` minutes without `touch()`; `current()` then returns None.
- Offline: hours since the last successful roster fetch against `staff.offline_warn_hours` and
  `staff.offline_limit_hours`: `ok`, `warn`, `restricted` (decisions refused, the safe actions still allowed), or
  `override` (restricted, lifted for a while by a supervisor's audited override).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import httpx
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.config import StaffConfig
from app.errors import UserError
from app.staff import messages as m
from local_db.records.staff import StaffRow, StaffTable
from local_db.records.store import RecordsDB
from sync import protocol

__all__ = [
    "LOCK_MAX_S",
    "LOCK_S",
    "LOCK_TRIES",
    "OFFLINE_SAFE",
    "ROLES",
    "ROLE_ACTIONS",
    "OfflineState",
    "RosterResult",
    "StaffAccount",
    "StaffService",
    "StaffSession",
]

log = logging.getLogger(__name__)

ROLES = ("clerk", "supervisor", "technician", "grid_worker")
"""clerk 窗口工作人员, supervisor 值班长 (reviews decisions, unlocks, overrides), technician 运维, grid_worker 网格员
(the village grid worker's laptop: visits and applying on behalf, 帮办代办; no counter decisions, no unlock)."""
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "clerk": frozenset({"counter.view", "counter.intake", "counter.reprint", "counter.decide"}),
    "supervisor": frozenset(
        {
            "counter.view",
            "counter.intake",
            "counter.reprint",
            "counter.decide",
            "counter.review",
            "staff.unlock",
            "staff.override",
        }
    ),
    "technician": frozenset({"technician"}),
    "grid_worker": frozenset({"laptop.visits", "laptop.apply"}),
}
OFFLINE_SAFE = frozenset(
    {
        "counter.view",
        "counter.intake",
        "counter.reprint",
        "technician",
        "staff.unlock",
        "staff.override",
        "laptop.visits",
        "laptop.apply",
    }
)
"""What a terminal past its offline limit still does: look, take in (drafts, scans, a grid worker's visits and
applications on behalf: they wait in the outbox), reprint; not decide."""

LOCK_TRIES = 5
LOCK_S = 300.0
LOCK_MAX_S = 3600.0
MAX_ROSTER_BYTES = 2 * 1024 * 1024
_STAFF_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{2,31}")
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Y2FsaWJyYXRpb24taGFzaC1vZi1ub3RoaW5nLXJlYWw"
"""Verified against for an unknown staff id, so a wrong id takes as long as a wrong password."""


class AuditSink(Protocol):
    def record(
        self, event: str, *, actor: str | None = None, subject: str | None = None, **detail: object
    ) -> object: ...


@dataclass(frozen=True, slots=True)
class StaffAccount:
    """An account as screens and the CLI see it: never the hash."""

    staff_id: str
    name: str
    role: str
    revoked: bool
    failures: int
    locked_until: float


@dataclass(slots=True)
class StaffSession:
    staff_id: str
    name: str
    role: str
    window: str
    started_at: float
    last_active: float

    def may(self, action: str) -> bool:
        return action in ROLE_ACTIONS.get(self.role, frozenset())


@dataclass(frozen=True, slots=True)
class OfflineState:
    level: str
    """ok, warn, restricted, override (restricted but lifted by a supervisor), never (no roster fetched yet)."""
    hours: float
    warn_hours: int
    limit_hours: int
    override_until: float | None = None
    override_by: str | None = None

    @property
    def restricted(self) -> bool:
        return self.level in ("restricted", "never")


@dataclass(frozen=True, slots=True)
class RosterResult:
    version: int
    changed: bool
    accounts: int
    revoked: tuple[str, ...]


def _personal(staff_id: str) -> bool:
    """11 or more digits only: could be an ID or mobile number, never a staff id (nor written to the audit log)."""
    return staff_id.isdigit() and len(staff_id) > 10


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _hasher() -> PasswordHasher:
    return PasswordHasher()  # verification reads the parameters from the PHC string


def check_roster_page(
    envelope: Any, verifier: protocol.Verifier, *, division: str, terminal_id: str | None, current: int | None
) -> tuple[dict[str, Any], list[StaffRow]]:
    """Verify a roster envelope and its shape; returns the page and its accounts (raises UserError)."""
    try:
        page = protocol.verify_envelope(verifier, envelope)
    except protocol.SignatureError as exc:
        raise UserError(m.ROSTER_TAMPERED, reason=f"signature: {exc}") from exc
    except protocol.ProtocolError as exc:
        raise UserError(m.ROSTER_TAMPERED, reason=str(exc)) from exc
    if page.get("kind") != "staff_roster":
        raise UserError(m.ROSTER_REFUSED, reason="not a staff roster")
    if page.get("division") != division:
        raise UserError(m.ROSTER_REFUSED, reason=f"issued for division {page.get('division')!r}, not {division}")
    if terminal_id is not None and page.get("terminal_id") != terminal_id:
        raise UserError(m.ROSTER_REFUSED, reason="issued to another terminal")
    version = page.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise UserError(m.ROSTER_REFUSED, reason="version must be a non-negative integer")
    if current is not None and version < current:
        raise UserError(m.ROSTER_REFUSED, reason=f"version {version} is older than the one held ({current})")
    staff = page.get("staff")
    if not isinstance(staff, list) or len(staff) > 10_000:
        raise UserError(m.ROSTER_REFUSED, reason="staff must be a list")
    rows: list[StaffRow] = []
    seen: set[str] = set()
    for entry in staff:
        if not isinstance(entry, dict):
            raise UserError(m.ROSTER_REFUSED, reason="an account is not an object")
        sid, name, role, digest = (entry.get(k) for k in ("staff_id", "name", "role", "secret_hash"))
        revoked, updated = entry.get("revoked_at"), entry.get("updated_at")
        if not (isinstance(sid, str) and _STAFF_ID.fullmatch(sid)) or sid in seen or _personal(sid):
            raise UserError(m.ROSTER_REFUSED, reason=f"bad or repeated staff id {sid!r}")
        if not (isinstance(name, str) and 0 < len(name) <= 40) or role not in ROLES:
            raise UserError(m.ROSTER_REFUSED, reason=f"account {sid}: bad name or role")
        if not (isinstance(digest, str) and digest.startswith("$argon2id$") and len(digest) < 256):
            raise UserError(m.ROSTER_REFUSED, reason=f"account {sid}: not an argon2id hash")
        if not (revoked is None or isinstance(revoked, str)) or not isinstance(updated, str):
            raise UserError(m.ROSTER_REFUSED, reason=f"account {sid}: bad times")
        seen.add(sid)
        rows.append(StaffRow(sid, name, str(role), digest, revoked, updated, version))
    return page, rows


class StaffService:
    """Staff identity of one terminal's records.db. Thread-safe (one lock around log-in state)."""

    def __init__(
        self,
        db: RecordsDB,
        *,
        division: str,
        settings: StaffConfig,
        verifier: Callable[[], protocol.Verifier | None],
        terminal_id: Callable[[], str | None],
        audit: Callable[[], AuditSink | None] = lambda: None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.table = StaffTable(db)
        self.division = division
        self.settings = settings
        self._verifier = verifier
        self._terminal_id = terminal_id
        self._audit = audit
        self.clock = clock
        self._lock = threading.RLock()
        self._session: StaffSession | None = None

    # -- audit ----------------------------------------------------------------------------------------------------

    def _record(self, event: str, *, actor: str | None = None, subject: str | None = None, **detail: object) -> None:
        sink = self._audit()
        if sink is not None:
            sink.record(event, actor=actor, subject=subject, **detail)

    # -- roster ---------------------------------------------------------------------------------------------------

    def apply_roster(self, envelope: Any) -> RosterResult:
        """Verify and store a signed roster (see the module contract)."""
        verifier = self._verifier()
        if verifier is None:
            raise UserError(m.NOT_ENROLLED)
        current = self.table.roster_version() if self.table.signed_roster() else None
        try:
            page, rows = check_roster_page(
                envelope, verifier, division=self.division, terminal_id=self._terminal_id(), current=current
            )
        except UserError as exc:
            self._record("config.change", change="staff_roster_refused", reason=exc.code)
            raise
        now = self.clock()
        version = int(page["version"])
        if current is not None and version == current:
            self.table.note_synced(now)
            return RosterResult(version, False, len(rows), ())
        signed = protocol.canonical_json(envelope).decode("utf-8")
        revoked = self.table.replace_roster(rows, version=version, signed=signed, synced_at=now, revoked_at=_iso(now))
        self._record("config.change", change="staff_roster", version=version, accounts=len(rows), revoked=len(revoked))
        for staff_id in revoked:
            self._record("config.change", subject=staff_id, change="staff_revoked", version=version)
        with self._lock:
            if self._session is not None and self._session.staff_id in revoked:
                log.warning("staff %s revoked by the roster: session ended", self._session.staff_id)
                self._record("logout", actor=self._session.staff_id, reason="revoked")
                self._session = None
        return RosterResult(version, True, len(rows), tuple(revoked))

    def pull_roster(self, client: httpx.Client) -> RosterResult:
        """Fetch `GET /v1/staff/roster` with an authenticated client and apply it."""
        try:
            reply = client.get(protocol.API_PREFIX + "/staff/roster")
            raw = reply.read()
        except httpx.TransportError as exc:
            raise UserError(m.ROSTER_UNAVAILABLE, reason=f"platform unreachable: {exc}") from exc
        if reply.status_code != 200:
            raise UserError(m.ROSTER_UNAVAILABLE, reason=f"platform answered {reply.status_code}")
        if len(raw) > MAX_ROSTER_BYTES:
            raise UserError(m.ROSTER_REFUSED, reason=f"reply over {MAX_ROSTER_BYTES} bytes")
        try:
            envelope = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise UserError(m.ROSTER_UNAVAILABLE, reason="the reply was cut short or garbled") from exc
        return self.apply_roster(envelope)

    def sync(
        self, platform_url: str, credentials: Any, *, transport: httpx.BaseTransport | None = None
    ) -> RosterResult:
        """`yunban staff sync` and the counter's sync: fetch and apply the roster (credentials: the enrolled
        terminal's `Credentials`, None before enrollment)."""
        if credentials is None:
            raise UserError(m.NOT_ENROLLED)
        headers = {"Authorization": f"Bearer {credentials.token}", protocol.HEADER_TERMINAL: credentials.terminal_id}
        with httpx.Client(base_url=platform_url, headers=headers, timeout=30, transport=transport) as client:
            return self.pull_roster(client)

    def _verified_accounts(self) -> dict[str, dict[str, Any]]:
        """The stored roster re-verified against the pinned key (an edited records.db is refused)."""
        signed = self.table.signed_roster()
        if not signed:
            raise UserError(m.NO_ROSTER)
        verifier = self._verifier()
        if verifier is None:
            raise UserError(m.NOT_ENROLLED)
        try:
            envelope = json.loads(signed)
        except ValueError as exc:
            raise UserError(m.ROSTER_TAMPERED, reason="stored roster unreadable") from exc
        page, rows = check_roster_page(
            envelope, verifier, division=self.division, terminal_id=self._terminal_id(), current=None
        )
        if int(page["version"]) != self.table.roster_version():
            raise UserError(m.ROSTER_TAMPERED, reason="stored version differs")
        return {r.staff_id: {"row": r} for r in rows}

    def accounts(self) -> list[StaffAccount]:
        out = []
        for row in self.table.accounts():
            lock = self.table.lockout(row.staff_id)
            out.append(
                StaffAccount(row.staff_id, row.name, row.role, bool(row.revoked_at), lock.failures, lock.locked_until)
            )
        return out

    # -- log-in ---------------------------------------------------------------------------------------------------

    def verify(self, staff_id: str, secret: str, *, purpose: str = "login") -> StaffRow:
        """Check an account's secret (lock-out, revocation, audit); returns its row. No session is opened."""
        staff_id = staff_id.strip()
        known = _STAFF_ID.fullmatch(staff_id) is not None and not _personal(staff_id)
        with self._lock:
            verified = self._verified_accounts()
            row = self.table.account(staff_id) if known else None
            signed = verified.get(staff_id) if known else None
            if row is None or signed is None:
                with contextlib.suppress(VerificationError, InvalidHashError):
                    _hasher().verify(_DUMMY_HASH, secret)
                self._record("login.failed", reason="unknown", purpose=purpose)
                raise UserError(m.UNKNOWN)
            if signed["row"].secret_hash != row.secret_hash or signed["row"].revoked_at != row.revoked_at:
                raise UserError(m.ROSTER_TAMPERED, reason=f"account {staff_id} differs from the signed roster")
            if row.revoked_at:
                self._record("login.failed", actor=staff_id, reason="revoked", purpose=purpose)
                raise UserError(m.REVOKED)
            now = self.clock()
            lock = self.table.lockout(staff_id)
            locked_until = lock.locked_until
            if locked_until - now > LOCK_MAX_S:  # the clock was set back: never longer than the longest lock
                locked_until = now + LOCK_MAX_S
                self.table.set_lockout(staff_id, lock.failures, locked_until)
            if now < locked_until:
                self._record("login.failed", actor=staff_id, reason="locked", purpose=purpose)
                raise UserError(m.LOCKED, minutes=max(1, math.ceil((locked_until - now) / 60)))
            ok: bool
            try:
                ok = _hasher().verify(row.secret_hash, secret)
            except VerifyMismatchError:
                ok = False
            except (VerificationError, InvalidHashError) as exc:
                log.error("staff %s: unusable hash in the roster: %s", staff_id, type(exc).__name__)
                ok = False
            if ok:
                if lock.failures or lock.locked_until:
                    self.table.clear_lockout(staff_id)
                return row
            failures = lock.failures + 1
            if failures >= LOCK_TRIES:
                until = now + min(LOCK_MAX_S, LOCK_S * 2 ** (failures - LOCK_TRIES))
                self.table.set_lockout(staff_id, failures, until)
                self._record("login.locked", actor=staff_id, failures=failures, seconds=int(until - now))
                raise UserError(m.LOCKED, minutes=max(1, math.ceil((until - now) / 60)))
            self.table.set_lockout(staff_id, failures, 0.0)
            self._record("login.failed", actor=staff_id, reason="wrong_secret", failures=failures, purpose=purpose)
            raise UserError(m.WRONG_SECRET, left=LOCK_TRIES - failures)

    def login(self, staff_id: str, secret: str) -> StaffSession:
        row = self.verify(staff_id, secret)
        now = self.clock()
        session = StaffSession(row.staff_id, row.name, row.role, self.settings.window, now, now)
        state = self.offline_state()
        with self._lock:
            self._session = session
        self._record(
            "login", actor=row.staff_id, role=row.role, window=_token(self.settings.window), offline=state.level
        )
        return session

    def current(self) -> StaffSession | None:
        """The session, or None when nobody is logged in or it timed out (then it ends)."""
        with self._lock:
            session = self._session
            if session is None:
                return None
            if self.clock() - session.last_active > self.settings.session_timeout_min * 60:
                log.info("staff session of %s timed out", session.staff_id)
                self._session = None
                self._record("session.timeout", actor=session.staff_id, minutes=self.settings.session_timeout_min)
                return None
            return session

    def touch(self) -> None:
        with self._lock:
            if self._session is not None:
                self._session.last_active = self.clock()

    def logout(self) -> None:
        """End the session (the clerk's 退出); audited `logout` with the staff id."""
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            self._record("logout", actor=session.staff_id)

    def require(self, action: str) -> StaffSession:
        """The logged-in session allowed to do `action` now (role and the offline limit), else UserError."""
        with self._lock:
            had = self._session is not None
        session = self.current()
        if session is None:
            if had:
                raise UserError(m.SESSION_EXPIRED, minutes=self.settings.session_timeout_min)
            raise UserError(m.NOT_LOGGED_IN)
        if not session.may(action):
            raise UserError(m.ROLE_REFUSED, role=session.role)
        if action not in OFFLINE_SAFE:
            state = self.offline_state()
            if state.restricted:
                raise UserError(m.OFFLINE_RESTRICTED, hours=int(state.hours), limit=state.limit_hours)
        session.last_active = self.clock()
        return session

    # -- supervisor -----------------------------------------------------------------------------------------------

    def _supervisor(self, staff_id: str, secret: str, purpose: str) -> StaffRow:
        row = self.verify(staff_id, secret, purpose=purpose)
        if row.role != "supervisor":
            raise UserError(m.NOT_SUPERVISOR)
        return row

    def unlock(self, supervisor_id: str, secret: str, staff_id: str) -> None:
        """A supervisor (proven by their own secret) clears another account's lock-out; audited."""
        sup = self._supervisor(supervisor_id, secret, "unlock")
        if self.table.account(staff_id) is None:
            raise UserError(m.UNKNOWN_ACCOUNT, staff_id=staff_id)
        lock = self.table.lockout(staff_id)
        if not lock.failures and not lock.locked_until:
            raise UserError(m.NOT_LOCKED, staff_id=staff_id)
        self.table.clear_lockout(staff_id)
        self._record("unlock", actor=sup.staff_id, subject=staff_id, failures=lock.failures)

    def override_offline(self, supervisor_id: str, secret: str, hours: int) -> OfflineState:
        """A supervisor lifts the offline restriction for `hours` (1 to the offline limit); audited."""
        limit = self.settings.offline_limit_hours
        if not 1 <= hours <= limit:
            raise UserError(m.OVERRIDE_HOURS, limit=limit)
        sup = self._supervisor(supervisor_id, secret, "override")
        until = self.clock() + hours * 3600
        before = self.offline_state()
        self.table.set_override(json.dumps({"until": until, "by": sup.staff_id}))
        self._record("override", actor=sup.staff_id, what="offline_limit", hours=hours, offline_hours=int(before.hours))
        return self.offline_state()

    # -- offline limit --------------------------------------------------------------------------------------------

    def offline_state(self) -> OfflineState:
        warn, limit = self.settings.offline_warn_hours, self.settings.offline_limit_hours
        synced = self.table.synced_at()
        if synced is None:
            return OfflineState("never", math.inf, warn, limit)
        now = self.clock()
        hours = max(0.0, (now - synced) / 3600)
        if hours < min(warn, limit):
            return OfflineState("ok", hours, warn, limit)
        if hours < limit:
            return OfflineState("warn", hours, warn, limit)
        until, by = None, None
        raw = self.table.override()
        if raw:
            try:
                data = json.loads(raw)
                until, by = float(data["until"]), str(data["by"])
            except (ValueError, KeyError, TypeError):
                until = None
        if until is not None and now < until and until - now <= limit * 3600:
            return OfflineState("override", hours, warn, limit, until, by)
        return OfflineState("restricted", hours, warn, limit)

    def offline_message(self, language: str = "zh_CN") -> str:
        """The warning a screen shows for the offline state ("" when all is well)."""
        state = self.offline_state()
        if state.level == "warn":
            return m.OFFLINE_WARN.render(language, hours=int(state.hours), limit=state.limit_hours)
        if state.level in ("restricted", "override"):
            return m.OFFLINE_RESTRICTED.render(language, hours=int(state.hours), limit=state.limit_hours)
        return ""


def _token(text: str) -> str | None:
    """The window as an audit token (ids and codes only; a free-text window name is left out)."""
    return text if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}", text) else None
