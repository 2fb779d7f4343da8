"""呼叫工作人员: a visitor at the kiosk asked for help (帮助 › 呼叫工作人员). The call is an audit event, `staff_call`
(actor `kiosk`, subject the terminal's code, `cancelled` when the visitor took it back), so it is kept with the
terminal's other events, travels to the platform in the audit batches, and a counter or `yunban audit` sees which
terminal called and when. No personal data: nobody is identified by asking for help.

Contract: never raises (the visitor's call must not fail because records.db could not be written: logged at ERROR).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.audit.service import audit_event

if TYPE_CHECKING:
    from app.audit.service import AuditLog

__all__ = ["STAFF_CALL", "record_staff_call"]

STAFF_CALL = "staff_call"


def record_staff_call(audit: Callable[[], AuditLog], terminal_code: str, *, cancelled: bool = False) -> None:
    """Record a call for staff (or, with `cancelled`, that the visitor took it back) in the audit log."""
    audit_event(audit, STAFF_CALL, actor="kiosk", subject=terminal_code or None, cancelled=cancelled)
