"""Answers that were not typed: prefill from the card, the terminal and the session, and a draft's answers carried
to a new version of its form definition.

Contract: `prefill` leaves out values that do not fit their field; `migrate_answers` loses nothing silently (what it
cannot keep is a `RemovedAnswer` for the operator).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.forms.engine.answers import is_empty, is_required, to_decimal, visible_fields
from app.forms.engine.definition import parse_date
from app.model.forms import AnswerMigration, Field, FormDefinition, RemovedAnswer

__all__ = ["migrate_answers", "prefill"]

# --------------------------------------------------------------------------------------------------------------------
# Prefill


def _adapt(field: Field, value: Any) -> Any:
    """A prefill source's value in the form the field's type expects, or None when it does not fit."""
    if is_empty(value):
        return None
    ftype = field.type
    if ftype in ("choice", "multichoice"):
        text = str(value).strip()
        for opt in field.options:
            if text in (opt.value, opt.label, opt.label_en):
                return opt.value if ftype == "choice" else [opt.value]
        return None
    if ftype == "date":
        text = str(value).strip()
        if len(text) == 8 and text.isdigit():
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        text = text.replace(".", "-").replace("/", "-")
        return text if parse_date(text) is not None else None
    if ftype == "yesno":
        return value if isinstance(value, bool) else None
    if ftype in ("number", "amount"):
        return value if to_decimal(value) is not None else None
    if ftype in ("signature", "material"):
        return None
    if not isinstance(value, str | int):
        return None
    text = str(value).strip()
    if ftype in ("id_number", "uscc"):
        text = text.upper()
    cap = field.max_length
    return text if cap is None or len(text) <= cap else None


def prefill(
    definition: FormDefinition,
    *,
    card: Mapping[str, Any] | None,
    terminal_division: str | None,
    session: Mapping[str, Any],
) -> dict[str, Any]:
    """Answers from the fields' prefill sources: `card.<key>` (the read-card JSON), `terminal.division` (the
    terminal's division code) and `session.<field id>` (an earlier answer in the same session). Values that do not
    fit the field (a 长期 valid_to in a date field, a gender not among the options) are left out."""
    result: dict[str, Any] = {}
    for field in definition.fields:
        if field.prefill is None:
            continue
        kind, _, key = field.prefill.partition(".")
        value: Any = None
        if kind == "card" and card is not None:
            value = card.get(key)
        elif kind == "terminal":
            value = terminal_division
        elif kind == "session":
            value = session.get(key)
        adapted = _adapt(field, value)
        if adapted is not None:
            result[field.id] = adapted
    return result


# --------------------------------------------------------------------------------------------------------------------
# Drafts across definition versions

_COMPATIBLE = {("text", "textarea"), ("textarea", "text")}


def migrate_answers(old: FormDefinition, new: FormDefinition, answers: Mapping[str, Any]) -> AnswerMigration:
    """Carry a draft's answers to a new definition version by stable field id.

    An answer is kept when its field still exists with the same type (text and textarea interchange when the text
    fits), and, for choices, when its option still exists. Everything else is kept aside as a `RemovedAnswer` for the
    operator. `to_ask` lists the fields the new version requires that are unanswered and were not already required.
    """
    kept: dict[str, Any] = {}
    removed: list[RemovedAnswer] = []
    dropped: set[str] = set()

    def aside(fid: str, value: Any, reason: str) -> None:
        source = old.field(fid) or new.field(fid)
        label, label_en = (source.label, source.label_en) if source else (fid, fid)
        removed.append(RemovedAnswer(field_id=fid, label=label, label_en=label_en, value=value, reason=reason))
        dropped.add(fid)

    for fid, value in answers.items():
        nf = new.field(fid)
        of = old.field(fid)
        if nf is None:
            aside(fid, value, "field_removed")
            continue
        old_type = of.type if of is not None else nf.type
        if old_type != nf.type and (old_type, nf.type) not in _COMPATIBLE:
            aside(fid, value, "type_changed")
            continue
        if (old_type, nf.type) in _COMPATIBLE and isinstance(value, str):
            cap = nf.max_length
            if cap is not None and len(value) > cap:
                aside(fid, value, "type_changed")
                continue
        if nf.type == "choice" and not is_empty(value) and nf.option(value) is None:
            aside(fid, value, "option_removed")
            continue
        if nf.type == "multichoice" and isinstance(value, list):
            still = [v for v in value if nf.option(v) is not None]
            gone = [v for v in value if nf.option(v) is None]
            if gone:
                aside(fid, gone, "option_removed")
            if still or not gone:
                kept[fid] = still
            continue
        kept[fid] = value

    new_visible = visible_fields(new, kept)
    old_visible = visible_fields(old, answers)
    to_ask: list[str] = []
    for f in new.fields:
        if f.id not in new_visible or not is_required(f, kept, new_visible) or not is_empty(kept.get(f.id)):
            continue
        of = old.field(f.id)
        was_required = of is not None and of.id in old_visible and is_required(of, answers, old_visible)
        if not was_required or f.id in dropped:
            to_ask.append(f.id)
    return AnswerMigration(kept=kept, removed=tuple(removed), to_ask=tuple(to_ask))
