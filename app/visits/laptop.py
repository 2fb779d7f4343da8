"""`LaptopServices`: what the laptop screens (ui/screens/laptop/) call, over the visit list, the apply service's public
drafts API, batch delivery and the staff identity. Every method may block: the screens call them off the GUI thread.

Contract: drafts are only read (`ApplyService.kept_drafts.drafts()`), resumed and discarded through the apply
service; delivery goes through `BatchDelivery` (the sync service); the worker is the logged-in staff session when
one is wired (`worker`), else the laptop's single local worker (`app.visits.service.LOCAL_WORKER`).

- Who may use the laptop: a staff account whose role is in `roles` (网格员 `grid_worker` and 值班长 `supervisor`
  by default; a deployment that lets clerks take a laptop out passes `roles` with `clerk`): any other role's log-in
  is undone and refused with `visits.role_refused`.
- The offline limit (staff identity's `staff.offline_warn_hours` / `offline_limit_hours`, set in days' worth of
  hours on a laptop) is told in days: past the warning the header warns; past the limit no new application on
  behalf is started or finished (`visits.offline_restricted`) while the visit list, the drafts and delivery stay
  usable, until the next roster sync or a supervisor's audited override (`override_offline`).
- Applying on behalf: the villager's consent and the worker as the agent (`app.visits.consent`), then the receipt
  as a QR and a plain-words slip (`app.visits.slip`), printed on the receipt printer on request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.errors import UserError
from app.model.clock import format_local
from app.model.records import DeliveryReport
from app.staff import messages as staff_messages
from app.visits import messages as m
from app.visits.behalf import OnBehalf, days, days_out
from app.visits.consent import AgentConsent
from app.visits.delivery import BatchDelivery, ProgressSink
from app.visits.model import (
    DeliverySummary,
    Household,
    LaptopDraft,
    QuarantineAdvice,
    VisitPurge,
)
from app.visits.service import VisitsService

if TYPE_CHECKING:
    from app.apply.service import ApplyService
    from app.staff.service import StaffService

__all__ = ["LAPTOP_ROLES", "LaptopServices"]

LAPTOP_ROLES = ("grid_worker", "supervisor")
"""Staff roles that may use the laptop window unless the deployment configures others."""

log = logging.getLogger(__name__)


class LaptopServices(OnBehalf):
    def __init__(
        self,
        visits: VisitsService,
        apply: Callable[[], ApplyService],
        delivery: BatchDelivery,
        *,
        staff: Callable[[], StaffService] | None = None,
        keystore_locked: Callable[[], bool] = lambda: False,
        unlock_keystore: Callable[[str], None] | None = None,
        roles: tuple[str, ...] = LAPTOP_ROLES,
    ) -> None:
        self.visits = visits
        self._apply = apply
        self.delivery = delivery
        self._staff = staff
        self._keystore_locked = keystore_locked
        self._unlock_keystore = unlock_keystore
        self.roles = roles
        self.consent = AgentConsent(apply, clock=lambda: visits.clock())

    # -- the laptop's keystore (keyring.unlock = "worker") --------------------------------------------------------

    def keystore_locked(self) -> bool:
        """True while the laptop's keystore waits for the worker's unlock password (`keyring.unlock = "worker"`:
        never stored on the disk, docs/security.md): nothing personal can be read or written before it."""
        return self._keystore_locked()

    def unlock_keystore(self, passphrase: str) -> None:
        """Check the typed unlock password and keep it in this process's memory only (KeystoreError: too short or
        wrong, with the reason)."""
        if self._unlock_keystore is not None:
            self._unlock_keystore(passphrase)

    # -- the worker -----------------------------------------------------------------------------------------------

    def needs_login(self) -> bool:
        """True when this laptop holds a staff roster: the worker logs in, and the visit list is theirs. Without one
        (staff identity not set up on this laptop) it is used by its single local worker."""
        return self._staff is not None and any(not a.revoked for a in self._staff().accounts())

    def login(self, staff_id: str, secret: str) -> str:
        """Log the worker in (offline, against the stored roster; audited); returns their name. A role not allowed
        on the laptop (`roles`) is logged out again and refused."""
        if self._staff is None:
            raise UserError(staff_messages.NO_ROSTER)
        staff = self._staff()
        session = staff.login(staff_id, secret)
        if session.role not in self.roles:
            staff.logout()
            raise UserError(m.ROLE_REFUSED, role=session.role)
        return session.name

    def logout(self) -> None:
        if self._staff is not None:
            self._staff().logout()

    def worker_name(self) -> str:
        """The logged-in worker's name ("" when nobody is logged in)."""
        session = self._staff().current() if self._staff is not None else None
        return session.name if session is not None else ""

    def offline_message(self, language: str) -> str:
        """The offline-limit warning for the worker in days ("" when all is well or staff identity is not used
        here)."""
        if not self.needs_login():
            return ""
        assert self._staff is not None
        state = self._staff().offline_state()
        out, limit = days_out(state.hours), days(state.limit_hours)
        if state.level == "warn":
            return m.OFFLINE_WARN.render(language, days=out, limit=limit)
        if state.level == "override" and state.override_until is not None:
            return m.OFFLINE_OVERRIDE.render(language, days=out, until=format_local(state.override_until))
        if state.restricted:
            return m.OFFLINE_RESTRICTED.render(language, days=out, limit=limit)
        return ""

    # -- visit list -----------------------------------------------------------------------------------------------

    def visit_list(self) -> list[Household]:
        return self.visits.visit_list()

    def add_household(self, *, head: str, address: str = "", village: str = "", note: str = "") -> str:
        return self.visits.add_household(head=head, address=address, village=village, note=note)

    def add_person(
        self, household_id: str, *, name: str, id_number: str = "", phone: str = "", relation: str = "", note: str = ""
    ) -> str:
        return self.visits.add_person(household_id, name=name, id_number=id_number, phone=phone, relation=relation,
                                      note=note)  # fmt: skip

    def update_household(
        self, household_id: str, *, head: str, address: str = "", village: str = "", note: str = ""
    ) -> None:
        self.visits.update_household(household_id, head=head, address=address, village=village, note=note)

    def update_person(
        self, person_id: str, *, name: str, id_number: str = "", phone: str = "", relation: str = "", note: str = ""
    ) -> None:
        self.visits.update_person(person_id, name=name, id_number=id_number, phone=phone, relation=relation,
                                  note=note)  # fmt: skip

    def remove_person(self, person_id: str) -> None:
        self.visits.remove_person(person_id)

    def remove_household(self, household_id: str) -> None:
        self.visits.remove_household(household_id)

    def link_draft(self, person_id: str, draft_id: str, title: str = "") -> None:
        self.visits.link_draft(person_id, draft_id, title)

    def draft_resumed(self, draft_id: str) -> None:
        """A draft was reopened in the apply flow (audited: the draft's id, never what it holds)."""
        self.visits.audit_event("draft.resume", draft_id)

    def finalised(self, draft_id: str, record_id: str, title: str = "") -> str | None:
        return self.visits.finalised(draft_id, record_id, title)

    def purge(self) -> VisitPurge:
        """The drafts' retention purge, then the visit list's (links to purged drafts go with it)."""
        self._apply().kept_drafts.purge_drafts()
        return self.visits.purge()

    # -- drafts ---------------------------------------------------------------------------------------------------

    def drafts(self) -> list[LaptopDraft]:
        """The drafts stored on this laptop, the most recently changed first, with their keep-until date and the
        person each was started for; a draft started for someone on another worker's list is left out."""
        out = []
        for d in self._apply().kept_drafts.drafts():
            owner = self.visits.table.owner("draft", d.draft_id)
            label = self.visits.person_label("draft", d.draft_id) if owner else ""
            if owner and not label:
                continue  # another worker's villager
            out.append(
                LaptopDraft(
                    draft_id=d.draft_id,
                    code=d.code,
                    title=d.title,
                    channel=d.channel,
                    updated_at=d.updated_at,
                    keep_until=d.keep_until,
                    person=label,
                    person_id=owner if label else None,
                )
            )
        return out

    def draft_retention_days(self) -> int:
        """Days a laptop draft is kept after its last change (0: until finalised or discarded)."""
        return self._apply().counter_draft_retention_days

    def discard_draft(self, draft_id: str) -> None:
        """Delete a draft with the pages only it used, through the apply service (reopened, then discarded)."""
        apply = self._apply()
        try:
            session = apply.resume_draft(draft_id)
        except UserError:
            if any(d.draft_id == draft_id for d in apply.kept_drafts.drafts()):
                raise
            log.info("draft %s already gone", draft_id)
            return
        apply.discard(session, drop_draft=True)
        self.visits.audit_event("draft.discard", draft_id)

    # -- delivery -------------------------------------------------------------------------------------------------

    def delivery_summary(self) -> DeliverySummary:
        return self.delivery.summary()

    def deliver(self, on_progress: ProgressSink) -> DeliveryReport:
        return self.delivery.deliver(on_progress)

    def stop_delivery(self) -> None:
        self.delivery.stop()

    def quarantined(self, language: str) -> list[QuarantineAdvice]:
        return self.delivery.quarantined(language)
