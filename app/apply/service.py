"""`ApplyService`: the one path for the kiosk/counter screens and `yunban submit` to apply for an item (申请) and
for what comes after (好差评, 咨询投诉, 进度查询). A facade over the parts in app/apply/; see docs/apply.md.

Size: the facade has one public method per thing a screen or the CLI asks of applying (`ui.ports.ApplyPort` is its
face), each a one-line delegation to the part that does it; splitting it would split that one port.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.apply.after_service import AfterService
from app.apply.busy import SessionLock
from app.apply.drafts import Drafts
from app.apply.finalise import Finaliser
from app.apply.materials import Materials
from app.apply.receipts import Receipts
from app.apply.session import Sessions
from app.apply.shared import ApplyDeps, TerminalInfo

if TYPE_CHECKING:
    from app.catalog.service import CatalogService
    from app.catalog.workdays import HolidayCalendar
    from app.devices.printing import PrinterService
    from app.devices.scanning import ScannerService, ScanRequest
    from app.identity.photo import PhotoDecoder
    from app.model.apply import (
        AfterServiceResult,
        ApplySession,
        CardPrefill,
        PrintOutcome,
        ReviewSummary,
        StatusView,
        SubmissionResult,
    )
    from app.model.forms import FieldError
    from app.model.identity import CardData
    from app.records.crypto import Cipher, EncryptedAttachmentStore
    from app.records.service import RecordsService
    from local_db.records.apply_tables import ApplyTables

__all__ = ["ApplyService", "TerminalInfo"]


class ApplyService:
    """One terminal's application flow (AppContext.apply). Every method is synchronous and may block (database,
    printer, scanner): the UI calls it off the GUI thread. A copy (`copy.copy`, `with_printer`) shares the
    terminal's stores and spool and has its own clock, printer and settings."""

    def __init__(
        self,
        *,
        catalog: CatalogService,
        records: RecordsService,
        tables: ApplyTables,
        store: EncryptedAttachmentStore,
        cipher: Cipher,
        terminal: TerminalInfo,
        printer: Callable[[], PrinterService] | None = None,
        scanner: Callable[[], ScannerService] | None = None,
        calendar: HolidayCalendar | None = None,
        clock: Callable[[], float] | None = None,
        photo_decoder: PhotoDecoder | None = None,
        draft_retention_days: int = 30,
        counter_draft_retention_days: int = 90,
        busy_lock: Path | None = None,
    ) -> None:
        deps = ApplyDeps(catalog=catalog, records=records, tables=tables, store=store, cipher=cipher,
                         terminal=terminal, printer=printer, scanner=scanner, holidays=calendar,
                         photo_decoder=photo_decoder, draft_retention_days=draft_retention_days,
                         counter_draft_retention_days=counter_draft_retention_days)  # fmt: skip
        if clock is not None:
            deps.clock = clock
        deps.busy = SessionLock(busy_lock)
        self._wire(deps)

    def _wire(self, deps: ApplyDeps) -> None:
        self._deps = deps
        self._drafts = Drafts(deps)
        self._sessions = Sessions(deps, self._drafts)
        self._materials = Materials(deps, self._drafts)
        self._receipts = Receipts(deps, self._drafts)
        self._finaliser = Finaliser(deps, self._sessions, self._materials, self._receipts)
        self._after = AfterService(deps)

    def __copy__(self) -> ApplyService:
        other = ApplyService.__new__(ApplyService)
        other._wire(copy.copy(self._deps))
        return other

    def with_printer(self, printer: Callable[[], PrinterService]) -> ApplyService:
        """The same service printing to another printer (`yunban submit --print URI`)."""
        other = copy.copy(self)
        other._deps.printer = printer
        return other

    # ------------------------------------------------------------------------------------------------ parts

    @property
    def sessions(self) -> Sessions:
        """Starting sessions, the card, form answers and the applicant's portrait."""
        return self._sessions

    @property
    def receipts(self) -> Receipts:
        """The receipt, 一次性告知 and draft-slip documents: layout, printing, PDF."""
        return self._receipts

    @property
    def kept_drafts(self) -> Drafts:
        """Kept drafts: the list, retention dates, purge and orphan clean-up."""
        return self._drafts

    # ------------------------------------------------------------------------------------------------ settings

    @property
    def catalog(self) -> CatalogService:
        return self._deps.catalog

    @property
    def records(self) -> RecordsService:
        return self._deps.records

    @property
    def tables(self) -> ApplyTables:
        return self._deps.tables

    @property
    def store(self) -> EncryptedAttachmentStore:
        return self._deps.store

    @property
    def cipher(self) -> Cipher:
        return self._deps.cipher

    @property
    def terminal(self) -> TerminalInfo:
        return self._deps.terminal

    @property
    def calendar(self) -> HolidayCalendar:
        return self._deps.calendar

    @property
    def photo_decoder(self) -> PhotoDecoder | None:
        """A licensed WLT decoder (app.identity.photo.PhotoDecoder); None: portraits show the placeholder."""
        return self._deps.photo_decoder

    @photo_decoder.setter
    def photo_decoder(self, decoder: PhotoDecoder | None) -> None:
        self._deps.photo_decoder = decoder

    @property
    def draft_retention_days(self) -> int:
        return self._deps.draft_retention_days

    @draft_retention_days.setter
    def draft_retention_days(self, days: int) -> None:
        self._deps.draft_retention_days = days

    @property
    def counter_draft_retention_days(self) -> int:
        return self._deps.counter_draft_retention_days

    @counter_draft_retention_days.setter
    def counter_draft_retention_days(self, days: int) -> None:
        self._deps.counter_draft_retention_days = days

    @property
    def _clock(self) -> Callable[[], float]:
        # Settable on a copy so tests and the purge benchmark can read another time.
        return self._deps.clock

    @_clock.setter
    def _clock(self, clock: Callable[[], float]) -> None:
        self._deps.clock = clock

    # ------------------------------------------------------------------------------------------------ session

    def start(self, code: str, *, channel: str = "kiosk", autosave: bool = True) -> ApplySession:
        """A new session for an item code or a 一件事 theme code (runs the draft purge when it is due). With
        `autosave=False` no draft is ever written for it (non-interactive submits)."""
        session = self._sessions.start(code, channel=channel, autosave=autosave)
        self._deps.catalog.count_uses([p.code for p in session.items], "starts")  # 常办事项: a count per code
        return session

    def division_rows(self) -> list[tuple[str, str, str | None]]:
        """The division tree as (code, name, parent_code) rows, for the address pickers."""
        return self._sessions.division_rows()

    def apply_card(self, session: ApplySession, card: CardData | Mapping[str, Any]) -> CardPrefill:
        """Prefill from a card read; stores its photo; applies the items' expired-card rule."""
        return self._sessions.apply_card(session, card)

    def save_page(self, session: ApplySession, answers: Mapping[str, Any]) -> dict[str, FieldError]:
        """Merge one page's answers and autosave; returns the errors of the fields just answered."""
        return self._sessions.save_page(session, answers)

    def correct_card_field(self, session: ApplySession, field_id: str, reason: str) -> None:
        """Unlock a value read from the card for correction; the reason is kept on the record."""
        self._sessions.correct_card_field(session, field_id, reason)

    def validate(self, session: ApplySession) -> dict[str, FieldError]:
        """Whole-form validation (materials count when received or deferred)."""
        return self._sessions.validate(session)

    # ------------------------------------------------------------------------------------------------ materials

    def add_page(
        self, session: ApplySession, slot_id: str, image: bytes | Path, *, media_type: str = "image/jpeg"
    ) -> ApplySession:
        """Add one page (bytes or a file) to a material slot."""
        return self._materials.add_page(session, slot_id, image, media_type=media_type)

    def scan_into(self, session: ApplySession, slot_id: str, request: ScanRequest | None = None) -> int:
        """Scan pages into a slot with the configured scanner; returns the pages added."""
        return self._materials.scan_into(session, slot_id, request)

    def remove_page(self, session: ApplySession, slot_id: str, index: int) -> None:
        self._materials.remove_page(session, slot_id, index)

    def mark_deferred(self, session: ApplySession, slot_id: str, deferred: bool = True) -> None:
        """容缺: the material will be brought to the counter (where the items allow it)."""
        self._materials.mark_deferred(session, slot_id, deferred)

    def page_bytes(self, session: ApplySession, slot_id: str, index: int) -> bytes:
        return self._materials.page_bytes(session, slot_id, index)

    # ------------------------------------------------------------------------------------------------ finalise

    def review(self, session: ApplySession) -> ReviewSummary:
        return self._finaliser.review(session)

    def finalise(
        self, session: ApplySession, *, print_receipt: bool = False, consent: bool = False
    ) -> SubmissionResult:
        """The signed, numbered record, receipt facts and outbox row in one transaction; optionally printed.
        `consent`: the citizen agreed to the 告知承诺 now (recorded with the submission)."""
        codes = [p.code for p in session.items]
        result = self._finaliser.finalise(session, print_receipt=print_receipt, consent=consent)
        self._deps.catalog.count_uses(codes, "submits")  # 常办事项: a count per code, no personal data
        return result

    # ------------------------------------------------------------------------------------------------ receipts

    def reprint(self, receipt_no: str) -> PrintOutcome:
        """Retry a job still queued for this receipt, else print it anew."""
        return self._receipts.reprint(receipt_no)

    def print_notice(self, session: ApplySession) -> PrintOutcome:
        return self._receipts.print_notice(session)

    def print_draft_code(self, code: str) -> PrintOutcome:
        """Print the 草稿保存凭条 of a kept draft (spooled briefly; cancelled by `discard`)."""
        return self._receipts.print_draft_code(code)

    # ------------------------------------------------------------------------------------------------ drafts

    def keep_draft(self, session: ApplySession) -> str:
        """Keep a kiosk draft past the idle wipe; returns its draft code."""
        return self._drafts.keep_draft(session)

    def resume_draft(self, code: str) -> ApplySession:
        """Reopen a draft by its code or id (answers migrated; an expired draft is purged and refused)."""
        return self._drafts.resume_draft(code, self.start)

    def discard(self, session: ApplySession, *, drop_draft: bool | None = None) -> None:
        """Idle wipe: clear the session; drop its draft (by default a kiosk draft not kept) and unused blobs."""
        self._drafts.discard(session, drop_draft=drop_draft)

    # ------------------------------------------------------------------------------------------------ after

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
        """好差评 of one service event (app/apply/rating.py)."""
        return self._after.evaluate(receipt_no, level, reasons, text, check_code=check_code, window=window,
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
        """咨询投诉."""
        return self._after.complain(kind=kind, subject=subject, subject_ref=subject_ref, text=text,
                                    receipt_no=receipt_no, contact_name=contact_name,
                                    contact_phone=contact_phone)  # fmt: skip

    def status(self, receipt_or_qr: str, check_code: str | None = None) -> StatusView:
        """进度查询 by receipt number with its check code, receipt QR or complaint reference."""
        return self._after.status(receipt_or_qr, check_code)

    def qr_reader_available(self) -> bool:
        return self._after.qr_reader_available()

    def read_receipt_qr(self, *, timeout: float = 20.0) -> str:
        return self._after.read_receipt_qr(timeout=timeout)

    def cancel_receipt_qr(self) -> None:
        self._after.cancel_receipt_qr()
