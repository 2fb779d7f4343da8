"""The platform's intake over real loopback HTTP: records, attachments, status, authentication."""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync import protocol
from sync.platform import admin as platform_main
from sync.platform.errors import PlatformError
from tests.support.platform import InProcessPlatform, TestTerminal


@pytest.fixture
def terminal(platform: InProcessPlatform) -> Iterator[TestTerminal]:
    t = TestTerminal(platform.url, platform.enroll_code())
    yield t
    t.close()


def test_health_reports_utc_time_and_date_header(platform: InProcessPlatform) -> None:
    reply = httpx.get(platform.url + "/v1/health")
    assert reply.status_code == 200
    body = reply.json()
    assert body["status"] == "ok"
    assert body["time"].endswith("Z")
    assert "date" in reply.headers


def test_record_stored_then_duplicate_absorbed_then_conflict(
    platform: InProcessPlatform, terminal: TestTerminal
) -> None:
    record = terminal.record({"name": "张三", "item": "530000-MZ-0001"}, receipt_no="R-1")
    first = terminal.client.post("/v1/records", json=record)
    assert (first.status_code, first.json()) == (201, {"result": "stored"})
    again = terminal.client.post("/v1/records", json=record)
    assert (again.status_code, again.json()) == (200, {"result": "duplicate"})

    changed = terminal.record({"name": "李四"}, record_id=record["record_id"])
    conflict = terminal.client.post("/v1/records", json=changed)
    assert conflict.status_code == 409
    assert conflict.json()["result"] == "conflict"
    assert "error" in conflict.json()
    stored = platform.store.record(record["record_id"])
    assert stored["payload"] == {"name": "张三", "item": "530000-MZ-0001"}  # never overwritten
    stats = platform.store.stats()
    assert stats["submissions"] == 1
    assert stats["duplicates_absorbed"] == 1
    assert stats["conflicts"] == 1


def test_record_naming_missing_attachments_is_refused_with_their_names(terminal: TestTerminal) -> None:
    held = terminal.upload(b"scan" * 1000)
    absent = hashlib.sha256(b"never uploaded").hexdigest()
    reply = terminal.client.post("/v1/records", json=terminal.record(attachments=[held, absent]))
    assert reply.status_code == 422
    assert reply.json()["missing_attachments"] == [absent]
    ok = terminal.client.post("/v1/records", json=terminal.record(attachments=[held]))
    assert ok.status_code == 201


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda r: r.pop("payload"), "missing field: payload"),
        (lambda r: r.update(kind="letter"), "kind must be one of"),
        (lambda r: r.update(sequence="7"), "sequence must be"),
        (lambda r: r.update(content_hash="00" * 32), "content_hash does not match"),
        (lambda r: r.update(attachments=["not-a-hash"]), "attachments must be"),
        (lambda r: r.update(signature=protocol.b64encode(b"x" * 64)), "signature does not verify"),
        (lambda r: r.update(signature="%%%"), "not valid base64"),
        (lambda r: r["payload"].update(extra=1), "content_hash does not match"),
    ],
)
def test_malformed_records_get_400_with_a_reason(
    terminal: TestTerminal, mutate: Callable[[dict[str, Any]], object], reason: str
) -> None:
    record = terminal.record({"a": 1})
    mutate(record)
    reply = terminal.client.post("/v1/records", json=record)
    assert reply.status_code == 400
    assert reason in reply.json()["error"]


def test_body_that_is_not_json_gets_400(terminal: TestTerminal) -> None:
    reply = terminal.client.post("/v1/records", content=b"{not json", headers={"content-type": "application/json"})
    assert reply.status_code == 400
    assert "JSON" in reply.json()["error"]


def test_truncated_request_body_is_refused_and_nothing_stored(
    platform: InProcessPlatform, terminal: TestTerminal
) -> None:
    """A request cut short by the network (Content-Length larger than what arrives) stores nothing."""
    import json as _json

    body = _json.dumps(terminal.record({"x": 1})).encode()
    head = (
        f"POST /v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {terminal.token}\r\nX-Yunban-Terminal: {terminal.terminal_id}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    host, port = platform.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + body[: len(body) // 2])
        sock.shutdown(socket.SHUT_WR)
        sock.recv(4096)  # the server answers 400 or closes; either way nothing may be stored
    assert platform.store.stats()["records"] == 0


def test_attachment_resumes_by_offset_and_verifies_hash(platform: InProcessPlatform, terminal: TestTerminal) -> None:
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    url = f"/v1/attachments/{sha}"
    assert terminal.client.get(url).status_code == 404

    def patch(offset: int, chunk: bytes) -> httpx.Response:
        return terminal.client.patch(
            url, content=chunk, headers={"Upload-Offset": str(offset), "Upload-Length": str(len(data))}
        )

    r = patch(0, data[:100_000])
    assert r.json() == {"sha256": sha, "received": 100_000, "complete": False}
    assert terminal.client.get(url).json()["received"] == 100_000
    stale = patch(50_000, data[50_000:150_000])  # a retried chunk from before the last acknowledgement
    assert stale.status_code == 409
    assert stale.json()["received"] == 100_000
    r = patch(100_000, data[100_000:])
    assert r.json() == {"sha256": sha, "received": len(data), "complete": True}
    assert (platform.data / "blobs" / sha).read_bytes() == data
    assert patch(0, data[:10]).json()["complete"] is True  # re-upload of a held blob is a no-op success

    wrong = os.urandom(1000)
    bad_sha = hashlib.sha256(b"something else").hexdigest()
    r = terminal.client.patch(
        f"/v1/attachments/{bad_sha}", content=wrong, headers={"Upload-Offset": "0", "Upload-Length": "1000"}
    )
    assert r.status_code == 422
    assert terminal.client.get(f"/v1/attachments/{bad_sha}").status_code == 404
    assert not (platform.data / "blobs" / bad_sha).exists()
    assert platform.store.stats()["attachments"] == 1


def test_attachment_chunk_over_1_mib_is_refused(terminal: TestTerminal) -> None:
    data = b"\0" * (protocol.MAX_CHUNK + 1)
    r = terminal.client.patch(
        f"/v1/attachments/{hashlib.sha256(data).hexdigest()}",
        content=data,
        headers={"Upload-Offset": "0", "Upload-Length": str(len(data))},
    )
    assert r.status_code == 413


def test_attachment_without_upload_headers_is_400(terminal: TestTerminal) -> None:
    r = terminal.client.patch(f"/v1/attachments/{'a' * 64}", content=b"x")
    assert r.status_code == 400


def test_unknown_terminal_wrong_token_and_revoked_terminal(platform: InProcessPlatform, terminal: TestTerminal) -> None:
    no_auth = httpx.post(platform.url + "/v1/records", json=terminal.record())
    assert no_auth.status_code == 401
    unknown = httpx.get(
        platform.url + "/v1/status", headers={"Authorization": "Bearer x", protocol.HEADER_TERMINAL: "TNOBODY"}
    )
    assert unknown.status_code == 401
    assert "error" in unknown.json()
    wrong = httpx.get(
        platform.url + "/v1/status",
        headers={"Authorization": "Bearer " + "0" * 64, protocol.HEADER_TERMINAL: terminal.terminal_id},
    )
    assert wrong.status_code == 401

    assert terminal.client.get("/v1/status").status_code == 200
    platform_main.revoke(platform.store, terminal.terminal_id)
    revoked = terminal.client.post("/v1/records", json=terminal.record())
    assert revoked.status_code == 403
    assert revoked.json()["error"] == "terminal revoked"
    with pytest.raises(PlatformError, match="unknown terminal"):
        platform_main.revoke(platform.store, "TNOBODY")


def test_status_changes_flow_back_by_cursor_for_own_records_only(
    platform: InProcessPlatform, terminal: TestTerminal
) -> None:
    other = TestTerminal(platform.url, platform.enroll_code())
    for t, receipt in ((terminal, "R-A"), (other, "R-B")):
        assert t.client.post("/v1/records", json=t.record(receipt_no=receipt)).status_code == 201
    platform_main.set_status(platform.store, "R-A", "已受理")
    platform_main.set_status(platform.store, "R-B", "已受理")
    platform_main.set_status(platform.store, "R-A", "审查中", "材料齐全")
    with pytest.raises(PlatformError, match="needs a reason"):
        platform_main.set_status(platform.store, "R-A", "不予受理")
    with pytest.raises(PlatformError, match="can move to"):
        platform_main.set_status(platform.store, "R-A", "已送达")
    with pytest.raises(PlatformError, match="no submission"):
        platform_main.set_status(platform.store, "R-NONE", "已受理")
    platform_main.set_status(platform.store, "R-A", "不予受理", "不符合受理条件")

    page = terminal.client.get("/v1/status", params={"cursor": 0, "limit": 2}).json()
    assert [c["status"] for c in page["changes"]] == ["已受理", "审查中"]
    assert all(c["receipt_no"] == "R-A" for c in page["changes"])
    rest = terminal.client.get("/v1/status", params={"cursor": page["next_cursor"]}).json()
    assert [(c["status"], c["note"]) for c in rest["changes"]] == [("不予受理", "不符合受理条件")]
    empty = terminal.client.get("/v1/status", params={"cursor": rest["next_cursor"]}).json()
    assert empty == {"changes": [], "next_cursor": rest["next_cursor"]}
    assert terminal.client.get("/v1/status", params={"cursor": "x"}).status_code == 400
    other.close()


def test_unknown_route_is_json_404(platform: InProcessPlatform) -> None:
    r = httpx.get(platform.url + "/v1/nothing")
    assert r.status_code == 404
    assert "error" in r.json()


def test_overloaded_platform_answers_503_with_retry_after(tmp_path: Path) -> None:
    """One request in flight in the app (its handler waiting for its body) fills an app limited to one: the next
    gets 503 at once, health is still answered. (Served, the guard reads bodies before the app sees a request, so
    a slow body holds no slot there: tests/integration/platform/test_slow_clients.py; here the app is called
    directly to hold one.)"""
    import asyncio

    from sync.platform import ThreadedServer, create_app
    from sync.platform.admin import open_store

    store = open_store(tmp_path / "busy")
    code = platform_main.enroll_code(store, "532524103205")
    app = create_app(store, None, max_inflight=1)
    with ThreadedServer(app) as server:
        terminal = TestTerminal(server.url, code)
        terminal.close()
    auth = [
        (b"authorization", f"Bearer {terminal.token}".encode()),
        (b"x-yunban-terminal", terminal.terminal_id.encode()),
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "PATCH",
        "scheme": "http",
        "path": f"/v1/attachments/{'b' * 64}",
        "raw_path": b"",
        "query_string": b"",
        "root_path": "",
        "headers": [*auth, (b"upload-offset", b"0"), (b"upload-length", b"1000"), (b"content-length", b"1000")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }

    async def scenario() -> tuple[httpx.Response, httpx.Response]:
        body_arrives = asyncio.Event()

        async def slow_receive() -> dict[str, Any]:
            await body_arrives.wait()
            return {"type": "http.disconnect"}

        async def ignore(message: Any) -> None:
            pass

        held = asyncio.create_task(app(scope, slow_receive, ignore))
        for _ in range(500):  # until the held request has its slot (the app may suspend a request, e.g. on the store)
            guard = app.state.metrics.overload_guard
            if guard is not None and guard.inflight == 1:
                break
            await asyncio.sleep(0.01)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            busy = await client.get("/v1/status", headers={k.decode(): v.decode() for k, v in auth})
            for _ in range(50):  # the held request may still be reaching the app
                if busy.status_code == 503:
                    break
                await asyncio.sleep(0.01)
                busy = await client.get("/v1/status", headers={k.decode(): v.decode() for k, v in auth})
            health = await client.get("/v1/health")
        body_arrives.set()
        await held
        return busy, health

    busy, health = asyncio.run(scenario())
    assert health.status_code == 200  # health is never refused
    assert busy.status_code == 503
    assert busy.headers["retry-after"] == "2"
    assert "busy" in busy.json()["error"]
    store.close()
