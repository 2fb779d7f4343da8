"""Form definitions shared by the form tests and benchmarks (documents as the catalog would hold them)."""

from __future__ import annotations

import copy
from typing import Any

from app.identity.checksums import gb11643_check_char, gb11714_check_char, gb32100_check_char


def id_number(first17: str = "53252419800101123") -> str:
    """A GB 11643 number with a correct check character."""
    return first17 + gb11643_check_char(first17)


def uscc(org8: str = "MA6K1234", division: str = "532524") -> str:
    """A GB 32100 code with correct GB 11714 and MOD 31 check characters."""
    first17 = "91" + division + org8 + gb11714_check_char(org8)
    return first17 + gb32100_check_char(first17)


DIBAO: dict[str, Any] = {
    "version": 1,
    "fields": [
        {
            "id": "applicant_name",
            "type": "text",
            "label": "申请人姓名",
            "label_en": "Applicant's name",
            "required": True,
            "prefill": "card.name",
            "group": "申请人",
            "group_en": "Applicant",
        },
        {
            "id": "id_number",
            "type": "id_number",
            "label": "公民身份号码",
            "label_en": "ID number",
            "required": True,
            "prefill": "card.id_number",
        },
        {
            "id": "gender",
            "type": "choice",
            "label": "性别",
            "label_en": "Gender",
            "options": [
                {"value": "m", "label": "男", "label_en": "Male"},
                {"value": "f", "label": "女", "label_en": "Female"},
            ],
            "prefill": "card.gender",
        },
        {
            "id": "birth_date",
            "type": "date",
            "label": "出生日期",
            "label_en": "Date of birth",
            "prefill": "card.birth_date",
            "validation": {"max": "today"},
        },
        {"id": "phone", "type": "phone", "label": "联系电话", "label_en": "Phone", "required": True},
        {
            "id": "division",
            "type": "division",
            "label": "户籍所在地",
            "label_en": "Household registration",
            "required": True,
            "prefill": "terminal.division",
            "group": "家庭情况",
            "group_en": "Household",
        },
        {
            "id": "household_size",
            "type": "number",
            "label": "家庭人口数",
            "label_en": "Household size",
            "required": True,
            "validation": {"min": 1, "max": 20},
        },
        {"id": "monthly_income", "type": "amount", "label": "家庭月收入（元）", "label_en": "Monthly income (yuan)"},
        {
            "id": "reason",
            "type": "choice",
            "label": "申请原因",
            "label_en": "Reason",
            "required": True,
            "options": [
                {"value": "illness", "label": "因病致贫", "label_en": "Illness"},
                {"value": "disability", "label": "因残致贫", "label_en": "Disability"},
                {"value": "other", "label": "其他", "label_en": "Other"},
            ],
        },
        {
            "id": "reason_other",
            "type": "textarea",
            "label": "其他原因说明",
            "label_en": "Other reason",
            "required": True,
            "show_if": {"field": "reason", "equals": "other"},
        },
        {
            "id": "has_disability_card",
            "type": "yesno",
            "label": "是否持有残疾人证",
            "label_en": "Holds a disability card",
            "require_if": {"field": "reason", "in": ["disability"]},
            "group": "补充",
            "group_en": "More",
        },
        {
            "id": "aid",
            "type": "multichoice",
            "label": "已享受的救助",
            "label_en": "Aid already received",
            "options": [
                {"value": "medical", "label": "医疗救助", "label_en": "Medical aid"},
                {"value": "education", "label": "教育救助", "label_en": "Education aid"},
                {"value": "housing", "label": "住房救助", "label_en": "Housing aid"},
            ],
        },
        {"id": "employer_uscc", "type": "uscc", "label": "工作单位统一社会信用代码", "label_en": "Employer's USCC"},
        {
            "id": "bank_account",
            "type": "text",
            "label": "银行卡号",
            "label_en": "Bank card number",
            "validation": {"regex": "[0-9]{16,19}"},
            "help": "16至19位数字",
            "help_en": "16 to 19 digits",
        },
        {
            "id": "id_card_copy",
            "type": "material",
            "material": "id_card",
            "label": "身份证照片",
            "label_en": "ID card",
            "required": True,
            "group": "材料",
            "group_en": "Materials",
        },
        {
            "id": "signature",
            "type": "signature",
            "label": "申请人签名",
            "label_en": "Signature",
            "required": True,
            "group": "签名",
            "group_en": "Signature",
        },
    ],
}


def dibao() -> dict[str, Any]:
    return copy.deepcopy(DIBAO)


def wide_form(n: int = 60) -> dict[str, Any]:
    """A definition of `n` fields cycling through 12 input types (material and signature excepted), 6 per group."""
    kinds = [
        "text", "number", "date", "choice", "yesno", "phone", "id_number", "amount", "multichoice", "textarea",
        "division", "uscc",
    ]  # fmt: skip
    fields: list[dict[str, Any]] = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        f: dict[str, Any] = {
            "id": f"f{i}",
            "type": kind,
            "label": f"第{i + 1}项",
            "label_en": f"Question {i + 1}",
            "required": i % 3 == 0,
            "group": f"第{i // 6 + 1}组",
            "group_en": f"Group {i // 6 + 1}",
        }
        if kind in ("choice", "multichoice"):
            f["options"] = [{"value": str(k), "label": f"选项{k}", "label_en": f"Option {k}"} for k in range(4)]
        fields.append(f)
    return {"version": 1, "fields": fields}
