"""Checking a catalog bundle's content before anything is written (docs/catalog-format.md).

Contract: `validate_bundle` collects every problem and raises one `CatalogImportError` naming, for each, the file, the
item's basic code and name (or the theme) and the field; it returns quietly when the bundle can be imported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.catalog.bundle.load import PLACEHOLDER, Bundle, CatalogImportError, iso_day
from app.model.catalog import AUDIENCES, EXPIRED_ID_CARD_RULES, ITEM_TYPES, LEVELS
from app.model.forms import FIELD_TYPES

__all__ = ["validate_bundle"]

CASE_TYPES = ("即办件", "承诺件")
MATERIAL_FORMS = ("原件", "复印件", "原件和复印件")
MATERIAL_MEDIA = ("纸质", "电子", "纸质或电子")
RESULT_TYPES = ("证照", "批文", "其他")
THEME_KINDS = ("bundle", "life_event", "enterprise")
SERVICE_MODES = ("online", "mail", "appointment", "self_service")


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


def _is_str(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _check_templates(ck: _Checker, where: str, template: str, level: str) -> None:
    """A template at `level` may only name that level or the levels above it."""
    allowed = LEVELS[: LEVELS.index(level) + 1]
    for name in PLACEHOLDER.findall(template):
        if name not in allowed:
            ck.add(where, f"placeholder {{{name}}} cannot be used at level {level} (allowed: {', '.join(allowed)})")


def _validate_departments(ck: _Checker, departments: Mapping[str, Any]) -> None:
    if not departments:
        ck.add("departments.yaml", "no departments")
    for key, dep in departments.items():
        where = f"departments.yaml: {key}"
        if not isinstance(dep, dict):
            ck.add(where, "must be a mapping")
            continue
        if not _is_str(dep.get("name")):
            ck.add(where, "missing required field 'name'")
        bodies = dep.get("bodies")
        if not isinstance(bodies, dict) or not bodies:
            ck.add(where, "missing required field 'bodies'")
            continue
        for level, template in bodies.items():
            if level not in LEVELS:
                ck.add(where, f"bodies: unknown level {level!r}")
            elif not _is_str(template):
                ck.add(where, f"bodies.{level}: must be a non-empty text")
            else:
                _check_templates(ck, f"{where} bodies.{level}", template, level)
        place = dep.get("place")
        if place is not None and not _is_str(place):
            ck.add(where, "place: must be a non-empty text")
        elif isinstance(place, str) and any(n not in LEVELS for n in PLACEHOLDER.findall(place)):
            ck.add(where, f"place: unknown placeholder in {place!r}")


def _validate_form(ck: _Checker, where: str, form: Any, material_ids: set[str]) -> None:
    if not isinstance(form, dict):
        ck.add(where, "missing required field 'form'")
        return
    if not _is_int(form.get("version")) or form["version"] < 1:
        ck.add(where, "form.version: must be an integer ≥ 1")
    fields = form.get("fields")
    if not isinstance(fields, list) or not fields:
        ck.add(where, "form.fields: at least one field is required")
        return
    before = len(ck.problems)
    _validate_form_fields(ck, where, fields, material_ids)
    if len(ck.problems) == before:
        # The same full check the apply flow runs (conditions, prefill sources, validations, cycles): a
        # definition the terminal could not render is refused here, at import, not in front of a citizen.
        from app.forms.engine.definition import FormDefinitionError, parse_form

        try:
            parse_form(form, material_ids=material_ids)
        except FormDefinitionError as exc:
            ck.add(where, f"form: {exc}")


def _validate_form_fields(ck: _Checker, where: str, fields: list[Any], material_ids: set[str]) -> None:
    seen: set[str] = set()
    for n, f in enumerate(fields, 1):
        fw = f"{where} form.fields[{n}]"
        if not isinstance(f, dict):
            ck.add(fw, "must be a mapping")
            continue
        for key in ("id", "type", "label", "label_en"):
            if not _is_str(f.get(key)):
                ck.add(fw, f"missing required field '{key}'")
        fid = f.get("id")
        if isinstance(fid, str):
            if fid in seen:
                ck.add(fw, f"duplicate field id {fid!r}")
            seen.add(fid)
        ftype = f.get("type")
        if isinstance(ftype, str) and ftype not in FIELD_TYPES:
            ck.add(fw, f"type {ftype!r} is not one of {', '.join(FIELD_TYPES)}")
        if ftype in ("choice", "multichoice"):
            options = f.get("options")
            if not isinstance(options, list) or not options:
                ck.add(fw, "options: a choice field needs options")
            else:
                for o in options:
                    if not isinstance(o, dict) or "value" not in o or not _is_str(o.get("label")):
                        ck.add(fw, "options: each option needs 'value' and 'label'")
                        break
        if ftype == "material" and f.get("material") not in material_ids:
            ck.add(fw, f"material: {f.get('material')!r} is not a material id of this item")
        if "required" in f and not isinstance(f["required"], bool):
            ck.add(fw, "required: must be true or false")


def _validate_item(ck: _Checker, file: str, item: dict[str, Any], departments: Mapping[str, Any]) -> None:
    code = item.get("basic_code")
    name = item.get("name")
    where = f"{file}: item {code or '?'} {name or '?'}"

    def need_str(key: str) -> None:
        if not _is_str(item.get(key)):
            ck.add(where, f"missing required field '{key}'")

    for key in ("basic_code", "name", "conditions", "hours", "consult_phone", "complaint_phone"):
        need_str(key)
    if item.get("type") not in ITEM_TYPES:
        ck.add(
            where,
            f"type: {item.get('type')!r} is not one of {', '.join(ITEM_TYPES)}"
            if "type" in item
            else "missing required field 'type'",
        )
    dep_key = item.get("department")
    if dep_key is None:
        ck.add(where, "missing required field 'department'")
    elif dep_key not in departments:
        ck.add(where, f"department: {dep_key!r} is not in departments.yaml")
    levels = item.get("levels")
    if not isinstance(levels, list) or not levels:
        ck.add(where, "missing required field 'levels'")
        levels = []
    for level in levels:
        if level not in LEVELS:
            ck.add(where, f"levels: unknown level {level!r}")
            continue
        dep = departments.get(dep_key) if isinstance(dep_key, str) else None
        if isinstance(dep, dict) and isinstance(dep.get("bodies"), dict) and level not in dep["bodies"]:
            ck.add(where, f"levels: department {dep_key!r} has no implementing body at level {level}")
    place = item.get("place")
    if place is not None and not _is_str(place):
        ck.add(where, "place: must be a non-empty text")
    elif isinstance(place, str):
        for name in PLACEHOLDER.findall(place):
            if name not in LEVELS:
                ck.add(where, f"place: unknown placeholder {{{name}}}")
    audience = item.get("audience")
    if not isinstance(audience, list) or not audience:
        ck.add(where, "missing required field 'audience'")
    elif any(a not in AUDIENCES for a in audience):
        ck.add(where, f"audience: must be among {', '.join(AUDIENCES)}")
    basis = item.get("basis")
    if not isinstance(basis, list) or not basis or not all(_is_str(b) for b in basis):
        ck.add(where, "missing required field 'basis' (at least one 设定依据)")
    for key in ("legal_limit_days", "promised_limit_days"):
        if key not in item:
            ck.add(where, f"missing required field '{key}'")
        elif item[key] is not None and (not _is_int(item[key]) or item[key] < 0):
            ck.add(where, f"{key}: must be a number of working days or null")
    if "case_type" not in item:
        ck.add(where, "missing required field 'case_type'")
    elif item["case_type"] not in CASE_TYPES:
        ck.add(where, f"case_type: must be 即办件 or 承诺件, got {item['case_type']!r}")
    if "visits" not in item:
        ck.add(where, "missing required field 'visits'")
    elif not _is_int(item["visits"]) or item["visits"] not in (0, 1, 2):
        ck.add(where, "visits: must be 0, 1 or 2")
    fee = item.get("fee")
    if not isinstance(fee, dict):
        ck.add(where, "missing required field 'fee'")
    else:
        if not isinstance(fee.get("charged"), bool):
            ck.add(where, "missing required field 'fee.charged'")
        if not _is_str(fee.get("standard")):
            ck.add(where, "missing required field 'fee.standard'")
        if not isinstance(fee.get("basis", ""), str):
            ck.add(where, "fee.basis: must be text")
    modes = item.get("service_modes")
    if not isinstance(modes, dict):
        ck.add(where, "missing required field 'service_modes'")
    else:
        for m in SERVICE_MODES:
            if not isinstance(modes.get(m), bool):
                ck.add(where, f"missing required field 'service_modes.{m}'")
    if "allows_deferred_materials" in item and not isinstance(item["allows_deferred_materials"], bool):
        ck.add(where, "allows_deferred_materials: must be true or false")
    if "expired_id_card" in item and item["expired_id_card"] not in EXPIRED_ID_CARD_RULES:
        ck.add(
            where,
            f"expired_id_card: {item['expired_id_card']!r} is not one of {', '.join(EXPIRED_ID_CARD_RULES)}",
        )
    materials = item.get("materials")
    material_ids: set[str] = set()
    if not isinstance(materials, list) or not materials:
        ck.add(where, "missing required field 'materials' (at least one)")
    else:
        for n, m in enumerate(materials, 1):
            mw = f"{where} materials[{n}]"
            if not isinstance(m, dict):
                ck.add(mw, "must be a mapping")
                continue
            for key in ("id", "name", "source", "standard"):
                if not _is_str(m.get(key)):
                    ck.add(mw, f"missing required field '{key}'")
            if not isinstance(m.get("required"), bool):
                ck.add(mw, "missing required field 'required'")
            if m.get("form") not in MATERIAL_FORMS:
                ck.add(mw, "missing required field 'form'" if "form" not in m else f"form: {m['form']!r} invalid")
            if m.get("medium") not in MATERIAL_MEDIA:
                ck.add(
                    mw, "missing required field 'medium'" if "medium" not in m else f"medium: {m['medium']!r} invalid"
                )
            if not _is_int(m.get("copies")) or m["copies"] < 0:
                ck.add(mw, "missing required field 'copies'" if "copies" not in m else "copies: must be a number ≥ 0")
            if isinstance(m.get("id"), str):
                if m["id"] in material_ids:
                    ck.add(mw, f"duplicate material id {m['id']!r}")
                material_ids.add(m["id"])
    process = item.get("process")
    if not isinstance(process, list) or not process:
        ck.add(where, "missing required field 'process' (at least one step)")
    else:
        for n, step in enumerate(process, 1):
            if not isinstance(step, dict) or not _is_str(step.get("name")):
                ck.add(f"{where} process[{n}]", "missing required field 'name'")
            elif step.get("days") is not None and not _is_int(step.get("days")):
                ck.add(f"{where} process[{n}]", "days: must be a number or null")
    result = item.get("result")
    if not isinstance(result, dict) or not _is_str(result.get("name")):
        ck.add(where, "missing required field 'result.name'")
    elif result.get("type") not in RESULT_TYPES:
        ck.add(where, f"result.type: must be one of {', '.join(RESULT_TYPES)}")
    synonyms = item.get("synonyms", [])
    if not isinstance(synonyms, list) or not all(_is_str(s) for s in synonyms):
        ck.add(where, "synonyms: must be a list of words")
    subs = item.get("sub_items", [])
    if not isinstance(subs, list):
        ck.add(where, "sub_items: must be a list")
    else:
        for n, sub in enumerate(subs, 1):
            if not isinstance(sub, dict) or not _is_str(sub.get("code")) or not _is_str(sub.get("name")):
                ck.add(f"{where} sub_items[{n}]", "needs 'code' and 'name'")
                continue
            cases = sub.get("cases", [])
            if not isinstance(cases, list) or any(
                not isinstance(c, dict) or not _is_str(c.get("code")) or not _is_str(c.get("name")) for c in cases
            ):
                ck.add(f"{where} sub_items[{n}]", "cases: each needs 'code' and 'name'")
    _validate_form(ck, where, item.get("form"), material_ids)


def validate_bundle(bundle: Bundle) -> None:
    """Raise `CatalogImportError` listing every problem; return quietly when the bundle can be imported."""
    ck = _Checker()
    meta = bundle.meta
    if not _is_str(meta.get("bundle_id")):
        ck.add("bundle.yaml", "missing required field 'bundle_id'")
    if not _is_int(meta.get("version")):
        ck.add("bundle.yaml", "missing required field 'version' (an integer)")
    if not isinstance(meta.get("demo"), bool):
        ck.add("bundle.yaml", "missing required field 'demo' (true or false)")
    if meta.get("demo") is True and not _is_str(meta.get("notice")):
        ck.add("bundle.yaml", "missing required field 'notice' (a demo bundle must say so)")
    _validate_departments(ck, bundle.departments)
    codes: dict[str, str] = {}
    sub_codes: set[str] = set()
    case_codes: set[str] = set()
    by_code: dict[str, dict[str, Any]] = {}
    for file, item in bundle.items:
        _validate_item(ck, file, item, bundle.departments)
        code = item.get("basic_code")
        if isinstance(code, str):
            by_code.setdefault(code, item)
        if isinstance(code, str):
            if code in codes:
                ck.add(f"{file}: item {code} {item.get('name')}", f"basic_code duplicates one in {codes[code]}")
            codes[code] = file
        for sub in item.get("sub_items") or []:
            if isinstance(sub, dict) and isinstance(sub.get("code"), str):
                if sub["code"] in sub_codes:
                    ck.add(f"{file}: item {code} {item.get('name')}", f"sub_items: duplicate code {sub['code']}")
                sub_codes.add(sub["code"])
                for case in sub.get("cases") or []:
                    if isinstance(case, dict) and isinstance(case.get("code"), str):
                        if case["code"] in case_codes:
                            ck.add(f"{file}: item {code} {item.get('name')}", f"cases: duplicate code {case['code']}")
                        case_codes.add(case["code"])
    theme_codes: set[str] = set()
    for n, theme in enumerate(bundle.themes, 1):
        where = f"themes.yaml: theme {theme.get('code', n) if isinstance(theme, dict) else n}"
        if not isinstance(theme, dict):
            ck.add(where, "must be a mapping")
            continue
        for key in ("code", "name", "description"):
            if not _is_str(theme.get(key)):
                ck.add(where, f"missing required field '{key}'")
        if theme.get("kind") not in THEME_KINDS:
            ck.add(where, f"kind: must be one of {', '.join(THEME_KINDS)}")
        if theme.get("code") in theme_codes:
            ck.add(where, "duplicate theme code")
        theme_codes.add(str(theme.get("code")))
        items = theme.get("items")
        if not isinstance(items, list) or not items:
            ck.add(where, "missing required field 'items'")
            continue
        for c in items:
            if c not in codes:
                ck.add(where, f"items: {c!r} is not an item of this bundle")
        if theme.get("fields") is not None or theme.get("materials") is not None:
            _validate_theme_fields(ck, f"{where} {theme.get('name', '')}".rstrip(), theme, by_code)
    _validate_calendar(ck, bundle.calendar)
    if ck.problems:
        raise CatalogImportError(ck.problems)


def _validate_theme_fields(
    ck: _Checker, where: str, theme: dict[str, Any], by_code: Mapping[str, dict[str, Any]]
) -> None:
    """A bundle theme's `fields` and `materials` mappings: known items, fields and materials, well-formed mappings,
    and a merged form and material slots that honour them (no two different questions brought onto one id, no
    `as` onto a material the theme does not have). Problems name the theme, the item and the field or material."""
    from app.forms.engine.definition import FormDefinitionError, parse_form
    from app.forms.themes import (
        MaterialRef,
        ThemeFieldsError,
        merge_forms,
        merge_materials,
        parse_theme_fields,
        parse_theme_materials,
    )

    if theme.get("kind") != "bundle":
        for key, what in (("fields", "a merged form"), ("materials", "material slots")):
            if theme.get(key) is not None:
                ck.add(where, f"{key}: only a bundle (一件事) theme has {what} to map")
        return
    items = [c for c in theme.get("items") or [] if isinstance(c, str)]
    forms: dict[str, Any] = {}
    lists: dict[str, list[MaterialRef]] = {}
    for c in items:
        item = by_code.get(c)
        if item is None:
            continue
        lists[c] = [
            MaterialRef(str(m.get("id")), str(m.get("name") or ""), m.get("required") is True)
            for m in item.get("materials") or []
            if isinstance(m, dict)
        ]
        material_ids = {str(m.get("id")) for m in item.get("materials") or [] if isinstance(m, dict)}
        try:
            forms[c] = parse_form(item.get("form"), material_ids=material_ids).fields
        except FormDefinitionError:
            continue  # refused with the item already
    names = {c: str(by_code[c].get("name", "")) for c in items if c in by_code}

    def named(text: str) -> str:
        # "fields: item CODE field F" → with the item's name, as the other import messages do
        for c, n in names.items():
            text = text.replace(f"item {c}", f"item {c} {n}".rstrip(), 1)
        return f"{where}: {text}"

    slots = None
    try:
        slot_mapping = parse_theme_materials(theme.get("materials"), items, lists)
        slots = merge_materials([(c, lists[c]) for c in items if c in lists], slot_mapping, strict=True)
    except ThemeFieldsError as exc:
        for w, message in exc.problems:
            ck.add(named(w), message)
    try:
        mapping = parse_theme_fields(theme.get("fields"), items, forms)
        merge_forms([(c, forms[c]) for c in items if c in forms], mapping, strict=True, materials=slots)
    except ThemeFieldsError as exc:
        for w, message in exc.problems:
            ck.add(named(w), message)


def _validate_calendar(ck: _Checker, calendar: Mapping[str, Any]) -> None:
    unknown = set(calendar) - {"holidays", "workdays"}
    if unknown:
        ck.add("holidays.yaml", f"unknown key {sorted(unknown)[0]!r} (holidays, workdays)")
    seen: dict[str, str] = {}
    for kind in ("holidays", "workdays"):
        days = calendar.get(kind) or []
        if not isinstance(days, list):
            ck.add("holidays.yaml", f"{kind}: must be a list of dates")
            continue
        for day in days:
            iso = iso_day(day)
            if iso is None:
                ck.add("holidays.yaml", f"{kind}: {day!r} is not a date (YYYY-MM-DD)")
            elif iso in seen and seen[iso] != kind:
                ck.add("holidays.yaml", f"{iso} is both a holiday and a working day")
            else:
                seen[iso] = kind
