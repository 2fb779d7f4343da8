"""常办事项 count what the hall does: starting and submitting an application (the real apply service, records.db, the
GA 467 reader emulator on a pty) add to the item's local usage count, and the most used item leads the list."""

from __future__ import annotations

from app.context import AppContext
from tests.integration.apply.conftest import DIBAO_ITEM, SIGNATURE_PNG, ctx, dibao_answers, emulator, home

__all__ = ["ctx", "emulator", "home"]  # the apply fixtures, used here by name


def test_start_and_submit_count_for_frequent_items(ctx: AppContext, emulator: object) -> None:
    catalog = ctx.catalog
    assert catalog.frequent_items(limit=1)[0].code != DIBAO_ITEM
    svc = ctx.apply
    session = svc.start(DIBAO_ITEM, channel="counter")
    assert catalog.frequent_items(limit=1)[0].code == DIBAO_ITEM  # started once
    svc.apply_card(session, ctx.identity.read_card(timeout=10))
    assert svc.save_page(session, {**dibao_answers(), "signature": SIGNATURE_PNG}) == {}
    for slot in session.slots:
        if slot.owed:
            svc.mark_deferred(session, slot.slot_id)  # 容缺: this item allows it
    svc.finalise(session, consent=True)
    top = catalog.frequent_items(limit=1)[0]
    assert top.code == DIBAO_ITEM and top.popularity == 2  # started and submitted: no person, only a count
