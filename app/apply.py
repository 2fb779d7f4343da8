"""Applying for an item (申请): session, card prefill, drafts, materials, review, finalising, receipts, and what
comes after the service (好差评, 咨询投诉, 进度查询).

`ApplyService` is the one path for the kiosk/counter screens and for `yunban submit`: both go through exactly these
methods. Every method is synchronous and may block (database, printer, scanner): the UI calls it off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app.model.apply import (
    AfterServiceResult,
    ApplySession,
    CardPrefill,
    DraftInfo,
    PrintOutcome,
    ReviewSummary,
    StatusView,
    SubmissionResult,
)
from app.model.forms import FieldError
from app.model.identity import CardData

__all__ = ["ApplyService"]


class ApplyService:
    """One terminal's application flow (AppContext.apply)."""

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession:
        """A new session for an item code or a 一件事 theme code (merged form: shared fields asked once)."""
        raise NotImplementedError

    def apply_card(self, session: ApplySession, card: CardData | Mapping[str, Any]) -> CardPrefill:
        """Prefill the session's answers from a card read (CardData or the read-card JSON); an expired card
        (valid_to in the past) gives a warning. Answers already typed are not overwritten."""
        raise NotImplementedError

    def save_page(self, session: ApplySession, answers: Mapping[str, Any]) -> dict[str, FieldError]:
        """Merge one page's answers into the session and autosave the draft (encrypted); returns the errors of the
        fields just answered (the citizen may still move on: nothing typed is lost)."""
        raise NotImplementedError

    def validate(self, session: ApplySession) -> dict[str, FieldError]:
        """Whole-form validation (materials counted as provided when received or deferred)."""
        raise NotImplementedError

    def add_page(
        self, session: ApplySession, slot_id: str, image: bytes | Path, *, media_type: str = "image/jpeg"
    ) -> ApplySession:
        """Add one page (image bytes or a file path) to a material slot; stored encrypted, content-addressed."""
        raise NotImplementedError

    def scan_into(self, session: ApplySession, slot_id: str) -> int:
        """Scan pages with the configured scanner (ScannerService) into a slot; returns pages added."""
        raise NotImplementedError

    def remove_page(self, session: ApplySession, slot_id: str, index: int) -> None:
        raise NotImplementedError

    def mark_deferred(self, session: ApplySession, slot_id: str, deferred: bool = True) -> None:
        """容缺: the material will be brought to the counter. Refused (UserError) where the item does not allow it."""
        raise NotImplementedError

    def page_bytes(self, session: ApplySession, slot_id: str, index: int) -> bytes:
        """The decrypted bytes of one page (thumbnail display)."""
        raise NotImplementedError

    def review(self, session: ApplySession) -> ReviewSummary:
        raise NotImplementedError

    def finalise(self, session: ApplySession, *, print_receipt: bool = False) -> SubmissionResult:
        """Validate everything, then write the signed, numbered record and its outbox row in one transaction.
        With `print_receipt`, print the 受理回执; paper out does not undo the submission (the result says so)."""
        raise NotImplementedError

    def print_receipt(self, receipt_no: str) -> PrintOutcome:
        """Print (or reprint) the 受理回执 of a finalised submission."""
        raise NotImplementedError

    def reprint(self, receipt_no: str) -> PrintOutcome:
        raise NotImplementedError

    def print_notice(self, session: ApplySession) -> PrintOutcome:
        """Print the 一次性告知 slip listing exactly what is still owed."""
        raise NotImplementedError

    def receipt_pdf(self, receipt_no: str, path: Path) -> Path:
        """An A4 PDF of the 受理回执 (QPdfWriter)."""
        raise NotImplementedError

    def notice_pdf(self, session: ApplySession, path: Path) -> Path:
        """An A4 PDF of the 一次性告知书."""
        raise NotImplementedError

    def keep_draft(self, session: ApplySession) -> str:
        """Keep a kiosk draft past the idle wipe; returns the draft code printed for the citizen."""
        raise NotImplementedError

    def resume_draft(self, code: str) -> ApplySession:
        """Reopen a kept draft by its code (answers migrated to the current form definition)."""
        raise NotImplementedError

    def drafts(self) -> list[DraftInfo]:
        raise NotImplementedError

    def discard(self, session: ApplySession) -> None:
        """Idle wipe: clear every personal value from the session; a kiosk draft not kept is deleted."""
        raise NotImplementedError

    def evaluate(self, receipt_no: str, level: str, reasons: Sequence[str] = (), text: str = "") -> AfterServiceResult:
        """好差评: queue a rating linked to the receipt number. Bad ratings need at least one reason."""
        raise NotImplementedError

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
        """咨询投诉: queue a consultation or complaint in the outbox."""
        raise NotImplementedError

    def status(self, receipt_or_qr: str) -> StatusView:
        """进度查询 by receipt number or the receipt QR payload, from the locally synced status feed."""
        raise NotImplementedError
