"""What the parts of `ApplyService` share: the terminal's collaborators, settings, clock and process state
(`ApplyDeps`), where receipts were issued (`TerminalInfo`), and the receipt-number and ID-masking helpers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.apply import messages
from app.apply.busy import SessionLock
from app.catalog.workdays import HolidayCalendar, calendar_from_dates
from app.errors import UserError
from app.identity.normalise import normalise_code
from app.model.clock import local_date

if TYPE_CHECKING:
    from app.catalog.service import CatalogService
    from app.devices.printing import PrinterService
    from app.devices.scanning import ScannerService
    from app.identity.photo import PhotoDecoder
    from app.model.apply import ApplySession
    from app.records.crypto import Cipher, EncryptedAttachmentStore
    from app.records.service import RecordsService
    from local_db.records.apply_tables import ApplyTables

__all__ = [
    "QR_PREFIX",
    "ApplyDeps",
    "TerminalInfo",
    "ensure_live",
    "epoch",
    "group_receipt_no",
    "mask_name",
    "now_iso",
    "parse_qr",
]

QR_PREFIX = "YBR1"
"""Receipt QR payload: `YBR1:<receipt number>:<verification code>`."""


def parse_qr(text: str) -> tuple[str, str | None]:
    """(receipt number, verification code or None) from a typed number or a scanned receipt QR. The number goes
    through the one normalisation every code gets (`app.identity.normalise.normalise_code`: full-width to ASCII,
    spaces of the printed groups, dashes and zero-width characters out, upper case)."""
    t = unicodedata.normalize("NFKC", text).strip()
    if t.upper().startswith(QR_PREFIX + ":"):
        parts = t.split(":")
        return normalise_code(parts[1]), (parts[2].strip() if len(parts) > 2 else None)
    return normalise_code(t), None


def group_receipt_no(number: str) -> str:
    """The receipt number in its printed groups (docs/receipt-number.md): division, terminal, date, sequence,
    check character, e.g. `532524103205 01 261207 0001 8`; anything not 25 characters is returned as it is."""
    if len(number) != 25:
        return number
    return " ".join((number[:12], number[12:14], number[14:20], number[20:24], number[24:]))


def mask_name(name: str | None) -> str:
    """李明华 → 李*华, 张三 → 张*: a name on paper or a public screen keeps its first (and last) character only."""
    n = (name or "").strip()
    if len(n) <= 1:
        return n
    if len(n) == 2:
        return n[0] + "*"
    return n[0] + "*" * (len(n) - 2) + n[-1]


def now_iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def epoch(iso: str) -> float:
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def ensure_live(session: ApplySession) -> None:
    """Raises `apply.session_wiped` for a session the idle wipe has cleared."""
    if session.wiped:
        raise UserError(messages.SESSION_WIPED)


@dataclasses.dataclass(frozen=True, slots=True)
class TerminalInfo:
    """What receipts say about where they were issued."""

    hall_name: str
    terminal_code: str
    division_code: str
    status_hint: str = "凭受理编号和校验码在自助终端「进度查询」或拨打咨询电话查询办理进度"
    channel: str = "kiosk"
    """The 好差评 channel ratings given here carry: the terminal's role (kiosk, counter, laptop)."""


@dataclasses.dataclass(kw_only=True)
class ApplyDeps:
    """One ApplyService's collaborators, settings and state, read by all its parts at call time (so a setting
    changed on the service reaches every part). A copy of the service copies this shallowly: the copy shares
    `slip_jobs` (the printer spool is one) and reads its own clock, printer and settings."""

    catalog: CatalogService
    records: RecordsService
    tables: ApplyTables
    store: EncryptedAttachmentStore
    cipher: Cipher
    terminal: TerminalInfo
    printer: Callable[[], PrinterService] | None = None
    scanner: Callable[[], ScannerService] | None = None
    holidays: HolidayCalendar | None = None
    """The catalog's working-day calendar, read on first use."""
    clock: Callable[[], float] = time.time
    photo_decoder: PhotoDecoder | None = None
    """A licensed WLT decoder (app.identity.photo.PhotoDecoder); None: portraits show the placeholder."""
    draft_retention_days: int = 30
    counter_draft_retention_days: int = 90
    slip_jobs: dict[str, str] = dataclasses.field(default_factory=dict)
    """Draft code → spooled (unprinted) 草稿保存凭条 job, cancelled when the session is discarded."""
    next_purge: float = 0.0
    busy: SessionLock = dataclasses.field(default_factory=SessionLock)
    unsaved: set[str] = dataclasses.field(default_factory=set)
    """Session ids started with `autosave=False` (a non-interactive `yunban submit`): no draft row is ever written
    for them, so a failure or a kill mid-submit leaves no draft holding card data."""
    """The "citizen mid-application" marker software updates wait for (app/apply/busy.py)."""

    @property
    def calendar(self) -> HolidayCalendar:
        if self.holidays is None:
            cal = self.catalog.calendar()
            self.holidays = calendar_from_dates(
                [dt.date.fromisoformat(d) for d in cal["holidays"]], [dt.date.fromisoformat(d) for d in cal["workdays"]]
            )
        return self.holidays

    def today(self) -> dt.date:
        """Today in the terminal's configured zone (China time by default), by the service's clock."""
        return local_date(self.clock())
