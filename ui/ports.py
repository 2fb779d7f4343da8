"""What the screens need from the services, as structural types (PEP 544): the services satisfy them without
inheriting, tests pass plain fakes. Contract: screens call them only through `ui.tasks.TaskRunner` (off the GUI
thread), except the catalog's two cheap read-only flags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

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
    from app.model.identity import CardData


__all__ = ["ApplyPort", "CatalogPort", "IdentityPort"]


class CatalogPort(Protocol):
    """The item catalog (政务服务事项目录) as the kiosk sees it."""

    @property
    def is_demo(self) -> bool:
        """The catalog is the bundled demo data (the kiosk shows a 演示数据 badge)."""
        ...

    @property
    def notice(self) -> str:
        """Shown on every guide while `is_demo` (e.g. 本目录为演示数据……)."""
        ...

    def search(self, query: str, *, limit: int = 20) -> list[ItemSummary]: ...

    def search_themes(self, query: str, *, limit: int = 5) -> list[Theme]:
        """一件事 and other themes matching the query (新生儿 → 新生儿出生一件事)."""
        ...

    def suggestions(self, query: str = "", *, limit: int = 8, language: str = "zh_CN") -> list[str]:
        """Words to tap when the box is empty or a search found nothing, in `language` (zh_CN or en)."""
        ...

    def frequent_items(self, *, limit: int = 8) -> list[ItemSummary]:
        """常办事项: the hall's most used items (local usage counts)."""
        ...

    def get_item(self, code: str) -> ItemGuide: ...

    def list_departments(self) -> list[Department]: ...

    def list_themes(self) -> list[Theme]: ...

    def items_of_theme(self, code: str) -> list[ItemSummary]: ...

    def browse(self, *, department: str | None = None, theme: str | None = None) -> list[ItemSummary]: ...

    def record_view(self, code: str) -> int: ...

    def terminal_chain(self) -> list[Division]: ...


class ApplyPort(Protocol):
    """Applying for an item (申请), as the 我要办理 / 评价 / 咨询投诉 / 进度查询 screens use it
    (`app.apply.service.ApplyService`). Every call may block: screens make them through `TaskRunner`."""

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession: ...

    def division_rows(self) -> list[tuple[str, str, str | None]]: ...

    def apply_card(self, session: ApplySession, card: Mapping[str, Any]) -> CardPrefill: ...

    def save_page(self, session: ApplySession, answers: Mapping[str, Any]) -> dict[str, FieldError]: ...

    def correct_card_field(self, session: ApplySession, field_id: str, reason: str) -> None:
        """Unlock a value read from the card for correction; the reason is kept on the record."""
        ...

    def validate(self, session: ApplySession) -> dict[str, FieldError]: ...

    def add_page(self, session: ApplySession, slot_id: str, image: bytes | Path) -> ApplySession: ...

    def scan_into(self, session: ApplySession, slot_id: str) -> int: ...

    def remove_page(self, session: ApplySession, slot_id: str, index: int) -> None: ...

    def mark_deferred(self, session: ApplySession, slot_id: str, deferred: bool = True) -> None: ...

    def page_bytes(self, session: ApplySession, slot_id: str, index: int) -> bytes: ...

    def review(self, session: ApplySession) -> ReviewSummary: ...

    def finalise(
        self, session: ApplySession, *, print_receipt: bool = False, consent: bool = False
    ) -> SubmissionResult:
        """`consent`: the citizen agreed to the 告知承诺 just now (recorded with the submission)."""
        ...

    def print_notice(self, session: ApplySession) -> PrintOutcome: ...

    def keep_draft(self, session: ApplySession) -> str: ...

    def print_draft_code(self, code: str) -> PrintOutcome: ...

    def resume_draft(self, code: str) -> ApplySession: ...

    def discard(self, session: ApplySession) -> None: ...

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
    ) -> AfterServiceResult: ...

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
    ) -> AfterServiceResult: ...

    def status(self, receipt_or_qr: str, check_code: str | None = None) -> StatusView: ...

    def qr_reader_available(self) -> bool:
        """A document camera (高拍仪) is configured and ready to read a receipt QR."""
        ...

    def read_receipt_qr(self, *, timeout: float = 20.0) -> str:
        """The text of the receipt QR laid under the document camera (blocks up to `timeout` seconds)."""
        ...

    def cancel_receipt_qr(self) -> None:
        """End a `read_receipt_qr` in progress; returns at once (the one call a screen may make on the GUI thread)."""
        ...


class IdentityPort(Protocol):
    """The ID-card reader (`app.devices.cards.IdentityService`): one blocking read (the 读卡 button)."""

    def read_card(self, *, timeout: float = 10.0) -> CardData: ...
