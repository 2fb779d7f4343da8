"""The catalog service (政务服务事项目录): guides, browsing, divisions and search over the terminal's mirror.

Contract: synchronous and callable from any thread (the store serialises calls behind one lock); a missing, corrupt or
unusable mirror raises `CatalogUnavailable`, an unknown code `UnknownItem` or `UserError`, all catalog messages.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from app.catalog import messages
from app.catalog.bundle.load import ScopeSpec
from app.catalog.search import ItemIndex
from app.errors import UserError
from app.model.catalog import (
    LEVELS,
    CatalogStats,
    Department,
    Division,
    HandlingCase,
    Implementation,
    ItemGuide,
    ItemSummary,
    Material,
    ProcessStep,
    SubItem,
    Theme,
)
from local_db.catalog.store import CatalogStore, CatalogStoreError

__all__ = ["CatalogService", "CatalogUnavailable", "UnknownItem"]

P = ParamSpec("P")
R = TypeVar("R")


class CatalogUnavailable(UserError):
    """The catalog cannot be used (missing, corrupt or unimportable database, or a terminal division the tree does
    not know). The kiosk catches this to show its maintenance screen instead of crashing."""


class UnknownItem(UserError):
    """No item with that basic code in the mirror."""


def _guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn storage failures (file deleted or corrupted under us) into `CatalogUnavailable`."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except CatalogStoreError as exc:
            raise CatalogUnavailable(messages.DB_UNAVAILABLE, error=exc) from exc

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


class CatalogService:
    """One terminal's catalog. Build it with `app.catalog.mirror.open_catalog` (or `AppContext.catalog`); search is
    `app.catalog.search.ItemIndex`."""

    def __init__(self, store: CatalogStore, spec: ScopeSpec) -> None:
        self._store = store
        self.spec = spec
        self._chains: dict[str, list[Division]] = {}
        self._index = ItemIndex(store, self.division_chain)

    def close(self) -> None:
        self._store.close()

    # --------------------------------------------------------------------------------------------- metadata

    @property
    @_guarded
    def is_demo(self) -> bool:
        info = self._store.bundle_info()
        return bool(info and info["demo"])

    @property
    @_guarded
    def notice(self) -> str:
        """The bundle's notice (shown on every guide while demo data is in use)."""
        info = self._store.bundle_info()
        return str(info["notice"]) if info else ""

    @_guarded
    def bundle_info(self) -> dict[str, Any]:
        """bundle_id, version, demo, notice, source, scope_key, imported_at."""
        info = self._store.bundle_info()
        if info is None:
            raise CatalogUnavailable(messages.EMPTY)
        return {k: v for k, v in info.items() if k != "extra"}

    @_guarded
    def stats(self) -> CatalogStats:
        counts = self._store.counts()
        info = self._store.bundle_info() or {"extra": {}, "demo": False, "bundle_id": "", "version": 0}
        level_counts = info["extra"].get("level_counts", {})
        return CatalogStats(
            items=counts["items"],
            implementations=counts["implementations"],
            divisions=counts["divisions"],
            levels={lv: int(level_counts.get(lv, 0)) for lv in LEVELS},
            is_demo=bool(info["demo"]),
            source=f"{info['bundle_id']} v{info['version']}",
        )

    @_guarded
    def calendar(self) -> dict[str, list[str]]:
        """The bundle's calendar: `{"holidays": [ISO dates], "workdays": [ISO dates]}` (调休: weekend days worked)."""
        out: dict[str, list[str]] = {"holidays": [], "workdays": []}
        for day, kind in self._store.calendar():
            out[kind + "s"].append(day)
        return out

    def is_working_day(self, day: datetime.date) -> bool:
        """Monday to Friday unless a listed holiday; a listed working day (调休) even on a weekend."""
        cal = self.calendar()
        iso = day.isoformat()
        if iso in cal["workdays"]:
            return True
        return day.weekday() < 5 and iso not in cal["holidays"]

    # --------------------------------------------------------------------------------------------- divisions

    @_guarded
    def division_chain(self, code: str) -> list[Division]:
        """The division and its ancestors, from the division itself up to the province. UserError if unknown."""
        chain = self._chains.get(code)
        if chain is None:
            rows = self._store.division_chain(code)
            if not rows:
                raise UserError(messages.UNKNOWN_DIVISION, code=code)
            chain = self._chains[code] = [Division(*r) for r in rows]
        return list(chain)

    def terminal_chain(self) -> list[Division]:
        """The terminal's chain: its own division (usually a village) first, the province last."""
        try:
            return self.division_chain(self.spec.division_code)
        except CatalogUnavailable:
            raise
        except UserError as exc:
            raise CatalogUnavailable(messages.UNKNOWN_TERMINAL_DIVISION, code=self.spec.division_code) from exc

    # --------------------------------------------------------------------------------------------- search

    @_guarded
    def search(
        self,
        query: str,
        *,
        division: str | None = None,
        department: str | None = None,
        item_type: str | None = None,
        level: str | None = None,
        audience: str | None = None,
        theme: str | None = None,
        limit: int = 20,
        tolerant: bool = True,
    ) -> list[ItemSummary]:
        """Items matching `query` (Chinese, full pinyin or initials, synonyms, English keywords), best first.

        Results are limited to items implemented in the mirror's scope, or on `division`'s chain when given.
        Anything typed is safe: FTS syntax is matched literally; an empty query gives []. When nothing matches
        exactly and `tolerant` (the default), homophones (身分证), Yunnan dialect pinyin (senfenzen) and one-letter
        typos (shenfenzhang) are forgiven (docs/search.md).
        """
        return self._index.search(
            query,
            division=division,
            department=department,
            item_type=item_type,
            level=level,
            audience=audience,
            theme=theme,
            limit=limit,
            tolerant=tolerant,
        )

    @_guarded
    def search_themes(self, query: str, *, limit: int = 5) -> list[Theme]:
        """Themes (一件事 first, then life events) matching `query` by name, description, pinyin, initials, sound or
        English keyword: 新生儿 → 新生儿出生一件事."""
        codes = self._index.search_themes(query, limit=limit)
        by_code = {t.code: t for t in self.list_themes()}
        return [by_code[c] for c in codes if c in by_code]

    @_guarded
    def suggestions(self, query: str = "", *, limit: int = 8, language: str = "zh_CN") -> list[str]:
        """Words to tap when a search is empty or found nothing: for a query, the catalog words it may have meant
        (sounding alike, one typo away, known words inside it, an English keyword's Chinese); then the 一件事 themes
        and the everyday names of the hall's most used items. In English (`language="en"`) the English that finds
        each of them (身份证 → "id card"), those the glossary has no English for left out."""
        return self._index.suggestions(query, limit=limit, language=language)

    @_guarded
    def frequent_items(self, *, limit: int = 8, division: str | None = None) -> list[ItemSummary]:
        """常办事项: the hall's most used items by local usage counts (guides opened, applications started and
        submitted on this terminal; no personal data), filled up with the items with most everyday names."""
        return self._index.most_used(division=division, limit=limit)

    # --------------------------------------------------------------------------------------------- browse

    @_guarded
    def list_departments(self) -> list[Department]:
        """Departments in bundle order with the number of items the mirror implements for each."""
        return [Department(key=k, name=n, item_count=c) for k, n, c in self._store.departments()]

    @_guarded
    def list_themes(self) -> list[Theme]:
        return [
            Theme(
                code=t.code,
                name=t.name,
                kind=t.kind,
                description=t.description,
                item_codes=tuple(t.item_codes),
                fields=t.fields,
                materials=t.materials,
            )
            for t in self._store.themes()
        ]

    @_guarded
    def items_of_theme(self, code: str, *, division: str | None = None) -> list[ItemSummary]:
        """The theme's items in the theme's order (only those implemented in scope)."""
        if not self._store.theme_exists(code):
            raise UserError(messages.UNKNOWN_THEME, code=code)
        return self._index.in_order(self._store.item_ids_of_theme(code), division=division)

    @_guarded
    def browse(
        self,
        *,
        department: str | None = None,
        theme: str | None = None,
        item_type: str | None = None,
        level: str | None = None,
        audience: str | None = None,
        division: str | None = None,
        limit: int | None = None,
    ) -> list[ItemSummary]:
        """Items by department and/or theme (and the other filters), most viewed first, then by pinyin."""
        if department:
            ids = self._store.item_ids_of_department(department)
        elif theme:
            ids = self._store.item_ids_of_theme(theme)
        else:
            ids = self._store.all_item_ids()
        return self._index.browse(
            ids,
            division=division,
            department=department,
            item_type=item_type,
            level=level,
            audience=audience,
            theme=theme,
            limit=limit,
        )

    @_guarded
    def record_view(self, code: str) -> int:
        """Count one view of an item's guide on this terminal (local popularity); returns the new count."""
        return self.record_use(code, "views")

    @_guarded
    def record_use(self, code: str, counter: str) -> int:
        """Count one use of an item on this terminal: `views` (its guide opened), `starts` (an application started),
        `submits` (an application submitted); returns that counter. Ranks search results and 常办事项."""
        if self._store.item_row(code) is None:
            raise UnknownItem(messages.UNKNOWN_ITEM, code=code)
        count = self._store.record_use(code, counter)
        counts = self._store.usage_counts(code)
        self._index.set_views(code, sum(counts.values()))
        return count

    def count_uses(self, codes: Iterable[str], counter: str) -> None:
        """`record_use` for each code, never raising: counting must never stop an application (a theme's codes,
        an item gone from the catalog since, a locked database)."""
        for code in codes:
            try:
                self.record_use(code, counter)
            except (UserError, ValueError):
                continue

    # --------------------------------------------------------------------------------------------- guide

    @_guarded
    def get_item(self, code: str, *, division: str | None = None) -> ItemGuide:
        """The whole guide (办事指南), with the implementations along the terminal's (or `division`'s) chain."""
        row = self._store.item_row(code)
        if row is None:
            raise UnknownItem(messages.UNKNOWN_ITEM, code=code)
        item_id = row["id"]
        chain = self.division_chain(division) if division else self.terminal_chain()
        impls = [
            Implementation(
                code=i.code,
                division_code=i.division_code,
                division_name=i.division_name,
                level=i.level,
                body=i.body,
                body_uscc=i.uscc,
                place=i.place,
                hours=row["hours"],
                consult_phone=row["consult_phone"],
                complaint_phone=row["complaint_phone"],
            )
            for i in self._store.implementations(item_id, [d.code for d in chain])
        ]
        form = self._store.latest_form(item_id)
        info = self._store.bundle_info()
        return ItemGuide(
            code=row["code"],
            name=row["name"],
            type=row["type"],
            department=row["department_name"],
            department_full=impls[0].body if impls else row["department_name"],
            levels=tuple(json.loads(row["levels"])),
            audience=tuple(json.loads(row["audience"])),
            basis=tuple(json.loads(row["basis"])),
            conditions=row["conditions"],
            legal_limit_days=row["legal_limit_days"],
            promised_limit_days=row["promised_limit_days"],
            case_type=row["case_type"],
            visits=row["visits"],
            fee_charged=bool(row["fee_charged"]),
            fee_standard=row["fee_standard"],
            fee_basis=row["fee_basis"],
            online=bool(row["online"]),
            mail=bool(row["mail"]),
            appointment=bool(row["appointment"]),
            self_service=bool(row["self_service"]),
            allows_deferred_materials=bool(row["allows_deferred_materials"]),
            expired_id_card=row["expired_id_card"],
            materials=tuple(
                Material(
                    id=m.id,
                    name=m.name,
                    required=bool(m.required),
                    form=m.form,
                    medium=m.medium,
                    copies=m.copies,
                    source=m.source,
                    standard=m.standard,
                    blank_form=m.blank_form,
                    sample=m.sample,
                    note=m.note,
                )
                for m in self._store.materials(item_id)
            ),
            process=tuple(
                ProcessStep(name=s.name, actor=s.actor, days=s.days, description=s.description)
                for s in self._store.process_steps(item_id)
            ),
            result_name=row["result_name"],
            result_type=row["result_type"],
            sub_items=tuple(
                SubItem(code=c, name=n, cases=tuple(HandlingCase(code=cc, name=cn) for cc, cn in cases))
                for c, n, cases in self._store.sub_items(item_id)
            ),
            implementations=tuple(impls),
            themes=tuple(self._store.themes_of_item(item_id)),
            synonyms=tuple(self._store.synonyms(item_id)),
            form=_normalise_form(form[1]) if form else {},
            is_demo=bool(info and info["demo"]),
        )


def _normalise_form(form: dict[str, Any]) -> dict[str, Any]:
    """Every field gets `required` (default false) and `options` (default []) so readers need no defaults."""
    fields = []
    for f in form.get("fields", []):
        f = dict(f)
        f.setdefault("required", False)
        f["options"] = [dict(o) for o in f.get("options") or []]
        fields.append(f)
    return {**form, "fields": fields}
