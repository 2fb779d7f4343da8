"""What the laptop screens need from the services (`app.visits.laptop.LaptopServices` satisfies it). Contract: every
method may block on records.db, the keystore or the network: the screens call them only through
`ui.tasks.TaskRunner`; `deliver` calls `on_progress` on its own (worker) thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.model.records import DeliveryReport
    from app.visits.model import (
        DeliveryProgress,
        DeliverySummary,
        Household,
        LaptopDraft,
        QuarantineAdvice,
        VisitPurge,
    )

__all__ = ["LaptopPort"]


class LaptopPort(Protocol):
    def worker_name(self) -> str: ...

    def offline_message(self, language: str) -> str: ...

    def visit_list(self) -> list[Household]: ...

    def add_household(self, *, head: str, address: str = "", village: str = "", note: str = "") -> str: ...

    def add_person(
        self, household_id: str, *, name: str, id_number: str = "", phone: str = "", relation: str = "", note: str = ""
    ) -> str: ...

    def remove_person(self, person_id: str) -> None: ...

    def link_draft(self, person_id: str, draft_id: str, title: str = "") -> None: ...

    def finalised(self, draft_id: str, record_id: str, title: str = "") -> str | None: ...

    def purge(self) -> VisitPurge: ...

    def drafts(self) -> list[LaptopDraft]: ...

    def draft_retention_days(self) -> int: ...

    def discard_draft(self, draft_id: str) -> None: ...

    def delivery_summary(self) -> DeliverySummary: ...

    def deliver(self, on_progress: Callable[[DeliveryProgress], None]) -> DeliveryReport: ...

    def stop_delivery(self) -> None: ...

    def quarantined(self, language: str) -> list[QuarantineAdvice]: ...
