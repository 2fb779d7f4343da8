"""Issue 12, GB 11643 "Birth dates": a configured bound (`[identity] earliest_birth` with its reason) holds in the apply
flow of every channel (kiosk, counter, laptop: one path, `validate_answers` under the apply service), and without it
the standard's own annex example (440524188001010014, born 1880-01-01, GB 11643-1999 annex A) passes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.context import AppContext
from app.identity import policy
from tests.integration.apply.conftest import DIBAO_ITEM, dibao_answers

ANNEX_1880 = "440524188001010014"
REASON = "本县档案系统只登记1900年以后出生的人"


@pytest.fixture
def bounded(home: Path) -> Iterator[AppContext]:
    with (home / "config.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[identity]\nearliest_birth = "1900-01-01"\nearliest_birth_reason = "{REASON}"\n')
    c = AppContext(home)
    yield c
    c.close()
    policy.set_birth_bound(None)


@pytest.mark.parametrize("channel", ["kiosk", "counter", "laptop"])
def test_the_configured_bound_holds_in_every_channel(bounded: AppContext, channel: str) -> None:
    svc = bounded.apply
    session = svc.start(DIBAO_ITEM, channel=channel)
    errors = svc.save_page(session, {**dibao_answers(), "id_number": ANNEX_1880})
    assert set(errors) == {"id_number"}
    assert REASON in errors["id_number"].message and "1900-01-01" in errors["id_number"].message
    assert REASON in errors["id_number"].message_en
    assert "id_number" in svc.validate(session)  # the whole-form check before finalising says the same
    assert svc.save_page(session, {"id_number": "11010519491231002X"}) == {}  # GB 11643 annex A example 1


def test_without_a_bound_the_annex_example_born_1880_is_accepted(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(DIBAO_ITEM, channel="counter")
    assert svc.save_page(session, {**dibao_answers(), "id_number": ANNEX_1880}) == {}
