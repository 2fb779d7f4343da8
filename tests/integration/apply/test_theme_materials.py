"""一件事 material slots over every bundle theme of the demo catalog, through the real importer and
`ApplyService.start`: one document is one slot (the theme joins what items ask under different ids or names), no slot
reads as the card holder's where the item is about someone else, materials a bundle produces itself are 免提交
（部门共享）, and the submission says per item which slot satisfied each of its materials."""

from __future__ import annotations

import json
import re
import time

from app.context import AppContext
from app.forms.engine.definition import parse_form
from app.model.apply import ApplySession
from tests.integration.apply.conftest import THEME, newborn_answers
from tests.support.records import stored_record

ID = "53252419880315002X"
SOMEONE_ELSE = re.compile(r"新生儿|婴儿|儿童|学生|逝者|死者|子女")
"""Words saying a document is someone else's than the card holder's."""
CARD_HOLDERS = re.compile(r"申请人|本人")
"""Words saying a document is the card holder's (the applicant)."""


def _about_someone_else(ctx: AppContext, session: ApplySession) -> set[str]:
    """Items whose own applicant fields (card-prefilled in the item's own form) the theme gave to someone else:
    in 新生儿出生一件事 the 社保卡's applicant is the newborn."""
    out = set()
    for part in session.items:
        guide = ctx.catalog.get_item(part.code)
        own = parse_form(guide.form, material_ids=[m.id for m in guide.materials]).fields if guide.form else ()
        for f in own:
            if f.prefill not in ("card.name", "card.id_number"):
                continue
            merged = next((session.form.field(m) for m, o in part.field_map.items() if o == f.id), None)
            if merged is not None and merged.prefill != f.prefill:
                out.add(part.code)
    return out


def test_every_bundle_asks_each_document_once_under_the_right_name(ctx: AppContext) -> None:
    bundles = [t for t in ctx.catalog.list_themes() if t.kind == "bundle"]
    assert len(bundles) >= 8 and sum(1 for t in bundles if t.materials) >= 6
    for theme in bundles:
        session = ctx.apply.start(theme.code)
        names = {p.code: {m.id: m.name for m in ctx.catalog.get_item(p.code).materials} for p in session.items}
        others = _about_someone_else(ctx, session)
        holder_ids = []
        for slot in session.slots:
            where = f"{theme.code} {theme.name}: {slot.material_id} {slot.name}"
            mapped = [theme.materials.get(c, {}).get(i, {}) for c, i in slot.members]
            # The slot reads as one of its items' materials, or as the theme renamed it.
            assert slot.name in {names[c][i].strip() for c, i in slot.members} | {m.get("name") for m in mapped}, where
            # An item about someone else (the newborn's 社保卡) brings no slot named for the applicant.
            for c, _i in slot.members:
                assert c not in others or not CARD_HOLDERS.search(slot.name), f"{where} ← {c}"
            # Members of one slot that the items name differently were joined on purpose (`as` in the theme).
            first = names[slot.members[0][0]][slot.members[0][1]].strip()
            for (c, i), m in zip(slot.members[1:], mapped[1:], strict=True):
                assert names[c][i].strip() == first or "as" in m, f"{where} ← {c} {i}"
            if "身份证" in slot.name and not SOMEONE_ELSE.search(slot.name):
                holder_ids.append(slot.name)
            assert len({c for c, _i in slot.members}) == len(slot.members), where  # one item, one material a slot
        # The card holder's ID card is asked once, whatever each item calls it (申报人/经办家属/申请家属身份证…).
        assert len(holder_ids) <= 1, (theme.code, holder_ids)
        # Every join and every 免提交 the theme declares is what the session does.
        for code, per_item in theme.materials.items():
            part = next(p for p in session.items if p.code == code)
            for mid, spec in per_item.items():
                if spec.get("omit"):
                    assert mid not in part.materials, (theme.code, code, mid)
                    shared = next(s for s in session.shared if (s.item_code, s.material_id) == (code, mid))
                    assert shared.reason == spec["reason"] and shared.name == spec.get("name", names[code][mid])
                elif "as" in spec:
                    assert part.materials[mid] == spec["as"], (theme.code, code, mid)
        # Each item's every material is satisfied by a slot or shared between departments, never lost.
        for part in session.items:
            shared_ids = {s.material_id for s in session.shared if s.item_code == part.code}
            assert set(part.materials) | shared_ids == set(names[part.code]), (theme.code, part.code)
            assert not set(part.materials) & shared_ids


def test_the_newborn_bundle_submission_says_which_slot_satisfied_each_material(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(THEME)
    assert [(s.item_code, s.material_id, s.name) for s in session.shared] == [
        ("530000-RS-0007", "id_card", "新生儿的户籍身份信息")
    ]
    svc.apply_card(session, ctx.identity.read_card(timeout=10))
    assert svc.save_page(session, newborn_answers()) == {}
    for slot in session.slots:
        svc.add_page(session, slot.slot_id, f"page of {slot.material_id}".encode())
    review = svc.review(session)
    assert review.can_finalise and review.owed == () and review.shared[0][0] == "新生儿的户籍身份信息"
    assert len(review.received) == len(session.slots) == 7
    result = svc.finalise(session, consent=True)
    payload = json.loads(stored_record(ctx.records_db, result.record_id).payload)
    pages = {s["material_id"]: s["pages"] for s in payload["materials"]}
    items = {p["code"]: p["materials"] for p in payload["items"]}
    # The 社保卡 asks nothing of the newborn's identity; its photo is the newborn's, scanned once.
    assert items["530000-RS-0007"]["id_card"] == {"shared": True, "reason": session.shared[0].reason}
    assert items["530000-RS-0007"]["photo"] == {"slot": "photo", "pages": pages["photo"], "deferred": False}
    # 父或母居民身份证 (医保) and 监护人身份证 (预防接种证) are satisfied by the one scan of 父母双方居民身份证.
    for code in ("530000-YB-0012", "530000-WJ-0012"):
        assert items[code]["guardian_id"]["slot"] == "parents_id"
        assert items[code]["guardian_id"]["pages"] == pages["parents_id"] and len(pages["parents_id"]) == 1
    parents = next(s for s in payload["materials"] if s["material_id"] == "parents_id")
    assert parents["items"] == {
        "530000-WJ-0002": "parents_id",
        "530000-GA-0005": "parents_id",
        "530000-YB-0012": "guardian_id",
        "530000-WJ-0012": "guardian_id",
    }
    assert payload["shared_materials"] == [
        {"item_code": "530000-RS-0007", "material_id": "id_card", "name": "新生儿的户籍身份信息",
         "reason": session.shared[0].reason}
    ]  # fmt: skip
    # The receipt: every slot received, nothing owed, the shared one said so.
    doc = svc.receipts.receipt_document(result.receipt_no)
    text = "\n".join(str(getattr(b, "text", "")) for b in doc.blocks)
    assert "尚需补交" not in text and "免提交（部门共享）：新生儿的户籍身份信息" in text
    assert "父母双方居民身份证（1页）" in text and "申请人居民身份证" not in text


def test_a_draft_saved_before_the_theme_joined_two_materials_keeps_its_pages(ctx: AppContext) -> None:
    """A kept draft from before the theme's material mapping had the 医保 item's 父或母居民身份证 as a slot of its own
    (`material.guardian_id`): resumed now, its page lands in the slot that stands for that material."""
    from app.apply.drafts import draft_document
    from app.apply.shared import now_iso
    from app.records.crypto import seal

    svc = ctx.apply
    session = svc.start(THEME)
    code = svc.keep_draft(session)
    svc.add_page(session, "material.parents_id", b"page of both parents' ID cards")
    doc = draft_document(session)
    (parents,) = [s for s in doc["slots"] if s["slot_id"] == "material.parents_id"]
    old = {"slot_id": "material.guardian_id", "deferred": False, "pages": parents["pages"],
           "members": [["530000-YB-0012", "guardian_id"]]}  # fmt: skip
    parents["pages"] = []
    doc["slots"].append(old)
    blob = seal(svc.cipher, json.dumps(doc, ensure_ascii=False).encode(), session.session_id.encode())
    svc.tables.save_draft(session.session_id, channel=session.channel, at=now_iso(time.time()), blob=blob)
    back = svc.resume_draft(code)
    slot = back.slot("material.parents_id")
    assert slot is not None and ("530000-YB-0012", "guardian_id") in slot.members
    assert [p.sha256 for p in slot.pages] == [old["pages"][0]["sha256"]]
    assert back.slot("material.guardian_id") is None


def test_a_joined_slot_asks_what_all_its_items_need_together(ctx: AppContext) -> None:
    """One slot standing for several items' materials asks for the original if any item wants it, copies if any
    wants copies (原件和复印件 for both), paper if any wants paper, and the most copies any item wants."""
    joined_with_different_terms = 0
    for theme in (t for t in ctx.catalog.list_themes() if t.kind == "bundle"):
        session = ctx.apply.start(theme.code)
        materials = {p.code: {m.id: m for m in ctx.catalog.get_item(p.code).materials} for p in session.items}
        for slot in session.slots:
            members = [materials[c][i] for c, i in slot.members]
            forms, media = {m.form for m in members}, {m.medium for m in members}
            where = f"{theme.code} {slot.name}: {sorted(forms)} {sorted(media)}"
            if len(forms) > 1 or len(media) > 1 or len({m.copies for m in members}) > 1:
                joined_with_different_terms += 1
            if "原件和复印件" in forms or {"原件", "复印件"} <= forms:
                assert slot.form == "原件和复印件", where
            elif len(forms) == 1:
                assert slot.form == members[0].form, where
            else:
                assert slot.form in forms, where
            assert slot.medium == ("纸质" if "纸质" in media else slot.medium) and slot.medium in media, where
            assert slot.copies == max(m.copies for m in members), where
    assert joined_with_different_terms >= 1  # the demo has such joins (经营者身份证 原件 + 法定代表人身份证明 复印件)
