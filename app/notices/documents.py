"""What a formal notice says: the document model (`Notice`) and how it is built from the clerk's request, the item's
catalog data (办事指南: 设定依据, 受理条件, 材料, 时限, 实施机关) and the application's receipt facts.

Contract: `build_notice` is a pure function; it refuses (`UserError`, notices.*) an unknown kind, a 不予受理通知书
without a reason, a 补正材料通知书 without the materials to correct, a notice citing an item whose catalog entry has
no legal basis (naming the item), and a notice about an application that needs a receipt number without one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.errors import UserError
from app.identity.masking import mask_id
from app.model.catalog import ItemGuide
from app.model.clock import format_local, local_date
from app.notices import messages as m

__all__ = ["KINDS", "Notice", "NoticeItem", "NoticeRequest", "build_notice", "cn_date", "notice_number"]

KINDS: dict[str, str] = {
    "acceptance": "受理通知书",
    "refusal": "不予受理通知书",
    "correction": "补正材料通知书",
    "one_time": "一次性告知书",
    "receipt": "受理回执",
}
"""Notice kinds and their titles: 受理 (accept), 不予受理 (refuse), 补正 (ask for corrections), 一次告知 (tell once
everything needed), 受理回执 (the A4 receipt)."""

PREFIXES = {"acceptance": "受", "refusal": "不受", "correction": "补", "one_time": "告", "receipt": "回"}
"""The kind's character in the document number (文书编号), e.g. 受字〔2026〕第0100001号."""

NEEDS_BASIS = ("acceptance", "refusal", "correction", "one_time")
NEEDS_RECEIPT = ("acceptance", "refusal", "correction", "receipt")
MAX_REASON = 500
MAX_MATERIAL = 200
MAX_MATERIALS = 50


@dataclass(frozen=True, slots=True)
class NoticeRequest:
    """What the counter asks for. `receipt_no` names the application (kinds in NEEDS_RECEIPT); `item_codes` the
    items of a 一次性告知书 given before any application. `materials` are the materials to correct (补正) or still
    owed (容缺受理, with `deadline`); `reason` is the refusal's reason (不予受理)."""

    kind: str
    receipt_no: str | None = None
    item_codes: tuple[str, ...] = ()
    applicant: str | None = None
    reason: str | None = None
    materials: tuple[str, ...] = ()
    deadline: dt.date | None = None
    clerk_id: str | None = None
    window: str | None = None


@dataclass(frozen=True, slots=True)
class NoticeItem:
    code: str
    name: str
    type: str
    body: str
    """实施机关 at the terminal's level (else the 主管部门's full name)."""
    basis: tuple[str, ...]
    conditions: str
    case_type: str
    legal_limit_days: int | None
    promised_limit_days: int | None
    place: str
    hours: str
    phone: str
    complaint_phone: str
    materials: tuple[tuple[str, str, int, str, bool], ...] = ()
    """(name, form, copies, acceptance standard, required) of each 申请材料 (一次性告知书)."""


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str
    title: str
    number: str
    """文书编号 as printed."""
    ref: str
    """The same number as a plain token (`acceptance-2026-0100001`): spool file names, the audit log."""
    hall: str
    issuer: str
    """The body the notice is issued in the name of (the first item's 实施机关)."""
    terminal_code: str
    issued_on: dt.date
    items: tuple[NoticeItem, ...]
    paragraphs: tuple[str, ...]
    """The body after the salutation, one paragraph each."""
    salutation: str
    receipt_no: str | None = None
    check_code: str | None = None
    applicant: str = ""
    id_masked: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    """Label/value lines (受理回执)."""
    listed: tuple[str, ...] = ()
    """The numbered list under the body: materials to correct, still owed."""
    listed_heading: str = ""
    after: tuple[str, ...] = ()
    """Paragraphs after the list (what to do with the listed materials)."""
    reason: str | None = None
    deadline: dt.date | None = None
    clerk_id: str | None = None
    window: str | None = None
    qr: str | None = None
    qr_caption: str = ""
    footer: tuple[str, ...] = ()
    needs_signature: bool = False
    """An acknowledgement line for the applicant (签收)."""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def basis(self) -> tuple[tuple[str, str], ...]:
        """(item name, legal basis line) for the 法律依据 section."""
        return tuple((item.name, line) for item in self.items for line in item.basis)


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_number(kind: str, year: int, terminal_no: str, seq: int) -> tuple[str, str]:
    """(printed 文书编号, plain ref): the kind's character, the year, the terminal's 2-digit number and a 5-digit
    sequence per kind and year, so two terminals of one hall never issue the same number."""
    printed = f"{PREFIXES[kind]}字〔{year}〕第{terminal_no}{seq:05d}号"
    return printed, f"{kind}-{year}-{terminal_no}{seq:05d}"


def _meaningful(text: str | None) -> str:
    """The text stripped; empty when it holds no letter or digit (a reason of spaces or dots is no reason)."""
    t = (text or "").strip()
    return t if any(unicodedata.category(c)[0] in "LN" for c in t) else ""


def _clean_list(values: Sequence[str], title: str) -> tuple[str, ...]:
    out = tuple(v.strip() for v in values if _meaningful(v))
    if len(out) > MAX_MATERIALS or any(len(v) > MAX_MATERIAL for v in out):
        raise UserError(m.TEXT_TOO_LONG, what=f"{title}的材料清单", limit=MAX_MATERIAL)
    return out


def notice_item(guide: ItemGuide, division_code: str) -> NoticeItem:
    """The facts a notice cites of one item, at the implementation nearest the terminal (longest division prefix)."""
    impls = sorted(
        (i for i in guide.implementations if division_code.startswith(i.division_code)),
        key=lambda i: len(i.division_code),
        reverse=True,
    )
    impl = impls[0] if impls else (guide.implementations[0] if guide.implementations else None)
    return NoticeItem(
        code=guide.code,
        name=guide.name,
        type=guide.type,
        body=impl.body if impl else guide.department_full,
        basis=tuple(b.strip() for b in guide.basis if b and b.strip()),
        conditions=guide.conditions,
        case_type=guide.case_type,
        legal_limit_days=guide.legal_limit_days,
        promised_limit_days=guide.promised_limit_days,
        place=impl.place if impl else "",
        hours=impl.hours if impl else "",
        phone=impl.consult_phone if impl else "",
        complaint_phone=impl.complaint_phone if impl else "",
        materials=tuple((x.name, x.form, x.copies, x.standard, x.required) for x in guide.materials),
    )


def _limits(item: NoticeItem) -> str:
    parts = []
    if item.promised_limit_days is not None:
        parts.append(f"承诺办结时限 {item.promised_limit_days} 个工作日")
    if item.legal_limit_days is not None:
        parts.append(f"法定办结时限 {item.legal_limit_days} 个工作日")
    return "，".join(parts)


def build_notice(
    request: NoticeRequest,
    *,
    items: Sequence[NoticeItem],
    facts: Mapping[str, Any] | None,
    check_code: str | None,
    hall: str,
    terminal_code: str,
    number: tuple[str, str],
    today: dt.date,
    qr_prefix: str,
) -> Notice:
    """The notice `request` asks for (see the module contract for what is refused)."""
    kind = request.kind
    if kind not in KINDS:
        raise UserError(m.UNKNOWN_KIND, kind=kind, known=", ".join(KINDS))
    title = KINDS[kind]
    if kind in NEEDS_RECEIPT and (request.receipt_no is None or facts is None):
        raise UserError(m.NEEDS_RECEIPT, title=title)
    if not items:
        raise UserError(m.NEEDS_ITEM, title=title)
    reason = _meaningful(request.reason)
    if kind == "refusal" and not reason:
        raise UserError(m.REASON_REQUIRED, title=title)
    if len(reason) > MAX_REASON:
        raise UserError(m.TEXT_TOO_LONG, what="理由", limit=MAX_REASON)
    materials = _clean_list(request.materials, title)
    if kind == "correction" and not materials:
        raise UserError(m.MATERIALS_REQUIRED, title=title)
    if request.deadline is not None and request.deadline < today:
        raise UserError(m.BAD_DEADLINE, deadline=request.deadline.isoformat())
    if kind in NEEDS_BASIS:
        for item in items:
            if not item.basis:
                raise UserError(m.NO_LEGAL_BASIS, code=item.code, name=item.name, title=title)
    f: Mapping[str, Any] = facts or {}
    applicant = str(f.get("applicant") or _meaningful(request.applicant) or "")
    names = "、".join(f"「{i.name}」" for i in items)
    accepted = cn_date(local_date(str(f["accepted_at"]))) if f.get("accepted_at") else ""  # the terminal's zone
    first = items[0]
    receipt_no = request.receipt_no
    qr = f"{qr_prefix}:{receipt_no}:{check_code}" if receipt_no and check_code else None
    keep = "本回执" if kind == "receipt" else "本通知书"
    lookup = f"请妥善保管{keep}。可凭受理编号和校验码扫描右侧二维码、在自助终端「进度查询」" + (
        f"或拨打咨询电话 {first.phone} 查询办理进度。" if first.phone else "查询办理进度。"
    )
    paragraphs: list[str] = []
    after: list[str] = []
    listed: tuple[str, ...] = ()
    listed_heading = ""
    fields: list[tuple[str, str]] = []
    footer: list[str] = []
    signature = False
    if kind == "acceptance":
        paragraphs.append(
            f"你（单位）于{accepted}提出的{names}申请，经审查，申请材料齐全、符合法定形式，"
            f"根据下列依据，本机关决定予以受理。"
        )
        line = f"受理编号：{receipt_no}。"
        limits = _limits(first)
        if limits:
            line += f"本事项为{first.case_type}，{limits}"
            line += f"，预计于{cn_date(dt.date.fromisoformat(f['due_date']))}前办结。" if f.get("due_date") else "。"
        paragraphs.append(line)
        owed = materials or tuple(f.get("deferred", ())) + tuple(f.get("owed", ()))
        if owed:
            listed = tuple(owed)
            when = f"于{cn_date(request.deadline)}前" if request.deadline else "在办结前"
            listed_heading = f"容缺受理：以下材料请{when}补交，逾期未补交的，可能影响办理结果："
        after.append(lookup)
    elif kind == "refusal":
        paragraphs.append(
            f"你（单位）于{accepted}提出的{names}申请（受理编号 {receipt_no}），经审查，{reason.rstrip('。.')}。"
            f"根据下列依据，本机关决定不予受理。"
        )
        paragraphs.append(
            "如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，"
            "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。"
        )
        signature = True
    elif kind == "correction":
        paragraphs.append(
            f"你（单位）于{accepted}提出的{names}申请（受理编号 {receipt_no}），经审查，申请材料不齐全或者不符合"
            f"法定形式。根据下列依据，现一次性告知你需要补正的全部内容："
        )
        listed = materials
        listed_heading = "需要补正的材料："
        when = f"请于{cn_date(request.deadline)}前" if request.deadline else "请"
        after.append(f"{when}携带上述材料及本通知书到本窗口补正。补正材料齐全、符合法定形式的，本机关将依法受理。")
        signature = True
    elif kind == "one_time":
        paragraphs.append(f"你（单位）咨询办理{names}，现将办理所需的全部材料和要求一次性告知如下：")
        if materials:
            listed = materials
            listed_heading = "经核对，你尚需提交以下材料："
        signature = True
    else:  # receipt
        fields = [("受理编号", receipt_no or ""), ("受理时间", format_local(f.get("accepted_at")))]
        fields += [("办理事项", i.name) for i in items]
        fields.append(("申请人", applicant))
        if f.get("id_number"):
            fields.append(("证件号码", mask_id(str(f["id_number"]))))
        received = "、".join(f"{n}（{c}页）" for n, c in f.get("received", ())) or "无"
        fields.append(("已收材料", received))
        owed_r = list(f.get("deferred", ())) + list(f.get("owed", ()))
        if owed_r:
            fields.append(("尚需补交", "、".join(owed_r)))
        if f.get("due_date"):
            fields.append(("承诺办结", cn_date(dt.date.fromisoformat(f["due_date"]))))
        fields.append(("校验码", check_code or ""))
        paragraphs.append(lookup)
    if kind != "receipt":
        footer.append("本通知书一式两份，一份交申请人，一份由受理窗口存档。")
    issuer = first.body or hall
    return Notice(
        kind=kind,
        title=title,
        number=number[0],
        ref=number[1],
        hall=hall,
        issuer=issuer,
        terminal_code=terminal_code,
        issued_on=today,
        items=tuple(items),
        paragraphs=tuple(paragraphs),
        salutation=f"{applicant}：" if applicant else "申请人：",
        receipt_no=receipt_no,
        check_code=check_code,
        applicant=applicant,
        id_masked=mask_id(str(f["id_number"])) if f.get("id_number") else "",
        fields=tuple(fields),
        listed=listed,
        listed_heading=listed_heading,
        after=tuple(after),
        reason=reason or None,
        deadline=request.deadline,
        clerk_id=request.clerk_id,
        window=request.window,
        qr=qr,
        qr_caption=f"扫码查询办理进度\n校验码 {check_code}" if qr else "",
        footer=tuple(footer),
        needs_signature=signature,
    )


def plain_token(text: str) -> str:
    """`text` reduced to what the audit log accepts (A-Z a-z 0-9 . _ : / + = @ -)."""
    return re.sub(r"[^A-Za-z0-9._:/+=@-]", "-", text)[:128] or "-"
