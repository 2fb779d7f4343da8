"""The form engine: definitions refused with the field named, answers validated, prefill, draft migration."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.forms.engine.answers import validate_answers, visible_fields
from app.forms.engine.definition import FormDefinitionError, form_pages, parse_form
from app.forms.engine.prefill import migrate_answers, prefill
from app.model.forms import DEFAULT_MAX_LENGTH, FIELD_TYPES, Field, FormDefinition
from tests.support.form_samples import dibao, id_number, uscc, wide_form

TODAY = dt.date(2026, 11, 27)
SIGNATURE = (  # a real 1×1 PNG: the signature must decode
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def good_answers() -> dict[str, Any]:
    return {
        "applicant_name": "张三",
        "id_number": id_number(),
        "gender": "m",
        "birth_date": "1980-01-01",
        "phone": "138 0871 2345",
        "division": "532524103205",
        "household_size": 3,
        "monthly_income": "1250.50",
        "reason": "illness",
        "aid": ["medical", "housing"],
        "employer_uscc": uscc(),
        "bank_account": "6222020200112233445",
        "id_card_copy": ["sha256:" + "a" * 64],
        "signature": SIGNATURE,
    }


@pytest.fixture
def form() -> FormDefinition:
    return parse_form(dibao(), material_ids={"id_card", "hukou"})


# ---------------------------------------------------------------------------------------------------------- parsing


def _field(form: FormDefinition, field_id: str) -> Field:
    field = form.field(field_id)
    assert field is not None, field_id
    return field


def test_sample_parses_with_every_key(form: FormDefinition) -> None:
    assert form.version == 1
    show_if, require_if = _field(form, "reason_other").show_if, _field(form, "has_disability_card").require_if
    assert show_if is not None and show_if.equals == "other"
    assert require_if is not None and require_if.any_of == ("disability",)
    assert _field(form, "household_size").validation.min == 1
    assert [o.value for o in _field(form, "gender").options] == ["m", "f"]
    assert _field(form, "id_card_copy").material == "id_card"


def test_every_documented_type_is_known() -> None:
    assert set(FIELD_TYPES) == {
        "text", "textarea", "number", "date", "choice", "multichoice", "yesno", "phone", "id_number", "uscc",
        "division", "amount", "signature", "material",
    }  # fmt: skip


def _with(field_patch: dict[str, Any], index: int = 0) -> dict[str, Any]:
    doc = dibao()
    doc["fields"][index].update(field_patch)
    return doc


@pytest.mark.parametrize(
    ("doc", "field_id", "words"),
    [
        (_with({"type": "slider"}), "applicant_name", "未知的字段类型 'slider'"),
        (_with({"id": "phone"}), "phone", "字段 id 重复"),
        (_with({"show_if": {"field": "nowhere", "equals": 1}}), "applicant_name", "不存在的字段 'nowhere'"),
        (_with({"require_if": {"field": "ghost", "in": [1]}}), "applicant_name", "不存在的字段 'ghost'"),
        (_with({"material": None}, 14), "id_card_copy", "缺少 material"),
        (_with({"material": "birth_cert"}, 14), "id_card_copy", "不是本事项的材料"),
        (_with({"validation": {"regex": "(["}}), "applicant_name", "正则表达式无效"),
        (_with({"validation": {"validator": "gb9999"}}), "applicant_name", "未知的校验器"),
        (_with({"prefill": "card.favourite_colour"}), "applicant_name", "未知的预填来源"),
        (_with({"colour": "red"}), "applicant_name", "未知的键 'colour'"),
        (_with({"options": []}, 2), "gender", "至少一个选项"),
        (_with({"label_en": None}), "applicant_name", "缺少 label_en"),
        (_with({"show_if": {"field": "applicant_name", "equals": "x"}}), "applicant_name", "字段自身"),
        (_with({"show_if": {"field": "reason", "equals": "x", "in": ["y"]}}), "applicant_name", "二者之一"),
    ],
)
def test_bad_definitions_are_refused_naming_the_field(doc: dict[str, Any], field_id: str, words: str) -> None:
    with pytest.raises(FormDefinitionError) as info:
        parse_form(doc, material_ids={"id_card"})
    assert info.value.field_id == field_id
    assert f"'{field_id}'" in str(info.value)
    assert words in str(info.value)


def test_show_if_cycle_is_refused() -> None:
    doc = dibao()
    doc["fields"][8]["show_if"] = {"field": "reason_other", "equals": "x"}  # reason <-> reason_other
    with pytest.raises(FormDefinitionError, match="循环"):
        parse_form(doc)


@pytest.mark.parametrize(
    "doc", [None, [], {"version": 1}, {"version": 0, "fields": [{}]}, {"version": 1, "fields": []}]
)
def test_bad_documents_are_refused(doc: Any) -> None:
    with pytest.raises(FormDefinitionError):
        parse_form(doc)


def test_material_ids_unknown_means_not_checked() -> None:
    doc = _with({"material": "anything"}, 14)
    assert _field(parse_form(doc), "id_card_copy").material == "anything"


# ------------------------------------------------------------------------------------------------------- validating


def test_good_answers_pass(form: FormDefinition) -> None:
    assert validate_answers(form, good_answers(), today=TODAY) == {}


def test_required_fields_say_so_in_plain_chinese(form: FormDefinition) -> None:
    errors = validate_answers(form, {"applicant_name": "   "}, today=TODAY)
    assert errors["applicant_name"].message == "请填写此项"
    assert errors["reason"].message == "请选择此项"
    assert errors["id_card_copy"].message == "请提供此材料"
    assert errors["signature"].message_en == "Please sign in the box"
    assert "gender" not in errors  # optional


@pytest.mark.parametrize(
    ("field_id", "value", "code", "words"),
    [
        ("id_number", "532524198001011230", "gb11643", "校验码"),
        ("id_number", "5325241980", "gb11643", "18位"),
        ("employer_uscc", "91532524MA6K1234OD", "gb32100", "O"),
        ("phone", "12345", "phone", "手机号码"),
        ("household_size", 0, "min", "不能小于 1"),
        ("household_size", "21", "max", "不能大于 20"),
        ("household_size", "三口人", "not_number", "请填写数字"),
        ("monthly_income", "12.345", "not_amount", "两位小数"),
        ("monthly_income", "-5", "min", "负数"),
        ("birth_date", "1980-02-30", "not_date", "日期"),
        ("birth_date", "2030-01-01", "max", "不能晚于 2026-11-27"),
        ("gender", "x", "not_option", "选项"),
        ("aid", ["medical", "spaceship"], "not_option", "选项"),
        ("bank_account", "6222-0202", "regex", "16至19位数字"),
        ("signature", "data:image/png;base64,AAAA", "not_signature", "重新签名"),
        ("division", "53252", "bad_value", "行政区划"),
        ("has_disability_card", "yes", "bad_value", "是"),
        ("applicant_name", 42, "bad_value", "格式"),
    ],
)
def test_each_rule_gives_its_message(form: FormDefinition, field_id: str, value: Any, code: str, words: str) -> None:
    answers = good_answers() | {field_id: value}
    errors = validate_answers(form, answers, today=TODAY)
    assert list(errors) == [field_id]
    assert errors[field_id].code == code
    assert words in errors[field_id].message
    assert errors[field_id].message_en


def test_default_length_caps_per_type(form: FormDefinition) -> None:
    assert DEFAULT_MAX_LENGTH["text"] == 200 and DEFAULT_MAX_LENGTH["textarea"] == 5_000
    errors = validate_answers(form, good_answers() | {"applicant_name": "张" * 201}, today=TODAY)
    assert errors["applicant_name"].code == "too_long"
    assert "最多 200 个字" in errors["applicant_name"].message
    ok = validate_answers(form, good_answers() | {"reason": "other", "reason_other": "说" * 5_000}, today=TODAY)
    assert ok == {}


def test_ten_megabytes_pasted_is_a_clear_error_not_a_hang(form: FormDefinition) -> None:
    huge = "粘" * (10 * 1024 * 1024)
    answers = good_answers() | {"reason": "other", "reason_other": huge, "bank_account": huge, "id_number": huge}
    errors = validate_answers(form, answers, today=TODAY)
    for fid in ("reason_other", "bank_account", "id_number"):
        assert errors[fid].code == "too_long"
        assert "10,485,760" in errors[fid].message
        assert len(errors[fid].message) < 100  # the text itself is never echoed


def test_max_length_from_the_definition_wins() -> None:
    form = parse_form(_with({"validation": {"max_length": 4}}))
    errors = validate_answers(form, {"applicant_name": "张三丰李四"})
    assert errors["applicant_name"].code == "too_long"


def test_show_if_hides_and_hidden_answers_are_not_validated(form: FormDefinition) -> None:
    answers = good_answers() | {"reason_other": "x" * 10_000}  # hidden: reason is illness
    assert "reason_other" not in visible_fields(form, answers)
    assert validate_answers(form, answers, today=TODAY) == {}
    shown = answers | {"reason": "other", "reason_other": ""}
    assert "reason_other" in visible_fields(form, shown)
    assert validate_answers(form, shown, today=TODAY)["reason_other"].code == "required"


def test_require_if_with_in(form: FormDefinition) -> None:
    answers = good_answers() | {"reason": "disability"}
    assert validate_answers(form, answers, today=TODAY)["has_disability_card"].code == "required"
    assert validate_answers(form, answers | {"has_disability_card": False}, today=TODAY) == {}


def test_show_if_cascades_through_hidden_fields() -> None:
    doc = dibao()
    doc["fields"].append(
        {"id": "more", "type": "text", "label": "补充", "label_en": "More", "required": True,
         "show_if": {"field": "reason_other", "in": ["详见附件"]}}
    )  # fmt: skip
    form = parse_form(doc)
    answers = good_answers() | {"reason": "illness", "reason_other": "详见附件"}
    assert "more" not in visible_fields(form, answers)  # its controller is hidden
    assert "more" in visible_fields(form, answers | {"reason": "other"})


def test_conditions_on_numbers_booleans_and_multichoice() -> None:
    doc = {
        "version": 2,
        "fields": [
            {"id": "n", "type": "number", "label": "数", "label_en": "n"},
            {"id": "yn", "type": "yesno", "label": "是否", "label_en": "yn"},
            {"id": "mc", "type": "multichoice", "label": "多选", "label_en": "mc",
             "options": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}]},
            {"id": "if_n", "type": "text", "label": "1", "label_en": "1", "show_if": {"field": "n", "equals": 3}},
            {"id": "if_yn", "type": "text", "label": "2", "label_en": "2", "show_if": {"field": "yn", "equals": False}},
            {"id": "if_mc", "type": "text", "label": "3", "label_en": "3", "show_if": {"field": "mc", "in": ["b"]}},
        ],
    }  # fmt: skip
    form = parse_form(doc)
    assert {"if_n", "if_yn", "if_mc"} <= visible_fields(form, {"n": "3.0", "yn": False, "mc": ["a", "b"]})
    assert not {"if_n", "if_yn", "if_mc"} & visible_fields(form, {"n": 4, "mc": ["a"]})


def test_materials_present_satisfies_material_slots(form: FormDefinition) -> None:
    answers = good_answers()
    del answers["id_card_copy"]
    assert "id_card_copy" in validate_answers(form, answers, today=TODAY)
    assert validate_answers(form, answers, materials_present={"id_card"}, today=TODAY) == {}
    assert "id_card_copy" in validate_answers(form, answers, materials_present={"hukou"}, today=TODAY)


def test_full_width_and_lower_case_id_numbers_are_accepted(form: FormDefinition) -> None:
    number = id_number("11010519491231002")  # check character X
    assert number.endswith("X")
    # GB 11643 §5.3/§5.4: the number's birth date 1949-12-31 and its even 17th digit (female) are what the form
    # must carry too, or the cross-check rightly flags them.
    same_person = {"id_number": number.lower(), "gender": "f", "birth_date": "1949-12-31"}
    assert validate_answers(form, good_answers() | same_person, today=TODAY) == {}


# -------------------------------------------------------------------------------------------------------- prefill


def test_prefill_from_card_terminal_and_session(form: FormDefinition) -> None:
    card = {"name": "李四", "id_number": id_number()[:-1] + id_number()[-1].lower(), "gender": "女",
            "birth_date": "19800101", "valid_to": "长期"}  # fmt: skip
    values = prefill(form, card=card, terminal_division="532524103205", session={})
    assert values == {
        "applicant_name": "李四",
        "id_number": id_number(),
        "gender": "f",
        "birth_date": "1980-01-01",
        "division": "532524103205",
    }


def test_prefill_without_card_and_from_session() -> None:
    doc = dibao()
    doc["fields"][4]["prefill"] = "session.phone"
    form = parse_form(doc)
    values = prefill(form, card=None, terminal_division=None, session={"phone": "13800871234"})
    assert values == {"phone": "13800871234"}


def test_prefill_skips_values_that_do_not_fit(form: FormDefinition) -> None:
    card = {"name": "", "gender": "未说明", "birth_date": "not a date", "id_number": None}
    assert prefill(form, card=card, terminal_division="", session={}) == {}


# ------------------------------------------------------------------------------------------------------ migration


def test_migration_keeps_maps_and_sets_aside() -> None:
    old = parse_form(dibao())
    new_doc = dibao()
    new_doc["version"] = 2
    fields = {f["id"]: f for f in new_doc["fields"]}
    fields["bank_account"]["type"] = "phone"  # type changed
    fields["reason"]["options"] = fields["reason"]["options"][1:]  # 'illness' removed
    fields["aid"]["options"] = fields["aid"]["options"][:2]  # 'housing' removed
    new_doc["fields"] = [f for f in new_doc["fields"] if f["id"] != "employer_uscc"]
    new_doc["fields"].append(
        {"id": "marital_status", "type": "choice", "label": "婚姻状况", "label_en": "Marital status", "required": True,
         "options": [{"value": "single", "label": "未婚"}, {"value": "married", "label": "已婚"}]}
    )  # fmt: skip
    new = parse_form(new_doc)
    result = migrate_answers(old, new, good_answers())
    assert result.kept["applicant_name"] == "张三"
    assert result.kept["aid"] == ["medical"]
    assert "reason" not in result.kept and "bank_account" not in result.kept and "employer_uscc" not in result.kept
    reasons = {r.field_id: r.reason for r in result.removed}
    assert reasons == {
        "employer_uscc": "field_removed",
        "bank_account": "type_changed",
        "reason": "option_removed",
        "aid": "option_removed",
    }
    removed_uscc = next(r for r in result.removed if r.field_id == "employer_uscc")
    assert removed_uscc.label == "工作单位统一社会信用代码" and removed_uscc.value == uscc()
    assert set(result.to_ask) == {"marital_status", "reason"}


def test_migration_to_the_same_version_changes_nothing(form: FormDefinition) -> None:
    kept, removed, to_ask = migrate_answers(form, form, good_answers())
    assert kept == good_answers() and removed == () and to_ask == ()


def test_migration_text_to_textarea_is_compatible() -> None:
    old = parse_form(dibao())
    doc = dibao()
    doc["fields"][0]["type"] = "textarea"
    result = migrate_answers(old, parse_form(doc), {"applicant_name": "张三"})
    assert result.kept == {"applicant_name": "张三"}


def test_migration_asks_newly_required_but_not_already_required(form: FormDefinition) -> None:
    doc = dibao()
    doc["fields"][2]["required"] = True  # gender becomes required
    result = migrate_answers(form, parse_form(doc), {"applicant_name": "张三"})
    assert "gender" in result.to_ask
    assert "phone" not in result.to_ask  # was required before: the draft asks it anyway


# ---------------------------------------------------------------------------------------------------------- pages


def test_pages_follow_groups(form: FormDefinition) -> None:
    pages = form_pages(form)
    assert [p[0].id for p in pages] == [
        "applicant_name",
        "division",
        "has_disability_card",
        "id_card_copy",
        "signature",
    ]
    assert sum(len(p) for p in pages) == len(form.fields)


def test_pages_without_groups_chunk_and_isolate_big_widgets() -> None:
    doc = wide_form(12)
    for f in doc["fields"]:
        f.pop("group"), f.pop("group_en")
    form = parse_form(doc)
    pages = form_pages(form, per_page=4)
    assert all(len(p) <= 4 for p in pages)
    assert all(len(p) == 1 for p in pages if p[0].type == "textarea")
    assert [f.id for p in pages for f in p] == list(form.field_ids)


# ------------------------------------------------------------------------------------------------ the demo catalog


def test_every_demo_catalog_form_parses_and_its_prefill_fits() -> None:
    """The forms shipped in the demo catalog are real input to this engine: all of them must parse, and a card read
    must prefill only values their own validation accepts."""
    import yaml

    root = __import__("pathlib").Path(__file__).resolve().parents[3] / "app" / "data" / "demo_catalog" / "items"
    card = {"name": "张三", "gender": "男", "ethnicity": "汉", "birth_date": "1980-01-01", "address": "云南省建水县",
            "id_number": id_number(), "valid_to": "长期", "card_type": "resident_id"}  # fmt: skip
    count = 0
    for path in sorted(root.glob("*.yaml")):
        for item in (
            yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
        ):
            form = parse_form(item["form"], material_ids={m["id"] for m in item["materials"]})
            values = prefill(form, card=card, terminal_division="532524103205", session={})
            errors = validate_answers(form, values, today=TODAY)
            assert not {fid for fid in values if fid in errors}, (item["basic_code"], errors)
            count += 1
    assert count == 0 or count >= 10


# ----------------------------------------------------------------------------------------- robustness (property)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)


_FORM = parse_form(dibao())


@settings(max_examples=100, deadline=None)
@given(answers=st.dictionaries(st.sampled_from([*_FORM.field_ids, "unknown_field"]), json_values, max_size=8))
def test_any_json_answers_give_messages_never_exceptions(answers: dict[str, Any]) -> None:
    """`yunban submit --data FILE.json` hands the engine whatever a file holds: it must answer with messages."""
    form = _FORM
    errors = validate_answers(form, answers, today=TODAY)
    for fid, error in errors.items():
        assert error.field_id == fid and error.message and error.message_en
    assert set(errors) <= visible_fields(form, answers)
    migrated = migrate_answers(form, form, answers)
    assert set(migrated.kept) | {r.field_id for r in migrated.removed} >= set(answers) - {"unknown_field"}


def test_empty_options_list_is_accepted_on_non_choice_fields() -> None:
    """`catalog show --json` lists `options: []` on every field; the parser must take that document as it is."""
    doc = {"version": 1, "fields": [{"id": "a", "type": "text", "label": "甲", "label_en": "A", "options": []}]}
    assert parse_form(doc).fields[0].options == ()
