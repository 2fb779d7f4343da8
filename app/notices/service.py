"""Issuing and printing formal notices: number, build, draw as PDF, print on the counter's A4 printer through CUPS (or
on the receipt printer when the clerk chooses thermal), keep what could not be printed and send it again later.

Contract: `issue` stores the notice in `<home>/notices/` before anything is printed, so a printer problem never loses
a notice: its PDF and its receipt-printer lines sealed with the terminal data key (AES-256-GCM, like record payloads:
the applicant's name is in them) and a small JSON of its state without personal data, all 0600 in a 0700 folder; a
PDF is decrypted only into a 0600 temporary file for `lp`, removed as soon as CUPS has the job. `print` answers with
a `NoticeOutcome` saying whether it was printed, or queued and why (missing queue, stopped queue, no scheduler);
`retry_pending` sends queued notices again once the queue is back, as does the next notice printed on A4. A kiosk
always prints on its receipt printer. Printing, queuing and reprints are audited.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.config import A4PrinterConfig
from app.errors import UserError
from app.i18n import Message
from app.model.catalog import ItemGuide
from app.model.clock import local_date
from app.notices import messages as m
from app.notices.documents import KINDS, Notice, NoticeRequest, build_notice, notice_item, notice_number
from app.notices.pdf import render_bytes
from app.records.crypto import open_sealed, seal
from devices.printer.cups import CupsError, CupsQueue, QueueState
from local_db.records.notices import NoticeCounter
from local_db.records.store import RecordsDB

if TYPE_CHECKING:
    from app.audit.service import AuditLog
    from app.devices.printing import PrinterService
    from app.records.crypto import Cipher
    from devices.printer.document import Receipt
    from local_db.records.apply_tables import ApplyTables

__all__ = ["TARGETS", "IssuedNotice", "NoticeOutcome", "NoticeService"]

log = logging.getLogger(__name__)

TARGETS = ("a4", "thermal")
_REF = re.compile(r"[a-z_]+-\d{4}-\d{7}")


@dataclass(frozen=True, slots=True)
class IssuedNotice:
    ref: str
    kind: str
    title: str
    number: str
    receipt_no: str | None
    pdf: str
    """The sealed PDF (`<ref>.pdf.sealed`); `NoticeService.pdf_bytes(ref)` opens it."""
    bytes: int
    seconds: float
    """Time to build and draw the PDF."""


@dataclass(frozen=True, slots=True)
class NoticeOutcome:
    """What happened to one print: `printed` (handed to the printer), else `queued` (kept, sent again later)."""

    ref: str
    target: str
    printed: bool
    queued: bool
    job: str | None
    code: str
    """printed, printed_thermal, no_a4_printer, no_queue, stopped, unreachable, failed, thermal_failed."""
    message: Message
    params: Mapping[str, object]

    def text(self, language: str = "zh_CN") -> str:
        return self.message.render(language, **self.params)


_QUEUED = {
    "no_queue": m.QUEUED_NO_QUEUE,
    "stopped": m.QUEUED_STOPPED,
    "unreachable": m.QUEUED_UNREACHABLE,
    "no_client": m.QUEUED_UNREACHABLE,
    "timeout": m.QUEUED_UNREACHABLE,
}


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


class NoticeService:
    """The notices of one terminal. `items(code)` reads an item's guide (CatalogService.get_item); `receipt(number)`
    returns (receipt facts, check code) of this terminal's application, or None."""

    def __init__(
        self,
        *,
        db: RecordsDB,
        folder: Path,
        a4: A4PrinterConfig,
        item: Callable[[str], ItemGuide],
        receipt: Callable[[str], tuple[Mapping[str, Any], str] | None],
        hall: str,
        terminal_code: Callable[[], str],
        division_code: str,
        role: str = "counter",
        cipher: Callable[[], Cipher],
        thermal: Callable[[], PrinterService] | None = None,
        audit: Callable[[], AuditLog | None] = lambda: None,
        qr_prefix: str = "YBR1",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.counter = NoticeCounter(db)
        self.folder = folder
        self.a4 = a4
        self._item = item
        self._receipt = receipt
        self.hall = hall
        self._terminal_code = terminal_code
        self.division_code = division_code
        self.role = role
        self._thermal = thermal
        self._cipher = cipher
        self._audit = audit
        self.qr_prefix = qr_prefix
        self._clock = clock
        self._retrying = False

    # -- issuing ----------------------------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return local_date(self._clock())  # the terminal's configured zone (one clock)

    def build(self, request: NoticeRequest, *, number: tuple[str, str] | None = None) -> Notice:
        """The notice `request` asks for, without numbering or storing it (previews, tests)."""
        if request.kind not in KINDS:
            raise UserError(m.UNKNOWN_KIND, kind=request.kind, known=", ".join(KINDS))
        facts: Mapping[str, Any] | None = None
        check: str | None = None
        codes = tuple(request.item_codes)
        if request.receipt_no:
            found = self._receipt(request.receipt_no.strip().upper())
            if found is None:
                raise UserError(m.NO_SUCH_RECEIPT, number=request.receipt_no)
            facts, check = found
            codes = codes or tuple(code for code, _name in facts.get("items", ()))
        items = [notice_item(self._item(code), self.division_code) for code in codes]
        terminal_code = self._terminal_code()
        return build_notice(
            request,
            items=items,
            facts=facts,
            check_code=check,
            hall=self.hall,
            terminal_code=terminal_code,
            number=number or notice_number(request.kind, self.today().year, terminal_code[-2:], 0),
            today=self.today(),
            qr_prefix=self.qr_prefix,
        )

    def issue(self, request: NoticeRequest) -> IssuedNotice:
        """Check, number, draw and store a notice (nothing is printed yet): `print` or `issue_and_print` next."""
        started = time.perf_counter()
        self.build(request)  # refused before a number is used
        year = self.today().year
        seq = self.counter.next_number(request.kind, year)
        notice = self.build(request, number=notice_number(request.kind, year, self._terminal_code()[-2:], seq))
        _private_dir(self.folder)
        data = render_bytes(notice)
        size = len(data)
        pdf = self._sealed_path(notice.ref, "pdf")
        _write_private(pdf, seal(self._cipher(), data, f"notice-pdf:{notice.ref}".encode()))
        lines = json.dumps(_thermal(notice), ensure_ascii=False).encode()
        _write_private(
            self._sealed_path(notice.ref, "lines"), seal(self._cipher(), lines, f"notice-lines:{notice.ref}".encode())
        )
        issued = IssuedNotice(
            ref=notice.ref,
            kind=notice.kind,
            title=notice.title,
            number=notice.number,
            receipt_no=notice.receipt_no,
            pdf=str(pdf),
            bytes=size,
            seconds=time.perf_counter() - started,
        )
        self._save_state(notice.ref, {**asdict(issued), "state": "issued", "attempts": 0})
        log.info("notice %s issued (%s, %d bytes)", notice.ref, notice.kind, size)
        return issued

    def issue_and_print(self, request: NoticeRequest, target: str | None = None) -> tuple[IssuedNotice, NoticeOutcome]:
        issued = self.issue(request)
        return issued, self.print(issued.ref, target=target)

    # -- printing ---------------------------------------------------------------------------------------------------

    def target_for(self, choice: str | None) -> str:
        """The printer a notice goes to: a kiosk's receipt printer always; else the clerk's choice, else the
        configured `printer.a4.counter_default`."""
        if self.role == "kiosk":
            return "thermal"
        target = choice or self.a4.counter_default
        if target not in TARGETS:
            raise ValueError(f"print target must be one of {TARGETS}: {target!r}")
        return target

    def print(
        self, ref: str, *, target: str | None = None, reprint: bool = False, actor: str | None = None
    ) -> NoticeOutcome:
        """Print a stored notice; a notice that cannot be printed now is kept queued and the outcome says why.
        `actor`: the staff id of the clerk who asked (audited with the event)."""
        state = self._state(ref)
        where = self.target_for(target)
        outcome = self._print_thermal(state) if where == "thermal" else self._print_a4(state)
        state["attempts"] = int(state.get("attempts", 0)) + 1
        state["target"] = where
        if outcome.printed:
            state.update(state="printed", job=outcome.job, printed_at=_iso(self._clock()), last_error=None)
        else:
            state.update(state="queued" if outcome.queued else state.get("state", "issued"), last_error=outcome.code)
        self._save_state(ref, state)
        event = "notice.reprint" if reprint else ("notice.print" if outcome.printed else "notice.queued")
        self._record(event, state, target=where, outcome=outcome.code, actor=actor)
        if outcome.printed and where == "a4" and not self._retrying:
            self.retry_pending()  # the queue takes jobs again: what it refused before follows
        return outcome

    def reprint(self, ref: str, target: str | None = None, *, actor: str | None = None) -> NoticeOutcome:
        """补打: print a stored notice again (its number and content unchanged)."""
        return self.print(ref, target=target, reprint=True, actor=actor)

    def _print_a4(self, state: Mapping[str, Any]) -> NoticeOutcome:
        ref, title, number = str(state["ref"]), str(state["title"]), str(state["number"])
        params: dict[str, object] = {"title": title, "number": number, "queue": self.a4.queue}
        if not self.a4.queue:
            return NoticeOutcome(ref, "a4", False, True, None, "no_a4_printer", m.NO_A4_PRINTER, params)
        try:
            with self._plain_pdf(ref) as pdf:
                job = CupsQueue(self.a4.queue, self.a4.server).submit(pdf, title=f"{title} {number}")
        except CupsError as exc:
            message = _QUEUED.get(exc.code, m.QUEUED_FAILED)
            log.warning("notice %s kept: A4 queue %s: %s %s", ref, self.a4.queue, exc.code, exc.params)
            detail = str(exc.params.get("detail") or exc.code)[:120]
            return NoticeOutcome(ref, "a4", False, True, None, exc.code, message, {**params, "detail": detail})
        return NoticeOutcome(ref, "a4", True, False, job, "printed", m.PRINTED, {**params, "job": job})

    def _print_thermal(self, state: Mapping[str, Any]) -> NoticeOutcome:
        from app.devices.printing import PrintFailedError

        ref, title, number = str(state["ref"]), str(state["title"]), str(state["number"])
        params: dict[str, object] = {"title": title, "number": number}
        if self._thermal is None:
            return NoticeOutcome(ref, "thermal", False, False, None, "thermal_failed", m.THERMAL_FAILED,
                                 {**params, "code": "not_configured"})  # fmt: skip
        try:
            result = self._thermal().print_receipt(_receipt_document(self._lines(ref)), title=f"{title} {number}",
                                                   kind="notice")  # fmt: skip
        except PrintFailedError as exc:
            queued = exc.job_id is not None  # kept in the receipt printer's spool, reprinted from there
            return NoticeOutcome(ref, "thermal", False, queued, exc.job_id, "thermal_failed", m.THERMAL_FAILED,
                                 {**params, "code": exc.code})  # fmt: skip
        return NoticeOutcome(ref, "thermal", True, False, result.job_id, "printed_thermal", m.PRINTED_THERMAL, params)

    def pending(self) -> list[dict[str, Any]]:
        """Notices kept for the A4 printer (oldest first)."""
        out = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else ():
            try:
                state = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                log.warning("notice state %s unreadable: %s", path, exc)
                continue
            if state.get("state") == "queued" and state.get("target", "a4") == "a4":
                out.append(state)
        return sorted(out, key=lambda s: (str(s.get("queued_at") or ""), str(s["ref"])))

    def retry_pending(self) -> list[NoticeOutcome]:
        """Send every queued notice again, oldest first, while the A4 queue takes them (stops at the first that is
        kept again: the queue is still not back)."""
        done: list[NoticeOutcome] = []
        if self._retrying:
            return done
        self._retrying = True
        try:
            for state in self.pending():
                outcome = self.print(str(state["ref"]), target="a4")
                done.append(outcome)
                if not outcome.printed:
                    break
        finally:
            self._retrying = False
        return done

    def queue_state(self) -> QueueState | None:
        """The A4 queue as the scheduler reports it (None without one configured); CupsError if unreachable."""
        return CupsQueue(self.a4.queue, self.a4.server).state() if self.a4.queue else None

    def get(self, ref: str) -> dict[str, Any]:
        return self._state(ref)

    def pdf_bytes(self, ref: str) -> bytes:
        """The notice's PDF, opened from its sealed file (to show, attach or print elsewhere)."""
        self._state(ref)
        return open_sealed(self._cipher(), self._sealed_path(ref, "pdf").read_bytes(), f"notice-pdf:{ref}".encode())

    def _lines(self, ref: str) -> dict[str, Any]:
        blob = self._sealed_path(ref, "lines").read_bytes()
        lines: dict[str, Any] = json.loads(open_sealed(self._cipher(), blob, f"notice-lines:{ref}".encode()))
        return lines

    def _sealed_path(self, ref: str, what: str) -> Path:
        return self.folder / f"{ref}.{what}.sealed"

    @contextmanager
    def _plain_pdf(self, ref: str) -> Iterator[Path]:
        """The PDF in clear for `lp`, in a 0600 file removed when CUPS has taken the job (or failed to)."""
        path = self.folder / f".print-{ref}-{uuid.uuid4().hex[:8]}.pdf"
        _write_private(path, self.pdf_bytes(ref))
        try:
            yield path
        finally:
            path.unlink(missing_ok=True)

    # -- storage ----------------------------------------------------------------------------------------------------

    def _state(self, ref: str) -> dict[str, Any]:
        if not _REF.fullmatch(ref):
            raise UserError(m.NO_SUCH_NOTICE, notice=ref[:64])
        try:
            state: dict[str, Any] = json.loads((self.folder / f"{ref}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(m.NO_SUCH_NOTICE, notice=ref) from exc
        return state

    def _save_state(self, ref: str, state: dict[str, Any]) -> None:
        if state.get("state") == "queued" and not state.get("queued_at"):
            state["queued_at"] = _iso(self._clock())
        _write_private(self.folder / f"{ref}.json", json.dumps(state, ensure_ascii=False, indent=1).encode())

    def _record(
        self, event: str, state: Mapping[str, Any], *, target: str, outcome: str, actor: str | None = None
    ) -> None:
        try:
            audit = self._audit()
        except Exception:  # the log cannot open (records.db damaged): the print is not undone
            log.exception("audit log unavailable for %s", event)
            return
        if audit is not None:
            subject = str(state.get("receipt_no") or state["ref"])
            audit.record(event, actor=actor, subject=subject, ref=str(state["ref"]), target=target, outcome=outcome)


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _thermal(notice: Notice) -> dict[str, Any]:
    """What the 58/80 mm version of a notice prints, kept beside the PDF (plain lines, a QR)."""
    lines: list[str] = [f"文书编号：{notice.number}"]
    lines += [f"{k}：{v}" for k, v in notice.fields]
    if not notice.fields:
        lines.append(notice.salutation)
    lines += notice.paragraphs
    if notice.listed:
        lines.append(notice.listed_heading)
        lines += [f"{n}. {t}" for n, t in enumerate(notice.listed, start=1)]
    lines += notice.after
    if notice.basis:
        lines.append("法律依据：")
        lines += [f"{n}. {line}" for n, (_name, line) in enumerate(notice.basis, start=1)]
    lines += [notice.issuer, f"{notice.issued_on:%Y-%m-%d}"]
    if notice.clerk_id:
        lines.append(f"经办人：{notice.clerk_id}" + (f"  窗口：{notice.window}" if notice.window else ""))
    return {"title": notice.title, "hall": notice.hall, "lines": lines, "qr": notice.qr}


def _receipt_document(thermal: Mapping[str, Any]) -> Receipt:
    from devices.printer.document import Cut, Heading, QRCode, Rule, Text
    from devices.printer.document import Receipt as DReceipt

    blocks: list[Any] = [Heading(str(thermal["title"])), Text(str(thermal["hall"]), align="center"), Rule()]
    blocks += [Text(str(line)) for line in thermal["lines"]]
    if thermal.get("qr"):
        blocks.append(QRCode(str(thermal["qr"])))
    blocks.append(Cut())
    return DReceipt(tuple(blocks))


def receipt_lookup(tables: ApplyTables, cipher: Cipher) -> Callable[[str], tuple[Mapping[str, Any], str] | None]:
    """(facts, check code) of a receipt number of this terminal, from the apply tables (sealed facts)."""
    from app.records.crypto import open_sealed

    def lookup(number: str) -> tuple[Mapping[str, Any], str] | None:
        row = tables.get_receipt(number)
        if row is None:
            return None
        facts: Mapping[str, Any] = json.loads(open_sealed(cipher, row.blob, row.receipt_no.encode()))
        return facts, str(row.verification)

    return lookup
