"""The terminal's HTTP client for sync protocol v1 (docs/platform-api.yaml).

Contract: every answer becomes a result or one exception of the `SyncError` hierarchy (transient, offline, auth,
rejected …), so the outbox decides at the right level. Details: docs/sync-internals.md.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from sync import protocol

__all__ = [
    "AuthError",
    "ConflictError",
    "Credentials",
    "HashMismatch",
    "MissingAttachments",
    "OfflineError",
    "OffsetMismatch",
    "PlatformClient",
    "RejectedError",
    "ServerClock",
    "StatusPage",
    "SyncError",
    "TransientError",
    "UploadState",
]


class Credentials(Protocol):
    """What the client needs of an enrolled terminal (the keystore provides it)."""

    @property
    def terminal_id(self) -> str: ...

    @property
    def token(self) -> str: ...

    @property
    def signer(self) -> protocol.Signer: ...


class SyncError(Exception):
    status: int | None = None


class TransientError(SyncError):
    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class OfflineError(TransientError):
    pass


class AuthError(SyncError):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class RejectedError(SyncError):
    def __init__(self, message: str, status: int, body: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body or {}


class ConflictError(RejectedError):
    pass


class OffsetMismatch(RejectedError):
    @property
    def received(self) -> int | None:
        value = self.body.get("received")
        return value if isinstance(value, int) and not isinstance(value, bool) else None


class HashMismatch(RejectedError):
    pass


class MissingAttachments(RejectedError):
    @property
    def missing(self) -> list[str]:
        value = self.body.get("missing_attachments")
        return [str(v) for v in value] if isinstance(value, list) else []


@dataclass(frozen=True, slots=True)
class UploadState:
    sha256: str
    received: int
    complete: bool


@dataclass(frozen=True, slots=True)
class ServerClock:
    """The platform's time and our offset to it (server − local, seconds), measured at the middle of the request."""

    server_time: dt.datetime
    offset_s: float


@dataclass(frozen=True, slots=True)
class StatusPage:
    changes: list[dict[str, Any]]
    next_cursor: int


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date, RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


class PlatformClient:
    """One platform endpoint. Not thread-safe: one client per delivery thread."""

    def __init__(
        self,
        base_url: str,
        credentials: Credentials | None = None,
        *,
        timeout: float | httpx.Timeout = 30.0,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._clock = clock
        self.credentials = credentials
        if isinstance(timeout, (int, float)):
            timeout = httpx.Timeout(timeout, connect=min(float(timeout), 10.0))
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -------------------------------------------------------------------------------------------------

    def _headers(self, auth: bool) -> dict[str, str]:
        if not auth:
            return {}
        if self.credentials is None:
            raise AuthError("this terminal is not enrolled (yunban enroll)", 401)
        return {
            "Authorization": f"Bearer {self.credentials.token}",
            protocol.HEADER_TERMINAL: self.credentials.terminal_id,
        }

    def _request(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        all_headers = self._headers(auth)
        if headers:
            all_headers.update(headers)
        try:
            resp = self._http.request(method, path, headers=all_headers, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise OfflineError(f"platform unreachable: {type(exc).__name__}: {exc}") from exc
        except httpx.TransportError as exc:
            # Read/write timeouts, resets, responses cut short (RemoteProtocolError): the request's fate is unknown.
            raise TransientError(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        if resp.status_code >= 500 or resp.status_code == 429:
            raise TransientError(
                f"{method} {path}: HTTP {resp.status_code} {self._error_text(resp)}",
                status=resp.status_code,
                retry_after=parse_retry_after(resp.headers.get("retry-after")),
            )
        if resp.status_code in (401, 403):
            raise AuthError(
                f"platform refused this terminal: HTTP {resp.status_code} {self._error_text(resp)}", resp.status_code
            )
        return resp

    @staticmethod
    def _error_text(resp: httpx.Response) -> str:
        try:
            body = resp.json()
        except ValueError:
            return resp.text[:200]
        if isinstance(body, dict) and isinstance(body.get("error"), str):
            return str(body["error"])
        return resp.text[:200]

    @staticmethod
    def _json(resp: httpx.Response) -> dict[str, Any]:
        try:
            body = resp.json()
        except ValueError as exc:  # truncated or garbled body (a proxy cut it): unknown outcome, retry
            raise TransientError(
                f"unreadable answer (HTTP {resp.status_code}): {exc}", status=resp.status_code
            ) from exc
        if not isinstance(body, dict):
            raise TransientError(f"unexpected answer (HTTP {resp.status_code}): not a JSON object")
        return body

    def _rejected(self, resp: httpx.Response, what: str) -> RejectedError:
        try:
            body = resp.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        return RejectedError(
            f"{what}: HTTP {resp.status_code} {body.get('error') or resp.text[:200]}", resp.status_code, body
        )

    # -- endpoints ------------------------------------------------------------------------------------------------

    def health(self) -> ServerClock:
        """GET /v1/health: reachable? and the server clock offset (from the body's `time`, else the Date header)."""
        t0 = self._clock()
        resp = self._request("GET", "/v1/health", auth=False)
        t1 = self._clock()
        if resp.status_code != 200:
            raise TransientError(f"health check: HTTP {resp.status_code}", status=resp.status_code)
        body = self._json(resp)
        try:
            server = _parse_iso(str(body["time"]))
        except (KeyError, ValueError):
            date = resp.headers.get("date")
            if not date:
                raise TransientError("health answer carries no time") from None
            server = email.utils.parsedate_to_datetime(date)
        if server.tzinfo is None:
            server = server.replace(tzinfo=dt.UTC)
        return ServerClock(server_time=server, offset_s=server.timestamp() - (t0 + t1) / 2)

    def attachment_state(self, sha256: str) -> UploadState | None:
        resp = self._request("GET", f"/v1/attachments/{sha256}")
        if resp.status_code == 404:
            return None
        if resp.status_code != 200:
            raise self._rejected(resp, f"attachment {sha256[:12]}")
        body = self._json(resp)
        return UploadState(sha256, int(body.get("received", 0)), bool(body.get("complete")))

    def upload_chunk(self, sha256: str, offset: int, total: int, data: bytes) -> UploadState:
        resp = self._request(
            "PATCH",
            f"/v1/attachments/{sha256}",
            headers={
                protocol.HEADER_UPLOAD_OFFSET: str(offset),
                protocol.HEADER_UPLOAD_LENGTH: str(total),
                "Content-Type": "application/offset+octet-stream",
            },
            content=data,
        )
        if resp.status_code == 200:
            body = self._json(resp)
            return UploadState(sha256, int(body.get("received", 0)), bool(body.get("complete")))
        err = self._rejected(resp, f"attachment {sha256[:12]} at {offset}")
        if resp.status_code == 409:
            raise OffsetMismatch(str(err), 409, err.body)
        if resp.status_code == 422:
            raise HashMismatch(str(err), 422, err.body)
        raise err

    def handover(self, bundle_sha256: str) -> dict[str, Any]:
        """POST /v1/handover: import the hand-over bundle this terminal uploaded as attachment `bundle_sha256`
        (`sync.handover`) → {"summary", "ack"}."""
        # The import of a large bundle takes longer than one record: minutes, not the per-request timeout.
        timeout = httpx.Timeout(600.0, connect=10.0)
        resp = self._request("POST", "/v1/handover", json={"bundle_sha256": bundle_sha256}, timeout=timeout)
        if resp.status_code != 200:
            raise self._rejected(resp, f"hand-over bundle {bundle_sha256[:12]}")
        body = self._json(resp)
        if not isinstance(body.get("ack"), dict) or not isinstance(body.get("summary"), dict):
            raise RejectedError("hand-over answer without ack and summary", resp.status_code, body)
        return body

    def post_record(self, record: dict[str, Any]) -> tuple[int, str]:
        """POST /v1/records → (HTTP status, "stored" | "duplicate")."""
        resp = self._request("POST", "/v1/records", json=record)
        if resp.status_code in (200, 201):
            body = self._json(resp)
            result = body.get("result")
            if result not in ("stored", "duplicate"):
                raise TransientError(f"unexpected record answer: {body!r}"[:200], status=resp.status_code)
            return resp.status_code, str(result)
        err = self._rejected(resp, f"record {record.get('record_id')}")
        if resp.status_code == 409:
            raise ConflictError(str(err), 409, err.body)
        if resp.status_code == 422 and "missing_attachments" in err.body:
            raise MissingAttachments(str(err), 422, err.body)
        raise err

    def status_page(self, cursor: int, limit: int = 100) -> StatusPage:
        resp = self._request("GET", "/v1/status", params={"cursor": cursor, "limit": limit})
        if resp.status_code != 200:
            raise self._rejected(resp, "status feed")
        body = self._json(resp)
        changes = body.get("changes")
        next_cursor = body.get("next_cursor")
        if not isinstance(changes, list) or not isinstance(next_cursor, int):
            raise TransientError("malformed status page")
        return StatusPage(changes=[c for c in changes if isinstance(c, dict)], next_cursor=next_cursor)
