"""Terminal numbers given at enrollment and receipt numbers unique on the platform: a real platform over loopback."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from app.cli import main as cli
from sync import protocol
from sync.platform import admin as platform_main
from sync.platform.errors import PlatformError
from sync.platform.schema import m001_initial
from sync.platform.store import PlatformStore
from tests.support.platform import DEMO_DIVISION, InProcessPlatform, TestTerminal, query

OTHER_DIVISION = "532524103206"
RECEIPT = "5325241032050126120600011"


def enroll_raw(url: str, code: str, signer: protocol.Signer | None = None) -> httpx.Response:
    signer = signer or protocol.generate_signer()
    return httpx.post(
        f"{url}/v1/enroll",
        json={"code": code, "public_key": protocol.b64encode(signer.public_key_bytes()), "algorithm": "ed25519"},
        timeout=10,
    )


def terminal(platform: InProcessPlatform, division: str = DEMO_DIVISION) -> TestTerminal:
    return TestTerminal(platform.url, platform.enroll_code(division), division)


def number_of(platform: InProcessPlatform, t: TestTerminal) -> str:
    row = platform.store.terminal(t.terminal_id)
    assert row is not None
    return str(row["terminal_no"])


def test_terminals_of_one_division_are_numbered_in_order_and_each_division_starts_at_01(
    platform: InProcessPlatform,
) -> None:
    replies = [enroll_raw(platform.url, platform.enroll_code()) for _ in range(3)]
    assert [r.status_code for r in replies] == [200, 200, 200]
    assert [r.json()["terminal_no"] for r in replies] == ["01", "02", "03"]
    other = enroll_raw(platform.url, platform.enroll_code(OTHER_DIVISION)).json()
    assert (other["division"], other["terminal_no"]) == (OTHER_DIVISION, "01")
    # A 6-digit (county) code numbers on its own, too.
    assert enroll_raw(platform.url, platform.enroll_code("532524")).json()["terminal_no"] == "01"
    # The reply keeps every key it had before.
    assert {"terminal_id", "token", "platform_public_key", "algorithm", "division"} <= set(replies[0].json())


def test_a_retried_enrollment_gets_the_same_number_and_a_used_code_none(platform: InProcessPlatform) -> None:
    code = platform.enroll_code()
    signer = protocol.generate_signer()
    first = enroll_raw(platform.url, code, signer).json()
    again = enroll_raw(platform.url, code, signer).json()
    assert (again["terminal_id"], again["terminal_no"]) == (first["terminal_id"], "01")
    stolen = enroll_raw(platform.url, code)
    assert stolen.status_code == 409 and "terminal_no" not in stolen.json()
    assert enroll_raw(platform.url, platform.enroll_code()).json()["terminal_no"] == "02"


def test_re_enrolling_never_reuses_a_number_not_even_a_revoked_one(platform: InProcessPlatform) -> None:
    a, b = terminal(platform), terminal(platform)
    platform_main.revoke(platform.store, a.terminal_id)
    platform_main.revoke(platform.store, b.terminal_id)
    again = terminal(platform)  # the same hall's terminal, provisioned anew
    assert number_of(platform, again) == "03"


def test_concurrent_enrollments_get_distinct_numbers(platform: InProcessPlatform) -> None:
    codes = [platform.enroll_code() for _ in range(12)]
    numbers: list[str] = []
    lock = threading.Lock()

    def go(code: str) -> None:
        reply = enroll_raw(platform.url, code)
        assert reply.status_code == 200
        with lock:
            numbers.append(reply.json()["terminal_no"])

    threads = [threading.Thread(target=go, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == [f"{n:02d}" for n in range(1, 13)]


def test_the_100th_enrollment_of_a_division_is_refused(tmp_path: Path) -> None:
    store = PlatformStore(tmp_path / "p")
    try:
        for n in range(1, 100):
            result = store.enroll(store.create_enroll_code(DEMO_DIVISION), f"key{n}", "ed25519")
            assert result["terminal_no"] == f"{n:02d}"
        full = store.enroll(store.create_enroll_code(DEMO_DIVISION), "key100", "ed25519")
        assert full["outcome"] == "numbers_used_up"
        assert store.enroll(store.create_enroll_code(OTHER_DIVISION), "k", "ed25519")["terminal_no"] == "01"
    finally:
        store.close()


def test_the_100th_enrollment_is_a_409_over_http(platform: InProcessPlatform) -> None:
    for n in range(99):
        platform.store.enroll(platform.enroll_code(), f"key{n}", "ed25519")
    reply = enroll_raw(platform.url, platform.enroll_code())
    assert reply.status_code == 409 and "no terminal numbers left" in reply.json()["error"]


def test_a_receipt_number_is_stored_once_whoever_sends_it(platform: InProcessPlatform) -> None:
    a, b = terminal(platform), terminal(platform)
    first = a.record({"who": "a"}, receipt_no=RECEIPT)
    assert a.client.post("/v1/records", json=first).status_code == 201
    # Another terminal's record with the same number.
    theirs = b.client.post("/v1/records", json=b.record({"who": "b"}, receipt_no=RECEIPT))
    assert theirs.status_code == 409
    assert theirs.json() == {"error": "receipt number taken", "result": "receipt_taken", "receipt_no": RECEIPT}
    # The same terminal's other record with the same number.
    ours = a.client.post("/v1/records", json=a.record({"who": "a again"}, receipt_no=RECEIPT))
    assert ours.status_code == 409 and ours.json()["result"] == "receipt_taken"
    # The first record sent again is still a duplicate absorbed, not a receipt conflict.
    assert a.client.post("/v1/records", json=first).json() == {"result": "duplicate"}
    rows = query(platform.store, "SELECT record_id FROM records WHERE receipt_no = ?", RECEIPT)
    assert [r[0] for r in rows] == [first["record_id"]]
    # Records without a receipt number are not touched by the index.
    for _ in range(3):
        assert b.client.post("/v1/records", json=b.record(kind="evaluation")).status_code == 201
    # Status still finds the one holder.
    platform_main.set_status(platform.store, RECEIPT, "已受理")
    assert [c["record_id"] for c in a.client.get("/v1/status").json()["changes"]] == [first["record_id"]]
    assert b.client.get("/v1/status").json()["changes"] == []


def test_two_terminals_racing_for_one_receipt_number_store_it_once(platform: InProcessPlatform) -> None:
    terminals = [terminal(platform) for _ in range(6)]
    statuses: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(terminals))

    def go(t: TestTerminal) -> None:
        record = t.record({"who": t.terminal_id}, receipt_no=RECEIPT)
        barrier.wait()
        status = t.client.post("/v1/records", json=record).status_code
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=go, args=(t,)) for t in terminals]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(statuses) == [201] + [409] * 5
    (count,) = query(platform.store, "SELECT count(*) FROM records WHERE receipt_no = ?", RECEIPT)
    assert count[0] == 1


def _old_platform_db(data: Path) -> None:
    """A platform.db as it stood before migration m002: two terminals of one division, a receipt number twice."""
    data.mkdir(parents=True)
    db = Database(sqlite3.connect(data / "platform.db"))
    old = Migrations("yunban-platform")
    old()(m001_initial)
    old.apply(db)
    rows = [("TA", "2026-01-01T00:00:00.000Z"), ("TB", "2026-01-02T00:00:00.000Z"), ("TC", "2026-01-01T00:00:00.000Z")]
    for terminal_id, at in rows:
        division = OTHER_DIVISION if terminal_id == "TC" else DEMO_DIVISION
        db.execute("INSERT INTO terminals VALUES (?, ?, 'ed25519', 'k', ?, NULL)", (terminal_id, division, at))
    for record_id, terminal_id in (("r1", "TA"), ("r2", "TB"), ("r3", "TB")):
        receipt = RECEIPT if record_id != "r3" else None
        db.execute(
            "INSERT INTO records VALUES (?, ?, 'submission', 'h', 1, ?, NULL, 'now', '{}', '[]', 's')",
            (record_id, terminal_id, receipt),
        )
    db.conn.commit()
    db.conn.close()


def test_migration_numbers_old_terminals_and_keeps_old_duplicates_out_of_the_index(tmp_path: Path) -> None:
    _old_platform_db(tmp_path / "p")
    store = PlatformStore(tmp_path / "p")
    try:
        assert [(t["terminal_id"], t["terminal_no"]) for t in store.terminals(DEMO_DIVISION)] == [
            ("TA", "01"),
            ("TB", "02"),
        ]
        assert store.terminals(OTHER_DIVISION)[0]["terminal_no"] == "01"
        assert store.record("r1") is not None and store.record("r2") is not None  # nothing deleted
        held = store.submission_by_receipt(RECEIPT)
        assert held is not None and held["record_id"] == "r1"
        # The next enrollment in the division continues after the old ones.
        assert store.enroll(store.create_enroll_code(DEMO_DIVISION), "k3", "ed25519")["terminal_no"] == "03"
        record = {
            "record_id": "r4",
            "kind": "submission",
            "content_hash": "h",
            "sequence": 2,
            "receipt_no": RECEIPT,
            "payload": {},
            "attachments": [],
            "signature": "s",
            "envelope_signature": "s",
        }
        assert store.put_record("TA", record) == {"result": "receipt_taken"}
    finally:
        store.close()


# -- yunban platform terminals ----------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    rc = cli(list(argv))
    return rc, capsys.readouterr().out


def test_terminals_listing(platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = terminal(platform), terminal(platform)
    terminal(platform, OTHER_DIVISION)
    platform_main.revoke(platform.store, a.terminal_id)
    data = str(platform.data)
    rc, out = run(capsys, "platform", "terminals", "--division", DEMO_DIVISION, "--data", data, "--json")
    assert rc == 0, out
    listing: dict[str, Any] = json.loads(out)
    assert listing["division"] == DEMO_DIVISION
    rows = listing["terminals"]
    assert [(r["terminal_id"], r["terminal_no"], r["revoked"]) for r in rows] == [
        (a.terminal_id, "01", True),
        (b.terminal_id, "02", False),
    ]
    assert all(r["enrolled_at"] for r in rows) and rows[0]["revoked_at"] and rows[1]["revoked_at"] is None
    rc, out = run(capsys, "platform", "terminals", "--division", DEMO_DIVISION, "--data", data)
    assert rc == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"01  {a.terminal_id}") and "revoked" in lines[0]
    assert lines[1].startswith(f"02  {b.terminal_id}") and lines[1].endswith("active")


def test_terminals_of_a_division_with_codes_but_no_enrollment_is_empty(
    platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    platform.enroll_code(OTHER_DIVISION)
    rc, out = run(capsys, "platform", "terminals", "--division", OTHER_DIVISION, "--data", str(platform.data), "--json")
    assert rc == 0 and json.loads(out)["terminals"] == []


@pytest.mark.parametrize(
    ("division", "says"),
    [
        ("532524999999", "no enrollment code was ever issued"),
        ("53252410320", "must be a 6, 9 or 12-digit"),
        ("5325241032a5", "must be a 6, 9 or 12-digit"),
        ("", "must be a 6, 9 or 12-digit"),
    ],
)
def test_terminals_refuses_an_unknown_or_malformed_division(
    platform: InProcessPlatform, capsys: pytest.CaptureFixture[str], division: str, says: str
) -> None:
    terminal(platform)
    rc, out = run(capsys, "platform", "terminals", "--division", division, "--data", str(platform.data), "--json")
    assert rc == 2
    assert says in json.loads(out)["error"]
    with pytest.raises(PlatformError, match=says):
        platform_main.terminals(platform.store, division)
