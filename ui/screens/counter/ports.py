"""What the counter workspace's screens need of the service (`app.counter.service.CounterService` satisfies it).

Contract: every method may touch the disk, the keystore, a printer or the network: the screens call them only through
`ui.tasks.TaskRunner`. Refusals are `UserError`s (`staff.*`, `counter.*`, `notices.*`), shown in the screen's language;
`staff.session_expired` and `staff.not_logged_in` send the workspace back to its log-in page.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.model.counter import CaseDetail, DecisionResult, DecisionView, QueueEntry, StaffLogin

__all__ = ["CounterPort"]


class CounterPort(Protocol):
    def login(self, staff_id: str, secret: str) -> StaffLogin: ...

    def logout(self) -> None: ...

    def offline_message(self) -> str: ...

    def queue(self, filter: str = "all", search: str = "") -> list[QueueEntry]: ...

    def detail(self, key: str) -> CaseDetail: ...

    def page(self, key: str, position: int) -> bytes: ...

    def decide(
        self,
        key: str,
        kind: str,
        *,
        reason: str = "",
        materials: tuple[str, ...] = (),
        deadline: dt.date | None = None,
        print_target: str | None = None,
    ) -> DecisionResult: ...

    def unreviewed(self) -> list[DecisionView]: ...

    def review(self, decision_id: str, *, approve: bool, note: str = "") -> DecisionView: ...

    def reprint_receipt(self, receipt_no: str) -> str: ...

    def reprint_notice(self, ref: str, target: str | None = None) -> str: ...

    def reprint_decision_notice(self, decision_id: str, target: str | None = None) -> str: ...
