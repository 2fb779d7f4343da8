"""Issue 11 #5, the cross-terminal suite: terminal B tries every route against terminal A's data (attachments complete
and in progress, records, record ids, status feed and cursors, catalog, enrollment, revocation). Every answer B gets is
the answer it gets for data that does not exist, and nothing B does changes what A gets."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sync import protocol
from sync.platform import admin as platform_main
from tests.support.platform import InProcessPlatform, TestTerminal


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def patch(t: TestTerminal, digest: str, offset: int, length: int, data: bytes) -> httpx.Response:
    return t.client.patch(
        f"/v1/attachments/{digest}",
        content=data,
        headers={protocol.HEADER_UPLOAD_OFFSET: str(offset), protocol.HEADER_UPLOAD_LENGTH: str(length)},
    )


def answer(reply: httpx.Response, *names: str) -> tuple[int, Any]:
    """Status and body, with the digests in `names` replaced by a placeholder (to compare A's data with none)."""
    text = reply.text
    for name in names:
        text = text.replace(name, "<sha>")
    return reply.status_code, text


class World:
    """Terminal A with a complete attachment, one in progress, a stored submission and status changes; terminal B
    enrolled in the same division; fresh (never used) data for comparison."""

    def __init__(self, platform: InProcessPlatform) -> None:
        self.platform = platform
        self.a = TestTerminal(platform.url, platform.enroll_code())
        self.b = TestTerminal(platform.url, platform.enroll_code())
        self.done = b"A's scanned ID card " * 2000
        self.half = b"A's household register " * 3000
        self.a.upload(self.done)
        assert patch(self.a, sha(self.half), 0, len(self.half), self.half[:1000]).json()["received"] == 1000
        self.record = self.a.record(
            {"name": "张三"}, attachments=[sha(self.done)], receipt_no="5325241032050126112700011"
        )
        assert self.a.client.post("/v1/records", json=self.record).status_code == 201
        platform_main.set_status(platform.store, self.record["receipt_no"], "已受理")

    def fresh(self) -> tuple[bytes, str]:
        data = os.urandom(5000)
        return data, sha(data)

    def close(self) -> None:
        self.a.close()
        self.b.close()


@pytest.fixture
def world(platform: InProcessPlatform) -> Iterator[World]:
    w = World(platform)
    yield w
    w.close()


def test_attachment_state_of_another_terminal_is_not_found(world: World) -> None:
    _, none = world.fresh()
    for target in (sha(world.done), sha(world.half)):
        for method in ("GET", "HEAD"):
            theirs = world.b.client.request(method, f"/v1/attachments/{target}")
            nothing = world.b.client.request(method, f"/v1/attachments/{none}")
            assert answer(theirs, target) == answer(nothing, none)
            assert theirs.status_code == 404
    assert world.a.client.get(f"/v1/attachments/{sha(world.done)}").json()["complete"] is True


def test_resuming_or_claiming_another_terminals_upload_learns_nothing(world: World) -> None:
    _, none = world.fresh()
    for target, length in ((sha(world.done), len(world.done)), (sha(world.half), len(world.half))):
        for offset in (1000, length):  # A's progress, A's end
            theirs = patch(world.b, target, offset, length, b"")
            nothing = patch(world.b, none, offset, length, b"")
            assert answer(theirs, target) == answer(nothing, none)
            assert theirs.status_code == 409 and theirs.json()["received"] == 0


def test_another_terminal_claiming_a_hash_with_a_huge_length_blocks_nothing(world: World) -> None:
    target = sha(world.half)
    huge = 256 * 1024 * 1024
    assert patch(world.b, target, 0, huge, b"").json() == {"sha256": target, "received": 0, "complete": False}
    assert patch(world.b, target, 0, huge, b"x" * 10).json()["received"] == 10  # its own upload, its own bytes
    # A resumes where it was and completes, untouched by B's claim.
    reply = patch(world.a, target, 1000, len(world.half), world.half[1000:])
    assert reply.status_code == 200 and reply.json()["complete"] is True
    assert world.platform.store.blob_path(target).read_bytes() == world.half
    # B's claim is still only B's: it cannot complete it with anything but the right bytes of its declared length.
    assert world.b.client.get(f"/v1/attachments/{target}").json()["length"] == huge


def test_uploading_bytes_another_terminal_holds_takes_the_whole_upload(world: World) -> None:
    target = sha(world.done)
    first = patch(world.b, target, 0, len(world.done), world.done[:4096])
    assert first.json() == {"sha256": target, "received": 4096, "complete": False}  # as for any new upload
    last = patch(world.b, target, 4096, len(world.done), world.done[4096:])
    assert last.json() == {"sha256": target, "received": len(world.done), "complete": True}
    assert world.platform.store.blob_path(target).read_bytes() == world.done  # one copy kept
    # A wrong body under A's hash: B's upload is discarded; A's attachment stays.
    forged = b"y" * len(world.done)
    assert patch(world.b, target, len(world.done), len(world.done), b"").json()["complete"] is True
    _, none = world.fresh()
    bad = patch(world.b, none, 0, len(forged), forged)
    assert bad.status_code == 422
    assert world.a.client.get(f"/v1/attachments/{target}").json()["complete"] is True


def test_a_record_naming_another_terminals_attachment_is_refused_as_missing(world: World) -> None:
    _, none = world.fresh()
    theirs = world.b.client.post("/v1/records", json=world.b.record({"n": 1}, attachments=[sha(world.done)]))
    nothing = world.b.client.post("/v1/records", json=world.b.record({"n": 1}, attachments=[none]))
    assert answer(theirs, sha(world.done)) == answer(nothing, none)
    assert theirs.status_code == 422


def test_another_terminals_record_id_is_free_for_b(world: World) -> None:
    reused = world.b.record(world.record["payload"], record_id=world.record["record_id"])
    fresh = world.b.record(world.record["payload"])
    assert world.b.client.post("/v1/records", json=reused).json() == {"result": "stored"}
    assert world.b.client.post("/v1/records", json=fresh).json() == {"result": "stored"}
    # A's record is untouched and A's re-delivery is still a duplicate.
    assert world.a.client.post("/v1/records", json=world.record).json() == {"result": "duplicate"}
    stored = world.platform.store.record(world.record["record_id"], world.a.terminal_id)
    assert stored is not None and stored["receipt_no"] == world.record["receipt_no"]
    # Other content under A's id, from B, is B's own conflict only when B itself stored that id before.
    other = world.b.record({"different": True}, record_id=world.record["record_id"])
    assert world.b.client.post("/v1/records", json=other).json()["result"] == "conflict"
    assert world.a.client.post("/v1/records", json=world.record).json() == {"result": "duplicate"}


def test_a_record_signed_by_a_replayed_by_b_is_refused(world: World) -> None:
    reply = world.b.client.post("/v1/records", json=world.record)
    assert reply.status_code == 400 and "envelope_signature" in reply.json()["error"]


def test_the_status_feed_and_its_cursors_say_nothing_of_other_terminals(world: World) -> None:
    before = [world.b.client.get("/v1/status", params={"cursor": c}).json() for c in (0, 1, 5, 10**6)]
    assert before[0] == {"changes": [], "next_cursor": 0}
    platform_main.set_status(world.platform.store, world.record["receipt_no"], "审查中")
    after = [world.b.client.get("/v1/status", params={"cursor": c}).json() for c in (0, 1, 5, 10**6)]
    assert after == before
    # B's own changes count from 1, however many A had.
    mine = world.b.record({"n": "b"}, receipt_no="5325241032050226112700017")
    assert world.b.client.post("/v1/records", json=mine).status_code == 201
    platform_main.set_status(world.platform.store, mine["receipt_no"], "已受理")
    feed = world.b.client.get("/v1/status").json()
    assert [c["cursor"] for c in feed["changes"]] == [1] and feed["next_cursor"] == 1
    assert all(c["record_id"] == mine["record_id"] for c in feed["changes"])
    a_feed = world.a.client.get("/v1/status").json()
    assert [c["status"] for c in a_feed["changes"]] == ["已受理", "审查中"]


def test_catalog_answers_do_not_depend_on_other_terminals(world: World) -> None:
    snapshot = world.b.client.get("/v1/catalog/snapshot").json()
    changes = world.b.client.get("/v1/catalog/changes").json()
    world.a.upload(os.urandom(3000))
    world.a.client.post("/v1/records", json=world.a.record({"more": 1}))
    assert world.b.client.get("/v1/catalog/snapshot").json() == snapshot
    assert world.b.client.get("/v1/catalog/changes").json() == changes


def test_b_cannot_act_as_a(world: World, platform: InProcessPlatform) -> None:
    as_a = {"Authorization": f"Bearer {world.b.token}", protocol.HEADER_TERMINAL: world.a.terminal_id}
    nobody = {"Authorization": f"Bearer {world.b.token}", protocol.HEADER_TERMINAL: "TFFFFFFFFFFFFFFFF"}
    for method, path in (
        ("GET", "/v1/status"),
        ("GET", f"/v1/attachments/{sha(world.done)}"),
        ("GET", "/v1/catalog/changes"),
        ("POST", "/v1/records"),
        ("PATCH", f"/v1/attachments/{sha(world.done)}"),
    ):
        theirs = httpx.request(method, platform.url + path, headers=as_a)
        unknown = httpx.request(method, platform.url + path, headers=nobody)
        assert (theirs.status_code, theirs.json()) == (unknown.status_code, unknown.json())
        assert theirs.status_code == 401
    # No route revokes, lists or reads terminals or records over HTTP.
    for method, path in (
        ("POST", f"/v1/terminals/{world.a.terminal_id}/revoke"),
        ("DELETE", f"/v1/terminals/{world.a.terminal_id}"),
        ("GET", f"/v1/records/{world.record['record_id']}"),
        ("GET", "/v1/records"),
        ("DELETE", f"/v1/attachments/{sha(world.done)}"),
        ("PUT", f"/v1/attachments/{sha(world.done)}"),
    ):
        reply = world.b.client.request(method, path)
        assert reply.status_code in (404, 405)
    # A's enrollment code is spent: B's key cannot take it over (a retry needs A's own key).
    platform_main.revoke(platform.store, world.b.terminal_id)
    assert world.b.client.get("/v1/status").status_code == 403
    assert world.a.client.get("/v1/status").status_code == 200
