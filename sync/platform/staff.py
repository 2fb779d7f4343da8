"""Staff accounts on the reference platform (issue 14 §1): the signed roster a terminal fetches and the admin
operations behind `yunban platform staff add|list|revoke|reset`.

Contract:
- `hash_secret` is the one place the platform turns a password or PIN into its argon2id hash (parameters below,
  measured in docs/benchmarks.md); the plaintext is never stored, logged or sent.
- `signed_roster(store, signer, terminal)` is the body of `GET /v1/staff/roster`: the hall's roster page (every
  account of the terminal's division, revoked ones marked, the version, the terminal id it was issued to), signed
  with the platform key the terminal pinned at enrollment (the same envelope as catalog pages).
- A password is 8-128 characters (no control characters); a PIN 6-12 digits. docs/staff.md explains the choice.
"""

from __future__ import annotations

import re
from typing import Any

from argon2 import PasswordHasher, Type

from sync import protocol
from sync.platform.errors import PlatformError
from sync.platform.store_staff import ROLES, STAFF_ID_RE, StaffStore, StaffStoreError

__all__ = [
    "MEMORY_COST_KIB",
    "PARALLELISM",
    "TIME_COST",
    "add_staff",
    "check_secret",
    "hash_secret",
    "list_staff",
    "reset_staff",
    "revoke_staff",
    "signed_roster",
]

TIME_COST = 3
MEMORY_COST_KIB = 65536  # 64 MiB
PARALLELISM = 4
"""argon2id, RFC 9106 §4 second recommended option (t=3, m=64 MiB, p=4), as the technician PIN; docs/staff.md."""

_PIN = re.compile(r"[0-9]{6,12}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DIVISION = re.compile(r"[0-9]{12}")


def check_secret(secret: str) -> None:
    """Refuse a secret that is neither a password (8-128 characters) nor a PIN (6-12 digits)."""
    if _PIN.fullmatch(secret):
        return
    if secret.isdigit():
        raise PlatformError("a PIN must have 6-12 digits")
    if not 8 <= len(secret) <= 128 or _CONTROL.search(secret):
        raise PlatformError("a password must have 8-128 characters (no control characters), or use a 6-12 digit PIN")


def hash_secret(secret: str) -> str:
    check_secret(secret)
    hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID)
    return hasher.hash(secret)


def _check_name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= 40 or _CONTROL.search(name):
        raise PlatformError("a staff name has 1-40 characters, no control characters")
    return name


def add_staff(store: Any, *, division: str, staff_id: str, name: str, role: str, secret: str) -> dict[str, Any]:
    if not _DIVISION.fullmatch(division):
        raise PlatformError(f"--division {division!r}: the hall's 12-digit division code")
    if not STAFF_ID_RE.fullmatch(staff_id) or re.fullmatch(r"[0-9]{11,}", staff_id):
        raise PlatformError(
            f"staff id {staff_id!r}: 3-32 letters, digits, _ or -, never 11 or more digits only (an ID or mobile "
            "number is personal data and may not be an id)"
        )
    if role not in ROLES:
        raise PlatformError(f"role {role!r}: one of {', '.join(ROLES)}")
    name = _check_name(name)
    digest = hash_secret(secret)
    try:
        return _public(
            StaffStore(store).add(staff_id=staff_id, division=division, name=name, role=role, secret_hash=digest)
        )
    except StaffStoreError as exc:
        raise PlatformError(str(exc)) from exc


def list_staff(store: Any, division: str | None = None) -> list[dict[str, Any]]:
    return [_public(a) for a in StaffStore(store).list(division)]


def revoke_staff(store: Any, staff_id: str) -> dict[str, Any]:
    try:
        return _public(StaffStore(store).revoke(staff_id))
    except StaffStoreError as exc:
        raise PlatformError(str(exc)) from exc


def reset_staff(store: Any, staff_id: str, secret: str) -> dict[str, Any]:
    digest = hash_secret(secret)
    try:
        return _public(StaffStore(store).reset(staff_id, digest))
    except StaffStoreError as exc:
        raise PlatformError(str(exc)) from exc


def _public(account: dict[str, Any]) -> dict[str, Any]:
    """An account as the admin sees it: everything but the hash."""
    return {k: v for k, v in account.items() if k != "secret_hash"}


def signed_roster(store: Any, signer: protocol.Signer, terminal: dict[str, Any]) -> dict[str, Any]:
    """`GET /v1/staff/roster`: the terminal's hall roster, signed with the platform key."""
    page = StaffStore(store).roster(str(terminal["division"]))
    page["terminal_id"] = str(terminal["terminal_id"])
    return protocol.sign_envelope(signer, page)
