"""Applying for an item (申请): session, card prefill, drafts, materials, review, finalising, receipts, and what
comes after the service (好差评 evaluation, 咨询投诉 complaint, 进度查询 status).

`ApplyService` is the one path for the kiosk/counter screens and for `yunban submit`: both go through exactly these
methods. Every method is synchronous and may block (database, printer, scanner): the UI calls it off the GUI thread.

Personal data at rest: drafts and receipt facts are sealed with the terminal data key (app/crypto_at_rest.py) before
they reach records.db; material pages and the card photo go to the encrypted attachment store. Nothing personal is
logged.

Drafts are kept for a configured time (`[apply] draft_retention_days`, `counter_draft_retention_days`), then purged
with the blobs only they referred to (`purge_drafts`: at the first session after start-up, hourly after that, and
`yunban records purge-drafts`). A 草稿保存凭条 that did not print is a secret left in the printer spool: its job
expires after minutes and is cancelled when the session is discarded.
"""

from __future__ import annotations

import base64
import binascii
import copy
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.catalog.workdays import HolidayCalendar, calendar_from_dates, promised_date
from app.errors import UserError
from app.forms.engine import FormDefinitionError, migrate_answers, parse_form, prefill, validate_answers
from app.forms.themes import (
    MaterialRef,
    MergedForm,
    MergedMaterials,
    ThemeFieldsError,
    merge_forms,
    merge_materials,
    parse_theme_fields,
    parse_theme_materials,
)
from app.model.apply import (
    BAD_LEVELS,
    CHANNELS,
    COMPLAINT_KINDS,
    COMPLAINT_SUBJECTS,
    EVALUATION_LEVELS,
    AfterServiceResult,
    ApplySession,
    CardPrefill,
    DraftInfo,
    DraftPurge,
    ItemPart,
    MaterialSlot,
    PageRef,
    PrintOutcome,
    ReviewLine,
    ReviewSummary,
    SharedMaterial,
    StatusEntry,
    StatusView,
    SubmissionResult,
)
from app.model.forms import Field, FieldError, FormDefinition, RemovedAnswer
from app.model.identity import CardData, PhotoData
from app.model.records import AttachmentInput
from app.records.crypto import Cipher, EncryptedAttachmentStore, open_sealed, seal
from app.records.service import CHINA_TZ, iso7064_mod11_2, validate_receipt_no
from local_db.records.apply_tables import ApplyTables, DraftRow, ReceiptRow

if TYPE_CHECKING:
    from app.catalog.service import CatalogService
    from app.devices.printing import PrinterService
    from app.devices.scanning import ScannerService, ScanRequest
    from app.identity.photo import PhotoDecoder
    from app.model.catalog import ItemGuide, Material, Theme
    from app.records.service import RecordsService
    from devices.printer.document import Receipt

__all__ = ["QR_PREFIX", "ApplyService", "TerminalInfo", "item_definition", "mask_id", "merge_items", "parse_qr"]

log = logging.getLogger(__name__)

QR_PREFIX = "YBR1"
"""Receipt QR payload: `YBR1:<receipt number>:<verification code>`."""

MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_PHOTO_BYTES = 1024 * 1024
"""A card portrait is 1,024 bytes of WLT (GA 467); decoded images from other readers are a few KiB."""
PHOTO_FORMATS = ("wlt", "bmp", "png", "jpeg")
_DRAFT_ALPHABET = "0123456789"

NEAR_EXPIRY_DAYS = 90
"""A card whose valid_to is this close gets a gentle notice."""
DRAFT_SLIP_SPOOL_S = 10 * 60
"""A 草稿保存凭条 not printed within this time is dropped from the printer spool: the citizen has gone."""
UNKEPT_KIOSK_DRAFT_S = 60 * 60
"""A kiosk draft the citizen did not keep goes with the idle wipe; one left behind by a crash is purged after this."""
ORPHAN_GRACE_S = 60 * 60
"""An attachment blob nothing refers to is removed once it is this old (a page just stored is not yet in a draft)."""
PURGE_INTERVAL_S = 60 * 60
_RULE_RANK = {"allow": 0, "warn": 1, "refuse": 2}


def mask_id(value: str | None) -> str:
    """5301**********1234: the first four and last four characters of an ID number, the rest starred."""
    if not value:
        return ""
    v = str(value)
    return v[:4] + "*" * (len(v) - 8) + v[-4:] if len(v) > 8 else "*" * len(v)


def parse_qr(text: str) -> tuple[str, str | None]:
    """(receipt number, verification code or None) from a typed number or a scanned receipt QR."""
    t = text.strip()
    if t.upper().startswith(QR_PREFIX + ":"):
        parts = t.split(":")
        return parts[1].strip().upper(), (parts[2].strip() if len(parts) > 2 else None)
    return t.upper(), None


@dataclasses.dataclass(frozen=True, slots=True)
class TerminalInfo:
    """What receipts say about where they were issued."""

    hall_name: str
    terminal_code: str
    division_code: str
    status_hint: str = "凭受理编号在自助终端「进度查询」或拨打咨询电话查询办理进度"


def _now_iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _epoch(iso: str) -> float:
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def _card_date(value: Any) -> dt.date | None:
    text = str(value or "").strip()
    if not text or text == "长期":
        return None
    try:
        return dt.date.fromisoformat(text.replace(".", "-"))
    except ValueError:
        return None


def _card_photo(card: CardData | Mapping[str, Any]) -> PhotoData | None:
    """The portrait bytes of a card read: CardData.photo, or the read-card JSON's `photo` when it carries the bytes
    (`data` as bytes, or `base64`); the JSON summary `{format, bytes: N}` carries none."""
    if isinstance(card, CardData):
        return card.photo
    raw = card.get("photo")
    if not isinstance(raw, Mapping):
        return None
    fmt = str(raw.get("format") or "wlt")
    if fmt not in PHOTO_FORMATS:
        raise UserError(f"证件照片格式应为 {'/'.join(PHOTO_FORMATS)} / card photo format {fmt!r} unknown")
    data = raw.get("data")
    if isinstance(data, bytes | bytearray):
        return PhotoData(fmt, bytes(data))
    if isinstance(raw.get("base64"), str):
        try:
            return PhotoData(fmt, base64.b64decode(raw["base64"], validate=True))
        except (binascii.Error, ValueError) as exc:
            raise UserError("证件照片数据不是有效的 base64 / card photo: not valid base64") from exc
    return None


def _display(field: Field, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if field.type == "id_number":
        return mask_id(str(value))
    if field.type == "choice":
        opt = field.option(value)
        return opt.label if opt else str(value)
    if field.type == "multichoice" and isinstance(value, list):
        return "、".join((o.label if (o := field.option(v)) else str(v)) for v in value)
    if field.type == "yesno":
        return "是" if value else "否"
    if field.type == "signature":
        return "（已签名）"
    if field.type == "material":
        return f"{len(value)} 页" if isinstance(value, list) else ""
    return str(value)


def item_definition(form: Mapping[str, Any], material_ids: Sequence[str]) -> FormDefinition:
    """An item's parsed form definition (a minimal applicant form for an item without one)."""
    if not form:
        form = {
            "version": 1,
            "fields": [
                {"id": "applicant_name", "type": "text", "label": "申请人姓名", "label_en": "Applicant's name",
                 "required": True, "prefill": "card.name"},
                {"id": "id_number", "type": "id_number", "label": "公民身份号码", "label_en": "Citizen ID number",
                 "required": True, "prefill": "card.id_number", "validation": {"validator": "gb11643"}},
                {"id": "phone", "type": "phone", "label": "联系电话", "label_en": "Phone", "required": True,
                 "validation": {"validator": "phone"}},
            ],
        }  # fmt: skip
    try:
        return parse_form(form, material_ids=material_ids)
    except FormDefinitionError as exc:
        raise UserError(f"事项表单定义有误，无法申请 / the item's form definition is invalid: {exc}") from exc


def merge_items(
    guides: Sequence[ItemGuide], theme: Theme | None
) -> tuple[list[FormDefinition], MergedForm, MergedMaterials]:
    """The items' form definitions, the one form a session asks and its material slots: for a 一件事 theme, the
    items' forms and material lists merged under the theme's field and material mappings (app/theme_forms.py);
    for one item, its own form and one slot per material."""
    definitions = [item_definition(g.form, [m.id for m in g.materials]) for g in guides]
    forms = {g.code: d.fields for g, d in zip(guides, definitions, strict=True)}
    lists = {g.code: [MaterialRef(m.id, m.name, m.required) for m in g.materials] for g in guides}
    try:
        mapping = parse_theme_fields(theme.fields, list(theme.item_codes), forms) if theme else {}
        slot_mapping = parse_theme_materials(theme.materials, list(theme.item_codes), lists) if theme else {}
    except ThemeFieldsError as exc:
        raise UserError(f"一件事主题的字段或材料对应有误，无法申请 / invalid theme mapping: {exc}") from exc
    slots = merge_materials([(g.code, lists[g.code]) for g in guides], slot_mapping)
    parts = [(g.code, d.fields) for g, d in zip(guides, definitions, strict=True)]
    return definitions, merge_forms(parts, mapping, materials=slots), slots


def _material_slots(guides: Sequence[ItemGuide], merged: MergedForm, slots: MergedMaterials) -> list[MaterialSlot]:
    """The session's material slots: one per merged slot, its field the merged form's material field for it (if any
    item's form has one). A slot joining several items' materials asks what all of them need together
    (`_joined_terms`): the original if any item wants it, copies if any wants copies, paper if any wants paper, and
    the largest number of copies."""
    by_code = {g.code: g for g in guides}
    fields = {f.material: f.id for f in merged.fields if f.type == "material" and f.material}
    out = []
    for s in slots.slots:
        members = [next(x for x in by_code[c].materials if x.id == mid) for c, mid in s.members]
        form, medium, copies = _joined_terms(members)
        codes = tuple(dict.fromkeys(c for c, _ in s.members))
        out.append(
            MaterialSlot(
                slot_id=fields.get(s.key) or f"material.{s.key}",
                material_id=s.key,
                name=s.name,
                required=s.required,
                form=form,
                medium=medium,
                copies=copies,
                item_codes=codes,
                deferrable=all(by_code[c].allows_deferred_materials for c in codes),
                members=s.members,
                name_en=s.name_en,
            )
        )
    return out


_ORIGINAL, _COPY, _BOTH = "原件", "复印件", "原件和复印件"


def _joined_terms(materials: Sequence[Material]) -> tuple[str, str, int]:
    """(form, medium, copies) one slot asks for when it stands for these materials (of the items of a 一件事)."""
    forms = {m.form for m in materials}
    if _BOTH in forms or {_ORIGINAL, _COPY} <= forms:
        form = _BOTH
    elif len(forms) == 1 or not forms & {_ORIGINAL, _COPY}:
        form = materials[0].form
    else:
        form = _ORIGINAL if _ORIGINAL in forms else _COPY
    media = {m.medium for m in materials}
    if len(media) == 1:
        medium = media.pop()
    elif "纸质" in media:
        medium = "纸质"
    elif "纸质或电子" in media and "电子" not in media:
        medium = "纸质或电子"
    else:
        medium = "电子" if "电子" in media else materials[0].medium
    copies = max(m.copies or 1 for m in materials)
    return form, medium, copies


def _item_materials(session: ApplySession, part: ItemPart) -> dict[str, dict[str, Any]]:
    """Per own material id of one item: the slot that satisfied it (its material id, pages, 容缺) or, for a
    material the theme omits, `shared` with the reason (免提交（部门共享）)."""
    slots = {s.material_id: s for s in session.slots}
    out: dict[str, dict[str, Any]] = {}
    for own, key in part.materials.items():
        s = slots[key]
        out[own] = {"slot": key, "pages": [p.sha256 for p in s.pages], "deferred": s.deferred}
    for m in session.shared:
        if m.item_code == part.code:
            out[m.material_id] = {"shared": True, "reason": m.reason}
    return out


def _applicant(session: ApplySession, answers: Mapping[str, Any]) -> tuple[str, str]:
    """(name, ID number) of the applicant: the card holder. Taken from the fields the card prefills, else from the
    card read, else from the conventional `applicant_name` / `id_number` fields; never from another person's ID field
    (the newborn's, the deceased's, the student's: in 身后一件事 the first ID field asked is the deceased's)."""
    card = session.card or {}

    def pick(source: str, fallback_field: str) -> str:
        key = source.partition(".")[2]
        for f in session.form.fields:
            if f.prefill == source and answers.get(f.id):
                return str(answers[f.id])
        return str(card.get(key) or answers.get(fallback_field) or "")

    return pick("card.name", "applicant_name"), pick("card.id_number", "id_number")


class ApplyService:
    """One terminal's application flow (AppContext.apply)."""

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
    ) -> None:
        self.catalog = catalog
        self.records = records
        self.tables = tables
        self.store = store
        self.cipher = cipher
        self.terminal = terminal
        self._printer = printer
        self._scanner = scanner
        self._calendar = calendar
        self._clock = clock or time.time
        self.photo_decoder = photo_decoder
        """A licensed WLT decoder (app.identity.photo.PhotoDecoder); None: portraits show the placeholder."""
        self.draft_retention_days = draft_retention_days
        self.counter_draft_retention_days = counter_draft_retention_days
        self._slip_jobs: dict[str, str] = {}
        """Draft code → spooled (unprinted) 草稿保存凭条 job, cancelled when the session is discarded."""
        self._next_purge = 0.0

    def with_printer(self, printer: Callable[[], PrinterService]) -> ApplyService:
        """The same service printing to another printer (`yunban submit --print URI`)."""
        other = copy.copy(self)
        other._printer = printer
        return other

    # ------------------------------------------------------------------------------------------------ helpers

    @property
    def calendar(self) -> HolidayCalendar:
        if self._calendar is None:
            cal = self.catalog.calendar()
            self._calendar = calendar_from_dates(
                [dt.date.fromisoformat(d) for d in cal["holidays"]], [dt.date.fromisoformat(d) for d in cal["workdays"]]
            )
        return self._calendar

    def _today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self._clock(), CHINA_TZ).date()

    def _live(self, session: ApplySession) -> None:
        if session.wiped:
            raise UserError("会话已结束，请重新开始 / the session was wiped, start again")

    # ------------------------------------------------------------------------------------------------ start

    def start(self, code: str, *, channel: str = "kiosk") -> ApplySession:
        """A new session for an item code or a 一件事 theme code (merged form: shared fields asked once)."""
        if channel not in CHANNELS:
            raise UserError(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
        self._maybe_purge()
        themes = {t.code: t for t in self.catalog.list_themes()}
        theme = themes.get(code)
        if theme is not None:
            if theme.kind != "bundle":
                raise UserError(f"主题 {theme.name} 不是一件事联办，请选择其中的事项 / theme {code} is not a bundle")
            codes = [s.code for s in self.catalog.items_of_theme(code)] or list(theme.item_codes)
            title, theme_code = theme.name, theme.code
        else:
            codes, title, theme_code = [code], "", None
        guides = [self.catalog.get_item(c) for c in codes]
        if not title:
            title = guides[0].name
        definitions, merged, merged_slots = merge_items(guides, theme)
        parts: list[ItemPart] = []
        for guide, definition, fmap in zip(guides, definitions, merged.field_maps, strict=True):
            parts.append(
                ItemPart(
                    code=guide.code,
                    name=guide.name,
                    promised_limit_days=guide.promised_limit_days,
                    allows_deferred_materials=guide.allows_deferred_materials,
                    field_map=fmap,
                    form_version=definition.version,
                    expired_id_card=guide.expired_id_card,
                    materials={m.id: key for m in guide.materials if (key := merged_slots.slot_of(guide.code, m.id))},
                )
            )
        slots = _material_slots(guides, merged, merged_slots)
        shared = tuple(
            SharedMaterial(
                item_code=o.item_code, material_id=o.material_id, name=o.name, reason=o.reason, reason_en=o.reason_en
            )
            for o in merged_slots.omitted
        )
        version = parts[0].form_version if len(parts) == 1 else 1
        form = FormDefinition(version=version, fields=merged.fields)
        return ApplySession(
            session_id=str(uuid.uuid4()),
            channel=channel,
            title=title,
            theme_code=theme_code,
            items=tuple(parts),
            form=form,
            slots=slots,
            shared=shared,
        )

    # ------------------------------------------------------------------------------------------------ card

    def division_rows(self) -> list[tuple[str, str, str | None]]:
        """The five-level division tree (GB/T 2260 + statistical codes) as (code, name, parent_code) rows, for the
        address pickers of `division` fields."""
        from app.identity.divisions import division_rows

        return list(division_rows())

    def apply_card(self, session: ApplySession, card: CardData | Mapping[str, Any]) -> CardPrefill:
        """Prefill the session's answers from a card read (CardData or the read-card JSON). Answers already typed
        are not overwritten. The card photo (WLT, when the read carries its bytes) goes to the encrypted attachment
        store and travels with the record. An expired card (valid_to in the past) follows the items' rule
        (`expired_id_card`): allow, warn, or refuse (nothing prefilled, finalising refused until a valid card)."""
        self._live(session)
        photo = _card_photo(card)
        data = card.to_json() if isinstance(card, CardData) else dict(card)
        data.pop("photo", None)
        warnings, expired, near, refusal = self._expiry_check(session, data)
        session.warnings = [w for w in session.warnings if "过期" not in w and "到期" not in w] + warnings
        if refusal is not None:
            session.refusal = refusal
            return CardPrefill(answers={}, warnings=tuple(warnings), expired=True, refused=True)
        session.refusal = None
        filled = prefill(
            session.form, card=data, terminal_division=self.terminal.division_code, session=session.answers
        )
        new = {k: v for k, v in filled.items() if k not in session.answers or session.answers[k] in (None, "", [])}
        session.answers.update(new)
        session.card = data
        self._set_photo(session, photo)
        self._autosave(session)
        return CardPrefill(answers=new, warnings=tuple(warnings), expired=expired, near_expiry=near)

    def _expiry_check(self, session: ApplySession, data: Mapping[str, Any]) -> tuple[list[str], bool, bool, str | None]:
        """(warnings, expired, near expiry, refusal message or None) under the strictest item rule."""
        end = _card_date(data.get("valid_to"))
        if end is None:
            return [], False, False, None
        today = self._today()
        part = max(session.items, key=lambda p: _RULE_RANK.get(p.expired_id_card, 1))
        rule = part.expired_id_card
        doc = "身份证" if data.get("card_type") in (None, "resident_id") else "证件"
        if end < today:
            if rule == "allow":
                return [f"证件已于 {end} 过期：本事项可受理换领，请核对信息。"], True, False, None
            if rule == "refuse":
                message = (
                    f"您的{doc}已过期（有效期至 {end}），「{part.name}」须持有效期内的证件办理。"
                    "请先办理居民身份证换领（换领期间可申领临时居民身份证），或携带其他有效证件到窗口办理。"
                )
                return [f"{message}"], True, False, message
            return [f"您的{doc}已过期（有效期至 {end}），请尽快换领；本事项仍可申请。"], True, False, None
        if rule != "allow" and (end - today).days <= NEAR_EXPIRY_DAYS:
            return [f"您的{doc}将于 {end} 到期，请留意及时换领。"], False, True, None
        return [], False, False, None

    def _set_photo(self, session: ApplySession, photo: PhotoData | None) -> None:
        """Store the card photo encrypted (content-addressed, like scans) and reference it from the session; a card
        without one (or a summary without bytes) drops the photo of a card laid before."""
        old = session.photo
        if photo is None or not photo.data or len(photo.data) > MAX_PHOTO_BYTES:
            if photo is not None and photo.data:
                log.warning("card photo of %d bytes ignored (over %d)", len(photo.data), MAX_PHOTO_BYTES)
            session.photo = None
        else:
            sha, size = self.store.put_bytes(photo.data)
            session.photo = {"format": photo.format, "sha256": sha, "size": size}
        if old and (session.photo is None or old.get("sha256") != session.photo["sha256"]):
            self._autosave(session)
            self._release([str(old["sha256"])])

    def applicant_portrait(self, session: ApplySession) -> tuple[bytes, bool]:
        """(image bytes, decoded?) of the card photo: decoded by the licensed decoder when one is configured,
        otherwise the placeholder silhouette (app/identity/photo.py)."""
        self._live(session)
        from app.identity.photo import portrait_png

        ref = session.photo
        if ref is None or not self.store.exists(str(ref["sha256"])):
            return portrait_png(None)
        data = self.store.read_range(str(ref["sha256"]), 0, int(ref["size"]))
        return portrait_png(PhotoData(str(ref["format"]), data), self.photo_decoder)

    # ------------------------------------------------------------------------------------------------ answers

    def save_page(self, session: ApplySession, answers: Mapping[str, Any]) -> dict[str, FieldError]:
        """Merge one page's answers into the session and autosave the draft (encrypted); returns the errors of the
        fields just answered (the citizen may still move on: nothing typed is lost)."""
        self._live(session)
        for key, value in answers.items():
            if session.form.field(key) is None:
                raise UserError(f"表单没有这个字段 / the form has no field {key!r}")
            session.answers[key] = value
        self._autosave(session)
        errors = self.validate(session)
        return {k: e for k, e in errors.items() if k in answers}

    def validate(self, session: ApplySession) -> dict[str, FieldError]:
        """Whole-form validation (materials counted as provided when received or deferred)."""
        self._live(session)
        present = [s.material_id for s in session.slots if s.pages or s.deferred]
        present += [s.slot_id for s in session.slots if s.pages or s.deferred]
        return validate_answers(session.form, self._answers_with_pages(session), materials_present=present,
                                today=self._today())  # fmt: skip

    def _answers_with_pages(self, session: ApplySession) -> dict[str, Any]:
        out = dict(session.answers)
        for s in session.slots:
            if session.form.field(s.slot_id) is not None:
                out[s.slot_id] = [p.sha256 for p in s.pages]
        return out

    # ------------------------------------------------------------------------------------------------ materials

    def _slot(self, session: ApplySession, slot_id: str) -> MaterialSlot:
        slot = session.slot(slot_id)
        if slot is None:
            slot = next((s for s in session.slots if s.material_id == slot_id), None)
        if slot is None:
            raise UserError(f"没有这个材料 / no material slot {slot_id!r}")
        return slot

    def add_page(
        self, session: ApplySession, slot_id: str, image: bytes | Path, *, media_type: str = "image/jpeg"
    ) -> ApplySession:
        """Add one page (image bytes or a file path) to a material slot; stored encrypted, content-addressed."""
        self._live(session)
        slot = self._slot(session, slot_id)
        if isinstance(image, Path):
            try:
                if image.stat().st_size > MAX_PAGE_BYTES:
                    raise UserError(f"文件过大（上限 {MAX_PAGE_BYTES // 2**20} MB）/ file too large")
                with open(image, "rb") as f:
                    sha, size = self.store.put_stream(f)
            except OSError as exc:
                raise UserError(f"无法读取文件 / cannot read {image.name}: {exc.strerror}") from exc
            suffix = image.suffix.lower() or ".bin"
            media_type = {".pdf": "application/pdf", ".png": "image/png"}.get(suffix, media_type)
        else:
            if len(image) > MAX_PAGE_BYTES:
                raise UserError(f"文件过大（上限 {MAX_PAGE_BYTES // 2**20} MB）/ file too large")
            if not image:
                raise UserError("空文件 / empty page")
            sha, size = self.store.put_bytes(image)
            suffix = {"application/pdf": ".pdf", "image/png": ".png"}.get(media_type, ".jpg")
        name = f"{slot.material_id}-p{len(slot.pages) + 1}{suffix}"
        slot.pages.append(PageRef(sha256=sha, size=size, name=name, media_type=media_type))
        slot.deferred = False
        self._autosave(session)
        return session

    def scan_into(self, session: ApplySession, slot_id: str, request: ScanRequest | None = None) -> int:
        """Scan pages with the configured scanner (ScannerService) into a slot; returns pages added. Without a
        request, the scanner's configured source (flatbed: one page; adf: the whole stack in the feeder) and
        resolution. A failing scan raises ScanFailedError (a UserError) and leaves the slot as it was."""
        self._live(session)
        if self._scanner is None:
            raise UserError("未配置扫描仪 / no scanner configured")
        self._slot(session, slot_id)
        scanner = self._scanner()
        if request is None:
            from app.devices.scanning import ScanRequest

            request = ScanRequest(source=scanner.config.source, resolution=scanner.config.resolution)
        _, pages = scanner.scan(request)
        for page in pages:
            self.add_page(session, slot_id, page.jpeg)
        return len(pages)

    def remove_page(self, session: ApplySession, slot_id: str, index: int) -> None:
        self._live(session)
        slot = self._slot(session, slot_id)
        if not 0 <= index < len(slot.pages):
            raise UserError(f"没有第 {index + 1} 页 / no page {index + 1}")
        page = slot.pages.pop(index)
        self._autosave(session)
        self._release([page.sha256], session)

    def mark_deferred(self, session: ApplySession, slot_id: str, deferred: bool = True) -> None:
        """容缺: the material will be brought to the counter. Refused (UserError) where the item does not allow it."""
        self._live(session)
        slot = self._slot(session, slot_id)
        if deferred and not slot.deferrable:
            raise UserError(f"本事项不支持容缺受理，「{slot.name}」须现在提供 / this item does not allow deferring it")
        slot.deferred = deferred
        self._autosave(session)

    def page_bytes(self, session: ApplySession, slot_id: str, index: int) -> bytes:
        """The decrypted bytes of one page (thumbnail display)."""
        self._live(session)
        page = self._slot(session, slot_id).pages[index]
        return self.store.read_range(page.sha256, 0, page.size)

    # ------------------------------------------------------------------------------------------------ review

    def _due(self, session: ApplySession) -> dt.date | None:
        limits = [p.promised_limit_days for p in session.items if p.promised_limit_days is not None]
        if not limits:
            return None
        return promised_date(self._today(), max(limits), self.calendar)

    def review(self, session: ApplySession) -> ReviewSummary:
        self._live(session)
        errors = self.validate(session)
        lines = []
        for f in session.form.fields:
            if f.type == "material":
                continue
            text = _display(f, session.answers.get(f.id))
            if text:
                lines.append(ReviewLine(field_id=f.id, label=f.label, value=text))
        owed = tuple(s.name for s in session.slots if s.owed)
        due = self._due(session)
        material_errors = {s.slot_id for s in session.slots}
        return ReviewSummary(
            title=session.title,
            item_codes=session.item_codes,
            lines=tuple(lines),
            received=tuple((s.name, len(s.pages)) for s in session.slots if s.pages),
            deferred=tuple(s.name for s in session.slots if s.deferred),
            owed=owed,
            errors=errors,
            removed=session.removed,
            promised_date=due.isoformat() if due else None,
            can_finalise=not errors and not owed and session.refusal is None,
            shared=tuple((m.name, m.reason) for m in session.shared),
            needs_notice=any(sl.owed and not sl.deferrable for sl in session.slots)
            or any(k in material_errors and not self._slot(session, k).deferrable for k in errors),
        )

    # ------------------------------------------------------------------------------------------------ finalise

    def _payload(self, session: ApplySession, due: dt.date | None) -> dict[str, Any]:
        answers = self._answers_with_pages(session)
        name, idn = _applicant(session, answers)
        card = {k: v for k, v in (session.card or {}).items() if k != "photo"} or None
        return {
            "item_code": session.items[0].code,
            "item_codes": list(session.item_codes),
            "item_name": session.title,
            "theme_code": session.theme_code,
            "channel": session.channel,
            "terminal": self.terminal.terminal_code,
            "applicant": {"name": name, "id_number": idn or None},
            "form": answers,
            "items": [
                {
                    "code": p.code,
                    "name": p.name,
                    "form_version": p.form_version,
                    "answers": {own: answers[mid] for mid, own in p.field_map.items() if mid in answers},
                    "materials": _item_materials(session, p),
                }
                for p in session.items
            ],
            "materials": [
                {
                    "material_id": s.material_id,
                    "name": s.name,
                    "item_codes": list(s.item_codes),
                    "pages": [p.sha256 for p in s.pages],
                    "deferred": s.deferred,
                    "required": s.required,
                    "items": {c: own for c, own in s.members},
                }
                for s in session.slots
            ],
            "shared_materials": [
                {"item_code": m.item_code, "material_id": m.material_id, "name": m.name, "reason": m.reason}
                for m in session.shared
            ],
            "removed_answers": [dataclasses.asdict(r) for r in session.removed],
            "card": card,
            "applicant_photo": (
                {"format": session.photo["format"], "sha256": session.photo["sha256"], "size": session.photo["size"]}
                if session.photo
                else None
            ),
            "promised_date": due.isoformat() if due else None,
        }

    def finalise(self, session: ApplySession, *, print_receipt: bool = False) -> SubmissionResult:
        """Validate everything, then write the signed, numbered record, its receipt facts and its outbox row in one
        transaction. With `print_receipt`, print the 受理回执; paper out does not undo the submission (the result
        says so and the receipt stays queued for reprint)."""
        self._live(session)
        if session.refusal is not None:
            raise UserError(session.refusal)
        summary = self.review(session)
        if summary.errors:
            first = next(iter(summary.errors.values()))
            raise UserError(f"表单还有 {len(summary.errors)} 处需要修改（{first.message}）/ the form has errors")
        if summary.owed:
            raise UserError("还缺少必需的材料：" + "、".join(summary.owed) + " / required materials are missing")
        due = self._due(session)
        payload = self._payload(session, due)
        attachments = [
            AttachmentInput(name=p.name, data=self.store.read_range(p.sha256, 0, p.size))
            for s in session.slots
            for p in s.pages
        ]
        if session.photo is not None:
            ph = session.photo
            attachments.append(
                AttachmentInput(
                    name=f"applicant-photo.{ph['format']}",
                    data=self.store.read_range(str(ph["sha256"]), 0, int(ph["size"])),
                )
            )
        db = self.records.db
        with db.write():
            rec = self.records.finalise(kind="submission", payload=payload, attachments=attachments)
            assert rec.receipt_no is not None
            row = db.get_record(rec.record_id)
            basis = (row.signature if row and row.signature else rec.content_hash).encode("ascii")
            verification = hashlib.sha256(basis).hexdigest()[:8].upper()
            facts = {
                "title": session.title,
                "items": [[p.code, p.name] for p in session.items],
                "applicant": payload["applicant"]["name"],
                "id_number": payload["applicant"]["id_number"] or "",
                "received": [[s.name, len(s.pages)] for s in session.slots if s.pages],
                "deferred": [s.name for s in session.slots if s.deferred],
                "owed": [s.name for s in session.slots if s.required and not s.pages and not s.deferred],
                "shared": list(dict.fromkeys(m.name for m in session.shared)),
                "due_date": due.isoformat() if due else None,
                "accepted_at": rec.created_at,
                "phone": self._consult_phone(session.items[0].code),
            }
            self.tables.add_receipt(
                ReceiptRow(
                    receipt_no=rec.receipt_no,
                    record_id=rec.record_id,
                    due_date=due.isoformat() if due else None,
                    verification=verification,
                    blob=seal(self.cipher, json.dumps(facts, ensure_ascii=False).encode(), rec.receipt_no.encode()),
                )
            )
        self.tables.delete_draft(session.session_id)  # finalised: the draft (kept or not) has served
        log.info("submission finalised: %s (%d attachments)", rec.receipt_no, len(attachments))
        result = SubmissionResult(
            receipt_no=rec.receipt_no,
            record_id=rec.record_id,
            due_date=due.isoformat() if due else None,
            outbox="pending",
            verification=verification,
        )
        if print_receipt:
            outcome = self.print_receipt(rec.receipt_no)
            result = dataclasses.replace(result, printed=outcome.printed, print_queued=outcome.queued,
                                         print_message=outcome.message, job_id=outcome.job_id)  # fmt: skip
        return result

    def _consult_phone(self, code: str) -> str:
        try:
            guide = self.catalog.get_item(code)
        except UserError:
            return ""
        return guide.implementations[0].consult_phone if guide.implementations else ""

    # ------------------------------------------------------------------------------------------------ receipts

    def _facts(self, receipt_no: str) -> tuple[ReceiptRow, dict[str, Any]]:
        number, _ = parse_qr(receipt_no)
        row = self.tables.get_receipt(number)
        if row is None:
            raise UserError(f"本终端没有受理编号 {number} 的记录 / no submission with receipt number {number} here")
        return row, json.loads(open_sealed(self.cipher, row.blob, row.receipt_no.encode()))

    def receipt_document(self, receipt_no: str) -> Receipt:
        """The 受理回执 as a printer document (devices.printer.document.Receipt)."""
        from devices.printer.document import Cut, Heading, QRCode, Rule, Text
        from devices.printer.document import Field as DField

        row, facts = self._facts(receipt_no)
        accepted = dt.datetime.fromisoformat(facts["accepted_at"].replace("Z", "+00:00")).astimezone(CHINA_TZ)
        blocks: list[Any] = [
            Heading("受理回执"),
            Text(self.terminal.hall_name, align="center"),
            Text(f"终端 {self.terminal.terminal_code}", align="center"),
            Rule(),
            Text("受理编号"),
            Text(row.receipt_no, align="center", bold=True),  # one unbroken line on 58 mm paper (25 characters)
            DField("受理时间", accepted.strftime("%Y-%m-%d %H:%M")),
            *(DField("办理事项", name) for _code, name in facts["items"]),
            DField("申请人", facts["applicant"]),
        ]
        if facts["id_number"]:
            blocks.append(DField("证件号码", mask_id(facts["id_number"])))
        blocks.append(Rule())
        blocks.append(Text("已收材料：" + ("、".join(f"{n}（{c}页）" for n, c in facts["received"]) or "无")))
        if facts["deferred"] or facts["owed"]:
            blocks.append(Text("尚需补交：" + "、".join(facts["deferred"] + facts["owed"])))
        if facts.get("shared"):
            blocks.append(Text("免提交（部门共享）：" + "、".join(facts["shared"])))
        blocks.append(Rule())
        if facts["due_date"]:
            blocks.append(DField("承诺办结", facts["due_date"]))
        blocks += [
            Text(self.terminal.status_hint),
            QRCode(f"{QR_PREFIX}:{row.receipt_no}:{row.verification}"),
            Text(f"校验码 {row.verification}", align="center"),
        ]
        if facts["phone"]:
            blocks.append(Text(f"咨询电话：{facts['phone']}", align="center"))
        blocks.append(Cut())
        from devices.printer.document import Receipt as DReceipt

        return DReceipt(tuple(blocks))

    def _print(self, document: Receipt, title: str) -> PrintOutcome:
        from app.devices.printing import PrintFailedError

        if self._printer is None:
            return PrintOutcome(printed=False, queued=False, job_id=None, message="未配置打印机 / no printer")
        try:
            result = self._printer().print_receipt(document, title=title)
        except PrintFailedError as exc:
            queued = exc.job_id is not None
            msg = (
                "申请已提交成功，但回执未能打印（" + exc.code + "）。回执已保留，请到窗口补打；请记下受理编号。"
                if queued
                else "申请已提交成功，但回执无法打印，请记下受理编号并到窗口补打。"
            )
            return PrintOutcome(printed=False, queued=queued, job_id=exc.job_id, message=msg)
        return PrintOutcome(printed=True, queued=False, job_id=result.job_id, message=None)

    def print_receipt(self, receipt_no: str) -> PrintOutcome:
        """Print (or reprint) the 受理回执 of a finalised submission."""
        number, _ = parse_qr(receipt_no)
        return self._print(self.receipt_document(number), f"受理回执 {number}")

    def reprint(self, receipt_no: str) -> PrintOutcome:
        """Reprint from the clerk/technician screen: a job still queued for this receipt is retried, else a new one."""
        number, _ = parse_qr(receipt_no)
        if self._printer is not None:
            from app.devices.printing import PrintFailedError

            service = self._printer()
            for job in service.pending():
                if job.title == f"受理回执 {number}":
                    try:
                        res = service.retry(job.job_id)
                    except PrintFailedError as exc:
                        return PrintOutcome(False, True, job.job_id, f"回执仍未打印（{exc.code}），已保留。")
                    return PrintOutcome(True, False, res.job_id, None)
        return self.print_receipt(number)

    def notice_document(self, session: ApplySession) -> Receipt:
        """The 一次性告知 slip: exactly what is still owed, for the items applied for."""
        from devices.printer.document import Cut, Heading, Rule, Text
        from devices.printer.document import Receipt as DReceipt

        owed = [s for s in session.slots if s.owed]
        blocks: list[Any] = [
            Heading("一次性告知单"),
            Text(self.terminal.hall_name, align="center"),
            Rule(),
            Text("办理事项：" + session.title),
            Text("您的申请还需要以下材料，请备齐后再来办理："),
        ]
        for n, s in enumerate(owed, start=1):
            blocks.append(Text(f"{n}. {s.name}（{s.form}，{s.medium}，{s.copies}份）"))
        blocks += [Rule(), Text(f"告知日期：{self._today().isoformat()}"), Cut()]
        return DReceipt(tuple(blocks))

    def print_notice(self, session: ApplySession) -> PrintOutcome:
        """Print the 一次性告知 slip listing exactly what is still owed."""
        self._live(session)
        return self._print(self.notice_document(session), "一次性告知单")

    def receipt_pdf(self, receipt_no: str, path: Path) -> Path:
        """An A4 PDF of the 受理回执 (QPdfWriter)."""
        from app.devices.pdf import write_pdf

        return write_pdf(self.receipt_document(receipt_no), path, title="受理回执")

    def notice_pdf(self, session: ApplySession, path: Path) -> Path:
        """An A4 PDF of the 一次性告知书."""
        from app.devices.pdf import write_pdf

        return write_pdf(self.notice_document(session), path, title="一次性告知书")

    # ------------------------------------------------------------------------------------------------ drafts

    def _draft_doc(self, session: ApplySession) -> dict[str, Any]:
        return {
            "code": session.items[0].code if session.theme_code is None else session.theme_code,
            "channel": session.channel,
            "form_version": session.form.version,
            "form_fields": [[f.id, f.type] for f in session.form.fields],
            "answers": session.answers,
            "slots": [
                {
                    "slot_id": s.slot_id,
                    "deferred": s.deferred,
                    "pages": [dataclasses.asdict(p) for p in s.pages],
                    "members": [list(m) for m in s.members],
                }
                for s in session.slots
            ],
            "card": session.card,
            "photo": session.photo,
            "removed": [dataclasses.asdict(r) for r in session.removed],
            "title": session.title,
        }

    def _autosave(self, session: ApplySession) -> None:
        doc = json.dumps(self._draft_doc(session), ensure_ascii=False).encode("utf-8")
        self.tables.save_draft(session.session_id, channel=session.channel, at=_now_iso(self._clock()),
                               blob=seal(self.cipher, doc, session.session_id.encode()))  # fmt: skip

    def keep_draft(self, session: ApplySession) -> str:
        """Keep a kiosk draft past the idle wipe; returns the draft code printed for the citizen (8 digits and an
        ISO 7064 MOD 11-2 check character, so a mistyped code is caught)."""
        self._live(session)
        self._autosave(session)
        if session.draft_code:
            return session.draft_code
        while True:
            body = "".join(secrets.choice(_DRAFT_ALPHABET) for _ in range(8))
            code = "D" + body + iso7064_mod11_2(body)
            if not self.tables.code_taken(code):
                break
        self.tables.keep_draft(session.session_id, code)
        session.draft_code = code
        return code

    def keep_until(self, row: DraftRow) -> dt.date | None:
        """Last day (China time) a draft is kept: kiosk drafts the citizen kept `draft_retention_days` after their
        last change, counter/laptop drafts `counter_draft_retention_days` (None when 0: until finalised or deleted);
        a kiosk draft not kept lives only as long as its session (the day it was saved)."""
        last = dt.datetime.fromtimestamp(_epoch(row.updated_at), CHINA_TZ).date()
        if row.channel == "kiosk":
            return last + dt.timedelta(days=self.draft_retention_days) if row.kept else last
        days = self.counter_draft_retention_days
        return last + dt.timedelta(days=days) if days > 0 else None

    def _draft_expired(self, row: DraftRow, now: float) -> bool:
        if row.channel == "kiosk" and not row.kept:
            return now - _epoch(row.updated_at) > UNKEPT_KIOSK_DRAFT_S
        until = self.keep_until(row)
        return until is not None and dt.datetime.fromtimestamp(now, CHINA_TZ).date() > until

    def draft_code_document(self, code: str) -> Receipt:
        """The 草稿保存凭条: hall, terminal, the draft code printed large, the item, the date, the keep-until date
        and where to continue. No personal data: the item title is the only thing read from the (decrypted)
        draft."""
        from devices.printer.document import Cut, Heading, Rule, Text
        from devices.printer.document import Field as DField
        from devices.printer.document import Receipt as DReceipt

        c = code.strip().upper()
        row = self.tables.find_draft(c)
        if row is None or not row.kept:
            raise UserError(f"没有找到保留的草稿 {c} / no kept draft with that code")
        title = str(json.loads(open_sealed(self.cipher, row.blob, row.draft_id.encode())).get("title", ""))
        until = self.keep_until(row)
        blocks: list[Any] = [
            Heading("草稿保存凭条"),
            Text(self.terminal.hall_name, align="center"),
            Text(f"终端 {self.terminal.terminal_code}", align="center"),
            Rule(),
            Text("草稿编号", align="center"),
            Text(c, align="center", bold=True, width=2, height=2),
            Rule(),
            DField("办理事项", title),
            DField("保存日期", self._today().isoformat()),
        ]
        if until is not None:
            blocks.append(Text(f"草稿保留至 {until.isoformat()}，逾期自动删除"))
        blocks += [Text("凭此码在自助终端「我要办理」中继续填写"), Cut()]
        return DReceipt(tuple(blocks))

    def print_draft_code(self, code: str) -> PrintOutcome:
        """Print the 草稿保存凭条 for a kept draft. A printer failure never touches the draft: the outcome says the
        slip was not printed and the code must be noted from the screen. The slip is a secret that opens the
        draft, so a job left in the spool expires after DRAFT_SLIP_SPOOL_S and is cancelled by `discard`: it is
        never printed later for whoever stands at the kiosk then."""
        document = self.draft_code_document(code)
        from app.devices.printing import PrintFailedError

        if self._printer is None:
            return PrintOutcome(False, False, None, "未配置打印机，草稿凭条无法打印，请记下屏幕上的草稿编号。")
        c = code.strip().upper()
        try:
            result = self._printer().print_receipt(
                document, title="草稿保存凭条", kind="draft_code", expires_at=self._clock() + DRAFT_SLIP_SPOOL_S
            )
        except PrintFailedError as exc:
            if exc.job_id is not None:
                self._slip_jobs[c] = exc.job_id
            msg = f"草稿已保留，但凭条未能打印（{exc.code}），请记下屏幕上的草稿编号。"
            return PrintOutcome(printed=False, queued=exc.job_id is not None, job_id=exc.job_id, message=msg)
        self._slip_jobs.pop(c, None)
        return PrintOutcome(printed=True, queued=False, job_id=result.job_id, message=None)

    def _cancel_slip(self, code: str | None) -> None:
        job_id = self._slip_jobs.pop(code, None) if code else None
        if job_id is None or self._printer is None:
            return
        try:
            self._printer().cancel(job_id)
        except Exception:  # the spool expiry still drops it; a wipe must not fail on the printer
            log.warning("draft slip job %s could not be cancelled; it expires unprinted", job_id)

    def resume_draft(self, code: str) -> ApplySession:
        """Reopen a kept (or persisted) draft by its code or id; answers migrated to the current form definition.
        A draft past its keep-until date is purged and refused with that date."""
        c = code.strip().upper()
        row = self.tables.find_draft(c) or self.tables.get_draft(code.strip())
        if row is None:
            raise UserError(
                f"没有找到草稿 {c}（保留的草稿 {self.draft_retention_days} 天后自动删除）/ no draft with that code"
            )
        if self._draft_expired(row, self._clock()):
            until = self.keep_until(row)
            self._purge_rows([row])
            raise UserError(
                f"草稿 {c} 已超过保留期限（保留至 {until}），已删除，请重新申请 / the draft expired and was deleted"
            )
        doc = json.loads(open_sealed(self.cipher, row.blob, row.draft_id.encode()))
        session = self.start(doc["code"], channel=doc["channel"])
        session.session_id = row.draft_id
        session.draft_code = row.code
        session.card = doc.get("card")
        photo = doc.get("photo")
        if isinstance(photo, dict) and self.store.exists(str(photo.get("sha256", ""))):
            session.photo = photo
        old = FormDefinition(
            version=int(doc["form_version"]),
            fields=tuple(
                (session.form.field(fid) or Field(id=fid, type=ftype, label=fid, label_en=fid))
                for fid, ftype in doc["form_fields"]
            ),
        )
        kept, removed, to_ask = migrate_answers(old, session.form, doc["answers"])
        session.answers = dict(kept)
        session.removed = tuple(RemovedAnswer(**r) for r in doc.get("removed", [])) + tuple(removed)
        session.to_ask = tuple(to_ask)
        for saved in doc["slots"]:
            slot = session.slot(saved["slot_id"])
            if slot is None:  # the theme's slots changed since: the slot now standing for the same item materials
                members = {(str(c), str(i)) for c, i in saved.get("members") or []}
                slot = next((s for s in session.slots if members & set(s.members)), None)
            if slot is None:
                continue
            have = {p.sha256 for p in slot.pages}
            slot.pages += [
                PageRef(**p) for p in saved["pages"] if p["sha256"] not in have and self.store.exists(p["sha256"])
            ]
            slot.deferred = slot.deferred or (bool(saved["deferred"]) and slot.deferrable)
        return session

    def drafts(self) -> list[DraftInfo]:
        """Saved drafts for the operator (titles decrypted; no personal data shown), with their keep-until date."""
        out = []
        for row in self.tables.list_drafts():
            try:
                doc = json.loads(open_sealed(self.cipher, row.blob, row.draft_id.encode()))
            except UserError:
                continue
            until = self.keep_until(row)
            out.append(DraftInfo(row.draft_id, row.code, str(doc.get("title", "")), (str(doc["code"]),),
                                 row.channel, row.updated_at, row.kept,
                                 until.isoformat() if until else None))  # fmt: skip
        return out

    def discard(self, session: ApplySession, *, drop_draft: bool | None = None) -> None:
        """Idle wipe: clear every personal value from the session. The saved draft is deleted when `drop_draft`,
        kept when False; by default a kiosk draft not kept (`keep_draft`) is deleted, counter and laptop drafts
        persist. A deleted draft's pages and card photo are removed from the attachment store unless something
        else (a finalised record, another draft) refers to them; an unprinted 草稿保存凭条 is cancelled."""
        if drop_draft is None:
            drop_draft = session.channel == "kiosk" and session.draft_code is None
        self._cancel_slip(session.draft_code)
        blobs = [p.sha256 for s in session.slots for p in s.pages]
        if session.photo:
            blobs.append(str(session.photo["sha256"]))
        if drop_draft:
            self.tables.delete_draft(session.session_id)
        session.answers.clear()
        session.answers = {}
        session.card = None
        session.photo = None
        session.refusal = None
        session.warnings = []
        session.removed = ()
        for s in session.slots:
            s.pages.clear()
        session.slots = []
        session.wiped = True
        if drop_draft and blobs:
            try:
                self._release(blobs)
            except Exception:  # the wipe itself has happened; the hourly purge collects leftovers
                log.warning("attachment blobs of a discarded draft not released yet; the purge will collect them")

    # ------------------------------------------------------------------------------------------------ retention

    def _draft_blobs(self, row: DraftRow) -> set[str] | None:
        """The attachment hashes a stored draft refers to (pages, card photo); None if it cannot be opened."""
        try:
            doc = json.loads(open_sealed(self.cipher, row.blob, row.draft_id.encode()))
        except (UserError, ValueError):
            return None
        out = {str(p["sha256"]) for s in doc.get("slots", []) for p in s.get("pages", [])}
        photo = doc.get("photo")
        if isinstance(photo, dict) and photo.get("sha256"):
            out.add(str(photo["sha256"]))
        return out

    def _referenced(self, sha256: str, live: ApplySession | None, drafts: list[set[str] | None]) -> bool:
        if self.records.db.has_attachment(sha256):
            return True
        if live is not None and (
            any(p.sha256 == sha256 for s in live.slots for p in s.pages)
            or (live.photo is not None and live.photo.get("sha256") == sha256)
        ):
            return True
        # A draft that cannot be opened might refer to anything: keep.
        return any(refs is None or sha256 in refs for refs in drafts)

    def _release(self, shas: Sequence[str], live: ApplySession | None = None) -> int:
        """Remove blobs that no finalised record, stored draft or `live` session refers to any more."""
        drafts = [self._draft_blobs(row) for row in self.tables.list_drafts()]
        removed = 0
        for sha in dict.fromkeys(shas):
            if not self._referenced(sha, live, drafts) and self.store.remove(sha):
                removed += 1
        return removed

    def _purge_rows(self, rows: Sequence[DraftRow]) -> tuple[int, int]:
        blobs: list[str] = []
        for row in rows:
            refs = self._draft_blobs(row)
            blobs += sorted(refs or ())
            self.tables.delete_draft(row.draft_id)
            self._cancel_slip(row.code)
        return len(rows), self._release(blobs)

    def purge_drafts(self) -> DraftPurge:
        """Delete drafts past their keep-until date (and kiosk drafts not kept left behind by a crash), then remove
        attachment blobs that nothing refers to any more: no finalised record, no draft (older than
        ORPHAN_GRACE_S, so a page stored a moment ago for a live session stays)."""
        now = self._clock()
        expired = [row for row in self.tables.list_drafts() if self._draft_expired(row, now)]
        codes = tuple(row.code for row in expired if row.code)
        drafts, blobs = self._purge_rows(expired)
        blobs += self.collect_orphans(now=now)
        self._drop_stale_slips()
        self._next_purge = now + PURGE_INTERVAL_S
        if drafts or blobs:
            log.info("purged %d expired drafts and %d unreferenced attachment blobs", drafts, blobs)
        return DraftPurge(drafts=drafts, blobs=blobs, draft_codes=codes)

    def collect_orphans(self, *, now: float | None = None) -> int:
        """Remove attachment blobs older than ORPHAN_GRACE_S that no finalised record and no draft refers to (the
        pages of drafts deleted while the terminal was off, of a crash between a scan and its autosave)."""
        now = self._clock() if now is None else now
        drafts = [self._draft_blobs(row) for row in self.tables.list_drafts()]
        if any(refs is None for refs in drafts):
            log.warning("a draft cannot be opened: unreferenced attachment blobs are kept this time")
            return 0
        removed = 0
        for sha, mtime in list(self.store.hashes()):
            if now - mtime < ORPHAN_GRACE_S or self._referenced(sha, None, drafts):
                continue
            if self.store.remove(sha):
                removed += 1
        return removed

    def _drop_stale_slips(self) -> None:
        """Cancel 草稿保存凭条 jobs in the spool that no session of this process is waiting for (left by a crash or
        a restart): whoever they were for has gone."""
        if self._printer is None:
            return
        try:
            service = self._printer()
            live = set(self._slip_jobs.values())
            for job in service.pending():
                if job.kind == "draft_code" and job.job_id not in live:
                    service.cancel(job.job_id)
        except Exception:  # the spool expiry still drops them
            log.warning("stale draft slips could not be checked; they expire unprinted")

    def _maybe_purge(self) -> None:
        """The retention purge at the first session after start-up, then at most hourly."""
        if self._clock() < self._next_purge:
            return
        self._next_purge = self._clock() + PURGE_INTERVAL_S
        try:
            self.purge_drafts()
        except Exception:  # a purge problem must not stop a citizen's application
            log.exception("draft purge failed; retried in an hour")

    # ------------------------------------------------------------------------------------------------ after

    def evaluate(self, receipt_no: str, level: str, reasons: Sequence[str] = (), text: str = "") -> AfterServiceResult:
        """好差评: queue a rating linked to the receipt number. Bad ratings need at least one reason."""
        number, _ = parse_qr(receipt_no)
        if not validate_receipt_no(number):
            raise UserError(f"受理编号格式或校验位不对 / not a valid receipt number: {number}")
        if level not in EVALUATION_LEVELS:
            raise UserError(f"评价等级应为 {'/'.join(EVALUATION_LEVELS)} 之一 / unknown level {level!r}")
        if level in BAD_LEVELS and not reasons:
            raise UserError("差评请至少选择一个原因 / a bad rating needs a reason")
        if len(text) > 2000:
            raise UserError("评价内容过长（上限 2000 字）/ text too long")
        payload = {
            "receipt_no": number,
            "level": level,
            "score": 5 - EVALUATION_LEVELS.index(level),
            "reasons": list(reasons),
            "text": text,
            "terminal": self.terminal.terminal_code,
        }
        with self.records.db.write():
            rec = self.records.finalise(kind="evaluation", payload=payload)
            self.tables.add_link(rec.record_id, kind="evaluation", receipt_no=number, reference=number)
        return AfterServiceResult(record_id=rec.record_id, reference=number, outbox="pending")

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
        """咨询投诉: queue a consultation or complaint in the outbox; its reference (`Z` + record id prefix) and the
        receipt number it concerns find it again in `status`."""
        if kind not in COMPLAINT_KINDS:
            raise UserError(f"kind must be one of {', '.join(COMPLAINT_KINDS)}")
        if subject not in COMPLAINT_SUBJECTS:
            raise UserError(f"subject must be one of {', '.join(COMPLAINT_SUBJECTS)}")
        if not text.strip():
            raise UserError("请填写内容 / the text is empty")
        if len(text) > 5000:
            raise UserError("内容过长（上限 5000 字）/ text too long")
        number = parse_qr(receipt_no)[0] if receipt_no else None
        if number is not None and not validate_receipt_no(number):
            raise UserError(f"受理编号格式或校验位不对 / not a valid receipt number: {number}")
        record_id = str(uuid.uuid4())
        reference = "Z" + record_id.replace("-", "")[:10].upper()
        payload = {
            "kind": kind,
            "subject": subject,
            "subject_ref": subject_ref,
            "text": text,
            "receipt_no": number,
            "reference": reference,
            "contact": {"name": contact_name, "phone": contact_phone},
            "terminal": self.terminal.terminal_code,
        }
        with self.records.db.write():
            rec = self.records.finalise(kind="complaint", payload=payload, record_id=record_id)
            self.tables.add_link(rec.record_id, kind=kind, receipt_no=number, reference=reference)
        return AfterServiceResult(record_id=rec.record_id, reference=reference, outbox="pending")

    def status(self, receipt_or_qr: str) -> StatusView:
        """进度查询 by receipt number or the receipt QR payload, from the locally synced status feed. A complaint's
        own reference (`Z…`, given when it was filed) shows that complaint's answer."""
        number, verification = parse_qr(receipt_or_qr)
        db = self.records.db
        last_heard = db.get_meta("last_success")
        empty = StatusView(number, False, "", (), None, None, None, None, (), None, last_heard)
        link = self.tables.find_link(number) if number.startswith("Z") else None
        if link is not None:
            rec = db.get_record(link[0])
            if rec is None:
                return empty
            entry = db.outbox_entry(rec.record_id)
            return StatusView(
                receipt_no=number,
                found=True,
                title="咨询" if link[1] == "consultation" else "投诉",
                item_codes=(),
                submitted_at=rec.created_at,
                due_date=None,
                status=rec.status,
                note=rec.status_note,
                history=tuple(StatusEntry(h["status"], h["note"], h["at"]) for h in db.status_history(rec.record_id)),
                outbox=entry.stage if entry else None,
                last_heard=last_heard,
            )
        if not validate_receipt_no(number):
            return empty
        row = db.find_by_receipt(number)
        receipt = self.tables.get_receipt(number)
        if row is None or receipt is None or (verification and verification.upper() != receipt.verification):
            return empty
        facts = json.loads(open_sealed(self.cipher, receipt.blob, number.encode()))
        entry = db.outbox_entry(row.record_id)
        complaints = []
        for rid, kind, ref in self.tables.links_of(number):
            linked = db.get_record(rid)
            complaints.append(
                {
                    "record_id": rid,
                    "kind": kind,
                    "reference": ref,
                    "status": linked.status if linked else None,
                    "note": linked.status_note if linked else None,
                }
            )
        return StatusView(
            receipt_no=number,
            found=True,
            title=str(facts["title"]),
            item_codes=tuple(c for c, _ in facts["items"]),
            submitted_at=row.created_at,
            due_date=receipt.due_date,
            status=row.status,
            note=row.status_note,
            history=tuple(StatusEntry(h["status"], h["note"], h["at"]) for h in db.status_history(row.record_id)),
            outbox=entry.stage if entry else None,
            last_heard=last_heard,
            complaints=tuple(complaints),
        )

    # ------------------------------------------------------------------------------------------------ receipt QR

    def qr_reader_available(self) -> bool:
        """A document camera (高拍仪) is configured and ready: 进度查询 offers 扫描回执二维码."""
        if self._scanner is None:
            return False
        try:
            return self._scanner().available_for_qr()
        except UserError:
            return False

    def read_receipt_qr(self, *, timeout: float = 20.0) -> str:
        """The text of the receipt QR laid under the document camera, for `status()` (which checks its verification
        code). Raises ScanFailedError (a UserError) with a clear message: no QR seen, no picture, no camera."""
        if self._scanner is None:
            raise UserError("未配置高拍仪 / no document camera configured")
        return self._scanner().read_qr(timeout)

    def cancel_receipt_qr(self) -> None:
        """End a `read_receipt_qr` in progress (it raises code `cancelled`); returns at once."""
        if self._scanner is not None:
            self._scanner().cancel()
