"""Printer fixtures: a virtual ESC/POS printer on 127.0.0.1 (real TCP, real parser, real rendering)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.emulators.virtual_printer import VirtualPrinter
from devices.printer.document import Columns, Cut, Field, Heading, QRCode, Receipt, Rule, Text

ADDRESS_400 = ("云南省红河哈尼族彝族自治州建水县西庄镇团山村委会团山村民小组，" * 20)[:400]


@pytest.fixture
def vp(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(out_dir=tmp_path / "jobs") as printer:
        yield printer


def typical_receipt(name: str = "张三", address: str = "云南省红河州建水县西庄镇团山村委会") -> Receipt:
    """A 受理回执 as a hall prints it."""
    return Receipt(
        (
            Heading("受理回执"),
            Text("建水县西庄镇便民服务中心", align="center"),
            Rule(),
            Field("受理编号", "5325241032050120261127000123X"),
            Field("申请人", name),
            Field("住址", address),
            Field("事项", "居民身份证换领（有效期满换领）"),
            Rule(),
            Columns(("材料", "份数", "状态"), widths=(18, 4, 8), aligns=("left", "right", "right"), bold=True),
            Columns(("居民户口簿", "1", "已收"), widths=(18, 4, 8), aligns=("left", "right", "right")),
            Columns(("近期免冠照片", "2", "已收"), widths=(18, 4, 8), aligns=("left", "right", "right")),
            Rule(),
            Text("承诺办结时限：20个工作日。请凭本回执领取证件。"),
            QRCode("https://yunban.example/s/5325241032050120261127000123X"),
            Text("咨询电话：0873-7651234", align="center"),
            Cut(),
        )
    )
