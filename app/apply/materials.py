"""A session's material slots: pages added from bytes, a file or the scanner (stored encrypted, content-addressed),
removed, shown, or deferred (容缺, only where every item of the slot allows it). Every change autosaves the draft."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.apply import messages
from app.apply.drafts import Drafts
from app.apply.files import document_type, read_regular_file
from app.apply.shared import ApplyDeps, ensure_live
from app.errors import UserError
from app.model.apply import ApplySession, MaterialSlot, PageRef

if TYPE_CHECKING:
    from app.devices.scanning import ScanRequest

__all__ = ["MAX_PAGE_BYTES", "Materials"]

MAX_PAGE_BYTES = 20 * 1024 * 1024
_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif", "application/pdf": ".pdf"}


class Materials:
    """The material slots of sessions (`ApplyService` delegates to it)."""

    def __init__(self, deps: ApplyDeps, drafts: Drafts) -> None:
        self._d = deps
        self._drafts = drafts

    def slot(self, session: ApplySession, slot_id: str) -> MaterialSlot:
        """The slot by its id or its material id; `apply.no_such_material` if the session has neither."""
        slot = session.slot(slot_id)
        if slot is None:
            slot = next((s for s in session.slots if s.material_id == slot_id), None)
        if slot is None:
            raise UserError(messages.NO_SUCH_MATERIAL, slot=slot_id)
        return slot

    def add_page(
        self, session: ApplySession, slot_id: str, image: bytes | Path, *, media_type: str = "image/jpeg"
    ) -> ApplySession:
        """Add one page (image bytes or a file path) to a material slot; stored encrypted, content-addressed.

        A file must be a regular file (a device, FIFO or directory is refused at once, `app.apply.files`) of at most
        MAX_PAGE_BYTES, and a JPEG, PNG, TIFF or PDF that decodes: an empty file, an ELF binary or text satisfies no
        material. Bytes come from the scanner or the document camera (device drivers): refused when empty or too
        large; their media type is the caller's."""
        ensure_live(session)
        slot = self.slot(session, slot_id)
        store = self._d.store
        if isinstance(image, Path):
            data = read_regular_file(image, cap=MAX_PAGE_BYTES)
            media_type = document_type(data, image.name)
            sha, size = store.put_bytes(data)
            suffix = _SUFFIX[media_type]
        else:
            if len(image) > MAX_PAGE_BYTES:
                raise UserError(messages.FILE_TOO_LARGE, limit_mb=MAX_PAGE_BYTES // 2**20)
            if not image:
                raise UserError(messages.EMPTY_PAGE)
            sha, size = store.put_bytes(image)
            suffix = _SUFFIX.get(media_type, ".jpg")
        name = f"{slot.material_id}-p{len(slot.pages) + 1}{suffix}"
        slot.pages.append(PageRef(sha256=sha, size=size, name=name, media_type=media_type))
        slot.deferred = False
        self._drafts.autosave(session)
        return session

    def scan_into(self, session: ApplySession, slot_id: str, request: ScanRequest | None = None) -> int:
        """Scan pages with the configured scanner (ScannerService) into a slot; returns pages added. Without a
        request, the scanner's configured source (flatbed: one page; adf: the whole stack in the feeder) and
        resolution. A failing scan raises ScanFailedError (a UserError) and leaves the slot as it was."""
        ensure_live(session)
        if self._d.scanner is None:
            raise UserError(messages.NO_SCANNER)
        self.slot(session, slot_id)
        scanner = self._d.scanner()
        if request is None:
            from app.devices.scanning import ScanRequest

            request = ScanRequest(source=scanner.config.source, resolution=scanner.config.resolution)
        _, pages = scanner.scan(request)
        for page in pages:
            self.add_page(session, slot_id, page.jpeg)
        return len(pages)

    def remove_page(self, session: ApplySession, slot_id: str, index: int) -> None:
        """Remove one page; its blob goes once nothing (record, draft, this session) refers to it."""
        ensure_live(session)
        slot = self.slot(session, slot_id)
        if not 0 <= index < len(slot.pages):
            raise UserError(messages.NO_SUCH_PAGE, page=index + 1)
        page = slot.pages.pop(index)
        self._drafts.autosave(session)
        self._drafts.release([page.sha256], session)

    def mark_deferred(self, session: ApplySession, slot_id: str, deferred: bool = True) -> None:
        """容缺: the material will be brought to the counter. Refused (UserError) where the item does not allow it."""
        ensure_live(session)
        slot = self.slot(session, slot_id)
        if deferred and not slot.deferrable:
            raise UserError(messages.DEFERRAL_NOT_ALLOWED, material=slot.name)
        slot.deferred = deferred
        self._drafts.autosave(session)

    def page_bytes(self, session: ApplySession, slot_id: str, index: int) -> bytes:
        """The decrypted bytes of one page (thumbnail display)."""
        ensure_live(session)
        page = self.slot(session, slot_id).pages[index]
        return self._d.store.read_range(page.sha256, 0, page.size)
