"""The item catalog (政务服务事项目录) as plain data: what the catalog service returns to the UI and the CLI.

Hierarchy: item (主项) → sub-item (子项) → handling case (业务办理项). The implementing list (实施清单) binds an item to
a division and an implementing body (实施机关). Codes are opaque strings: no national code layout is verified.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LEVELS = ("province", "prefecture", "county", "township", "village")
"""行使层级: 省/市/县/乡/村, in the order of a division chain from the top."""

LEVEL_NAMES = {"province": "省级", "prefecture": "市级", "county": "县级", "township": "乡级", "village": "村级"}

EXPIRED_ID_CARD_RULES = ("allow", "warn", "refuse")
"""Item rule for applying with an expired ID card (valid_to in the past): `allow` (the expiry is why one comes:
居民身份证换领/补领), `warn` (the default: tell the citizen to renew soon, the application goes on), `refuse` (the
item needs a valid ID: say so and what to do instead)."""

ITEM_TYPES = (
    "行政许可",
    "行政确认",
    "行政给付",
    "行政奖励",
    "行政裁决",
    "行政征收",
    "行政检查",
    "其他行政权力",
    "公共服务",
)
"""事项类型."""

AUDIENCES = ("自然人", "法人")
"""服务对象."""


@dataclass(frozen=True, slots=True)
class Division:
    """A division of the five-level tree (GB/T 2260 + statistical codes)."""

    code: str
    name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True, slots=True)
class Department:
    """主管部门 as browsed: its key in the bundle, short name, and how many items the terminal's mirror holds."""

    key: str
    name: str
    item_count: int = 0


@dataclass(frozen=True, slots=True)
class ItemSummary:
    """One search or browse hit."""

    code: str
    """基本编码."""
    name: str
    """事项名称."""
    type: str
    department: str
    """主管部门 (short name, e.g. 民政)."""
    level: str
    """The highest level (LEVELS) at which the terminal's chain implements it."""
    audience: tuple[str, ...] = ()
    popularity: int = 0


@dataclass(frozen=True, slots=True)
class Material:
    """申请材料: one line of the checklist a citizen must bring (一次告知)."""

    id: str
    name: str
    required: bool
    form: str
    """原件 / 复印件 / 原件和复印件."""
    medium: str
    """纸质 / 电子 / 纸质或电子."""
    copies: int
    source: str
    standard: str
    """受理标准 (acceptance standard)."""
    blank_form: str | None = None
    sample: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ProcessStep:
    name: str
    actor: str
    days: int | None
    description: str


@dataclass(frozen=True, slots=True)
class Implementation:
    """实施清单 entry: the item as implemented at one division by one body."""

    code: str
    """实施编码."""
    division_code: str
    division_name: str
    level: str
    body: str
    """实施机关."""
    body_uscc: str
    """实施机关统一社会信用代码 (GB 32100)."""
    place: str
    hours: str
    consult_phone: str
    complaint_phone: str


@dataclass(frozen=True, slots=True)
class HandlingCase:
    """业务办理项."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class SubItem:
    """子项."""

    code: str
    name: str
    cases: tuple[HandlingCase, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemGuide:
    """办事指南: every standard element of one item, with its implementations along the terminal's chain."""

    code: str
    name: str
    type: str
    department: str
    department_full: str
    """主管部门 full name at the implementing level."""
    levels: tuple[str, ...]
    audience: tuple[str, ...]
    basis: tuple[str, ...]
    """设定依据."""
    conditions: str
    """受理条件."""
    legal_limit_days: int | None
    """法定办结时限 (working days)."""
    promised_limit_days: int | None
    """承诺办结时限 (working days)."""
    case_type: str
    """办件类型: 即办件 / 承诺件."""
    visits: int
    """到办事现场次数."""
    fee_charged: bool
    fee_standard: str
    fee_basis: str
    online: bool
    mail: bool
    appointment: bool
    self_service: bool
    allows_deferred_materials: bool
    """容缺受理."""
    materials: tuple[Material, ...]
    process: tuple[ProcessStep, ...]
    result_name: str
    result_type: str
    """证照 / 批文 / 其他."""
    sub_items: tuple[SubItem, ...]
    implementations: tuple[Implementation, ...]
    themes: tuple[str, ...]
    synonyms: tuple[str, ...]
    form: dict[str, Any] = field(default_factory=dict)
    """Form definition (versioned JSON document: {"version": n, "fields": [...]})."""
    is_demo: bool = False
    expired_id_card: str = "warn"
    """Rule for an expired ID card: one of EXPIRED_ID_CARD_RULES."""


@dataclass(frozen=True, slots=True)
class Theme:
    """一件事 bundle or life-event / enterprise-lifecycle group."""

    code: str
    name: str
    kind: str
    """bundle (一件事: one merged form, one submission), life_event, enterprise."""
    description: str
    item_codes: tuple[str, ...]
    fields: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict, hash=False, compare=False)
    """A bundle's field mapping for its merged form: item code → field id → {as, label, label_en, help, help_en,
    prefill, required} (themes.yaml `fields`, app/forms/themes.py); empty when the items' forms merge as they are."""
    materials: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict, hash=False, compare=False)
    """A bundle's material mapping for its material slots: item code → material id → {as, name, name_en, required,
    omit, reason, reason_en} (themes.yaml `materials`); empty when the items' materials merge as they are."""


@dataclass(frozen=True, slots=True)
class CatalogStats:
    items: int
    implementations: int
    divisions: int
    levels: dict[str, int]
    """Items implemented at each level (keys: LEVELS)."""
    is_demo: bool = False
    source: str = ""
