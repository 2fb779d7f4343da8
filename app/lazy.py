"""The terminal's catalog and apply service as the kiosk's ports (`ui.ports.CatalogPort`, `ApplyPort`), each built on
its first call, which the screens make on a worker: the home screen never waits for catalog.db, records.db or the
keystore, and a failure to open them reaches a screen as its error. Contract: `LazyServices` builds both under one lock.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.apply.service import ApplyService
    from app.catalog.service import CatalogService
    from app.context import AppContext
    from app.model.apply import (
        AfterServiceResult,
        ApplySession,
        CardPrefill,
        PrintOutcome,
        ReviewSummary,
        StatusView,
        SubmissionResult,
    )
    from app.model.catalog import Department, Division, ItemGuide, ItemSummary, Theme
    from app.model.forms import FieldError

__all__ = ["LazyApply", "LazyCatalog", "LazyServices"]


class LazyServices:
    """The context's services the kiosk opens on first use.

    One lock for all of them: `AppContext`'s cached properties are not thread-safe, and building the apply service
    builds the catalog too, so two locks would let two workers open the catalog at once."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._lock = threading.Lock()
        self._catalog: CatalogService | None = None
        self._apply: ApplyService | None = None
        self.catalog = LazyCatalog(self)
        self.apply = LazyApply(self)

    def catalog_service(self) -> CatalogService:
        """Opening it may import the bundled demo catalog (seconds, once) or raise `CatalogUnavailable`."""
        service = self._catalog  # once built, no lock: the GUI thread's one call (cancel_receipt_qr) never waits
        if service is None:
            with self._lock:
                service = self._catalog = self._ctx.catalog
        return service

    def apply_service(self) -> ApplyService:
        """Opens records.db and asks the keystore for the data key."""
        service = self._apply
        if service is None:
            with self._lock:
                service = self._apply = self._ctx.apply
        return service


class LazyCatalog:
    """`CatalogPort` over the catalog service, opened on the first call."""

    def __init__(self, services: LazyServices) -> None:
        self._services = services

    def _open(self) -> CatalogService:
        return self._services.catalog_service()

    @property
    def is_demo(self) -> bool:
        return self._open().is_demo

    @property
    def notice(self) -> str:
        return self._open().notice

    def search(self, query: str, *, limit: int = 20) -> list[ItemSummary]:
        return self._open().search(query, limit=limit)

    def search_themes(self, query: str, *, limit: int = 5) -> list[Theme]:
        return self._open().search_themes(query, limit=limit)

    def suggestions(self, query: str = "", *, limit: int = 8, language: str = "zh_CN") -> list[str]:
        return self._open().suggestions(query, limit=limit, language=language)

    def frequent_items(self, *, limit: int = 8) -> list[ItemSummary]:
        return self._open().frequent_items(limit=limit)

    def get_item(self, code: str) -> ItemGuide:
        return self._open().get_item(code)

    def list_departments(self) -> list[Department]:
        return self._open().list_departments()

    def list_themes(self) -> list[Theme]:
        return self._open().list_themes()

    def items_of_theme(self, code: str) -> list[ItemSummary]:
        return self._open().items_of_theme(code)

    def browse(self, *, department: str | None = None, theme: str | None = None) -> list[ItemSummary]:
        return self._open().browse(department=department, theme=theme)

    def record_view(self, code: str) -> int:
        return self._open().record_view(code)

    def terminal_chain(self) -> list[Division]:
        return self._open().terminal_chain()


class LazyApply:
    """`ApplyPort` over the apply service, built on the first call."""

    def __init__(self, services: LazyServices) -> None:
        self._services = services

    def _open(self) -> ApplyService:
        return self._services.apply_service()

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession:
        return self._open().start(code, channel=channel)

    def division_rows(self) -> list[tuple[str, str, str | None]]:
        return self._open().division_rows()

    def apply_card(self, session: ApplySession, card: Mapping[str, Any]) -> CardPrefill:
        return self._open().apply_card(session, card)

    def save_page(self, session: ApplySession, answers: Mapping[str, Any]) -> dict[str, FieldError]:
        return self._open().save_page(session, answers)

    def correct_card_field(self, session: ApplySession, field_id: str, reason: str) -> None:
        self._open().correct_card_field(session, field_id, reason)

    def validate(self, session: ApplySession) -> dict[str, FieldError]:
        return self._open().validate(session)

    def add_page(self, session: ApplySession, slot_id: str, image: bytes | Path) -> ApplySession:
        return self._open().add_page(session, slot_id, image)

    def scan_into(self, session: ApplySession, slot_id: str) -> int:
        return self._open().scan_into(session, slot_id)

    def remove_page(self, session: ApplySession, slot_id: str, index: int) -> None:
        self._open().remove_page(session, slot_id, index)

    def mark_deferred(self, session: ApplySession, slot_id: str, deferred: bool = True) -> None:
        self._open().mark_deferred(session, slot_id, deferred)

    def page_bytes(self, session: ApplySession, slot_id: str, index: int) -> bytes:
        return self._open().page_bytes(session, slot_id, index)

    def review(self, session: ApplySession) -> ReviewSummary:
        return self._open().review(session)

    def finalise(
        self, session: ApplySession, *, print_receipt: bool = False, consent: bool = False
    ) -> SubmissionResult:
        return self._open().finalise(session, print_receipt=print_receipt, consent=consent)

    def print_notice(self, session: ApplySession) -> PrintOutcome:
        return self._open().print_notice(session)

    def keep_draft(self, session: ApplySession) -> str:
        return self._open().keep_draft(session)

    def print_draft_code(self, code: str) -> PrintOutcome:
        return self._open().print_draft_code(code)

    def resume_draft(self, code: str) -> ApplySession:
        return self._open().resume_draft(code)

    def discard(self, session: ApplySession) -> None:
        self._open().discard(session)

    def evaluate(
        self,
        receipt_no: str,
        level: str,
        reasons: Sequence[str] = (),
        text: str = "",
        *,
        check_code: str | None = None,
        window: str = "",
        clerk: str = "",
        contact_phone: str = "",
    ) -> AfterServiceResult:
        return self._open().evaluate(receipt_no, level, reasons, text, check_code=check_code, window=window,
                                     clerk=clerk, contact_phone=contact_phone)  # fmt: skip

    def complain(
        self,
        *,
        kind: str,
        subject: str,
        subject_ref: str,
        text: str,
        receipt_no: str | None = None,
        contact_name: str = "",
        contact_phone: str = "",
    ) -> AfterServiceResult:
        return self._open().complain(
            kind=kind, subject=subject, subject_ref=subject_ref, text=text, receipt_no=receipt_no,
            contact_name=contact_name, contact_phone=contact_phone,
        )  # fmt: skip

    def status(self, receipt_or_qr: str, check_code: str | None = None) -> StatusView:
        return self._open().status(receipt_or_qr, check_code)

    def qr_reader_available(self) -> bool:
        return self._open().qr_reader_available()

    def read_receipt_qr(self, *, timeout: float = 20.0) -> str:
        return self._open().read_receipt_qr(timeout=timeout)

    def cancel_receipt_qr(self) -> None:
        self._open().cancel_receipt_qr()
