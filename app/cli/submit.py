"""`yunban submit --item CODE --data FILE.json --consent [--attach SLOT=FILE …] [--card-json FILE] [--print URI]`:
apply for an item without the screens, through exactly the same ApplyService as the kiosk.

`--consent` says the applicant read and agreed to the 告知承诺 (`app.model.apply.CONSENT_TEXT`), recorded with the
submission as on the screens; without it nothing is read or submitted (exit 2, `cli.consent_needed`, the promise's
text under `consent_text` with --json). On `--channel laptop` (帮办代办) `--agent-signature FILE.png` is the
villager's consent to the application made on their behalf (docs/laptop.md); without it the service refuses
(`apply.agent_consent_missing`).

Contract: FILE.json maps field ids to values (answers win over `--card-json`, the output of `yunban devices
read-card --json`); SLOT is a material field's id or material id. JSON: `{receipt_no, record_id, due_date,
outbox: "pending"}`, plus `printed`/`print_queued`/`print_message` with --print. A failed submit (an unknown
field, a refused attachment, an unknown slot, a form error, an interruption) leaves no draft behind unless
`--keep-draft` asks for one; the files named are read as regular files only, with size and depth caps.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.apply.files import load_json
from app.cli import messages as m
from app.cli.output import context, print_json
from app.cli.style import print_warning
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP, Message

MAX_DATA_BYTES = 4 * 1024 * 1024
"""--data and --card-json: a regular file of at most this size, nested at most 32 levels (app.apply.files)."""

CONSENT_NEEDED = Message(
    "cli.consent_needed",
    QT_TRANSLATE_NOOP(
        "messages",
        "申请人尚未同意告知承诺，不能提交：请申请人阅读并同意告知承诺（见下），再加上 --consent 重新提交",
    ),
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("submit", parents=[common], help="apply for an item (or 一件事 theme) non-interactively")
    p.add_argument("--item", required=True, metavar="CODE", help="item code or 一件事 theme code")
    p.add_argument("--data", required=True, metavar="FILE.json", help="answers: a JSON object of field id → value")
    p.add_argument("--attach", action="append", default=[], metavar="SLOT=FILE", help="a material page (repeatable)")
    p.add_argument("--card-json", metavar="FILE", help="the output of `yunban devices read-card --json`")
    p.add_argument("--defer", action="append", default=[], metavar="SLOT", help="容缺: bring this material later")
    p.add_argument("--print", dest="print_uri", metavar="URI", help="print the receipt on this printer")
    p.add_argument("--channel", default="counter", choices=["kiosk", "counter", "laptop"])
    p.add_argument(
        "--consent",
        action="store_true",
        help="the applicant read and agreed to the 告知承诺 (declaration); required, recorded with the submission",
    )
    p.add_argument(
        "--agent-signature",
        metavar="FILE.png",
        help="帮办代办 (--channel laptop): the villager's signature consenting to the application on their behalf; "
        "the logged-in worker (or the laptop's local worker) is the agent",
    )
    p.add_argument(
        "--keep-draft", action="store_true", help="keep a (counter) draft of what was entered when the submit fails"
    )
    p.set_defaults(func=_run)


def _load_json(path: str, what: str) -> Any:
    return load_json(Path(path), option=what, cap=MAX_DATA_BYTES)


def problems(service: Any, session: Any) -> list[dict[str, Any]]:
    """What stops `session` from being finalised, one entry per field or material slot: `{field, label, reason,
    code}`, and for a material also `slot` and `attach` (the `--attach SLOT=FILE` that satisfies it). Labels and
    reasons are in the CLI's language."""
    from app.i18n import cli_language

    english = cli_language() == "en"
    summary = service.review(session)
    fields = {f.id: f for f in session.form.fields}
    slots = {s.slot_id: s for s in session.slots}
    out: list[dict[str, Any]] = []
    for field_id, error in summary.errors.items():
        f = fields.get(field_id)
        label = (f.label_en or f.label) if f is not None and english else (f.label if f is not None else field_id)
        entry: dict[str, Any] = {"field": field_id, "label": label, "reason": error.text(cli_language()),
                                 "code": error.code}  # fmt: skip
        if field_id in slots or (f is not None and f.type == "material"):
            entry.update(slot=field_id, attach=f"--attach {field_id}=FILE")
        elif f is not None and error.code in FORMAT_CODES:
            entry.update(_expected(f))
        out.append(entry)
    for slot in session.slots:
        if slot.owed and slot.slot_id not in summary.errors:
            name = (slot.name_en or slot.name) if english else slot.name
            out.append({"field": slot.slot_id, "label": name, "reason": m.say(m.MATERIAL_OWED),
                        "code": "material_missing", "slot": slot.slot_id,
                        "attach": f"--attach {slot.slot_id}=FILE"})  # fmt: skip
    return out


FORMAT_CODES = frozenset({"bad_value", "not_option", "not_number", "not_amount", "not_integer"})
"""Form engine reasons that mean "not the kind of value this field takes": the problem then says what it takes."""


def _expected(f: Any) -> dict[str, Any]:
    """What a field takes, for a `--data` value of the wrong kind: `{type, expected}` (and `options`, the values a
    choice takes), `expected` in the CLI's language."""
    from app.i18n import cli_language

    options = [o.value for o in f.options]
    listed = (", " if cli_language() == "en" else "、").join(options)
    what = {
        "date": m.say(m.EXPECT_DATE),
        "choice": m.say(m.EXPECT_CHOICE, options=listed),
        "multichoice": m.say(m.EXPECT_MULTI, options=listed),
        "yesno": m.say(m.EXPECT_YESNO),
        "number": m.say(m.EXPECT_NUMBER),
        "amount": m.say(m.EXPECT_NUMBER),
        "material": m.say(m.EXPECT_PAGES),
    }.get(f.type, m.say(m.EXPECT_TEXT))
    out: dict[str, Any] = {"type": f.type, "expected": m.say(m.EXPECTED, what=what)}
    if f.type in ("choice", "multichoice"):
        out["options"] = options
    return out


def has_slot(session: Any, slot_id: str) -> bool:
    """Whether `--attach`/`--defer` SLOT names one of the session's material slots (its id or material id)."""
    return session.slot(slot_id) is not None or any(s.material_id == slot_id for s in session.slots)


def _unknown(ids: list[str], message: Any, code: str) -> list[dict[str, Any]]:
    return [{"field": i, "label": None, "reason": m.say(message), "code": code} for i in ids]


def _refuse_problems(
    service: Any, session: Any, *, item: str = "", unknown_fields: Sequence[str] = (), unknown_slots: Sequence[str] = ()
) -> None:
    """Refuse with every problem named (field or slot id, label, reason) before the service's one-line refusal:
    field ids `--data` gave that the form does not have and SLOTs `--attach`/`--defer` named that the item does not
    have come first (with the ids it does have), then what the form engine and the material slots say."""
    from app.apply import messages as am
    from app.cli.output import CliError
    from app.i18n import cli_language

    shape = "{field} ({label}): {reason}" if cli_language() == "en" else "{field}（{label}）：{reason}"

    def line(p: dict[str, Any]) -> str:
        text = shape.format(**p) if p["label"] else f"{p['field']}: {p['reason']}"
        if "expected" in p:
            text += f" ({p['expected']})" if cli_language() == "en" else f"（{p['expected']}）"
        return text + (f"  → {p['attach']}" if "attach" in p else "")

    unknown = _unknown(list(unknown_fields), m.UNKNOWN_FIELD, "unknown_field")
    unknown += _unknown(list(unknown_slots), m.UNKNOWN_SLOT, "unknown_slot")
    if unknown:
        found = unknown + problems(service, session)
        ids = [f.id for f in session.form.fields if f.type != "material"]
        slots = [s.slot_id for s in session.slots]
        lines = [line(p) for p in found]
        details: dict[str, Any] = {"problems": found}  # the ids it has: `catalog show CODE --json`, and the text
        if unknown_fields:
            lines += [m.say(m.FORM_FIELDS, fields=", ".join(ids)), m.say(m.SEE_FORM, item=item)]
            raise CliError(am.NO_SUCH_FIELD, field=", ".join(unknown_fields), details=details, lines=lines)
        lines += [m.say(m.FORM_SLOTS, slots=", ".join(slots)), m.say(m.SEE_FORM, item=item)]
        raise CliError(am.NO_SUCH_MATERIAL, slot=", ".join(unknown_slots), details=details, lines=lines)
    if session.refusal is not None:
        return  # the service names the refused card
    found = problems(service, session)
    if not found:
        return
    materials_only = all(p.get("code") == "material_missing" for p in found)
    lines = [line(p) for p in found]
    if materials_only:
        names = "、".join(p["label"] for p in found)
        raise CliError(am.MATERIALS_MISSING, materials=names, details={"problems": found}, lines=lines)
    first = found[0]["reason"]
    raise CliError(am.FORM_HAS_ERRORS, count=len(found), first=first, details={"problems": found}, lines=lines)


def _require_consent(args: argparse.Namespace) -> None:
    """No submission without the applicant's 告知承诺: refused before any file is read, the promise shown."""
    from app.cli.output import CliError
    from app.model.apply import CONSENT_TEXT

    if not args.consent:
        raise CliError(CONSENT_NEEDED, details={"consent_text": CONSENT_TEXT, "fix": "--consent"}, lines=[CONSENT_TEXT])


def _agent_signature(ctx: Any, service: Any, session: Any, path: Path) -> None:
    """The villager's signature (a PNG file) as their consent to the application made on their behalf."""
    from app.apply.files import read_regular_file
    from app.visits.consent import Agent, AgentConsent
    from app.visits.service import LOCAL_WORKER

    staff = ctx.staff.current()
    agent = Agent(staff.staff_id, staff.name, staff.role) if staff else Agent(LOCAL_WORKER, "", "grid_worker")
    AgentConsent(lambda: service).sign(session, read_regular_file(path, cap=MAX_DATA_BYTES), agent)


def _run(args: argparse.Namespace) -> int:
    _require_consent(args)
    answers = _load_json(args.data, "--data")
    if not isinstance(answers, dict):
        raise UserError(m.DATA_NOT_OBJECT)
    card = _load_json(args.card_json, "--card-json") if args.card_json else None
    if card is not None and not isinstance(card, dict):
        raise UserError(m.CARD_NOT_OBJECT)
    attachments = []
    for spec in args.attach:
        slot, sep, file = spec.partition("=")
        if not sep or not slot or not file:
            raise UserError(m.BAD_ATTACH, spec=repr(spec))
        attachments.append((slot, Path(file)))
    ctx = context(args)
    try:
        service = ctx.apply
        if args.print_uri:
            printer = ctx.printer.with_overrides(uri=args.print_uri)
            service = service.with_printer(lambda: printer)
        # Without --keep-draft no draft row is ever written (autosave off): a refusal or a kill at any step leaves
        # no draft holding card data; pages already stored are released here, or collected as orphans after a kill.
        session = service.start(args.item, channel=args.channel, autosave=args.keep_draft)
        try:
            warnings: list[str] = []
            if card is not None:
                warnings += service.apply_card(session, card).warnings
            # Field ids and SLOTs the item does not have are all named at once, with the form's other problems.
            unknown_fields = [key for key in answers if session.form.field(key) is None]
            service.save_page(session, {k: v for k, v in answers.items() if k not in unknown_fields})
            unknown_slots = [slot for slot, _ in attachments if not has_slot(session, slot)]
            unknown_slots += [slot for slot in args.defer if not has_slot(session, slot)]
            for slot, file in attachments:
                if slot not in unknown_slots:
                    service.add_page(session, slot, file)
            for slot in args.defer:
                if slot not in unknown_slots:
                    service.mark_deferred(session, slot)
            _refuse_problems(service, session, item=args.item, unknown_fields=unknown_fields,
                             unknown_slots=list(dict.fromkeys(unknown_slots)))  # fmt: skip
            if args.agent_signature:  # 帮办代办: the villager's consent, the worker as the agent (app/visits)
                _agent_signature(ctx, service, session, Path(args.agent_signature))
            result = service.finalise(session, print_receipt=bool(args.print_uri), consent=True)
        except BaseException:
            service.discard(session, drop_draft=not args.keep_draft)
            raise
        service.discard(session)
    finally:
        ctx.close()
    data = result.to_json()
    if args.print_uri:
        data.update(printed=result.printed, print_queued=result.print_queued, print_message=result.print_message)
    if args.json:
        for w in warnings:
            print_warning(m.say(m.NOTE, warning=w))
        print_json(data)
    else:
        print(m.say(m.SUBMITTED_RECEIPT, receipt=result.receipt_no))
        print(m.say(m.SUBMITTED_DUE, due=result.due_date or "-"))
        print(m.say(m.SUBMITTED_RECORD, record=result.record_id, outbox=result.outbox))
        for w in warnings:
            print_warning(m.say(m.NOTE, warning=w), stream=sys.stdout)
        if result.print_message:
            print(result.print_message)
    return 0
