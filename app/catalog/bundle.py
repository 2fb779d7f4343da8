"""Load, validate and import a catalog bundle (docs/catalog-format.md) into the terminal's mirror.

Contract: all or nothing. Every problem is collected first and the bundle is refused with `CatalogImportError`
naming the file, the item's basic code and name, and the field; else it is expanded for the terminal's scope and
written in one transaction (`local_db.catalog.store.CatalogStore.replace_catalog`).

Size: validation of every bundle file and the expansion into mirror rows follow the format's sections one to one;
they stay together so a new bundle field is validated and expanded in one place.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pypinyin import Style, lazy_pinyin

from app.catalog import messages
from app.errors import UserError
from app.identity.checksums import gb11714_check_char, gb32100_check_char
from app.model.catalog import AUDIENCES, EXPIRED_ID_CARD_RULES, ITEM_TYPES, LEVELS
from app.model.forms import FIELD_TYPES
from local_db.catalog.store import CatalogRows, CatalogStore

__all__ = [
    "Bundle",
    "CatalogImportError",
    "DivisionRow",
    "ScopeSpec",
    "build_rows",
    "demo_bundle_path",
    "demo_uscc",
    "import_bundle",
    "load_bundle",
    "load_divisions",
    "pinyin_keys",
    "scope_divisions",
    "validate_bundle",
]

DivisionRow = tuple[str, str, str, str | None]
"""(code, name, level, parent_code)."""

CASE_TYPES = ("即办件", "承诺件")
MATERIAL_FORMS = ("原件", "复印件", "原件和复印件")
MATERIAL_MEDIA = ("纸质", "电子", "纸质或电子")
RESULT_TYPES = ("证照", "批文", "其他")
THEME_KINDS = ("bundle", "life_event", "enterprise")
SERVICE_MODES = ("online", "mail", "appointment", "self_service")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class CatalogImportError(UserError):
    """A bundle that cannot be imported; `problems` lists every finding (file, item, field, what is wrong)."""

    SHOWN = 20
    """At most this many problems are in the message (all of them in `problems`)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n  ".join(self.problems[: self.SHOWN])
        if len(self.problems) > self.SHOWN:
            super().__init__(messages.BUNDLE_REFUSED_FIRST, count=len(self.problems), shown=self.SHOWN, problems=shown)
        else:
            super().__init__(messages.BUNDLE_REFUSED, count=len(self.problems), problems=shown)


@dataclass(slots=True)
class Bundle:
    """A bundle as read from its files (or built in memory by tests and benchmarks)."""

    meta: dict[str, Any]
    departments: dict[str, Any]
    items: list[tuple[str, dict[str, Any]]]
    """(file name, item) in file order."""
    themes: list[dict[str, Any]] = field(default_factory=list)
    source: str = "memory"
    calendar: dict[str, Any] = field(default_factory=dict)
    """holidays.yaml: {"holidays": [dates], "workdays": [dates]} (optional)."""


@dataclass(frozen=True, slots=True)
class ScopeSpec:
    """Which divisions the mirror covers (config `terminal.division_code`, `catalog.scope`, `catalog.subtree_root`)."""

    division_code: str
    scope: str = "chain"
    subtree_root: str = ""

    @property
    def key(self) -> str:
        root = self.subtree_root if self.scope == "subtree" else ""
        return f"{self.scope}:{self.division_code}:{root}"


def demo_bundle_path() -> Path:
    """The demo catalog shipped in the package (app/data/demo_catalog)."""
    return Path(str(resources.files("app.data") / "demo_catalog"))


# ------------------------------------------------------------------------------------------------------ loading


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{path.name}: cannot be read as UTF-8 YAML: {exc}")
        return None


def load_bundle(path: Path) -> Bundle:
    """Read a bundle folder; structural problems (missing files, bad YAML) refuse it at once."""
    problems: list[str] = []
    if not path.is_dir():
        raise CatalogImportError([f"{path}: catalog bundle folder not found"])
    meta = _read_yaml(path / "bundle.yaml", problems) if (path / "bundle.yaml").exists() else None
    if meta is None and not problems:
        problems.append("bundle.yaml: missing")
    deps_doc = _read_yaml(path / "departments.yaml", problems) if (path / "departments.yaml").exists() else None
    if deps_doc is None and (path / "departments.yaml").exists() is False:
        problems.append("departments.yaml: missing")
    themes_doc = _read_yaml(path / "themes.yaml", problems) if (path / "themes.yaml").exists() else {"themes": []}
    calendar = _read_yaml(path / "holidays.yaml", problems) if (path / "holidays.yaml").exists() else {}
    items: list[tuple[str, dict[str, Any]]] = []
    item_files = sorted((path / "items").glob("*.yaml")) + sorted((path / "items").glob("*.yml"))
    if not item_files:
        problems.append("items/: no item files")
    for f in item_files:
        doc = _read_yaml(f, problems)
        if doc is None:
            continue
        if not isinstance(doc, list):
            problems.append(f"items/{f.name}: must be a list of items")
            continue
        for n, item in enumerate(doc, 1):
            if not isinstance(item, dict):
                problems.append(f"items/{f.name}: entry {n} is not a mapping")
                continue
            items.append((f"items/{f.name}", item))
    if problems:
        raise CatalogImportError(problems)
    departments = deps_doc.get("departments") if isinstance(deps_doc, dict) else None
    themes = themes_doc.get("themes") if isinstance(themes_doc, dict) else None
    return Bundle(
        meta=meta if isinstance(meta, dict) else {},
        departments=departments if isinstance(departments, dict) else {},
        items=items,
        themes=themes if isinstance(themes, list) else [],
        source=str(path),
        calendar=calendar if isinstance(calendar, dict) else {"holidays": calendar},
    )


def load_divisions() -> list[DivisionRow]:
    """The packaged five-level division tree (app/data/divisions/yunnan-divisions.csv)."""
    text = (resources.files("app.data") / "divisions" / "yunnan-divisions.csv").read_text(encoding="utf-8")
    return [(r["code"], r["name"], r["level"], r["parent_code"] or None) for r in csv.DictReader(io.StringIO(text))]


# ------------------------------------------------------------------------------------------------------ validation


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
    for name in _PLACEHOLDER.findall(template):
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
        elif isinstance(place, str) and any(n not in LEVELS for n in _PLACEHOLDER.findall(place)):
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
        from app.forms.engine import FormDefinitionError, parse_form

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
        for name in _PLACEHOLDER.findall(place):
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
    from app.forms.engine import FormDefinitionError, parse_form
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


def _iso_day(value: Any) -> str | None:
    """An ISO date from YAML (a quoted string, or a date YAML parsed itself)."""
    text = value.isoformat() if isinstance(value, datetime.date) else value
    if not isinstance(text, str):
        return None
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


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
            iso = _iso_day(day)
            if iso is None:
                ck.add("holidays.yaml", f"{kind}: {day!r} is not a date (YYYY-MM-DD)")
            elif iso in seen and seen[iso] != kind:
                ck.add("holidays.yaml", f"{iso} is both a holiday and a working day")
            else:
                seen[iso] = kind


# ------------------------------------------------------------------------------------------------------ expansion


def pinyin_keys(text: str) -> tuple[str, str]:
    """Full pinyin without tones and initials, lower-case letters and digits only: 居民身份证 → (jumin…, jmsfz)."""
    full: list[str] = []
    initials: list[str] = []
    for seg in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        if seg.isascii() and seg.isalpha() and seg.islower():
            full.append(seg)
            initials.append(seg[0])
        else:  # text that is not Han (latin letters, digits, punctuation): keep letters and digits as they are
            kept = "".join(ch for ch in seg.lower() if ch.isascii() and ch.isalnum())
            full.append(kept)
            initials.append(kept)
    return "".join(full), "".join(initials)


def demo_uscc(division_code: str, body_name: str, *, level: str) -> str:
    """A deterministic, check-valid 统一社会信用代码 (GB 32100) for a demo implementing body.

    Layout: registration authority + category (`11` 机构编制/机关; `54` for village committees, registered by civil
    affairs — illustrative), the 6-digit GB/T 2260 code of the division's county (or its prefecture/province padded
    with zeros), a GB 11714 organisation code (8 digits from a hash of code and name, then its check character), and
    the GB 32100 check character. Demo codes are not real registrations.
    """
    prefix = "54" if level == "village" else "11"
    area = (division_code[:6] + "000000")[:6]
    digest = hashlib.sha256(f"{division_code}|{body_name}".encode()).digest()
    org = "".join(str(b % 10) for b in digest[:8])
    org += gb11714_check_char(org)
    first17 = prefix + area + org
    return first17 + gb32100_check_char(first17)


def scope_divisions(divisions: Sequence[DivisionRow], spec: ScopeSpec) -> list[DivisionRow]:
    """The divisions an import covers. Raises `UserError` naming an unknown division code."""
    by_code = {d[0]: d for d in divisions}
    if spec.division_code not in by_code:
        raise UserError(messages.UNKNOWN_TERMINAL_DIVISION, code=spec.division_code)
    chain = _chain(by_code, spec.division_code)
    if spec.scope == "chain":
        return chain
    if spec.scope != "subtree":
        raise UserError(messages.BAD_SCOPE, scope=repr(spec.scope))
    root = spec.subtree_root or spec.division_code
    if root not in by_code:
        raise UserError(messages.UNKNOWN_SUBTREE_ROOT, code=root)
    # Statistical division codes nest by prefix (2, 4, 6, 9, 12 digits), so a subtree is a code prefix.
    wanted = {d[0] for d in _chain(by_code, root)} | {d[0] for d in chain}
    wanted.update(d[0] for d in divisions if d[0].startswith(root))
    return [d for d in divisions if d[0] in wanted]


def _chain(by_code: Mapping[str, DivisionRow], code: str) -> list[DivisionRow]:
    out = []
    current: str | None = code
    while current is not None and current in by_code:
        out.append(by_code[current])
        current = by_code[current][3]
    return out


def _fill(template: str, names: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), template)


_DEFAULT_PLACE = {
    "province": "{province}政务服务中心",
    "prefecture": "{prefecture}政务服务中心",
    "county": "{county}政务服务中心",
    "township": "{township}便民服务中心",
    "village": "{village}便民服务站",
}


def build_rows(bundle: Bundle, divisions: Sequence[DivisionRow], spec: ScopeSpec) -> CatalogRows:
    """Turn a validated bundle into the rows of the mirror for the given scope.

    An item is implemented at every division of its levels (行使层级) that lies in the scope — `chain`: the terminal's
    own division chain (village → province); `subtree`: every division under `catalog.subtree_root` plus the chain
    above it. The implementing body (实施机关) is named from the department's template for that level, with a
    deterministic, check-valid demo 统一社会信用代码 (GB 32100, `demo_uscc`)."""
    in_scope = scope_divisions(divisions, spec)
    by_code = {d[0]: d for d in divisions}
    by_level: dict[str, list[str]] = {lv: [] for lv in LEVELS}
    for d in in_scope:
        by_level[d[2]].append(d[0])
    for codes in by_level.values():
        codes.sort()

    names_cache: dict[str, dict[str, str]] = {}

    def names_of(code: str) -> dict[str, str]:
        got = names_cache.get(code)
        if got is None:
            got = names_cache[code] = {d[2]: d[1] for d in _chain(by_code, code)}
        return got

    departments = bundle.departments
    items_out: list[dict[str, Any]] = []
    sub_items: list[tuple[str, int, int, str]] = []
    cases: list[tuple[str, str, int, str]] = []
    materials: list[tuple[Any, ...]] = []
    steps: list[tuple[int, int, str, str, int | None, str]] = []
    synonyms: list[tuple[int, int, str]] = []
    forms: list[tuple[int, int, str]] = []
    search: list[tuple[int, str, str, str, str, str, str]] = []
    item_ids: dict[str, int] = {}
    plans: list[tuple[int, str, str, str, list[str]]] = []  # (item id, code, dep key, place template, levels)

    for item_id, (_file, item) in enumerate(bundle.items, 1):
        code = item["basic_code"]
        item_ids[code] = item_id
        dep = departments[item["department"]]
        levels = [lv for lv in LEVELS if lv in item["levels"]]
        fee = item["fee"]
        modes = item["service_modes"]
        full, initials = pinyin_keys(item["name"])
        words = [str(w) for w in item.get("synonyms") or []]
        syn_keys = [pinyin_keys(w) for w in words]
        items_out.append(
            {
                "id": item_id,
                "code": code,
                "name": item["name"],
                "type": item["type"],
                "department_key": item["department"],
                "department_name": dep["name"],
                "levels": json.dumps(levels),
                "audience": json.dumps(item["audience"], ensure_ascii=False),
                "basis": json.dumps(item["basis"], ensure_ascii=False),
                "conditions": item["conditions"],
                "legal_limit_days": item["legal_limit_days"],
                "promised_limit_days": item["promised_limit_days"],
                "case_type": item["case_type"],
                "visits": item["visits"],
                "fee_charged": int(fee["charged"]),
                "fee_standard": fee["standard"],
                "fee_basis": fee.get("basis") or "",
                "online": int(modes["online"]),
                "mail": int(modes["mail"]),
                "appointment": int(modes["appointment"]),
                "self_service": int(modes["self_service"]),
                "allows_deferred_materials": int(bool(item.get("allows_deferred_materials", False))),
                "expired_id_card": item.get("expired_id_card", "warn"),
                "result_name": item["result"]["name"],
                "result_type": item["result"]["type"],
                "hours": item["hours"],
                "consult_phone": item["consult_phone"],
                "complaint_phone": item["complaint_phone"],
                "place": item.get("place"),
                # The highest level at which the mirror implements the item (None: not in this terminal's scope).
                "top_level": next((lv for lv in levels if by_level[lv]), None),
                "sort_key": full,
            }
        )
        for seq, sub in enumerate(item.get("sub_items") or []):
            sub_items.append((sub["code"], item_id, seq, sub["name"]))
            for cseq, case in enumerate(sub.get("cases") or []):
                cases.append((case["code"], sub["code"], cseq, case["name"]))
        for seq, m in enumerate(item["materials"]):
            materials.append(
                (
                    item_id,
                    seq,
                    m["id"],
                    m["name"],
                    int(m["required"]),
                    m["form"],
                    m["medium"],
                    m["copies"],
                    m["source"],
                    m["standard"],
                    m.get("blank_form"),
                    m.get("sample"),
                    m.get("note") or None,
                )
            )
        for seq, step in enumerate(item["process"]):
            steps.append(
                (
                    item_id,
                    seq,
                    step["name"],
                    str(step.get("actor") or ""),
                    step.get("days"),
                    step.get("description") or "",
                )
            )
        for seq, w in enumerate(words):
            synonyms.append((item_id, seq, w))
        forms.append((item_id, item["form"]["version"], json.dumps(item["form"], ensure_ascii=False)))
        search.append(
            (
                item_id,
                item["name"],
                " | ".join(words),
                full,
                initials,
                " ".join(k[0] for k in syn_keys),
                " ".join(k[1] for k in syn_keys),
            )
        )
        place_template = item.get("place") or dep.get("place") or ""
        plans.append((item_id, code, item["department"], place_template, levels))

    themes: list[tuple[str, int, str, str, str, str, str]] = []
    theme_items: list[tuple[str, int, int]] = []
    for seq, theme in enumerate(bundle.themes):
        mapping = json.dumps(theme.get("fields") or {}, ensure_ascii=False, sort_keys=True)
        slots = json.dumps(theme.get("materials") or {}, ensure_ascii=False, sort_keys=True)
        themes.append((theme["code"], seq, theme["name"], theme["kind"], theme["description"], mapping, slots))
        for iseq, c in enumerate(theme["items"]):
            theme_items.append((theme["code"], iseq, item_ids[c]))

    bodies: dict[tuple[str, str], int] = {}
    body_rows: list[tuple[int, str, str, str]] = []
    places: dict[str, int] = {}
    place_rows: list[tuple[int, str]] = []
    level_of = {d[0]: d[2] for d in in_scope}

    def body_id(dep_key: str, division: str) -> int:
        level = level_of[division]
        name = _fill(departments[dep_key]["bodies"][level], names_of(division))
        key = (division, name)
        bid = bodies.get(key)
        if bid is None:
            bid = len(body_rows) + 1
            bodies[key] = bid
            body_rows.append((bid, division, name, demo_uscc(division, name, level=level)))
        return bid

    def place_id(template: str, division: str) -> int:
        # A place template naming a level below the implementing division ("{county}…" for a province item) does
        # not apply there: the division's own service centre is the place.
        names = names_of(division)
        if not template or any(n not in names for n in _PLACEHOLDER.findall(template)):
            template = _DEFAULT_PLACE[level_of[division]]
        text = _fill(template, names)
        pid = places.get(text)
        if pid is None:
            pid = len(place_rows) + 1
            places[text] = pid
            place_rows.append((pid, text))
        return pid

    # Bodies and places are resolved per (department, division) once; the implementation rows reuse them.
    dep_body: dict[tuple[str, str], int] = {}
    tpl_place: dict[tuple[str, str], int] = {}

    def implementations() -> Iterator[tuple[int, str, str, int, int]]:
        for item_id, code, dep_key, place_template, levels in plans:
            targets = sorted(c for lv in levels for c in by_level[lv])
            for division in targets:
                b = dep_body.get((dep_key, division))
                if b is None:
                    b = dep_body[(dep_key, division)] = body_id(dep_key, division)
                p = tpl_place.get((place_template, division))
                if p is None:
                    p = tpl_place[(place_template, division)] = place_id(place_template, division)
                yield (item_id, division, f"{code}-{division}", b, p)

    meta = bundle.meta
    return CatalogRows(
        bundle={
            "bundle_id": meta["bundle_id"],
            "version": meta["version"],
            "demo": meta["demo"],
            "notice": meta.get("notice") or "",
            "source": bundle.source,
            "scope_key": spec.key,
            "extra": {
                "item_count": len(items_out),
                "level_counts": {lv: sum(1 for p in plans if lv in p[4] and by_level[lv]) for lv in LEVELS},
            },
        },
        divisions=list(divisions),
        departments=[
            (key, dep["name"], json.dumps(dep["bodies"], ensure_ascii=False), dep.get("place"))
            for key, dep in departments.items()
        ],
        items=items_out,
        sub_items=sub_items,
        handling_cases=cases,
        materials=materials,
        process_steps=steps,
        synonyms=synonyms,
        forms=forms,
        themes=themes,
        theme_items=theme_items,
        item_search=search,
        calendar=sorted(
            {
                (str(_iso_day(day)), kind[:-1])
                for kind in ("holidays", "workdays")
                for day in bundle.calendar.get(kind) or []
            }
        ),
        bodies=body_rows,
        places=place_rows,
        # A generator: ~700k rows province-wide are streamed, never held in memory. It fills `body_rows` and
        # `place_rows` as it goes, so the writer inserts implementations before bodies and places.
        implementations=implementations(),
    )


def import_bundle(
    store: CatalogStore, bundle: Bundle, spec: ScopeSpec, *, divisions: Sequence[DivisionRow] | None = None
) -> CatalogRows:
    """Validate, expand and write a bundle in one transaction; returns what was written."""
    validate_bundle(bundle)
    rows = build_rows(bundle, load_divisions() if divisions is None else divisions, spec)
    store.replace_catalog(rows)
    return rows
