"""草稿保存凭条: a kept kiosk draft's code printed on the receipt printer, no personal data; paper out loses nothing."""

from __future__ import annotations

import pytest

from app.context import AppContext
from app.errors import UserError
from devices.emulators.virtual_printer import VirtualPrinter
from tests.integration.apply.conftest import service_today
from tests.integration.apply.test_apply_more import ID, _filled


def test_draft_slip_printed_with_code_and_no_personal_data(ctx: AppContext, vp: VirtualPrinter) -> None:
    s = _filled(ctx)
    code = ctx.apply.keep_draft(s)
    out = ctx.apply.print_draft_code(code)
    assert out.printed and out.message is None and out.job_id
    text = vp.wait_for_jobs(1)[0].text
    assert "草稿保存凭条" in text and code in text and "居民身份证换领" in text
    assert "凭此码在自助终端「我要办理」中继续填写" in text.replace("\n", "")  # wrapped on 58 mm paper
    assert ctx.apply.terminal.terminal_code in text and service_today(ctx.apply).isoformat() in text
    for personal in (ID, ID[-6:], "李明华", "13800138000", "团山村12号"):
        assert personal not in text
    ctx.apply.discard(s)
    assert ctx.apply.resume_draft(code).answers["id_number"] == ID


def test_draft_slip_paper_out_keeps_the_draft(ctx: AppContext, vp: VirtualPrinter) -> None:
    s = _filled(ctx)
    code = ctx.apply.keep_draft(s)
    vp.set_paper("out")
    out = ctx.apply.print_draft_code(code)
    assert not out.printed and out.message is not None
    assert "草稿已保留" in out.message and "凭条未能打印" in out.message and "草稿编号" in out.message
    ctx.apply.discard(s)  # idle wipe after the failed print
    back = ctx.apply.resume_draft(code)
    assert back.answers["id_number"] == ID and back.draft_code == code


def test_draft_slip_only_for_a_kept_draft(ctx: AppContext, vp: VirtualPrinter) -> None:
    with pytest.raises(UserError, match="没有找到保留的草稿"):
        ctx.apply.print_draft_code("D000000000")
