"""`LaptopServices`: what the laptop screens (ui/screens/laptop/) call, over the visit list, the apply service's public
drafts API, batch delivery and the staff identity. Every method may block: the screens call them off the GUI thread.

Contract: drafts are only read (`ApplyService.kept_drafts.drafts()`), resumed and discarded through the apply
service; delivery goes through `BatchDelivery` (the sync service); the worker is the logged-in staff session when
one is wired (`worker`), else the laptop's single local worker (`app.visits.service.LOCAL_WORKER`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.errors import UserError
from app.model.records import DeliveryReport
from app.staff import messages as staff_messages
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

__all__ = ["LaptopServices"]

log = logging.getLogger(__name__)


class LaptopServices:
    def __init__(
        self,
        visits: VisitsService,
        apply: Callable[[], ApplyService],
        delivery: BatchDelivery,
        *,
        staff: Callable[[], StaffService] | None = None,
        keystore_locked: Callable[[], bool] = lambda: False,
        unlock_keystore: Callable[[str], None] | None = None,
    ) -> None:
        self.visits = visits
        self._apply = apply
        self.delivery = delivery
        self._staff = staff
        self._keystore_locked = keystore_locked
        self._unlock_keystore = unlock_keystore

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
        """Log the worker in (offline, against the stored roster; audited); returns their name."""
        if self._staff is None:
            raise UserError(staff_messages.NO_ROSTER)
        return self._staff().login(staff_id, secret).name

    def logout(self) -> None:
        if self._staff is not None:
            self._staff().logout()

    def worker_name(self) -> str:
        """The logged-in worker's name ("" when nobody is logged in)."""
        session = self._staff().current() if self._staff is not None else None
        return session.name if session is not None else ""

    def offline_message(self, language: str) -> str:
        """The offline-limit warning for the worker ("" when all is well or staff identity is not used here)."""
        if not self.needs_login():
            return ""
        assert self._staff is not None
        return self._staff().offline_message(language)

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

    # -- delivery -------------------------------------------------------------------------------------------------

    def delivery_summary(self) -> DeliverySummary:
        return self.delivery.summary()

    def deliver(self, on_progress: ProgressSink) -> DeliveryReport:
        return self.delivery.deliver(on_progress)

    def stop_delivery(self) -> None:
        self.delivery.stop()

    def quarantined(self, language: str) -> list[QuarantineAdvice]:
        return self.delivery.quarantined(language)
