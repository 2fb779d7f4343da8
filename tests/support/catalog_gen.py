"""A generated catalog at real size: the bundled demo catalog (its 231 items and 一件事 themes) plus generated items up
to `count` distinct items, deterministic for a seed. Used by the search benchmark (20,000 items) and the search
tests at scale; documented in docs/search.md.

Generated items combine a qualifier (who or what: 农村, 个体工商户, 残疾人…), a stem (the thing: 居民身份证,
最低生活保障, 林木采伐…) and an action (申请, 变更, 补领…), e.g. 个体工商户林木采伐许可变更. Each stem belongs to one
of the demo bundle's real departments; each item gets one level at which its department has an implementing body
(drawn evenly from the seed), so its implementations fall on real divisions of the terminal's scope
(`app/data/divisions`, 16,495 Yunnan divisions). Every generated item has one synonym (the stem's everyday word with
the action's everyday verb, e.g. 补办身份证). Codes are `530000-GN-00001`…; nothing here is a real item.

Run as a program to write the generated bundle as YAML (for `yunban catalog import`-style experiments):

    .venv/bin/python -m tests.support.catalog_gen --count 20000 --seed 20261207 --out /tmp/bundle
"""

from __future__ import annotations

import argparse
import copy
import random
from pathlib import Path
from typing import Any

from app.catalog.bundle.load import Bundle, demo_bundle_path, load_bundle
from app.model.catalog import LEVELS

__all__ = ["ACTIONS", "DEFAULT_SEED", "QUALIFIERS", "STEMS", "generated_bundle"]

DEFAULT_SEED = 20261207

QUALIFIERS = (
    "",
    "农村",
    "城镇",
    "个人",
    "企业",
    "个体工商户",
    "残疾人",
    "老年人",
    "外来务工人员",
    "退役军人",
    "困难群众",
    "学生",
    "农民专业合作社",
    "社会组织",
    "港澳台居民",
    "脱贫人口",
    "易地搬迁群众",
    "边境地区居民",
    "少数民族群众",
    "新就业形态劳动者",
    "高校毕业生",
    "返乡创业人员",
    "留守老人",
    "困境儿童",
    "失地农民",
)
"""25 qualifiers ('' for none)."""

STEMS: tuple[tuple[str, str, str], ...] = (
    # (stem, department key, everyday word for the synonym)
    ("居民身份证", "public_security", "身份证"),
    ("户口迁移", "public_security", "迁户口"),
    ("户籍证明", "public_security", "户口证明"),
    ("居住证", "public_security", "居住证"),
    ("机动车驾驶证", "public_security", "驾照"),
    ("临时身份证明", "public_security", "临时证明"),
    ("最低生活保障", "civil_affairs", "低保"),
    ("特困人员供养", "civil_affairs", "五保"),
    ("临时救助", "civil_affairs", "救助"),
    ("高龄津贴", "civil_affairs", "老人补贴"),
    ("婚姻登记", "civil_affairs", "结婚证"),
    ("殡葬补助", "civil_affairs", "丧葬费"),
    ("养老服务补贴", "civil_affairs", "养老补贴"),
    ("城乡居民养老保险", "hrss", "养老保险"),
    ("社会保障卡", "hrss", "社保卡"),
    ("失业保险金", "hrss", "失业金"),
    ("就业创业证", "hrss", "就业证"),
    ("创业担保贷款", "hrss", "创业贷款"),
    ("工伤保险待遇", "hrss", "工伤"),
    ("职业技能培训补贴", "hrss", "培训补贴"),
    ("劳动关系", "hrss", "劳动合同"),
    ("城乡居民医疗保险", "healthcare_security", "医保"),
    ("异地就医", "healthcare_security", "外地看病"),
    ("门诊慢特病", "healthcare_security", "慢病"),
    ("医疗救助", "healthcare_security", "大病救助"),
    ("生育保险", "healthcare_security", "生育险"),
    ("出生医学证明", "health", "出生证"),
    ("预防接种", "health", "打疫苗"),
    ("计划生育奖励扶助", "health", "计生奖励"),
    ("家庭医生签约", "health", "家庭医生"),
    ("健康证明", "health", "健康证"),
    ("诊所执业", "health", "开诊所"),
    ("不动产登记", "natural_resources", "房产证"),
    ("农村宅基地", "natural_resources", "宅基地"),
    ("建设用地规划", "natural_resources", "用地审批"),
    ("采矿权", "natural_resources", "采矿证"),
    ("耕地地力保护补贴", "agriculture", "种粮补贴"),
    ("农机购置补贴", "agriculture", "农机补贴"),
    ("动物防疫", "agriculture", "防疫证"),
    ("农药经营", "agriculture", "卖农药"),
    ("农村土地承包经营权", "agriculture", "承包地"),
    ("政策性农业保险", "agriculture", "农业保险"),
    ("林木采伐", "forestry", "砍树"),
    ("野外用火", "forestry", "烧地"),
    ("林地使用", "forestry", "占林地"),
    ("生态护林员", "forestry", "护林员"),
    ("退耕还林补助", "forestry", "退耕还林"),
    ("营业执照", "market_regulation", "执照"),
    ("食品经营许可", "market_regulation", "食品许可证"),
    ("特种设备使用登记", "market_regulation", "特种设备"),
    ("商标质押", "market_regulation", "商标"),
    ("义务教育入学", "education", "上学"),
    ("学生资助", "education", "助学金"),
    ("教师资格", "education", "教师证"),
    ("学籍证明", "education", "学籍"),
    ("公共租赁住房", "housing", "公租房"),
    ("住房公积金", "housing", "公积金"),
    ("农村危房改造", "housing", "危房改造"),
    ("建筑工程施工许可", "housing", "施工许可"),
    ("残疾人证", "disabled_persons", "残疾证"),
    ("残疾人两项补贴", "disabled_persons", "残疾补贴"),
    ("辅助器具适配", "disabled_persons", "轮椅"),
    ("退役军人优待证", "veterans", "优待证"),
    ("伤残抚恤", "veterans", "抚恤金"),
    ("退役士兵安置", "veterans", "退伍安置"),
    ("个人所得税", "tax", "个税"),
    ("增值税发票", "tax", "发票"),
    ("道路运输经营许可", "transport", "运输证"),
    ("出租汽车驾驶员从业资格", "transport", "网约车"),
    ("取水许可", "water", "取水证"),
    ("河道采砂", "water", "采砂"),
    ("排污许可", "ecology", "排污证"),
    ("环境影响评价", "ecology", "环评"),
    ("法律援助", "justice", "免费律师"),
    ("人民调解", "justice", "调解"),
    ("公证", "justice", "公证书"),
    ("自然灾害生活救助", "emergency", "受灾补助"),
    ("烟花爆竹经营", "emergency", "卖鞭炮"),
    ("安全生产许可", "emergency", "安全许可"),
    ("应急预案备案", "emergency", "应急预案"),
)
"""80 stems over the demo bundle's 19 real departments."""

ACTIONS: tuple[tuple[str, str], ...] = (
    # (action as in item names, everyday verb for the synonym)
    ("申请", "办"),
    ("变更", "改"),
    ("补领", "补办"),
    ("换领", "换"),
    ("注销", "销"),
    ("延续", "续"),
    ("核定", "核"),
    ("查询", "查"),
    ("备案", "报备"),
    ("审批", "批"),
    ("登记", "登记"),
    ("认定", "认定"),
)
"""12 actions: 25 × 80 × 12 = 24,000 distinct names to draw from."""


def _template(demo: Bundle) -> dict[str, Any]:
    """A generated item's body: a real demo item's guide fields, materials, process and form (one of each kind)."""
    base = next(item for _f, item in demo.items if item["basic_code"] == "530000-MZ-0001")
    item = copy.deepcopy(base)
    for key in ("synonyms", "sub_items", "place"):
        item.pop(key, None)
    return item


def generated_bundle(count: int = 20_000, *, seed: int = DEFAULT_SEED) -> Bundle:
    """The demo bundle plus generated items, `count` distinct items in all (at least the demo's 231)."""
    demo = load_bundle(demo_bundle_path())
    template = _template(demo)
    existing = {item["name"] for _f, item in demo.items}
    combos = [
        (q, stem, action)
        for q in QUALIFIERS
        for stem in STEMS
        for action in ACTIONS
        if f"{q}{stem[0]}{action[0]}" not in existing
    ]
    wanted = max(0, count - len(demo.items))
    if wanted > len(combos):
        raise ValueError(f"at most {len(combos) + len(demo.items)} distinct items can be generated")
    rng = random.Random(seed)
    chosen = rng.sample(combos, wanted)
    items: list[tuple[str, dict[str, Any]]] = list(demo.items)
    for n, (qualifier, (stem, dep, everyday), (action, verb)) in enumerate(chosen, 1):
        item = copy.deepcopy(template)
        item["basic_code"] = f"530000-GN-{n:05d}"
        item["name"] = f"{qualifier}{stem}{action}"
        item["department"] = dep
        levels = [lv for lv in LEVELS if lv in demo.departments[dep]["bodies"]]
        item["levels"] = [levels[rng.randrange(len(levels))]]
        item["synonyms"] = [f"{verb}{everyday}"]
        items.append((f"items/generated-{dep}.yaml", item))
    meta = dict(demo.meta)
    meta["bundle_id"] = f"generated-{count}-{seed}"
    return Bundle(meta=meta, departments=demo.departments, items=items, themes=demo.themes, source="generated")


def _write(bundle: Bundle, out: Path) -> None:
    import yaml

    out.mkdir(parents=True, exist_ok=True)
    demo = demo_bundle_path()
    for name in ("bundle.yaml", "departments.yaml", "holidays.yaml", "themes.yaml"):
        (out / name).write_bytes((demo / name).read_bytes())
    meta = yaml.safe_load((demo / "bundle.yaml").read_text(encoding="utf-8"))
    meta["bundle_id"] = bundle.meta["bundle_id"]
    (out / "bundle.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    by_file: dict[str, list[dict[str, Any]]] = {}
    for file, item in bundle.items:
        by_file.setdefault(Path(file).name, []).append(item)
    (out / "items").mkdir(exist_ok=True)
    for name, items in by_file.items():
        (out / "items" / name).write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True, help="directory to write the bundle's YAML files into")
    args = parser.parse_args()
    _write(generated_bundle(args.count, seed=args.seed), args.out)


if __name__ == "__main__":
    main()
