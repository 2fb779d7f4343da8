"""一件事 merged forms over every bundle theme of the demo catalog, through the real importer and
`ApplyService.start`: each merged field reads as every item field it stands for (unless the theme's mapping says how
it reads), the card prefills only the card holder's fields, and in 新生儿出生一件事 the card holder is the parent who
applies while the newborn's 医保/社保卡 fields are the newborn's."""

from __future__ import annotations

import json
import re

from app.context import AppContext
from app.model.forms import Field
from tests.integration.apply.conftest import THEME, newborn_answers
from tests.support.records import stored_record

ID = "53252419880315002X"
DECEASED_ID = "53252419900101002X"
OTHER_PERSON = re.compile(r"新生儿|婴儿|儿童|学生|逝者|死者|母亲|父亲|配偶|子女|照料人|监护人")
"""Words naming someone else than the applicant: a card-prefilled field must not be about them."""


def _own_fields(ctx: AppContext, code: str) -> dict[str, Field]:
    from app.forms.engine.definition import parse_form

    guide = ctx.catalog.get_item(code)
    return {f.id: f for f in parse_form(guide.form, material_ids=[m.id for m in guide.materials]).fields}


def test_every_bundle_reads_as_its_items_and_the_card_fills_only_the_card_holder(ctx: AppContext) -> None:
    bundles = [t for t in ctx.catalog.list_themes() if t.kind == "bundle"]
    assert len(bundles) >= 8
    for theme in bundles:
        session = ctx.apply.start(theme.code)
        card_sources: dict[str, str] = {}
        for merged in session.form.fields:
            contributors = [(p.code, p.field_map[merged.id]) for p in session.items if merged.id in p.field_map]
            assert contributors, (theme.code, merged.id)
            for code, own_id in contributors:
                own = _own_fields(ctx, code)[own_id]
                mapping = theme.fields.get(code, {}).get(own_id, {})
                where = f"{theme.code} {theme.name}: {merged.id} ← {code} {own_id}"
                if merged.type != "material":  # a material is shown under the material's name, one slot per id
                    assert merged.label == mapping.get("label", own.label).strip(), where
                prefill = mapping.get("prefill", own.prefill)
                assert merged.prefill == (None if prefill == "none" else prefill), where
                assert merged.type == own.type and merged.options == own.options, where
            if merged.prefill and merged.prefill.startswith("card."):
                where = f"{theme.code} {theme.name}: {merged.id} {merged.label}"
                # The card holder is asked once: one merged field per card source…
                assert merged.prefill not in card_sources, f"{where} and {card_sources.get(merged.prefill)}"
                card_sources[merged.prefill] = merged.id
                # …and a card-prefilled field is about the card holder, not the newborn, the deceased, the student.
                assert not OTHER_PERSON.search(re.sub(r"（[^）]*）", "", merged.label)), where
        # Without a mapping a field asked by several items under different labels is kept apart, never joined.
        for part in session.items:
            assert len(set(part.field_map.values())) == len(part.field_map), (theme.code, part.code)


def test_newborn_bundle_the_parent_applies_and_the_newborn_fields_are_not_prefilled(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(THEME)
    labels = {f.id: f.label for f in session.form.fields}
    assert labels["applicant_name"] == "申请人（父亲或母亲）姓名"
    assert labels["id_number"] == "申请人（父亲或母亲）公民身份号码"
    assert (labels["mother_name"], labels["father_name"]) == ("母亲姓名", "父亲姓名")
    assert (labels["child_name"], labels["child_gender"], labels["child_id_number"]) == (
        "新生儿姓名",
        "新生儿性别",
        "新生儿公民身份号码",
    )
    assert "gender" not in labels and not any(fid.startswith("530000-") for fid in labels)  # nothing split
    by_code = {p.code: p.field_map for p in session.items}
    # The 社保卡 item's person fields are the newborn's; its phone is the family's one phone.
    assert by_code["530000-RS-0007"]["child_name"] == "applicant_name"
    assert by_code["530000-RS-0007"]["child_gender"] == "gender"
    assert by_code["530000-RS-0007"]["child_id_number"] == "id_number"
    assert all(m["applicant_name"] == "applicant_name" for c, m in by_code.items() if c != "530000-RS-0007")

    pre = svc.apply_card(session, ctx.identity.read_card(timeout=10))  # 李明华, 男: a father
    assert pre.answers == {"applicant_name": "李明华", "id_number": ID}  # and nothing about the newborn
    assert svc.save_page(session, newborn_answers()) == {}
    for slot in session.slots:
        svc.add_page(session, slot.slot_id, f"page of {slot.material_id}".encode())
    assert svc.validate(session) == {}  # the newborn's ID number may wait for 出生登记
    result = svc.finalise(session, consent=True)
    payload = json.loads(stored_record(ctx.records_db, result.record_id).payload)
    assert payload["applicant"] == {"name": "李明华", "id_number": ID}
    items = {p["code"]: p["answers"] for p in payload["items"]}
    # Each item gets its own field ids back: the 社保卡 is applied for in the newborn's name and sex.
    card_item = dict(items["530000-RS-0007"])
    assert len(card_item.pop("photo_upload")) == 1  # the newborn's photo, one page
    assert card_item == {"applicant_name": "李小米", "gender": "女", "phone": "13800138000", "bank": "rcc"}
    assert items["530000-YB-0012"]["applicant_name"] == "李明华" and items["530000-YB-0012"]["id_number"] == ID
    assert items["530000-WJ-0002"]["mother_name"] == "王芳" and items["530000-WJ-0002"]["applicant_name"] == "李明华"
    assert items["530000-WJ-0012"]["child_name"] == "李小米"


def test_the_applicant_is_the_card_holder_not_the_first_id_field_asked(ctx: AppContext) -> None:
    """身后一件事 asks the deceased's ID first and no ID of the applicant: the payload (and the receipt) name the
    card holder, whose ID comes from the card read."""
    svc = ctx.apply
    session = svc.start("YJS-005")
    assert [f.id for f in session.form.fields if f.type == "id_number"] == ["deceased_id"]
    svc.apply_card(session, ctx.identity.read_card(timeout=10))
    answers = {
        "deceased_name": "李老三",
        "deceased_id": DECEASED_ID,
        "death_date": "2026-11-20",
        "phone": "13800138000",
        "burial_mode": "cremation",
    }
    assert svc.save_page(session, answers) == {}
    for slot in session.slots:
        if slot.required:
            svc.add_page(session, slot.slot_id, f"page of {slot.material_id}".encode())
    assert svc.validate(session) == {}
    result = svc.finalise(session, consent=True)
    payload = json.loads(stored_record(ctx.records_db, result.record_id).payload)
    assert payload["applicant"] == {"name": "李明华", "id_number": ID}
    assert payload["form"]["deceased_id"] == DECEASED_ID
    assert all(p["answers"]["applicant_name"] == "李明华" for p in payload["items"])
