"""Validators for typed identifiers: GB 11643 identity numbers (with residence permits and foreign permanent
resident IDs, in `app.identity.id_numbers`), GB 32100 unified social credit codes and GB/T 2260 / statistical
division codes.

Contract: pure functions, input in, `ValidationResult` out, nothing raised for bad input; every value goes through
`normalise_code` first (the same function the forms and `yunban check` use); an invalid value gets a reason a person
can act on, in Chinese and English (identity.* messages).

GB 32100-2015 rules checked: §4.1 alphabet (no I O S V Z), table 1 registration authority (character 1) and the
organisation types each authority allows (character 2, table 1 with the 2018 additions A and N), §4.3 the
registration authority's division code (characters 3–8: a GB/T 2260 code current or since 1980, or 100000 for a
central-level registration), §4.4 the embedded GB 11714 organisation code with its own check, §4.5 the MOD 31 check.

Division codes (GB/T 2260 six digits, the statistical 9 and 12): a zero part may only be followed by zero parts
(`530012` is malformed), the last part of a 4-, 9- or 12-digit code may not be zero (`5300`, `530102000`, a 12-digit
code with township `000`); a 6-digit code ending in `0000` or `00` is the province or prefecture (GB/T 2260's own
form). Yunnan codes must be in the packaged table (an unknown one is invalid, saying whether it is a historical
GB/T 2260 code); other provinces' codes are checked for shape and reported as outside the packaged table.
"""

from __future__ import annotations

import datetime as dt
import itertools

from app.i18n import Message
from app.identity import divisions
from app.identity import messages as m
from app.identity.checksums import GB32100_ALPHABET, gb11714_check_char, gb32100_check_char
from app.identity.codes import PROVINCES
from app.identity.id_numbers import validate_id_number
from app.identity.normalise import normalise_code
from app.identity.tables import address_code_status
from app.model.identity import ValidationResult

__all__ = ["normalize", "validate", "validate_division", "validate_id_number", "validate_uscc"]

normalize = normalise_code
"""The one normalisation (kept under its old name for callers)."""

# GB 32100-2015 table 1 (登记管理部门代码 × 机构类别代码) with the 2018 additions (A, N): authority → names, types.
USCC_AUTHORITIES: dict[str, tuple[str, str, dict[str, str]]] = {
    "1": ("机构编制", "institutional staffing",
          {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"}),
    "2": ("外交", "foreign affairs", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": ("司法行政", "justice", {"1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构",
                                  "5": "仲裁委员会", "9": "其他"}),
    "4": ("文化", "culture", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", "civil affairs", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": ("旅游", "tourism", {"1": "外国旅游部门常驻代表机构",
                              "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"}),
    "7": ("宗教", "religious affairs", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", "trade unions", {"1": "基层工会", "9": "其他"}),
    "9": ("工商（市场监管）", "market regulation", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", "CMC reform and staffing office", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", "agriculture",
          {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", "other", {"1": "其他"}),
}  # fmt: skip
CENTRAL_AREA = "100000"
"""Characters 3–8 of a central-level registration (中央): GB/T 2260's code of the whole country."""


def _fail(kind: str | None, normalized: str, reason: Message, **params: object) -> ValidationResult:
    """An invalid verdict with its reason rendered in Chinese and English."""
    return ValidationResult(False, kind, normalized, reason.render("zh_CN", **params), reason.render("en", **params))


def validate_uscc(value: str) -> ValidationResult:
    """GB 32100-2015 unified social credit code (统一社会信用代码), rules in the module docstring."""
    code = normalise_code(value)
    kind = "uscc"
    if len(code) != 18:
        return _fail(kind, code, m.USCC_LENGTH, length=len(code))
    for i, ch in enumerate(code, start=1):
        if ch not in GB32100_ALPHABET:
            reason = m.USCC_CONFUSABLE_CHAR if ch in "IOSVZ" else m.USCC_BAD_CHAR
            return _fail(kind, code, reason, position=i, char=ch)
    authority = USCC_AUTHORITIES.get(code[0])
    if authority is None:
        return _fail(kind, code, m.USCC_AUTHORITY, char=code[0])
    authority_zh, authority_en, types = authority
    if code[1] not in types:
        allowed = "、".join(f"{k}（{v}）" for k, v in types.items())
        return _fail(kind, code, m.USCC_TYPE, char=code[1], authority=authority_zh, allowed=allowed)
    area = code[2:8]
    if area == CENTRAL_AREA:
        region: str | None = "中央"
    else:
        address = address_code_status(area) if area.isdigit() and area[:2] in PROVINCES else None
        if address is None:
            return _fail(kind, code, m.USCC_AREA, area=area)
        region = address.name if address.name.startswith(PROVINCES[area[:2]]) else PROVINCES[area[:2]] + address.name
        if area[2:] == "0000":
            region = PROVINCES[area[:2]]
    expected = gb32100_check_char(code[:17])
    if code[17] != expected:
        return _fail(kind, code, m.USCC_CHECK_DIGIT, expected=expected)
    org = code[8:17]
    org_expected = gb11714_check_char(org[:8])
    if org[8] != org_expected:
        return _fail(kind, code, m.USCC_ORG_CHECK, expected=org_expected)
    return ValidationResult(
        True,
        kind,
        code,
        details={
            "registration_authority": authority_zh,
            "registration_authority_en": authority_en,
            "organization_type": types[code[1]],
            "region": region,
            "organization_code": f"{org[:8]}-{org[8]}",
        },
    )


_BOUNDS = ((0, 2, "province"), (2, 4, "prefecture"), (4, 6, "county"), (6, 9, "township"), (9, 12, "village"))
_LEVEL_ZH = {"prefecture": "地级", "county": "县级", "township": "乡级"}


def _shape_error(code: str) -> tuple[Message, dict[str, object]] | None:
    parts = [(start, end, level) for start, end, level in _BOUNDS if end <= len(code)]
    for (start, end, _), (n_start, n_end, _) in itertools.pairwise(parts):
        if code[start:end].strip("0") == "" and code[n_start:n_end].strip("0") != "":
            return m.DIVISION_SHAPE, {"start": start + 1, "end": end, "next_start": n_start + 1, "next_end": n_end}
    if len(code) in (4, 9, 12):
        start, end, level = parts[-1] if len(code) != 12 else parts[-2]  # 12 digits: the township names the place
        if code[start:end].strip("0") == "":
            return m.DIVISION_ZERO_PART, {"start": start + 1, "end": end, "level": _LEVEL_ZH[level]}
    return None


def validate_division(value: str) -> ValidationResult:
    """A division code of 2, 4, 6, 9 or 12 digits (rules in the module docstring); `details["known"]` says whether
    the packaged table has it, `details["historical"]` whether an unknown Yunnan code was a GB/T 2260 code."""
    code = normalise_code(value)
    if not code or not (code.isascii() and code.isdigit()):
        return _fail(None, code, m.DIVISION_NOT_DIGITS)
    kind = divisions.LEVELS_BY_LENGTH.get(len(code))
    if kind is None:
        return _fail(None, code, m.DIVISION_LENGTH, length=len(code))
    if code[:2] not in PROVINCES:
        return _fail(kind, code, m.DIVISION_PROVINCE, code=code[:2])
    shape = _shape_error(code)
    if shape is not None:
        return _fail(kind, code, shape[0], **shape[1])
    known = divisions.lookup(code)
    if known is not None:
        _, level = known
        return ValidationResult(
            True, level, code, details={"known": True, "name": divisions.chain_name(code), "level": level}
        )
    if len(code) == 2 or (len(code) == 6 and code[2:] == "0000"):
        details = {"known": True, "name": PROVINCES[code[:2]], "level": "province"}
        return ValidationResult(True, "province", code, details=details)
    if code[:2] == "53":
        old = address_code_status(code[:6].ljust(6, "0")) if len(code) >= 4 else None
        if old is not None and old.status == "historical":
            result = _fail(kind, code, m.DIVISION_YUNNAN_HISTORICAL, name=old.name, until=old.until or "?")
            result.details.update(known=False, historical=True, name=old.name)
            return result
        result = _fail(kind, code, m.DIVISION_YUNNAN_UNKNOWN)
        result.details.update(known=False, historical=False, name=None)
        return result
    return ValidationResult(
        True,
        kind,
        code,
        m.DIVISION_NOT_IN_TABLE.render("zh_CN"),
        m.DIVISION_NOT_IN_TABLE.render("en"),
        details={"known": False, "name": None},
    )


def validate(kind: str, value: str, *, today: dt.date | None = None) -> ValidationResult:
    """Dispatch by kind: `id`, `uscc` or `division`."""
    if kind == "id":
        return validate_id_number(value, today=today)
    if kind == "uscc":
        return validate_uscc(value)
    if kind == "division":
        return validate_division(value)
    raise ValueError(f"unknown identifier kind {kind!r}")
