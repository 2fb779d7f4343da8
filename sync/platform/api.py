"""The reference platform's HTTP routes (sync protocol v1; the contract is docs/platform-api.yaml).

Contract: records keyed by the terminal's id (same id + same hash = duplicate absorbed, another hash = 409; a
receipt number another record holds = 409 `receipt_taken`), each record's `envelope_signature` verified over
`protocol.record_envelope_bytes` with the authenticated terminal's id; attachments uploaded per terminal (content-
addressed, resumable by byte offset, never visible to another terminal); every route but health and enroll is
authenticated, before any body is read. Every input is validated (`sync.platform.validation`) before use: hostile
input gets a 4xx with a reason, never a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from sync import protocol
from sync.platform import handover, validation
from sync.platform.blocking import run_blocking
from sync.platform.catalog_source import CatalogSource
from sync.platform.errors import HttpError
from sync.platform.observability import Metrics, ObservabilityMiddleware
from sync.platform.ports import PlatformStorage
from sync.platform.staff import signed_roster
from sync.platform.storage.engine import StorageUnavailable
from sync.platform.validation import validate_record

__all__ = ["HttpError", "OverloadGuard", "create_app", "platform_signer", "signed_snapshot", "validate_record"]

log = logging.getLogger(__name__)

MAX_RECORD_BYTES = 4 * 1024 * 1024
MAX_ENROLL_BYTES = 4 * 1024
MAX_ATTACHMENT_BYTES = 256 * 1024 * 1024
"""Largest attachment a terminal may declare (Upload-Length); scanned materials are a few MiB."""
MAX_PAGE = 1000
AUTHENTICATED_TERMINAL = "yunban_terminal"
"""Key in the request's `scope["state"]` under which the request guard (`sync.platform.guard`) leaves the terminal
whose token it checked, so the route does not ask the database a second time for the same request."""
CATALOG_PAGE = 100


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=headers)


def platform_signer(store: PlatformStorage) -> protocol.Signer:
    """The platform's Ed25519 key, made on first start and kept in its key file (`sync.platform.keys`)."""
    return protocol.load_signer(protocol.ALGORITHM_ED25519, store.signing_key())


async def _read_json(request: Request, limit: int = MAX_RECORD_BYTES) -> Any:
    return validation.parse_json(await _read_body(request, limit))


async def _read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused (413) as soon as it is known to exceed `limit`: from Content-Length before a byte is
    read, else while streaming."""
    raw_length = request.headers.get("content-length")
    declared = None
    if raw_length is not None:
        declared = validation.decimal(raw_length, "Content-Length", 0, 2**62)
        if declared > limit:
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
    if declared is not None and len(body) != declared:
        raise HttpError(400, "request body cut short")
    return body


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    return validation.decimal(request.query_params.get(name), name, low, high, default)


def _query(request: Request, *allowed: str) -> None:
    validation.only_params(request.query_params.keys(), allowed)


class OverloadGuard:
    """ASGI middleware: beyond `max_inflight` concurrent requests, answer 503 with Retry-After at once instead of
    queueing (the terminal's outbox backs off and retries; /v1/health is always answered)."""

    def __init__(
        self, app: ASGIApp, max_inflight: int = 64, retry_after: int = 2, metrics: Metrics | None = None
    ) -> None:
        self.app = app
        self.max_inflight = max_inflight
        self.retry_after = retry_after
        self.inflight = 0
        if metrics is not None:
            metrics.overload_guard = self

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ("/v1/health", "/metrics"):
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


def create_app(
    store: PlatformStorage,
    catalog: CatalogSource | None = None,
    *,
    max_inflight: int = 64,
    handover_passphrase: Callable[[], str | None] | None = None,
) -> Starlette:
    """The ASGI app. `catalog` is the base bundle served to terminals (None: catalog routes answer 404);
    `max_inflight` concurrent requests at most, beyond which requests get 503 + Retry-After. A database that cannot
    answer (down, every pooled connection busy past the pool's timeout) is answered 503 + Retry-After too: the
    request changed nothing and the terminal retries. `/metrics` and request ids: `sync.platform.observability`.
    `handover_passphrase` gives the county's hand-over passphrase for `POST /v1/handover` (`sync.platform.handover`;
    None: that route answers 503)."""
    signer = platform_signer(store)
    metrics = Metrics()
    engine = getattr(store, "engine", None)
    if engine is not None:
        metrics.pool_stats = engine.pool_stats
    platform_public_key = protocol.b64encode(signer.public_key_bytes())
    snapshot_cache: dict[tuple[str, int], bytes] = {}

    def authenticate(request: Request) -> dict[str, Any]:
        known = request.scope.get("state", {}).get(AUTHENTICATED_TERMINAL)
        if known is not None:  # the request guard checked this request's token against the store already
            return dict(known)
        terminal_id = request.headers.get(protocol.HEADER_TERMINAL, "")
        auth = request.headers.get("authorization", "")
        if not terminal_id or not auth.startswith("Bearer "):
            raise HttpError(401, f"authentication required: Authorization: Bearer and {protocol.HEADER_TERMINAL}")
        token = auth[7:].strip()
        terminal = None
        if validation.TERMINAL_ID_RE.match(terminal_id) and len(token) <= 256:
            terminal = store.authenticate(terminal_id, token)
        if terminal is None:
            raise HttpError(401, "unknown terminal or wrong token")
        if terminal["revoked_at"]:
            raise HttpError(403, "terminal revoked")
        return terminal

    async def authenticated(request: Request) -> dict[str, Any]:
        """`authenticate` without a thread hop when the request guard already checked the token."""
        known = request.scope.get("state", {}).get(AUTHENTICATED_TERMINAL)
        if known is not None:
            return dict(known)
        return await run_blocking(authenticate, request)

    async def health(request: Request) -> Response:
        """Up, and the database answers (503 when it does not: a proxy or orchestrator takes the node out)."""
        _query(request)
        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        ping = getattr(store, "ping", None)
        if ping is not None:
            try:
                await run_blocking(ping)
            except StorageUnavailable as exc:
                log.warning("health: database unavailable: %s", exc)
                return _json(
                    {"error": "database unavailable", "status": "unavailable", "time": now},
                    503,
                    headers={"Retry-After": str(StorageUnavailable.retry_after)},
                )
        return _json({"status": "ok", "time": now, "protocol": protocol.PROTOCOL_VERSION, "database": "ok"})

    async def enroll(request: Request) -> Response:
        _query(request)
        body = validation.validate_enrollment(await _read_json(request, MAX_ENROLL_BYTES))
        result = await run_blocking(store.enroll, body["code"], body["public_key"], body["algorithm"])
        if result["outcome"] == "unknown_code":
            raise HttpError(403, "unknown enrollment code")
        if result["outcome"] == "code_used":
            raise HttpError(409, "enrollment code already used by another terminal")
        if result["outcome"] == "numbers_used_up":
            raise HttpError(409, f"division {result['division']} has no terminal numbers left (01-99 all given)")
        division = body["division"]
        if division and division != result["division"]:
            log.warning(
                "terminal %s enrolled for %s but configured for %s", result["terminal_id"], result["division"], division
            )
        return _json(
            {
                "terminal_id": result["terminal_id"],
                "token": result["token"],
                "platform_public_key": platform_public_key,
                "algorithm": signer.algorithm,
                "division": result["division"],
                "terminal_no": result["terminal_no"],
            }
        )

    async def attachment_get(request: Request) -> Response:
        terminal = await authenticated(request)
        _query(request)
        sha = validation.sha256_param(request.path_params["sha256"])
        state = await run_blocking(store.attachment, sha, terminal["terminal_id"])
        if state is None:
            raise HttpError(404, "attachment upload never started")
        return _json(
            {"sha256": sha, "received": state["received"], "complete": state["complete"], "length": state["length"]}
        )

    async def attachment_patch(request: Request) -> Response:
        terminal = await authenticated(request)
        _query(request)
        sha = validation.sha256_param(request.path_params["sha256"])
        headers = request.headers
        offset = validation.decimal(headers.get(protocol.HEADER_UPLOAD_OFFSET), "Upload-Offset", 0, 2**62)
        length = validation.decimal(headers.get(protocol.HEADER_UPLOAD_LENGTH), "Upload-Length", 0, 2**62)
        if offset > length:
            raise HttpError(400, "need 0 <= Upload-Offset <= Upload-Length")
        if length > MAX_ATTACHMENT_BYTES:
            raise HttpError(413, f"attachments are limited to {MAX_ATTACHMENT_BYTES} bytes")
        data = await _read_body(request, protocol.MAX_CHUNK)
        try:
            result = await run_blocking(store.write_chunk, terminal["terminal_id"], sha, offset, length, data)
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
        if outcome == "too_many":
            raise HttpError(429, "too many uploads in progress for this terminal; finish some first")
        if outcome == "hash_mismatch":
            raise HttpError(422, "received bytes do not hash to the attachment id; upload discarded", received=0)
        metrics.count_intake("chunk_complete" if result["complete"] else "chunk", len(data))
        return _json(state)

    async def records_post(request: Request) -> Response:
        terminal = await authenticated(request)
        _query(request)
        record = validate_record(await _read_json(request))
        verifier = protocol.make_verifier(terminal["algorithm"], protocol.b64decode(terminal["public_key"]))
        if not protocol.envelope_verifies(verifier, terminal["terminal_id"], record):
            raise HttpError(
                400,
                "envelope_signature does not verify with the terminal's key over this record id, kind, receipt "
                "number, sequence, terminal and content hash",
            )
        legacy = record.get("signature")  # the content-hash signature of protocol v1, still sent beside: must hold too
        if legacy is not None and not verifier.verify(
            protocol.record_signing_bytes(record["content_hash"]), protocol.b64decode(legacy)
        ):
            raise HttpError(400, "signature does not verify with the terminal's key")
        result = await run_blocking(store.put_record, terminal["terminal_id"], record)
        metrics.count_intake("record_" + result["result"])
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
            "record refers to attachments the platform does not hold from this terminal (upload them first)",
            missing_attachments=result["missing_attachments"],
        )

    async def status_get(request: Request) -> Response:
        terminal = await authenticated(request)
        _query(request, "cursor", "limit")
        cursor = _int_param(request, "cursor", 0, 0, validation.MAX_CURSOR)
        limit = _int_param(request, "limit", 100, 1, MAX_PAGE)
        changes = await run_blocking(store.status_changes, terminal["terminal_id"], cursor, limit)
        next_cursor = changes[-1]["cursor"] if changes else cursor
        return _json({"changes": changes, "next_cursor": next_cursor})

    def _catalog() -> CatalogSource:
        if catalog is None:
            raise HttpError(404, "this platform serves no catalog")
        return catalog

    async def catalog_snapshot(request: Request) -> Response:
        terminal = await authenticated(request)
        _query(request, "division")
        source = _catalog()
        division = validation.division_param(request.query_params.get("division"), terminal["division"])
        key = (division, (await run_blocking(store.catalog_head))[0])
        body = snapshot_cache.get(key)
        if body is None:  # built and signed once per catalog release (and division), then served from memory
            envelope = await run_blocking(signed_snapshot, store, source, signer, division)
            body = bytes(JSONResponse(envelope).body)
            snapshot_cache.clear()
            snapshot_cache[key] = body
        return Response(body, media_type="application/json")

    async def catalog_changes(request: Request) -> Response:
        await authenticated(request)
        _query(request, "cursor", "limit")
        source = _catalog()
        cursor = _int_param(request, "cursor", 0, 0, validation.MAX_CURSOR)
        limit = _int_param(request, "limit", CATALOG_PAGE, 1, MAX_PAGE)
        rows = await run_blocking(store.catalog_changes, cursor, limit)
        if rows:
            version = rows[-1]["bundle_version"]
        else:
            head, head_version = await run_blocking(store.catalog_head)
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

    async def staff_roster(request: Request) -> Response:
        """The hall's staff roster, signed (sync.platform.staff; issue 14)."""
        terminal = await authenticated(request)
        _query(request)
        return _json(await run_blocking(signed_roster, store, signer, terminal))

    routes = [
        Route("/v1/health", health, methods=["GET"]),
        Route("/v1/enroll", enroll, methods=["POST"]),
        Route("/v1/attachments/{sha256}", attachment_get, methods=["GET"]),
        Route("/v1/attachments/{sha256}", attachment_patch, methods=["PATCH"]),
        Route("/v1/records", records_post, methods=["POST"]),
        Route(
            "/v1/handover",
            handover.handover_endpoint(store, authenticate, handover_passphrase or (lambda: None)),
            methods=["POST"],
        ),
        Route("/v1/status", status_get, methods=["GET"]),
        Route("/v1/catalog/snapshot", catalog_snapshot, methods=["GET"]),
        Route("/v1/catalog/changes", catalog_changes, methods=["GET"]),
        Route("/v1/staff/roster", staff_roster, methods=["GET"]),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HttpError)
        return _json(exc.body, exc.status)

    async def unavailable(request: Request, exc: Exception) -> Response:
        log.warning("%s %s: database unavailable: %s", request.method, request.url.path, exc)
        return _json(
            {"error": "platform database unavailable, retry later"},
            503,
            headers={"Retry-After": str(StorageUnavailable.retry_after)},
        )

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return _json({"error": str(getattr(exc, "detail", "not found"))}, status)

    app = Starlette(
        routes=routes,
        exception_handlers={HttpError: http_error, StorageUnavailable: unavailable, 404: not_found, 405: not_found},
        middleware=[
            Middleware(ObservabilityMiddleware, metrics=metrics),
            Middleware(OverloadGuard, max_inflight=max_inflight, metrics=metrics),
        ],
    )
    app.state.store = store
    app.state.metrics = metrics
    app.state.platform_public_key = platform_public_key
    return app
