"""The printed documents of applying (受理回执 / 预申请回执, 一次性告知书, 草稿保存凭条): their layout with its
Chinese labels, for the thermal printer or an A4 PDF, and their printing. A printer failure never undoes anything:
the outcome says so."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.apply import messages
from app.apply.drafts import Drafts
from app.apply.shared import (
    QR_PREFIX,
    ApplyDeps,
    TerminalInfo,
    ensure_live,
    group_receipt_no,
    mask_name,
    parse_qr,
)
from app.errors import UserError
from app.identity.masking import mask_id
from app.model.apply import ApplySession, PrintOutcome
from app.model.clock import format_local
from app.records.crypto import open_sealed
from local_db.records.apply_tables import ReceiptRow

if TYPE_CHECKING:
    from devices.printer.document import Receipt

__all__ = [
    "DEMO_LINE",
    "DRAFT_SLIP_SPOOL_S",
    "NOTICE_TITLE",
    "Receipts",
    "draft_slip_layout",
    "notice_layout",
    "receipt_layout",
]

DRAFT_SLIP_SPOOL_S = 10 * 60
"""A 草稿保存凭条 not printed within this time is dropped from the printer spool: the citizen has gone."""


DEMO_LINE = "演示数据 不作办事依据"
"""Printed on everything printed from demo data (the catalog bundle says demo: true)."""


def _demo(blocks: list[Any], demo: bool) -> None:
    from devices.printer.document import Text

    if demo:
        blocks.append(Text(f"【{DEMO_LINE}】", align="center", bold=True))


def _where(blocks: list[Any], facts: Mapping[str, Any]) -> None:
    """实施部门, 办理地点, 办理时间, 收费, 咨询电话: where the application goes on in person."""
    from devices.printer.document import Field as DField

    for label, key in (("实施部门", "department"), ("办理地点", "place"), ("办理时间", "hours")):
        if facts.get(key):
            blocks.append(DField(label, str(facts[key])))
    if "fee" in facts:
        blocks.append(DField("收费", str(facts["fee"]) or "不收费"))
    if facts.get("phone"):
        blocks.append(DField("咨询电话", str(facts["phone"])))


def _bring(blocks: list[Any], bring: list[list[str]] | list[tuple[str, str]]) -> None:
    from devices.printer.document import Text

    for n, (name, terms) in enumerate(bring, start=1):
        blocks.append(Text(f"{n}. {name}（{terms}）"))


def receipt_layout(row: ReceiptRow, facts: Mapping[str, Any], terminal: TerminalInfo) -> Receipt:
    """The 受理回执 (or 预申请回执) of a finalised submission from its (decrypted) receipt facts: who (masked), what,
    the materials, what happens next and where (department, place, hours, fee, phone, pickup), the number in readable
    groups, the QR, and 演示 when printed from demo data. Facts of receipts issued before a key existed print
    without it."""
    from devices.printer.document import Cut, Heading, QRCode, Rule, Text
    from devices.printer.document import Field as DField
    from devices.printer.document import Receipt as DReceipt

    pre = bool(facts.get("pre_application"))
    blocks: list[Any] = [Heading("预申请回执" if pre else "受理回执")]
    if pre:
        blocks.append(Text("本回执不是受理凭证：须到窗口完成正式受理", align="center", bold=True))
    _demo(blocks, bool(facts.get("demo")))
    blocks += [
        Text(terminal.hall_name, align="center"),
        Text(f"终端 {terminal.terminal_code}", align="center"),
        Rule(),
        Text("预申请编号" if pre else "受理编号"),
        # In readable groups (29 characters: one line on 58 mm paper); the QR below carries the plain number.
        Text(group_receipt_no(row.receipt_no), align="center", bold=True),
        DField("提交时间" if pre else "受理时间", format_local(facts["accepted_at"])),
        *(DField("办理事项", name) for _code, name in facts["items"]),
        DField("申请人", mask_name(facts["applicant"])),
    ]
    if facts["id_number"]:
        blocks.append(DField("证件号码", mask_id(facts["id_number"])))
    if facts.get("agent"):  # 帮办代办: the grid worker who applied on the citizen's behalf (app/apply/agent.py)
        blocks.append(DField("代办人", str(facts["agent"])))
    blocks.append(Rule())
    blocks.append(Text("已收材料：" + ("、".join(f"{n}（{c}页）" for n, c in facts["received"]) or "无")))
    if facts.get("from_card"):
        blocks.append(Text("已读卡核验：" + "、".join(facts["from_card"])))
    if facts.get("bring"):
        blocks.append(Text("到窗口时请带上：" if pre else "尚需补交："))
        _bring(blocks, facts["bring"])
    elif facts["deferred"] or facts["owed"]:
        blocks.append(Text("尚需补交：" + "、".join(facts["deferred"] + facts["owed"])))
    if facts.get("shared"):
        blocks.append(Text("免提交（部门共享）：" + "、".join(facts["shared"])))
    blocks.append(Rule())
    blocks.append(Text("下一步", bold=True))
    if pre:
        steps = "；".join(facts.get("on_site") or [])
        then = f"（{steps}）" if steps else ""
        blocks.append(Text(f"请本人携带身份证和上述材料到下列窗口完成正式受理{then}。"))
        blocks.append(Text("承诺办结时限自窗口正式受理之日起计算。"))
    elif facts["due_date"]:
        blocks.append(DField("承诺办结", facts["due_date"]))
    _where(blocks, facts)
    if facts.get("pickup"):
        blocks.append(DField("领取地点", f"{facts['pickup']}（窗口领取，请带本回执和身份证）"))
    blocks += [
        Rule(),
        Text(terminal.status_hint),
        QRCode(f"{QR_PREFIX}:{row.receipt_no}:{row.verification}"),
        Text(f"校验码 {row.verification}", align="center"),
    ]
    if facts["phone"] and "department" not in facts:
        blocks.append(Text(f"咨询电话：{facts['phone']}", align="center"))
    _demo(blocks, bool(facts.get("demo")))
    blocks.append(Cut())
    return DReceipt(tuple(blocks))


NOTICE_TITLE = "一次性告知书"
"""One name for the 一次性告知 on paper, screens and PDFs (the counter's A4 notice uses it too)."""


def notice_layout(session: ApplySession, terminal: TerminalInfo, today: dt.date, *, demo: bool = False) -> Receipt:
    """The 一次性告知书: the applicant (masked), the item, where and when it is handled (department, place, hours,
    fee, phone), exactly what is still owed with each material's requirements, and the next step. The ID card read
    on the reader is not asked for again."""
    from devices.printer.document import Cut, Heading, Rule, Text
    from devices.printer.document import Field as DField
    from devices.printer.document import Receipt as DReceipt

    owed = [s for s in session.slots if s.owed]
    counter = next((p.counter for p in session.items if p.counter is not None), None)
    card = session.card or {}
    blocks: list[Any] = [Heading(NOTICE_TITLE)]
    _demo(blocks, demo)
    blocks += [Text(terminal.hall_name, align="center"), Rule()]
    if card.get("name"):
        blocks.append(DField("申请人", mask_name(str(card["name"]))))
    blocks.append(DField("办理事项", session.title))
    if counter is not None:
        fee = "；".join(dict.fromkeys(p.counter.fee for p in session.items if p.counter and p.counter.fee))
        _where(blocks, {"department": counter.department, "place": counter.place, "hours": counter.hours,
                        "fee": fee, "phone": counter.phone})  # fmt: skip
    blocks += [Rule(), Text("您的申请还需要以下材料，请备齐后再来办理：")]
    for n, s in enumerate(owed, start=1):
        blocks.append(Text(f"{n}. {s.name}（{s.form}，{s.medium}，{s.copies}份）"))
        if s.standard:
            blocks.append(Text(f"   要求：{s.standard}"))
    read = [s.name for s in session.slots if s.from_card and not s.pages]
    if read:
        blocks.append(Text("已读卡核验，无需另交：" + "、".join(read)))
    blocks += [Rule(), Text("下一步", bold=True)]
    where = f"到{counter.place}" if counter is not None and counter.place else "到窗口"
    blocks.append(Text(f"备齐材料后，可在自助终端重新申请，或{where}办理。"))
    blocks += [DField("告知日期", today.isoformat())]
    _demo(blocks, demo)
    blocks.append(Cut())
    return DReceipt(tuple(blocks))


def draft_slip_layout(
    code: str, title: str, until: dt.date | None, terminal: TerminalInfo, today: dt.date, *, demo: bool = False
) -> Receipt:
    """The 草稿保存凭条: hall, terminal, the draft code printed large, the item, the date, the keep-until date and
    where to continue. No personal data."""
    from devices.printer.document import Cut, Heading, Rule, Text
    from devices.printer.document import Field as DField
    from devices.printer.document import Receipt as DReceipt

    blocks: list[Any] = [
        Heading("草稿保存凭条"),
        *([Text(f"【{DEMO_LINE}】", align="center", bold=True)] if demo else []),
        Text(terminal.hall_name, align="center"),
        Text(f"终端 {terminal.terminal_code}", align="center"),
        Rule(),
        Text("草稿编号", align="center"),
        Text(code, align="center", bold=True, width=2, height=2),
        Rule(),
        DField("办理事项", title),
        DField("保存日期", today.isoformat()),
    ]
    if until is not None:
        blocks.append(Text(f"草稿保留至 {until.isoformat()}，逾期自动删除"))
    blocks += [Text("凭此码在自助终端「我要办理」中继续填写"), Cut()]
    return DReceipt(tuple(blocks))


class Receipts:
    """Receipts, notices and draft slips of one terminal (`ApplyService` delegates to it)."""

    def __init__(self, deps: ApplyDeps, drafts: Drafts) -> None:
        self._d = deps
        self._drafts = drafts

    # ------------------------------------------------------------------------------------------------ 受理回执

    def _facts(self, receipt_no: str) -> tuple[ReceiptRow, dict[str, Any]]:
        number, _ = parse_qr(receipt_no)
        row = self._d.tables.get_receipt(number)
        if row is None:
            raise UserError(messages.NO_SUCH_RECEIPT, number=number)
        facts: dict[str, Any] = json.loads(open_sealed(self._d.cipher, row.blob, row.receipt_no.encode()))
        return row, facts

    def receipt_facts(self, receipt_no: str) -> dict[str, Any]:
        """The decrypted facts a finalised submission's receipt prints (what, where, when, fee, the agent)."""
        return self._facts(receipt_no)[1]

    def receipt_document(self, receipt_no: str) -> Receipt:
        """The 受理回执 as a printer document (devices.printer.document.Receipt)."""
        row, facts = self._facts(receipt_no)
        return receipt_layout(row, facts, self._d.terminal)

    def print_receipt(self, receipt_no: str) -> PrintOutcome:
        """Print (or reprint) the 受理回执 of a finalised submission."""
        number, _ = parse_qr(receipt_no)
        return self._print(self.receipt_document(number), f"受理回执 {number}")

    def reprint(self, receipt_no: str) -> PrintOutcome:
        """Reprint from the clerk/technician screen: a job still queued for this receipt is retried, else a new one."""
        number, _ = parse_qr(receipt_no)
        if self._d.printer is not None:
            from app.devices.printing import PrintFailedError

            service = self._d.printer()
            for job in service.pending():
                if job.title == f"受理回执 {number}":
                    try:
                        res = service.retry(job.job_id)
                    except PrintFailedError as exc:
                        return PrintOutcome(False, True, job.job_id, f"回执仍未打印（{exc.code}），已保留。")
                    return PrintOutcome(True, False, res.job_id, None)
        return self.print_receipt(number)

    def receipt_pdf(self, receipt_no: str, path: Path) -> Path:
        """An A4 PDF of the 受理回执 (QPdfWriter)."""
        from app.devices.pdf import write_pdf

        return write_pdf(self.receipt_document(receipt_no), path, title="受理回执")

    # ------------------------------------------------------------------------------------------------ 一次性告知

    def notice_document(self, session: ApplySession) -> Receipt:
        """The 一次性告知书: exactly what is still owed, for the items applied for."""
        return notice_layout(session, self._d.terminal, self._d.today(), demo=self._demo())

    def print_notice(self, session: ApplySession) -> PrintOutcome:
        """Print the 一次性告知书 listing exactly what is still owed."""
        ensure_live(session)
        return self._print(self.notice_document(session), NOTICE_TITLE)

    def notice_pdf(self, session: ApplySession, path: Path) -> Path:
        """An A4 PDF of the 一次性告知书."""
        from app.devices.pdf import write_pdf

        return write_pdf(self.notice_document(session), path, title=NOTICE_TITLE)

    def _demo(self) -> bool:
        try:
            return bool(self._d.catalog.is_demo)
        except Exception:  # a catalog that cannot say is not claimed to be demo data
            return False

    def print_document(self, document: Receipt, title: str) -> PrintOutcome:
        """Print another document of this terminal's (e.g. the laptop's plain-words slip) on the receipt printer; a
        printer failure is in the outcome, never raised."""
        return self._print(document, title)

    def _print(self, document: Receipt, title: str) -> PrintOutcome:
        from app.devices.printing import PrintFailedError

        if self._d.printer is None:
            return PrintOutcome(printed=False, queued=False, job_id=None, message="未配置打印机 / no printer")
        try:
            result = self._d.printer().print_receipt(document, title=title)
        except PrintFailedError as exc:
            queued = exc.job_id is not None
            msg = (
                "申请已提交成功，但回执未能打印（" + exc.code + "）。回执已保留，请到窗口补打；请记下受理编号。"
                if queued
                else "申请已提交成功，但回执无法打印，请记下受理编号并到窗口补打。"
            )
            return PrintOutcome(printed=False, queued=queued, job_id=exc.job_id, message=msg)
        return PrintOutcome(printed=True, queued=False, job_id=result.job_id, message=None)

    # ------------------------------------------------------------------------------------------------ 草稿保存凭条

    def draft_code_document(self, code: str) -> Receipt:
        """The 草稿保存凭条 of a kept draft (`apply.no_kept_draft` if there is none); the item title is the only
        thing read from the draft."""
        c = code.strip().upper()
        title, until = self._drafts.kept_slip_facts(c)
        return draft_slip_layout(c, title, until, self._d.terminal, self._d.today(), demo=self._demo())

    def print_draft_code(self, code: str) -> PrintOutcome:
        """Print the 草稿保存凭条 for a kept draft. A printer failure never touches the draft: the outcome says the
        slip was not printed and the code must be noted from the screen."""
        document = self.draft_code_document(code)
        from app.devices.printing import PrintFailedError

        if self._d.printer is None:
            return PrintOutcome(False, False, None, "未配置打印机，草稿凭条无法打印，请记下屏幕上的草稿编号。")
        c = code.strip().upper()
        # The slip is a secret that opens the draft: a job left in the spool expires after DRAFT_SLIP_SPOOL_S and
        # `discard` cancels it (slip_jobs), so it never prints later for whoever stands at the kiosk then.
        try:
            result = self._d.printer().print_receipt(
                document, title="草稿保存凭条", kind="draft_code", expires_at=self._d.clock() + DRAFT_SLIP_SPOOL_S
            )
        except PrintFailedError as exc:
            if exc.job_id is not None:
                self._d.slip_jobs[c] = exc.job_id
            msg = f"草稿已保留，但凭条未能打印（{exc.code}），请记下屏幕上的草稿编号。"
            return PrintOutcome(printed=False, queued=exc.job_id is not None, job_id=exc.job_id, message=msg)
        self._d.slip_jobs.pop(c, None)
        return PrintOutcome(printed=True, queued=False, job_id=result.job_id, message=None)
