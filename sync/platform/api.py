"""The reference platform's HTTP routes (sync protocol v1; the contract is docs/platform-api.yaml).

Contract: records keyed by the terminal's id (same id + same hash = duplicate absorbed, another hash = 409; a
receipt number another record holds = 409 `receipt_taken`),
attachments content-addressed and resumable by byte offset; every route but health and enroll is authenticated.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from sync import protocol
from sync.platform.catalog_source import CatalogSource
from sync.platform.ports import PlatformStorage

log = logging.getLogger(__name__)

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_RECORD_BYTES = 4 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024 * 1024
MAX_PAGE = 1000
CATALOG_PAGE = 100
SIGNING_KEY_META = "platform_signing_key"


class HttpError(Exception):
    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": message, **extra}


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=headers)


def platform_signer(store: PlatformStorage) -> protocol.Signer:
    """The platform's Ed25519 key, made on first start and kept in its own store (a reference server's choice)."""
    fresh = protocol.generate_signer()
    raw = store.meta_setdefault(SIGNING_KEY_META, fresh.private_key_bytes().hex())
    return protocol.load_signer(protocol.ALGORITHM_ED25519, bytes.fromhex(raw))


async def _read_json(request: Request, limit: int = MAX_RECORD_BYTES) -> Any:
    body = await _read_body(request, limit)
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HttpError(400, f"body is not valid UTF-8 JSON: {exc}") from exc


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HttpError(413, f"body larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise HttpError(413, f"body larger than {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect as exc:
        raise HttpError(400, "request body cut short") from exc
    body = b"".join(chunks)
    if declared is not None and declared.isdigit() and len(body) != int(declared):
        raise HttpError(400, "request body cut short")
    return body


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise HttpError(400, f"{name} must be an integer") from exc
    if not low <= value <= high:
        raise HttpError(400, f"{name} must be between {low} and {high}")
    return value


def validate_record(body: Any) -> dict[str, Any]:
    """Check a record's shape and content hash (not its signature); raise HttpError(400) naming the reason."""
    if not isinstance(body, dict):
        raise HttpError(400, "a record must be a JSON object")
    required = ("record_id", "kind", "content_hash", "sequence", "payload", "attachments", "signature")
    missing = [k for k in required if k not in body]
    if missing:
        raise HttpError(400, f"missing field: {', '.join(missing)}")
    record_id = body["record_id"]
    if not isinstance(record_id, str) or not 1 <= len(record_id) <= 128:
        raise HttpError(400, "record_id must be a string of 1 to 128 characters")
    if body["kind"] not in protocol.RECORD_KINDS:
        raise HttpError(400, f"kind must be one of {', '.join(protocol.RECORD_KINDS)}")
    if not isinstance(body["content_hash"], str) or not SHA256_RE.match(body["content_hash"]):
        raise HttpError(400, "content_hash must be 64 lowercase hex digits")
    if not isinstance(body["sequence"], int) or isinstance(body["sequence"], bool) or body["sequence"] < 0:
        raise HttpError(400, "sequence must be a non-negative integer")
    if body.get("receipt_no") is not None and not isinstance(body["receipt_no"], str):
        raise HttpError(400, "receipt_no must be a string or null")
    if body.get("created_at") is not None and not isinstance(body["created_at"], str):
        raise HttpError(400, "created_at must be a string")
    if not isinstance(body["payload"], dict):
        raise HttpError(400, "payload must be a JSON object")
    attachments = body["attachments"]
    if not isinstance(attachments, list) or not all(isinstance(a, str) and SHA256_RE.match(a) for a in attachments):
        raise HttpError(400, "attachments must be a list of sha256 hex digests")
    if not isinstance(body["signature"], str):
        raise HttpError(400, "signature must be a base64 string")
    if protocol.content_hash(body["payload"]) != body["content_hash"]:
        raise HttpError(400, "content_hash does not match the canonical JSON of payload")
    return body


class OverloadGuard:
    """ASGI middleware: beyond `max_inflight` concurrent requests, answer 503 with Retry-After at once instead of
    queueing (the terminal's outbox backs off and retries; /v1/health is always answered)."""

    def __init__(self, app: ASGIApp, max_inflight: int = 64, retry_after: int = 2) -> None:
        self.app = app
        self.max_inflight = max_inflight
        self.retry_after = retry_after
        self.inflight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/v1/health":
            await self.app(scope, receive, send)
            return
        if self.inflight >= self.max_inflight:
            response = _json(
                {"error": "platform busy, retry later"}, 503, headers={"Retry-After": str(self.retry_after)}
            )
            await response(scope, receive, send)
            return
        self.inflight += 1  # one event loop: no lock needed
        try:
            await self.app(scope, receive, send)
        finally:
            self.inflight -= 1


def signed_snapshot(
    store: PlatformStorage, source: CatalogSource, signer: protocol.Signer, division: str
) -> dict[str, Any]:
    """The signed snapshot envelope: the base bundle with every published change applied, and its cursor."""
    rows = store.catalog_changes(0, 2**62)
    page = {
        "kind": "snapshot",
        "division": division,
        "cursor": rows[-1]["cursor"] if rows else 0,
        "bundle_version": rows[-1]["bundle_version"] if rows else source.base_version,
        "bundle": source.snapshot(rows),
    }
    return protocol.sign_envelope(signer, page)


def create_app(store: PlatformStorage, catalog: CatalogSource | None = None, *, max_inflight: int = 64) -> Starlette:
    """The ASGI app. `catalog` is the base bundle served to terminals (None: catalog routes answer 404);
    `max_inflight` concurrent requests at most, beyond which requests get 503 + Retry-After."""
    signer = platform_signer(store)
    platform_public_key = protocol.b64encode(signer.public_key_bytes())
    snapshot_cache: dict[tuple[str, int], bytes] = {}

    def authenticate(request: Request) -> dict[str, Any]:
        terminal_id = request.headers.get(protocol.HEADER_TERMINAL, "")
        auth = request.headers.get("authorization", "")
        if not terminal_id or not auth.startswith("Bearer "):
            raise HttpError(401, f"authentication required: Authorization: Bearer and {protocol.HEADER_TERMINAL}")
        terminal = store.terminal(terminal_id)
        if terminal is None or not hmac.compare_digest(auth[7:].strip(), store.token_for(terminal_id)):
            raise HttpError(401, "unknown terminal or wrong token")
        if terminal["revoked_at"]:
            raise HttpError(403, "terminal revoked")
        return terminal

    async def health(request: Request) -> Response:
        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return _json({"status": "ok", "time": now, "protocol": protocol.PROTOCOL_VERSION})

    async def enroll(request: Request) -> Response:
        body = await _read_json(request, 64 * 1024)
        if not isinstance(body, dict):
            raise HttpError(400, "enrollment body must be a JSON object")
        code, key, algorithm = body.get("code"), body.get("public_key"), body.get("algorithm")
        if not isinstance(code, str) or not code:
            raise HttpError(400, "code is required")
        if not isinstance(algorithm, str) or not isinstance(key, str):
            raise HttpError(400, "public_key and algorithm are required")
        try:
            protocol.make_verifier(algorithm, protocol.b64decode(key))
        except protocol.ProtocolError as exc:
            raise HttpError(400, str(exc)) from exc
        division = body.get("division")
        if division is not None and not isinstance(division, str):
            raise HttpError(400, "division must be a string")
        result = await run_in_threadpool(store.enroll, code.strip().upper(), key, algorithm)
        if result["outcome"] == "unknown_code":
            raise HttpError(403, "unknown enrollment code")
        if result["outcome"] == "code_used":
            raise HttpError(409, "enrollment code already used by another terminal")
        if result["outcome"] == "numbers_used_up":
            raise HttpError(409, f"division {result['division']} has no terminal numbers left (01-99 all given)")
        if division and division != result["division"]:
            log.warning(
                "terminal %s enrolled for %s but configured for %s", result["terminal_id"], result["division"], division
            )
        return _json(
            {
                "terminal_id": result["terminal_id"],
                "token": store.token_for(result["terminal_id"]),
                "platform_public_key": platform_public_key,
                "algorithm": signer.algorithm,
                "division": result["division"],
                "terminal_no": result["terminal_no"],
            }
        )

    def _sha(request: Request) -> str:
        sha = str(request.path_params["sha256"])
        if not SHA256_RE.match(sha):
            raise HttpError(400, "attachment id must be a lowercase sha256 hex digest")
        return sha

    async def attachment_get(request: Request) -> Response:
        authenticate(request)
        sha = _sha(request)
        state = store.attachment(sha)
        if state is None:
            raise HttpError(404, "attachment upload never started")
        return _json(
            {"sha256": sha, "received": state["received"], "complete": state["complete"], "length": state["length"]}
        )

    async def attachment_patch(request: Request) -> Response:
        authenticate(request)
        sha = _sha(request)
        try:
            offset = int(request.headers[protocol.HEADER_UPLOAD_OFFSET])
            length = int(request.headers[protocol.HEADER_UPLOAD_LENGTH])
        except (KeyError, ValueError) as exc:
            raise HttpError(400, "Upload-Offset and Upload-Length headers (integers) are required") from exc
        if offset < 0 or length < 0 or offset > length:
            raise HttpError(400, "need 0 <= Upload-Offset <= Upload-Length")
        if length > MAX_ATTACHMENT_BYTES:
            raise HttpError(413, f"attachments are limited to {MAX_ATTACHMENT_BYTES} bytes")
        data = await _read_body(request, protocol.MAX_CHUNK)
        try:
            result = await run_in_threadpool(store.write_chunk, sha, offset, length, data)
        except OSError as exc:  # disk full, I/O error: nothing of this chunk is counted as received
            log.error("attachment %s: cannot store chunk at %d: %s", sha, offset, exc)
            raise HttpError(507, f"platform cannot store the attachment now ({exc.strerror or exc})") from exc
        outcome = result["outcome"]
        state = {"sha256": sha, "received": result["received"], "complete": result["complete"]}
        if outcome == "offset_mismatch":
            raise HttpError(409, "Upload-Offset does not match the bytes received", received=result["received"])
        if outcome == "length_mismatch":
            raise HttpError(409, "Upload-Length differs from the upload in progress", received=result["received"])
        if outcome == "too_long":
            raise HttpError(400, "chunk goes past Upload-Length")
        if outcome == "hash_mismatch":
            raise HttpError(422, "received bytes do not hash to the attachment id; upload discarded", received=0)
        return _json(state)

    async def records_post(request: Request) -> Response:
        terminal = authenticate(request)
        record = validate_record(await _read_json(request))
        verifier = protocol.make_verifier(terminal["algorithm"], protocol.b64decode(terminal["public_key"]))
        try:
            signature = protocol.b64decode(record["signature"])
        except protocol.ProtocolError as exc:
            raise HttpError(400, f"signature: {exc}") from exc
        if not verifier.verify(protocol.record_signing_bytes(record["content_hash"]), signature):
            raise HttpError(400, "signature does not verify with the terminal's key")
        result = await run_in_threadpool(store.put_record, terminal["terminal_id"], record)
        if result["result"] == "stored":
            return _json({"result": "stored"}, 201)
        if result["result"] == "duplicate":
            return _json({"result": "duplicate"}, 200)
        if result["result"] == "conflict":
            raise HttpError(409, "record id already stored with different content", result="conflict")
        if result["result"] == "receipt_taken":
            raise HttpError(409, "receipt number taken", result="receipt_taken", receipt_no=record.get("receipt_no"))
        raise HttpError(
            422,
            "record refers to attachments the platform does not hold",
            missing_attachments=result["missing_attachments"],
        )

    async def status_get(request: Request) -> Response:
        terminal = authenticate(request)
        cursor = _int_param(request, "cursor", 0, 0, 2**62)
        limit = _int_param(request, "limit", 100, 1, MAX_PAGE)
        changes = store.status_changes(terminal["terminal_id"], cursor, limit)
        next_cursor = changes[-1]["cursor"] if changes else cursor
        return _json({"changes": changes, "next_cursor": next_cursor})

    def _catalog() -> CatalogSource:
        if catalog is None:
            raise HttpError(404, "this platform serves no catalog")
        return catalog

    async def catalog_snapshot(request: Request) -> Response:
        terminal = authenticate(request)
        source = _catalog()
        division = request.query_params.get("division") or terminal["division"]
        key = (division, store.catalog_head()[0])
        body = snapshot_cache.get(key)
        if body is None:  # built and signed once per catalog release (and division), then served from memory
            envelope = await run_in_threadpool(signed_snapshot, store, source, signer, division)
            body = bytes(JSONResponse(envelope).body)
            snapshot_cache.clear()
            snapshot_cache[key] = body
        return Response(body, media_type="application/json")

    async def catalog_changes(request: Request) -> Response:
        authenticate(request)
        source = _catalog()
        cursor = _int_param(request, "cursor", 0, 0, 2**62)
        limit = _int_param(request, "limit", CATALOG_PAGE, 1, MAX_PAGE)
        rows = store.catalog_changes(cursor, limit)
        if rows:
            version = rows[-1]["bundle_version"]
        else:
            head, head_version = store.catalog_head()
            if cursor > head:  # the terminal saw changes this platform does not have (restored from a backup?)
                raise HttpError(409, f"cursor {cursor} is ahead of the platform's catalog ({head}); fetch a snapshot")
            version = head_version if head_version is not None else source.base_version
        page = {
            "kind": "changes",
            "from_cursor": cursor,
            "to_cursor": rows[-1]["cursor"] if rows else cursor,
            "bundle_version": version,
            "changes": [{"cursor": r["cursor"], "bundle_version": r["bundle_version"], **r["change"]} for r in rows],
        }
        return _json(protocol.sign_envelope(signer, page))

    routes = [
        Route("/v1/health", health, methods=["GET"]),
        Route("/v1/enroll", enroll, methods=["POST"]),
        Route("/v1/attachments/{sha256}", attachment_get, methods=["GET"]),
        Route("/v1/attachments/{sha256}", attachment_patch, methods=["PATCH"]),
        Route("/v1/records", records_post, methods=["POST"]),
        Route("/v1/status", status_get, methods=["GET"]),
        Route("/v1/catalog/snapshot", catalog_snapshot, methods=["GET"]),
        Route("/v1/catalog/changes", catalog_changes, methods=["GET"]),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HttpError)
        return _json(exc.body, exc.status)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return _json({"error": str(getattr(exc, "detail", "not found"))}, status)

    app = Starlette(
        routes=routes,
        exception_handlers={HttpError: http_error, 404: not_found, 405: not_found},
        middleware=[Middleware(OverloadGuard, max_inflight=max_inflight)],
    )
    app.state.store = store
    app.state.platform_public_key = platform_public_key
    return app
