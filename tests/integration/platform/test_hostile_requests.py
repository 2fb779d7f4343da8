"""Issue 11 #4 and #8 over real HTTP: hostile bodies, headers and parameters get a 4xx with a reason (never a 500), and
a record's envelope signature binds its id, kind, receipt number, sequence and terminal to its payload."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sync import protocol
from tests.support.platform import InProcessPlatform, TestTerminal


@pytest.fixture
def terminal(platform: InProcessPlatform) -> Iterator[TestTerminal]:
    t = TestTerminal(platform.url, platform.enroll_code())
    yield t
    t.close()


def raw_request(url: str, head: bytes, body: bytes = b"") -> tuple[int, bytes]:
    """Send bytes as they are (httpx would fix a lying Content-Length) and read the status line and body."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(head + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[-1]


def expect_4xx(reply: httpx.Response, status: int = 400, reason: str = "") -> None:
    assert reply.status_code == status, reply.text
    assert reason in reply.json()["error"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"code": ' + b"9" * 3000 + b', "public_key": "x", "algorithm": "ed25519"}', "more than 64"),
        (b'{"code": "' + b"9" * 3000 + b'", "public_key": "x", "algorithm": "ed25519"}', "public_key"),
        (b"[" * 2000 + b"]" * 2000, "nested deeper"),
        (b'{"code": NaN}', "NaN is not JSON"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b'{"code": "K7QX-3MPD-W9TA", "x": 1}', "unknown field"),
        (b"null", "JSON object"),
    ],
)
def test_hostile_enrollments_get_400(platform: InProcessPlatform, body: bytes, reason: str) -> None:
    reply = httpx.post(platform.url + "/v1/enroll", content=body, headers={"content-type": "application/json"})
    expect_4xx(reply, 400, reason)


def test_a_code_of_the_wrong_shape_is_an_unknown_code(platform: InProcessPlatform) -> None:
    body = {"code": "9" * 60, "public_key": protocol.b64encode(b"k" * 32), "algorithm": "ed25519"}
    expect_4xx(httpx.post(platform.url + "/v1/enroll", json=body), 403, "unknown enrollment code")
    # The 5,000-digit number in an enrollment code: the body is over the 4 KiB enrollment cap.
    digits = b'{"code": ' + b"9" * 5000 + b"}"
    expect_4xx(httpx.post(platform.url + "/v1/enroll", content=digits), 413, "body larger")


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda r: r.update(sequence=2**70), "sequence must be an integer from 1 to 2^53-1"),
        (lambda r: r.update(sequence=0), "sequence"),
        (lambda r: r.update(record_id="x" * 500), "record_id"),
        (lambda r: r.update(receipt_no="R" * 500), "receipt_no"),
        (lambda r: r.update(envelope_signature="A" * 1000), "envelope_signature"),
        (lambda r: r.pop("envelope_signature"), "missing field: envelope_signature"),
    ],
)
def test_hostile_records_get_400(terminal: TestTerminal, mutate: Any, reason: str) -> None:
    record = terminal.record({"a": 1})
    mutate(record)
    expect_4xx(terminal.client.post("/v1/records", json=record), 400, reason)


def test_deep_payload_and_huge_numbers_in_records_get_400(terminal: TestTerminal) -> None:
    record = terminal.record({"a": 1})
    text = httpx.Request("POST", "http://x", json=record).content
    deep = text.replace(b'"payload":{"a":1}', b'"payload":' + b'{"k":[' * 600 + b"1" + b"]}" * 600)
    expect_4xx(terminal.client.post("/v1/records", content=deep), 400, "nested deeper")
    long_number = text.replace(b'"payload":{"a":1}', b'"payload":{"a":' + b"7" * 5000 + b"}")
    expect_4xx(terminal.client.post("/v1/records", content=long_number), 400, "more than 64")


def test_oversized_bodies_are_refused_before_they_are_read(platform: InProcessPlatform, terminal: TestTerminal) -> None:
    head = (
        b"POST /v1/records HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n"
        + f"Authorization: Bearer {terminal.token}\r\n{protocol.HEADER_TERMINAL}: {terminal.terminal_id}\r\n".encode()
        + b"Connection: close\r\n\r\n"
    )
    status, body = raw_request(platform.url, head)
    assert status == 413 and b"body larger" in body
    # Unauthenticated: refused before any body is read (401 by the app; the network front may say 413 first).
    status, _ = raw_request(platform.url, head.replace(terminal.token.encode(), b"0" * 64))
    assert status in (401, 413)
    small = head.replace(b"99999999999", b"10").replace(terminal.token.encode(), b"0" * 64)
    status, body = raw_request(platform.url, small)  # no body sent at all: the answer comes anyway
    assert status == 401 and b"wrong token" in body


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({protocol.HEADER_UPLOAD_OFFSET: "0", protocol.HEADER_UPLOAD_LENGTH: "9" * 5000}, 400),
        ({protocol.HEADER_UPLOAD_OFFSET: "²", protocol.HEADER_UPLOAD_LENGTH: "10"}, 400),
        ({protocol.HEADER_UPLOAD_OFFSET: "-1", protocol.HEADER_UPLOAD_LENGTH: "10"}, 400),
        ({protocol.HEADER_UPLOAD_OFFSET: "0", protocol.HEADER_UPLOAD_LENGTH: str(2**40)}, 413),
        ({protocol.HEADER_UPLOAD_OFFSET: "11", protocol.HEADER_UPLOAD_LENGTH: "10"}, 400),
        ({protocol.HEADER_UPLOAD_LENGTH: "10"}, 400),
    ],
)
def test_hostile_upload_headers(terminal: TestTerminal, headers: dict[str, str], status: int) -> None:
    raw = {name.encode(): value.encode("utf-8") for name, value in headers.items()}
    reply = terminal.client.patch("/v1/attachments/" + "a" * 64, content=b"x", headers=raw)
    assert reply.status_code == status and reply.json()["error"]


@pytest.mark.parametrize(
    "query",
    ["cursor=" + "9" * 5000, "cursor=-1", "cursor=%C2%B2", "limit=0", "limit=100000", "cursor=1e3", "limit=%00"],
)
def test_hostile_query_parameters(terminal: TestTerminal, query: str) -> None:
    for path in ("/v1/status", "/v1/catalog/changes"):
        reply = terminal.client.get(f"{path}?{query}")
        assert reply.status_code == 400 and reply.json()["error"]


def test_hostile_division_parameter(terminal: TestTerminal) -> None:
    for division in ("../../etc", "5" * 5000, "12ab56"):
        expect_4xx(terminal.client.get("/v1/catalog/snapshot", params={"division": division}), 400, "division")


def test_hostile_authentication_headers(platform: InProcessPlatform, terminal: TestTerminal) -> None:
    for terminal_id, token in (("x" * 5000, terminal.token), (terminal.terminal_id, "z" * 5000), ("T\u202e1", "t")):
        headers = {
            b"Authorization": f"Bearer {token}".encode(),
            protocol.HEADER_TERMINAL.encode(): terminal_id.encode(),
        }
        expect_4xx(httpx.get(platform.url + "/v1/status", headers=headers), 401, "unknown terminal or wrong token")


# -- #8: the signature covers the whole envelope ------------------------------------------------------------------


def resign(terminal: TestTerminal, record: dict[str, Any], terminal_id: str | None = None) -> dict[str, Any]:
    envelope = protocol.record_envelope_bytes(
        record_id=record["record_id"],
        kind=record["kind"],
        receipt_no=record.get("receipt_no"),
        sequence=record["sequence"],
        terminal_id=terminal_id or terminal.terminal_id,
        content_hash_hex=record["content_hash"],
    )
    return {**record, "envelope_signature": protocol.b64encode(terminal.signer.sign(envelope))}


@pytest.mark.parametrize(
    "replay",
    [
        lambda r: r.update(record_id="another-id"),
        lambda r: r.update(kind="complaint"),
        lambda r: r.update(receipt_no="53252410320501261127000" + "99"),
        lambda r: r.update(receipt_no=None),
        lambda r: r.update(sequence=r["sequence"] + 1),
        lambda r: r.update(envelope_signature=protocol.b64encode(b"\0" * 64)),
    ],
)
def test_a_signed_payload_re_sent_under_another_envelope_is_refused(terminal: TestTerminal, replay: Any) -> None:
    original = terminal.record({"who": "张三"}, receipt_no="532524103205012611270001X")
    assert terminal.client.post("/v1/records", json=original).status_code == 201
    forged = dict(original)
    replay(forged)
    expect_4xx(terminal.client.post("/v1/records", json=forged), 400, "envelope_signature does not verify")


def test_another_terminal_cannot_re_send_a_signed_record(platform: InProcessPlatform, terminal: TestTerminal) -> None:
    other = TestTerminal(platform.url, platform.enroll_code())
    try:
        original = terminal.record({"who": "李四"}, receipt_no="532524103205012611270002X")
        # B replays A's record, signed by A, as its own: the envelope names A's terminal, B is authenticated.
        expect_4xx(other.client.post("/v1/records", json=original), 400, "envelope_signature does not verify")
        # A's signature over an envelope naming B does not verify with B's key either.
        expect_4xx(other.client.post("/v1/records", json=resign(terminal, original, other.terminal_id)), 400)
        assert terminal.client.post("/v1/records", json=original).status_code == 201
        # The legacy content-hash signature alone is no longer enough.
        legacy = {k: v for k, v in original.items() if k != "envelope_signature"}
        expect_4xx(terminal.client.post("/v1/records", json=legacy), 400, "missing field: envelope_signature")
        # The legacy signature, when sent, must verify as well.
        bad_legacy = {**original, "signature": protocol.b64encode(b"\1" * 64)}
        expect_4xx(terminal.client.post("/v1/records", json=bad_legacy), 400, "signature does not verify")
    finally:
        other.close()
