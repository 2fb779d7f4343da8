"""Expanding a validated bundle into the mirror's rows for the terminal's scope, and the import that writes them.

Contract: `build_rows` numbers every row and names implementing bodies and places for each division in scope;
`import_bundle` validates, expands and writes in one transaction (`CatalogStore.replace_catalog`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pypinyin import Style, lazy_pinyin

from app.catalog import messages
from app.catalog.bundle.load import PLACEHOLDER, Bundle, DivisionRow, ScopeSpec, iso_day, load_divisions
from app.catalog.bundle.validate import validate_bundle
from app.errors import UserError
from app.identity.checksums import gb11714_check_char, gb32100_check_char
from app.model.catalog import LEVELS
from local_db.catalog.rows import (
    BodyInsert,
    CalendarDayInsert,
    CatalogRows,
    DepartmentInsert,
    FormInsert,
    HandlingCaseInsert,
    ImplementationInsert,
    ItemSearchInsert,
    MaterialInsert,
    PlaceInsert,
    ProcessStepInsert,
    SubItemInsert,
    SynonymInsert,
    ThemeInsert,
    ThemeItemInsert,
)
from local_db.catalog.store import CatalogStore

__all__ = ["build_rows", "demo_uscc", "import_bundle", "pinyin_keys", "scope_divisions"]


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
    return PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), template)


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
    sub_items: list[SubItemInsert] = []
    cases: list[HandlingCaseInsert] = []
    materials: list[MaterialInsert] = []
    steps: list[ProcessStepInsert] = []
    synonyms: list[SynonymInsert] = []
    forms: list[FormInsert] = []
    search: list[ItemSearchInsert] = []
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
            sub_items.append(SubItemInsert(code=sub["code"], item_id=item_id, seq=seq, name=sub["name"]))
            for cseq, case in enumerate(sub.get("cases") or []):
                cases.append(
                    HandlingCaseInsert(code=case["code"], sub_item_code=sub["code"], seq=cseq, name=case["name"])
                )
        for seq, m in enumerate(item["materials"]):
            materials.append(
                MaterialInsert(
                    item_id=item_id,
                    seq=seq,
                    id=m["id"],
                    name=m["name"],
                    required=int(m["required"]),
                    form=m["form"],
                    medium=m["medium"],
                    copies=m["copies"],
                    source=m["source"],
                    standard=m["standard"],
                    blank_form=m.get("blank_form"),
                    sample=m.get("sample"),
                    note=m.get("note") or None,
                )
            )
        for seq, step in enumerate(item["process"]):
            steps.append(
                ProcessStepInsert(
                    item_id=item_id,
                    seq=seq,
                    name=step["name"],
                    actor=str(step.get("actor") or ""),
                    days=step.get("days"),
                    description=step.get("description") or "",
                )
            )
        for seq, w in enumerate(words):
            synonyms.append(SynonymInsert(item_id=item_id, seq=seq, word=w))
        forms.append(
            FormInsert(
                item_id=item_id,
                version=item["form"]["version"],
                definition=json.dumps(item["form"], ensure_ascii=False),
            )
        )
        search.append(
            ItemSearchInsert(
                item_id=item_id,
                name=item["name"],
                synonyms=" | ".join(words),
                pinyin=full,
                initials=initials,
                syn_pinyin=" ".join(k[0] for k in syn_keys),
                syn_initials=" ".join(k[1] for k in syn_keys),
            )
        )
        place_template = item.get("place") or dep.get("place") or ""
        plans.append((item_id, code, item["department"], place_template, levels))

    themes: list[ThemeInsert] = []
    theme_items: list[ThemeItemInsert] = []
    for seq, theme in enumerate(bundle.themes):
        themes.append(
            ThemeInsert(
                code=theme["code"],
                seq=seq,
                name=theme["name"],
                kind=theme["kind"],
                description=theme["description"],
                fields=json.dumps(theme.get("fields") or {}, ensure_ascii=False, sort_keys=True),
                materials=json.dumps(theme.get("materials") or {}, ensure_ascii=False, sort_keys=True),
            )
        )
        for iseq, c in enumerate(theme["items"]):
            theme_items.append(ThemeItemInsert(theme_code=theme["code"], seq=iseq, item_id=item_ids[c]))

    bodies: dict[tuple[str, str], int] = {}
    body_rows: list[BodyInsert] = []
    places: dict[str, int] = {}
    place_rows: list[PlaceInsert] = []
    level_of = {d[0]: d[2] for d in in_scope}

    def body_id(dep_key: str, division: str) -> int:
        level = level_of[division]
        name = _fill(departments[dep_key]["bodies"][level], names_of(division))
        key = (division, name)
        bid = bodies.get(key)
        if bid is None:
            bid = len(body_rows) + 1
            bodies[key] = bid
            body_rows.append(
                BodyInsert(id=bid, division_code=division, name=name, uscc=demo_uscc(division, name, level=level))
            )
        return bid

    def place_id(template: str, division: str) -> int:
        # A place template naming a level below the implementing division ("{county}…" for a province item) does
        # not apply there: the division's own service centre is the place.
        names = names_of(division)
        if not template or any(n not in names for n in PLACEHOLDER.findall(template)):
            template = _DEFAULT_PLACE[level_of[division]]
        text = _fill(template, names)
        pid = places.get(text)
        if pid is None:
            pid = len(place_rows) + 1
            places[text] = pid
            place_rows.append(PlaceInsert(id=pid, text=text))
        return pid

    # Bodies and places are resolved per (department, division) once; the implementation rows reuse them.
    dep_body: dict[tuple[str, str], int] = {}
    tpl_place: dict[tuple[str, str], int] = {}

    def implementations() -> Iterator[ImplementationInsert]:
        for item_id, code, dep_key, place_template, levels in plans:
            targets = sorted(c for lv in levels for c in by_level[lv])
            for division in targets:
                b = dep_body.get((dep_key, division))
                if b is None:
                    b = dep_body[(dep_key, division)] = body_id(dep_key, division)
                p = tpl_place.get((place_template, division))
                if p is None:
                    p = tpl_place[(place_template, division)] = place_id(place_template, division)
                yield (item_id, division, f"{code}-{division}", b, p)  # a plain tuple: see ImplementationInsert

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
            DepartmentInsert(
                key=key, name=dep["name"], bodies=json.dumps(dep["bodies"], ensure_ascii=False), place=dep.get("place")
            )
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
                CalendarDayInsert(day=str(iso_day(day)), kind=kind[:-1])
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
