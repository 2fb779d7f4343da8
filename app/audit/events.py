"""The audit events and what an entry may carry: ids, codes and receipt numbers only, never personal data.

Contract: `check_entry` raises `ValueError` (a programming error, never shown to a citizen) for an unknown event, a
value that is not a short plain token, or one that looks like personal data (a GB 11643 ID number, a mobile
number), so no caller can put a name, an address or an ID number into the log by mistake.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["EVENTS", "check_entry", "token"]

EVENTS = (
    # log-ins (technician PIN today; staff accounts use the same names with their staff id as actor)
    "login",
    "login.failed",
    "login.locked",
    "unlock",
    "override",
    # a staff session's end: the person logged out, or it timed out (staff.session_timeout_min without activity)
    "logout",
    "session.timeout",
    # the counter's decisions (受理 / 不予受理 / 补正 / 容缺受理) and their review
    "decision",
    "decision.review",
    # printed documents
    "receipt.reprint",
    "notice.print",
    "notice.reprint",
    "notice.queued",
    # data leaving the terminal by hand, and hand-over bundles relayed or acknowledged (交接包)
    "sync.export",
    "sync.import",
    "sync.import_ack",
    # the grid worker's visit list and drafts made on a villager's behalf (帮办代办, docs/laptop.md): ids only
    "visit.change",
    # 帮助 › 呼叫工作人员 at the kiosk (app/apply/staff_call.py): staff asked for, or the call taken back
    "staff_call",
    # configuration, keys and provisioning
    "config.change",
    "key.enroll",
    "key.technician_pin",
    "key.export_passphrase",
    # software updates
    "update.apply",
    "update.rollback",
    "update.request",
)
"""Every event name an entry may carry (docs/audit.md describes each)."""

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+=@~,-]{0,127}")
_ID_NUMBER = re.compile(r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{5}[0-9Xx]|[0-9]{15}")
_MOBILE = re.compile(r"(?:\+?86)?1[3-9][0-9]{9}")


def _check_value(name: str, value: object) -> None:
    if value is None or isinstance(value, bool | int):
        return
    if not isinstance(value, str) or not _TOKEN.fullmatch(value):
        raise ValueError(f"audit {name} must be a short plain token (ids, codes, receipt numbers): {value!r}")
    if _ID_NUMBER.fullmatch(value) or _MOBILE.fullmatch(value):
        raise ValueError(f"audit {name} looks like personal data (an ID or mobile number)")


def check_entry(event: str, actor: str | None, subject: str | None, detail: Mapping[str, object]) -> None:
    """Refuse an entry that is not in `EVENTS` or carries anything but plain tokens (see the module contract)."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event: {event!r}")
    _check_value("actor", actor)
    _check_value("subject", subject)
    if len(detail) > 16:
        raise ValueError("an audit entry carries at most 16 detail fields")
    for key, value in detail.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", key):
            raise ValueError(f"audit detail key must be snake_case: {key!r}")
        _check_value(f"detail.{key}", value)


def token(text: str | None) -> str | None:
    """`text` (typed by someone: a receipt number with spaces, a version) as a value an entry may carry: whitespace
    removed, other characters outside the token alphabet replaced by `-`, at most 128 characters; `redacted` for
    something that looks like personal data (an ID number typed into the wrong field)."""
    if text is None:
        return None
    t = re.sub(r"\s+", "", text)
    t = re.sub(r"[^A-Za-z0-9._:/+=@~,-]", "-", t)[:128].lstrip("._:/+=@~,-")
    if not t:
        return "-" if text else None
    if _ID_NUMBER.fullmatch(t) or _MOBILE.fullmatch(t):
        return "redacted"
    return t
