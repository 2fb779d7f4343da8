"""Plain-Python fake services for the kiosk screens (no database, no threads of their own)."""

from __future__ import annotations

import threading
from dataclasses import replace

from app.model.catalog import (
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
from ui.ports import CatalogPort


class FakeUnavailable(Exception):
    """Stands in for app.catalog.service.CatalogUnavailable (the UI receives the class from the composition root)."""


def make_guide(code: str = "530000-GA-0001", name: str = "居民身份证换领") -> ItemGuide:
    return ItemGuide(
        code=code,
        name=name,
        type="行政确认",
        department="公安",
        department_full="建水县公安局",
        levels=("county", "township"),
        audience=("自然人",),
        basis=("《中华人民共和国居民身份证法》第八条", "《云南省居民身份证管理办法（示例）》第五条"),
        conditions="居民身份证有效期满、证件损坏或登记项目变更的本县户籍居民",
        legal_limit_days=60,
        promised_limit_days=20,
        case_type="承诺件",
        visits=1,
        fee_charged=True,
        fee_standard="换领每证20元",
        fee_basis="《关于居民身份证收费标准的通知》价费字〔2003〕号（示例）",
        online=True,
        mail=True,
        appointment=False,
        self_service=True,
        allows_deferred_materials=True,
        materials=(
            Material(
                id="old_card",
                name="原居民身份证",
                required=True,
                form="原件",
                medium="纸质",
                copies=1,
                source="申请人自备",
                standard="证件在手，信息清晰",
                blank_form=None,
                sample=None,
                note=None,
            ),
            Material(
                id="hukou",
                name="居民户口簿",
                required=True,
                form="原件和复印件",
                medium="纸质",
                copies=2,
                source="公安机关户籍窗口",
                standard="本人页齐全",
                blank_form="《居民身份证申领登记表》",
                sample="窗口示例样表",
                note="未成年人由监护人陪同",
            ),
            Material(
                id="photo",
                name="数码相片回执",
                required=False,
                form="原件",
                medium="电子",
                copies=1,
                source="照相馆或窗口现场采集",
                standard="六个月内近照",
            ),
        ),
        process=(
            ProcessStep(name="受理", actor="乡镇便民服务中心", days=0, description="核验材料，采集指纹"),
            ProcessStep(name="审核", actor="县公安局户政科", days=10, description="核对户籍信息"),
            ProcessStep(name="制证发证", actor="县公安局", days=None, description="邮寄或窗口领取"),
        ),
        result_name="中华人民共和国居民身份证",
        result_type="证照",
        sub_items=(
            SubItem(code=f"{code}-01", name="有效期满换领", cases=(HandlingCase(f"{code}-01-01", "首次换领"),)),
        ),
        implementations=(
            Implementation(
                code="11532524MB0000001X-530000-GA-0001",
                division_code="532524",
                division_name="建水县",
                level="county",
                body="建水县公安局",
                body_uscc="11532524015193123X",
                place="建水县政务服务中心公安窗口",
                hours="工作日 9:00-12:00，14:30-17:30",
                consult_phone="0873-7652301",
                complaint_phone="12345",
            ),
            Implementation(
                code="11532524MB0000002Y-530000-GA-0001",
                division_code="532524103",
                division_name="西庄镇",
                level="township",
                body="西庄镇派出所",
                body_uscc="11532524MB1234567Q",
                place="西庄镇便民服务中心",
                hours="工作日 9:00-17:00",
                consult_phone="0873-7650000",
                complaint_phone="0873-7659999",
            ),
        ),
        themes=("证件办理",),
        synonyms=("换身份证", "身份证到期"),
        form={"version": 3, "fields": [{"id": "name", "label": "申请人姓名"}, {"id": "phone", "label": "联系电话"}]},
        is_demo=True,
    )


ITEMS = [
    ItemSummary("530000-GA-0001", "居民身份证换领", "行政确认", "公安", "county", ("自然人",), 9),
    ItemSummary("530000-GA-0002", "居民身份证挂失补领", "行政确认", "公安", "county", ("自然人",), 5),
    ItemSummary("530000-GA-0003", "临时居民身份证申领", "行政确认", "公安", "county", ("自然人",), 3),
    ItemSummary("530000-MZ-0001", "最低生活保障申请", "行政给付", "民政", "township", ("自然人",), 7),
    ItemSummary("530000-MZ-0002", "临时救助申请", "行政给付", "民政", "township", ("自然人",), 4),
    ItemSummary("530000-RS-0001", "城乡居民基本养老保险参保登记", "公共服务", "人社", "village", ("自然人",), 6),
    ItemSummary("530000-SC-0001", "个体工商户设立登记", "行政许可", "市场监管", "county", ("自然人", "法人"), 2),
]

THEMES = [
    Theme("YJS-001", "新生儿出生一件事", "bundle", "出生医学证明、户口登记、医保参保一次办", ("530000-GA-0001",)),
    Theme("LE-001", "退休养老", "life_event", "养老保险、高龄津贴", ("530000-RS-0001", "530000-MZ-0001")),
    Theme("QY-001", "开办企业", "enterprise", "设立登记、刻章、发票", ("530000-SC-0001",)),
]


class FakeCatalog:
    """A catalog answering from the lists above; counts calls and the threads they ran on."""

    def __init__(self, *, is_demo: bool = True, fail_with: BaseException | None = None) -> None:
        self._is_demo = is_demo
        self.fail_with = fail_with
        self.queries: list[str] = []
        self.views: list[str] = []
        self.threads: set[int] = set()

    @property
    def is_demo(self) -> bool:
        self.threads.add(threading.get_ident())
        return self._is_demo

    @property
    def notice(self) -> str:
        self.threads.add(threading.get_ident())
        return "本目录为演示数据，事项内容仅供体验，不作为办事依据。"

    def _enter(self) -> None:
        self.threads.add(threading.get_ident())
        if self.fail_with is not None:
            raise self.fail_with

    def search(self, query: str, *, limit: int = 20) -> list[ItemSummary]:
        self._enter()
        self.queries.append(query)
        q = query.strip().lower()
        if q in ("sfz", "shenfenzheng"):
            q = "身份证"
        return [i for i in ITEMS if q and q in i.name][:limit]

    def search_themes(self, query: str, *, limit: int = 5) -> list[Theme]:
        self._enter()
        q = query.strip()
        return [t for t in THEMES if q and (q in t.name or q in t.description)][:limit]

    def suggestions(self, query: str = "", *, limit: int = 8, language: str = "zh_CN") -> list[str]:
        self._enter()
        words = (
            ("id card", "newborn", "business licence")
            if language == "en"
            else ("身份证", "新生儿出生一件事", "营业执照")
        )
        return [w for w in words if w != query.strip()][:limit]

    def frequent_items(self, *, limit: int = 8) -> list[ItemSummary]:
        self._enter()
        return list(ITEMS)[:limit]  # the fake's own order (its browse order), as a hall's usage would give it

    def get_item(self, code: str) -> ItemGuide:
        self._enter()
        summary = next(i for i in ITEMS if i.code == code)
        return replace(make_guide(code, summary.name), is_demo=self._is_demo)

    def list_departments(self) -> list[Department]:
        self._enter()
        names = sorted({i.department for i in ITEMS})
        return [Department(key=n, name=n, item_count=sum(1 for i in ITEMS if i.department == n)) for n in names]

    def list_themes(self) -> list[Theme]:
        self._enter()
        return list(THEMES)

    def items_of_theme(self, code: str) -> list[ItemSummary]:
        self._enter()
        theme = next(t for t in THEMES if t.code == code)
        return [i for i in ITEMS if i.code in theme.item_codes]

    def browse(self, *, department: str | None = None, theme: str | None = None) -> list[ItemSummary]:
        self._enter()
        if theme is not None:
            return self.items_of_theme(theme)
        return [i for i in ITEMS if department is None or i.department == department]

    def record_view(self, code: str) -> int:
        self.threads.add(threading.get_ident())
        self.views.append(code)
        return self.views.count(code)

    def terminal_chain(self) -> list[Division]:
        self._enter()
        return [
            Division("532524103205", "团山村委会", "village", "532524103"),
            Division("532524103", "西庄镇", "township", "532524"),
            Division("532524", "建水县", "county", "532500"),
            Division("532500", "红河哈尼族彝族自治州", "prefecture", "530000"),
            Division("530000", "云南省", "province", None),
        ]


_catalog_port: CatalogPort = FakeCatalog()
"""mypy checks the fake against the port the screens use."""
