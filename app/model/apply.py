"""Applying (在线申请/窗口申请) as plain data: the session a citizen fills in, its drafts, the review, the result of
finalising, and what comes after the service (好差评 evaluation, 咨询投诉 complaint, 进度查询 status).

`app.apply.ApplyService` produces and consumes these; the Qt screens (`ui/apply/`) only show them. Everything here
is plain, JSON-compatible data; the session is mutable (the UI fills it page by page), everything else is frozen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.model.forms import FieldError, FormDefinition, RemovedAnswer

CONSENT_VERSION = 1
CONSENT_TEXT = (
    "告知承诺：本人承诺所填写的信息和提交的材料真实、准确、完整，如有虚假，愿意承担相应的法律责任；"
    "同意政务服务部门为办理本事项查询、核验和使用上述信息。"
)
"""The 告知承诺 a citizen agrees to on the review page before 确认提交; recorded with the submission (version, text,
time). The screens show the same words (and their English) from ui/screens/apply/texts.py."""

EVALUATION_LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
"""好差评 five-level scale, best first; the last two are bad ratings and need a reason."""

EVALUATION_LEVELS_EN = ("Very satisfied", "Satisfied", "Fairly satisfied", "Dissatisfied", "Very dissatisfied")

BAD_LEVELS = ("不满意", "非常不满意")

BAD_RATING_REASONS = (
    "办事指南不清楚",
    "材料要求反复",
    "等候时间长",
    "工作人员态度不好",
    "系统操作困难",
    "超过承诺时限",
    "其他",
)
"""Reasons offered for a bad rating (the citizen may add text)."""

COMPLAINT_KINDS = ("consultation", "complaint")
"""咨询 / 投诉."""

COMPLAINT_SUBJECTS = ("item", "hall", "staff")
"""What a consultation or complaint is about: an item (事项), a hall (大厅) or a staff member (工作人员)."""

CHANNELS = ("kiosk", "counter", "laptop")
"""Where the session runs: a kiosk draft is wiped on idle unless kept; counter and laptop drafts persist."""


@dataclass(frozen=True, slots=True)
class PageRef:
    """One page of a material: a content-addressed attachment (SHA-256 of the plaintext)."""

    sha256: str
    size: int
    name: str
    """File name it travels under (e.g. `M01-p1.jpg`)."""
    media_type: str = "image/jpeg"


@dataclass(slots=True)
class MaterialSlot:
    """One line of the item's material list (申请材料) and what the citizen provided for it."""

    slot_id: str
    """The material field's id in the form, or the material id when the form has no field for it."""
    material_id: str
    name: str
    required: bool
    form: str
    """原件 / 复印件 / 原件和复印件."""
    medium: str
    copies: int
    item_codes: tuple[str, ...]
    """The item(s) that ask for it (a 一件事 theme shares one slot between items asking for the same material)."""
    pages: list[PageRef] = field(default_factory=list)
    deferred: bool = False
    """容缺: to be brought to the counter later (only where the item allows it)."""
    deferrable: bool = False
    members: tuple[tuple[str, str], ...] = ()
    """(item code, the item's own material id) the slot stands for: a 一件事 theme joins one document asked by
    several items, under one id or (the theme's `materials` mapping) under different ids."""
    name_en: str | None = None
    standard: str = ""
    """要求: what the catalog asks of the document (in validity, legible...), printed on the 一次性告知书."""

    from_card: bool = False
    """The applicant's own ID card, read on the card reader for this session: counts as provided (核验 at the
    reader), so neither the materials page, the 一次性告知 nor the receipt asks for it again."""

    @property
    def received(self) -> bool:
        return bool(self.pages)

    @property
    def owed(self) -> bool:
        """Required and neither received, deferred nor read from the card: blocks finalising (一次性告知)."""
        return self.required and not self.pages and not self.deferred and not self.from_card


@dataclass(frozen=True, slots=True)
class CounterGuide:
    """Where and how an item is handled in person (办理地点): from the catalog's implementing body nearest the
    terminal. What the kiosk tells a citizen whose item it cannot accept whole, and what receipts print as the next
    step (where, when, which window, which fee)."""

    department: str
    """实施主体: the implementing body (e.g. 某某县公安局)."""
    place: str
    """办理地点, the hall and window (e.g. 某某县政务服务中心公安窗口); also the pickup place for 窗口领取."""
    hours: str
    phone: str
    fee: str
    """收费标准, "" when the item charges nothing."""
    on_site: tuple[str, ...] = ()
    """Steps done in person at the window (the catalog's process steps a window officer performs: 采集相片、指纹,
    收费...)."""
    bring: tuple[str, ...] = ()
    """The required materials with their requirements (name（原件，纸质，1 份）：standard)."""


@dataclass(frozen=True, slots=True)
class ItemPart:
    """One item of a session (one for a single item, several for a 一件事 theme)."""

    code: str
    name: str
    promised_limit_days: int | None
    allows_deferred_materials: bool
    field_map: dict[str, str]
    """Merged-form field id → this item's own field id (identity for a single item)."""
    form_version: int
    expired_id_card: str = "warn"
    """The item's rule for an expired ID card (app.model.catalog.EXPIRED_ID_CARD_RULES)."""
    self_service: bool = True
    """The catalog's 办理方式 says 自助终端: the kiosk may accept the application whole. False: a kiosk session is a
    预申请 (pre-application) only, finished at the window (`counter`)."""
    counter: CounterGuide | None = None
    """Where and how the item is handled in person (None: no implementing body on the terminal's chain)."""
    materials: dict[str, str] = field(default_factory=dict)
    """This item's own material id → the session's slot (`MaterialSlot.material_id`) that satisfies it; a material
    the theme omits (免提交) is not here but in `ApplySession.shared`."""


@dataclass(frozen=True, slots=True)
class SharedMaterial:
    """An item material a 一件事 theme does not ask of the citizen: 免提交（部门共享）, the department gets it from
    another department (often from another item of the same theme)."""

    item_code: str
    material_id: str
    name: str
    reason: str
    reason_en: str | None = None


@dataclass(slots=True)
class ApplySession:
    """What the citizen is applying for and has filled in so far. Holds personal data in memory only: drop it with
    `ApplyService.discard` (idle wipe), which clears every field of it."""

    session_id: str
    channel: str
    title: str
    """Item name, or theme name for a 一件事 theme."""
    theme_code: str | None
    items: tuple[ItemPart, ...]
    form: FormDefinition
    """The merged definition (identical to the item's own for a single item)."""
    answers: dict[str, Any] = field(default_factory=dict)
    slots: list[MaterialSlot] = field(default_factory=list)
    card: dict[str, Any] | None = None
    """The read-card JSON the form was prefilled from (None when typed by hand)."""
    warnings: list[str] = field(default_factory=list)
    removed: tuple[RemovedAnswer, ...] = ()
    """Answers a form-definition update could not carry (shown to the operator, kept in the record)."""
    to_ask: tuple[str, ...] = ()
    draft_code: str | None = None
    wiped: bool = False
    photo: dict[str, Any] | None = None
    """The card photo in the encrypted attachment store: {format, sha256, size} (None: no card or no photo)."""
    shared: tuple[SharedMaterial, ...] = ()
    """Materials the theme leaves out (免提交（部门共享）), shown on the materials page and the review."""
    refusal: str | None = None
    """Why the laid card cannot be used for these items (an expired ID card where an item refuses it): finalising
    is refused while set; a valid card laid afterwards clears it."""
    refusal_note: dict[str, Any] | None = None
    """`refusal` as a message code and its parameters, `{"code", "params"}` (a parameter that is itself a message as
    `{"message": code}`), so it can be said in the reader's language (`app.apply.session.CardNote.from_json`)."""
    pre_application: bool = False
    """预申请: a kiosk session for an item the catalog does not offer on self-service terminals. The record is a
    pre-application (no promised completion date; materials missing are brought to the window), finished at the
    window the receipt names."""
    card_fields: dict[str, Any] = field(default_factory=dict)
    """Field id → the value the card filled in: locked on screen unless corrected with a reason (`corrections`)."""
    corrections: dict[str, str] = field(default_factory=dict)
    """Field id → the reason the citizen gave for correcting a value read from the card (kept on the record)."""
    consent: dict[str, Any] | None = None
    """告知承诺 given on the review page: {version, text, at} (kept on the record)."""
    operator: dict[str, str] | None = None
    """A walk-in entered at the counter: the clerk's staff id and the hall's window {clerk_id, window} (kept on the
    record; app/counter/). None at a kiosk."""

    @property
    def item_codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)

    def slot(self, slot_id: str) -> MaterialSlot | None:
        for s in self.slots:
            if s.slot_id == slot_id:
                return s
        return None


@dataclass(frozen=True, slots=True)
class CardPrefill:
    """What laying an ID card gave: answers filled from it and warnings (expired card...)."""

    answers: dict[str, Any]
    warnings: tuple[str, ...]
    expired: bool
    refused: bool = False
    """The card is expired and an item requires a valid one: nothing was prefilled, `warnings` says what to do."""
    near_expiry: bool = False
    """The card expires within 90 days (a gentle notice is among `warnings`)."""


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """A saved draft as listed for the operator (no personal data)."""

    draft_id: str
    code: str | None
    title: str
    item_codes: tuple[str, ...]
    channel: str
    updated_at: str
    kept: bool
    keep_until: str | None = None
    """Last day the draft is kept (ISO date, China time); None: kept until finalised or deleted."""


@dataclass(frozen=True, slots=True)
class DraftPurge:
    """What `ApplyService.purge_drafts` removed: expired drafts and attachment blobs nothing refers to any more."""

    drafts: int
    blobs: int
    draft_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewLine:
    field_id: str
    label: str
    value: str
    """Display text (ID numbers masked)."""


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """The review page: answers as text, materials received and still owed, and errors left to fix."""

    title: str
    item_codes: tuple[str, ...]
    lines: tuple[ReviewLine, ...]
    received: tuple[tuple[str, int], ...]
    """(material name, pages)."""
    deferred: tuple[str, ...]
    owed: tuple[str, ...]
    """Required materials neither received nor deferred."""
    errors: dict[str, FieldError]
    removed: tuple[RemovedAnswer, ...]
    promised_date: str | None
    can_finalise: bool
    needs_notice: bool
    """Required materials are missing and the item does not allow 容缺: print a 一次性告知 slip instead."""
    shared: tuple[tuple[str, str], ...] = ()
    """(material name, reason) of materials the 一件事 theme does not ask for: 免提交（部门共享）."""
    from_card: tuple[str, ...] = ()
    """Materials counted as provided by the ID card on the reader (核验 by reading it)."""
    pre_application: bool = False
    """A 预申请: finalising is allowed with materials missing (they are brought to the window)."""
    needs_consent: bool = True
    """确认提交 waits for the 告知承诺 (given once per session)."""


@dataclass(frozen=True, slots=True)
class SubmissionResult:
    """A finalised submission: immutable in records.db, queued in the outbox."""

    receipt_no: str
    record_id: str
    due_date: str | None
    """承诺办结日期 (ISO), None for an item without a promised limit."""
    outbox: str
    """Outbox state: pending (or delivered)."""
    verification: str
    """Code derived from the record signature, printed in the receipt's QR."""
    printed: bool = False
    print_queued: bool = False
    """The receipt could not be printed (paper out...): it waits in the spool for reprint."""
    print_message: str | None = None
    """What to tell the citizen when the receipt was not printed."""
    job_id: str | None = None
    pre_application: bool = False
    """预申请: not yet 受理; `counter` says where it is finished."""
    card_read: bool = False
    """An ID card was read for this session: the done screen reminds 请取回身份证."""
    counter: CounterGuide | None = None
    """Where, when and with which fee the application continues in person (pickup for 窗口领取 too)."""
    pickup: str = ""
    """The place to collect the result when the citizen chose 窗口领取 ("" otherwise)."""

    def to_json(self) -> dict[str, Any]:
        return {"receipt_no": self.receipt_no, "record_id": self.record_id, "due_date": self.due_date,
                "outbox": self.outbox, "pre_application": self.pre_application}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """Result of printing a receipt or a slip."""

    printed: bool
    queued: bool
    job_id: str | None
    message: str | None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """好差评: one rating of one service, linked to its receipt number."""

    receipt_no: str
    level: str
    """One of EVALUATION_LEVELS."""
    reasons: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Complaint:
    """咨询投诉 about an item, a hall or a staff member."""

    kind: str
    """consultation or complaint."""
    subject: str
    """item, hall or staff."""
    subject_ref: str
    """Item code, hall name or staff number."""
    text: str
    receipt_no: str | None = None
    contact_name: str = ""
    contact_phone: str = ""


@dataclass(frozen=True, slots=True)
class AfterServiceResult:
    """An evaluation or a complaint queued in the outbox."""

    record_id: str
    reference: str
    """The receipt number it belongs to (evaluation) or its own tracking number (complaint)."""
    outbox: str
    replaced: str | None = None
    """An evaluation: the unsent earlier rating of the same receipt it withdrew from the outbox (一事一评)."""


@dataclass(frozen=True, slots=True)
class StatusEntry:
    status: str
    note: str | None
    at: str


@dataclass(frozen=True, slots=True)
class StatusView:
    """进度查询: a submission's status from the locally synced feed."""

    receipt_no: str
    found: bool
    title: str
    item_codes: tuple[str, ...]
    submitted_at: str | None
    due_date: str | None
    status: str | None
    """Latest platform status (None: not yet heard of on the platform)."""
    note: str | None
    history: tuple[StatusEntry, ...]
    outbox: str | None
    """pending / delivered / quarantined."""
    last_heard: str | None
    """When the terminal last heard from the platform (last successful sync)."""
    complaints: tuple[dict[str, Any], ...] = ()
    pre_application: bool = False
    """A 预申请 (an item not offered on self-service terminals): not yet accepted, finished at the window."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
