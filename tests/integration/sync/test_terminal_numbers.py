"""Real terminals (AppContext: real records.db, keystore, enrollment, outbox) against a real platform over loopback:
the terminal number the platform gives is in every receipt number after enrollment; a receipt number the platform
already holds is quarantined with the reason and the rest of the queue is delivered."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.context import AppContext
from app.errors import UserError
from app.records.service import validate_receipt_no
from sync.platform import admin as platform_main
from tests.integration.sync.conftest import Terminal, enroll
from tests.support.cli import KEYRING_PASSPHRASE, make_home
from tests.support.platform import DEMO_DIVISION, InProcessPlatform


@pytest.fixture
def contexts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: InProcessPlatform
) -> Iterator[list[AppContext]]:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", KEYRING_PASSPHRASE)
    monkeypatch.setenv("YUNBAN_PLATFORM_URL", platform.url)
    made: list[AppContext] = []
    yield made
    for ctx in made:
        ctx.close()


def new_terminal(contexts: list[AppContext], home: Path) -> AppContext:
    ctx = AppContext(make_home(home))
    contexts.append(ctx)
    return ctx


def receipts(ctx: AppContext, count: int) -> list[str]:
    out = []
    for made in ctx.records.make_test(count):
        assert made.receipt_no is not None and validate_receipt_no(made.receipt_no)
        out.append(made.receipt_no)
    return out


def test_two_terminals_of_one_hall_get_01_and_02_and_their_receipts_differ(
    tmp_path: Path, platform: InProcessPlatform, contexts: list[AppContext]
) -> None:
    a = new_terminal(contexts, tmp_path / "a")
    b = new_terminal(contexts, tmp_path / "b")
    a.records.make_test(1)  # the records service exists before enrollment: the number is read at each finalise
    ida = a.enrollment.enroll(platform.enroll_code(), platform.url)
    idb = b.enrollment.enroll(platform.enroll_code(), platform.url)
    assert (ida.terminal_no, idb.terminal_no) == ("01", "02")
    assert b.records_db.get_meta("terminal_no") == "02"
    assert json.loads((tmp_path / "b" / "enrollment.json").read_text(encoding="utf-8"))["terminal_no"] == "02"
    ra, rb = receipts(a, 3), receipts(b, 3)
    assert {r[12:14] for r in ra} == {"01"} and {r[12:14] for r in rb} == {"02"}
    assert all(r.startswith(DEMO_DIVISION) for r in ra + rb)
    assert not set(ra) & set(rb)
    # Both deliver everything: nothing refused.
    for ctx in (a, b):
        report = ctx.sync.run_until_idle(timeout_s=30)
        assert (report.quarantined, report.pending) == (0, 0)
    assert platform.store.stats()["submissions"] == 7


def test_re_enrolling_never_reissues_an_accepted_receipt_number(
    tmp_path: Path, platform: InProcessPlatform, contexts: list[AppContext]
) -> None:
    home = tmp_path / "t"
    ctx = new_terminal(contexts, home)
    ctx.enrollment.enroll(platform.enroll_code(), platform.url)
    before = receipts(ctx, 2)
    assert ctx.sync.run_until_idle(timeout_s=30).pending == 0
    # The technician re-provisions: enroll --force with a new code ...
    again = ctx.enrollment.enroll(platform.enroll_code(), platform.url, force=True)
    assert again.terminal_no == "02"
    after_force = receipts(ctx, 2)
    # ... and later a wiped machine: a new records.db (its day counter starts again at 0001) and a new enrollment.
    ctx.close()
    (home / "enrollment.json").unlink()
    for name in ("records.db", "records.db-wal", "records.db-shm"):
        (home / name).unlink(missing_ok=True)
    fresh = new_terminal(contexts, home)
    assert fresh.enrollment.enroll(platform.enroll_code(), platform.url).terminal_no == "03"
    after_wipe = receipts(fresh, 2)
    assert after_wipe[0][20:24] == "0001"  # the counter did start again ...
    everything = before + after_force + after_wipe
    assert len(set(everything)) == len(everything)  # ... yet no number repeats
    report = fresh.sync.run_until_idle(timeout_s=30)
    assert (report.quarantined, report.pending) == (0, 0)
    assert platform.store.stats()["submissions"] == 4  # the two of the force re-enrollment are not delivered yet
    listing = platform_main.terminals(platform.store, DEMO_DIVISION)
    assert [t["terminal_no"] for t in listing] == ["01", "02", "03"]


def test_a_retried_enrollment_keeps_the_number(
    tmp_path: Path, platform: InProcessPlatform, contexts: list[AppContext]
) -> None:
    ctx = new_terminal(contexts, tmp_path / "t")
    new_terminal(contexts, tmp_path / "other").enrollment.enroll(platform.enroll_code(), platform.url)
    code = platform.enroll_code()
    first = ctx.enrollment.enroll(code, platform.url)
    # The same code once more with --force: the pending key is gone (a new key), so the platform refuses the code
    # and the number stays as it was.
    with pytest.raises(UserError):
        ctx.enrollment.enroll(code, platform.url, force=True)
    assert ctx.records_db.get_meta("terminal_no") == first.terminal_no == "02"


def test_a_platform_reply_with_a_malformed_terminal_number_is_refused(
    tmp_path: Path, contexts: list[AppContext]
) -> None:
    ctx = new_terminal(contexts, tmp_path / "t")
    key = "A" * 43 + "="

    def reply(number: object) -> httpx.MockTransport:
        body = {
            "terminal_id": "T1",
            "token": "x",
            "platform_public_key": key,
            "algorithm": "ed25519",
            "division": DEMO_DIVISION,
            "terminal_no": number,
        }
        return httpx.MockTransport(lambda request: httpx.Response(200, json=body))

    for bad in ("00", "1", "001", "ab", 2, ""):
        with pytest.raises(UserError, match="terminal_no"):
            ctx.enrollment.enroll("CODE", "http://127.0.0.1:9", transport=reply(bad))
        assert ctx.records_db.get_meta("terminal_no") is None
        assert ctx.enrollment.identity() is None
    # A platform that gives no number (older): enrolled, numbering stays as before.
    identity = ctx.enrollment.enroll("CODE", "http://127.0.0.1:9", transport=reply(None))
    assert identity.terminal_no is None and ctx.records_db.get_meta("terminal_no") is None
    assert receipts(ctx, 1)[0][12:14] == "01"


def test_a_taken_receipt_number_is_quarantined_with_the_reason_and_the_queue_flows(
    tmp_path: Path, platform: InProcessPlatform
) -> None:
    # Two terminals both numbering as 01 (as before this change, or a misconfigured one): the same receipt numbers.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = Terminal(tmp_path / "a", platform.url, enroll(platform.url, platform.enroll_code()))
    b = Terminal(tmp_path / "b", platform.url, enroll(platform.url, platform.enroll_code()))
    try:
        taken = a.records.make_test(1)[0]
        assert a.sync.run_until_idle(timeout_s=30).delivered == 1
        clash, later = b.records.make_test(2)
        assert clash.receipt_no == taken.receipt_no and later.receipt_no != taken.receipt_no
        evaluation = b.records.finalise(kind="evaluation", payload={"score": 5})
        report = b.sync.run_until_idle(timeout_s=30)
        assert (report.delivered, report.quarantined, report.pending) == (2, 1, 0)
        (q,) = b.sync.quarantined()
        assert (q.record_id, q.quarantine_kind, q.http_status) == (clash.record_id, "conflict", 409)
        assert f"receipt number {clash.receipt_no} already belongs to another record" in q.reason
        held = platform.store.record_ids()
        assert later.record_id in held and evaluation.record_id in held and clash.record_id not in held
        assert a.creds is not None
        assert platform.store.record(taken.record_id)["terminal_id"] == a.creds.terminal_id
        # Another pass sends nothing again.
        assert b.sync.run_once().delivered == 0
        assert b.db.record_count() == 3  # nothing deleted locally
    finally:
        a.close()
        b.close()
