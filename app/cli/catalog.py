"""`yunban catalog …`: search, show, stats and import of the terminal's item catalog (政务服务事项目录).

Contract: JSON keys are stable —
- `search` → `[{code, name, type, department, level}]`
- `show` → the whole guide (`ItemGuide` fields, `form: {version, fields: [{id, type, label, required, options}]}`,
  plus `notice` when demo data is in use); for a theme code: `{code, name, kind, description, item_codes, fields}`
  (`fields`: the theme's field mapping) and, for a 一件事 bundle, the merged `form` a session asks, each field with
  `items: {item code: the item's own field id}` (what `yunban submit --item THEME --data` takes)
- `stats` → `{items, implementations, divisions, levels: {province, prefecture, county, township, village}}`
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import messages
from app.cli.output import context, print_json, print_table, refuse_empty
from app.errors import UserError
from app.model.catalog import LEVEL_NAMES, LEVELS, ItemGuide, Theme

if TYPE_CHECKING:
    from app.catalog.service import CatalogService


MAX_LIMIT = 1000
"""`catalog search --limit`: 1..MAX_LIMIT (0 or a negative number is refused, never an empty answer)."""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("catalog", help="search and read the item catalog (政务服务事项)", parents=[common])
    csub = p.add_subparsers(dest="catalog_command", metavar="SUBCOMMAND", required=True)

    s = csub.add_parser("search", help="search items in Chinese, pinyin or initials", parents=[common])
    s.add_argument("query", metavar="QUERY")
    s.add_argument("--division", metavar="CODE", help="search on this division's chain instead of the terminal's")
    s.add_argument(
        "--limit", type=int, default=20, metavar="N", help=f"at most N results, 1 to {MAX_LIMIT} (default 20)"
    )
    s.set_defaults(func=_search)

    sh = csub.add_parser(
        "show", help="an item's whole guide (办事指南) with its form and material slots, or a theme", parents=[common]
    )
    sh.add_argument("code", metavar="CODE", help="the item's basic code (基本编码), or a theme code")
    sh.set_defaults(func=_show)

    st = csub.add_parser("stats", help="what the terminal's mirror holds", parents=[common])
    st.set_defaults(func=_stats)

    im = csub.add_parser(
        "import",
        help="replace the mirror with a bundle folder, or apply a signed snapshot (or key rotation) FILE",
        parents=[common],
    )
    im.add_argument(
        "bundle",
        metavar="DIR|FILE",
        nargs="?",
        help="a bundle folder (unsigned: only before enrollment), or a signed snapshot file from "
        "`yunban platform export-snapshot` (default: the bundled demo catalog)",
    )
    im.set_defaults(func=_import)
    # A signed snapshot FILE instead of a folder (offline installs): app/cli/catalog_feed.py.
    from app.cli.catalog_feed import register_feed

    register_feed(csub, common, im)


def _search(args: argparse.Namespace) -> int:
    if args.limit < 1 or args.limit > MAX_LIMIT:
        raise UserError(messages.LIMIT_RANGE, option="--limit", high=MAX_LIMIT)
    if not args.query.strip():
        raise UserError(messages.EMPTY_QUERY)
    ctx = context(args)
    try:
        hits = ctx.catalog.search(args.query, division=args.division, limit=args.limit)
        rows = [
            {"code": h.code, "name": h.name, "type": h.type, "department": h.department, "level": h.level} for h in hits
        ]
        if args.json:
            print_json(rows)
        elif not rows:
            print(messages.say(messages.NO_MATCHES))
        else:
            print_table(
                ["编码", "事项名称", "类型", "部门", "层级"],
                [[r["code"], r["name"], r["type"], r["department"], LEVEL_NAMES[r["level"]]] for r in rows],
            )
    finally:
        ctx.close()
    return 0


def item_slots(guide: ItemGuide) -> list[dict[str, Any]]:
    """The item's material slots as `yunban submit --attach SLOT=FILE` names them: the form's material field for the
    material when there is one, else `material.<material id>` (app.apply.merge.material_slots)."""
    form = guide.form or {}
    fields = {f.get("material"): f["id"] for f in form.get("fields", []) if f.get("type") == "material"}
    return [
        {
            "id": fields.get(mat.id) or f"material.{mat.id}",
            "material_id": mat.id,
            "name": mat.name,
            "required": mat.required,
        }
        for mat in guide.materials
    ]


def guide_json(guide: ItemGuide, notice: str) -> dict[str, Any]:
    data = dataclasses.asdict(guide)
    data["form"] = guide.form or {"version": 0, "fields": []}
    data["material_slots"] = item_slots(guide)
    if guide.is_demo:
        data["notice"] = notice
    return data


def theme_json(catalog: CatalogService, theme: Theme) -> dict[str, Any]:
    """A theme, and for a 一件事 bundle the merged form its sessions ask (`app.apply.merge.merge_items`)."""
    data: dict[str, Any] = {
        "code": theme.code,
        "name": theme.name,
        "kind": theme.kind,
        "description": theme.description,
        "item_codes": list(theme.item_codes),
        "fields": theme.fields,
        "materials": theme.materials,
    }
    if theme.kind != "bundle":
        return data
    from app.apply.merge import merge_items

    codes = [s.code for s in catalog.items_of_theme(theme.code)] or list(theme.item_codes)
    guides = [catalog.get_item(c) for c in codes]
    _definitions, merged, slots = merge_items(guides, theme)
    maps = list(zip((g.code for g in guides), merged.field_maps, strict=True))
    data["form"] = {
        "version": 1,
        "fields": [
            {
                "id": f.id,
                "type": f.type,
                "label": f.label,
                "label_en": f.label_en,
                "required": f.required,
                "prefill": f.prefill,
                "options": [{"value": o.value, "label": o.label} for o in f.options],
                "items": {code: fmap[f.id] for code, fmap in maps if f.id in fmap},
            }
            for f in merged.fields
        ],
    }
    data["material_slots"] = [
        {"id": s.key, "name": s.name, "name_en": s.name_en, "required": s.required, "items": dict(s.members)}
        for s in slots.slots
    ]
    data["shared_materials"] = [
        {"item_code": o.item_code, "material_id": o.material_id, "name": o.name, "reason": o.reason}
        for o in slots.omitted
    ]
    return data


def _print_theme(data: dict[str, Any]) -> None:
    print(f"{data['name']}  ({data['code']})\n{data['description']}\n事项：{'、'.join(data['item_codes'])}")
    if "form" in data:
        print("\n合并申请表（一件事：共同字段只问一次）")
        print_table(
            ["字段", "类型", "标签", "必填", "预填", "对应事项字段"],
            [
                [
                    f["id"],
                    f["type"],
                    f["label"],
                    "是" if f["required"] else "",
                    f["prefill"] or "",
                    "；".join(f"{c} {own}" for c, own in f["items"].items()),
                ]
                for f in data["form"]["fields"]
            ],
        )
        print("\n申请材料（一件事：同一材料只交一次）")
        print_table(
            ["材料", "名称", "必需", "对应事项材料"],
            [
                [
                    s["id"],
                    s["name"],
                    "是" if s["required"] else "",
                    "；".join(f"{c} {i}" for c, i in s["items"].items()),
                ]
                for s in data["material_slots"]
            ]
            + [
                [m["material_id"], m["name"], "免提交（部门共享）", f"{m['item_code']}：{m['reason']}"]
                for m in data["shared_materials"]
            ],
        )


def _show(args: argparse.Namespace) -> int:
    refuse_empty("CODE", args.code, messages.WHAT_ITEM_CODE)
    ctx = context(args)
    try:
        catalog = ctx.catalog
        theme = next((t for t in catalog.list_themes() if t.code == args.code), None)
        if theme is not None:
            data = theme_json(catalog, theme)
            if args.json:
                print_json(data)
            else:
                _print_theme(data)
            return 0
        guide = catalog.get_item(args.code)
        if args.json:
            print_json(guide_json(guide, catalog.notice))
            return 0
        _print_guide(guide, catalog.notice)
    finally:
        ctx.close()
    return 0


def _days(n: int | None) -> str:
    return "—" if n is None else f"{n} 个工作日"


def _print_guide(g: ItemGuide, notice: str) -> None:
    if g.is_demo and notice:
        print(f"【演示数据】{notice}\n")
    print(f"{g.name}  ({g.code})")
    print_table(
        ["要素", "内容"],
        [
            ["事项类型", g.type],
            ["主管部门", f"{g.department_full}（{g.department}）"],
            ["行使层级", "、".join(LEVEL_NAMES[lv] for lv in g.levels)],
            ["服务对象", "、".join(g.audience)],
            ["设定依据", "；".join(g.basis)],
            ["受理条件", g.conditions],
            ["法定办结时限", _days(g.legal_limit_days)],
            ["承诺办结时限", _days(g.promised_limit_days)],
            ["办件类型", g.case_type],
            ["到现场次数", f"{g.visits} 次"],
            ["是否收费", ("收费：" + g.fee_standard) if g.fee_charged else g.fee_standard],
            ["收费依据", g.fee_basis or "—"],
            ["网上办理", "支持" if g.online else "不支持"],
            ["物流快递", "支持" if g.mail else "不支持"],
            ["预约办理", "支持" if g.appointment else "不支持"],
            ["自助终端", "支持" if g.self_service else "不支持"],
            ["容缺受理", "支持" if g.allows_deferred_materials else "不支持"],
            ["身份证过期", {"allow": "可办理", "warn": "提醒后可办理", "refuse": "须先换领"}[g.expired_id_card]],
            ["办理结果", f"{g.result_name}（{g.result_type}）"],
            ["所属主题", "、".join(g.themes) or "—"],
        ],
    )
    print("\n申请材料（一次告知）")
    slots = item_slots(g)
    print_table(
        ["序号", "材料名称", "必要性", "形式", "载体", "份数", "来源", "受理标准"],
        [
            [n, m.name, "必需" if m.required else "非必需", m.form, m.medium, m.copies, m.source, m.standard]
            for n, m in enumerate(g.materials, 1)
        ],
    )
    _print_form(g, slots)
    print("\n办理流程")
    print_table(
        ["步骤", "环节", "办理人", "时限", "说明"],
        [
            [n, s.name, s.actor, "—" if s.days is None else f"{s.days} 天", s.description]
            for n, s in enumerate(g.process, 1)
        ],
    )
    if g.implementations:
        print("\n实施机关（本终端所在区划链）")
        print_table(
            ["层级", "区划", "实施机关", "统一社会信用代码", "办理地点", "咨询电话", "投诉电话"],
            [
                [
                    LEVEL_NAMES[i.level],
                    i.division_name,
                    i.body,
                    i.body_uscc,
                    i.place,
                    i.consult_phone,
                    i.complaint_phone,
                ]
                for i in g.implementations
            ],
        )
        print(f"办理时间：{g.implementations[0].hours}")
    if g.sub_items:
        print("\n子项与业务办理项")
        for s in g.sub_items:
            print(f"  {s.name} ({s.code})" + "".join(f"\n    - {c.name} ({c.code})" for c in s.cases))


_FORM_TEXT = {
    "zh_CN": ("申请表（yunban submit --data FILE.json：字段 id → 值）", ["字段 id", "类型", "标签", "必填", "选项"],
              "材料（yunban submit --attach SLOT=FILE）", ["SLOT", "材料名称", "必需"], "是", "、"),
    "en": ("Form (yunban submit --data FILE.json: field id → value)", ["field id", "type", "label", "required",
           "options"], "Materials (yunban submit --attach SLOT=FILE)", ["SLOT", "material", "required"], "yes", ", "),
}  # fmt: skip
"""The form section's headings in the CLI's language (the guide around it is the catalog's Chinese text)."""


def _print_form(g: ItemGuide, slots: list[dict[str, Any]]) -> None:
    """The form `yunban submit --data` fills (field ids, types, required) and the slots `--attach SLOT=FILE` names;
    in English with the fields' English labels."""
    from app.i18n import cli_language

    english = cli_language() == "en"
    title, heads, slots_title, slot_heads, yes, sep = _FORM_TEXT["en" if english else "zh_CN"]
    fields = (g.form or {}).get("fields", [])
    print("\n" + title)
    if not fields:
        print("—")
    else:
        print_table(
            heads,
            [
                [
                    f["id"],
                    f["type"],
                    (f.get("label_en") if english else None) or f.get("label", ""),
                    yes if f.get("required") else "",
                    sep.join(str(o.get("value")) for o in f.get("options") or []),
                ]
                for f in fields
                if f.get("type") != "material"
            ],
        )
    print("\n" + slots_title)
    print_table(
        slot_heads,
        [[s["id"], (s.get("name_en") if english else None) or s["name"], yes if s["required"] else ""] for s in slots],
    )


def _stats(args: argparse.Namespace) -> int:
    ctx = context(args)
    try:
        st = ctx.catalog.stats()
    finally:
        ctx.close()
    data = {
        "items": st.items,
        "implementations": st.implementations,
        "divisions": st.divisions,
        "levels": {lv: st.levels.get(lv, 0) for lv in LEVELS},
    }
    if args.json:
        print_json(data)
        return 0
    print(f"目录：{st.source}{'（演示数据）' if st.is_demo else ''}")
    print_table(
        ["项目", "数量"],
        [["事项", st.items], ["实施清单", st.implementations], ["行政区划", st.divisions]]
        + [[f"{LEVEL_NAMES[lv]}事项", st.levels.get(lv, 0)] for lv in LEVELS],
    )
    return 0


def _folder_size(folder: Path) -> tuple[int, int]:
    """Files and bytes of a bundle folder (what the progress shows)."""
    files = size = 0
    for path in Path(folder).rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size


def _import(args: argparse.Namespace) -> int:
    from app.catalog.mirror import import_catalog, scope_of

    if args.bundle and Path(args.bundle).is_file():
        from app.cli.catalog_feed import import_snapshot_file

        return import_snapshot_file(args)

    from app.catalog.bundle.load import bundle_version, demo_bundle_path
    from app.catalog.trust import check_folder_import
    from app.catalog.updates import mirror_version

    ctx = context(args)
    try:
        folder = Path(args.bundle) if args.bundle else None
        if getattr(args, "platform_key", None) is not None:  # a key checks signatures: a folder has none
            from app.catalog import messages as cm

            raise UserError(cm.KEY_FOR_FOLDER, source=folder or "demo")
        # Unsigned: only on a terminal not enrolled, never older than the mirror (app/catalog/trust.py).
        version = bundle_version(folder or demo_bundle_path())
        check_folder_import(ctx, folder, version, mirror_version(ctx.paths.catalog_db))
        files, size = _folder_size(folder or demo_bundle_path())
        from app.cli.progress import progress

        # One transaction in the catalog service: the bar moves once, when the whole bundle is in.
        with progress(args, "catalog import", total=files, total_bytes=size, unit="files") as reporter:
            stats = import_catalog(ctx.paths.catalog_db, scope_of(ctx.config), folder)
            reporter.advance(files, size)
    finally:
        ctx.close()
    data = {"items": stats.items, "implementations": stats.implementations, "source": stats.source}
    if args.json:
        print_json(data)
    else:
        print(
            messages.say(
                messages.IMPORTED, source=stats.source, items=stats.items, implementations=stats.implementations
            )
        )
    return 0
