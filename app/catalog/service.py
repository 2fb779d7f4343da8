"""The catalog service (政务服务事项目录): search, browse and guides over the terminal's mirror (catalog.db).

Contract: synchronous and callable from any thread (the store serialises calls behind one lock); a missing, corrupt or
unusable mirror raises `CatalogUnavailable`, an unknown code `UnknownItem` or `UserError`, all catalog messages.

Size: search ranking, browsing by division chain, the guide's assembly and the mirror's opening and bootstrap share
one store and its caches; split them when one of them grows.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import yaml

from app.catalog import messages
from app.catalog.bundle import ScopeSpec, demo_bundle_path, import_bundle, load_bundle
from app.config import Config
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

__all__ = [
    "CatalogService",
    "CatalogUnavailable",
    "UnknownItem",
    "import_catalog",
    "normalise_query",
    "open_catalog",
    "open_for_config",
    "scope_of",
]

log = logging.getLogger(__name__)

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


_SCRIPT_RUNS = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


@functools.lru_cache(maxsize=4096)
def _json_tuple(text: str) -> tuple[str, ...]:
    """A JSON list column as a tuple, parsed once per distinct value (a handful of distinct values exist)."""
    return tuple(json.loads(text))


def normalise_query(query: str) -> list[str]:
    """Search terms of a user's query: NFKC (full-width → half-width), lower case, punctuation and symbols (quotes,
    brackets, `*`, emoji…) treated as spaces. Returns [] when nothing searchable is left."""
    text = unicodedata.normalize("NFKC", query or "").lower()
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)
    # Latin letters/digits and Chinese in one word ("sfz换领") are two terms: they live in different columns.
    return [run for word in cleaned.split() for run in _SCRIPT_RUNS.findall(word)]


def _tier(row: dict[str, Any], q: str) -> int:
    """Match quality, lower is better.

    Exact name, name prefix, then an exact synonym (the curated everyday word for *this* item: 低保 is what people
    call 最低生活保障申请, so it beats an item that merely mentions 低保 in its name), name substring, then pinyin and
    initials (exact, prefix, substring), synonym substrings and the pinyin of synonyms.
    """
    name = row["name_l"]
    if name == q:
        return 0
    if name.startswith(q):
        return 1
    synonyms = row["syn_list"]
    if q in synonyms:
        return 2
    if q in name:
        return 3
    pinyin, initials = row["pinyin"], row["initials"]
    syn_keys = row["syn_keys"]
    if q in (pinyin, initials):
        return 4
    if pinyin.startswith(q) or initials.startswith(q) or q in syn_keys:
        return 5
    if q in pinyin or q in initials or any(q in s for s in synonyms):
        return 6
    if any(q in k for k in syn_keys):
        return 7
    return 8  # the terms matched separately


def _prepare(row: dict[str, Any]) -> dict[str, Any]:
    """A search row with what ranking and filtering read, parsed once."""
    row["name_l"] = row["name"].lower()
    row["syn_list"] = [w.lower() for w in row["synonyms"].split(" | ")] if row["synonyms"] else []
    row["syn_keys"] = row["syn_pinyin"].split() + row["syn_initials"].split()
    row["audience_t"] = _json_tuple(row["audience"])
    row["levels_t"] = _json_tuple(row["levels"])
    return row


class CatalogService:
    """One terminal's catalog. Build it with `open_catalog` (or `AppContext.catalog`).

    Search: the full-text index covers items (a few hundred to a few thousand rows), never the ~700k implementation
    rows of a province-wide mirror. A query is normalised (NFKC, lower case, punctuation and symbols become spaces)
    and split into terms; each term of 3+ characters goes to the FTS5 trigram index as one quoted phrase (user text
    never reaches MATCH as syntax), shorter terms to a scan of the per-item search table. Terms are ANDed. Hits are
    ranked in Python (exact name > name prefix > exact synonym > name substring > pinyin and initials > synonym
    substrings, then local popularity, then shorter names; see `_tier`), and only then checked against the division
    chain, best first, with a few primary-key seeks per item. Without an explicit division the mirror itself is the
    scope (it only holds what the terminal's scope implements), and the precomputed `items.top_level` answers
    without touching implementations.
    """

    def __init__(self, store: CatalogStore, spec: ScopeSpec) -> None:
        self._store = store
        self.spec = spec
        self._chains: dict[str, list[Division]] = {}
        # Per-item search data (a few hundred rows), cached until the catalog or popularity changes.
        self._index: dict[int, dict[str, Any]] = {}
        self._index_token: tuple[int, int] | None = None
        self._index_lock = threading.Lock()

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
    ) -> list[ItemSummary]:
        """Items matching `query` (Chinese, full pinyin or initials, synonyms), best first.

        Results are limited to items implemented in the mirror's scope, or on `division`'s chain when given.
        Anything typed is safe: FTS syntax is matched literally; an empty query gives [].
        """
        terms = normalise_query(query)
        if not terms or limit <= 0:
            return []
        candidates: set[int] | None = None
        for term in terms[:8]:  # a pasted paragraph is not a query: 8 terms are plenty
            ids = set(self._store.match_fts(term) if len(term) >= 3 else self._store.match_scan(term))
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                return []
        assert candidates is not None
        rows = self._filter(self._rows(sorted(candidates)), department, item_type, level, audience, theme)
        compact = "".join(terms)
        rows.sort(key=lambda r: (_tier(r, compact), -r["views"], len(r["name"]), r["sort_key"], r["code"]))
        return self._scoped(rows, division, limit)

    def _rows(self, item_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
        """Search rows of the given items (all when None), from the cache; the cache reloads when the database
        changed (another process imported or counted views) or this store imported."""
        with self._index_lock:
            token = self._store.change_token()
            if token != self._index_token:
                self._index = {r["id"]: _prepare(r) for r in self._store.search_rows(None)}
                self._index_token = token
            index = self._index
        if item_ids is None:
            return list(index.values())
        return [index[i] for i in item_ids if i in index]

    def _filter(
        self,
        rows: list[dict[str, Any]],
        department: str | None,
        item_type: str | None,
        level: str | None,
        audience: str | None,
        theme: str | None,
    ) -> list[dict[str, Any]]:
        in_theme = set(self._store.item_ids_of_theme(theme)) if theme else None
        out = []
        for r in rows:
            if department and department not in (r["department_key"], r["department_name"]):
                continue
            if item_type and r["type"] != item_type:
                continue
            if level and level not in r["levels_t"]:
                continue
            if audience and audience not in r["audience_t"]:
                continue
            if in_theme is not None and r["id"] not in in_theme:
                continue
            out.append(r)
        return out

    def _scoped(self, ranked: Sequence[dict[str, Any]], division: str | None, limit: int | None) -> list[ItemSummary]:
        """Keep, in order, the items implemented in scope, with the highest level at which they are."""
        out: list[ItemSummary] = []
        if division is None:
            for r in ranked:
                if r["top_level"] is not None:
                    out.append(self._summary(r, r["top_level"]))
                    if limit is not None and len(out) >= limit:
                        break
            return out
        chain = self.division_chain(division)
        level_of = {d.code: d.level for d in chain}
        codes = [d.code for d in chain]
        # Check in batches, best first, so a long hit list costs only as many seeks as the page needs.
        batch = max(limit or 0, 32)
        for start in range(0, len(ranked), batch):
            part = ranked[start : start + batch]
            found = self._store.implemented_on([r["id"] for r in part], codes)
            for r in part:
                where = found.get(r["id"])
                if where:
                    top = min(where, key=len)
                    out.append(self._summary(r, level_of[top]))
                    if limit is not None and len(out) >= limit:
                        return out
        return out

    @staticmethod
    def _summary(r: dict[str, Any], level: str) -> ItemSummary:
        return ItemSummary(
            code=r["code"],
            name=r["name"],
            type=r["type"],
            department=r["department_name"],
            level=level,
            audience=r["audience_t"],
            popularity=int(r["views"]),
        )

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
        ids = self._store.item_ids_of_theme(code)
        by_id = {r["id"]: r for r in self._rows(ids)}
        return self._scoped([by_id[i] for i in ids if i in by_id], division, None)

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
        rows = self._filter(self._rows(ids), department, item_type, level, audience, theme)
        rows.sort(key=lambda r: (-r["views"], r["sort_key"], r["code"]))
        return self._scoped(rows, division, limit)

    @_guarded
    def record_view(self, code: str) -> int:
        """Count one view of an item's guide on this terminal (local popularity); returns the new count."""
        if self._store.item_row(code) is None:
            raise UnknownItem(messages.UNKNOWN_ITEM, code=code)
        views = self._store.record_view(code)
        with self._index_lock:  # our own write does not move SQLite's data_version for our connection
            for row in self._index.values():
                if row["code"] == code:
                    row["views"] = views
        return views

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


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Serialise first-use initialisation between processes (a kiosk and a technician's CLI, parallel tests)."""
    import fcntl

    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def scope_of(config: Config) -> ScopeSpec:
    return ScopeSpec(
        division_code=config.terminal.division_code,
        scope=config.catalog.scope,
        subtree_root=config.catalog.subtree_root,
    )


def _bundle_id(bundle_dir: Path) -> str | None:
    try:
        meta = yaml.safe_load((bundle_dir / "bundle.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    return str(meta.get("bundle_id")) if isinstance(meta, dict) else None


def open_catalog(db_path: Path, spec: ScopeSpec, *, bootstrap: Path | None = None) -> CatalogService:
    """Open the mirror at `db_path`.

    A missing or empty database is filled from the `bootstrap` bundle (the packaged demo catalog on a fresh data
    directory); a demo mirror built for another scope (the terminal's division or scope changed) is rebuilt.
    Without `bootstrap`, a missing database is `CatalogUnavailable`, and so is a corrupt one, always: it is never
    overwritten silently (a technician re-imports with `yunban catalog import`).
    """
    with _file_lock(db_path.with_name(db_path.name + ".lock")):
        fresh = not db_path.exists()
        if fresh and bootstrap is None:
            raise CatalogUnavailable(messages.DB_MISSING, path=db_path)
        try:
            store = CatalogStore.open(db_path, create=fresh)
        except CatalogStoreError as exc:
            raise CatalogUnavailable(messages.DB_DAMAGED, error=exc) from exc
        try:
            info = store.bundle_info()
            # A mirror of the bootstrap (demo) bundle built for another scope (the terminal's division or scope was
            # changed) is rebuilt. Any other catalog (platform feed, imported snapshot) is left to its own update
            # path: it is never overwritten with the demo.
            stale = (
                info is not None
                and bootstrap is not None
                and info["scope_key"] != spec.key
                and info["bundle_id"] == _bundle_id(bootstrap)
            )
            if info is not None and info["scope_key"] != spec.key and not stale:
                log.warning(
                    "catalog %s was built for scope %s, terminal is %s", info["bundle_id"], info["scope_key"], spec.key
                )
            if info is None or stale:
                if bootstrap is None:
                    raise CatalogUnavailable(messages.EMPTY_DB, path=db_path)
                log.info("importing catalog bundle %s for scope %s", bootstrap, spec.key)
                try:
                    import_bundle(store, load_bundle(bootstrap), spec)
                except CatalogUnavailable:
                    raise
                except UserError as exc:
                    raise CatalogUnavailable(exc.msg, **exc.params) from exc
        except CatalogStoreError as exc:
            store.close()
            raise CatalogUnavailable(messages.DB_UNAVAILABLE, error=exc) from exc
        except BaseException:
            store.close()
            raise
    service = CatalogService(store, spec)
    try:
        service.terminal_chain()
    except BaseException:
        service.close()
        raise
    return service


def open_for_config(db_path: Path, config: Config) -> CatalogService:
    """The terminal's catalog as `AppContext.catalog` builds it: bootstrapped from the packaged demo bundle."""
    return open_catalog(db_path, scope_of(config), bootstrap=demo_bundle_path())


def import_catalog(db_path: Path, spec: ScopeSpec, bundle_dir: Path | None = None) -> CatalogStats:
    """Replace the mirror with a bundle (default: the packaged demo), e.g. `yunban catalog import`.

    The bundle is loaded and validated before the database is touched. A corrupt database file is moved aside
    (`catalog.db.corrupt`) and rebuilt: the mirror holds nothing that cannot be rebuilt but the popularity counter.
    """
    bundle = load_bundle(bundle_dir or demo_bundle_path())
    with _file_lock(db_path.with_name(db_path.name + ".lock")):
        try:
            store = CatalogStore.open(db_path, create=True)
        except CatalogStoreError:
            log.warning("catalog database %s is corrupt; moving it aside and rebuilding", db_path)
            for suffix in ("", "-wal", "-shm"):
                old = db_path.with_name(db_path.name + suffix)
                if old.exists():
                    old.replace(old.with_name(old.name + ".corrupt"))
            store = CatalogStore.open(db_path, create=True)
        try:
            import_bundle(store, bundle, spec)
            service = CatalogService(store, spec)
            return service.stats()
        finally:
            store.close()
