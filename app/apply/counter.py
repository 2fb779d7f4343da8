"""What the catalog says about applying in person, for a flow that tells the truth: where and how an item is handled
at the window (`counter_guide`), which materials the ID card on the reader stands for (`card_covers`), and where a
result chosen as 窗口领取 is collected (`pickup_place`).

An item whose 办理方式 does not include 自助终端 (`ItemGuide.self_service` false: an on-site photo, fingerprints, a
fee paid at the window) is never "accepted" by a kiosk: the kiosk takes a 预申请 (pre-application) and says where to
finish it. Counter and laptop sessions are run by staff and accept every item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.model.apply import ApplySession, CounterGuide, MaterialSlot
from app.model.catalog import LEVELS, ItemGuide
from app.model.forms import FormDefinition

__all__ = ["ID_CARD_MATERIAL", "card_covers", "counter_guide", "is_pre_application", "mark_card_materials"]

ID_CARD_MATERIAL = "id_card"
"""The catalog's material id for the applicant's own 居民身份证."""

_SEVERAL_PEOPLE = ("双方", "及", "和", "家庭成员", "共同", "成员")
"""A material naming the ID cards of several people (双方居民身份证, 申请人及家庭成员...): one card on the reader is
not all of it."""

_WINDOW_ACTORS = ("窗口", "现场")
"""Process steps whose actor is a window officer happen in person (采集相片、指纹, 收费...)."""

ON_READER_CARDS = (None, "resident_id")
"""Card types that are a 居民身份证 (the read-card JSON of older readers has no card_type)."""


def counter_guide(guide: ItemGuide) -> CounterGuide | None:
    """Where and how `guide` is handled in person: the implementing body nearest the terminal (village first), its
    place, hours and phone, the fee, the steps done at the window and the required materials with their
    requirements. None when no implementing body is on the terminal's chain."""
    if not guide.implementations:
        return None
    rank = {level: n for n, level in enumerate(LEVELS)}
    impl = max(guide.implementations, key=lambda i: rank.get(i.level, -1))
    on_site = tuple(
        f"{step.name}：{step.description}" if step.description else step.name
        for step in guide.process
        if any(word in step.actor for word in _WINDOW_ACTORS)
    )
    bring = tuple(
        f"{m.name}（{m.form}，{m.medium}，{m.copies} 份）" + (f"：{m.standard}" if m.standard else "")
        for m in guide.materials
        if m.required
    )
    return CounterGuide(
        department=impl.body,
        place=impl.place,
        hours=impl.hours,
        phone=impl.consult_phone,
        fee=guide.fee_standard if guide.fee_charged else "",
        on_site=on_site,
        bring=bring,
    )


def is_pre_application(channel: str, self_service: Iterable[bool]) -> bool:
    """A kiosk session for items of which one is not offered on self-service terminals is a 预申请."""
    return channel == "kiosk" and not all(self_service)


def card_covers(slot: MaterialSlot) -> bool:
    """The slot asks for the applicant's own ID card (one person's), which reading the card provides."""
    own_ids = {own for _code, own in slot.members} or {slot.material_id}
    if ID_CARD_MATERIAL not in own_ids and slot.material_id != ID_CARD_MATERIAL:
        return False
    return not any(word in slot.name for word in _SEVERAL_PEOPLE)


def mark_card_materials(session: ApplySession, card: Mapping[str, Any] | None) -> None:
    """After a card read (or a refusal, `card` None): the applicant's ID-card material counts as provided exactly
    while a usable 居民身份证 was read for the session."""
    usable = card is not None and card.get("card_type") in ON_READER_CARDS and session.refusal is None
    for slot in session.slots:
        slot.from_card = usable and card_covers(slot)


def card_filled_fields(form: FormDefinition, answers: Mapping[str, Any], card: Mapping[str, Any]) -> dict[str, Any]:
    """Field id → value of the fields a card read filled (their `prefill` names a card key the card carries)."""
    out: dict[str, Any] = {}
    for f in form.fields:
        source = f.prefill or ""
        if not source.startswith("card."):
            continue
        key = source.partition(".")[2]
        if card.get(key) not in (None, "") and answers.get(f.id) not in (None, "", []):
            out[f.id] = answers[f.id]
    return out


def pickup_place(session: ApplySession) -> str:
    """The window where a result chosen as 窗口领取 is collected ("" when the citizen chose another way)."""
    for f in session.form.fields:
        if f.type != "choice":
            continue
        option = f.option(session.answers.get(f.id))
        if option is not None and "窗口领取" in option.label:
            part = next((p for p in session.items if p.counter is not None), None)
            return part.counter.place if part is not None and part.counter is not None else ""
    return ""
